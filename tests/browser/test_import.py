"""Reading a Gegevensportaal file in a real browser, with axe-core on every page:
log in → upload a contact list with good and bad rows → preview with counts and rejected rows →
confirm → result. Then the progress page of a running import, polled by htmx until it is done."""

import random
import re
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone
from playwright.sync_api import expect

from nieuwestart.aanmeldingen.models import Fase, Importopdracht
from nieuwestart.accounts.models import Rol, Team
from nieuwestart.accounts.mfa import huidige_code
from nieuwestart.common.bsn import genereer_bsn
from nieuwestart.conftest import geef_app, maak_gebruiker
from nieuwestart.dossiers.models import Rechthebbende

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KOP = "BSN;Voornamen;Achternaam;Geboortedatum;Doelgroep;Postcode;Telefoonnummer"


def _inloggen(page, live_server, gebruiker, app):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill("Test-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code", exact=True).fill(huidige_code(app, volgende_vrije=True))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()


def test_consulent_uploads_previews_and_confirms_a_contact_list(live_server, page, axe, rolgroepen):
    team = Team.objects.create(naam="Team Noord")
    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[team], first_name="Sanne", last_name="de Vries")
    app = geef_app(consulent)
    rng = random.Random(4)
    goed = [genereer_bsn(rng) for _ in range(4)]
    regels = [f"{b};Eva;Jansen;01-02-1990;erkend gedupeerde ouder;1234 AB;0612345678" for b in goed]
    regels.insert(2, "123456789;Piet;Fout;01-02-1990;erkend gedupeerde ouder;1234 AB;0612345678")  # 11-proef
    regels.append(f"{genereer_bsn(rng)};Kees;Later;01-02-2990;erkend gedupeerde ouder;1234 AB;0612345678")
    inhoud = ("\r\n".join([KOP, *regels]) + "\r\n").encode()
    bestandsnaam = f"contactlijst_{timezone.localdate() - timedelta(days=2):%Y-%m-%d}.csv"

    _inloggen(page, live_server, consulent, app)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bestand inlezen").click()
    expect(page.get_by_role("heading", name="Bestand uit het Gegevensportaal inlezen")).to_be_visible()
    axe.controleer(page)

    page.get_by_label(re.compile("^Contactlijst brede ondersteuning")).check()
    page.get_by_label("Bestand", exact=True).set_input_files(
        files=[{"name": bestandsnaam, "mimeType": "text/csv", "buffer": inhoud}]
    )
    page.get_by_role("button", name="Bestand controleren").click()

    expect(page.get_by_role("heading", name="Controle van het bestand")).to_be_visible()
    tellingen = page.locator(".ns-tellingen")
    expect(tellingen).to_contain_text("Nieuw4")
    expect(tellingen).to_contain_text("Afgewezen2")
    afgewezen = page.get_by_role("table", name="Afgewezen regels met de reden")
    expect(afgewezen.get_by_role("row").filter(has_text="11-proef")).to_contain_text("4")
    expect(afgewezen.get_by_role("row").filter(has_text="toekomst")).to_contain_text("7")
    expect(page.get_by_role("link", name="Rapport downloaden als Excel (.xlsx)")).to_be_visible()
    assert Rechthebbende.objects.count() == 0  # the preview writes nothing
    axe.controleer(page)

    page.get_by_role("button", name="Bevestigen en inlezen").click()
    expect(page.get_by_role("heading", name="Het bestand is ingelezen")).to_be_visible()
    expect(page.locator(".ns-tellingen")).to_contain_text("Nieuw4")
    expect(page.get_by_role("link", name="Naar de werkvoorraad")).to_be_visible()
    axe.controleer(page)
    assert set(Rechthebbende.objects.values_list("bsn", flat=True)) == set(goed)

    page.get_by_role("link", name="Eerder ingelezen bestanden").click()
    expect(page.get_by_role("cell", name=bestandsnaam)).to_be_visible()
    axe.controleer(page)

    # A debt list is refused with a Dutch message; nothing of it is kept.
    page.get_by_role("link", name="Nieuw bestand inlezen").click()
    page.get_by_label(re.compile("^Contactlijst brede ondersteuning")).check()
    page.get_by_label("Bestand", exact=True).set_input_files(
        files=[{"name": "lijst.csv", "mimeType": "text/csv", "buffer": b"BSN;Naam;Hoofdsom;Schuldeiser\r\n1;a;2;b\r\n"}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit bestand is een schuldenlijst")
    axe.controleer(page)
    assert Importopdracht.objects.count() == 1


def test_the_progress_page_follows_a_running_import(live_server, page, axe, rolgroepen):
    team = Team.objects.create(naam="Team Noord")
    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[team])
    app = geef_app(consulent)
    opdracht = Importopdracht.objects.create(
        doel="CONTACTLIJST", bestandsnaam="contactlijst_groot.csv", inhoud=b"x", door=consulent, team=team,
        fase=Fase.INLEZEN, uitkomst={"regels_geschat": 100_000},
    )
    sleutel = f"importopdracht:{opdracht.pk}"
    caches["voortgang"].set_many({f"{sleutel}:gedaan": 12_000, f"{sleutel}:totaal": 100_000,
                                  f"{sleutel}:hartslag": time.time()})

    _inloggen(page, live_server, consulent, app)
    page.goto(f"{live_server.url}/portaalbestanden/{opdracht.pk}/")
    expect(page.get_by_role("heading", name="Het bestand wordt ingelezen")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Voortgang")).to_have_attribute("value", "12000")
    expect(page.get_by_text("12.000 van 100.000 regels")).to_be_visible()
    axe.controleer(page)

    # The worker moves on: the polled block shows it, then the page reloads itself with the result.
    caches["voortgang"].set(f"{sleutel}:gedaan", 60_000)
    expect(page.get_by_text("60.000 van 100.000 regels")).to_be_visible(timeout=10_000)
    Importopdracht.objects.filter(pk=opdracht.pk).update(
        fase=Fase.KLAAR, inhoud=None, resultaat={"tellingen": [["aantal_nieuw", 99_990]], "al_geimporteerd": False},
    )
    expect(page.get_by_role("heading", name="Het bestand is ingelezen")).to_be_visible(timeout=10_000)
    expect(page.locator(".ns-tellingen")).to_contain_text("99.990")
    axe.controleer(page)
