"""The dossier lifecycle: allowed status moves as data, one function that applies them.

aangemeld → geverifieerd → eerste gesprek gevoerd → plan vastgesteld → (afbouw) →
beëindigd → nazorg → afgesloten. Each move writes one event in the dossier's log
and refreshes the terms derived from the events. Later issues (plan, beëindiging)
call ``voer_transitie_uit`` with their own preconditions checked first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from nieuwestart.beleid.regels import Beleidsregel, RegelOvertreding

from .gebeurtenissen import GebeurtenisSoort
from .models import Dossier, DossierGebeurtenis, DossierStatus

S = DossierStatus
ACTIEF = frozenset({S.AANGEMELD, S.GEVERIFIEERD, S.EERSTE_GESPREK_GEVOERD, S.PLAN_VASTGESTELD})


@dataclass(frozen=True)
class Transitie:
    naam: str
    label: str
    van: frozenset[DossierStatus]
    naar: DossierStatus
    gebeurtenis: GebeurtenisSoort


TRANSITIES: dict[str, Transitie] = {
    t.naam: t
    for t in (
        Transitie("verificatie_bevestigen", _("Recht bevestigd door UHT"), frozenset({S.AANGEMELD}), S.GEVERIFIEERD, GebeurtenisSoort.GEVERIFIEERD),
        Transitie("eerste_gesprek_voeren", _("Eerste gesprek gevoerd"), frozenset({S.GEVERIFIEERD}), S.EERSTE_GESPREK_GEVOERD, GebeurtenisSoort.EERSTE_GESPREK_GEVOERD),
        Transitie("plan_vaststellen", _("Plan van aanpak vastgesteld"), frozenset({S.EERSTE_GESPREK_GEVOERD}), S.PLAN_VASTGESTELD, GebeurtenisSoort.PLAN_VASTGESTELD),
        Transitie("afbouw_starten", _("Afbouw gestart"), ACTIEF, S.AFBOUW, GebeurtenisSoort.AFBOUW_GESTART),
        Transitie("beeindigen", _("Ondersteuning beëindigd"), ACTIEF | {S.AFBOUW}, S.BEEINDIGD, GebeurtenisSoort.BEEINDIGD),
        Transitie("nazorg_starten", _("Nazorg gestart"), frozenset({S.BEEINDIGD}), S.NAZORG, GebeurtenisSoort.NAZORG_GESTART),
        Transitie("afsluiten", _("Dossier afgesloten"), frozenset({S.BEEINDIGD, S.NAZORG}), S.AFGESLOTEN, GebeurtenisSoort.AFGESLOTEN),
    )
}

STATUS_STAAT_DIT_NIET_TOE = Beleidsregel(
    code="STATUS_STAAT_DIT_NIET_TOE",
    naam=_("De stap past bij de status van het dossier"),
    uitleg=_("Deze stap kan niet in de huidige status van het dossier."),
    bron="levensloop van het dossier",
)


class TransitieNietToegestaan(RegelOvertreding):
    pass


def toegestane_transities(dossier: Dossier) -> list[Transitie]:
    return [t for t in TRANSITIES.values() if dossier.status in t.van]


def controleer_transitie(dossier: Dossier, naam: str) -> Transitie:
    transitie = TRANSITIES[naam]
    if dossier.status not in transitie.van:
        toegestaan = [f"'{DossierStatus(st).label}'" for st in DossierStatus if st in transitie.van]
        lijst = toegestaan[0] if len(toegestaan) == 1 else ", ".join(toegestaan[:-1]) + _(" of ") + toegestaan[-1]
        raise TransitieNietToegestaan(
            STATUS_STAAT_DIT_NIET_TOE,
            _("Dit kan nu niet. Het dossier heeft de status '%(status)s'. "
              "De stap '%(stap)s' kan alleen bij de status %(toegestaan)s.")
            % {"stap": transitie.label, "status": DossierStatus(dossier.status).label, "toegestaan": lijst},
        )
    return transitie


def gebeurtenis_vastleggen(
    dossier: Dossier,
    soort: GebeurtenisSoort,
    *,
    door,
    datum: date,
    gegevens: dict[str, Any] | None = None,
    toelichting: str = "",
    termijnen_bijwerken: bool = True,
    kalender=None,
    instellingen=None,
) -> DossierGebeurtenis:
    """Append an event and refresh the dossier's terms. Call inside a transaction.

    A bulk caller (an import) passes ``kalender`` and ``instellingen`` once instead of per event.
    """
    from nieuwestart.termijnen.services import termijnen_bijwerken as bijwerken

    gebeurtenis = DossierGebeurtenis.objects.create(
        dossier=dossier, soort=soort, datum=datum, door=door, gegevens=gegevens or {}, toelichting=toelichting
    )
    if termijnen_bijwerken:
        bijwerken(dossier, kalender=kalender, instellingen=instellingen)
    return gebeurtenis


@transaction.atomic
def voer_transitie_uit(
    dossier: Dossier,
    naam: str,
    *,
    door,
    datum: date,
    gegevens: dict[str, Any] | None = None,
    toelichting: str = "",
    kalender=None,
    instellingen=None,
) -> DossierGebeurtenis:
    # Lock the row so two case workers cannot both move the same dossier.
    locked = Dossier.objects.select_for_update().only("id", "status").get(pk=dossier.pk)
    dossier.status = locked.status
    transitie = controleer_transitie(dossier, naam)
    dossier.status = transitie.naar
    dossier.save(update_fields=["status", "gewijzigd_op"])
    return gebeurtenis_vastleggen(
        dossier, transitie.gebeurtenis, door=door, datum=datum, gegevens=gegevens, toelichting=toelichting,
        kalender=kalender, instellingen=instellingen,
    )
