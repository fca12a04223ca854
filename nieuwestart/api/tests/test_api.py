"""The REST API: tokens, the same access rules and processing log as the screens, problems, writes."""

import base64
import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from nieuwestart.accounts.models import Rol
from nieuwestart.api.models import ApiApplicatie, Scope
from nieuwestart.api.services import token_hash
from nieuwestart.logboek.models import Beveiligingsgebeurtenis, Verwerking
from nieuwestart.logboek.services import betrokkene_hash

from .conftest import ApiClient

pytestmark = pytest.mark.django_db

PROBLEEM = "application/problem+json"


def probleem(antwoord, status):
    assert antwoord.status_code == status, (antwoord.status_code, antwoord.content[:500])
    assert antwoord["Content-Type"].startswith(PROBLEEM)
    body = antwoord.json()
    assert body["status"] == status and body["detail"] and body["title"]
    return body


# --- authentication -----------------------------------------------------------------------------


def test_without_a_token_the_answer_is_401_with_a_dutch_problem():
    body = probleem(ApiClient().get("/api/v1/dossiers/"), 401)
    assert "API-sleutel" in body["detail"]


def test_an_unknown_token_is_refused_and_written_to_the_security_log(api):
    nep = ApiClient(api.token[:-4] + "AAAA")
    antwoord = nep.get("/api/v1/dossiers/")
    assert probleem(antwoord, 401)["detail"] == "Deze API-sleutel is onbekend of ingetrokken."
    assert antwoord["WWW-Authenticate"].startswith("Bearer")
    assert Beveiligingsgebeurtenis.objects.filter(actie="api_sleutel_geweigerd").exists()


def test_only_the_hash_of_the_token_is_stored(api):
    app = ApiApplicatie.objects.get()
    assert app.token_sha256 == token_hash(api.token)
    assert api.token not in str(ApiApplicatie.objects.values().get())


def test_the_token_check_reads_the_application_and_its_user_in_one_query(api, django_assert_num_queries):
    from nieuwestart.api.services import applicatie_voor_token

    verwacht = ApiApplicatie.objects.select_related("gebruiker").get()
    with django_assert_num_queries(1):
        app = applicatie_voor_token(api.token)
        gebruiker = app.gebruiker
    for orm, gelezen in ((verwacht, app), (verwacht.gebruiker, gebruiker)):
        assert {v.attname: getattr(gelezen, v.attname) for v in orm._meta.concrete_fields} == {
            v.attname: getattr(orm, v.attname) for v in orm._meta.concrete_fields
        }
    assert app.heeft_scope(Scope.DOSSIERS_LEZEN) and gebruiker.pk == app.gebruiker_id
    assert applicatie_voor_token(api.token[:-1] + ("A" if api.token[-1] != "A" else "B")) is None
    ApiApplicatie.objects.update(actief=False)
    assert applicatie_voor_token(api.token) is None


def test_the_token_of_a_deactivated_user_is_refused(api):
    gebruiker = ApiApplicatie.objects.get().gebruiker
    gebruiker.is_active = False
    gebruiker.save(update_fields=["is_active"])
    probleem(api.get("/api/v1/dossiers/"), 401)


def test_a_revoked_application_no_longer_gets_in(api):
    from nieuwestart.api.services import applicatie_intrekken

    assert api.get("/api/v1/dossiers/").status_code == 200
    applicatie_intrekken(applicatie=ApiApplicatie.objects.get())
    probleem(api.get("/api/v1/dossiers/"), 401)


def test_a_renewed_token_replaces_the_old_one(api):
    from nieuwestart.api.services import token_vernieuwen

    nieuw = token_vernieuwen(applicatie=ApiApplicatie.objects.get())
    probleem(api.get("/api/v1/dossiers/"), 401)
    assert ApiClient(nieuw.token).get("/api/v1/dossiers/").status_code == 200


def test_a_token_without_the_scope_is_refused_with_the_scope_named(api_voor, team, maak_dossier):
    alleen_lezen = api_voor("Rapportage", teams=[team], scopes=[Scope.DOSSIERS_LEZEN])
    assert alleen_lezen.get("/api/v1/dossiers/").status_code == 200
    body = probleem(alleen_lezen.post("/api/v1/aanmeldingen/", {}, content_type="application/json"), 403)
    assert "dossiers:schrijven" in body["detail"]


