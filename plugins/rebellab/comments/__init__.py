from rebellab.comments.plugin import register

__all__ = ["register"]
