"""The generated permission matrix: every URL pattern, as every role and as anonymous.

A new endpoint fails this suite until it carries a rule (``nieuwestart.toegang.regels``)
and is listed in ``VERWACHTE_REGEL`` below, so access is always a deliberate choice.
The same enumeration checks that every screen showing personal data writes a line in the
processing log.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.toegang.regels import regel_van

pytestmark = pytest.mark.django_db

# URL name -> the rule code it must carry. Change both the view and this table, or neither.
VERWACHTE_REGEL = {
    "start": "INGELOGD",
    "login": "OPENBAAR",
    "logout": "OPENBAAR",
    "dossiers:werkvoorraad": "DOSSIERS_LEZEN",
    "dossiers:detail": "DOSSIERS_LEZEN",
    "dossiers:doorbreken": "DOSSIERS_LEZEN",
    "dossiers:bsn_tonen": "DOSSIERS_LEZEN",
    "dossiers:verificatie": "DOSSIERS_WIJZIGEN",
    "dossiers:eerste_gesprek": "DOSSIERS_WIJZIGEN",
    "dossiers:verwachte_datum": "DOSSIERS_WIJZIGEN",
    "dossiers:opschorten": "DOSSIERS_WIJZIGEN",
    "dossiers:opschorting_beeindigen": "DOSSIERS_WIJZIGEN",
    "aanmeldingen:directe_aanmelding": "DOSSIERS_WIJZIGEN",
    "aanmeldingen:ingelezen_bestanden": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:bestand_inlezen": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:vraagbestand": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:opdracht": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:opdracht_voortgang": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:opdracht_bevestigen": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:opdracht_afbreken": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:opdracht_opnieuw": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:opdracht_kolommen": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:afwijzingsrapport_csv": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:afwijzingsrapport_xlsx": "PORTAALBESTANDEN_INLEZEN",
    "aanmeldingen:kolomkoppelingen": "INSTELLINGEN_BEHEREN",
    "aanmeldingen:kolomkoppeling_verwijderen": "INSTELLINGEN_BEHEREN",
    "instellingen:bewerken": "INSTELLINGEN_BEHEREN",
    "instellingen:feestdag_toevoegen": "INSTELLINGEN_BEHEREN",
    "instellingen:feestdag_verwijderen": "INSTELLINGEN_BEHEREN",
    "instellingen:teamtoewijzing": "INSTELLINGEN_BEHEREN",
    "instellingen:postcodegebied_toevoegen": "INSTELLINGEN_BEHEREN",
    "instellingen:postcodegebied_verwijderen": "INSTELLINGEN_BEHEREN",
    "bewaartermijnen:overzicht": "LOGBOEK_INZIEN",
    "bewaartermijnen:bewerken": "LOGBOEK_INZIEN",
    "accounts:mfa_instellen": "INGELOGD",
    "accounts:mfa_controleren": "INGELOGD",
    "accounts:mfa_herstelcodes": "INGELOGD",
    "accounts:beveiliging": "INGELOGD",
    "accounts:wachtwoord_wijzigen": "INGELOGD",
    "accounts:gebruikers": "INSTELLINGEN_BEHEREN",
    "accounts:gebruiker_nieuw": "INSTELLINGEN_BEHEREN",
    "accounts:gebruiker_bewerken": "INSTELLINGEN_BEHEREN",
    "accounts:oidc_start": "OPENBAAR",
    "accounts:oidc_callback": "OPENBAAR",
    "logboek:overzicht": "LOGBOEK_INZIEN",
    "logboek:dossier": "LOGBOEK_INZIEN",
    "logboek:doorbrekingen": "LOGBOEK_INZIEN",
    "logboek:betrokkene": "LOGBOEK_INZIEN",
    "logboek:integriteit": "LOGBOEK_INZIEN",
    "logboek:verwerkingsregister": "INSTELLINGEN_BEHEREN",
    "logboek:activiteit_nieuw": "INSTELLINGEN_BEHEREN",
    "logboek:activiteit_nieuwe_versie": "INSTELLINGEN_BEHEREN",
    "meldingen:overzicht": "DOSSIERS_LEZEN",
    "meldingen:gelezen": "DOSSIERS_LEZEN",
    "beschikkingen:detail": "DOSSIERS_LEZEN",
    "beschikkingen:pdf": "DOSSIERS_LEZEN",
    "beschikkingen:docx": "DOSSIERS_LEZEN",
    "beschikkingen:verzending": "DOSSIERS_WIJZIGEN",
    "beschikkingen:mondeling_akkoord": "DOSSIERS_WIJZIGEN",
    "beschikkingen:bezwaar_registreren": "DOSSIERS_WIJZIGEN",
    "beschikkingen:bezwaar_verdagen": "DOSSIERS_WIJZIGEN",
    "beschikkingen:bezwaar_afhandelen": "DOSSIERS_WIJZIGEN",
    "beschikkingen:sjablonen": "INSTELLINGEN_BEHEREN",
    "beschikkingen:sjabloon_activeren": "INSTELLINGEN_BEHEREN",
    "beschikkingen:sjabloon_downloaden": "INSTELLINGEN_BEHEREN",
    "beschikkingen:standaard_gebruiken": "INSTELLINGEN_BEHEREN",
    "beschikkingen:standaard_html": "INSTELLINGEN_BEHEREN",
    "beschikkingen:standaard_docx": "INSTELLINGEN_BEHEREN",
    "catalogus:overzicht": "INSTELLINGEN_BEHEREN",
    "catalogus:aanbieders": "INSTELLINGEN_BEHEREN",
    "catalogus:aanbieder_nieuw": "INSTELLINGEN_BEHEREN",
    "catalogus:aanbieder_bewerken": "INSTELLINGEN_BEHEREN",
    "catalogus:aanbieder_actief": "INSTELLINGEN_BEHEREN",
    "catalogus:product_nieuw": "INSTELLINGEN_BEHEREN",
    "catalogus:product_bewerken": "INSTELLINGEN_BEHEREN",
    "catalogus:product_actief": "INSTELLINGEN_BEHEREN",
    "catalogus:importeren": "INSTELLINGEN_BEHEREN",
    "catalogus:import_voorbeeld": "INSTELLINGEN_BEHEREN",
    "catalogus:import_inlezen": "INSTELLINGEN_BEHEREN",
    "catalogus:import_afbreken": "INSTELLINGEN_BEHEREN",
    "catalogus:kiezen": "DOSSIERS_LEZEN",
    "plannen:versie_nieuw": "DOSSIERS_WIJZIGEN",
    "plannen:versie": "DOSSIERS_LEZEN",
    "plannen:toets": "DOSSIERS_LEZEN",
    "plannen:versie_wijzigen": "DOSSIERS_WIJZIGEN",
    "plannen:versie_verwijderen": "DOSSIERS_WIJZIGEN",
    "plannen:doel_wijzigen": "DOSSIERS_WIJZIGEN",
    "plannen:leefgebied": "DOSSIERS_WIJZIGEN",
    "plannen:doel_toevoegen": "DOSSIERS_WIJZIGEN",
    "plannen:doel_verwijderen": "DOSSIERS_WIJZIGEN",
    "plannen:voorziening_nieuw": "DOSSIERS_WIJZIGEN",
    "plannen:voorziening_bewerken": "DOSSIERS_WIJZIGEN",
    "plannen:voorziening_verwijderen": "DOSSIERS_WIJZIGEN",
    "plannen:goedkeuring_vragen": "DOSSIERS_WIJZIGEN",
    "plannen:beoordelen": "DOSSIERS_LEZEN",
    "plannen:uitgeven": "DOSSIERS_WIJZIGEN",
    "plannen:goedkeuringen": "DOSSIERS_LEZEN",
    "beeindiging:afbouw_starten": "DOSSIERS_WIJZIGEN",
    "beeindiging:afbouwstap": "DOSSIERS_WIJZIGEN",
    "beeindiging:contactpoging": "DOSSIERS_WIJZIGEN",
    "beeindiging:beeindigen": "DOSSIERS_WIJZIGEN",
    "beeindiging:overdracht_nieuw": "DOSSIERS_WIJZIGEN",
    "beeindiging:overdracht_bewerken": "DOSSIERS_WIJZIGEN",
    "beeindiging:nazorgcontrole": "DOSSIERS_WIJZIGEN",
    "beeindiging:nazorg_starten": "DOSSIERS_WIJZIGEN",
    "beeindiging:afsluiten": "DOSSIERS_WIJZIGEN",
    "ketenpartners:overleden_aanvrager": "DOSSIERS_WIJZIGEN",
    "ketenpartners:recht_na_overlijden": "DOSSIERS_WIJZIGEN",
    "ketenpartners:kindregeling_uitbetaling": "DOSSIERS_WIJZIGEN",
    "ketenpartners:driegesprek_nieuw": "DOSSIERS_WIJZIGEN",
    "ketenpartners:driegesprek_plannen": "DOSSIERS_WIJZIGEN",
    "ketenpartners:driegesprek_verslag": "DOSSIERS_WIJZIGEN",
    "ketenpartners:verwijzing_nieuw": "DOSSIERS_WIJZIGEN",
    "ketenpartners:verwijzing_contact": "DOSSIERS_WIJZIGEN",
    "ketenpartners:sbn_ingediend": "DOSSIERS_WIJZIGEN",
    "ketenpartners:verwijzing_afronden": "DOSSIERS_WIJZIGEN",
    "overdracht:exporteren": "OVERDRACHT_EXPORTEREN",
    "overdracht:beeindigen": "DOSSIERS_WIJZIGEN",
    "overdracht:inlezen": "OVERDRACHT_INLEZEN",
    "overdracht:voorbeeld": "OVERDRACHT_INLEZEN",
    "overdracht:afbreken": "OVERDRACHT_INLEZEN",
    # REST API (issue 8): the same rules as the screens, plus a scope per application token.
    "api:schema": "OPENBAAR",
    "api_onbekend": "OPENBAAR",
    "api:rechthebbenden": "DOSSIERS_LEZEN",
    "api:rechthebbende": "DOSSIERS_LEZEN",
    "api:dossiers": "DOSSIERS_LEZEN",
    "api:dossier": "DOSSIERS_LEZEN",
    "api:planversies": "DOSSIERS_LEZEN",
    "api:beschikkingen": "DOSSIERS_LEZEN",
    "api:beschikking_pdf": "DOSSIERS_LEZEN",
    "api:bezwaar": "DOSSIERS_WIJZIGEN",
    "api:verificaties": "DOSSIERS_WIJZIGEN",
    "api:eerste_gesprek": "DOSSIERS_WIJZIGEN",
    "api:aanmeldingen": "DOSSIERS_WIJZIGEN",
    "api:einde_ondersteuning": "DOSSIERS_LEZEN",
    "api:afbouw": "DOSSIERS_WIJZIGEN",
    "api:afbouwstappen": "DOSSIERS_WIJZIGEN",
    "api:contactpogingen": "DOSSIERS_WIJZIGEN",
    "api:beeindiging": "DOSSIERS_WIJZIGEN",
    "api:overdrachten": "DOSSIERS_WIJZIGEN",
    "api:overdracht": "DOSSIERS_WIJZIGEN",
    "api:nazorgcontroles": "DOSSIERS_WIJZIGEN",
    "api:nazorg": "DOSSIERS_WIJZIGEN",
    "api:afsluiten": "DOSSIERS_WIJZIGEN",
    "api:imports": "PORTAALBESTANDEN_INLEZEN",
    "api:import": "PORTAALBESTANDEN_INLEZEN",
    "api:import_bevestigen": "PORTAALBESTANDEN_INLEZEN",
    "api:rapportage": "RAPPORTAGES_LEZEN",
    "api_applicaties:overzicht": "INSTELLINGEN_BEHEREN",
    "api_applicaties:nieuw": "INSTELLINGEN_BEHEREN",
    "api_applicaties:vernieuwen": "INSTELLINGEN_BEHEREN",
    "api_applicaties:intrekken": "INSTELLINGEN_BEHEREN",
    "financien:sisa": "RAPPORTAGES_LEZEN",
    "financien:sisa_export": "RAPPORTAGES_LEZEN",
    "financien:jaar_afsluiten": "FINANCIEN_BEHEREN",
    "financien:organisatiekosten": "FINANCIEN_BEHEREN",
    "financien:initiatieven": "FINANCIEN_BEHEREN",
    "financien:uht_tellingen": "FINANCIEN_BEHEREN",
    "financien:referentiegegevens": "INSTELLINGEN_BEHEREN",
    "financien:component_nieuw": "INSTELLINGEN_BEHEREN",
    "financien:component_bewerken": "INSTELLINGEN_BEHEREN",
    "financien:indicator_nieuw": "INSTELLINGEN_BEHEREN",
    "financien:indicator_bewerken": "INSTELLINGEN_BEHEREN",
    "financien:dossier_kosten": "DOSSIERS_LEZEN",
    "financien:betaling": "DOSSIERS_WIJZIGEN",
    "rapportages:overzicht": "RAPPORTAGES_LEZEN",
    "rapportages:bereik": "RAPPORTAGES_LEZEN",
    "rapportages:doorlooptijden": "RAPPORTAGES_LEZEN",
    "rapportages:ondersteuning": "RAPPORTAGES_LEZEN",
    "rapportages:gelijke_behandeling": "GELIJKE_BEHANDELING",
    "rapportages:benchmark_export": "RAPPORTAGES_LEZEN",
    "rapportages:benchmark_vergelijken": "RAPPORTAGES_LEZEN",
    "rapportages:vergelijkbaar": "DOSSIERS_LEZEN",
}

# Screens behind a dossier rule that show no personal data (so they write no processing line).
GEEN_PERSOONSGEGEVENS = {
    "aanmeldingen:directe_aanmelding": "an empty registration form; the POST that registers is logged",
    "dossiers:doorbreken": "shows only the dossier number and team, never the person",
    "meldingen:gelezen": "marks one's own melding read and shows nothing",
    "catalogus:kiezen": "the sociale kaart: providers and products, no person",
}

ROLLEN = {
    "consulent": (Rol.CONSULENT,),
    "consulent_ander_team": (Rol.CONSULENT,),
    "teamleider": (Rol.TEAMLEIDER,),
    "beleidsmedewerker": (Rol.BELEIDSMEDEWERKER,),
    "beheerder": (Rol.FUNCTIONEEL_BEHEERDER,),
    "auditor": (Rol.AUDITOR,),
}


def routes(patterns=None, prefix="", namespace=""):
    """Every (route, name, callback) in the URL configuration, admin excluded (checked separately)."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns == "admin":
                continue
            yield from routes(p.url_patterns, prefix + str(p.pattern), f"{ns}" if p.namespace else namespace)
        elif isinstance(p, URLPattern):
            naam = f"{namespace}:{p.name}" if namespace else p.name
            yield prefix + str(p.pattern), naam, p.callback


