from django import template

from nieuwestart.logboek.selectors import operatie_naam as _operatie_naam

register = template.Library()


@register.filter
def operatie_naam(code: str) -> str:
    """The Dutch name of an operation or action code (falls back to the code, readable)."""
    return _operatie_naam(code or "")
