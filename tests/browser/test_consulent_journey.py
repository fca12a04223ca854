"""The consulent's main journey in a real browser, with axe-core on every page visited:
log in (password + app code) → register → verify → record the eerste gesprek → see the terms on the worklist."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nieuwestart.accounts.models import Rol, Team
from nieuwestart.accounts.mfa import huidige_code
from nieuwestart.conftest import geef_app, maak_gebruiker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_consulent_registers_verifies_and_records_the_eerste_gesprek(live_server, page, axe, rolgroepen):
    team = Team.objects.create(naam="Team Noord")
    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[team], first_name="Sanne", last_name="de Vries")
    app = geef_app(consulent)  # the consulent linked an authenticator app before
    vandaag = timezone.localdate()
    aanmelddatum = vandaag - timedelta(days=20)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill("Test-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()

    # The second factor: a code from the app (computed here from the device's key).
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Code", exact=True).fill(huidige_code(app, volgende_vrije=True))
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    expect(page.get_by_text("0 dossiers gevonden")).to_be_visible()
    axe.controleer(page)

    # Directe aanmelding, first with a wrong BSN: the Dutch message stands next to the field.
    page.get_by_role("link", name="Nieuwe aanmelding").click()
    axe.controleer(page)
    page.get_by_label("BSN", exact=True).fill("123456789")
    page.get_by_label("Voornamen").fill("Eva")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Geboortedatum").fill("1985-03-14")
    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_label("Datum van aanmelding").fill(aanmelddatum.isoformat())
    page.get_by_role("button", name="Gezinslid toevoegen").click()
    expect(page.get_by_role("group", name="Gezinslid 1")).to_be_visible()
    lid = page.get_by_role("group", name="Gezinslid 1")
    lid.get_by_label("Voornamen").fill("Noor")
    lid.get_by_label("Achternaam").fill("Jansen")
    lid.get_by_label("Geboortedatum").fill("2015-06-01")
    lid.get_by_label("Relatie tot de aanvrager").select_option("KIND")
    page.get_by_role("button", name="Aanmelding opslaan").click()
    expect(page.locator("#id_bsn_error")).to_contain_text("11-proef")
    axe.controleer(page)
    page.get_by_label("BSN", exact=True).fill("123456782")
    page.get_by_role("button", name="Aanmelding opslaan").click()

    # Dossier page: unverified, so the eerste gesprek is refused until UHT confirms.
    expect(page.get_by_role("heading", name=re.compile("Eva Jansen"))).to_be_visible()
    expect(page.get_by_text("is aangemeld in dossier")).to_be_visible()
    expect(page.get_by_text("Noor Jansen")).to_be_visible()
    axe.controleer(page)
    page.get_by_role("link", name="Eerste gesprek vastleggen").click()
    page.get_by_label("Datum van het eerste gesprek").fill(vandaag.isoformat())
    page.get_by_label("Hulpvraag Financiën").fill("Overzicht krijgen in de schulden")
    page.get_by_role("button", name="Eerste gesprek opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("UHT eerst bevestigen")
    axe.controleer(page)

    page.get_by_role("link", name=re.compile("Terug naar dossier")).click()
    page.get_by_role("link", name="Verificatie bij UHT vastleggen").click()
    axe.controleer(page)
    page.get_by_label("Datum van de verificatie").fill((aanmelddatum + timedelta(days=2)).isoformat())
    page.get_by_label("Contactpersoon bij het UHT Serviceteam").fill("J. de Boer")
    page.get_by_label("Bevestigd", exact=True).check()
    page.get_by_role("button", name="Verificatie opslaan").click()
    expect(page.get_by_text("De verificatie is vastgelegd.")).to_be_visible()

    page.get_by_role("link", name="Eerste gesprek vastleggen").click()
    page.get_by_label("Datum van het eerste gesprek").fill(vandaag.isoformat())
    page.get_by_label("Hulpvraag Financiën").fill("Overzicht krijgen in de schulden")
    page.get_by_role("button", name="Eerste gesprek opslaan").click()
    expect(page.get_by_text("Het eerste gesprek is vastgelegd.")).to_be_visible()
    termijnen = page.get_by_role("table").filter(has_text="Plan van aanpak")
    expect(termijnen).to_contain_text("Handreiking")
    expect(page.get_by_text("Eerste gesprek gevoerd").first).to_be_visible()
    axe.controleer(page)

    # The worklist shows the plan van aanpak term, searchable by BSN (shown masked).
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn werkvoorraad").click()
    rij = page.get_by_role("row").filter(has_text="Eva Jansen")
    expect(rij).to_contain_text("Plan van aanpak")
    expect(rij).to_contain_text("******782")
    page.get_by_label("Zoek op naam, dossiernummer of BSN").fill("123456782")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 dossier gevonden")).to_be_visible()
    axe.controleer(page)
    assert len(axe.bezocht) >= 8
