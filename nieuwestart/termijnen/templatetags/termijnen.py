"""The status badge of a term, as one cheap tag (the worklist renders it for every row)."""

from django import template
from django.utils.html import format_html

from nieuwestart.termijnen.engine import TermijnStatus

register = template.Library()

# NL Design System status-badge variants; colours meet WCAG AA (static/css/nieuwestart.css).
BADGE_VARIANT = {
    TermijnStatus.VERLOPEN: "danger",
    TermijnStatus.BIJNA_VERLOPEN: "warning",
    TermijnStatus.VOLDAAN: "success",
    TermijnStatus.VERSTREKEN: "inactive",
    TermijnStatus.VERVALLEN: "inactive",
    TermijnStatus.LOPEND: "neutral",
}


@register.simple_tag
def termijnstatus(status) -> str:
    status = TermijnStatus(status)
    return format_html(
        '<span class="utrecht-status-badge utrecht-status-badge--{}">{}</span>', BADGE_VARIANT[status], status.label
    )
