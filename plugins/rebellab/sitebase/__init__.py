from rebellab.sitebase.plugin import register

__all__ = ["register"]
