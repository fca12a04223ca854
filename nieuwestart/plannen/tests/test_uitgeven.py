"""Issuing: plan → approvals → issue → addendum, all-or-nothing, the beschikking's content."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.plannen import services
from nieuwestart.plannen.inhoud import kenmerk
from nieuwestart.plannen.models import Goedkeuring, Planversie, Voorziening
from nieuwestart.termijnen.models import Termijn

from .conftest import MATERIEEL_UITERLIJK, VANDAAG, voorziening

pytestmark = pytest.mark.django_db


def beschikkingen(dossier):
    from nieuwestart.beschikkingen.models import Beschikking

    return Beschikking.objects.filter(dossier=dossier).order_by("id")


def test_plan_approvals_issue_and_addendum(dossier, plan, doel, consulent, tweede_consulent, teamleider):
    # The first plan: a cheap provision, one for four eyes, one for the teamleider and a refusal.
    goedkoop = voorziening(doel, consulent, bedrag="500.00", omschrijving="Strijkijzer en wasrek")
    vier = voorziening(doel, consulent, bedrag="1500.00")
    duur = voorziening(doel, consulent, bedrag="1500.01", omschrijving="Koelkast en fornuis", aard="MATERIEEL")
    voorziening(doel, consulent, besluit="AFGEWEZEN", omschrijving="Nieuwe bank")
    services.voorziening_toevoegen(doel, consulent, omschrijving="Consultatiebureau", vrij_toegankelijk=True)

    with pytest.raises(RegelOvertreding) as exc:
        services.uitgeven(plan, consulent, VANDAAG)
    assert exc.value.regel is R.UITGEVEN_ZONDER_BLOKKADE
    assert "Wasmachine" in exc.value.bericht and "Koelkast en fornuis" in exc.value.bericht
    assert "Strijkijzer" not in exc.value.bericht

    [gk_vier] = services.goedkeuring_vragen(vier, consulent, vandaag=VANDAAG)
    [gk_tl] = services.goedkeuring_vragen(duur, consulent, vandaag=VANDAAG)
    services.goedkeuren(gk_vier, tweede_consulent, vandaag=VANDAAG)
    with pytest.raises(RegelOvertreding) as exc:
        services.uitgeven(plan, consulent, VANDAAG)
    assert "Koelkast" in exc.value.bericht and "Wasmachine" not in exc.value.bericht
    services.goedkeuren(gk_tl, teamleider, vandaag=VANDAAG)

    beschikking = services.uitgeven(plan, consulent, VANDAAG)
    plan.refresh_from_db()
    dossier.refresh_from_db()
    assert (plan.status, plan.uitgegeven_op, plan.uitgegeven_door) == ("UITGEGEVEN", VANDAAG, consulent)
    assert dossier.status == "PLAN_VASTGESTELD"
    assert Termijn.objects.get(dossier=dossier, regel="PLAN_VAN_AANPAK").voldaan_op == VANDAAG
    assert set(Voorziening.objects.filter(planversie=plan, vrij_toegankelijk=False).values_list("besluitdatum", flat=True)) == {VANDAAG}
    assert Voorziening.objects.get(planversie=plan, vrij_toegankelijk=True).besluitdatum is None
    assert beschikking.planversie_id == plan.pk and beschikking.kenmerk == kenmerk(dossier.dossiernummer, 1)
    assert beschikking.soort == "PLAN"
    inhoud = beschikking.inhoud
    assert len(inhoud["voorzieningen"]) == 5
    assert {v["besluit"] for v in inhoud["voorzieningen"]} == {"TOEGEKEND", "AFGEWEZEN"}
    assert "Fatima El Amrani" in inhoud["besloten_door"]  # the teamleider approved a provision
    assert inhoud["eerste_gesprek"] in ("2026-09-15", date(2026, 9, 15))
    assert goedkoop.pk  # within the case worker's mandate: no approval was asked
    assert not Goedkeuring.objects.filter(voorziening=goedkoop).exists()

    # The addendum: a copy of version 1; unchanged provisions need no new approval.
    addendum = services.planversie_aanmaken(dossier, consulent, toelichting="Extra hulp bij werk", vandaag=VANDAAG)
    assert (addendum.versie, addendum.soort) == (2, "ADDENDUM")
    kopie = list(addendum.voorzieningen.order_by("id"))
    assert len(kopie) == 5 and all(v.overgenomen_van_id for v in kopie)
    assert sum(v.ongewijzigd_overgenomen for v in kopie) == 4  # all but the free-access one
    later = VANDAAG + timedelta(days=30)
    doel_werk = services.doel_toevoegen(addendum, consulent, leefgebied="WERK", omschrijving="Een betaalde baan")
    services.leefgebied_bijwerken(addendum, "WERK", consulent, situatie="Geen werk", voldoet_aan_doelstelling="NEE")
    voorziening(doel_werk, consulent, bedrag="300", omschrijving="Sollicitatietraining", aard="IMMATERIEEL")
    tweede = services.uitgeven(addendum, consulent, later)
    addendum.refresh_from_db()
    assert addendum.status == "UITGEGEVEN"
    assert tweede.pk != beschikking.pk and tweede.soort == "ADDENDUM"
    assert tweede.inhoud["wijzigt_kenmerk"] == beschikking.kenmerk
    assert [b.pk for b in beschikkingen(dossier)] == [beschikking.pk, tweede.pk]
    assert dossier.gebeurtenissen.filter(soort="ADDENDUM_UITGEGEVEN").count() == 1
    # Taken-over provisions keep their original decision date.
    assert Voorziening.objects.get(planversie=addendum, overgenomen_van=vier).besluitdatum == VANDAAG
    assert Voorziening.objects.get(planversie=addendum, omschrijving="Sollicitatietraining").besluitdatum == later

    # Bezwaar against the addendum: sent the next day, received within the 6 weeks, found well-founded,
    # which leads to a third version (a new beschikking with its own bezwaartermijn).
    from nieuwestart.beschikkingen import services as beschikkingservices

    verzonden = later + timedelta(days=1)
    beschikkingservices.verzending_vastleggen(beschikking=tweede, verzonden_op=verzonden, via="POST",
                                             door=consulent, vandaag=verzonden)
    ontvangen = verzonden + timedelta(weeks=5)
    bezwaar = beschikkingservices.bezwaar_registreren(beschikking=tweede, ontvangen_op=ontvangen, door=consulent,
                                                      vandaag=ontvangen, toelichting="De training is te kort.")
    assert bezwaar.tijdig and bezwaar.termijn_einde >= verzonden + timedelta(weeks=6)
    def beslistermijn():  # stored terms are rewritten on every event: read them again
        return Termijn.objects.get(dossier=dossier, regel="BESLISTERMIJN_BEZWAAR", sleutel=tweede.kenmerk)

    assert beslistermijn().voldaan_op is None
    uitspraak = ontvangen + timedelta(weeks=3)
    beschikkingservices.bezwaar_afhandelen(bezwaar=bezwaar, uitkomst="GEGROND", datum=uitspraak, door=teamleider,
                                           vandaag=uitspraak, toelichting="De training wordt langer.")
    assert beslistermijn().voldaan_op == uitspraak
    derde = services.planversie_aanmaken(dossier, consulent, toelichting="Na bezwaar: langere training",
                                         vandaag=uitspraak)
    training = derde.voorzieningen.get(omschrijving="Sollicitatietraining")
    services.voorziening_wijzigen(training, consulent, hoeveelheid="20 bijeenkomsten")
    services.besluit_vastleggen(training, "TOEGEKEND", "", door=consulent)
    derde_beschikking = services.uitgeven(derde, consulent, uitspraak)
    assert derde_beschikking.inhoud["wijzigt_kenmerk"] == tweede.kenmerk
    # The earlier beschikkingen are untouched: their stored PDFs still match their hashes.
    from nieuwestart.beschikkingen.services import pdf_ongewijzigd

    assert all(pdf_ongewijzigd(b) for b in beschikkingen(dossier))
    assert beschikkingen(dossier).count() == 3


def test_material_provision_taken_over_in_an_addendum_after_six_months_is_fine(dossier, plan, doel, consulent):
    voorziening(doel, consulent, bedrag="450")
    services.uitgeven(plan, consulent, VANDAAG)
    addendum = services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    services.uitgeven(addendum, consulent, MATERIEEL_UITERLIJK + timedelta(days=10))
    # But a changed material provision is a new decision, and too late.
    derde = services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    v = derde.voorzieningen.get()
    services.voorziening_wijzigen(v, consulent, bedrag=Decimal("480"))
    with pytest.raises(RegelOvertreding) as exc:
        services.uitgeven(derde, consulent, MATERIEEL_UITERLIJK + timedelta(days=10))
    assert "15-03-2027" in exc.value.bericht


def test_issue_is_all_or_nothing(dossier, plan, doel, consulent, monkeypatch):
    voorziening(doel, consulent, bedrag="100")
    import nieuwestart.beschikkingen.services as bs

    def kapot(**kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(bs, "beschikking_vastleggen", kapot)
    voor = DossierGebeurtenis.objects.count()
    with pytest.raises(RuntimeError):
        services.uitgeven(plan, consulent, VANDAAG)
    plan.refresh_from_db()
    dossier.refresh_from_db()
    assert plan.status == "CONCEPT" and plan.uitgegeven_op is None
    assert dossier.status == "EERSTE_GESPREK_GEVOERD"
    assert DossierGebeurtenis.objects.count() == voor
    assert not Voorziening.objects.filter(besluitdatum__isnull=False).exists()
    assert not beschikkingen(dossier).exists()


def test_late_first_plan_is_issued_with_only_a_warning(dossier, plan, doel, consulent):
    voorziening(doel, consulent, bedrag="100", aard="IMMATERIEEL")
    te_laat = date(2026, 12, 1)  # the plan term ended on 10-11-2026
    services.uitgeven(plan, consulent, te_laat)
    assert Termijn.objects.get(dossier=dossier, regel="PLAN_VAN_AANPAK").voldaan_op == te_laat


def test_issue_after_afbouw_started_records_the_plan_without_a_status_move(dossier, plan, consulent):
    from nieuwestart.dossiers.transitions import voer_transitie_uit

    services.leefgebied_bijwerken(plan, "WONEN", consulent, situatie="Huurwoning")
    voer_transitie_uit(dossier, "afbouw_starten", door=consulent, datum=VANDAAG)
    services.uitgeven(plan, consulent, VANDAAG)
    dossier.refresh_from_db()
    assert dossier.status == "AFBOUW"
    assert dossier.gebeurtenissen.filter(soort="PLAN_VASTGESTELD").count() == 1


def test_only_one_version_can_be_issued_with_the_same_number(dossier, plan, doel, consulent):
    voorziening(doel, consulent, bedrag="100")
    services.uitgeven(plan, consulent, VANDAAG)
    with pytest.raises(RegelOvertreding) as exc:
        services.uitgeven(plan, consulent, VANDAAG)
    assert exc.value.regel is R.UITGEGEVEN_PLAN_VERANDERT_NIET
    assert Planversie.objects.filter(dossier=dossier).count() == 1
    assert beschikkingen(dossier).count() == 1
