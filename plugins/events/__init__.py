from events.plugin import register

__all__ = ["register"]