def test_the_role_rule_of_the_screens_applies(api_voor, team):
    beleid = api_voor("Beleidstool", rollen=(Rol.BELEIDSMEDEWERKER,), teams=[team])
    body = probleem(beleid.get("/api/v1/dossiers/"), 403)
    assert "Dossiers bekijken" in body["detail"]


# --- reading: team check and processing log -------------------------------------------------------


def test_the_list_shows_only_own_teams_dossiers_and_logs_every_person(api, maak_dossier, ander_team):
    eigen = [maak_dossier(achternaam=f"Eigen{i}") for i in range(3)]
    ander = maak_dossier(achternaam="Ander", team_=ander_team)
    voor = Verwerking.objects.count()
    body = api.get("/api/v1/dossiers/").json()
    assert [d["dossiernummer"] for d in body["results"]] == [d.dossiernummer for d in eigen]
    nieuw = Verwerking.objects.order_by("id")[voor:]
    assert {v.betrokkene_hash for v in nieuw} == {betrokkene_hash(d.rechthebbende.bsn) for d in eigen}
    assert betrokkene_hash(ander.rechthebbende.bsn) not in {v.betrokkene_hash for v in nieuw}


def test_the_fast_list_item_is_exactly_what_the_list_serializer_describes(api, maak_dossier):
    from nieuwestart.api.serializers import DossierLijstSerializer
    from nieuwestart.dossiers.models import Dossier, Rechthebbende

    met_termijn = maak_dossier(achternaam="Vries")
    Rechthebbende.objects.filter(pk=met_termijn.rechthebbende_id).update(tussenvoegsel="de")
    zonder = maak_dossier(achternaam="Bakker")
    Dossier.objects.filter(pk=zonder.pk).update(behandelaar=None, volgende_termijn_einddatum=None, volgende_termijn_regel="")
    assert Dossier.objects.get(pk=met_termijn.pk).volgende_termijn_einddatum is not None

    items = api.get("/api/v1/dossiers/").json()["results"]
    verwacht = DossierLijstSerializer(Dossier.objects.filter(pk__in=[met_termijn.pk, zonder.pk]).order_by("id"), many=True).data
    assert items == json.loads(json.dumps(verwacht))
    assert items[0]["rechthebbende"]["naam"] == "Eva de Vries"
    assert items[1]["behandelaar"] is None and items[1]["volgende_termijn"] is None


def alle_paginas(api, url, veld) -> list:
    """``veld`` of every item, following the ``next`` links from ``url``."""
    gezien = []
    while url:
        body = api.get(url).json()
        gezien += [item[veld] for item in body["results"]]
        url = body["next"]
    return gezien


def cursor(inhoud: str) -> str:
    """A cursor made by hand, in DRF's encoding (``p=`` position, ``o=`` offset)."""
    return base64.b64encode(inhoud.encode()).decode()


def weigert_cursors(api, lijst, posities):
    for positie in posities:
        antwoord = api.get(f"{lijst}?cursor={cursor(f'p={positie}')}")
        assert probleem(antwoord, 404)["detail"].startswith("Deze cursor is ongeldig"), positie


def test_cursor_pagination_is_stable_and_complete(api, maak_dossier):
    alle = [maak_dossier(achternaam=f"P{i}").dossiernummer for i in range(7)]
    assert alle_paginas(api, "/api/v1/dossiers/?aantal=3", "dossiernummer") == alle
    probleem(api.get("/api/v1/dossiers/?cursor=onzin"), 404)
    # A well-formed cursor made by hand with a position that is no id: the same problem, not a 500.
    weigert_cursors(api, "/api/v1/dossiers/", ("abc", "-1", "1.5", str(2**63)))


