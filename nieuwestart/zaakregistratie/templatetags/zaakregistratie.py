"""``{% zaakregistratie_stand dossier %}``: the publication state on the dossier page (one query; nothing when off)."""

from django import template

from nieuwestart.zaakregistratie.selectors import stand_voor_dossier

register = template.Library()


@register.inclusion_tag("zaakregistratie/_stand.html")
def zaakregistratie_stand(dossier):
    return {"zaakregistratie": stand_voor_dossier(dossier)}
