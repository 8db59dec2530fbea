from rebellab.network.plugin import register

__all__ = ["register"]
