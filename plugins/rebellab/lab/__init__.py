from rebellab.lab.plugin import register

__all__ = ["register"]
