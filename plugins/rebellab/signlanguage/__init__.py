from rebellab.signlanguage.plugin import register

__all__ = ["register"]