def test_filters_on_status(api, maak_dossier, consulent):
    from nieuwestart.dossiers.services import verificatie_vastleggen

    a, b = maak_dossier(achternaam="A"), maak_dossier(achternaam="B")
    verificatie_vastleggen(dossier=b, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=date(2026, 11, 23))
    body = api.get("/api/v1/dossiers/?status=GEVERIFIEERD").json()
    assert [d["id"] for d in body["results"]] == [b.pk]
    assert probleem(api.get("/api/v1/dossiers/?status=ONZIN"), 400)["invalid_params"][0]["name"] == "status"


def test_api_read_of_a_dossier_writes_the_same_log_line_as_the_dossier_page(api, client, consulent, maak_dossier):
    dossier = maak_dossier()
    client.force_login(consulent)
    velden = ("naam", "object_type", "object_id", "betrokkene_hash", "status")
    voor = Verwerking.objects.count()
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    scherm = list(Verwerking.objects.order_by("id")[voor:].values(*velden))
    voor = Verwerking.objects.count()
    antwoord = api.get(f"/api/v1/dossiers/{dossier.pk}/")
    assert antwoord.status_code == 200
    via_api = list(Verwerking.objects.order_by("id")[voor:].values(*velden))
    assert scherm == via_api and via_api[0]["naam"] == "dossier_bekijken"
    body = antwoord.json()
    assert body["rechthebbende"]["bsn"] == dossier.rechthebbende.bsn
    assert {t["regel"] for t in body["termijnen"]} == {"EERSTE_GESPREK"}
    assert body["termijnen"][0]["uitleg"]
    assert body["toegestane_stappen"] == ["verificatie_bevestigen", "afbouw_starten", "beeindigen"]
    assert body["zaakregistratie"]["stand"] == "UIT"


def test_a_dossier_of_another_team_is_refused_until_the_glass_is_broken(api, maak_dossier, ander_team):
    from nieuwestart.dossiers.permissions import dossier_doorbreken

    dossier = maak_dossier(team_=ander_team)
    body = probleem(api.get(f"/api/v1/dossiers/{dossier.pk}/"), 403)
    assert "doorbreekfunctie" in body["detail"]
    dossier_doorbreken(user=api.applicatie.gebruiker, dossier=dossier, reden="Vervanging collega")
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    assert Verwerking.objects.filter(object_id=dossier.dossiernummer, naam="dossier_bekijken").exists()
    assert Beveiligingsgebeurtenis.objects.filter(object_id=dossier.dossiernummer, reden="Vervanging collega").exists()


def test_unknown_things_are_404_problems(api):
    probleem(api.get("/api/v1/dossiers/999999/"), 404)
    probleem(api.get("/api/v1/bestaat-niet/"), 404)
    probleem(api.get("/api/v1/imports/00000000-0000-4000-8000-000000000000/"), 404)
    probleem(api.delete("/api/v1/dossiers/"), 405)


def test_odd_input_never_gives_a_500(api):
    groot = "9" * 25
    for url in [f"/api/v1/dossiers/{groot}/", f"/api/v1/rechthebbenden/{groot}/", f"/api/v1/dossiers/{groot}/beschikkingen/1/pdf/",
                f"/api/v1/dossiers/?team={groot}", "/api/v1/dossiers/?gewijzigd_vanaf=9999-99-99", f"/api/v1/dossiers/?aantal={groot}",
                "/api/v1/dossiers/?aantal=-1", "/api/v1/imports/niet-een-uuid/"]:
        assert api.get(url).status_code in (200, 400, 404), url
    for url, body in [(f"/api/v1/dossiers/{groot}/verificaties/", {"datum": "2026-01-01", "uitkomst": "BEVESTIGD"}),
                      ("/api/v1/aanmeldingen/", {"team": int(groot)}), ("/api/v1/aanmeldingen/", [1, 2]),
                      ("/api/v1/aanmeldingen/", {"gezinsleden": "geen lijst"})]:
        assert api.post(url, body, content_type="application/json").status_code in (400, 404), (url, body)


# --- writes through the same services and rules ---------------------------------------------------


def aanmelding(team, **extra):
    return {
        "bsn": "111222333", "voornamen": "Eva", "achternaam": "Jansen", "geboortedatum": "1985-03-14",
        "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON", "doelgroep": "ERKENDE_OUDER",
        "aanmelddatum": "2026-09-01", "team": team.pk, **extra,
    }


