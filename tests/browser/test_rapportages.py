"""The dashboards in a real browser (Chromium) with axe-core (WCAG 2.1 AA) on every page: the
beleidsmedewerker reads reach, turnaround, support and costs, filters and downloads a table; the
teamleider reads equal treatment; a consulent opens comparable cases of a dossier."""

from datetime import date

import pytest
from playwright.sync_api import expect

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.financien.models import UhtTelling
from nieuwestart.rapportages.tests.conftest import besluiten  # noqa: F401 (fixture)

from .test_sociale_kaart import _inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gegevens(rolgroepen, maak_dossier, besluiten, consulent):  # noqa: F811
    dossiers = []
    for i in range(4):
        d = maak_dossier(achternaam=f"Rapport{i}", doelgroep="ERKENDE_OUDER" if i < 3 else "NABESTAANDE")
        dossierservices.verificatie_vastleggen(dossier=d, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD",
                                               vandaag=date(2026, 11, 23))
        dossierservices.eerste_gesprek_vastleggen(dossier=d, door=consulent, datum=date(2026, 9, 20 + i),
                                                  vandaag=date(2026, 11, 23), acute_situatie=False,
                                                  hulpvragen={"WONEN": "Huur", "ZORG": "Rust"})
        besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "450.00"), ("ZORG", "IMMATERIEEL", "TOEGEKEND", "1200.00"),
                      ("WERK", "MATERIEEL", "AFGEWEZEN", "900.00")])
        dossiers.append(d)
    UhtTelling.objects.create(jaar=2026, doelgroep="ERKENDE_OUDER", aantal=10)
    return dossiers


def test_beleidsmedewerker_reads_the_dashboards(live_server, page, axe, gegevens):
    beleid = maak_gebruiker("beleid", Rol.BELEIDSMEDEWERKER)
    _inloggen(page, live_server, beleid)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rapportages").click()
    expect(page.get_by_role("heading", name="Rapportages", exact=True)).to_be_visible()
    axe.controleer(page)

    for link, kop in (("Bereik en gebruik", "Bereik per doelgroep"), ("Doorlooptijden", "Doorlooptijden in dagen"),
                      ("Ondersteuning", "Besluiten over voorzieningen per leefgebied"),
                      ("Kosten en SiSa", "Kosten per Spuk-component in")):
        page.get_by_role("navigation", name="Rapportages").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=kop).first).to_be_visible()
        axe.controleer(page)

    # The table is the content: a caption, and the figures a screen reader reads.
    page.get_by_role("navigation", name="Rapportages").get_by_role("link", name="Ondersteuning").click()
    tabel = page.get_by_role("table", name="Besluiten over voorzieningen per leefgebied")
    expect(tabel.get_by_role("row", name="Wonen")).to_contain_text("1.800,00")
    # Filter on doelgroep: only the nabestaande remains.
    page.get_by_label("Doelgroep").select_option("NABESTAANDE")
    page.get_by_role("button", name="Toon").click()
    expect(tabel.get_by_role("row", name="Wonen")).to_contain_text("450,00")
    axe.controleer(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Besluiten over voorzieningen per leefgebied” als CSV").click()
    inhoud = open(download.value.path(), encoding="utf-8-sig").read()
    assert inhoud.splitlines()[1].startswith("Wonen;1;0;1;0;450.00")

    page.get_by_role("navigation", name="Rapportages").get_by_role("link", name="Bereik en gebruik").click()
    expect(page.get_by_role("table", name="Bereik per doelgroep").get_by_role("row", name="Erkend gedupeerde ouder")).to_contain_text("30,0")
    page.get_by_role("navigation", name="Rapportages").get_by_role("link", name="Vergelijken met andere gemeenten").click()
    axe.controleer(page)
    page.get_by_role("link", name="Ontvangen bestanden inlezen en naast de eigen cijfers zetten").click()
    axe.controleer(page)


def test_teamleider_and_consulent_see_equal_treatment_and_comparable_cases(live_server, page, axe, gegevens, team, consulent):
    leider = maak_gebruiker("leider", Rol.TEAMLEIDER, teams=[team])
    _inloggen(page, live_server, leider)
    page.goto(f"{live_server.url}/rapportages/gelijke-behandeling/")
    expect(page.get_by_role("table", name="Per consulent, vergeleken met de rest van het team")).to_contain_text(str(consulent))
    axe.controleer(page)
    page.get_by_role("button", name="Uitloggen").click()

    _inloggen(page, live_server, consulent)
    page.goto(f"{live_server.url}/dossiers/{gegevens[0].pk}/")
    page.get_by_role("link", name="Vergelijkbare gevallen (voor het casuïstiekoverleg)").click()
    expect(page.get_by_role("heading", name="Geval A")).to_be_visible()
    expect(page.get_by_text("Rapport1")).to_have_count(0)
    axe.controleer(page)
    page.goto(f"{live_server.url}/dossiers/{gegevens[0].pk}/kosten/")
    axe.controleer(page)
