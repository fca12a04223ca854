"""The progress bar of the portal commands (shared by every portal import command)."""

import io
import random

import openpyxl
import pytest
from django.core.management import call_command

from nieuwestart.aanmeldingen import importeren, statusupdates
from nieuwestart.aanmeldingen.management.voortgang import Voortgangsbalk, schat_aantal_regels
from nieuwestart.common.bsn import genereer_bsn

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


def bsns(n, seed=5):
    rng = random.Random(seed)
    uit: list[str] = []
    while len(uit) < n:
        b = genereer_bsn(rng)
        if b not in uit:
            uit.append(b)
    return uit


def csv(kop, rijen):
    return ("\r\n".join(";".join(r) for r in [kop, *rijen]) + "\r\n").encode()


def statusbestand(tmp_path, maak_dossier):
    dossiers = [maak_dossier(doelgroep="AANGEMELDE_AANVRAGER", bsn=b) for b in bsns(3)]
    pad = tmp_path / "statusupdate_2026-11-20.csv"
    rijen = [[d.rechthebbende.bsn, "niet erkend", "02-11-2026"] for d in dossiers]
    pad.write_bytes(csv(["BSN", "Status", "Besluitdatum"], rijen))
    return pad, [d.rechthebbende.bsn for d in dossiers]


def voer_uit(*args, stderr=None):
    uit, fout = io.StringIO(), stderr if stderr is not None else io.StringIO()
    call_command(*args, stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def test_row_estimate_for_csv_and_xlsx():
    assert schat_aantal_regels(b"BSN;Status\r\n1;a\r\n2;b\r\n") == 2
    assert schat_aantal_regels(b"BSN;Status\n1;a\n2;b") == 2  # no newline at the end
    wb = openpyxl.Workbook()
    wb.active.append(["BSN", "Status"])
    for i in range(7):
        wb.active.append([str(i), "erkend"])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert schat_aantal_regels(buffer.getvalue()) == 7
    assert schat_aantal_regels(b"PK\x03\x04 kapot") is None


def test_bar_text():
    regels: list[str] = []
    balk = Voortgangsbalk(regels.append, kop="Inlezen", totaal=10, terminal=False, breedte=10)
    balk(5)
    balk(12)  # the estimate was low: never more than 100%
    assert regels == ["Inlezen: [#####-----]  50% (5 van ongeveer 10 regels)\n",
                      "Inlezen: [##########] 100% (12 van ongeveer 12 regels)\n"]
    assert Voortgangsbalk(regels.append, kop="X", totaal=None, terminal=False).regel(30) == "X: 30 regels"


def test_statusupdate_command_shows_progress_with_voortgang(tmp_path, maak_dossier, consulent, monkeypatch):
    monkeypatch.setattr(statusupdates, "BATCH", 1)
    pad, alle_bsns = statusbestand(tmp_path, maak_dossier)
    uit, fout = voer_uit("portaal_statusupdate", str(pad), "--gebruiker", "consulent", "--voortgang")
    assert "Ingelezen: 3 nieuwe status" in uit and "3 melding(en)" in uit
    regels = fout.splitlines()
    assert regels[:3] == [
        "Voorbeeld: [##########--------------------]  33% (1 van ongeveer 3 regels)",
        "Voorbeeld: [####################----------]  66% (2 van ongeveer 3 regels)",
        "Voorbeeld: [##############################] 100% (3 van ongeveer 3 regels)",
    ]
    assert regels[3:] == [r.replace("Voorbeeld", "Inlezen") for r in regels[:3]]
    assert not any(b in fout or b in uit for b in alle_bsns)


def test_progress_redraws_one_line_on_a_terminal_and_is_silent_otherwise(tmp_path, maak_dossier):
    pad, _b = statusbestand(tmp_path, maak_dossier)
    _uit, fout = voer_uit("portaal_statusupdate", str(pad), "--dry-run", stderr=Terminal())
    assert fout.startswith("\rVoorbeeld: [") and fout.endswith("100% (3 van ongeveer 3 regels)\n")
    assert "\x1b[" not in fout  # not coloured like an error
    _uit, fout = voer_uit("portaal_statusupdate", str(pad), "--dry-run")
    assert fout == ""


def test_contact_list_command_shows_progress_too(tmp_path, team, consulent, monkeypatch):
    monkeypatch.setattr(importeren, "BATCH", 1)
    kop = ["BSN", "Voornamen", "Achternaam", "Geboortedatum", "Doelgroep", "Postcode", "Telefoonnummer"]
    rijen = [[b, "Eva", "Jansen", "01-02-1990", "erkend gedupeerde ouder", "1234 AB", "0612345678"] for b in bsns(2)]
    pad = tmp_path / "contactlijst_2026-11-20.csv"
    pad.write_bytes(csv(kop, rijen))
    uit, fout = voer_uit(
        "portaal_importeren", str(pad), "--team", "Team Noord", "--gebruiker", "consulent", "--voortgang"
    )
    assert "Voorbeeld: 2 nieuw" in uit and "Ingelezen: 2 nieuw" in uit
    assert fout.splitlines()[-1] == "Inlezen: [##############################] 100% (2 van ongeveer 2 regels)"
    assert "Jansen" not in fout and not any(r[0] in fout for r in rijen)
