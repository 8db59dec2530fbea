from rebellab.events.plugin import register

__all__ = ["register"]
