"""``{% plan_sectie dossier mag_wijzigen %}``: the "Plan van aanpak" section of the dossier page (one query)."""

from django import template

from nieuwestart.plannen.models import Planstatus, Planversie
from nieuwestart.plannen.services import PLAN_MOGELIJK

register = template.Library()


@register.inclusion_tag("plannen/_dossier_sectie.html")
def plan_sectie(dossier, mag_wijzigen=False):
    versies = list(
        Planversie.objects.filter(dossier=dossier).select_related("uitgegeven_door").order_by("versie")
    )
    return {
        "dossier": dossier,
        "versies": versies,
        "concept": next((v for v in versies if v.status == Planstatus.CONCEPT), None),
        "mag_wijzigen": bool(mag_wijzigen),
        "kan_plan": dossier.status in PLAN_MOGELIJK,
    }