ALLE_ROUTES = sorted(routes(), key=lambda r: r[0])


def test_every_route_carries_the_expected_rule():
    ontbrekend = [f"{route} ({naam})" for route, naam, cb in ALLE_ROUTES if regel_van(cb) is None]
    assert not ontbrekend, f"Routes zonder toegangsregel: {ontbrekend}"
    verschil = {naam: regel_van(cb).code for _r, naam, cb in ALLE_ROUTES if VERWACHTE_REGEL.get(naam) != regel_van(cb).code}
    assert not verschil, f"Regel wijkt af van VERWACHTE_REGEL (of route ontbreekt daar): {verschil}"


@pytest.fixture
def wereld(team, ander_team, maak_dossier, consulent):
    gebruikers = {"consulent": consulent}
    for naam, rollen in ROLLEN.items():
        if naam == "consulent":
            continue
        teams = [ander_team] if naam == "consulent_ander_team" else [team]
        gebruikers[naam] = maak_gebruiker(naam, *rollen, teams=teams)
    dossier = maak_dossier()
    from nieuwestart.meldingen.services import TeMelden, melden

    # A melding for the consulent, so the meldingen page shows (and logs) a person.
    melden([TeMelden(dossier=dossier, soort="UHT_NIET_ERKEND", tekst="Testmelding")])
    from nieuwestart.bewaartermijnen.models import Bewaarregel

    from nieuwestart.beschikkingen.testhulp import maak_beschikking

    # A sent beschikking with a bezwaar, so every beschikking and bezwaar screen has something to show.
    beschikking = maak_beschikking(
        dossier, consulent, renderen=False, verzonden_op=dossier.aanmelddatum, bezwaar_ontvangen_op=dossier.aanmelddatum,
        datum=dossier.aanmelddatum,
    )
    plan = _plan_voor_matrix(dossier, consulent, team)
    from nieuwestart.beeindiging.services import overdracht_vastleggen

    # A proposed warme overdracht, so the handover and aftercare screens have something to show.
    plan["overdracht"] = overdracht_vastleggen(
        dossier=dossier, door=consulent, vandaag=dossier.aanmelddatum, leefgebied="FINANCIEN", ontvanger="SCHULDHULPVERLENING",
        organisatie="Schuldhulp gemeente",
    ).pk
    plan.update(_ketenpartners_voor_matrix(dossier, consulent))
    return {"gebruikers": gebruikers, "dossier": dossier, "pk": {"pk": Bewaarregel.objects.first().pk}, "beschikking": beschikking, "plan": plan}


