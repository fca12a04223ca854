"""The UHT status-update import from the Gegevensportaal.

Preview, commit, idempotence, terms, the meldingen for "niet erkend", and progress.
"""

import random
from datetime import date

import pytest
from django.core.management import call_command

from nieuwestart.accounts.models import Rol
from nieuwestart.aanmeldingen import statusupdates
from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.common.bsn import genereer_bsn
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Rechthebbende
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.meldingen.models import Melding, MeldingSoort
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

KOP = ["BSN", "Status", "Besluitdatum"]
NAAM = "statusupdate_2026-11-20.csv"
BESLUIT = date(2026, 11, 2)  # a Monday; + 30 days = Wednesday 2 December 2026 (no ATW shift)


def bsns(n, seed=21):
    rng = random.Random(seed)
    uit: list[str] = []
    while len(uit) < n:
        b = genereer_bsn(rng)
        if b not in uit:
            uit.append(b)
    return uit


def csv(rijen, kop=KOP):
    return ("\r\n".join(";".join(r) for r in [kop, *rijen]) + "\r\n").encode()


def vb(inhoud, vandaag, naam=NAAM):
    return statusupdates.voorbeeld_status(inhoud=inhoud, bestandsnaam=naam, doel_gekozen="STATUSUPDATE", vandaag=vandaag)


def doe(inhoud, door, vandaag, naam=NAAM):
    return statusupdates.uitvoeren_status(
        inhoud=inhoud, bestandsnaam=naam, doel_gekozen="STATUSUPDATE", door=door, vandaag=vandaag
    )


def tellingen(x):
    return (x.aantal_nieuw_status, x.aantal_ongewijzigd, x.aantal_potentieel, x.aantal_onbekend, x.aantal_afgewezen)


def stand():
    return (Rechthebbende.objects.count(), Dossier.objects.count(), DossierGebeurtenis.objects.count(),
            Termijn.objects.count(), Importbestand.objects.count(), Importregel.objects.count(),
            Verwerking.objects.filter(naam=statusupdates.LOGNAAM).count(), Melding.objects.count())


@pytest.fixture
def drie(maak_dossier):
    """Three registered persons: one to be recognised, one not, one still 'potentieel'."""
    return [maak_dossier(doelgroep="AANGEMELDE_AANVRAGER", bsn=b) for b in bsns(3)]


def rijen_voor(dossiers):
    erkend, niet, potentieel = (d.rechthebbende.bsn for d in dossiers)
    return [[erkend, "Erkend", "02-11-2026"], [niet, "niet erkend", "2026-11-02"],
            [potentieel, "Potentieel gedupeerd", "02-11-2026"]]


def soorten(dossier):
    return list(dossier.gebeurtenissen.filter(soort__startswith="UHT_").values_list("soort", flat=True))


def test_erkend_niet_erkend_and_potentieel(drie, consulent, vandaag):
    inhoud = csv(rijen_voor(drie))
    voor = stand()
    v = vb(inhoud, vandaag)
    assert tellingen(v) == (2, 0, 1, 0, 0)
    assert v.aantal_gebeurtenissen == 2 and not v.al_geimporteerd
    assert stand() == voor  # the preview writes nothing

    uit = doe(inhoud, consulent, vandaag)
    assert tellingen(uit) == (2, 0, 1, 0, 0) and uit.aantal_gebeurtenissen == 2
    erkend, niet, potentieel = drie
    assert soorten(erkend) == ["UHT_ERKEND"]
    assert soorten(niet) == ["UHT_NIET_ERKEND"]
    assert soorten(potentieel) == []
    g = niet.gebeurtenissen.get(soort="UHT_NIET_ERKEND")
    assert g.datum == BESLUIT and g.door == consulent
    assert g.gegevens == {"bron": "GEGEVENSPORTAAL", "importbestand": uit.bestand.pk, "status": "NIET_ERKEND"}
    b = uit.bestand
    assert b.doel == ImportDoel.STATUSUPDATE and b.team is None
    assert (b.aantal_nieuw, b.aantal_ongewijzigd, b.aantal_onbekend, b.aantal_afgewezen) == (2, 1, 0, 0)
    assert Importregel.objects.filter(importbestand=b).count() == 3


def test_niet_erkend_starts_the_acclimatisation_term(drie, consulent, vandaag):
    doe(csv(rijen_voor(drie)), consulent, vandaag)
    erkend, niet, potentieel = drie
    t = Termijn.objects.get(dossier=niet, regel="ACCLIMATISATIE")
    assert t.startdatum == BESLUIT
    assert t.einddatum == date(2026, 12, 2)  # 30 days after UHT's decision
    assert not Termijn.objects.filter(dossier=erkend, regel="ACCLIMATISATIE").exists()
    assert not Termijn.objects.filter(dossier=potentieel, regel="ACCLIMATISATIE").exists()


