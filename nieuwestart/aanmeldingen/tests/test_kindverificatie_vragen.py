"""Child verification: the question file we send, the round trip, and the two commands."""

import codecs
import csv as csvmod
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from nieuwestart.aanmeldingen import kindverificatie
from nieuwestart.aanmeldingen.portaal.formaten import KINDVERIFICATIE_VRAAG
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus, Verificatie
from nieuwestart.dossiers.services import verificatie_vastleggen
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash

pytestmark = pytest.mark.django_db

AANMELD = date(2026, 9, 1)
GEVRAAGD = "KINDVERIFICATIE_GEVRAAGD"


@pytest.fixture
def maak_kind(maak_dossier):
    def _maak(achternaam="Bakker", **kw):
        kw.setdefault("aanmelddatum", AANMELD)
        return maak_dossier(
            doelgroep="KIND_KINDREGELING", voornamen="Noor", achternaam=achternaam,
            geboortedatum=date(2004, 5, 6), **kw,
        )

    return _maak


@pytest.fixture
def situatie(maak_kind, maak_dossier, consulent, ander_team):
    """Two children awaiting verification, one in another team, and four that must not be asked."""
    wachtend = [maak_kind("Bakker"), maak_kind("Visser", aanmelddatum=date(2026, 10, 5))]
    ander = maak_kind("Smit", team_=ander_team, door=None)
    bevestigd = maak_kind("de Boer")
    verificatie_vastleggen(dossier=bevestigd, door=consulent, datum=date(2026, 10, 1), uitkomst="BEVESTIGD",
                           vandaag=date(2026, 11, 23))
    niet = maak_kind("Mulder")
    verificatie_vastleggen(dossier=niet, door=consulent, datum=date(2026, 10, 1), uitkomst="NIET_BEVESTIGD",
                           vandaag=date(2026, 11, 23))
    ouder = maak_dossier(doelgroep="AANGEMELDE_AANVRAGER", achternaam="Jansen")  # another target group
    portaal = maak_kind("Portaal")
    Dossier.objects.filter(pk=portaal.pk).update(bron="GEGEVENSPORTAAL")  # not applied directly
    return {"wachtend": wachtend, "ander": ander, "niet_vragen": [bevestigd, niet, ouder, portaal]}


