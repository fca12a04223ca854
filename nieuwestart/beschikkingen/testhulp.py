"""Helpers for tests elsewhere (the permission matrix, the plan's integration tests): a stored beschikking.

``renderen=False`` stores placeholder documents instead of rendering (fast; for tests about access,
sending or bezwaar). Not used by the application.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from .inhoud import BeschikkingInhoud
from .models import Beschikking
from .serialisatie import inhoud_naar_json
from .services import beschikking_vastleggen, bezwaar_registreren, sha256, verzending_vastleggen
from .sjablonen import voorbeeldinhoud

NEP_PDF = b"%PDF-1.7\n% placeholder for tests\n%%EOF\n"
NEP_DOCX = b"PK placeholder for tests"


def inhoud_voor(dossier, *, kenmerk: str | None = None, datum: date = date(2026, 11, 2), **velden) -> BeschikkingInhoud:
    inhoud = voorbeeldinhoud(**{k: velden.pop(k) for k in ("soort", "voorzieningen", "leefgebieden") if k in velden})
    return dataclasses.replace(
        inhoud, dossiernummer=dossier.dossiernummer, kenmerk=kenmerk or f"{dossier.dossiernummer}-V1", datum=datum,
        **velden,
    )


def maak_beschikking(
    dossier, door, *, renderen: bool = True, kenmerk: str | None = None, datum: date = date(2026, 11, 2),
    verzonden_op: date | None = None, bezwaar_ontvangen_op: date | None = None, vandaag: date = date(2026, 11, 23),
    **velden,
) -> Beschikking:
    inhoud = inhoud_voor(dossier, kenmerk=kenmerk, datum=datum, **velden)
    if renderen:
        b = beschikking_vastleggen(dossier=dossier, planversie=None, inhoud=inhoud, door=door, datum=datum)
    else:
        b = Beschikking.objects.create(
            dossier=dossier, soort=str(inhoud.soort), kenmerk=inhoud.kenmerk, datum=datum,
            inhoud=inhoud_naar_json(inhoud), pdf=NEP_PDF, pdf_sha256=sha256(NEP_PDF), docx=NEP_DOCX,
            docx_sha256=sha256(NEP_DOCX), sjabloonversie="test", uitgegeven_door=door,
        )
    if verzonden_op is not None:
        b = verzending_vastleggen(beschikking=b, verzonden_op=verzonden_op, via="POST", door=door, vandaag=vandaag)
        if bezwaar_ontvangen_op is not None:
            bezwaar_registreren(beschikking=b, ontvangen_op=bezwaar_ontvangen_op, door=door, vandaag=vandaag)
    return b
