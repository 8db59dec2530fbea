from rebellab.forms.plugin import register

__all__ = ["register"]
