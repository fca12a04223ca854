"""Fixtures: a dossier with an issued plan that granted a series of EMDR sessions (Handreiking §4.4)."""

from datetime import date
from decimal import Decimal

import pytest

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.plannen import services as planservices
from nieuwestart.plannen.tests.conftest import MOTIVERING, gesprek_voeren

PLAN_OP = date(2026, 11, 23)


@pytest.fixture
def dossier(maak_dossier, consulent):
    return gesprek_voeren(maak_dossier(doelgroep="AANGEMELDE_AANVRAGER"), consulent)


def plan_met_emdr(dossier, door):
    """Issue a first plan: ZORG with 3 EMDR sessions (until 28 February 2027), FINANCIEN with budget coaching."""
    plan = planservices.planversie_aanmaken(dossier, door, vandaag=PLAN_OP)
    for lg, doel in (("ZORG", "Minder last van herbelevingen"), ("FINANCIEN", "Grip op de post en de rekeningen")):
        planservices.leefgebied_bijwerken(plan, lg, door, situatie="Bij aanmelding niet op orde", voldoet_aan_doelstelling="NEE")
        d = planservices.doel_toevoegen(plan, door, leefgebied=lg, omschrijving=doel)
        naam = "EMDR-therapie" if lg == "ZORG" else "Budgetcoaching"
        v = planservices.voorziening_toevoegen(
            d, door, omschrijving=naam, aard="IMMATERIEEL", bedrag=Decimal("270.00"), hoeveelheid="3 sessies",
            begindatum=date(2026, 12, 1), einddatum=date(2027, 2, 28), **MOTIVERING,
        )
        planservices.besluit_vastleggen(v, "TOEGEKEND", door=door)
    planservices.uitgeven(plan, door, PLAN_OP)
    dossier.refresh_from_db()
    return plan


@pytest.fixture
def met_plan(dossier, consulent):
    plan_met_emdr(dossier, consulent)
    return dossier


def niet_erkend(dossier, datum):
    """What the UHT status-update import writes (aanmeldingen.statusupdates)."""
    gebeurtenis_vastleggen(dossier, GebeurtenisSoort.UHT_NIET_ERKEND, door=None, datum=datum, gegevens={"status": "NIET_ERKEND"})
    dossier.refresh_from_db()