def _ketenpartners_voor_matrix(dossier, consulent) -> dict[str, int]:
    """A driegesprek, a referral and an outgoing transfer, so every chain-partner and transfer screen has something."""
    from datetime import date

    from nieuwestart.ketenpartners import services as keten
    from nieuwestart.overdracht.models import Overdracht

    dag = date(2026, 11, 23)
    d = keten.driegesprek_aanvragen(dossier=dossier, door=consulent, initiatief="UHT", aangevraagd_op=dag, onderwerpen="Uitleg", vandaag=dag)
    v = keten.verwijzing_maken(dossier=dossier, door=consulent, partner="SBN", datum=dag, reden="Private schulden", vandaag=dag)
    Overdracht.objects.create(
        richting="UITGAAND", status="VERZONDEN", dossier=dossier, andere_gemeente="Gemeente Elders",
        oorspronkelijk_dossiernummer=dossier.dossiernummer, schemaversie="1", pakket_sha256="0" * 64,
        bestandsnaam="x.zip", door=consulent,
    )
    return {"driegesprek": d.pk, "verwijzing": v.pk}


def _plan_voor_matrix(dossier, consulent, team) -> dict[str, int]:
    """A concept plan with a goal, a provision above the consulent's mandate and an open four-eyes
    request by a colleague, so every plan screen (editor, toets, approvals) has something to show."""
    from datetime import date
    from decimal import Decimal

    from nieuwestart.dossiers import services as dossierservices
    from nieuwestart.plannen import services as planservices

    dag = date(2026, 11, 23)
    dossierservices.verificatie_vastleggen(dossier=dossier, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=dag)
    dossierservices.eerste_gesprek_vastleggen(
        dossier=dossier, door=consulent, datum=date(2026, 9, 15), vandaag=dag, acute_situatie=False,
        hulpvragen={"WONEN": "De wasmachine is kapot"},
    )
    versie = planservices.planversie_aanmaken(dossier, consulent, vandaag=dag)
    doel = planservices.doel_toevoegen(versie, consulent, leefgebied="WONEN", omschrijving="Het huishouden draait weer")
    v = planservices.voorziening_toevoegen(doel, consulent, omschrijving="Wasmachine", bedrag=Decimal("900.00"))
    collega = maak_gebruiker("collega_matrix", Rol.CONSULENT, teams=[team])
    [goedkeuring] = planservices.goedkeuring_vragen(v, collega, vandaag=dag)
    from nieuwestart.financien.testhulp import kosten_voor

    kosten = kosten_voor(v, dossier)  # a cost record, so the payment screen has something to show
    return {"versie": versie.versie, "doel": doel.pk, "voorziening": v.pk, "goedkeuring": goedkeuring.pk, "kosten": kosten.pk}


