"""Keep a dossier's stored terms in step with its events.

The engine (``engine.py``) is pure; this module feeds it the dossier's events, the
municipality's settings and the holiday calendar, and stores the result. It is the
only writer of ``Termijn`` rows and of ``Dossier.volgende_termijn_*``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from nieuwestart.common.bulk import rijen_invoegen
from nieuwestart.instellingen.selectors import gemeente_instellingen

from .engine import Beleid, BerekendeTermijn, Gebeurtenis, bereken_termijnen, eerstvolgende_open_termijn
from .kalender import AtwKalender
from .models import ExtraFeestdag, Termijn


def atw_kalender() -> AtwKalender:
    return AtwKalender(dict(ExtraFeestdag.objects.values_list("datum", "naam")))


def beleid_voor(gebeurtenissen: list[Gebeurtenis], instellingen=None) -> Beleid:
    """The local policy that applies to one dossier.

    The eerste-gesprek term is the one in force when the person registered (stored on
    the AANGEMELD event); other settings apply as they are now.
    """
    instellingen = instellingen or gemeente_instellingen()
    weken = instellingen.eerste_gesprek_weken
    for g in gebeurtenissen:
        if g.soort == "AANGEMELD" and g.gegevens.get("eerste_gesprek_weken"):
            weken = int(g.gegevens["eerste_gesprek_weken"])
            break
    return Beleid(
        eerste_gesprek_weken=weken, bezwaartermijn_weken=instellingen.bezwaartermijn_weken,
        nazorg_eerste_weken=instellingen.nazorg_eerste_weken, nazorg_tweede_maanden=instellingen.nazorg_tweede_maanden,
    )


def als_gebeurtenissen(rijen) -> list[Gebeurtenis]:
    return [Gebeurtenis(id=r.id, soort=r.soort, datum=r.datum, gegevens=r.gegevens or {}) for r in rijen]


def termijnen_berekenen(dossier, *, kalender: AtwKalender | None = None, instellingen=None) -> list[BerekendeTermijn]:
    gebeurtenissen = als_gebeurtenissen(dossier.gebeurtenissen.all())
    return bereken_termijnen(
        gebeurtenissen,
        beleid=beleid_voor(gebeurtenissen, instellingen),
        kalender=kalender or atw_kalender(),
    )


def als_rij(dossier, t: BerekendeTermijn) -> Termijn:
    return Termijn(
        dossier=dossier,
        regel=t.regel.code,
        sleutel=t.sleutel,
        startdatum=t.startdatum,
        oorspronkelijke_einddatum=t.oorspronkelijke_einddatum,
        einddatum=t.einddatum,
        opgeschorte_dagen=t.opgeschorte_dagen,
        opgeschort_sinds=t.opgeschort_sinds,
        verdaagd_tot=t.verdaagd_tot,
        atw_verlengd=t.atw_verlengd,
        voldaan_op=t.voldaan_op,
        vervallen_op=t.vervallen_op,
    )


@dataclass(frozen=True)
class Termijnbeeld:
    """The terms that follow from a list of events, and the next open one (for the worklist)."""

    berekend: tuple[BerekendeTermijn, ...]
    volgende_einddatum: date | None
    volgende_regel: str


def termijnbeeld(gebeurtenissen: list[Gebeurtenis], *, kalender: AtwKalender, instellingen, vandaag: date) -> Termijnbeeld:
    """Pure: what ``termijnen_bijwerken`` would store for a dossier with exactly these events.

    Bulk writers (a portal import creating thousands of identical new dossiers) compute this once
    per distinct event list and store it with ``nieuwe_termijnen_opslaan``.
    """
    berekend = bereken_termijnen(gebeurtenissen, beleid=beleid_voor(gebeurtenissen, instellingen), kalender=kalender)
    volgende = eerstvolgende_open_termijn(berekend, vandaag=vandaag)
    return Termijnbeeld(
        tuple(berekend), volgende.einddatum if volgende else None, volgende.regel.code if volgende else ""
    )


_TERMIJNVELDEN = (
    "dossier_id", "regel", "sleutel", "startdatum", "oorspronkelijke_einddatum", "einddatum", "opgeschorte_dagen",
    "opgeschort_sinds", "verdaagd_tot", "atw_verlengd", "voldaan_op", "vervallen_op",
)


def nieuwe_termijnen_opslaan(paren: Iterable[tuple[int, Termijnbeeld]]) -> int:
    """Store the terms of new dossiers (``(dossier_id, beeld)``), which have none yet; their
    ``volgende_termijn_*`` fields must already be set from the same ``Termijnbeeld``."""
    return rijen_invoegen(Termijn, _TERMIJNVELDEN, (
        (dossier_id, t.regel.code, t.sleutel, t.startdatum, t.oorspronkelijke_einddatum, t.einddatum,
         t.opgeschorte_dagen, t.opgeschort_sinds, t.verdaagd_tot, t.atw_verlengd, t.voldaan_op, t.vervallen_op)
        for dossier_id, beeld in paren for t in beeld.berekend
    ))


@transaction.atomic
def termijnen_bijwerken(
    dossier, *, vandaag: date | None = None, kalender: AtwKalender | None = None, instellingen=None
) -> list[BerekendeTermijn]:
    """Recompute and store every term of one dossier from its events."""
    vandaag = vandaag or timezone.localdate()
    berekend = termijnen_berekenen(dossier, kalender=kalender, instellingen=instellingen)
    Termijn.objects.filter(dossier=dossier).delete()
    Termijn.objects.bulk_create(als_rij(dossier, t) for t in berekend)
    volgende = eerstvolgende_open_termijn(berekend, vandaag=vandaag)
    dossier.volgende_termijn_einddatum = volgende.einddatum if volgende else None
    dossier.volgende_termijn_regel = volgende.regel.code if volgende else ""
    type(dossier).objects.filter(pk=dossier.pk).update(
        volgende_termijn_einddatum=dossier.volgende_termijn_einddatum,
        volgende_termijn_regel=dossier.volgende_termijn_regel,
    )
    return berekend


def opgeslagen_termijnen(dossier, regels: Iterable[str], *, sleutel: str | None = None) -> list[Termijn]:
    """The stored terms of these rules (and key), newest start first.

    Stored terms are a cache of what the events say. When none of the asked terms is stored, the
    cache may lag behind the events (a bulk path that wrote events without refreshing): rebuild it
    once and read again, so every reader answers "missing" the same way, from the events.
    """
    regels = list(regels)
    dossier_id = getattr(dossier, "pk", dossier)

    def lezen() -> list[Termijn]:
        qs = Termijn.objects.filter(dossier_id=dossier_id, regel__in=regels)
        if sleutel is not None:
            qs = qs.filter(sleutel=sleutel)
        return list(qs.order_by("-startdatum", "-id"))

    rijen = lezen()
    if not rijen:
        from nieuwestart.dossiers.models import Dossier

        termijnen_bijwerken(dossier if hasattr(dossier, "pk") else Dossier.objects.get(pk=dossier_id))
        rijen = lezen()
    return rijen
