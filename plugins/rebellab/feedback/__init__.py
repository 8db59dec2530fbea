from rebellab.feedback.plugin import register

__all__ = ["register"]