def url_voor(route: str, naam: str, wereld) -> str:
    if naam.startswith("bewaartermijnen:"):
        pk = wereld["pk"]["pk"]
    elif naam.startswith("accounts:"):
        pk = wereld["gebruikers"]["consulent"].pk
    else:
        pk = wereld["dossier"].pk
    route = route.replace("<int:beschikking>", str(wereld["beschikking"].pk))
    for kwarg, waarde in wereld["plan"].items():
        route = route.replace(f"<int:{kwarg}>", str(waarde))
    route = route.replace("<str:leefgebied>", "WONEN")
    route = route.replace("<str:naam>", "ondersteuning")  # api:rapportage
    route = route.replace("<int:rechthebbende>", str(wereld["dossier"].rechthebbende_id))
    route = route.replace("<path:onbekend>", "v1/bestaat-niet/")
    url = "/" + re.sub(r"<int:\w+>", str(pk), route)
    url = url.replace("<str:code>", "BREDE_ONDERSTEUNING")
    url = url.replace("<uuid:pk>", "00000000-0000-4000-8000-000000000000")  # an upload nobody may see: 404
    assert "<" not in url, f"Vul de parameters van {route} in de matrix-test in."
    return url


def opvragen(client, url):
    antwoord = client.get(url)
    if antwoord.status_code == 405:
        antwoord = client.post(url, {})
    return antwoord


