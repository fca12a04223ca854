"""``producten_voor``: what a case worker can pick, filtered by leefgebied and search words."""

import pytest

from nieuwestart.catalogus.models import Aanbieder, Zwaarte
from nieuwestart.catalogus.selectors import producten_beheer, producten_voor
from nieuwestart.dossiers.models import Leefgebied

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(maak_product):
    return {
        "coach": maak_product("Gezinscoach", aanbieder="MDFlevoland", leefgebied=Leefgebied.GEZIN),
        "budget": maak_product("Budgetcursus", aanbieder="MDFlevoland", leefgebied=Leefgebied.FINANCIEN,
                               omschrijving="Leren rondkomen met een huishoudboekje"),
        "dag": maak_product("Dagbesteding doelgroep 16-27", aanbieder="Stichting Kwintes", leefgebied=Leefgebied.WERK,
                            trajecten={Zwaarte.LICHT: ("4-8 dagdelen per maand", "")}),
        "oud": maak_product("Oude training", aanbieder="MDFlevoland", leefgebied=Leefgebied.GEZIN, actief=False),
        "weg": maak_product("Maatjes", aanbieder="Vertrokken stichting", leefgebied=Leefgebied.GEZIN),
    }


def test_only_active_products_of_active_providers_ordered_by_name(kaart):
    Aanbieder.objects.filter(naam="Vertrokken stichting").update(actief=False)
    assert list(producten_voor()) == [kaart["budget"], kaart["dag"], kaart["coach"]]


def test_filter_by_leefgebied(kaart):
    assert list(producten_voor(Leefgebied.GEZIN)) == [kaart["coach"], kaart["weg"]]
    assert list(producten_voor(Leefgebied.WONEN)) == []


def test_every_search_word_must_match_name_provider_or_description(kaart):
    assert list(producten_voor(zoek="huishoudboekje")) == [kaart["budget"]]
    assert list(producten_voor(zoek="mdflevoland coach")) == [kaart["coach"]]
    assert list(producten_voor(zoek="KWINTES")) == [kaart["dag"]]
    assert list(producten_voor(zoek="kwintes coach")) == []


def test_provider_and_trajectories_come_without_extra_queries(kaart, django_assert_num_queries):
    with django_assert_num_queries(2):
        producten = list(producten_voor())
        beschrijving = [(p.aanbieder.naam, [t.intensiteit for t in p.trajecten.all()]) for p in producten]
    assert ("Stichting Kwintes", ["4-8 dagdelen per maand"]) in beschrijving


def test_the_beheer_list_includes_inactive_products_and_filters_by_provider(kaart):
    mdf = Aanbieder.objects.get(naam="MDFlevoland")
    assert set(producten_beheer(aanbieder=mdf)) == {kaart["coach"], kaart["budget"], kaart["oud"]}
    assert list(producten_beheer(leefgebied=Leefgebied.GEZIN, zoek="oude")) == [kaart["oud"]]