def test_status_is_recorded_in_every_open_dossier_of_the_person(maak_dossier, ander_team, consulent, vandaag):
    d1 = maak_dossier(doelgroep="AANGEMELDE_AANVRAGER")
    d2 = maak_dossier(doelgroep="ERKENDE_EX_PARTNER", bsn=d1.rechthebbende.bsn)
    Dossier.objects.filter(pk=d2.pk).update(team=ander_team)  # e.g. transferred: status is not team-bound
    uit = doe(csv([[d1.rechthebbende.bsn, "niet erkend", "02-11-2026"]]), consulent, vandaag)
    assert tellingen(uit) == (1, 0, 0, 0, 0) and uit.aantal_gebeurtenissen == 2
    assert soorten(d1) == soorten(d2) == ["UHT_NIET_ERKEND"]


def test_same_file_twice_changes_nothing(drie, consulent, vandaag):
    inhoud = csv(rijen_voor(drie))
    eerste = doe(inhoud, consulent, vandaag)
    na_eerste = stand()
    v = vb(inhoud, vandaag)
    assert v.al_geimporteerd and v.aantal_nieuw_status == 0 and v.aantal_gebeurtenissen == 0
    tweede = doe(inhoud, consulent, vandaag)
    assert tweede.al_geimporteerd and tweede.bestand.pk == eerste.bestand.pk
    assert stand() == na_eerste


def test_same_rows_in_another_file_are_unchanged(drie, consulent, vandaag):
    doe(csv(rijen_voor(drie)), consulent, vandaag)
    na_eerste = DossierGebeurtenis.objects.count()
    # Another file (different bytes: other order, extra column) with the same statuses.
    anders = csv([[*r, "x"] for r in reversed(rijen_voor(drie))], kop=[*KOP, "Opmerking"])
    v = vb(anders, vandaag, naam="statusupdate_2026-11-21.csv")
    assert not v.al_geimporteerd
    assert tellingen(v) == (0, 2, 1, 0, 0)
    uit = doe(anders, consulent, vandaag, naam="statusupdate_2026-11-21.csv")
    assert tellingen(uit) == (0, 2, 1, 0, 0) and uit.aantal_gebeurtenissen == 0
    assert DossierGebeurtenis.objects.count() == na_eerste


def test_status_already_recorded_by_hand_is_unchanged(drie, consulent, vandaag):
    from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen

    gebeurtenis_vastleggen(drie[0], "UHT_ERKEND", door=consulent, datum=BESLUIT)
    v = vb(csv(rijen_voor(drie)[:1]), vandaag)
    assert tellingen(v) == (0, 1, 0, 0, 0)


def test_unknown_bsn_is_reported_not_created(drie, consulent, vandaag):
    onbekend = bsns(1, seed=99)[0]
    assert not Rechthebbende.objects.filter(bsn=onbekend).exists()
    inhoud = csv([*rijen_voor(drie), [onbekend, "erkend", "02-11-2026"]])
    v = vb(inhoud, vandaag)
    assert tellingen(v) == (2, 0, 1, 1, 0)
    assert [o.regelnummer for o in v.onbekend] == [5]
    personen, dossiers = Rechthebbende.objects.count(), Dossier.objects.count()
    uit = doe(inhoud, consulent, vandaag)
    assert tellingen(uit) == (2, 0, 1, 1, 0) and uit.bestand.aantal_onbekend == 1
    assert "niet bekend" in uit.onbekend[0].reden
    assert (Rechthebbende.objects.count(), Dossier.objects.count()) == (personen, dossiers)
    assert not Rechthebbende.objects.filter(bsn=onbekend).exists()
    # Nothing is kept about the unknown person: no row identity, no log line.
    assert Importregel.objects.filter(importbestand=uit.bestand).count() == 3
    assert not Verwerking.objects.filter(betrokkene_hash=betrokkene_hash(onbekend)).exists()


def test_invalid_rows_are_rejected_with_row_and_column(drie, consulent, vandaag):
    rijen = rijen_voor(drie)
    rijen[0][0] = "123456789"  # fails the 11-proef
    rijen[1][1] = "misschien"
    v = vb(csv(rijen), vandaag)
    assert tellingen(v) == (0, 0, 1, 0, 2)
    assert [(a.regelnummer, a.kolom) for a in v.afwijzingen] == [(2, "BSN"), (3, "Status")]