def is_api(naam: str) -> bool:
    return naam.startswith("api:") or naam == "api_onbekend"


def api_client_voor(gebruiker):
    """A client with an API token of an application acting as exactly this user (same roles and teams)."""
    from nieuwestart.api import services
    from nieuwestart.api.models import ApiApplicatie, Scope
    from nieuwestart.api.tests.conftest import ApiClient

    prefix, token = services._nieuw_token()
    ApiApplicatie.objects.create(
        naam=f"matrix-{gebruiker.username}", gebruiker=gebruiker, scopes=[s.value for s in Scope], token_prefix=prefix,
        token_sha256=services.token_hash(token), aangemaakt_door=gebruiker,
    )
    return ApiClient(token)


def api_opvragen(client, url):
    antwoord = client.get(url)
    for methode in ("post", "patch"):
        if antwoord.status_code == 405:
            antwoord = getattr(client, methode)(url, {}, content_type="application/json")
    return antwoord


def api_matrix(wereld, route, naam, regel, url):
    """API routes: 401 without a token; with a token for each role the same verdict as the screens.
    Outside one's team a dossier is refused (403): the doorbreekfunctie is a screen, with a reason."""
    from nieuwestart.api.tests.conftest import ApiClient

    anoniem = api_opvragen(ApiClient(), url)
    if regel.openbaar:
        assert anoniem.status_code in (200, 404), (naam, anoniem.status_code)
    else:
        assert anoniem.status_code == 401 and anoniem["Content-Type"].startswith("application/problem+json"), (naam, "anoniem")
    for rolnaam, gebruiker in wereld["gebruikers"].items():
        antwoord = api_opvragen(api_client_voor(gebruiker), url)
        if regel.staat_toe(gebruiker):
            if rolnaam == "consulent_ander_team" and "<int:pk>" in route and naam.startswith("api:"):
                assert antwoord.status_code == 403 and "doorbreekfunctie" in antwoord.json()["detail"], (naam, rolnaam)
            else:
                assert antwoord.status_code != 403, (naam, rolnaam, antwoord.content[:300])
        else:
            assert antwoord.status_code == 403, (naam, rolnaam, antwoord.status_code)
            assert antwoord.json()["detail"], (naam, rolnaam)


