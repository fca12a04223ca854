"""``{% overdracht_sectie dossier mag_wijzigen %}``: moving to another municipality, on the dossier page."""

from django import template

from nieuwestart.overdracht.models import Richting
from nieuwestart.overdracht.selectors import overdrachten_van
from nieuwestart.overdracht.services import OVERDRAAGBAAR
from nieuwestart.toegang.regels import OVERDRACHT_EXPORTEREN

register = template.Library()


@register.inclusion_tag("overdracht/_dossier_sectie.html", takes_context=True)
def overdracht_sectie(context, dossier, mag_wijzigen=False):
    request = context.get("request")
    overdrachten = overdrachten_van(dossier)
    lopend = dossier.status in OVERDRAAGBAAR
    return {
        "dossier": dossier,
        "overdrachten": overdrachten,
        "kan_exporteren": lopend and request is not None and OVERDRACHT_EXPORTEREN.staat_toe(request.user),
        "kan_beeindigen": bool(mag_wijzigen) and lopend and any(o.richting == Richting.UITGAAND for o in overdrachten),
    }
