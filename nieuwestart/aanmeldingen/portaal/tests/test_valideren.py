"""valideer: purpose limitation, columns, each rejection reason, duplicates, expiry."""

from datetime import date

import pytest

from nieuwestart.aanmeldingen.portaal.formaten import (
    CONTACTLIJST, KINDVERIFICATIE_ANTWOORD, STATUSUPDATE, Doel, herken_doel,
)
from nieuwestart.aanmeldingen.portaal.lezen import lees_tabel
from nieuwestart.aanmeldingen.portaal.valideren import (
    Afwijzing, DoelFout, GeldigeRij, parse_datum, portaal_verloopdatum, valideer,
)

from .helpers import CONTACT_KOP, bsns, contact_rij, csv_bytes, xlsx_bytes

VANDAAG = date(2026, 11, 23)
B = bsns(1000, seed=11)


def controle(rijen, formaat=CONTACTLIJST, naam="lijst.csv", **kw):
    t = lees_tabel(csv_bytes(rijen), naam)
    kw.setdefault("doel_gekozen", formaat.code)
    return valideer(t, formaat, vandaag=VANDAAG, **kw)


def test_valid_contact_row_is_typed():
    c = controle([CONTACT_KOP, contact_rij(B[0], datum="1-2-1990", postcode="1234ab",
                                           telefoon="+31 6 1234 5678", email="Jan@Example.NL")])
    (rij,) = list(c.rijen())
    assert isinstance(rij, GeldigeRij)
    assert rij.regelnummer == 2 and rij.bsn == B[0]
    assert rij.waarden["geboortedatum"] == date(1990, 2, 1)
    assert rij.waarden["postcode"] == "1234 AB"
    assert rij.waarden["telefoonnummer"] == "0612345678"
    assert rij.waarden["email"] == "Jan@example.nl"
    assert rij.waarden["doelgroep"] == "AANGEMELDE_AANVRAGER"
    assert c.aantal_geldig == 1 and c.kan_importeren


@pytest.mark.parametrize("tekst", ["01-02-1990", "1-2-1990", "01/02/1990", "01.02.1990", "1990-02-01",
                                    "1990-02-01 00:00:00"])
def test_dates_dutch_and_iso(tekst):
    assert parse_datum(tekst) == date(1990, 2, 1)


def test_xlsx_contact_list_validates():
    data = xlsx_bytes([CONTACT_KOP, [int(B[1]), "Jan", None, "Jansen", date(1990, 2, 1),
                                     "erkend gedupeerde ouder", "1234AB", 612345678, None]])
    c = valideer(lees_tabel(data, "x.xlsx"), CONTACTLIJST, doel_gekozen="CONTACTLIJST", vandaag=VANDAAG)
    (rij,) = list(c.rijen())
    assert isinstance(rij, GeldigeRij), rij
    assert rij.waarden["telefoonnummer"] == "0612345678"


def test_header_case_spaces_and_aliases():
    kop = ["  burgerservicenummer ", "VOORNAAM", "Geslachtsnaam", "geb_datum", "Categorie", "Hobby"]
    c = controle([kop, [B[0], "Jan", "Jansen", "1990-02-01", "ex-toeslagpartner", "vissen"]])
    assert c.onbekende_kolommen == ("Hobby",)
    assert any("Hobby" in w for w in c.waarschuwingen)
    (rij,) = list(c.rijen())
    assert rij.waarden["doelgroep"] == "ERKENDE_EX_PARTNER"
    assert "hobby" not in rij.waarden


def test_municipal_mapping():
    kop = ["Klantnummer BSN", "Voornamen", "Achternaam", "Geboortedatum", "Doelgroep"]
    c = controle([kop, [B[0], "Jan", "Jansen", "01-02-1990", "nabestaande"]],
                 mapping={"klantnummer bsn": "bsn"})
    assert c.kan_importeren
    assert isinstance(next(c.rijen()), GeldigeRij)


def test_missing_required_columns_named():
    c = controle([["BSN", "Achternaam"], [B[0], "Jansen"]])
    assert not c.kan_importeren
    assert "'voornamen'" in c.kolomfouten[0] and "'geboortedatum'" in c.kolomfouten[0]
    assert list(c.rijen()) == []


REDENEN = [
    ("BSN", "12345678X", "9 cijfers"),
    ("BSN", "123456789", "11-proef"),
    ("Geboortedatum", "31-02-1990", "geen geldige datum"),
    ("Geboortedatum", "01-01-2030", "toekomst"),
    ("Geboortedatum", "01-01-1899", "te ver in het verleden"),
    ("Doelgroep", "buurman", "Onbekende waarde"),
    ("Postcode", "123 AB", "postcode"),
    ("Postcode", "1234 SS", "postcode"),
    ("Telefoonnummer", "06-1234", "10 cijfers"),
    ("Telefoonnummer", "bel me", "telefoonnummer"),
    ("E-mail", "jan@", "e-mailadres"),
    ("Achternaam", "", "verplicht"),
    ("Achternaam", "x" * 201, "te lang"),
]


@pytest.mark.parametrize("kolom, waarde, reden", REDENEN)
def test_each_rejection_reason(kolom, waarde, reden):
    rij = contact_rij(B[0])
    rij[CONTACT_KOP.index(kolom)] = waarde
    (uit,) = list(controle([CONTACT_KOP, rij]).rijen())
    assert isinstance(uit, Afwijzing)
    assert (uit.regelnummer, uit.kolom) == (2, kolom)
    assert reden.lower() in uit.reden.lower()
    assert len(uit.waarde_kort) <= 40


