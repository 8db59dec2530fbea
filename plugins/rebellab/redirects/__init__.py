from rebellab.redirects.plugin import register

__all__ = ["register"]
