from rebellab.directory.plugin import register

__all__ = ["register"]
