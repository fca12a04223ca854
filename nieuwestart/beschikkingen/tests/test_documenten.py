"""The letter itself: what the PDF and DOCX say, that the PDF is tagged and reproducible, and the JSON round trip."""

import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.beschikkingen import services
from nieuwestart.beschikkingen.documenten import (
    bedrag_nl,
    datum_nl,
    docx_renderen,
    docx_tekst,
    html_renderen,
    pdf_renderen,
)
from nieuwestart.beschikkingen.inhoud import Beschikkingsoort
from nieuwestart.beschikkingen.serialisatie import inhoud_naar_json, inhoud_uit_json
from nieuwestart.beschikkingen.sjablonen import standaard_docx, standaard_html, voorbeeldinhoud
from nieuwestart.beschikkingen.testhulp import maak_beschikking

PDFTOTEXT = shutil.which("pdftotext")
# Installed by scripts/install.sh --test (poppler-utils); the browser test needs pdftoppm from it too.
vereist_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")


def pdf_tekst(pdf: bytes) -> str:
    uit = subprocess.run([PDFTOTEXT, "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(uit.stdout.decode("utf-8").split())


def pdf_info(pdf: bytes) -> str:
    return subprocess.run([shutil.which("pdfinfo"), "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture(scope="module")
def inhoud():
    return voorbeeldinhoud(voorzieningen=5, leefgebieden=5)


@pytest.fixture(scope="module")
def pdf(inhoud):
    return pdf_renderen(inhoud, standaard_html())


@vereist_poppler
def test_the_pdf_says_everything_the_law_asks(inhoud, pdf):
    tekst = pdf_tekst(pdf)
    for verwacht in (
        "23 november 2026", inhoud.kenmerk, inhoud.dossiernummer, "Eva de Vries", "Noor de Vries (kind)",
        "artikel 2.21 van de Wet hersteloperatie toeslagen", "1 oktober 2026",  # eerste gesprek
        "Financieel vaardig en in balans", "Eerste doel voor wonen",
        "Voorziening 1", "u krijgt dit.", "Voorziening 4", "u krijgt dit niet.",
        "Dit is een schuld uit het verleden",  # the reason for a refusal
        "€ 450,00", "hardheidsclausule", "Dreigende huisuitzetting",
        "namens het college van burgemeester en wethouders van Gemeente Voorbeeld",
        "S. de Vries, consulent brede ondersteuning",
        "Bent u het niet eens met dit besluit?", "binnen 6 weken", "de dag nadat wij deze brief hebben verstuurd",
        "Postbus 1", "Uw consulent belt u binnen 2 weken",
    ):
        assert verwacht in tekst, verwacht


@vereist_poppler
def test_the_pdf_is_tagged_for_accessibility(pdf):
    info = pdf_info(pdf)
    assert "Tagged:          yes" in info
    assert "Title:           Besluit over uw plan van aanpak" in info


def test_rendering_the_same_content_twice_gives_the_same_bytes(inhoud, pdf):
    assert pdf_renderen(inhoud, standaard_html()) == pdf


@pytest.mark.parametrize("soort,zin", [
    (Beschikkingsoort.ADDENDUM, "Wij hebben uw plan nu veranderd"),
    (Beschikkingsoort.BEEINDIGING, "U heeft de doelen uit uw plan bereikt"),
])
def test_each_kind_of_beschikking_has_its_own_text(soort, zin):
    html = html_renderen(voorbeeldinhoud(soort), standaard_html())
    assert zin in html
    assert "Bent u het niet eens met dit besluit?" in html


def test_html_escapes_the_content():
    inhoud = replace(voorbeeldinhoud(), vervolg="<script>alert(1)</script> & meer")
    html = html_renderen(inhoud, standaard_html())
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; meer" in html


def test_the_docx_says_the_same(inhoud):
    tekst = docx_tekst(docx_renderen(inhoud, standaard_docx()))
    for verwacht in (
        inhoud.kenmerk, "Datum: 23 november 2026", "Dossiernummer: NS-2026-000001", "Noor de Vries (kind)",
        "Voorziening 4", "Waarom u dit niet krijgt: Dit is een schuld uit het verleden",
        "Bedrag: € 450,00 (inclusief btw)", "namens het college van burgemeester en wethouders van Gemeente Voorbeeld",
        "Dan kunt u bezwaar maken. Dat doet u binnen 6 weken.",
    ):
        assert verwacht in tekst, verwacht
    assert "{{" not in tekst and "{%" not in tekst


def test_the_docx_escapes_xml_characters():
    inhoud = replace(voorbeeldinhoud(), vervolg="Huur & energie <per maand>")
    assert "Huur & energie <per maand>" in docx_tekst(docx_renderen(inhoud, standaard_docx()))


def test_the_shipped_docx_is_built_from_the_code():
    from nieuwestart.beschikkingen.sjablonen import standaard_docx_bouwen

    assert docx_tekst(standaard_docx()) == docx_tekst(standaard_docx_bouwen()), "run manage.py beschikkingsjabloon_maken"


@pytest.mark.django_db
@vereist_poppler
def test_a_reissue_from_the_stored_content_matches_the_stored_pdf(maak_dossier, consulent):
    b = maak_beschikking(maak_dossier(), consulent)
    b.refresh_from_db()
    opnieuw = services.opnieuw_renderen(b)
    assert pdf_tekst(opnieuw) == pdf_tekst(bytes(b.pdf))
    # Same content, template and WeasyPrint: even the bytes match, so the stored hash is reproducible.
    assert services.sha256(opnieuw) == b.pdf_sha256


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_datum_nl_is_day_month_year(d):
    dag, maand, jaar = datum_nl(d).split(" ")
    assert int(dag) == d.day and int(jaar) == d.year and maand.isalpha() and maand.islower()


@given(st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False))
def test_bedrag_nl_reads_back_as_the_amount(bedrag):
    tekst = bedrag_nl(bedrag)
    assert tekst.startswith("€ ")
    assert Decimal(tekst[2:].replace(".", "").replace(",", ".")) == bedrag


def test_bedrag_nl_examples():
    assert bedrag_nl(Decimal("1500")) == "€ 1.500,00"
    assert bedrag_nl(Decimal("0.5")) == "€ 0,50"
    assert bedrag_nl(None) == ""


@given(
    voorzieningen=st.integers(min_value=0, max_value=8),
    leefgebieden=st.integers(min_value=0, max_value=5),
    soort=st.sampled_from(list(Beschikkingsoort)),
)
def test_content_survives_the_json_round_trip(voorzieningen, leefgebieden, soort):
    import json

    inhoud = voorbeeldinhoud(soort, voorzieningen=voorzieningen, leefgebieden=leefgebieden)
    opgeslagen = json.loads(json.dumps(inhoud_naar_json(inhoud)))
    assert inhoud_uit_json(opgeslagen) == inhoud
