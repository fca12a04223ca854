"""Fixtures for the plan van aanpak: a dossier after its eerste gesprek, approvers, a complete provision."""

from datetime import date
from decimal import Decimal

import pytest

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.plannen import services

VANDAAG = date(2026, 11, 23)
EERSTE_GESPREK = date(2026, 9, 15)
# From the terms engine for an eerste gesprek on 15-09-2026 (checked in dossiers/tests/test_levensloop.py).
PLAN_UITERLIJK = date(2026, 11, 10)
MATERIEEL_UITERLIJK = date(2027, 3, 15)
BESLUITEN_UITERLIJK = date(2028, 9, 15)

MOTIVERING = {
    "belemmering": "Het gezin heeft geen wasmachine; de kinderen hebben geen schone kleren voor school.",
    "geschiktheid": "Met een wasmachine kan moeder zelf de was doen.",
    "noodzaak": "NOODZAAK",
    "noodzakelijkheid": "Er is geen andere manier: de wasserette is te ver en te duur.",
    "evenredigheid": "Een eenvoudige wasmachine is de goedkoopste oplossing.",
    "weging_vaardigheden": "Moeder kan een wasmachine gebruiken.",
    "weging_draagkracht": "Het gezin kan dit nu niet zelf betalen.",
    "weging_huishouden": "Moeder met drie kinderen.",
    "weging_duurzaamheid": "Een wasmachine gaat jaren mee.",
    "weging_doel": "Schone kleren helpen de kinderen om mee te doen op school.",
}


def gesprek_voeren(dossier, door, datum=EERSTE_GESPREK):
    dossierservices.verificatie_vastleggen(
        dossier=dossier, door=door, datum=date(2026, 9, 3), uitkomst="BEVESTIGD", vandaag=VANDAAG
    )
    dossierservices.eerste_gesprek_vastleggen(
        dossier=dossier, door=door, datum=datum, vandaag=VANDAAG, acute_situatie=False,
        hulpvragen={"FINANCIEN": "Overzicht in de schulden", "WONEN": "Een wasmachine is kapot"},
    )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def dossier(maak_dossier, consulent):
    return gesprek_voeren(maak_dossier(), consulent)


@pytest.fixture
def tweede_consulent(team):
    return maak_gebruiker("consulent2", Rol.CONSULENT, teams=[team], first_name="Pieter", last_name="Bakker")


@pytest.fixture
def teamleider(team):
    return maak_gebruiker("teamleider", Rol.TEAMLEIDER, teams=[team], first_name="Fatima", last_name="El Amrani")


@pytest.fixture
def plan(dossier, consulent):
    return services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)


@pytest.fixture
def doel(plan, consulent):
    services.leefgebied_bijwerken(plan, "WONEN", consulent, situatie="Wasmachine kapot", voldoet_aan_doelstelling="NEE")
    return services.doel_toevoegen(plan, consulent, leefgebied="WONEN", omschrijving="Het huishouden draait weer")


def voorziening(doel, door, *, bedrag="450.00", besluit="TOEGEKEND", **extra):
    velden = {"omschrijving": "Wasmachine", "aard": "MATERIEEL", "bedrag": Decimal(bedrag)} | MOTIVERING | extra
    v = services.voorziening_toevoegen(doel, door, **velden)
    if besluit:
        v = services.besluit_vastleggen(v, besluit, "Niet nodig" if besluit == "AFGEWEZEN" else "", door=door)
    return v