def test_register_verify_and_first_conversation_through_the_api(api, team):
    antwoord = api.post("/api/v1/aanmeldingen/", aanmelding(team, gezinsleden=[
        {"voornamen": "Noah", "achternaam": "Jansen", "geboortedatum": "2015-06-01", "relatie": "KIND"},
    ]), content_type="application/json")
    assert antwoord.status_code == 201, antwoord.content
    dossier = antwoord.json()
    assert dossier["status"] == "AANGEMELD" and dossier["huishouden"]["leden"][0]["voornamen"] == "Noah"
    assert Verwerking.objects.filter(naam="directe_aanmelding_registreren", betrokkene_hash=betrokkene_hash("111222333")).exists()

    # The rule that blocks on the screen blocks here, with the same words.
    vroeg = api.post(f"/api/v1/dossiers/{dossier['id']}/eerste-gesprek/",
                     {"datum": "2026-09-15", "hulpvragen": {"WONEN": "Wasmachine kapot"}}, content_type="application/json")
    body = probleem(vroeg, 422)
    from nieuwestart.beleid.regels import VERIFICATIE_VOOR_EERSTE_GESPREK

    assert body["regel"] == "VERIFICATIE_VOOR_EERSTE_GESPREK" and body["detail"] == str(VERIFICATIE_VOOR_EERSTE_GESPREK.uitleg)

    v = api.post(f"/api/v1/dossiers/{dossier['id']}/verificaties/", {"datum": "2026-09-02", "uitkomst": "BEVESTIGD"},
                 content_type="application/json")
    assert v.status_code == 201 and v.json()["dossierstatus"] == "GEVERIFIEERD"
    g = api.post(f"/api/v1/dossiers/{dossier['id']}/eerste-gesprek/",
                 {"datum": "2026-09-15", "hulpvragen": {"WONEN": "Wasmachine kapot"}}, content_type="application/json")
    assert g.status_code == 201 and g.json()["dossierstatus"] == "EERSTE_GESPREK_GEVOERD"
    termijnen = {t["regel"] for t in api.get(f"/api/v1/dossiers/{dossier['id']}/").json()["termijnen"]}
    assert {"PLAN_VAN_AANPAK", "ALLE_BESLUITEN"} <= termijnen


def test_a_second_open_dossier_is_refused_like_on_the_screen(api, team, client, consulent):
    assert api.post("/api/v1/aanmeldingen/", aanmelding(team), content_type="application/json").status_code == 201
    body = probleem(api.post("/api/v1/aanmeldingen/", aanmelding(team), content_type="application/json"), 422)
    from nieuwestart.beleid.regels import EEN_OPEN_DOSSIER_PER_DOELGROEP

    assert body["regel"] == EEN_OPEN_DOSSIER_PER_DOELGROEP.code and body["veld"] == "doelgroep"
    # The screen says exactly this.
    client.force_login(consulent)
    formulier = {k: v for k, v in aanmelding(team).items()} | {"gezinsleden-TOTAL_FORMS": "0", "gezinsleden-INITIAL_FORMS": "0"}
    scherm = client.post(reverse("aanmeldingen:directe_aanmelding"), formulier)
    assert body["detail"] in " ".join(scherm.content.decode().split()).replace("&#x27;", "'")


def test_invalid_input_is_400_with_the_fields_named(api, team):
    body = probleem(api.post("/api/v1/aanmeldingen/", aanmelding(team, bsn="123456789", voorkeurskanaal="EMAIL"),
                             content_type="application/json"), 400)
    assert {p["name"] for p in body["invalid_params"]} == {"bsn"}
    body = probleem(api.post("/api/v1/aanmeldingen/", aanmelding(team, voorkeurskanaal="EMAIL"),
                             content_type="application/json"), 400)
    assert body["invalid_params"] == [{"name": "email", "reason": "Vul een e-mailadres in: de persoon wil contact per e-mail."}]
    probleem(api.post("/api/v1/aanmeldingen/", "{kapot", content_type="application/json"), 400)
    probleem(api.post("/api/v1/aanmeldingen/", "a=b", content_type="text/plain"), 415)


