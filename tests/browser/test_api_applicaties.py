"""API-applicaties and the zaakregistratie state in a real browser, with axe-core (WCAG 2.1 AA): the
beheerder creates an application and sees its key once, the key works against the running server,
and the dossier page shows a failed publication with its reason."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from nieuwestart.accounts.mfa import huidige_code
from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import geef_app, maak_gebruiker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inloggen(page, live_server, gebruiker):
    app = geef_app(gebruiker)
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill("Test-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code", exact=True).fill(huidige_code(app, volgende_vrije=True))
    page.get_by_role("button", name="Inloggen").click()


def test_beheerder_creates_an_api_application_and_its_key_works(live_server, page, axe, rolgroepen, team, maak_dossier):
    dossier = maak_dossier()
    beheerder = maak_gebruiker("beheerder", Rol.FUNCTIONEEL_BEHEERDER)
    _inloggen(page, live_server, beheerder)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="API-applicaties").click()
    expect(page.get_by_role("heading", name="API-applicaties", exact=True)).to_be_visible()
    axe.controleer(page)
    page.get_by_role("link", name="Nieuwe applicatie").click()
    page.get_by_label("Naam van de applicatie").fill("Klantportaal")
    page.get_by_label("Consulent (brede ondersteuner)").check()
    page.get_by_label("Team Noord").check()
    page.get_by_label("Rechthebbenden, dossiers, plannen en beschikkingen lezen").check()
    axe.controleer(page)
    page.get_by_role("button", name="Aanmaken en sleutel tonen").click()
    sleutel = page.locator("#api-sleutel").inner_text()
    assert sleutel.startswith("ns_")
    axe.controleer(page)

    verzoek = urllib.request.Request(f"{live_server.url}/api/v1/dossiers/", headers={"Authorization": f"Bearer {sleutel}"})
    with urllib.request.urlopen(verzoek) as antwoord:
        assert [d["dossiernummer"] for d in json.load(antwoord)["results"]] == [dossier.dossiernummer]

    page.get_by_role("link", name="Terug naar API-applicaties").click()
    expect(page.get_by_role("cell", name="Klantportaal")).to_be_visible()
    assert sleutel not in page.content()


def test_the_dossier_page_shows_a_failed_publication(live_server, page, axe, rolgroepen, settings, maak_dossier, consulent):
    from nieuwestart.zaakregistratie.models import Stand, Zaakkoppeling
    from nieuwestart.zaakregistratie.tests.conftest import instelling

    dossier = maak_dossier()
    settings.NS_ZGW = instelling()  # after registering: nothing is sent from this test
    Zaakkoppeling.objects.create(dossier=dossier, stand=Stand.MISLUKT, pogingen=2,
                                 fout="De zaakregistratie is niet bereikbaar (ConnectionError).")
    _inloggen(page, live_server, consulent)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    sectie = page.get_by_role("region", name="Zaakregistratie")
    expect(sectie.get_by_text("Mislukt")).to_be_visible()
    expect(sectie.get_by_text("niet bereikbaar")).to_be_visible()
    axe.controleer(page)
