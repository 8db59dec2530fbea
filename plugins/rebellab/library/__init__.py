from rebellab.library.plugin import register

__all__ = ["register"]
