"""The anonymised benchmark: small cells suppressed, no personal data, and the comparison import."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from nieuwestart.aanmeldingen.services import NieuwGezinslid
from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Gezinslid, Rechthebbende
from nieuwestart.rapportages import benchmark

pytestmark = pytest.mark.django_db
VAN, TOT, VANDAAG = date(2026, 1, 1), date(2026, 12, 31), date(2026, 11, 23)


@pytest.fixture
def gemeente(maak_dossier, besluiten):
    """12 parents (each: WONEN material 400 granted; 11 of them also ZORG 1000), 3 ex-partners, 1 nabestaande."""
    for i in range(12):
        d = maak_dossier(achternaam=f"Ouder{i}", gezinsleden=[NieuwGezinslid("Kees", f"Ouder{i}", date(2015, 5, 5), "KIND")])
        regels = [("WONEN", "MATERIEEL", "TOEGEKEND", "400.00")]
        if i < 11:
            regels.append(("ZORG", "IMMATERIEEL", "TOEGEKEND", "1000.00"))
        besluiten(d, regels)
    for i in range(3):
        maak_dossier(achternaam=f"Ex{i}", doelgroep="ERKENDE_EX_PARTNER")
    maak_dossier(achternaam="Nabestaande", doelgroep="NABESTAANDE")


def _export():
    return benchmark.benchmark_export(van=VAN, tot=TOT, gemeentenaam="Gemeente Test", cbs_code="9999", vandaag=VANDAAG)


def _cel(export, indicator, doelgroep, leefgebied=None):
    return next(c for c in export["cellen"] if (c["indicator"], c["doelgroep"], c["leefgebied"]) == (indicator, doelgroep, leefgebied))


def test_figures_and_small_cell_suppression(gemeente):
    e = _export()
    assert e["formaat"] == "nieuwestart-benchmark" and e["versie"] == 1 and e["drempel_kleine_aantallen"] == 10
    assert _cel(e, "PERSONEN_MET_DOSSIER", "ERKENDE_OUDER")["waarde"] == 12
    assert _cel(e, "PERSONEN_MET_DOSSIER", "TOTAAL")["waarde"] == 16
    # 3 ex-partners and 1 nabestaande: fewer than 10 -> suppressed
    assert _cel(e, "PERSONEN_MET_DOSSIER", "ERKENDE_EX_PARTNER") == {
        "indicator": "PERSONEN_MET_DOSSIER", "doelgroep": "ERKENDE_EX_PARTNER", "leefgebied": None,
        "waarde": None, "onderdrukt": True}
    assert _cel(e, "PERSONEN_MET_DOSSIER", "NABESTAANDE")["onderdrukt"]
    assert _cel(e, "PERSONEN_MET_DOSSIER", "KIND_KINDREGELING")["onderdrukt"]  # zero people is a small cell too
    wonen = _cel(e, "MEDIAAN_BEDRAG", "ERKENDE_OUDER", "WONEN")
    assert wonen == {**wonen, "waarde": "400.00", "onderdrukt": False}
    assert _cel(e, "PERSONEN_MET_TOEKENNING_LEEFGEBIED", "ERKENDE_OUDER", "ZORG")["waarde"] == 11
    assert _cel(e, "AANDEEL_MATERIEEL_PCT", "ERKENDE_OUDER", "WONEN")["waarde"] == 100.0
    assert _cel(e, "BEDRAG_PER_PERSOON", "TOTAAL", "ZORG")["waarde"] == "1000.00"
    # Every published cell is about at least 10 people.
    for c in e["cellen"]:
        assert c["onderdrukt"] or c["waarde"] is not None


def test_one_suppressed_doelgroep_takes_the_next_smallest_with_it(maak_dossier):
    for i in range(12):
        maak_dossier(achternaam=f"Ouder{i}")
    for i in range(11):
        maak_dossier(achternaam=f"Ex{i}", doelgroep="ERKENDE_EX_PARTNER")
    for i in range(10):
        maak_dossier(achternaam=f"Nab{i}", doelgroep="NABESTAANDE")
    for i in range(10):
        maak_dossier(achternaam=f"Aanvr{i}", doelgroep="AANGEMELDE_AANVRAGER")
    maak_dossier(achternaam="Kind", doelgroep="KIND_KINDREGELING")
    e = _export()
    # Only the one child is small; with the total (44) shown it could be derived, so the smallest other
    # group (10 nabestaanden or 10 aanvragers) is suppressed too.
    onderdrukt = {c["doelgroep"] for c in e["cellen"] if c["indicator"] == "PERSONEN_MET_DOSSIER" and c["onderdrukt"]}
    assert "KIND_KINDREGELING" in onderdrukt and len(onderdrukt) == 2
    assert onderdrukt & {"NABESTAANDE", "AANGEMELDE_AANVRAGER"}


def test_the_export_contains_no_bsn_name_or_birth_date(gemeente):
    tekst = benchmark.als_json(_export()).decode("utf-8")
    for persoon in Rechthebbende.objects.all():
        assert persoon.bsn not in tekst
        assert persoon.achternaam not in tekst and persoon.voornamen not in tekst
        for vorm in (persoon.geboortedatum.isoformat(), persoon.geboortedatum.strftime("%d-%m-%Y")):
            assert vorm not in tekst
    for lid in Gezinslid.objects.all():
        assert lid.achternaam not in tekst and lid.geboortedatum.isoformat() not in tekst
    assert not re.search(r"\b\d{9}\b", tekst)  # nothing that looks like a BSN
    assert not re.search(r"NS-\d{4}-\d{6}", tekst)  # no dossier numbers
    # The only dates are the period and the day of the export.
    assert set(re.findall(r"\d{4}-\d{2}-\d{2}", tekst)) == {VAN.isoformat(), TOT.isoformat(), VANDAAG.isoformat()}


def test_import_compares_own_figures_with_received_exports(gemeente):
    eigen = _export()
    buur = json.loads(benchmark.als_json(eigen))
    buur["gemeente"]["naam"] = "Buurgemeente"
    _cel(buur, "PERSONEN_MET_DOSSIER", "ERKENDE_OUDER")["waarde"] = 40
    ontvangen = benchmark.lees_export(json.dumps(buur).encode())
    assert ontvangen["naam"] == "Buurgemeente"
    tabellen = benchmark.vergelijk(eigen, [ontvangen, ontvangen])
    personen = next(t for t in tabellen if t["sleutel"] == "PERSONEN_MET_DOSSIER")
    rij = next(r for r in personen["rijen"] if r[0] == "Erkend gedupeerde ouder")
    assert rij == ["Erkend gedupeerde ouder", 12, 40, 40]
    mediaan = next(t for t in tabellen if t["sleutel"] == "MEDIAAN_BEDRAG")
    assert next(r for r in mediaan["rijen"] if r[0] == "Erkend gedupeerde ouder – Wonen")[1:] == [
        Decimal("400.00"), Decimal("400.00"), Decimal("400.00")]


@pytest.mark.parametrize("inhoud", [
    b"geen json", b"[]", json.dumps({"formaat": "iets-anders", "versie": 1, "cellen": []}).encode(),
    json.dumps({"formaat": "nieuwestart-benchmark", "versie": 2, "cellen": []}).encode(),
    json.dumps({"formaat": "nieuwestart-benchmark", "versie": 1, "cellen": [{"indicator": "BSN"}]}).encode(),
    json.dumps({"formaat": "nieuwestart-benchmark", "versie": 1, "cellen": [
        {"indicator": "MEDIAAN_BEDRAG", "doelgroep": "TOTAAL", "leefgebied": "WONEN", "waarde": {"x": 1}}]}).encode(),
])
def test_import_refuses_unknown_formats(inhoud):
    with pytest.raises(RegelOvertreding) as exc:
        benchmark.lees_export(inhoud)
    assert exc.value.regel is R.BENCHMARK_FORMAAT_BEKEND


def test_a_lone_suppressed_cell_per_leefgebied_cannot_be_derived_from_its_total():
    """Leefgebied indicators publish a total per leefgebied too: one hidden doelgroep there takes the
    next smallest with it, as at doelgroep level."""
    cellen = [
        {"indicator": "BEDRAG_PER_PERSOON", "doelgroep": dg, "leefgebied": "WONEN", "waarde": None if n < 10 else "1.00",
         "onderdrukt": n < 10}
        for dg, n in (("ERKENDE_OUDER", 30), ("ERKENDE_EX_PARTNER", 12), ("NABESTAANDE", 1))
    ] + [{"indicator": "BEDRAG_PER_PERSOON", "doelgroep": "TOTAAL", "leefgebied": "WONEN", "waarde": "1.00",
          "onderdrukt": False}]
    personen = {("BEDRAG_PER_PERSOON", "ERKENDE_OUDER", "WONEN"): 30, ("BEDRAG_PER_PERSOON", "ERKENDE_EX_PARTNER", "WONEN"): 12,
                ("BEDRAG_PER_PERSOON", "NABESTAANDE", "WONEN"): 1}
    benchmark._aanvullend_onderdrukken(cellen, personen)
    onderdrukt = {c["doelgroep"] for c in cellen if c["onderdrukt"]}
    assert onderdrukt == {"NABESTAANDE", "ERKENDE_EX_PARTNER"}