def test_registering_in_a_team_that_is_not_yours_is_refused(api, team, ander_team):
    body = probleem(api.post("/api/v1/aanmeldingen/", aanmelding(ander_team), content_type="application/json"), 400)
    assert body["invalid_params"][0]["name"] == "team"


def test_plan_beschikking_pdf_and_bezwaar(api, maak_dossier, consulent):
    from nieuwestart.beschikkingen.testhulp import maak_beschikking

    dossier = maak_dossier()
    b = maak_beschikking(dossier, consulent, verzonden_op=date(2026, 11, 2), datum=date(2026, 11, 1))
    lijst = api.get(f"/api/v1/dossiers/{dossier.pk}/beschikkingen/").json()
    assert lijst[0]["kenmerk"] == b.kenmerk and lijst[0]["bezwaar"] is None
    pdf = api.get(f"/api/v1/dossiers/{dossier.pk}/beschikkingen/{b.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert Verwerking.objects.filter(naam="beschikking_pdf_bekijken", object_id=dossier.dossiernummer).exists()
    bezwaar = api.post(f"/api/v1/dossiers/{dossier.pk}/beschikkingen/{b.pk}/bezwaar/", {"ontvangen_op": "2026-11-20"},
                       content_type="application/json")
    assert bezwaar.status_code == 201 and bezwaar.json()["tijdig"] is True
    body = probleem(api.post(f"/api/v1/dossiers/{dossier.pk}/beschikkingen/{b.pk}/bezwaar/", {"ontvangen_op": "2026-11-21"},
                             content_type="application/json"), 422)
    assert body["regel"] == "EEN_BEZWAAR_PER_BESCHIKKING"
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/planversies/").json() == []


def test_import_start_progress_and_confirm(api, team):
    from nieuwestart.aanmeldingen.tests.test_importscherm import bsns, csv, naam, rij

    bestand = io.BytesIO(csv([rij(b) for b in bsns(3)]))
    bestand.name = naam()
    start = api.post("/api/v1/imports/", {"doel": "CONTACTLIJST", "bestand": bestand, "team": team.pk})
    assert start.status_code == 202, start.content
    opdracht = start.json()
    stand = api.get(f"/api/v1/imports/{opdracht['id']}/").json()
    assert stand["fase"] == "VOORBEELD" and stand["controle"]["tellingen"]["aantal_nieuw"] == 3
    bevestigd = api.post(f"/api/v1/imports/{opdracht['id']}/bevestigen/", {}, content_type="application/json")
    assert bevestigd.status_code == 202
    klaar = api.get(f"/api/v1/imports/{opdracht['id']}/").json()
    assert klaar["fase"] == "KLAAR" and klaar["resultaat"]["tellingen"]["aantal_nieuw"] == 3
    probleem(api.post(f"/api/v1/imports/{opdracht['id']}/bevestigen/", {}, content_type="application/json"), 409)
    assert [o["id"] for o in api.get("/api/v1/imports/").json()["results"]] == [opdracht["id"]]


def test_the_import_list_pages_by_time_and_refuses_a_hand_made_cursor(api, team):
    from nieuwestart.aanmeldingen.models import Importopdracht

    gebruiker = api.applicatie.gebruiker
    ids = [str(Importopdracht.objects.create(doel="CONTACTLIJST", bestandsnaam=f"lijst{i}.csv", door=gebruiker, team=team).pk)
           for i in range(3)]
    assert alle_paginas(api, "/api/v1/imports/?aantal=2", "id") == ids
    weigert_cursors(api, "/api/v1/imports/", ("abc", "2026-13-45T10:00:00", "12"))


def test_a_debt_list_is_refused_and_not_kept(api):
    from nieuwestart.aanmeldingen.models import Importopdracht

    bestand = io.BytesIO(b"BSN;Schuldeiser;Bedrag\r\n111222333;Belasting;100\r\n")
    bestand.name = "schuldenlijst_2026-11-20.csv"
    body = probleem(api.post("/api/v1/imports/", {"doel": "CONTACTLIJST", "bestand": bestand}), 422)
    assert body["detail"] and not Importopdracht.objects.exists()


# --- the schema -------------------------------------------------------------------------------------


def test_the_committed_schema_is_the_schema_the_code_generates():
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    gegenereerd = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    bestand = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"
    assert yaml.safe_load(bestand.read_text()) == yaml.safe_load(gegenereerd), (
        "docs/api/openapi.yaml loopt achter: manage.py spectacular --file docs/api/openapi.yaml"
    )


def test_the_schema_is_served_without_login():
    antwoord = ApiClient().get("/api/v1/schema/")
    assert antwoord.status_code == 200 and b"Nieuwe Start API" in antwoord.content
    als_json = ApiClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert json.loads(als_json.content)["openapi"].startswith("3.")


# --- reports --------------------------------------------------------------------------------------

def test_the_reports_give_the_dashboards_tables_without_personal_data(api_voor, maak_dossier, consulent, team):
    from datetime import date

    from nieuwestart.beeindiging.models import Beeindiging

    d = maak_dossier(achternaam="Zichtbaarniet")
    Beeindiging.objects.create(dossier=d, reden="DOELEN_BEREIKT", einddatum=date(2026, 3, 1), vastgelegd_door=consulent)
    beleid = api_voor("Dashboard", rollen=(Rol.BELEIDSMEDEWERKER,))
    antwoord = beleid.get("/api/v1/rapportages/ondersteuning/?van=2026-01-01&tot=2026-12-31")
    assert antwoord.status_code == 200, antwoord.content[:300]
    data = antwoord.json()
    tabellen = {t["sleutel"]: t for t in data["tabellen"]}
    redenen = {r[0]: r for r in tabellen["beeindiging-redenen"]["rijen"]}
    assert redenen["De doelen van het plan zijn bereikt"][1:] == [1, 100.0]
    assert "Toegekend bedrag (€)" in tabellen["ondersteuning-aantallen"]["kolommen"]
    # Amounts keep their cents as text; no person ever appears.
    assert all(isinstance(r[5], str) for r in tabellen["ondersteuning-aantallen"]["rijen"])
    assert "Zichtbaarniet" not in antwoord.content.decode() and d.rechthebbende.bsn not in antwoord.content.decode()
    kosten = beleid.get("/api/v1/rapportages/kosten/?jaar=2026").json()
    assert kosten["jaar"] == 2026 and {t["sleutel"] for t in kosten["tabellen"]} == {"kosten-componenten", "sisa-indicatoren"}


def test_reports_refuse_what_the_screens_refuse(api, api_voor):
    # A consulent may not see reports (the same rule as the screens), and scopes are checked too.
    assert api.get("/api/v1/rapportages/bereik/").status_code == 403
    zonder_scope = api_voor("Zonder", rollen=(Rol.BELEIDSMEDEWERKER,), scopes=["dossiers:lezen"])
    assert zonder_scope.get("/api/v1/rapportages/bereik/").status_code == 403
    beleid = api_voor("Beleid", rollen=(Rol.BELEIDSMEDEWERKER,))
    assert beleid.get("/api/v1/rapportages/bestaat-niet/").status_code == 404
    fout = beleid.get("/api/v1/rapportages/bereik/?van=2026-05-01&tot=2026-01-01")
    assert fout.status_code == 400 and fout["Content-Type"].startswith("application/problem+json")
    assert beleid.get("/api/v1/rapportages/kosten/?jaar=99999").status_code == 400


def test_an_ended_dossier_shows_its_beeindiging(api, maak_dossier, consulent):
    from nieuwestart.beeindiging.services import beeindigen

    dossier = maak_dossier()
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").json()["beeindiging"] is None
    beeindigen(dossier=dossier, reden="VERHUISD", einddatum=date(2026, 11, 20), door=consulent,
               vandaag=date(2026, 11, 20), nieuwe_gemeente="Gemeente Zwolle")
    einde = api.get(f"/api/v1/dossiers/{dossier.pk}/").json()["beeindiging"]
    assert (einde["reden"], einde["einddatum"], einde["nieuwe_gemeente"], einde["beschikking"]) == (
        "VERHUISD", "2026-11-20", "Gemeente Zwolle", None)


def test_an_empty_upload_is_refused_before_anything_is_stored(api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nieuwestart.aanmeldingen.models import Importopdracht

    antwoord = api.post("/api/v1/imports/", {"doel": "CONTACTLIJST", "bestand": SimpleUploadedFile("leeg.csv", b"")})
    assert antwoord.status_code == 400 and "leeg" in antwoord.content.decode()
    assert not Importopdracht.objects.exists()


def test_an_api_view_without_a_scope_is_closed_to_application_tokens(api, monkeypatch):
    from nieuwestart.api import views

    monkeypatch.setattr(views.DossierLijst, "scope", None)
    antwoord = api.get("/api/v1/dossiers/")
    assert antwoord.status_code == 403 and "niet open voor API-applicaties" in antwoord.json()["detail"]


# --- limits -------------------------------------------------------------------------------------


def test_an_application_over_its_limit_gets_429_and_others_carry_on(api, api_voor, team, settings):
    settings.NS_API_VERZOEKEN_PER_MINUUT = 3
    assert [api.get("/api/v1/dossiers/").status_code for _ in range(3)] == [200, 200, 200]
    te_veel = api.get("/api/v1/dossiers/")
    body = probleem(te_veel, 429)
    assert "te veel verzoeken" in body["detail"] and 1 <= int(te_veel["Retry-After"]) <= 60
    assert body["detail"].endswith("vaker gebeurt.")  # Dutch only: no English text appended
    assert api_voor("Ander", teams=[team]).get("/api/v1/dossiers/").status_code == 200


def test_an_address_sending_bad_keys_is_blocked_for_a_while_with_one_log_line(api, settings):
    settings.NS_API_FOUTE_SLEUTELS_MAX = 3
    nep = ApiClient("ns_0123456789ab_" + "x" * 43)
    assert [nep.get("/api/v1/dossiers/").status_code for _ in range(3)] == [401, 401, 401]
    assert Beveiligingsgebeurtenis.objects.filter(actie="api_sleutel_geweigerd").count() == 2
    assert Beveiligingsgebeurtenis.objects.filter(actie="api_adres_geblokkeerd").count() == 1

    voor = Beveiligingsgebeurtenis.objects.count()
    geblokkeerd = nep.get("/api/v1/dossiers/")
    assert "ongeldige API-sleutels" in probleem(geblokkeerd, 429)["detail"] and int(geblokkeerd["Retry-After"]) >= 1
    # During the block no key is checked from that address, not even a valid one (no oracle), and nothing is logged.
    probleem(api.get("/api/v1/dossiers/"), 429)
    assert Beveiligingsgebeurtenis.objects.count() == voor
    # Another address is not affected.
    assert api.get("/api/v1/dossiers/", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_the_dossier_detail_reads_a_fixed_number_of_queries(api, maak_dossier, consulent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nieuwestart.aanmeldingen.services import NieuwGezinslid
    from nieuwestart.beeindiging.services import beeindigen

    alleen = maak_dossier(achternaam="Alleen")
    gezin = maak_dossier(achternaam="Gezin", gezinsleden=[
        NieuwGezinslid(voornamen=f"Kind{i}", achternaam="Gezin", geboortedatum=date(2015, 1, 1 + i), relatie="KIND")
        for i in range(3)
    ])
    beeindigen(dossier=gezin, reden="VERHUISD", nieuwe_gemeente="Utrecht", einddatum=date(2026, 11, 20), door=consulent,
               vandaag=date(2026, 11, 23))
    tellingen = []
    for dossier in (alleen, gezin):
        api.get(f"/api/v1/dossiers/{dossier.pk}/")  # the first request of a token also notes its use
        with CaptureQueriesContext(connection) as queries:
            body = api.get(f"/api/v1/dossiers/{dossier.pk}/").json()
        tellingen.append(len(queries))
    assert len(body["huishouden"]["leden"]) == 3 and body["beeindiging"]["nieuwe_gemeente"] == "Utrecht"
    assert body["team"]["naam"] and body["behandelaar"] == consulent.username
    assert tellingen[0] == tellingen[1] <= 14, tellingen
    for dossier in (alleen, gezin):
        assert detail_zoals_de_orm_het_leest(dossier.pk) == _detail(dossier.pk)


def detail_zoals_de_orm_het_leest(pk):
    from django.utils import timezone

    from nieuwestart.api.views import _dossier_detail
    from nieuwestart.dossiers.models import Dossier

    dossier = (
        Dossier.objects.select_related("rechthebbende", "team", "behandelaar", "huishouden", "beeindiging__beschikking")
        .prefetch_related("huishouden__leden").get(pk=pk)
    )
    return _dossier_detail(dossier, vandaag=timezone.localdate())


def _detail(pk):
    from django.utils import timezone

    from nieuwestart.api.selectors import dossier_voor_detail
    from nieuwestart.api.views import _dossier_detail

    return _dossier_detail(dossier_voor_detail(pk), vandaag=timezone.localdate())


def test_the_detail_of_a_dossier_without_behandelaar_or_household_and_of_no_dossier(api, maak_dossier):
    from nieuwestart.api.selectors import dossier_voor_detail
    from nieuwestart.dossiers.models import Dossier, Huishouden

    dossier = maak_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(behandelaar=None)
    Huishouden.objects.filter(dossier=dossier).delete()  # registered before households were kept
    assert _detail(dossier.pk)["behandelaar"] is None and _detail(dossier.pk)["huishouden"] is None
    assert _detail(dossier.pk) == detail_zoals_de_orm_het_leest(dossier.pk)
    assert dossier_voor_detail(dossier.pk + 1000) is None and dossier_voor_detail(2**70) is None
    probleem(api.get(f"/api/v1/dossiers/{2**70}/"), 404)


def test_the_plain_dossier_list_pages_exactly_as_the_orm_list_both_ways(api, maak_dossier, ander_team):
    from django.test import RequestFactory
    from rest_framework.request import Request

    from nieuwestart.api.paginering import Cursorpaginering
    from nieuwestart.api.selectors import Dossierlijst
    from nieuwestart.api.serializers import DOSSIER_LIJST_KOLOMMEN
    from nieuwestart.dossiers import permissions

    eigen = [maak_dossier(achternaam=f"P{i}").pk for i in range(7)]
    maak_dossier(achternaam="Ander", team_=ander_team)
    gebruiker = api.applicatie.gebruiker
    orm = permissions.dossiers_voor_gebruiker(gebruiker).values(*DOSSIER_LIJST_KOLOMMEN)
    plain = Dossierlijst(permissions.teams_voor_lijsten(gebruiker))

    def pagina(bron, url):
        paginering = Cursorpaginering()
        rijen = paginering.paginate_queryset(bron, Request(RequestFactory().get(url)))
        return [{k: r[k] for k in DOSSIER_LIJST_KOLOMMEN} for r in rijen], paginering.get_next_link(), paginering.get_previous_link()

    def lopen(start, richting):
        ids, url, stappen = [], start, 0
        while url:
            verwacht = pagina(orm, url)
            assert pagina(plain, url) == verwacht
            ids += [r["id"] for r in verwacht[0]]
            url = verwacht[1 if richting == "next" else 2]
            stappen += 1
        return ids, stappen

    vooruit, stappen = lopen("/api/v1/dossiers/?aantal=3", "next")
    assert vooruit == eigen and stappen == 3
    laatste = pagina(orm, f"/api/v1/dossiers/?aantal=3&cursor={cursor(f'p={eigen[3]}')}")
    achteruit, _ = lopen(laatste[2], "previous")
    assert sorted(achteruit) == eigen[:4]
    # A cursor with an offset (DRF makes these for repeated positions) is read the same way.
    met_offset = cursor(f"o=1&p={eigen[1]}")
    assert pagina(plain, f"/api/v1/dossiers/?aantal=2&cursor={met_offset}") == pagina(orm, f"/api/v1/dossiers/?aantal=2&cursor={met_offset}")


def test_the_plain_dossier_list_of_a_user_without_teams_is_empty_without_a_query(django_assert_num_queries):
    from nieuwestart.api.selectors import Dossierlijst

    with django_assert_num_queries(0):
        assert Dossierlijst(set()).order_by("id")[0:51] == []
    with pytest.raises(ValueError):
        Dossierlijst({1}).order_by("dossiernummer")