def test_three_bad_rows_among_1000():
    rijen = [CONTACT_KOP] + [contact_rij(b) for b in B]
    rijen[137][0] = "111111111"  # 11-proef
    rijen[500][4] = "32-13-1980"
    rijen[999][5] = "onbekend"
    c = controle(rijen)
    afw = [r for r in c.rijen() if isinstance(r, Afwijzing)]
    assert [(a.regelnummer, a.kolom) for a in afw] == [(138, "BSN"), (501, "Geboortedatum"),
                                                       (1000, "Doelgroep")]
    assert "11-proef" in afw[0].reden
    assert c.aantal_geldig == 997 and c.aantal_afgewezen == 3


def test_duplicate_bsn_rejected_on_second_occurrence():
    c = controle([CONTACT_KOP, contact_rij(B[0]), contact_rij(B[1]), contact_rij(B[0])])
    uit = list(c.rijen())
    assert isinstance(uit[0], GeldigeRij) and isinstance(uit[1], GeldigeRij)
    assert isinstance(uit[2], Afwijzing)
    assert uit[2].regelnummer == 4 and "regel 2" in uit[2].reden


DEBT_FILES = [
    [["BSN", "Voornamen", "Achternaam", "Geboortedatum", "Doelgroep", "Openstaand bedrag"]],
    [["BSN", "Achternaam", "Schuldeiser", "Vordering"]],
    [["Schuldenlijst gemeente Best"], CONTACT_KOP],
]


@pytest.mark.parametrize("rijen", DEBT_FILES)
@pytest.mark.parametrize("gekozen", ["CONTACTLIJST", "STATUSUPDATE", "SCHULDENLIJST"])
def test_debt_list_refused_whatever_the_user_picks(rijen, gekozen):
    t = lees_tabel(csv_bytes(rijen + [contact_rij(B[0])]), "lijst.csv")
    assert herken_doel(t).doel == Doel.SCHULDENLIJST
    with pytest.raises(DoelFout) as exc:
        valideer(t, CONTACTLIJST, doel_gekozen=gekozen, vandaag=VANDAAG)
    assert "schuldenlijst" in exc.value.melding.lower()
    assert "brede ondersteuning" in exc.value.melding


def test_debt_list_by_file_name():
    t = lees_tabel(csv_bytes([CONTACT_KOP, contact_rij(B[0])]), "schuldenlijst_nov.csv")
    with pytest.raises(DoelFout):
        valideer(t, CONTACTLIJST, doel_gekozen="CONTACTLIJST", vandaag=VANDAAG)


def test_wrong_purpose_refused():
    t = lees_tabel(csv_bytes([["BSN", "Status", "Besluitdatum"], [B[0], "erkend", "01-10-2026"]]), "x")
    assert herken_doel(t).doel == Doel.STATUSUPDATE
    with pytest.raises(DoelFout):
        valideer(t, CONTACTLIJST, doel_gekozen="CONTACTLIJST", vandaag=VANDAAG)


def test_status_update_and_row_key():
    kop = ["BSN", "Status", "Datum besluit"]
    c = controle([kop, [B[0], "Niet-gedupeerd", "2026-10-01"], [B[1], "erkend", "1-10-2026"],
                  [B[2], "misschien", "1-10-2026"]], formaat=STATUSUPDATE)
    a, b, fout = list(c.rijen())
    assert a.waarden["status"] == "NIET_ERKEND" and b.waarden["status"] == "ERKEND"
    assert a.waarden["besluitdatum"] == date(2026, 10, 1)
    assert isinstance(fout, Afwijzing)
    again = list(controle([kop, [B[0], "niet erkend", "01-10-2026"]], formaat=STATUSUPDATE).rijen())
    assert again[0].rij_sleutel == a.rij_sleutel  # same identity across spellings
    other = list(controle([kop, [B[0], "niet erkend", "02-10-2026"]], formaat=STATUSUPDATE).rijen())
    assert other[0].rij_sleutel != a.rij_sleutel


def test_child_verification_answer():
    c = controle([["BSN kind", "Antwoord", "Kenmerk"], [B[0], "ja", "NS-1"], [B[1], "Nee", "NS-2"]],
                 formaat=KINDVERIFICATIE_ANTWOORD)
    assert [r.waarden["uitkomst"] for r in c.rijen()] == ["BEVESTIGD", "NIET_BEVESTIGD"]


def test_expiry_warning_uses_portaalbestand_rule():
    assert portaal_verloopdatum(date(2026, 10, 1)) == date(2026, 10, 31)
    oud = controle([CONTACT_KOP, contact_rij(B[0])], portaaldatum=date(2026, 10, 1))
    assert oud.verlopen and oud.verloopdatum == date(2026, 10, 31)
    assert any("ouder dan 30 dagen" in w for w in oud.waarschuwingen)
    vers = controle([CONTACT_KOP, contact_rij(B[0])], portaaldatum=date(2026, 11, 1))
    assert not vers.verlopen
    assert not any("ouder dan" in w for w in vers.waarschuwingen)


def test_portal_date_from_file_name_and_unknown_date_warned():
    c = controle([CONTACT_KOP, contact_rij(B[0])], naam="portaal_20261020.csv")
    assert c.portaaldatum == date(2026, 10, 20) and c.verlopen
    c = controle([CONTACT_KOP, contact_rij(B[0])], naam="lijst.csv")
    assert c.portaaldatum is None and any("niet bekend" in w for w in c.waarschuwingen)


def test_content_hash_on_controle():
    data = csv_bytes([CONTACT_KOP, contact_rij(B[0])])
    c = valideer(lees_tabel(data, "x"), CONTACTLIJST, doel_gekozen="CONTACTLIJST", vandaag=VANDAAG)
    import hashlib

    assert c.inhoud_hash == hashlib.sha256(data).hexdigest()
