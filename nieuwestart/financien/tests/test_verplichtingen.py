"""Costs arise with the decision: issuing a plan records them, an addendum releases what it changes or drops."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.financien import services
from nieuwestart.financien.models import Betaling, Voorzieningskosten
from nieuwestart.financien.sisa import sisa_cijfers
from nieuwestart.plannen import services as planservices
from nieuwestart.plannen.models import Voorziening
from nieuwestart.plannen.tests.conftest import VANDAAG, gesprek_voeren, voorziening

pytestmark = pytest.mark.django_db


@pytest.fixture
def uitgegeven(maak_dossier, consulent):
    dossier = gesprek_voeren(maak_dossier(), consulent)
    plan = planservices.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    planservices.leefgebied_bijwerken(plan, "WONEN", consulent, situatie="Wasmachine kapot", voldoet_aan_doelstelling="NEE")
    doel = planservices.doel_toevoegen(plan, consulent, leefgebied="WONEN", omschrijving="Het huishouden draait weer")
    wasmachine = voorziening(doel, consulent, bedrag="450.00")
    voorziening(doel, consulent, bedrag="300.00", besluit="AFGEWEZEN", omschrijving="Nieuwe bank")
    planservices.voorziening_toevoegen(doel, consulent, omschrijving="Consultatiebureau", vrij_toegankelijk=True)
    planservices.uitgeven(plan, consulent, VANDAAG)
    return dossier, wasmachine


def test_issuing_records_the_commitment_of_each_decided_provision(uitgegeven):
    dossier, wasmachine = uitgegeven
    rijen = {k.voorziening.omschrijving: k for k in Voorzieningskosten.objects.filter(dossier=dossier).select_related("voorziening", "component")}
    assert set(rijen) == {"Wasmachine", "Nieuwe bank"}  # a free-access provision needs no decision and costs nothing here
    w = rijen["Wasmachine"]
    assert (w.besluit, w.toegezegd_bedrag, w.besluitdatum, w.jaar, w.component.code) == ("TOEGEKEND", Decimal("450.00"), VANDAAG, 2026, "A")
    assert (w.team_id, w.behandelaar_id, w.doelgroep, w.leefgebied, w.aard) == (
        dossier.team_id, dossier.behandelaar_id, "ERKENDE_OUDER", "WONEN", "MATERIEEL")
    assert (rijen["Nieuwe bank"].besluit, rijen["Nieuwe bank"].toegezegd_bedrag) == ("AFGEWEZEN", Decimal("0"))


def test_addendum_keeps_unchanged_provisions_and_releases_a_changed_one(uitgegeven, consulent):
    dossier, wasmachine = uitgegeven
    kosten = Voorzieningskosten.objects.get(voorziening=wasmachine)
    services.betaling_vastleggen(kosten=kosten, datum=VANDAAG, bedrag=Decimal("100.00"), kenmerk="F-1", door=consulent)
    later = VANDAAG + timedelta(days=7)

    # An addendum that changes nothing: no new cost record, nothing released.
    addendum = planservices.planversie_aanmaken(dossier, consulent, toelichting="Alleen een adres", vandaag=later)
    planservices.uitgeven(addendum, consulent, later)
    assert Voorzieningskosten.objects.filter(dossier=dossier).count() == 2
    kosten.refresh_from_db()
    assert kosten.vervallen_op is None

    # A second addendum lowers the amount: the old commitment is released minus what was paid.
    tweede = planservices.planversie_aanmaken(dossier, consulent, toelichting="Goedkoper model", vandaag=later)
    kopie = Voorziening.objects.get(planversie=tweede, omschrijving="Wasmachine")
    planservices.voorziening_wijzigen(kopie, consulent, bedrag=Decimal("380.00"))
    planservices.uitgeven(tweede, consulent, later)
    kosten.refresh_from_db()
    assert (kosten.vervallen_op, kosten.vrijgevallen_bedrag, kosten.netto_verplichting) == (later, Decimal("350.00"), Decimal("100.00"))
    nieuw = Voorzieningskosten.objects.get(voorziening=kopie)
    assert (nieuw.toegezegd_bedrag, nieuw.besluitdatum) == (Decimal("380.00"), later)
    # Hand-computed: 450 granted − 350 released + 380 granted again; paid 100.
    [a] = [c for c in sisa_cijfers(2026)["componenten"] if c["code"] == "A"]
    assert (a["verplichtingen"], a["gerealiseerd_voorzieningen"]) == ("480.00", "100.00")
    # Paying the old, replaced provision after it lapsed is refused.
    with pytest.raises(RegelOvertreding) as exc:
        services.betaling_vastleggen(kosten=kosten, datum=later + timedelta(days=1), bedrag=Decimal("5"), door=consulent)
    assert exc.value.regel is R.BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING


def test_payment_rules(uitgegeven, consulent):
    dossier, _w = uitgegeven
    afgewezen = Voorzieningskosten.objects.get(dossier=dossier, besluit="AFGEWEZEN")
    with pytest.raises(RegelOvertreding) as exc:
        services.betaling_vastleggen(kosten=afgewezen, datum=VANDAAG, bedrag=Decimal("10"), door=consulent)
    assert exc.value.regel is R.BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING
    toegekend = Voorzieningskosten.objects.get(dossier=dossier, besluit="TOEGEKEND")
    services.betaling_vastleggen(kosten=toegekend, datum=VANDAAG, bedrag=Decimal("40"), door=consulent)
    with pytest.raises(RegelOvertreding) as exc:
        services.betaling_vastleggen(kosten=toegekend, datum=VANDAAG, bedrag=Decimal("-40.01"), door=consulent)
    assert exc.value.veld == "bedrag"
    services.betaling_vastleggen(kosten=toegekend, datum=VANDAAG, bedrag=Decimal("-40"), door=consulent)
    assert Betaling.objects.filter(kosten=toegekend).count() == 2


def test_backfill_records_costs_for_plans_issued_before_this_app(uitgegeven):
    dossier, _w = uitgegeven
    Voorzieningskosten.objects.filter(dossier=dossier).delete()
    assert services.verplichtingen_bijwerken() == 2
    assert services.verplichtingen_bijwerken() == 0  # idempotent


def test_kindregeling_debt_help_is_component_c():
    assert services.soort_voor_voorziening(doelgroep="KIND_KINDREGELING", categorie="SCHULD_BETALEN") == "SCHULDEN_KINDEREN"
    assert services.soort_voor_voorziening(doelgroep="ERKENDE_OUDER", categorie="SCHULD_BETALEN") == "VOORZIENINGEN"
    assert services.component_voor("SCHULDEN_KINDEREN").code == "C"
    assert services.component_voor("COLLECTIEF").code == "E"


def test_a_closed_year_takes_no_new_costs(consulent):
    services.jaar_afsluiten(jaar=2025, door=consulent, nu=_nu(2026))
    a = services.component_voor("ORGANISATIE")
    with pytest.raises(RegelOvertreding) as exc:
        services.organisatiekosten_vastleggen(datum=date(2025, 12, 31), component=a, soort="PERSONEEL",
                                              omschrijving="Uren december", bedrag=Decimal("1000"), door=consulent)
    assert exc.value.regel is R.AFGESLOTEN_JAAR_VERANDERT_NIET and exc.value.veld == "datum"
    with pytest.raises(RegelOvertreding) as exc:
        services.initiatief_vastleggen(naam="Lotgenoten", soort="LOTGENOTENBIJEENKOMST", datum=date(2025, 6, 1),
                                       bedrag=Decimal("200"), door=consulent)
    assert exc.value.regel is R.AFGESLOTEN_JAAR_VERANDERT_NIET
    # The current (or a future) year cannot be closed, nor a year twice.
    with pytest.raises(RegelOvertreding) as exc:
        services.jaar_afsluiten(jaar=2026, door=consulent, nu=_nu(2026))
    assert exc.value.regel is R.JAAR_AFSLUITEN_NA_AFLOOP
    with pytest.raises(RegelOvertreding) as exc:
        services.jaar_afsluiten(jaar=2025, door=consulent, nu=_nu(2026))
    assert exc.value.regel is R.AFGESLOTEN_JAAR_VERANDERT_NIET


def _nu(jaar):
    from datetime import datetime, timezone

    return datetime(jaar, 3, 1, 12, 0, tzinfo=timezone.utc)


def test_the_new_rules_are_registered():
    for regel in (R.AFGESLOTEN_JAAR_VERANDERT_NIET, R.JAAR_AFSLUITEN_NA_AFLOOP,
                  R.BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING, R.BENCHMARK_FORMAAT_BEKEND):
        assert regel in R.ALLE_REGELS and regel.uitleg and regel.bron
