"""``{% beeindiging_sectie dossier mag_wijzigen %}``: the "Einde van de ondersteuning en nazorg" section of the dossier page."""

from django import template
from django.utils import timezone

from nieuwestart.beeindiging.selectors import dossiersectie

register = template.Library()


@register.inclusion_tag("beeindiging/_dossier_sectie.html")
def beeindiging_sectie(dossier, mag_wijzigen=False):
    return {"sectie": dossiersectie(dossier, vandaag=timezone.localdate(), mag_wijzigen=bool(mag_wijzigen))}