@pytest.mark.parametrize("route,naam,callback", ALLE_ROUTES, ids=[r[1] for r in ALLE_ROUTES])
def test_permission_matrix(client, wereld, route, naam, callback):
    regel = regel_van(callback)
    url = url_voor(route, naam, wereld)
    if naam == "logout":
        return  # logging out is a POST that ends the session; covered by the auth tests
    if is_api(naam):
        return api_matrix(wereld, route, naam, regel, url)
    anoniem = opvragen(client, url)
    if regel.openbaar:
        assert anoniem.status_code in (200, 302), (naam, anoniem.status_code)
    else:
        assert anoniem.status_code == 302 and reverse("login") in anoniem["Location"], (naam, "anoniem")
    for rolnaam, gebruiker in wereld["gebruikers"].items():
        client.force_login(gebruiker)
        antwoord = opvragen(client, url)
        if regel.staat_toe(gebruiker):
            assert antwoord.status_code != 403, (naam, rolnaam)
            if rolnaam == "consulent_ander_team" and "<int:pk>" in route and naam.startswith("dossiers:") and naam != "dossiers:doorbreken":
                # Outside one's team a dossier opens only through the doorbreekfunctie.
                assert antwoord.status_code == 302 and "/doorbreken/" in antwoord["Location"], (naam, rolnaam)
        else:
            assert antwoord.status_code == 403, (naam, rolnaam, antwoord.status_code)
        client.logout()