def lees_csv(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith(codecs.BOM_UTF8)
    return list(csvmod.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def exporteer(soort, door, vandaag, **kw):
    uit = io.BytesIO()
    resultaat = kindverificatie.vraagbestand(uit, soort=soort, door=door, vandaag=vandaag, **kw)
    return resultaat, uit.getvalue()


def bsns(dossiers):
    return {d.rechthebbende.bsn for d in dossiers}


# --- the question file ------------------------------------------------------------------------


def test_csv_contains_exactly_the_children_awaiting_verification(situatie, consulent, vandaag):
    resultaat, inhoud = exporteer("csv", consulent, vandaag)
    rijen = lees_csv(inhoud)
    assert rijen[0] == list(KINDVERIFICATIE_VRAAG.kopregel)
    verwacht = [*situatie["wachtend"], situatie["ander"]]
    assert resultaat.aantal == 3 and len(rijen) == 4
    kol = {naam: i for i, naam in enumerate(rijen[0])}
    assert {r[kol["bsn"]] for r in rijen[1:]} == bsns(verwacht)
    eerste = next(r for r in rijen[1:] if r[kol["bsn"]] == situatie["wachtend"][1].rechthebbende.bsn)
    assert eerste[kol["referentie"]] == situatie["wachtend"][1].dossiernummer
    assert eerste[kol["achternaam"]] == "Visser" and eerste[kol["voornamen"]] == "Noor"
    assert eerste[kol["geboortedatum"]] == "06-05-2004" and eerste[kol["aanmelddatum"]] == "05-10-2026"
    assert eerste[kol["gemeente"]] == gemeente_instellingen().gemeentenaam
    assert eerste[kol["uitkomst"]] == "" and eerste[kol["verificatiedatum"]] == ""
    assert resultaat.bestandsnaam == "kindverificatie_vraag_2026-11-23.csv"
    assert resultaat.media_type.startswith("text/csv")


def test_export_records_an_event_per_child_and_one_processing_log_block(situatie, consulent, vandaag):
    exporteer("csv", consulent, vandaag)
    gevraagd = DossierGebeurtenis.objects.filter(soort=GEVRAAGD)
    verwacht = [*situatie["wachtend"], situatie["ander"]]
    assert set(gevraagd.values_list("dossier_id", flat=True)) == {d.pk for d in verwacht}
    g = gevraagd.first()
    assert (g.datum, g.door) == (vandaag, consulent)
    assert g.gegevens == {"bestandsnaam": "kindverificatie_vraag_2026-11-23.csv"}
    assert g.soort_label == "Verificatie gevraagd aan UHT (vraagbestand)"
    regels = Verwerking.objects.filter(naam=kindverificatie.LOGNAAM_VRAGEN)
    assert set(regels.values_list("betrokkene_hash", flat=True)) == {betrokkene_hash(b) for b in bsns(verwacht)}
    assert regels.values("operation_id").distinct().count() == 1
    for d in situatie["niet_vragen"]:
        assert not d.gebeurtenissen.filter(soort=GEVRAAGD).exists()
        assert not regels.filter(betrokkene_hash=betrokkene_hash(d.rechthebbende.bsn)).exists()


def test_export_for_a_user_only_holds_their_teams(situatie, consulent, team, vandaag):
    resultaat, inhoud = exporteer("csv", consulent, vandaag, team_ids=[team.pk])
    assert resultaat.aantal == 2
    assert {r[1] for r in lees_csv(inhoud)[1:]} == bsns(situatie["wachtend"])
    assert not situatie["ander"].gebeurtenissen.filter(soort=GEVRAAGD).exists()


def test_only_new_leaves_out_children_asked_before(situatie, consulent, vandaag):
    exporteer("csv", consulent, vandaag, team_ids=[situatie["wachtend"][0].team_id])
    assert kindverificatie.wachtende_kinderen(alleen_nieuw=True).count() == 1
    resultaat, _ = exporteer("csv", consulent, vandaag, alleen_nieuw=True)
    assert resultaat.aantal == 1  # only the other team's child
    resultaat, _ = exporteer("csv", consulent, vandaag)
    assert resultaat.aantal == 3  # an unanswered question may be asked again


def test_xlsx_has_the_columns_text_bsns_and_dutch_date_cells(situatie, consulent, vandaag):
    resultaat, inhoud = exporteer("xlsx", consulent, vandaag)
    assert resultaat.bestandsnaam.endswith(".xlsx") and "spreadsheetml" in resultaat.media_type
    blad = load_workbook(io.BytesIO(inhoud)).worksheets[0]
    rijen = list(blad.iter_rows())
    assert [c.value for c in rijen[0]] == list(KINDVERIFICATIE_VRAAG.kopregel)
    assert len(rijen) == 4
    kol = {c.value: i for i, c in enumerate(rijen[0])}
    for rij in rijen[1:]:
        assert rij[kol["bsn"]].data_type == "s" and len(rij[kol["bsn"]].value) == 9
        geboren = rij[kol["geboortedatum"]]
        assert geboren.is_date and geboren.value.date() == date(2004, 5, 6)
        assert geboren.number_format == "DD-MM-YYYY"
        assert rij[kol["uitkomst"]].value is None


def test_a_name_that_looks_like_a_formula_stays_text(maak_kind, consulent, vandaag):
    maak_kind("=HYPERLINK(\"x\")")
    _, inhoud = exporteer("csv", consulent, vandaag)
    assert lees_csv(inhoud)[1][4] == "'=HYPERLINK(\"x\")"
    _, inhoud = exporteer("xlsx", consulent, vandaag)
    cel = load_workbook(io.BytesIO(inhoud)).worksheets[0].cell(row=2, column=5)
    assert cel.data_type == "s" and cel.value == "=HYPERLINK(\"x\")"


def test_no_children_gives_a_header_only_file(db, consulent, vandaag):
    resultaat, inhoud = exporteer("csv", consulent, vandaag)
    assert resultaat.aantal == 0 and lees_csv(inhoud) == [list(KINDVERIFICATIE_VRAAG.kopregel)]


def test_export_streams_in_batches(maak_kind, consulent, vandaag, monkeypatch):
    monkeypatch.setattr(kindverificatie, "BATCH", 2)
    for i in range(5):
        maak_kind(f"Kind{i}")
    gezien: list[int] = []
    resultaat, inhoud = exporteer("csv", consulent, vandaag, voortgang=gezien.append)
    assert gezien == [2, 4, 5] and resultaat.aantal == 5 and len(lees_csv(inhoud)) == 6


def test_unknown_kind_of_file_is_refused(consulent, vandaag):
    with pytest.raises(ValueError):
        exporteer("pdf", consulent, vandaag)


# --- round trip ---------------------------------------------------------------------------------


def test_round_trip_xlsx_export_fill_in_import(situatie, consulent, vandaag):
    _, vraag = exporteer("xlsx", consulent, vandaag, team_ids=[situatie["wachtend"][0].team_id])
    wb = load_workbook(io.BytesIO(vraag))
    blad = wb.worksheets[0]
    kol = {c.value: c.column for c in blad[1]}
    ja, nee = situatie["wachtend"]
    for rij in range(2, blad.max_row + 1):
        is_ja = blad.cell(row=rij, column=kol["bsn"]).value == ja.rechthebbende.bsn
        blad.cell(row=rij, column=kol["uitkomst"], value="Bevestigd" if is_ja else "Niet bevestigd")
        blad.cell(row=rij, column=kol["verificatiedatum"], value=date(2026, 11, 20))
    antwoord = io.BytesIO()
    wb.save(antwoord)
    inhoud = antwoord.getvalue()

    v = kindverificatie.voorbeeld_kindverificatie(
        inhoud=inhoud, bestandsnaam="antwoord.xlsx", doel_gekozen="KINDVERIFICATIE_ANTWOORD", vandaag=vandaag
    )
    assert (v.aantal_bevestigd, v.aantal_niet_bevestigd, v.aantal_afgewezen) == (1, 1, 0)
    assert not any("kennen we niet" in w for w in v.waarschuwingen)  # every column of our own file is known
    kindverificatie.uitvoeren_kindverificatie(
        inhoud=inhoud, bestandsnaam="antwoord.xlsx", doel_gekozen="KINDVERIFICATIE_ANTWOORD", door=consulent,
        vandaag=vandaag,
    )
    ja.refresh_from_db()
    nee.refresh_from_db()
    assert ja.status == DossierStatus.GEVERIFIEERD and nee.status == DossierStatus.AANGEMELD
    assert Verificatie.objects.get(dossier=nee).uitkomst == "NIET_BEVESTIGD"
    # Answered children are no longer awaiting: the next question file leaves them out.
    assert set(kindverificatie.wachtende_kinderen([ja.team_id])) == set()


def test_round_trip_csv(situatie, consulent, vandaag):
    _, vraag = exporteer("csv", consulent, vandaag)
    rijen = lees_csv(vraag)
    kol = {naam: i for i, naam in enumerate(rijen[0])}
    for r in rijen[1:]:
        r[kol["uitkomst"]] = "ja"
    tekst = "\r\n".join(";".join(r) for r in rijen) + "\r\n"
    bestand = kindverificatie.uitvoeren_kindverificatie(
        inhoud=codecs.BOM_UTF8 + tekst.encode(), bestandsnaam="antwoord.csv",
        doel_gekozen="KINDVERIFICATIE_ANTWOORD", door=consulent, vandaag=vandaag,
    )
    assert bestand.aantal_nieuw == 3 and bestand.aantal_afgewezen == 0
    _bevestigd, niet, _ouder, portaal = situatie["niet_vragen"]
    assert set(Dossier.objects.filter(doelgroep="KIND_KINDREGELING", status="AANGEMELD")) == {niet, portaal}


# --- commands ---------------------------------------------------------------------------------


def test_command_writes_the_question_file(situatie, consulent, tmp_path, capsys):
    pad = tmp_path / "vragen.xlsx"
    call_command("kindverificatie_vragen", "--uit", str(pad), "--door", "consulent")
    uit = capsys.readouterr().out
    assert "vragen.xlsx met 3 kind(eren)" in uit
    assert not any(b in uit for b in bsns([*situatie["wachtend"], situatie["ander"]]))
    assert load_workbook(pad).worksheets[0].max_row == 4
    assert DossierGebeurtenis.objects.filter(soort=GEVRAAGD, door=consulent).count() == 3

    with pytest.raises(CommandError, match="bestaat al"):
        call_command("kindverificatie_vragen", "--uit", str(pad))
    with pytest.raises(CommandError, match=".xlsx of .csv"):
        call_command("kindverificatie_vragen", "--uit", str(tmp_path / "vragen.pdf"))
    with pytest.raises(CommandError, match="Onbekende gebruiker"):
        call_command("kindverificatie_vragen", "--uit", str(tmp_path / "x.csv"), "--door", "niemand")
    assert not (tmp_path / "x.csv").exists()

    call_command("kindverificatie_vragen", "--uit", str(tmp_path / "nieuw.csv"), "--alleen-nieuw", "--voortgang")
    out, err = capsys.readouterr()
    assert "Er wachten geen kinderen" in out and "Vraagbestand: 0 regels" not in err


def test_command_progress_on_stderr(maak_kind, tmp_path, capsys):
    for i in range(3):
        maak_kind(f"Kind{i}")
    call_command("kindverificatie_vragen", "--uit", str(tmp_path / "v.csv"), "--voortgang")
    assert "(3 van ongeveer 3 regels)" in capsys.readouterr().err


def test_answer_command_dry_run_then_commit(situatie, consulent, tmp_path, capsys):
    ja, nee = situatie["wachtend"]
    onbekend = situatie["niet_vragen"][2]  # a parent: no child dossier
    rijen = [["BSN", "Uitkomst"], [ja.rechthebbende.bsn, "ja"], [nee.rechthebbende.bsn, "nee"],
             [onbekend.rechthebbende.bsn, "ja"], ["123456789", "ja"]]
    pad = tmp_path / "antwoord.csv"
    pad.write_bytes(("\r\n".join(";".join(r) for r in rijen) + "\r\n").encode())
    alle = bsns([ja, nee, onbekend]) | {"123456789"}

    call_command("portaal_kindverificatie", str(pad), "--dry-run")
    uit = capsys.readouterr().out
    assert "Voorbeeld: 1 bevestigd, 1 niet bevestigd, 0 ongewijzigd, 1 onbekend, 1 afgewezen." in uit
    assert "Regel 5, kolom 'BSN'" in uit and "Regel 4: Deze persoon heeft bij ons geen open dossier" in uit
    assert "Proefrun" in uit and not any(b in uit for b in alle)
    assert not Verificatie.objects.filter(dossier__in=[ja, nee]).exists()

    with pytest.raises(CommandError, match="--gebruiker"):
        call_command("portaal_kindverificatie", str(pad))
    call_command("portaal_kindverificatie", str(pad), "--door", "consulent", "--voortgang")
    out, err = capsys.readouterr()
    assert "Ingelezen: 2 verificatie(s) vastgelegd in dossiers, 0 ongewijzigd, 1 onbekend, 1 afgewezen." in out
    assert "Inlezen:" in err and not any(b in out + err for b in alle)
    ja.refresh_from_db()
    assert ja.status == DossierStatus.GEVERIFIEERD
    assert Verificatie.objects.get(dossier=ja).uitgevoerd_door == consulent

    call_command("portaal_kindverificatie", str(pad), "--gebruiker", "consulent")
    assert "al ingelezen" in capsys.readouterr().out
    assert Verificatie.objects.filter(dossier__in=[ja, nee]).count() == 2


def test_answer_command_refuses_a_debt_list(maak_kind, consulent, tmp_path):
    d = maak_kind()
    pad = tmp_path / "antwoord.csv"
    pad.write_bytes(f"BSN;Uitkomst;Openstaand bedrag\r\n{d.rechthebbende.bsn};ja;100\r\n".encode())
    with pytest.raises(CommandError, match="schuldenlijst"):
        call_command("portaal_kindverificatie", str(pad), "--door", "consulent")
    assert not Verificatie.objects.exists()
