"""Test helpers: cost records without going through issuing a plan (which the plannen tests cover)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .models import Componentsoort, Voorzieningskosten
from .services import component_voor


def kosten_voor(voorziening, dossier, *, besluit: str = "TOEGEKEND", bedrag: Decimal | None = None,
                besluitdatum: date | None = None, aard: str | None = None, leefgebied: str | None = None,
                behandelaar=None, team=None, doelgroep: str | None = None) -> Voorzieningskosten:
    bedrag = voorziening.bedrag if bedrag is None else bedrag
    datum = besluitdatum or date(2026, 11, 23)
    return Voorzieningskosten.objects.create(
        voorziening=voorziening, dossier=dossier, team=team or dossier.team,
        behandelaar=behandelaar if behandelaar is not None else dossier.behandelaar,
        doelgroep=doelgroep or dossier.doelgroep, leefgebied=leefgebied or voorziening.doel.leefgebied,
        aard=aard or voorziening.aard, besluit=besluit, besluitdatum=datum, jaar=datum.year,
        component=component_voor(Componentsoort.VOORZIENINGEN), bedrag=bedrag or Decimal("0"),
        toegezegd_bedrag=(bedrag or Decimal("0")) if besluit == "TOEGEKEND" else Decimal("0"),
    )
