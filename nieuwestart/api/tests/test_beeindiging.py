"""The end of support through the API: the screen's services, rules, explanations and log lines."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nieuwestart.beeindiging.models import Afbouwstapsoort, Beeindiging, WarmeOverdracht
from nieuwestart.beeindiging.tests.conftest import niet_erkend, plan_met_emdr
from nieuwestart.beleid import regels as R
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.plannen.tests.conftest import gesprek_voeren

from .test_api import probleem

pytestmark = pytest.mark.django_db


def dag(dagen_geleden: int = 0) -> str:
    return (timezone.localdate() - timedelta(days=dagen_geleden)).isoformat()


@pytest.fixture
def met_plan(maak_dossier, consulent):
    dossier = gesprek_voeren(maak_dossier(doelgroep="AANGEMELDE_AANVRAGER"), consulent)
    plan_met_emdr(dossier, consulent)
    return dossier


def post(api, url, body):
    return api.post(url, body, content_type="application/json")


def test_handover_ending_aftercare_and_closing_through_the_api(api, met_plan):
    basis = f"/api/v1/dossiers/{met_plan.pk}"
    overdracht = {
        "leefgebied": "FINANCIEN", "ontvanger": "SCHULDHULPVERLENING", "contactpersoon": "A. de Wit",
        "wat_overgedragen": "Overzicht van de schulden", "overgedragen_op": dag(3),
    }
    geweigerd = probleem(post(api, f"{basis}/overdrachten/", overdracht), 422)
    assert geweigerd["regel"] == R.OVERDRACHT_MET_TOESTEMMING.code and geweigerd["detail"] == str(R.OVERDRACHT_MET_TOESTEMMING.uitleg)
    assert not WarmeOverdracht.objects.filter(dossier=met_plan).exists()  # the refusal left nothing behind

    antwoord = post(api, f"{basis}/overdrachten/", overdracht | {"toestemming": True})
    assert antwoord.status_code == 201, antwoord.content
    o = antwoord.json()
    assert o["status"] == "OVERGEDRAGEN" and o["ontvanger_naam"] == "Schuldhulpverlening" and o["datum"] == dag(3)

    # ZORG is neither reached nor handed over yet: the rule blocks, with the screen's explanation.
    body = probleem(post(api, f"{basis}/beeindiging/", {"reden": "DOELEN_BEREIKT", "einddatum": dag(2)}), 422)
    assert body["regel"] == R.DOELEN_BEREIKT_OF_OVERGEDRAGEN.code and "Zorg" in body["detail"]
    assert body["veld"] == "bereikte_leefgebieden"

    antwoord = post(api, f"{basis}/beeindiging/",
                    {"reden": "DOELEN_BEREIKT", "einddatum": dag(2), "bereikte_leefgebieden": ["ZORG"]})
    assert antwoord.status_code == 201, antwoord.content
    einde = antwoord.json()
    assert einde["dossierstatus"] == "BEEINDIGD" and einde["beschikking"]
    assert Beeindiging.objects.get(dossier=met_plan).beschikking.kenmerk == einde["beschikking"]
    from .test_api import _detail, detail_zoals_de_orm_het_leest

    assert _detail(met_plan.pk)["beeindiging"]["beschikking"] == einde["beschikking"]
    assert _detail(met_plan.pk) == detail_zoals_de_orm_het_leest(met_plan.pk)
    assert Verwerking.objects.filter(naam="ondersteuning_beeindigen", betrokkene_hash=betrokkene_hash(met_plan.rechthebbende.bsn)).exists()

    assert post(api, f"{basis}/nazorg/", {"datum": dag(1)}).json() == {"dossierstatus": "NAZORG"}
    controle = post(api, f"{basis}/overdrachten/{o['id']}/controles/", {"moment": "EERSTE", "datum": dag(1), "uitkomst": "GESTART"})
    assert controle.status_code == 201 and controle.json()["overdrachtstatus"] == "GESTART"
    nogmaals = probleem(post(api, f"{basis}/overdrachten/{o['id']}/controles/",
                             {"moment": "EERSTE", "datum": dag(1), "uitkomst": "GESTART"}), 422)
    assert nogmaals["regel"] == R.NAZORGCONTROLE_EENMAAL.code

    # The second check is still open: closing needs a reason.
    assert probleem(post(api, f"{basis}/afsluiten/", {"datum": dag()}), 422)["regel"] == R.AFSLUITEN_NA_NAZORG.code
    gesloten = post(api, f"{basis}/afsluiten/", {"datum": dag(), "reden_zonder_nazorg": "De hulp loopt goed, zegt de schuldhulp."})
    assert gesloten.status_code == 201 and gesloten.json() == {"dossierstatus": "AFGESLOTEN"}


def test_a_proposed_handover_is_changed_and_handed_over_with_patch(api, met_plan):
    basis = f"/api/v1/dossiers/{met_plan.pk}"
    o = post(api, f"{basis}/overdrachten/", {"leefgebied": "ZORG", "ontvanger": "WMO"}).json()
    assert o["status"] == "VOORGESTELD" and o["datum"] is None

    gewijzigd = api.patch(f"{basis}/overdrachten/{o['id']}/", {"contactpersoon": "B. Smit"}, content_type="application/json")
    assert gewijzigd.status_code == 200 and gewijzigd.json()["contactpersoon"] == "B. Smit"
    assert gewijzigd.json()["ontvanger"] == "WMO"  # fields not sent stay as they were

    onvolledig = probleem(api.patch(f"{basis}/overdrachten/{o['id']}/", {"toestemming": True, "overgedragen_op": dag(1)},
                                    content_type="application/json"), 422)
    assert onvolledig["regel"] == R.OVERDRACHT_COMPLEET.code and onvolledig["veld"] == "wat_overgedragen"
    assert not WarmeOverdracht.objects.get(pk=o["id"]).toestemming  # the refused change left no trace

    klaar = api.patch(f"{basis}/overdrachten/{o['id']}/", {
        "wat_overgedragen": "De vraag om begeleiding", "toestemming": True, "overgedragen_op": dag(1),
    }, content_type="application/json")
    assert klaar.status_code == 200 and klaar.json()["status"] == "OVERGEDRAGEN" and klaar.json()["datum"] == dag(1)
    weer = probleem(api.patch(f"{basis}/overdrachten/{o['id']}/", {"contactpersoon": "C"}, content_type="application/json"), 422)
    assert weer["regel"] == R.OVERDRACHT_STATUS_VOLGORDE.code


def test_a_handover_of_another_dossier_is_not_found(api, met_plan, maak_dossier, consulent):
    ander = gesprek_voeren(maak_dossier(achternaam="Ander"), consulent)
    o = post(api, f"/api/v1/dossiers/{ander.pk}/overdrachten/", {"leefgebied": "ZORG", "ontvanger": "WMO"}).json()
    probleem(api.patch(f"/api/v1/dossiers/{met_plan.pk}/overdrachten/{o['id']}/", {"contactpersoon": "X"},
                       content_type="application/json"), 404)


def test_afbouw_after_niet_erkend_and_contact_attempts(api, met_plan):
    basis = f"/api/v1/dossiers/{met_plan.pk}"
    assert probleem(post(api, f"{basis}/afbouw/", {"datum": dag()}), 422)["regel"] == R.AFBOUW_NA_NIET_ERKEND.code
    niet_erkend(met_plan, timezone.localdate() - timedelta(days=5))
    assert post(api, f"{basis}/afbouw/", {"datum": dag(4)}).json() == {"dossierstatus": "AFBOUW"}
    stap = {"stap": "GESPREK_VERVOLGHULP", "datum": dag(3), "toelichting": "Wmo-consulent gebeld"}
    eerste = post(api, f"{basis}/afbouwstappen/", stap)
    assert eerste.status_code == 201 and eerste.json()["dossierstatus"] == "AFBOUW"
    assert probleem(post(api, f"{basis}/afbouwstappen/", stap), 422)["regel"] == R.AFBOUWSTAP_EENMAAL.code

    poging = post(api, f"{basis}/contactpogingen/", {"datum": dag(2), "kanaal": "POST", "uitkomst": "GEEN_REACTIE"})
    assert poging.status_code == 201 and poging.json()["datum"] == dag(2)


def test_ending_input_is_checked_for_shape_before_any_rule(api, met_plan):
    basis = f"/api/v1/dossiers/{met_plan.pk}"
    body = probleem(post(api, f"{basis}/beeindiging/", {"reden": "ONZIN", "einddatum": 20261130}), 400)
    assert {p["name"] for p in body["invalid_params"]} == {"reden", "einddatum"}
    wens = probleem(post(api, f"{basis}/beeindiging/", {"reden": "GEEN_BEHOEFTE_MEER", "einddatum": dag()}), 422)
    assert wens["regel"] == R.WENS_RECHTHEBBENDE_VASTLEGGEN.code and wens["veld"] == "toelichting"
    assert not Beeindiging.objects.filter(dossier=met_plan).exists()


def test_ending_needs_the_write_scope_and_the_own_team(api_voor, met_plan, ander_team):
    from nieuwestart.api.models import Scope

    alleen_lezen = api_voor("Lezer", teams=[met_plan.team], scopes=[Scope.DOSSIERS_LEZEN])
    assert probleem(post(alleen_lezen, f"/api/v1/dossiers/{met_plan.pk}/beeindiging/", {}), 403)
    ander = api_voor("Ander team", teams=[ander_team])
    assert probleem(post(ander, f"/api/v1/dossiers/{met_plan.pk}/beeindiging/", {}), 403)


def test_a_handover_to_an_organisation_not_in_the_sociale_kaart_says_where_to_find_one(api, met_plan):
    from nieuwestart.catalogus.models import Aanbieder

    onbekend = (Aanbieder.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    body = probleem(post(api, f"/api/v1/dossiers/{met_plan.pk}/overdrachten/", {
        "leefgebied": "FINANCIEN", "aanbieder": onbekend, "toestemming": True,
    }), 400)
    (fout,) = [p for p in body["invalid_params"] if p["name"] == "aanbieder"]
    assert fout["reason"].startswith("Deze organisatie staat niet (meer) in de sociale kaart.")
    assert "Beheer, Sociale kaart" in fout["reason"]
    assert not WarmeOverdracht.objects.filter(dossier=met_plan).exists()


def test_the_end_of_support_is_read_as_the_dossier_page_shows_it(api, api_voor, met_plan, ander_team):
    from nieuwestart.api.models import Scope

    basis = f"/api/v1/dossiers/{met_plan.pk}"
    o = post(api, f"{basis}/overdrachten/", {
        "leefgebied": "FINANCIEN", "ontvanger": "SCHULDHULPVERLENING", "contactpersoon": "A. de Wit",
        "wat_overgedragen": "Overzicht van de schulden", "toestemming": True, "overgedragen_op": dag(3),
    }).json()
    einde = post(api, f"{basis}/beeindiging/",
                 {"reden": "DOELEN_BEREIKT", "einddatum": dag(2), "bereikte_leefgebieden": ["ZORG"]}).json()
    assert post(api, f"{basis}/nazorg/", {"datum": dag(1)}).status_code == 201
    controle = post(api, f"{basis}/overdrachten/{o['id']}/controles/",
                    {"moment": "EERSTE", "datum": dag(1), "uitkomst": "GESTART", "toelichting": "Intake gehad"}).json()

    lezer = api_voor("Lezer", teams=[met_plan.team], scopes=[Scope.DOSSIERS_LEZEN])
    antwoord = lezer.get(f"{basis}/einde-ondersteuning/")
    assert antwoord.status_code == 200, antwoord.content
    stand = antwoord.json()
    assert stand["dossierstatus"] == "NAZORG"
    assert stand["beeindiging"]["reden"] == "DOELEN_BEREIKT" and stand["beeindiging"]["beschikking"] == einde["beschikking"]
    [overdracht] = stand["overdrachten"]
    assert (overdracht["id"], overdracht["status"], overdracht["contactpersoon"]) == (o["id"], "GESTART", "A. de Wit")
    controles = {c["moment"]: c for c in overdracht["controles"]}
    assert set(controles) == {"EERSTE", "TWEEDE"}
    assert controles["EERSTE"]["controle"] == {
        "id": controle["id"], "datum": dag(1), "uitkomst": "GESTART", "toelichting": "Intake gehad",
    }
    assert controles["EERSTE"]["termijnstatus"] == "VOLDAAN"
    assert controles["TWEEDE"]["controle"] is None and controles["TWEEDE"]["termijn_einddatum"] > dag(3)
    assert any("nog niet vastgelegd" in regel for regel in stand["nazorg_open"]), stand["nazorg_open"]
    assert [(s["stap"], s["gedaan_op"]) for s in stand["afbouwstappen"]] == [(stap, None) for stap in Afbouwstapsoort.values]
    assert stand["contactpogingen"] == [] and stand["afbouw_tot"] is None
    assert stand["beeindigd_zonder_vastlegging"] is False
    assert stand["beeindiging"]["beschikking_verzonden_op"] is None  # issued, not yet sent
    assert Verwerking.objects.filter(
        naam="einde_ondersteuning_bekijken", betrokkene_hash=betrokkene_hash(met_plan.rechthebbende.bsn)
    ).exists()

    ander = api_voor("Ander team", teams=[ander_team], scopes=[Scope.DOSSIERS_LEZEN])
    assert probleem(ander.get(f"{basis}/einde-ondersteuning/"), 403)
    assert probleem(lezer.get("/api/v1/dossiers/999999999/einde-ondersteuning/"), 404)

    # Closed without the second check: the reason is shown, and nothing is 'open' any more (as on the screen).
    post(api, f"{basis}/afsluiten/", {"datum": dag(), "reden_zonder_nazorg": "De hulp loopt goed."})
    gesloten = lezer.get(f"{basis}/einde-ondersteuning/").json()
    assert gesloten["dossierstatus"] == "AFGESLOTEN" and gesloten["nazorg_open"] == []
    assert gesloten["beeindiging"]["reden_zonder_nazorg"] == "De hulp loopt goed."
    assert gesloten["beeindiging"]["afgesloten_op"] == dag()


def test_a_proposed_handover_has_no_aftercare_terms_yet(api, met_plan):
    basis = f"/api/v1/dossiers/{met_plan.pk}"
    o = post(api, f"{basis}/overdrachten/", {"leefgebied": "WONEN", "ontvanger": "WMO"})
    assert o.status_code == 201, o.content
    o = o.json()
    [overdracht] = api.get(f"{basis}/einde-ondersteuning/").json()["overdrachten"]
    assert (overdracht["id"], overdracht["status"], overdracht["datum"]) == (o["id"], "VOORGESTELD", None)
    assert [(c["moment"], c["termijn_einddatum"], c["termijnstatus"], c["controle"]) for c in overdracht["controles"]] == [
        ("EERSTE", None, None, None), ("TWEEDE", None, None, None),
    ]


def test_afbouw_steps_and_contact_attempts_are_read_back(api, met_plan):
    basis = f"/api/v1/dossiers/{met_plan.pk}"
    niet_erkend(met_plan, timezone.localdate() - timedelta(days=5))
    post(api, f"{basis}/afbouw/", {"datum": dag(4)})
    post(api, f"{basis}/afbouwstappen/", {"stap": "GESPREK_VERVOLGHULP", "datum": dag(3), "toelichting": "Wmo gebeld"})
    poging = post(api, f"{basis}/contactpogingen/", {"datum": dag(2), "kanaal": "POST", "uitkomst": "GEEN_REACTIE"}).json()

    stand = api.get(f"{basis}/einde-ondersteuning/").json()
    assert stand["dossierstatus"] == "AFBOUW" and stand["beeindiging"] is None
    assert [s["stap"] for s in stand["afbouwstappen"]] == list(Afbouwstapsoort.values)  # done or not, all listed
    gedaan = {s["stap"]: s for s in stand["afbouwstappen"] if s["gedaan_op"]}
    assert gedaan == {"GESPREK_VERVOLGHULP": {"stap": "GESPREK_VERVOLGHULP", "gedaan_op": dag(3), "toelichting": "Wmo gebeld"}}
    assert stand["afbouw_tot"] is not None and stand["afbouw_tot"] > dag(5)
    assert stand["contactpogingen"] == [
        {"id": poging["id"], "datum": dag(2), "kanaal": "POST", "uitkomst": "GEEN_REACTIE", "toelichting": ""}
    ]
