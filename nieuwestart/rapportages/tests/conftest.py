"""Small fixed data sets for the reports: decided provisions without issuing plans one by one."""

from datetime import date
from decimal import Decimal

import pytest

from nieuwestart.financien.testhulp import kosten_voor
from nieuwestart.plannen.models import Doel, Planversie, Voorziening


def _referentiegegevens():
    """The default Spuk components and indicators (a transactional test flushes what the migration loaded)."""
    from nieuwestart.financien.models import SisaIndicator, SpukComponent
    from nieuwestart.financien.referentiegegevens import standaard_laden

    standaard_laden(SpukComponent, SisaIndicator)


@pytest.fixture
def besluiten():
    """``maak(dossier, [(leefgebied, aard, besluit, bedrag), ...], behandelaar=..., besluitdatum=...)``:
    one concept plan per dossier with the provisions, each with its cost record."""
    _referentiegegevens()
    plannen: dict[int, Planversie] = {}

    def maak(dossier, regels, *, behandelaar=None, besluitdatum=date(2026, 11, 23), team=None):
        versie = plannen.get(dossier.pk)
        if versie is None:
            versie = plannen[dossier.pk] = Planversie.objects.create(dossier=dossier, versie=1, soort="EERSTE_PLAN")
        doelen = {}
        uit = []
        for leefgebied, aard, besluit, bedrag in regels:
            if leefgebied not in doelen:
                doelen[leefgebied] = Doel.objects.create(planversie=versie, leefgebied=leefgebied, omschrijving="Doel")
            v = Voorziening.objects.create(planversie=versie, doel=doelen[leefgebied], omschrijving="Voorziening",
                                           aard=aard, bedrag=Decimal(bedrag), besluit=besluit)
            uit.append(kosten_voor(v, dossier, besluit=besluit, besluitdatum=besluitdatum, behandelaar=behandelaar,
                                   team=team))
        return uit

    return maak
