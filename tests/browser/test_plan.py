"""Writing a plan van aanpak in a real browser, with axe-core on the editor and the issued version:
a consulent writes a plan with two provisions (one above the mandate: four eyes), a second consulent
approves it from the worklist, the consulent issues the plan and the beschikking PDF is opened,
page 1 rendered to PNG with pdftoppm and its text read with pdftotext."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nieuwestart.aanmeldingen.services import directe_aanmelding_registreren
from nieuwestart.accounts.models import Rol, Team
from nieuwestart.accounts.mfa import huidige_code
from nieuwestart.conftest import geef_app, maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.plannen.models import Planversie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOTIVERING = {
    "Welke belemmering neemt dit weg": "Zonder wasmachine heeft het gezin geen schone kleren voor school en werk.",
    "Geschiktheid: helpt dit om het doel te halen": "Met een wasmachine doet moeder de was zelf.",
    "Noodzakelijkheid: waarom is dit nodig": "De wasserette is te ver weg en te duur.",
    "Evenredigheid: past dit bij het probleem": "Een eenvoudig model is de goedkoopste oplossing die werkt.",
    "Vaardigheden": "Moeder kan een wasmachine gebruiken.",
    "Financiële draagkracht": "Het gezin kan dit nu niet zelf betalen.",
    "Grootte en samenstelling van het huishouden": "Moeder met drie kinderen.",
    "Duurzaamheid": "Een wasmachine gaat jaren mee.",
    "Hoe dit het doel mogelijk maakt": "Schone kleren helpen de kinderen om mee te doen op school.",
}


def _inloggen(page, live_server, gebruiker, app):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill("Test-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code", exact=True).fill(huidige_code(app, volgende_vrije=True))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()


def _dossier_na_eerste_gesprek(team, consulent):
    vandaag = timezone.localdate()
    dossier = directe_aanmelding_registreren(
        door=consulent, bsn="123456782",
        persoon={"voornamen": "Eva", "achternaam": "Jansen", "geboortedatum": vandaag.replace(year=vandaag.year - 38),
                 "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON"},
        doelgroep="ERKENDE_OUDER", aanmelddatum=vandaag - timedelta(days=40), team=team, behandelaar=consulent,
        gezinsleden=[], vandaag=vandaag,
    )
    dossierservices.verificatie_vastleggen(
        dossier=dossier, door=consulent, datum=vandaag - timedelta(days=35), uitkomst="BEVESTIGD", vandaag=vandaag
    )
    dossierservices.eerste_gesprek_vastleggen(
        dossier=dossier, door=consulent, datum=vandaag - timedelta(days=20), vandaag=vandaag, acute_situatie=False,
        hulpvragen={"WONEN": "De wasmachine is kapot"},
    )
    return dossier


def _voorziening_invullen(page, *, omschrijving, bedrag):
    expect(page.get_by_role("heading", name="Voorziening toevoegen")).to_be_visible()
    page.get_by_label("Omschrijving", exact=True).fill(omschrijving)
    page.get_by_label("Materieel (een zaak of geld)").check()
    page.get_by_label("Bedrag in euro (inclusief btw)").fill(bedrag)
    for label, tekst in MOTIVERING.items():
        page.get_by_label(re.compile("^" + re.escape(label))).fill(tekst)
    page.get_by_label("Noodzaak", exact=True).check()
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_role("button", name="Voorziening opslaan").click()


@pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("pdftotext"),
                    reason="poppler-utils ontbreekt: `scripts/install.sh --test` installeert het")
def test_consulent_writes_a_plan_a_colleague_approves_and_the_beschikking_is_issued(
    live_server, browser, page, axe, rolgroepen, tmp_path,
):
    team = Team.objects.create(naam="Team Noord")
    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[team], first_name="Sanne", last_name="de Vries")
    collega = maak_gebruiker("collega", Rol.CONSULENT, teams=[team], first_name="Pieter", last_name="Bakker")
    app, app_collega = geef_app(consulent), geef_app(collega)
    dossier = _dossier_na_eerste_gesprek(team, consulent)

    # The consulent starts the first plan from the dossier page.
    _inloggen(page, live_server, consulent, app)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    page.get_by_role("link", name="Plan van aanpak schrijven").click()
    page.get_by_role("button", name="Plan starten").click()
    expect(page.get_by_role("heading", name=re.compile("^Plan van aanpak"))).to_be_visible()
    toets = page.locator("#toets")
    expect(toets).to_have_attribute("aria-live", "polite")
    axe.controleer(page)

    # Wonen: the situation does not meet the national goal. Saved in place; the toets follows.
    wonen = page.locator("#lg-wonen")
    expect(wonen.get_by_label("Hulpvraag (Wonen)")).to_have_value("De wasmachine is kapot")
    wonen.get_by_label("Situatie bij de aanmelding (Wonen)").fill("De wasmachine is kapot; het gezin wast met de hand.")
    wonen.get_by_label("Nee", exact=True).check()
    wonen.get_by_role("button", name=re.compile(r"^Opslaan\s*:\s*Wonen$")).click()
    expect(wonen.get_by_role("status")).to_have_text("Wonen is opgeslagen.")
    expect(toets).to_contain_text("Wonen haalt de landelijke doelstelling niet, maar heeft nog geen doel.")

    wonen.get_by_label("Nieuw doel voor Wonen").fill("Het huishouden draait weer: de was is op orde")
    wonen.get_by_role("button", name=re.compile(r"^Doel toevoegen\s+voor Wonen$")).click()
    expect(wonen.get_by_text("Het huishouden draait weer: de was is op orde", exact=True)).to_be_visible()
    expect(toets).to_contain_text("Elk leefgebied dat de doelstelling niet haalt, heeft een doel.")

    # Two provisions under the goal: one within the consulent's mandate, one for four eyes.
    wonen.get_by_role("link", name=re.compile("^Voorziening toevoegen")).click()
    _voorziening_invullen(page, omschrijving="Wasrek en strijkplank", bedrag="120")
    expect(page.get_by_text("De voorziening 'Wasrek en strijkplank' is opgeslagen.")).to_be_visible()
    page.locator("#lg-wonen").get_by_role("link", name=re.compile("^Voorziening toevoegen")).click()
    _voorziening_invullen(page, omschrijving="Wasmachine", bedrag="899,00")
    expect(toets).to_contain_text("'Wasmachine' kost € 899,00. Goedkeuring van een tweede consulent is nodig (nog niet gevraagd).")
    expect(toets.locator('[data-regel="MANDAAT_GOEDKEURING"]')).to_have_attribute("data-niveau", "BLOKKADE")
    axe.controleer(page)

    page.get_by_role("link", name=re.compile(r"^Goedkeuring vragen\s*:\s*Wasmachine$")).click()
    expect(page.get_by_text("Tweede consulent (vier ogen)")).to_be_visible()
    page.get_by_role("button", name="Goedkeuring vragen").click()
    expect(toets).to_contain_text("Goedkeuring van een tweede consulent is nodig (gevraagd).")

    # Issuing now is refused, with the reason.
    page.get_by_role("link", name="Plan uitgeven").click()
    expect(page.get_by_text("Het plan kan nog niet worden uitgegeven")).to_be_visible()
    expect(page.get_by_text("Goedkeuring van een tweede consulent is nodig (gevraagd)", exact=False)).to_be_visible()

    # The colleague finds the request on the worklist and approves it.
    context2 = browser.new_context(locale="nl-NL")
    page2 = context2.new_page()
    try:
        _inloggen(page2, live_server, collega, app_collega)
        blok = page2.get_by_role("region", name="Goedkeuringen (1)")
        expect(blok).to_contain_text("Wasmachine")
        blok.get_by_role("link", name="Wasmachine").click()
        expect(page2.get_by_role("heading", name="Goedkeuren of terugsturen")).to_be_visible()
        axe.controleer(page2)
        page2.get_by_role("button", name="Goedkeuren").click()
        expect(page2.get_by_text("U heeft 'Wasmachine' goedgekeurd.")).to_be_visible()
        expect(page2.get_by_text("Er wacht niets op uw goedkeuring.")).to_be_visible()
    finally:
        context2.close()

    # Back to the plan: nothing blocks any more; the consulent issues it.
    page.get_by_role("link", name=re.compile("Terug naar het plan")).click()
    expect(toets).to_contain_text("Niets houdt het plan tegen.")
    page.get_by_role("link", name="Plan uitgeven").click()
    page.get_by_role("button", name="Plan uitgeven").click()
    expect(page.get_by_text("Het plan is uitgegeven.")).to_be_visible()
    expect(page.get_by_role("heading", name="Beschikking", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Addendum maken")).to_be_visible()
    expect(page.locator("#toets")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Opslaan"))).to_have_count(0)
    axe.controleer(page)
    versie = Planversie.objects.get(dossier=dossier)
    assert versie.status == "UITGEGEVEN"

    # The PDF: download it, render page 1 to PNG and read its text.
    pdf_link = page.get_by_role("link", name=re.compile(r"openen \(PDF\)"))
    antwoord = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert antwoord.ok and antwoord.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "beschikking.pdf"
    pdf.write_bytes(antwoord.body())
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "pagina1")],
                   check=True, timeout=60)
    png = tmp_path / "pagina1.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2_000
    tekst = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                           timeout=60).stdout
    platte_tekst = " ".join(tekst.split())
    for verwacht in ("Eva Jansen", dossier.dossiernummer, "Wasmachine", "Wasrek en strijkplank",
                     "Het huishouden draait weer", "bezwaar"):
        assert verwacht in platte_tekst, verwacht
    eerste_pagina = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                                   capture_output=True, text=True, timeout=60).stdout
    assert "Eva Jansen" in " ".join(eerste_pagina.split())
