"""lees_tabel: every tolerated variant, and a clear BestandFout for everything else."""

import io
import zipfile
from datetime import date, datetime
from types import GeneratorType

import pytest

from nieuwestart.aanmeldingen.portaal.lezen import BestandFout, lees_tabel, normaliseer_kop

from .helpers import CONTACT_KOP, bsns, contact_rij, csv_bytes, xlsx_bytes

B = bsns(5)


@pytest.mark.parametrize("scheiding", [";", ",", "\t"])
def test_delimiter_sniffed_from_header(scheiding):
    data = csv_bytes([CONTACT_KOP, contact_rij(B[0])], scheiding=scheiding)
    t = lees_tabel(data, "lijst.csv")
    assert t.scheidingsteken == scheiding
    assert t.kolommen[0] == "bsn"
    assert list(t.rijen()) == [(2, dict(zip(t.kolommen, contact_rij(B[0]), strict=True)))]


def test_rows_are_streamed_by_a_generator():
    t = lees_tabel(csv_bytes([CONTACT_KOP, contact_rij(B[0])]), "x.csv")
    assert isinstance(t.rijen(), GeneratorType)
    # each call starts afresh
    assert list(t.rijen()) == list(t.rijen())


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_and_without_bom(bom):
    t = lees_tabel(csv_bytes([CONTACT_KOP, contact_rij(B[0], achternaam="Hüsné")], bom=bom), "x.csv")
    assert t.originele_kolommen[0] == "BSN"  # no BOM glued to the first header
    assert next(t.rijen())[1]["achternaam"] == "Hüsné"


def test_windows_1252_fallback_keeps_accents():
    data = csv_bytes([CONTACT_KOP, contact_rij(B[0], achternaam="Eén-Ploëg")], codering="cp1252")
    t = lees_tabel(data, "x.csv")
    assert t.codering == "cp1252"
    assert next(t.rijen())[1]["achternaam"] == "Eén-Ploëg"


def test_quoted_field_with_delimiter_and_newline_inside():
    data = b'BSN;Achternaam;Opmerking\n' + B[0].encode() + b';"Vries; de";"twee\nregels"\n' + \
        B[1].encode() + b';Bakker;x\n'
    rijen = list(lees_tabel(data, "x.csv").rijen())
    assert rijen[0][1]["achternaam"] == "Vries; de"
    assert rijen[0][1]["opmerking"] == "twee\nregels"
    assert [n for n, _ in rijen] == [2, 3]  # spreadsheet rows, not text lines


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_crlf_and_lf(eol):
    t = lees_tabel(csv_bytes([CONTACT_KOP, contact_rij(B[0]), contact_rij(B[1])], eol=eol), "x")
    assert [n for n, _ in t.rijen()] == [2, 3]


def test_blank_lines_skipped_but_counted():
    t = lees_tabel(b"a;b\n\n1;2\n;\n3;4\n", "x.csv")
    assert [n for n, _ in t.rijen()] == [3, 5]


@pytest.mark.parametrize(
    "kop, verwacht",
    [("  BSN  ", "bsn"), ("Geboorte_Datum", "geboorte datum"), ("geboorte-datum", "geboorte datum"),
     ("E-MAIL", "e mail"), ("Financiën", "financien"), ("Post   code", "post code")],
)
def test_header_normalisation(kop, verwacht):
    assert normaliseer_kop(kop) == verwacht


def test_short_and_long_rows():
    t = lees_tabel(b"a;b;c\n1\n1;2;3;4\n", "x.csv")
    rijen = [r for _, r in t.rijen()]
    assert rijen[0] == {"a": "1", "b": "", "c": ""}
    assert rijen[1] == {"a": "1", "b": "2", "c": "3", "kolom 4": "4"}


def test_title_rows_above_header_are_kept():
    t = lees_tabel(b"Gegevensportaal export\n\nBSN;Naam\n1;x\n", "x.csv")
    assert t.titelregels == ("Gegevensportaal export",)
    assert t.kopregel == 3
    assert [n for n, _ in t.rijen()] == [4]


def test_duplicate_headers_kept_apart():
    t = lees_tabel(b"BSN;bsn;Naam\n1;2;x\n", "x.csv")
    assert t.dubbele_kolommen == ("bsn",)
    assert len(set(t.kolommen)) == 3


def test_xlsx_detected_by_magic_bytes_not_name():
    data = xlsx_bytes([CONTACT_KOP, [int(B[0]), "Jan", None, "Jansen", datetime(1990, 2, 1),
                                     "erkende ouder", "1234AB", 612345678, "a@b.nl"]])
    t = lees_tabel(data, "export.csv")  # wrong name on purpose
    assert t.soort == "xlsx"
    ((n, rij),) = list(t.rijen())
    assert n == 2
    assert rij["bsn"] == B[0].lstrip("0")
    assert rij["geboortedatum"] == "1990-02-01"
    assert rij["telefoonnummer"] == "612345678"


def test_xlsx_row_numbers_count_empty_rows_and_title():
    data = xlsx_bytes([["Lijst van 1 november"], CONTACT_KOP, contact_rij(B[0]), [], contact_rij(B[1])])
    t = lees_tabel(data, "x.xlsx")
    assert t.kopregel == 2
    assert [n for n, _ in t.rijen()] == [3, 5]
    assert isinstance(date.today(), date)


def _zip(namen):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in namen:
            z.writestr(n, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, naam, code",
    [
        (b"", "x.csv", "leeg"),
        (b"   \r\n\r\n", "x.csv", "leeg"),
        (b";;;\n;;\n", "x.csv", "geen_kop"),
        (b"\x00\x01\x02\x03" * 200, "x.csv", "binair"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "x.xlsx", "beveiligd_of_xls"),
        (b"PK\x03\x04 broken zip", "x.xlsx", "xlsx_kapot"),
        (_zip(["word/document.xml"]), "x.docx", "geen_xlsx"),
        (_zip(["xl/workbook.xml"]), "x.xlsx", "xlsx_kapot"),
        (b"BSN;Naam\n1;x\n", "lijst.xlsx", "xlsx_kapot"),
        (b"\x81\x8d\x8f\x90\x9d;x\n", "x.csv", "codering"),
    ],
)
def test_unreadable_files_give_dutch_bestandfout(data, naam, code):
    with pytest.raises(BestandFout) as exc:
        t = lees_tabel(data, naam)
        list(t.rijen())
    assert exc.value.code == code
    assert exc.value.melding and exc.value.melding[0].isupper()


def test_unclosed_quote_does_not_crash():
    t = lees_tabel(b'a;b\n1;"open\n2;3\n', "x.csv")
    rijen = list(t.rijen())  # tolerated: the csv module reads to the end
    assert rijen[0][0] == 2


def test_content_hash_is_sha256_of_bytes():
    import hashlib

    data = csv_bytes([CONTACT_KOP, contact_rij(B[0])])
    assert lees_tabel(data, "x").inhoud_hash == hashlib.sha256(data).hexdigest()
