"""Change the municipality's settings, as one transaction."""

from django.db import transaction

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