def test_debt_list_is_refused_and_nothing_stored(drie, consulent, vandaag):
    inhoud = csv([[*r, "1200"] for r in rijen_voor(drie)], kop=[*KOP, "Openstaand bedrag"])
    voor = stand()
    with pytest.raises(DoelFout, match="schuldenlijst"):
        vb(inhoud, vandaag)
    with pytest.raises(DoelFout):
        doe(inhoud, consulent, vandaag)
    assert stand() == voor and Importbestand.objects.count() == 0


def test_failure_in_the_middle_of_the_commit_leaves_no_trace(maak_dossier, consulent, vandaag, monkeypatch):
    dossiers = [maak_dossier(doelgroep="AANGEMELDE_AANVRAGER", bsn=b) for b in bsns(5, seed=7)]
    echte = statusupdates.gebeurtenis_vastleggen
    teller = {"n": 0}

    def stuk(*args, **kwargs):
        teller["n"] += 1
        if teller["n"] == 4:
            raise RuntimeError("stroomstoring")
        return echte(*args, **kwargs)

    monkeypatch.setattr(statusupdates, "gebeurtenis_vastleggen", stuk)
    voor = stand()
    with pytest.raises(RuntimeError):
        doe(csv([[d.rechthebbende.bsn, "niet erkend", "02-11-2026"] for d in dossiers]), consulent, vandaag)
    assert teller["n"] == 4
    assert stand() == voor
    assert not Termijn.objects.filter(regel="ACCLIMATISATIE").exists()


def test_every_person_touched_gets_a_processing_log_line(drie, consulent, vandaag):
    uit = doe(csv(rijen_voor(drie)), consulent, vandaag)
    regels = Verwerking.objects.filter(naam=statusupdates.LOGNAAM, object_id=str(uit.bestand.pk))
    assert set(regels.values_list("betrokkene_hash", flat=True)) == {
        betrokkene_hash(d.rechthebbende.bsn) for d in drie
    }


def test_command_dry_run_writes_nothing_then_commits(drie, consulent, tmp_path, capsys):
    rijen = rijen_voor(drie)
    onbekend = bsns(1, seed=99)[0]
    rijen.append([onbekend, "erkend", "02-11-2026"])
    rijen.append(["123456789", "erkend", "02-11-2026"])
    pad = tmp_path / NAAM
    pad.write_bytes(csv(rijen))
    voor = stand()
    call_command("portaal_statusupdate", str(pad), "--dry-run")
    uit = capsys.readouterr().out
    assert "2 nieuwe status" in uit and "1 potentieel gedupeerd" in uit
    assert "1 onbekend" in uit and "1 afgewezen" in uit
    assert "Regel 6, kolom 'BSN'" in uit and "Regel 5:" in uit
    alle_bsns = [d.rechthebbende.bsn for d in drie] + [onbekend, "123456789"]
    assert not any(x in uit for x in alle_bsns) and "Jansen" not in uit
    assert stand() == voor

    call_command("portaal_statusupdate", str(pad), "--gebruiker", "consulent")
    uit = capsys.readouterr().out
    assert "Ingelezen: 2 nieuwe status" in uit and "2 status(sen) vastgelegd" in uit
    assert not any(x in uit for x in alle_bsns)
    assert DossierGebeurtenis.objects.filter(soort__startswith="UHT_").count() == 2

    call_command("portaal_statusupdate", str(pad), "--gebruiker", "consulent")
    assert "al ingelezen" in capsys.readouterr().out
    assert DossierGebeurtenis.objects.filter(soort__startswith="UHT_").count() == 2


# --- "niet erkend" tells the case worker (meldingen) ----------------------------------


def test_niet_erkend_tells_the_behandelaar_once_with_the_end_of_the_afbouw(drie, consulent, vandaag):
    uit = doe(csv(rijen_voor(drie)), consulent, vandaag)
    erkend, niet, potentieel = drie
    assert uit.aantal_meldingen == 1 and uit.aantal_zonder_ontvanger == 0
    (melding,) = Melding.objects.all()
    assert (melding.ontvanger, melding.dossier_id, melding.soort) == (consulent, niet.pk, MeldingSoort.UHT_NIET_ERKEND)
    assert melding.gebeurtenis == niet.gebeurtenissen.get(soort="UHT_NIET_ERKEND")
    assert melding.tekst == (
        f"UHT heeft de aanvrager in dossier {niet.dossiernummer} niet erkend. De afbouw loopt tot 02-12-2026. "
        "Bespreek welke hulp daarna nodig is."
    )
    assert niet.rechthebbende.bsn not in melding.tekst and "Jansen" not in melding.tekst


