from rebellab.search.plugin import register

__all__ = ["register"]
