"""Dutch number formatting for the report tables (1.234 and 1.234,56; an empty cell is a dash)."""

from decimal import Decimal

from django import template

register = template.Library()


def _groepeer(geheel: str) -> str:
    teken = "-" if geheel.startswith("-") else ""
    geheel = geheel.lstrip("-")
    delen = []
    while len(geheel) > 3:
        delen.insert(0, geheel[-3:])
        geheel = geheel[:-3]
    delen.insert(0, geheel)
    return teken + ".".join(delen)


@register.filter
def nl_getal(waarde):
    if waarde is None or waarde == "":
        return "–"
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, int):
        return _groepeer(str(waarde))
    if isinstance(waarde, Decimal):
        geheel, _punt, fractie = f"{waarde.quantize(Decimal('0.01'))}".partition(".")
        return f"{_groepeer(geheel)},{fractie}"
    if isinstance(waarde, float):
        tekst = f"{waarde:.1f}" if round(waarde, 1) == round(waarde, 2) else f"{waarde:.2f}"
        geheel, _punt, fractie = tekst.partition(".")
        return f"{_groepeer(geheel)},{fractie}"
    return waarde


@register.filter
def is_getal(waarde) -> bool:
    return isinstance(waarde, (int, float, Decimal)) and not isinstance(waarde, bool)


@register.simple_tag
def rapportages_menu(user):
    """The report pages this user may open, in menu order."""
    from django.utils.translation import gettext as _

    from nieuwestart.toegang.regels import FINANCIEN_BEHEREN, GELIJKE_BEHANDELING, RAPPORTAGES_LEZEN

    menu = []
    if RAPPORTAGES_LEZEN.staat_toe(user):
        menu += [
            ("rapportages:bereik", _("Bereik en gebruik")),
            ("rapportages:doorlooptijden", _("Doorlooptijden")),
            ("rapportages:ondersteuning", _("Ondersteuning")),
            ("financien:sisa", _("Kosten en SiSa")),
        ]
    if GELIJKE_BEHANDELING.staat_toe(user):
        menu.append(("rapportages:gelijke_behandeling", _("Gelijke behandeling")))
    if RAPPORTAGES_LEZEN.staat_toe(user):
        menu += [("rapportages:benchmark_export", _("Vergelijken met andere gemeenten"))]
    if FINANCIEN_BEHEREN.staat_toe(user):
        menu += [
            ("financien:organisatiekosten", _("Organisatiekosten")),
            ("financien:initiatieven", _("Collectieve initiatieven")),
            ("financien:uht_tellingen", _("Tellingen van UHT")),
        ]
    return menu
