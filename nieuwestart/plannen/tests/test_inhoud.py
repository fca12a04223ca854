"""The content of the beschikking built from an issued version (no PDF rendering here)."""

from datetime import date
from decimal import Decimal

import pytest

from nieuwestart.beschikkingen.inhoud import Beschikkingsoort, Besluit
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.plannen import services
from nieuwestart.plannen.inhoud import beschikking_inhoud
from nieuwestart.plannen.selectors import planversie_met_inhoud

from .conftest import VANDAAG, voorziening

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zonder_document(monkeypatch):
    import nieuwestart.beschikkingen.services as bs

    monkeypatch.setattr(bs, "beschikking_vastleggen", lambda **kwargs: None)


def test_content_of_the_first_plan(dossier, plan, doel, consulent):
    voorziening(doel, consulent, bedrag="450")
    voorziening(doel, consulent, besluit="AFGEWEZEN", omschrijving="Nieuwe bank")
    services.voorziening_toevoegen(doel, consulent, omschrijving="Consultatiebureau", vrij_toegankelijk=True)
    services.uitgeven(plan, consulent, VANDAAG)
    inhoud = beschikking_inhoud(planversie_met_inhoud(plan.pk), datum=VANDAAG, door=consulent,
                                instellingen=gemeente_instellingen())
    assert inhoud.soort == Beschikkingsoort.PLAN and inhoud.versie == 1 and not inhoud.wijzigt_kenmerk
    assert inhoud.kenmerk == f"{dossier.dossiernummer}-V1"
    assert inhoud.rechthebbende.naam == "Eva Jansen"
    assert inhoud.eerste_gesprek == date(2026, 9, 15)
    assert inhoud.bezwaartermijn_weken == 6 and "bezwaar" in inhoud.bezwaar_instructie
    assert "Sanne de Vries, consulent" in inhoud.besloten_door
    wonen = next(lg for lg in inhoud.leefgebieden if lg.leefgebied == "Wonen")
    assert wonen.voldoet_aan_doelstelling is False and wonen.doelen == ("Het huishouden draait weer",)
    assert "Passende woning" in wonen.doelstelling
    was, bank, vrij = inhoud.voorzieningen
    assert (was.besluit, was.materieel, was.bedrag) == (Besluit.TOEGEKEND, True, Decimal("450.00"))
    assert "Waarom het nodig is: Er is geen andere manier" in was.motivering
    assert (bank.besluit, bank.reden_afwijzing) == (Besluit.AFGEWEZEN, "Niet nodig")
    assert vrij.motivering.startswith("Vrij toegankelijk")
    assert "15-03-2027" in inhoud.vervolg and "15-09-2028" in inhoud.vervolg
    assert inhoud.extra["totaal_toegekend"] == "€ 450,00"


def test_addendum_names_the_beschikking_it_changes_and_what_was_withdrawn(dossier, plan, doel, consulent):
    voorziening(doel, consulent, bedrag="450")
    voorziening(doel, consulent, bedrag="100", omschrijving="Wasrek")
    services.uitgeven(plan, consulent, VANDAAG)
    addendum = services.planversie_aanmaken(dossier, consulent, toelichting="Wasrek is niet meer nodig", vandaag=VANDAAG)
    services.voorziening_verwijderen(addendum.voorzieningen.get(omschrijving="Wasrek"), consulent)
    services.uitgeven(addendum, consulent, VANDAAG)
    inhoud = beschikking_inhoud(planversie_met_inhoud(addendum.pk), datum=VANDAAG, door=consulent,
                                instellingen=gemeente_instellingen())
    assert inhoud.soort == Beschikkingsoort.ADDENDUM and inhoud.versie == 2
    assert inhoud.wijzigt_kenmerk == f"{dossier.dossiernummer}-V1"
    assert inhoud.extra["vervallen_voorzieningen"] == "Wasrek"
    assert inhoud.extra["toelichting_addendum"] == "Wasrek is niet meer nodig"
    assert [v.omschrijving for v in inhoud.voorzieningen] == ["Wasmachine"]
