from labdata.plugin import register

__all__ = ["register"]
