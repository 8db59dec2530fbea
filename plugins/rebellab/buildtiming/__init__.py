from rebellab.buildtiming.plugin import register

__all__ = ["register"]