@pytest.mark.parametrize(
    "route,naam,callback",
    [r for r in ALLE_ROUTES if regel_van(r[2]) and regel_van(r[2]).code in {"DOSSIERS_LEZEN", "DOSSIERS_WIJZIGEN"}],
    ids=lambda v: v if isinstance(v, str) and ":" in v else None,
)
def test_every_screen_with_personal_data_writes_the_processing_log(client, wereld, route, naam, callback):
    from nieuwestart.logboek.models import Verwerking
    from nieuwestart.logboek.services import betrokkene_hash

    if naam in GEEN_PERSOONSGEGEVENS:
        pytest.skip(GEEN_PERSOONSGEGEVENS[naam])
    voor = Verwerking.objects.count()
    if naam in API_SCHRIJVEN:
        antwoord, bsn = API_SCHRIJVEN[naam](api_client_voor(wereld["gebruikers"]["consulent"]), wereld)
        assert antwoord.status_code in (200, 201), (naam, antwoord.status_code, antwoord.content[:300])
    elif is_api(naam):
        antwoord = api_client_voor(wereld["gebruikers"]["consulent"]).get(url_voor(route, naam, wereld))
        bsn = wereld["dossier"].rechthebbende.bsn
    else:
        client.force_login(wereld["gebruikers"]["consulent"])
        antwoord = opvragen(client, url_voor(route, naam, wereld))
        bsn = wereld["dossier"].rechthebbende.bsn
    assert antwoord.status_code in (200, 201), (naam, antwoord.status_code)
    nieuw = Verwerking.objects.order_by("id")[voor:]
    assert nieuw, f"{naam} schrijft geen regel in het verwerkingenlogboek"
    assert betrokkene_hash(bsn) in {v.betrokkene_hash for v in nieuw}


def _nieuw_dossier(wereld):
    import random
    from datetime import date

    from nieuwestart.aanmeldingen.services import directe_aanmelding_registreren
    from nieuwestart.common.bsn import genereer_bsn

    consulent = wereld["gebruikers"]["consulent"]
    return directe_aanmelding_registreren(
        door=consulent, bsn=genereer_bsn(random.Random(99)), team=wereld["dossier"].team, behandelaar=consulent,
        persoon={"voornamen": "Sem", "achternaam": "Bakker", "geboortedatum": date(1980, 1, 1)},
        doelgroep="ERKENDE_OUDER", aanmelddatum=date(2026, 9, 1), vandaag=date(2026, 11, 23),
    )


def _api_aanmelden(api, wereld):
    bsn = "111222333"
    return api.post("/api/v1/aanmeldingen/", {
        "bsn": bsn, "voornamen": "Lot", "achternaam": "Visser", "geboortedatum": "1990-01-01", "telefoonnummer": "0612345678",
        "voorkeurskanaal": "TELEFOON", "doelgroep": "ERKENDE_OUDER", "aanmelddatum": "2026-09-01",
        "team": wereld["dossier"].team_id,
    }, content_type="application/json"), bsn


def _api_verificatie(api, wereld):
    d = _nieuw_dossier(wereld)
    return api.post(f"/api/v1/dossiers/{d.pk}/verificaties/", {"datum": "2026-09-02", "uitkomst": "BEVESTIGD"},
                    content_type="application/json"), d.rechthebbende.bsn


def _api_eerste_gesprek(api, wereld):
    from datetime import date

    from nieuwestart.dossiers.services import verificatie_vastleggen

    d = _nieuw_dossier(wereld)
    verificatie_vastleggen(dossier=d, door=wereld["gebruikers"]["consulent"], datum=date(2026, 9, 2), uitkomst="BEVESTIGD",
                           vandaag=date(2026, 11, 23))
    return api.post(f"/api/v1/dossiers/{d.pk}/eerste-gesprek/", {"datum": "2026-09-15", "hulpvragen": {"WONEN": "Huur"}},
                    content_type="application/json"), d.rechthebbende.bsn


def _api_bezwaar(api, wereld):
    from nieuwestart.beschikkingen.testhulp import maak_beschikking

    d = _nieuw_dossier(wereld)
    b = maak_beschikking(d, wereld["gebruikers"]["consulent"], renderen=False, verzonden_op=d.aanmelddatum, datum=d.aanmelddatum)
    return api.post(f"/api/v1/dossiers/{d.pk}/beschikkingen/{b.pk}/bezwaar/", {"ontvangen_op": "2026-09-10"},
                    content_type="application/json"), d.rechthebbende.bsn


def _json(api, url, body, methode="post"):
    return getattr(api, methode)(url, body, content_type="application/json")


