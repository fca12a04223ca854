"""Read queries for the worklist and the dossier page.

The worklist sorts on the stored next due date (an index); the dossier page loads a
fixed number of queries however many events the dossier has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F
from django.utils.translation import ngettext

from nieuwestart.termijnen.engine import TermijnStatus, termijnstatus
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.regels import TermijnRegel, regel

from .models import Dossier, DossierGebeurtenis


def werkvoorraad_queryset(basis):
    """Overdue first, then soonest due; dossiers without an open term last."""
    return (
        basis.select_related("rechthebbende", "team", "behandelaar")
        .only(
            "id", "dossiernummer", "doelgroep", "status", "aanmelddatum", "volgende_termijn_einddatum",
            "volgende_termijn_regel", "rechthebbende__voornamen", "rechthebbende__tussenvoegsel",
            "rechthebbende__achternaam", "rechthebbende__bsn", "team__naam", "behandelaar__first_name",
            "behandelaar__last_name", "behandelaar__username",
        )
        .order_by(F("volgende_termijn_einddatum").asc(nulls_last=True), "id")
    )


@dataclass(frozen=True)
class VolgendeTermijn:
    naam: str
    einddatum: date
    status: TermijnStatus
    dagen_over: int

    @property
    def dagen_te_laat(self) -> int:
        return max(0, -self.dagen_over)

    @property
    def toelichting(self) -> str:
        """'(3 dagen te laat)' / '(nog 5 dagen)': built here, not per row in the template (hot path)."""
        if self.status == TermijnStatus.VERLOPEN:
            return ngettext("%(n)d dag te laat", "%(n)d dagen te laat", self.dagen_te_laat) % {"n": self.dagen_te_laat}
        if self.status == TermijnStatus.BIJNA_VERLOPEN:
            return ngettext("nog %(n)d dag", "nog %(n)d dagen", self.dagen_over) % {"n": self.dagen_over}
        return ""


def volgende_termijn(dossier: Dossier, *, vandaag: date, bijna_dagen: int = 14) -> VolgendeTermijn | None:
    if not dossier.volgende_termijn_einddatum:
        return None
    r = regel(dossier.volgende_termijn_regel)
    einde = dossier.volgende_termijn_einddatum
    status = termijnstatus(aard=r.aard, einddatum=einde, vandaag=vandaag, bijna_verlopen_dagen=bijna_dagen)
    dagen = (einde - vandaag).days
    return VolgendeTermijn(naam=str(r.naam), einddatum=einde, status=status, dagen_over=dagen)


def dossier_voor_pagina(pk: int, basis=None) -> Dossier:
    basis = basis if basis is not None else Dossier.objects.all()
    return (
        basis.select_related("rechthebbende", "team", "behandelaar", "huishouden", "eerste_gesprek__gevoerd_door")
        .prefetch_related("huishouden__leden", "verificaties__uitgevoerd_door", "eerste_gesprek__hulpvragen")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class TermijnOpPagina:
    """A stored term with its rule (name, plain-Dutch explanation, source) and today's status."""

    rij: Termijn
    regel: TermijnRegel
    status: TermijnStatus

    @property
    def is_open(self) -> bool:
        return self.rij.voldaan_op is None and self.rij.vervallen_op is None


def termijnen_voor_pagina(dossier: Dossier, *, vandaag: date, bijna_dagen: int = 14) -> list[TermijnOpPagina]:
    """The dossier's terms as stored by the engine on every event (one query, however long the history)."""
    uit = []
    for rij in Termijn.objects.filter(dossier=dossier).order_by("einddatum", "regel"):
        r = regel(rij.regel)
        status = termijnstatus(
            aard=r.aard, einddatum=rij.einddatum, vandaag=vandaag, bijna_verlopen_dagen=bijna_dagen,
            voldaan_op=rij.voldaan_op, vervallen_op=rij.vervallen_op,
            opgeschort=rij.opgeschort_sinds is not None and rij.opgeschort_sinds <= vandaag,
        )
        uit.append(TermijnOpPagina(rij=rij, regel=r, status=status))
    return uit


def tijdlijn(dossier: Dossier, *, hoeveel: int | None) -> tuple[list[DossierGebeurtenis], bool]:
    """Newest events first; ``hoeveel`` limits the list (and says whether there were more)."""
    qs = (
        DossierGebeurtenis.objects.filter(dossier=dossier).select_related("door")
        .only("id", "dossier_id", "soort", "datum", "gegevens", "toelichting", "door__first_name",
              "door__last_name", "door__username")
        .order_by("-datum", "-id")
    )
    if hoeveel is None:
        return list(qs), False
    rijen = list(qs[: hoeveel + 1])
    return rijen[:hoeveel], len(rijen) > hoeveel
