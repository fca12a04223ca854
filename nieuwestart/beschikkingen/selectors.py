"""Reads for the beschikking screens and the section on the dossier page. Nothing here writes.

The documents (PDF, DOCX) and the stored content are large: lists never load them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404

from nieuwestart.termijnen.engine import TermijnStatus, termijnstatus
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.regels import TermijnSoort, regel

from .models import Beschikking, Sjabloon

ZWARE_VELDEN = ("pdf", "docx", "inhoud")


@dataclass(frozen=True)
class TermijnOpRegel:
    rij: Termijn
    status: TermijnStatus
    naam: str


@dataclass(frozen=True)
class BeschikkingOpPagina:
    beschikking: Beschikking
    bezwaartermijn: TermijnOpRegel | None
    beslistermijn: TermijnOpRegel | None

    @property
    def bezwaar(self):
        return getattr(self.beschikking, "bezwaar", None)


@dataclass(frozen=True)
class Dossiersectie:
    dossier: object
    regels: list[BeschikkingOpPagina]
    mag_wijzigen: bool


def beschikkingen_van_dossier(dossier):
    """The dossier's beschikkingen, newest first, with their bezwaar, without the documents."""
    return (
        Beschikking.objects.filter(dossier=dossier).defer(*ZWARE_VELDEN).select_related("bezwaar")
        .order_by("-datum", "-id")
    )


def _termijnen(dossier, kenmerken: list[str], *, vandaag: date) -> dict[tuple[str, str], TermijnOpRegel]:
    codes = (TermijnSoort.BEZWAARTERMIJN, TermijnSoort.BESLISTERMIJN_BEZWAAR)
    uit = {}
    for rij in Termijn.objects.filter(dossier=dossier, regel__in=codes, sleutel__in=kenmerken):
        r = regel(rij.regel)
        status = termijnstatus(
            aard=r.aard, einddatum=rij.einddatum, vandaag=vandaag, bijna_verlopen_dagen=14,
            voldaan_op=rij.voldaan_op, vervallen_op=rij.vervallen_op,
        )
        uit[(rij.regel, rij.sleutel)] = TermijnOpRegel(rij=rij, status=status, naam=str(r.naam))
    return uit


def beschikkingen_op_pagina(dossier, *, vandaag: date) -> list[BeschikkingOpPagina]:
    """Two queries however many beschikkingen: the rows (with bezwaar) and their two kinds of term."""
    rijen = list(beschikkingen_van_dossier(dossier))
    if not rijen:
        return []
    termijnen = _termijnen(dossier, [b.kenmerk for b in rijen], vandaag=vandaag)
    return [
        BeschikkingOpPagina(
            beschikking=b,
            bezwaartermijn=termijnen.get((TermijnSoort.BEZWAARTERMIJN, b.kenmerk)),
            beslistermijn=termijnen.get((TermijnSoort.BESLISTERMIJN_BEZWAAR, b.kenmerk)),
        )
        for b in rijen
    ]


def dossiersectie(dossier, *, vandaag: date, mag_wijzigen: bool) -> Dossiersectie:
    """What ``beschikkingen/_dossier_sectie.html`` shows on the dossier page."""
    return Dossiersectie(dossier=dossier, regels=beschikkingen_op_pagina(dossier, vandaag=vandaag), mag_wijzigen=mag_wijzigen)


def beschikking_op_pagina(dossier, pk: int, *, vandaag: date) -> BeschikkingOpPagina:
    """One beschikking of this dossier (404 for another dossier's), without its documents."""
    b = get_object_or_404(beschikkingen_van_dossier(dossier), pk=pk)
    termijnen = _termijnen(dossier, [b.kenmerk], vandaag=vandaag)
    return BeschikkingOpPagina(
        beschikking=b,
        bezwaartermijn=termijnen.get((TermijnSoort.BEZWAARTERMIJN, b.kenmerk)),
        beslistermijn=termijnen.get((TermijnSoort.BESLISTERMIJN_BEZWAAR, b.kenmerk)),
    )


def beschikking_met_document(dossier, pk: int, veld: str) -> Beschikking:
    """One beschikking of this dossier with only the one document asked for."""
    return get_object_or_404(
        Beschikking.objects.filter(dossier=dossier).only("id", "dossier_id", "kenmerk", "pdf_sha256", veld), pk=pk
    )


def sjablonen_overzicht() -> list[Sjabloon]:
    return list(Sjabloon.objects.select_related("geupload_door").defer("tekst", "bestand"))
