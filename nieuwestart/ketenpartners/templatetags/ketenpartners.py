"""``{% ketenpartners_sectie dossier mag_wijzigen %}``: special groups, driegesprekken and referrals on the dossier page."""

from django import template

from nieuwestart.ketenpartners.selectors import sectie_voor

register = template.Library()


@register.inclusion_tag("ketenpartners/_dossier_sectie.html")
def ketenpartners_sectie(dossier, mag_wijzigen=False):
    return {"s": sectie_voor(dossier), "dossier": dossier, "mag_wijzigen": bool(mag_wijzigen)}
