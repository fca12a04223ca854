"""The report screens: aggregates for the beleidsmedewerker, never a person; exports; comparable cases."""

import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.dossiers.models import Rechthebbende
from nieuwestart.logboek.models import Verwerking

pytestmark = pytest.mark.django_db

DASHBOARDS = ["/rapportages/", "/rapportages/bereik/", "/rapportages/doorlooptijden/", "/rapportages/ondersteuning/",
              "/financien/", "/rapportages/benchmark/", "/rapportages/benchmark/vergelijken/"]


@pytest.fixture
def gegevens(maak_dossier, besluiten, consulent):
    dossiers = []
    for i, doelgroep in enumerate(["ERKENDE_OUDER", "ERKENDE_OUDER", "NABESTAANDE"]):
        d = maak_dossier(achternaam=f"Achternaam{i}", voornamen=f"Voornaam{i}", doelgroep=doelgroep)
        dossierservices.verificatie_vastleggen(dossier=d, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=date(2026, 11, 23))
        dossierservices.eerste_gesprek_vastleggen(dossier=d, door=consulent, datum=date(2026, 9, 20), vandaag=date(2026, 11, 23),
                                                  acute_situatie=False, hulpvragen={"WONEN": "Huur", "ZORG": "Rust"})
        besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "450.00"), ("ZORG", "IMMATERIEEL", "AFGEWEZEN", "80.00")])
        dossiers.append(d)
    return dossiers


@pytest.fixture
def beleid(db):
    return maak_gebruiker("beleid", Rol.BELEIDSMEDEWERKER)


def test_beleidsmedewerker_sees_aggregates_and_no_personal_data(client, beleid, gegevens):
    client.force_login(beleid)
    voor = Verwerking.objects.count()
    personen = list(Rechthebbende.objects.all())
    for url in DASHBOARDS:
        antwoord = client.get(url + "?van=2026-01-01&tot=2026-12-31" if "bereik" in url else url)
        assert antwoord.status_code == 200, url
        html = antwoord.content.decode()
        for p in personen:
            assert p.bsn not in html and p.achternaam not in html and p.voornamen not in html, url
        for d in gegevens:
            assert d.dossiernummer not in html, url
    assert Verwerking.objects.count() == voor  # no personal data processed, so nothing to log
    # Every personal-data screen stays closed to the beleidsmedewerker.
    for url in (f"/dossiers/{gegevens[0].pk}/", f"/dossiers/{gegevens[0].pk}/vergelijkbare-gevallen/",
                f"/dossiers/{gegevens[0].pk}/kosten/", "/werkvoorraad/", "/rapportages/gelijke-behandeling/"):
        assert client.get(url).status_code == 403, url


