"""``{% beschikkingen_sectie dossier mag_wijzigen %}``: the beschikkingen section of the dossier page (two queries)."""

from django import template
from django.utils import timezone

from nieuwestart.beschikkingen.selectors import dossiersectie

register = template.Library()


@register.inclusion_tag("beschikkingen/_dossier_sectie.html")
def beschikkingen_sectie(dossier, mag_wijzigen=False):
    return {"sectie": dossiersectie(dossier, vandaag=timezone.localdate(), mag_wijzigen=bool(mag_wijzigen))}
