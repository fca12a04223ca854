"""A dossier moves in from another municipality and the case worker works on with chain partners, in Chromium
with axe-core on every screen: upload the transfer package, check the preview, import it, see the history and
terms on the dossier page, request a driegesprek, refer to SBN, and make a transfer package again (a download).

The sending installation is simulated in the same process: its package is made with the services, then the
database is wiped (``flush``), so the browser's installation has never seen the person."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from nieuwestart.aanmeldingen.services import directe_aanmelding_registreren
from nieuwestart.accounts.models import Rol, Team
from nieuwestart.conftest import geef_app, maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.ketenpartners.models import Driegesprek, Verwijzing
from nieuwestart.overdracht import services as overdrachtservices

from .test_plan import _inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pakket_van_vorige_gemeente(tmp_path):
    vandaag = timezone.localdate()
    for rol in Rol:
        Group.objects.get_or_create(name=rol.value)
    team = Team.objects.create(naam="Team Elders")
    afzender = maak_gebruiker("elders", Rol.CONSULENT, teams=[team], first_name="Ruud", last_name="Ouderling")
    dossier = directe_aanmelding_registreren(
        door=afzender, bsn="123456782",
        persoon={"voornamen": "Noor", "achternaam": "Bos", "geboortedatum": vandaag.replace(year=vandaag.year - 41),
                 "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON"},
        doelgroep="ERKENDE_OUDER", aanmelddatum=vandaag - timedelta(days=120), team=team, behandelaar=afzender,
        gezinsleden=[], vandaag=vandaag,
    )
    dossierservices.verificatie_vastleggen(dossier=dossier, door=afzender, datum=vandaag - timedelta(days=110),
                                           uitkomst="BEVESTIGD", vandaag=vandaag)
    dossierservices.eerste_gesprek_vastleggen(dossier=dossier, door=afzender, datum=vandaag - timedelta(days=100),
                                              vandaag=vandaag, acute_situatie=False, hulpvragen={"FINANCIEN": "Schulden op orde"})
    _o, data = overdrachtservices.pakket_exporteren(dossier=dossier, door=afzender, naar_gemeente="Gemeente Voorbeeld", vandaag=vandaag)
    pad = tmp_path / "overdracht-bos.zip"
    pad.write_bytes(data)
    return pad, vandaag - timedelta(days=100)


def test_import_a_moved_dossier_and_work_on_with_chain_partners(page, live_server, axe, tmp_path):
    pad, eerste_gesprek = _pakket_van_vorige_gemeente(tmp_path)
    call_command("flush", interactive=False, verbosity=0)
    for rol in Rol:
        Group.objects.get_or_create(name=rol.value)
    team = Team.objects.create(naam="Team Noord")
    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[team], first_name="Sanne", last_name="de Vries")
    _inloggen(page, live_server, consulent, geef_app(consulent))

    page.get_by_role("link", name="Dossier van andere gemeente").click()
    expect(page.get_by_role("heading", name="Dossier van een andere gemeente inlezen")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Overdrachtspakket (ZIP)").set_input_files(str(pad))
    page.get_by_role("button", name="Pakket controleren").click()
    expect(page.get_by_role("heading", name="Controleer het overdrachtspakket")).to_be_visible()
    expect(page.get_by_text("Noor Bos", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="Termijnen na het inlezen")).to_be_visible()
    axe.controleer(page)
    page.get_by_role("button", name="Dossier inlezen").click()

    expect(page.get_by_role("heading", name="Noor Bos")).to_be_visible()
    expect(page.get_by_text("Dossier ontvangen van een andere gemeente").first).to_be_visible()
    # The two-year term still runs from the eerste gesprek at the previous municipality.
    expect(page.get_by_role("row", name="Alle besluiten genomen")).to_contain_text(
        f"Loopt vanaf {eerste_gesprek.day} ")
    axe.controleer(page)

    page.get_by_role("link", name="Driegesprek aanvragen").click()
    page.get_by_label("De rechthebbende").check()
    page.get_by_label("Aangevraagd op").fill(timezone.localdate().isoformat())
    page.get_by_label("Onderwerpen").fill("Vragen over de beoordeling door UHT")
    axe.controleer(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Vragen over de beoordeling door UHT")).to_be_visible()

    page.get_by_role("link", name="Verwijzen naar ketenpartner").click()
    page.get_by_label("Sociale Banken Nederland (private schulden)").check()
    page.get_by_label("Verwezen op").fill(timezone.localdate().isoformat())
    page.get_by_label("Waarom deze verwijzing?").fill("Achterstanden bij winkels")
    page.get_by_label("Alleen bij SBN: erkend door UHT op").fill((timezone.localdate() - timedelta(days=30)).isoformat())
    axe.controleer(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name="Private schulden indienen bij SBN")).to_be_visible()
    axe.controleer(page)
    assert Driegesprek.objects.count() == 1 and Verwijzing.objects.get().partner == "SBN"

    page.get_by_role("link", name="Overdrachtspakket maken").click()
    page.get_by_label("Naar welke gemeente verhuist de rechthebbende?").fill("Gemeente Zwolle")
    axe.controleer(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Pakket maken en downloaden").click()
    inhoud = download.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        assert "manifest.json" in z.namelist() and "dossier.json" in z.namelist()