def test_dashboard_has_table_chart_and_exports(client, beleid, gegevens):
    client.force_login(beleid)
    html = client.get("/rapportages/ondersteuning/").content.decode()
    assert "<caption" in html and "<svg" in html and 'aria-hidden="true"' in html
    assert "style=" not in html and "<script>" not in html  # CSP: no inline style or script
    antwoord = client.get("/rapportages/ondersteuning/?formaat=csv&tabel=ondersteuning-aantallen")
    tekst = antwoord.content.decode("utf-8-sig")
    assert antwoord["Content-Type"].startswith("text/csv")
    assert tekst.splitlines()[0].startswith("Leefgebied;Toegekend;Afgewezen")
    assert "Wonen;3;0;3;0;1350.00;0.00" in tekst and "Totaal;3;3;3;0;1350.00;0.00" in tekst
    antwoord = client.get("/rapportages/ondersteuning/?formaat=xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(antwoord.content))
    assert len(wb.worksheets) == 5  # three on provisions, termination reasons, warm handovers
    rijen = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rijen[1][:3] == ("Wonen", 3, 0)
    assert client.get("/rapportages/ondersteuning/?formaat=csv&tabel=bestaat-niet").status_code == 404


def test_filter_form_shows_errors(client, beleid, gegevens):
    client.force_login(beleid)
    html = client.get("/rapportages/bereik/?van=2026-12-01&tot=2026-01-01").content.decode()
    assert "De einddatum ligt vóór de begindatum." in html


def test_teamleider_sees_equal_treatment_for_own_teams(client, team, gegevens, consulent):
    leider = maak_gebruiker("leider", Rol.TEAMLEIDER, teams=[team])
    client.force_login(leider)
    html = client.get("/rapportages/gelijke-behandeling/").content.decode()
    assert str(consulent) in html and "te weinig besluiten" in html
    assert "twee-proportietoets" in html


def test_comparable_cases_are_anonymised(client, consulent, gegevens):
    client.force_login(consulent)
    eigen = gegevens[0]
    voor = Verwerking.objects.count()
    html = client.get(f"/dossiers/{eigen.pk}/vergelijkbare-gevallen/").content.decode()
    assert "Geval A" in html and "Geval B" not in html  # the other parent; the nabestaande is another doelgroep
    anderen = [d for d in gegevens if d.pk != eigen.pk]
    for d in anderen:
        p = d.rechthebbende
        assert d.dossiernummer not in html and p.bsn not in html and p.achternaam not in html
        assert p.geboortedatum.strftime("%d-%m-%Y") not in html
    # Viewing it processes the own dossier's person only: one log line for that person.
    nieuw = list(Verwerking.objects.order_by("id")[voor:])
    from nieuwestart.logboek.services import betrokkene_hash

    assert {v.betrokkene_hash for v in nieuw} == {betrokkene_hash(eigen.rechthebbende.bsn)}


def test_benchmark_download_and_compare(client, beleid, gegevens):
    client.force_login(beleid)
    antwoord = client.get("/rapportages/benchmark/?van=2026-01-01&tot=2026-12-31")
    export = json.loads(antwoord.content)
    assert export["formaat"] == "nieuwestart-benchmark"
    bestand = SimpleUploadedFile("buur.json", antwoord.content, content_type="application/json")
    html = client.post("/rapportages/benchmark/vergelijken/", {"van": "2026-01-01", "tot": "2026-12-31", "bestanden": [bestand]}).content.decode()
    assert "Personen met een dossier" in html and "Eigen gemeente" in html
    fout = SimpleUploadedFile("fout.json", b"{}", content_type="application/json")
    html = client.post("/rapportages/benchmark/vergelijken/", {"van": "2026-01-01", "tot": "2026-12-31", "bestanden": [fout]}).content.decode()
    assert "geen vergelijkingsbestand" in html


def test_dossier_costs_and_recording_a_payment(client, consulent, gegevens):
    from nieuwestart.financien.models import Betaling, Voorzieningskosten

    client.force_login(consulent)
    d = gegevens[0]
    html = client.get(f"/dossiers/{d.pk}/kosten/").content.decode()
    assert "Betaling vastleggen" in html
    kosten = Voorzieningskosten.objects.get(dossier=d, besluit="TOEGEKEND")
    antwoord = client.post(f"/dossiers/{d.pk}/kosten/{kosten.pk}/betaling/", {"datum": "2026-11-23", "bedrag": "450,00", "kenmerk": "F-7"})
    assert antwoord.status_code == 302
    assert Betaling.objects.get(kosten=kosten).kenmerk == "F-7"
    afgewezen = Voorzieningskosten.objects.get(dossier=d, besluit="AFGEWEZEN")
    html = client.post(f"/dossiers/{d.pk}/kosten/{afgewezen.pk}/betaling/", {"datum": "2026-11-23", "bedrag": "10"}).content.decode()
    assert "alleen betaald worden voor wat in een beschikking is toegekend" in html
    # Another dossier's cost row is not reachable under this dossier.
    assert client.get(f"/dossiers/{gegevens[1].pk}/kosten/{kosten.pk}/betaling/").status_code == 404


def test_controller_registers_costs_initiatives_and_uht_counts(client, beleid):
    from nieuwestart.financien.models import CollectiefInitiatief, Organisatiekosten, SpukComponent, UhtTelling

    client.force_login(beleid)
    b = SpukComponent.objects.get(code="B")
    assert client.post("/financien/organisatiekosten/", {"datum": "2026-03-01", "component": b.pk, "soort": "PERSONEEL",
                                                         "omschrijving": "Uren Q1", "uren": "120", "bedrag": "9000"}).status_code == 302
    assert Organisatiekosten.objects.get().jaar == 2026
    assert client.post("/financien/collectieve-initiatieven/", {"naam": "Lotgenotenavond", "soort": "LOTGENOTENBIJEENKOMST",
                                                                "datum": "2026-04-01", "bedrag": "250"}).status_code == 302
    assert CollectiefInitiatief.objects.get().component.code == "E"
    assert client.post("/financien/uht-tellingen/", {"jaar": "2026", "doelgroep": "ERKENDE_OUDER", "aantal": "120"}).status_code == 302
    assert client.post("/financien/uht-tellingen/", {"jaar": "2026", "doelgroep": "ERKENDE_OUDER", "aantal": "125"}).status_code == 302
    assert UhtTelling.objects.get().aantal == 125