def test_niet_erkend_without_behandelaar_tells_the_teamleider_of_the_team_only(
    maak_dossier, team, ander_team, consulent, vandaag
):
    leider = maak_gebruiker("teamleider", Rol.TEAMLEIDER, teams=[team])
    maak_gebruiker("leider_zuid", Rol.TEAMLEIDER, teams=[ander_team])
    dossier = maak_dossier(doelgroep="AANGEMELDE_AANVRAGER")
    Dossier.objects.filter(pk=dossier.pk).update(behandelaar=None)
    uit = doe(csv([[dossier.rechthebbende.bsn, "niet erkend", "02-11-2026"]]), consulent, vandaag)
    assert uit.aantal_meldingen == 1
    assert list(Melding.objects.values_list("ontvanger", "dossier")) == [(leider.pk, dossier.pk)]


def test_each_team_hears_about_its_own_dossier_or_is_reported(maak_dossier, ander_team, consulent, vandaag):
    d1 = maak_dossier(doelgroep="AANGEMELDE_AANVRAGER")
    d2 = maak_dossier(doelgroep="ERKENDE_EX_PARTNER", bsn=d1.rechthebbende.bsn)
    Dossier.objects.filter(pk=d2.pk).update(team=ander_team)  # its behandelaar is not in that team
    uit = doe(csv([[d1.rechthebbende.bsn, "niet erkend", "02-11-2026"]]), consulent, vandaag)
    assert (uit.aantal_gebeurtenissen, uit.aantal_meldingen, uit.aantal_zonder_ontvanger) == (2, 1, 1)
    assert list(Melding.objects.values_list("ontvanger", "dossier")) == [(consulent.pk, d1.pk)]


def test_erkend_and_potentieel_tell_nobody(drie, consulent, vandaag):
    doe(csv(rijen_voor(drie)[::2]), consulent, vandaag)  # erkend and potentieel only
    assert not Melding.objects.exists()


def test_a_rolled_back_import_leaves_no_meldingen(drie, consulent, vandaag, monkeypatch):
    echte = statusupdates.melden

    def en_dan_stuk(*args, **kwargs):
        gemaakt = echte(*args, **kwargs)
        assert Melding.objects.count() == len(gemaakt) == 1  # written, inside the transaction
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(statusupdates, "melden", en_dan_stuk)
    voor = stand()
    with pytest.raises(RuntimeError):
        doe(csv(rijen_voor(drie)), consulent, vandaag)
    assert stand() == voor and not Melding.objects.exists()


def test_the_same_statuses_again_tell_nobody_twice(drie, consulent, vandaag):
    doe(csv(rijen_voor(drie)), consulent, vandaag)
    doe(csv(rijen_voor(drie)), consulent, vandaag)  # the same file
    anders = csv([[*r, "x"] for r in rijen_voor(drie)], kop=[*KOP, "Opmerking"])
    uit = doe(anders, consulent, vandaag, naam="statusupdate_2026-11-21.csv")  # the same rows in another file
    assert uit.aantal_meldingen == 0
    assert Melding.objects.count() == 1


# --- progress -------------------------------------------------------------------------


def test_progress_is_reported_after_every_batch_up_to_the_row_count(maak_dossier, consulent, vandaag, monkeypatch):
    monkeypatch.setattr(statusupdates, "BATCH", 2)
    dossiers = [maak_dossier(doelgroep="AANGEMELDE_AANVRAGER", bsn=b) for b in bsns(4, seed=3)]
    rijen = [[d.rechthebbende.bsn, "niet erkend", "02-11-2026"] for d in dossiers]
    rijen.insert(2, ["123456789", "erkend", "02-11-2026"])  # a rejected row counts as handled too
    inhoud = csv(rijen)
    gezien: list[int] = []
    v = statusupdates.voorbeeld_status(
        inhoud=inhoud, bestandsnaam=NAAM, doel_gekozen="STATUSUPDATE", vandaag=vandaag, voortgang=gezien.append
    )
    assert gezien == [2, 4, 5] and v.aantal_afgewezen == 1
    gezien.clear()
    uit = statusupdates.uitvoeren_status(
        inhoud=inhoud, bestandsnaam=NAAM, doel_gekozen="STATUSUPDATE", door=consulent, vandaag=vandaag,
        voortgang=gezien.append,
    )
    assert gezien == [2, 4, 5] and uit.aantal_meldingen == 4
    gezien.clear()
    statusupdates.voorbeeld_status(  # a file imported before is only checked, with progress too
        inhoud=inhoud, bestandsnaam=NAAM, doel_gekozen="STATUSUPDATE", vandaag=vandaag, voortgang=gezien.append
    )
    assert gezien == [2, 4, 5]