def _api_einde(stap: str):
    """The end-of-support writes, each on a new dossier brought into the state that step needs."""
    from datetime import date

    from nieuwestart.beeindiging import services as einde
    from nieuwestart.beeindiging.tests.conftest import niet_erkend

    def schrijven(api, wereld):
        d, door, dag = _nieuw_dossier(wereld), wereld["gebruikers"]["consulent"], date(2026, 11, 23)
        basis, datum = f"/api/v1/dossiers/{d.pk}", {"datum": "2026-11-20"}
        overdracht = {"leefgebied": "ZORG", "ontvanger": "WMO", "contactpersoon": "A. de Wit", "wat_overgedragen": "Begeleiding",
                      "toestemming": True}
        if stap in ("afbouw", "afbouwstappen"):
            niet_erkend(d, date(2026, 11, 10))
        if stap == "afbouwstappen":
            einde.afbouw_starten(dossier=d, door=door, datum=date(2026, 11, 12), vandaag=dag)
        if stap in ("overdracht", "nazorgcontroles", "nazorg"):
            o = einde.overdracht_vastleggen(dossier=d, door=door, vandaag=dag, overgedragen_op=None if stap == "overdracht" else dag,
                                            **overdracht)
        if stap in ("nazorg", "afsluiten"):
            einde.beeindigen(dossier=d, reden="VERHUISD", nieuwe_gemeente="Utrecht", einddatum=date(2026, 11, 23), door=door, vandaag=dag)
        antwoord = {
            "afbouw": lambda: _json(api, f"{basis}/afbouw/", datum),
            "afbouwstappen": lambda: _json(api, f"{basis}/afbouwstappen/", datum | {"stap": "GESPREK_VERVOLGHULP"}),
            "contactpogingen": lambda: _json(api, f"{basis}/contactpogingen/", datum | {"kanaal": "POST", "uitkomst": "GEEN_REACTIE"}),
            "beeindiging": lambda: _json(api, f"{basis}/beeindiging/",
                                         {"reden": "VERHUISD", "einddatum": "2026-11-20", "nieuwe_gemeente": "Utrecht"}),
            "overdrachten": lambda: _json(api, f"{basis}/overdrachten/", overdracht),
            "overdracht": lambda: _json(api, f"{basis}/overdrachten/{o.pk}/", {"overgedragen_op": "2026-11-23"}, "patch"),
            "nazorgcontroles": lambda: _json(api, f"{basis}/overdrachten/{o.pk}/controles/",
                                             {"moment": "EERSTE", "datum": "2026-11-24", "uitkomst": "GESTART"}),
            "nazorg": lambda: _json(api, f"{basis}/nazorg/", {"datum": "2026-11-24"}),
            "afsluiten": lambda: _json(api, f"{basis}/afsluiten/", {"datum": "2026-11-24", "reden_zonder_nazorg": "Verhuisd, daar verder."}),
        }[stap]()
        return antwoord, d.rechthebbende.bsn

    return schrijven


# API writes need a body and a dossier in the right state: each makes one successful write.
API_SCHRIJVEN = {
    "api:aanmeldingen": _api_aanmelden,
    "api:verificaties": _api_verificatie,
    "api:eerste_gesprek": _api_eerste_gesprek,
    "api:bezwaar": _api_bezwaar,
    **{f"api:{stap}": _api_einde(stap) for stap in (
        "afbouw", "afbouwstappen", "contactpogingen", "beeindiging", "overdrachten", "overdracht", "nazorgcontroles",
        "nazorg", "afsluiten",
    )},
}


def test_admin_is_for_staff_only(client, wereld):
    client.force_login(wereld["gebruikers"]["consulent"])
    antwoord = client.get("/admin/")
    assert antwoord.status_code == 302 and "/admin/login/" in antwoord["Location"]


def test_admin_is_for_superusers_only_not_for_a_staff_beheerder(client, wereld):
    """A functioneel beheerder with is_staff and every permission still gets no admin: it could
    make itself superuser there, and admin changes bypass the security log."""
    from django.contrib.auth.models import Permission

    from nieuwestart.accounts.models import User

    beheerder = wereld["gebruikers"]["beheerder"]
    beheerder.is_staff = True
    beheerder.save()
    beheerder.user_permissions.set(Permission.objects.all())
    beheerder = User.objects.get(pk=beheerder.pk)  # fresh permission cache
    assert beheerder.has_perm("accounts.change_user")
    client.force_login(beheerder)
    for url in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{beheerder.pk}/change/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and "/admin/login/" in antwoord["Location"], (url, antwoord.status_code)
    antwoord = client.post(f"/admin/accounts/user/{beheerder.pk}/change/", {"is_superuser": "on"})
    assert antwoord.status_code == 302 and "/admin/login/" in antwoord["Location"]
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    client.logout()

    superuser = User.objects.create_superuser("root", password="Test-wachtwoord-123")
    client.force_login(superuser)
    assert client.get("/admin/accounts/user/").status_code == 200
