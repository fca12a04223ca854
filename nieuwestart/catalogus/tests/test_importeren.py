"""Reading the sociale kaart from a spreadsheet: preview, one-transaction commit, idempotence,
rejected rows with row number, column and a Dutch reason."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.catalogus.importeren import (
    BestandFout,
    Status,
    Waardefout,
    lees_bedrag,
    lees_ja_nee,
    voorbeeld_doorvoeren,
    voorbeeld_maken,
)
from nieuwestart.catalogus.models import Aanbieder, Aard, Product, Traject, Zwaarte
from nieuwestart.catalogus.services import CatalogusGewijzigd, catalogus_inlezen, catalogusimport_starten
from nieuwestart.dossiers.models import Leefgebied

KOP = [
    "Aanbieder", "Soort aanbieder", "Telefoon", "E-mail", "Product", "Leefgebied", "Materieel of immaterieel",
    "Vrij toegankelijk", "Tarief", "Licht intensiteit", "Licht duur", "Licht weken", "Middel intensiteit",
    "Middel duur", "Middel weken",
]
RIJEN = [
    ["MDFlevoland", "Welzijnsorganisatie", "0321 123 456", "info@mdf.example", "Gezinscoach", "Gezin",
     "immaterieel", "nee", "€ 1.250,00", "1 uur per week", "3 maanden", "13", "2 uur per week", "6 maanden", "26"],
    ["MDFlevoland", "", "", "", "Budgetcursus", "Financiën", "", "ja", "", "4 bijeenkomsten", "", "", "", "", ""],
    ["Stichting Kwintes", "Zorgaanbieder", "", "", "Dagbesteding 16-27", "werk/dagbesteding", "", "", "45,5",
     "4-8 dagdelen per maand", "", "", "", "", ""],
]


def csv_bytes(kop, rijen, scheiding=";") -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=scheiding, lineterminator="\n")
    schrijver.writerow(kop)
    schrijver.writerows(rijen)
    return uit.getvalue().encode("utf-8")


def xlsx_bytes(kop, rijen) -> bytes:
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(kop)
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def inlezen(inhoud: bytes, naam="kaart.csv", door=None):
    return voorbeeld_doorvoeren(voorbeeld_maken(inhoud, naam), door=door)


def momentopname():
    return (
        sorted(Aanbieder.objects.values_list("naam", "soort", "telefoon", "email", "gewijzigd_op")),
        sorted(Product.objects.values_list("aanbieder__naam", "naam", "leefgebied", "aard", "vrij_toegankelijk",
                                           "indicatief_tarief", "actief", "gewijzigd_op")),
        sorted(Traject.objects.values_list("product__naam", "zwaarte", "intensiteit", "duur", "duur_weken")),
    )


# --- values ---------------------------------------------------------------------------------

@given(st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_an_amount_reads_the_same_in_dutch_and_in_english_notation(bedrag):
    geheel, _punt, centen = f"{bedrag:.2f}".partition(".")
    duizendtallen = f"{int(geheel):,}".replace(",", ".")
    assert lees_bedrag(f"€ {duizendtallen},{centen}") == bedrag
    assert lees_bedrag(f"{geheel}.{centen}") == bedrag
    assert lees_bedrag(f"{geheel},{centen}") == bedrag


@pytest.mark.parametrize("tekst,bedrag", [("1.500", Decimal("1500.00")), ("12,5", Decimal("12.50")),
                                          ("1,250.75", Decimal("1250.75")), ("", None), ("€ 20,-", Decimal("20.00"))])
def test_amounts_as_people_type_them(tekst, bedrag):
    assert lees_bedrag(tekst) == bedrag


@pytest.mark.parametrize("tekst", ["-5", "gratis", "1,234,5.6.7", "12,345"])
def test_an_amount_that_is_not_one_is_refused_in_dutch(tekst):
    with pytest.raises(Waardefout):
        lees_bedrag(tekst)


@pytest.mark.parametrize("tekst,waarde", [("Ja", True), ("nee", False), ("", True), ("X", True), ("0", False)])
def test_yes_and_no(tekst, waarde):
    assert lees_ja_nee(tekst, standaard=True) is waarde


def test_yes_no_refuses_anything_else():
    with pytest.raises(Waardefout, match="Vul ja of nee in"):
        lees_ja_nee("misschien", standaard=False)


# --- preview and commit ---------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("maak,naam", [(csv_bytes, "kaart.csv"), (xlsx_bytes, "kaart.xlsx")])
def test_preview_writes_nothing_and_commit_writes_every_accepted_row(maak, naam, beheerder):
    inhoud = maak(KOP, RIJEN)
    voorbeeld = voorbeeld_maken(inhoud, naam)
    assert [r.status for r in voorbeeld.regels] == [Status.NIEUW] * 3
    assert [r.rij for r in voorbeeld.regels] == [2, 3, 4]
    assert voorbeeld.aantallen()["NIEUWE_AANBIEDERS"] == 2
    assert not Aanbieder.objects.exists() and not Product.objects.exists()

    voorbeeld_doorvoeren(voorbeeld, door=beheerder)

    mdf = Aanbieder.objects.get(naam="MDFlevoland")
    assert (mdf.soort, mdf.telefoon, mdf.email, mdf.gewijzigd_door) == (
        "WELZIJN", "0321 123 456", "info@mdf.example", beheerder)
    coach = Product.objects.get(naam="Gezinscoach")
    assert (coach.leefgebied, coach.aard, coach.vrij_toegankelijk, coach.indicatief_tarief, coach.actief) == (
        Leefgebied.GEZIN, Aard.IMMATERIEEL, False, Decimal("1250.00"), True)
    assert [(t.zwaarte, t.intensiteit, t.duur, t.duur_weken) for t in coach.trajecten.all()] == [
        (Zwaarte.LICHT, "1 uur per week", "3 maanden", 13), (Zwaarte.MIDDEL, "2 uur per week", "6 maanden", 26)]
    budget = Product.objects.get(naam="Budgetcursus")
    assert (budget.leefgebied, budget.vrij_toegankelijk, budget.indicatief_tarief) == (Leefgebied.FINANCIEN, True, None)
    assert [t.zwaarte for t in budget.trajecten.all()] == [Zwaarte.LICHT]  # middel columns empty: no trajectory
    dag = Product.objects.get(naam="Dagbesteding 16-27")
    assert (dag.aanbieder.naam, dag.leefgebied, dag.indicatief_tarief) == ("Stichting Kwintes", Leefgebied.WERK, Decimal("45.50"))


@pytest.mark.django_db
def test_the_same_file_twice_changes_nothing(beheerder):
    inhoud = csv_bytes(KOP, RIJEN)
    inlezen(inhoud, door=beheerder)
    voor = momentopname()
    tweede = voorbeeld_maken(inhoud, "kaart.csv")
    assert [r.status for r in tweede.regels] == [Status.ONGEWIJZIGD] * 3
    assert not tweede.heeft_wijzigingen
    voorbeeld_doorvoeren(tweede, door=beheerder)
    assert momentopname() == voor  # not even gewijzigd_op moved


@pytest.mark.django_db
def test_the_xlsx_and_csv_of_the_same_sheet_are_the_same_catalogue(beheerder):
    inlezen(xlsx_bytes(KOP, RIJEN), "kaart.xlsx", door=beheerder)
    assert [r.status for r in voorbeeld_maken(csv_bytes(KOP, RIJEN, ","), "kaart.csv").regels] == [Status.ONGEWIJZIGD] * 3


@pytest.mark.django_db
def test_a_changed_row_shows_what_changes_and_only_that_changes(beheerder):
    inlezen(csv_bytes(KOP, RIJEN), door=beheerder)
    rijen = [list(r) for r in RIJEN]
    rijen[0][8] = "1.300,00"  # tarief
    rijen[0][12] = ""  # middel: all three cells empty -> the trajectory goes
    rijen[0][13] = ""
    rijen[0][14] = ""
    rijen[2][3] = "info@kwintes.example"  # provider detail filled in
    voorbeeld = voorbeeld_maken(csv_bytes(KOP, rijen), "kaart.csv")
    assert [r.status for r in voorbeeld.regels] == [Status.GEWIJZIGD, Status.ONGEWIJZIGD, Status.GEWIJZIGD]
    assert voorbeeld.regels[0].wijzigingen == ["indicatief tarief in euro (inclusief btw)", "traject middel"]
    assert voorbeeld.regels[2].wijzigingen == ["e-mailadres"]
    voorbeeld_doorvoeren(voorbeeld, door=beheerder)
    coach = Product.objects.get(naam="Gezinscoach")
    assert coach.indicatief_tarief == Decimal("1300.00")
    assert [t.zwaarte for t in coach.trajecten.all()] == [Zwaarte.LICHT]
    assert Aanbieder.objects.get(naam="Stichting Kwintes").email == "info@kwintes.example"


@pytest.mark.django_db
def test_names_match_whatever_case_and_spaces_and_an_empty_contact_cell_clears_nothing(beheerder):
    inlezen(csv_bytes(KOP, RIJEN), door=beheerder)
    rijen = [list(r) for r in RIJEN]
    rijen[0][0] = "  mdflevoland "
    rijen[0][2] = ""  # telefoon left empty
    rijen[0][4] = "GEZINSCOACH"
    voorbeeld = voorbeeld_maken(csv_bytes(KOP, rijen[:1]), "kaart.csv")
    assert voorbeeld.regels[0].status == Status.ONGEWIJZIGD
    assert Aanbieder.objects.count() == 2


@pytest.mark.django_db
def test_columns_left_out_of_the_file_leave_those_fields_alone(beheerder):
    inlezen(csv_bytes(KOP, RIJEN), door=beheerder)
    voorbeeld = voorbeeld_maken(csv_bytes(["aanbieder", "product", "leefgebied", "actief"],
                                          [["MDFlevoland", "Gezinscoach", "gezin", "nee"]]), "kort.csv")
    assert voorbeeld.regels[0].wijzigingen == ["actief"]
    voorbeeld_doorvoeren(voorbeeld, door=beheerder)
    coach = Product.objects.get(naam="Gezinscoach")
    assert (coach.actief, coach.indicatief_tarief, coach.trajecten.count()) == (False, Decimal("1250.00"), 2)
    assert Product.objects.filter(actief=True).count() == 2  # products not in the file keep their state


@pytest.mark.django_db
def test_rejected_rows_name_row_column_and_reason_and_are_not_written(beheerder):
    rijen = [
        RIJEN[0],
        ["", "", "", "", "Naamloos", "Gezin", "", "", "", "", "", "", "", "", ""],
        ["Humanitas", "", "", "geen-adres", "Maatjes", "Vrije tijd", "soms", "misschien", "veel", "", "", "999", "",
         "", ""],
        ["MDFlevoland", "", "", "", "gezinscoach", "Gezin", "", "", "", "", "", "", "", "", ""],  # duplicate of row 2
        ["MDFlevoland", "", "0321 999 999", "", "Schuldhulp", "Financiën", "", "", "", "", "", "", "", "", ""],
    ]
    voorbeeld = voorbeeld_maken(csv_bytes(KOP, rijen), "kaart.csv")
    status = {r.rij: r.status for r in voorbeeld.regels}
    assert status == {2: Status.NIEUW, 3: Status.AFGEWEZEN, 4: Status.AFGEWEZEN, 5: Status.AFGEWEZEN, 6: Status.AFGEWEZEN}
    redenen = {r.rij: {(a.kolom, a.reden) for a in r.afwijzingen} for r in voorbeeld.per_status(Status.AFGEWEZEN)}
    assert redenen[3] == {("Aanbieder", "Vul de naam van de aanbieder in.")}
    kolommen_4 = {kolom for kolom, _reden in redenen[4]}
    assert kolommen_4 == {"E-mail", "Leefgebied", "Materieel of immaterieel", "Vrij toegankelijk", "Tarief", "Licht weken"}
    assert ("Leefgebied", "Vul een leefgebied in: Wonen, Financiën, Gezin, Werk of Zorg (nu: Vrije tijd).") in redenen[4]
    assert ("Vrij toegankelijk", "Vul ja of nee in (nu: misschien).") in redenen[4]
    assert redenen[5] == {("Product", "Dit product van deze aanbieder staat al in rij 2. "
                                      "Elk product mag maar één keer in het bestand staan.")}
    assert redenen[6] == {("Telefoon", "Rij 2 geeft voor deze aanbieder een ander telefoonnummer. "
                                       "Maak ze gelijk of laat deze cel leeg.")}

    voorbeeld_doorvoeren(voorbeeld, door=beheerder)
    assert list(Product.objects.values_list("naam", flat=True)) == ["Gezinscoach"]
    assert list(Aanbieder.objects.values_list("naam", flat=True)) == ["MDFlevoland"]


@pytest.mark.django_db
def test_a_file_without_a_required_column_is_refused_as_a_whole():
    with pytest.raises(BestandFout) as fout:
        voorbeeld_maken(csv_bytes(["Aanbieder", "Naam product", "Telefoon"], [["X", "Y", "1"]]), "kaart.csv")
    assert "mist de kolom(men) leefgebied" in fout.value.melding


@pytest.mark.django_db
def test_a_column_given_twice_under_two_names_is_refused():
    with pytest.raises(BestandFout, match="meer dan één keer"):
        voorbeeld_maken(csv_bytes(["aanbieder", "product", "leefgebied", "tarief", "indicatief tarief"],
                                  [["X", "Y", "Gezin", "1", "2"]]), "kaart.csv")


@pytest.mark.django_db
def test_unknown_columns_are_listed_and_skipped(beheerder):
    voorbeeld = voorbeeld_maken(csv_bytes(["aanbieder", "product", "leefgebied", "Opmerking intern"],
                                          [["X", "Y", "Zorg", "niet lezen"]]), "kaart.csv")
    assert voorbeeld.onbekende_kolommen == ["Opmerking intern"]
    assert voorbeeld.regels[0].status == Status.NIEUW


@pytest.mark.django_db
def test_english_column_names_work_too(beheerder):
    inhoud = csv_bytes(["Provider", "Product", "Life domain", "Free access", "Light intensity"],
                       [["Humanitas", "Buddies", "Family", "yes", "weekly"]])
    inlezen(inhoud, door=beheerder)
    product = Product.objects.get(naam="Buddies")
    assert (product.leefgebied, product.vrij_toegankelijk, product.trajecten.get().intensiteit) == (
        Leefgebied.GEZIN, True, "weekly")


@pytest.mark.django_db
def test_commit_refuses_when_the_catalogue_changed_after_the_preview(beheerder):
    opdracht, voorbeeld = catalogusimport_starten(door=beheerder, inhoud=csv_bytes(KOP, RIJEN), bestandsnaam="k.csv")
    vingerafdruk = voorbeeld.vingerafdruk()
    Aanbieder.objects.create(naam="MDFlevoland")  # another beheerder was quicker
    with pytest.raises(CatalogusGewijzigd) as gewijzigd:
        catalogus_inlezen(door=beheerder, opdracht=opdracht, vingerafdruk=vingerafdruk)
    assert not Product.objects.exists()
    nieuw = gewijzigd.value.voorbeeld
    assert nieuw.aantallen()["NIEUWE_AANBIEDERS"] == 1
    aantallen = catalogus_inlezen(door=beheerder, opdracht=opdracht, vingerafdruk=nieuw.vingerafdruk())
    assert aantallen[Status.NIEUW] == 3 and Product.objects.count() == 3
    opdracht.refresh_from_db()
    assert (opdracht.status, bytes(opdracht.inhoud)) == ("INGELEZEN", b"")


@pytest.mark.django_db
def test_a_failure_during_commit_rolls_everything_back(beheerder, monkeypatch):
    from nieuwestart.catalogus import importeren

    voorbeeld = voorbeeld_maken(csv_bytes(KOP, RIJEN), "kaart.csv")
    echte_save = Product.save
    teller = {"n": 0}

    def save_en_val_om(self, *args, **kwargs):
        teller["n"] += 1
        if teller["n"] == 3:
            raise RuntimeError("disk full")
        return echte_save(self, *args, **kwargs)

    monkeypatch.setattr(importeren.Product, "save", save_en_val_om)
    with pytest.raises(RuntimeError):
        voorbeeld_doorvoeren(voorbeeld, door=beheerder)
    assert not Product.objects.exists() and not Aanbieder.objects.exists()
