from rebellab.leichtesprache.plugin import register

__all__ = ["register"]
