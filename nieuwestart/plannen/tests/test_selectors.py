"""Reads: the toets in constant queries, versions of a dossier, the term ends from the stored terms."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nieuwestart.plannen import services
from nieuwestart.plannen.selectors import planversies_van, termijngrenzen, toets_voor

from .conftest import BESLUITEN_UITERLIJK, EERSTE_GESPREK, MATERIEEL_UITERLIJK, PLAN_UITERLIJK, VANDAAG, voorziening

pytestmark = pytest.mark.django_db


def _aantal_queries(planversie) -> int:
    from nieuwestart.instellingen.selectors import gemeente_instellingen

    instellingen = gemeente_instellingen()
    with CaptureQueriesContext(connection) as ctx:
        toets_voor(planversie, vandaag=VANDAAG, instellingen=instellingen)
    return len(ctx.captured_queries)


def test_toets_queries_do_not_grow_with_the_number_of_provisions(plan, doel, consulent, tweede_consulent):
    v = voorziening(doel, consulent, bedrag="900")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    services.goedkeuren(gk, tweede_consulent, vandaag=VANDAAG)
    een = _aantal_queries(plan)
    for i in range(12):
        d = services.doel_toevoegen(plan, consulent, leefgebied="FINANCIEN", omschrijving=f"Doel {i}")
        w = voorziening(d, consulent, bedrag=str(600 + i))
        services.goedkeuring_vragen(w, consulent, vandaag=VANDAAG)
    assert _aantal_queries(plan) == een
    assert een <= 8


def test_term_ends_come_from_the_terms_engine(dossier):
    grenzen = termijngrenzen(dossier)
    assert grenzen.eerste_gesprek == EERSTE_GESPREK
    assert (grenzen.plan_uiterlijk, grenzen.materieel_uiterlijk, grenzen.besluiten_uiterlijk) == (
        PLAN_UITERLIJK, MATERIEEL_UITERLIJK, BESLUITEN_UITERLIJK)


def test_versions_of_a_dossier_in_order(dossier, plan, doel, consulent, monkeypatch):
    import nieuwestart.beschikkingen.services as bs

    monkeypatch.setattr(bs, "beschikking_vastleggen", lambda **kwargs: None)
    voorziening(doel, consulent, bedrag="100")
    services.uitgeven(plan, consulent, VANDAAG)
    addendum = services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    assert [(p.versie, p.status) for p in planversies_van(dossier)] == [(1, "UITGEGEVEN"), (2, "CONCEPT")]
    assert addendum.voorzieningen.get().bedrag == Decimal("100")


def test_toets_of_an_issued_version_is_judged_on_its_issue_date(dossier, plan, doel, consulent, monkeypatch):
    import nieuwestart.beschikkingen.services as bs

    monkeypatch.setattr(bs, "beschikking_vastleggen", lambda **kwargs: None)
    voorziening(doel, consulent, bedrag="100")
    services.uitgeven(plan, consulent, VANDAAG)
    from datetime import date

    later = toets_voor(plan, vandaag=date(2030, 1, 1))
    assert not [u for u in later if u.blokkeert]
