"""The sociale kaart in a real browser, with axe-core (WCAG 2.1 AA) on every page: the beheerder
reads a spreadsheet (preview with a rejected row, then commit), edits a product, and a consulent
searches the map (htmx, and the same page without it)."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from nieuwestart.accounts.mfa import huidige_code
from nieuwestart.accounts.models import Rol, Team
from nieuwestart.catalogus.models import Product
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


def _xlsx() -> bytes:
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(["Aanbieder", "Product", "Leefgebied", "Vrij toegankelijk", "Licht intensiteit", "Middel intensiteit"])
    blad.append(["MDFlevoland", "Gezinscoach", "Gezin", "ja", "1 uur per week", "2 uur per week"])
    blad.append(["MDFlevoland", "Budgetcursus", "Financiën", "nee", "4 bijeenkomsten", ""])
    blad.append(["Humanitas", "Maatjes", "Vrije tijd", "ja", "", ""])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def test_beheerder_imports_the_social_map_and_a_consulent_searches_it(live_server, page, axe, rolgroepen):
    beheerder = maak_gebruiker("beheerder", Rol.FUNCTIONEEL_BEHEERDER)
    _inloggen(page, live_server, beheerder)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Sociale kaart").click()
    expect(page.get_by_role("heading", name="Sociale kaart", exact=True)).to_be_visible()
    axe.controleer(page)

    page.get_by_role("link", name="Inlezen uit een bestand").click()
    page.get_by_label("Bestand met de sociale kaart").set_input_files(files=[{
        "name": "sociale-kaart.xlsx", "buffer": _xlsx(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }])
    axe.controleer(page)
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("heading", name="Wat er verandert")).to_be_visible()
    expect(page.get_by_text("Kolom Leefgebied: Vul een leefgebied in")).to_be_visible()
    axe.controleer(page)
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text("De sociale kaart is bijgewerkt: 2 nieuwe en 0 gewijzigde producten.")).to_be_visible()
    assert Product.objects.count() == 2
    axe.controleer(page)

    page.get_by_role("link", name="Gezinscoach").click()
    expect(page.get_by_role("heading", name="Product Gezinscoach wijzigen")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Zwaar: intensiteit").fill("4 uur per week")
    page.get_by_role("button", name="Product opslaan").click()
    expect(page.get_by_text("Product Gezinscoach is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Aanbieders", exact=True).click()
    axe.controleer(page)
    page.get_by_role("button", name="Uitloggen").click()

    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[Team.objects.create(naam="Team Noord")])
    _inloggen(page, live_server, consulent)
    page.goto(f"{live_server.url}/sociale-kaart/")
    expect(page.get_by_role("heading", name="Sociale kaart")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Zoek op naam, aanbieder of omschrijving").fill("budget")
    expect(page.get_by_text("1 product gevonden.")).to_be_visible()  # htmx replaced the list
    expect(page.get_by_role("cell", name="Gezinscoach")).to_have_count(0)
    axe.controleer(page)
