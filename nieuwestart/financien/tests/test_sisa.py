"""SiSa figures against hand-computed values, and a closed year that never changes."""

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from nieuwestart.financien import services
from nieuwestart.financien.models import SisaJaarafsluiting, SpukComponent
from nieuwestart.financien.sisa import sisa_csv, sisa_cijfers, sisa_voor_jaar, sisa_xlsx

pytestmark = pytest.mark.django_db

NU = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def jaar_2025(maak_dossier, consulent, besluiten):
    """2025: two granted provisions (450 + 1200), one refused, paid 450 + 600; 3,000 staff costs;
    one collective initiative of 250."""
    d1 = maak_dossier(aanmelddatum=date(2025, 1, 10), vandaag=date(2025, 1, 10))
    d2 = maak_dossier(achternaam="Bakker", aanmelddatum=date(2025, 2, 1), vandaag=date(2025, 2, 1), doelgroep="NABESTAANDE")
    a, b = besluiten(d1, [("WONEN", "MATERIEEL", "TOEGEKEND", "450.00"), ("ZORG", "IMMATERIEEL", "TOEGEKEND", "1200.00")],
                     besluitdatum=date(2025, 3, 1))
    besluiten(d2, [("WERK", "MATERIEEL", "AFGEWEZEN", "999.00")], besluitdatum=date(2025, 4, 1))
    services.betaling_vastleggen(kosten=a, datum=date(2025, 3, 15), bedrag=Decimal("450.00"), door=consulent)
    services.betaling_vastleggen(kosten=b, datum=date(2025, 6, 1), bedrag=Decimal("600.00"), door=consulent)
    services.betaling_vastleggen(kosten=b, datum=date(2026, 1, 5), bedrag=Decimal("600.00"), door=consulent)  # next year
    services.organisatiekosten_vastleggen(datum=date(2025, 5, 1), component=services.component_voor("ORGANISATIE"),
                                          soort="PERSONEEL", omschrijving="Uren", uren=Decimal("40"),
                                          bedrag=Decimal("3000.00"), door=consulent)
    services.initiatief_vastleggen(naam="Lotgenotenavond", soort="LOTGENOTENBIJEENKOMST", datum=date(2025, 9, 9),
                                   bedrag=Decimal("250.00"), aantal_deelnemers=14, door=consulent)
    return d1, d2, b


def test_sisa_figures_match_hand_computed_values(jaar_2025):
    c = sisa_cijfers(2025)
    per = {r["code"]: r for r in c["componenten"]}
    assert per["A"]["verplichtingen"] == "1650.00"
    assert per["A"]["gerealiseerd_voorzieningen"] == "1050.00"
    assert per["B"]["organisatiekosten"] == "3000.00" and per["B"]["gerealiseerd_totaal"] == "3000.00"
    assert per["E"]["collectieve_initiatieven"] == "250.00"
    assert c["totaal"]["gerealiseerd_totaal"] == "4300.00"
    ind = {i["code"]: i["waarde"] for i in c["indicatoren"]}
    assert ind["B2-A-KOSTEN"] == "1050.00" and ind["B2-B-KOSTEN"] == "3000.00" and ind["B2-E-AANTAL"] == 1
    # No plan was issued in this data set, so no plans and no supported rechthebbenden.
    assert ind["B2-PLANNEN"] == 0 and ind["B2-RH"] == 0
    assert sisa_cijfers(2026)["componenten"][0]["gerealiseerd_voorzieningen"] == "600.00"


def test_sisa_of_a_closed_year_is_unchanged_after_later_edits(jaar_2025, consulent, besluiten, maak_dossier):
    afsluiting = services.jaar_afsluiten(jaar=2025, door=consulent, nu=NU)
    cijfers, gevonden = sisa_voor_jaar(2025)
    assert gevonden == afsluiting and afsluiting.is_ongeschonden
    csv_voor = sisa_csv(cijfers, gevonden)
    xlsx_voor = _cellen(sisa_xlsx(cijfers, gevonden))

    # Later edits: a late decision dated in 2025 (a data correction past the services), a renamed component,
    # an extra indicator and a correction payment booked in the open year 2026.
    d3 = maak_dossier(achternaam="Visser", aanmelddatum=date(2025, 11, 1), vandaag=date(2025, 11, 1))
    besluiten(d3, [("GEZIN", "MATERIEEL", "TOEGEKEND", "5000.00")], besluitdatum=date(2025, 12, 1))
    SpukComponent.objects.filter(code="A").update(naam="Hernoemd")
    _d1, _d2, b = jaar_2025
    services.betaling_vastleggen(kosten=b, datum=date(2026, 2, 1), bedrag=Decimal("-100.00"), door=consulent)
    assert sisa_cijfers(2025) != cijfers  # the live figures did change …

    cijfers_na, afsluiting_na = sisa_voor_jaar(2025)  # … the closed year did not
    assert sisa_csv(cijfers_na, afsluiting_na) == csv_voor
    assert _cellen(sisa_xlsx(cijfers_na, afsluiting_na)) == xlsx_voor
    assert "1650.00" in csv_voor.decode("utf-8-sig") and "Hernoemd" not in csv_voor.decode("utf-8-sig")


def test_a_closed_year_is_append_only(jaar_2025, consulent):
    afsluiting = services.jaar_afsluiten(jaar=2025, door=consulent, nu=NU)
    afsluiting.inhoud["totaal"]["gerealiseerd_totaal"] = "1.00"
    assert not afsluiting.is_ongeschonden  # a changed snapshot no longer matches its hash
    with pytest.raises(PermissionError):
        afsluiting.save()
    with pytest.raises(PermissionError):
        SisaJaarafsluiting.objects.filter(jaar=2025).update(sha256="x")
    with pytest.raises(PermissionError):
        SisaJaarafsluiting.objects.filter(jaar=2025).delete()


def test_sisa_export_views(client, jaar_2025, consulent):
    from nieuwestart.accounts.models import Rol
    from nieuwestart.conftest import maak_gebruiker

    beleid = maak_gebruiker("beleid", Rol.BELEIDSMEDEWERKER)
    client.force_login(beleid)
    antwoord = client.get("/financien/sisa/2025/?formaat=csv")
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert "Voorlopig" in antwoord.content.decode("utf-8-sig")
    antwoord = client.post("/financien/sisa/afsluiten/", {"jaar": "2025"})
    assert antwoord.status_code == 302 and SisaJaarafsluiting.objects.filter(jaar=2025).exists()
    tekst = client.get("/financien/sisa/2025/?formaat=csv").content.decode("utf-8-sig")
    assert "Afgesloten op" in tekst and SisaJaarafsluiting.objects.get(jaar=2025).sha256 in tekst
    xlsx = client.get("/financien/sisa/2025/")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pagina = client.get("/financien/?jaar=2025")
    assert pagina.status_code == 200 and "1.650,00" in pagina.content.decode()


def _cellen(inhoud: bytes) -> list[tuple]:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(inhoud))
    return [tuple(c.value for c in rij) for ws in wb.worksheets for rij in ws.iter_rows()]


def test_exports_keep_negative_numbers_and_neutralise_formulas():
    from nieuwestart.financien.export import tabel_csv

    import csv

    tekst = tabel_csv([["=HYPERLINK(\"x\")", "-100.00", -5, "0363", "+31"]]).decode("utf-8-sig")
    [rij] = list(csv.reader(tekst.splitlines(), delimiter=";"))
    assert rij == ["'=HYPERLINK(\"x\")", "-100.00", "-5", "0363", "'+31"]
