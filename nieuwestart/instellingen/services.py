"""Change the municipality's settings and the extra ATW holidays, each as one transaction."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q

from nieuwestart.dossiers.models import Dossier
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.termijnen.models import ExtraFeestdag, Termijn
from nieuwestart.termijnen.services import atw_kalender, termijnen_bijwerken

from .models import GemeenteInstellingen
from .selectors import gemeente_instellingen

WIJZIGBARE_VELDEN = ("gemeentenaam", "gemeentecode", "eerste_gesprek_weken", "bezwaartermijn_weken")


@transaction.atomic
def instellingen_wijzigen(*, door, **waarden) -> GemeenteInstellingen:
    instellingen = gemeente_instellingen()
    onbekend = set(waarden) - set(WIJZIGBARE_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown settings: {sorted(onbekend)}")
    for veld, waarde in waarden.items():
        setattr(instellingen, veld, waarde)
    instellingen.gewijzigd_door = door
    instellingen.full_clean()
    instellingen.save()
    return instellingen


# --- Extra holidays (ATW art. 3 lid 3) ------------------------------------------------------

# A holiday moves an end date that falls on it to the next working day; with weekends and
# other holidays around it that is at most a few days. Terms ending within this many days
# of the holiday (before or after) are the only ones that can change.
FEESTDAG_BEREIK_DAGEN = 7


def _termijnen_rond_feestdag_bijwerken(datum) -> int:
    """Recompute the stored terms of the open dossiers a holiday on ``datum`` can affect.

    Call after the holiday was added or removed: the calendar is read once, after the change.
    """
    van, tot = datum - timedelta(days=FEESTDAG_BEREIK_DAGEN), datum + timedelta(days=FEESTDAG_BEREIK_DAGEN)
    geraakt = Termijn.objects.filter(
        Q(einddatum__range=(van, tot)) | Q(oorspronkelijke_einddatum__range=(van, tot))
    ).values("dossier_id")
    kalender = atw_kalender()
    instellingen = gemeente_instellingen()
    aantal = 0
    dossiers = Dossier.objects.open().filter(pk__in=geraakt).prefetch_related("gebeurtenissen")
    for dossier in dossiers.iterator(chunk_size=500):
        termijnen_bijwerken(dossier, kalender=kalender, instellingen=instellingen)
        aantal += 1
    return aantal


@transaction.atomic
def extra_feestdag_toevoegen(*, door, request=None, datum, naam, grondslag=""):
    """Add a holiday by Royal Decree and move the stored terms that end on it, at once."""
    feestdag = ExtraFeestdag(datum=datum, naam=naam, grondslag=grondslag)
    feestdag.full_clean()
    feestdag.save()
    _termijnen_rond_feestdag_bijwerken(datum)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="feestdag_toegevoegd", resultaat="GELUKT", object_type="feestdag",
        object_id=datum.isoformat(), actor=door,
    )
    return feestdag


@transaction.atomic
def extra_feestdag_verwijderen(*, door, request=None, feestdag) -> None:
    """Remove a holiday and move the stored terms it had moved back, at once."""
    datum = feestdag.datum
    feestdag.delete()
    _termijnen_rond_feestdag_bijwerken(datum)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="feestdag_verwijderd", resultaat="GELUKT", object_type="feestdag",
        object_id=datum.isoformat(), actor=door,
    )
