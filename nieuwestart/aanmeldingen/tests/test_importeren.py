"""The contact-list import from the Gegevensportaal: preview, commit, idempotence, one transaction."""

import random
from datetime import date

import pytest
from django.core.management import call_command

from nieuwestart.aanmeldingen import importeren
from nieuwestart.aanmeldingen.models import Importbestand, Importregel
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.common.bsn import genereer_bsn
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus, Rechthebbende
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

KOP = ["BSN", "Voornamen", "Achternaam", "Geboortedatum", "Doelgroep", "Postcode", "Telefoonnummer"]
NAAM = "contactlijst_2026-11-20.csv"


def bsns(n, seed=11):
    rng = random.Random(seed)
    uit = []
    while len(uit) < n:
        b = genereer_bsn(rng)
        if b not in uit:
            uit.append(b)
    return uit


def rij(bsn, achternaam="Jansen", telefoon="0612345678", geboren="01-02-1990", doelgroep="erkend gedupeerde ouder"):
    return [bsn, "Eva", achternaam, geboren, doelgroep, "1234 AB", telefoon]


def csv(rijen, kop=KOP):
    return ("\r\n".join(";".join(r) for r in [kop, *rijen]) + "\r\n").encode()


def vb(inhoud, team, vandaag, naam=NAAM):
    return importeren.voorbeeld(inhoud=inhoud, bestandsnaam=naam, doel_gekozen="CONTACTLIJST", team=team, vandaag=vandaag)


def doe(inhoud, team, door, vandaag, naam=NAAM, **extra):
    return importeren.uitvoeren(
        inhoud=inhoud, bestandsnaam=naam, doel_gekozen="CONTACTLIJST", team=team, door=door, vandaag=vandaag, **extra
    )


def tellingen(x):
    return (x.aantal_nieuw, x.aantal_bijgewerkt, x.aantal_ongewijzigd, x.aantal_afgewezen)


def test_new_file_creates_verified_portal_dossiers_with_terms(team, consulent, vandaag):
    b = bsns(3)
    inhoud = csv([rij(x) for x in b])
    voor = vb(inhoud, team, vandaag)
    assert tellingen(voor) == (3, 0, 0, 0)
    assert not voor.al_geimporteerd and not voor.verlopen
    assert voor.portaaldatum == date(2026, 11, 20)
    assert Dossier.objects.count() == 0  # the preview writes nothing

    bestand = doe(inhoud, team, consulent, vandaag)
    assert tellingen(bestand) == (3, 0, 0, 0)
    assert bestand.portaaldatum == date(2026, 11, 20) and bestand.verloopdatum is not None
    dossiers = Dossier.objects.filter(rechthebbende__bsn__in=b)
    assert dossiers.count() == 3
    for d in dossiers:
        assert d.status == DossierStatus.GEVERIFIEERD
        assert d.bron == "GEGEVENSPORTAAL"
        assert d.team == team and d.behandelaar is None
        assert d.aanmelddatum == date(2026, 11, 20)
        assert list(d.gebeurtenissen.values_list("soort", flat=True)) == ["AANGEMELD", "GEVERIFIEERD"]
        assert Termijn.objects.filter(dossier=d, regel="EERSTE_GESPREK").exists()
    assert Importregel.objects.filter(importbestand=bestand, uitkomst="NIEUW").count() == 3


def test_same_file_twice_changes_nothing(team, consulent, vandaag):
    inhoud = csv([rij(x) for x in bsns(4)])
    eerste = doe(inhoud, team, consulent, vandaag)
    aantallen = (Rechthebbende.objects.count(), Dossier.objects.count(), DossierGebeurtenis.objects.count(),
                 Importregel.objects.count(), Importbestand.objects.count())
    voor = vb(inhoud, team, vandaag)
    assert voor.al_geimporteerd
    assert tellingen(voor) == (0, 0, 4, 0)
    tweede = doe(inhoud, team, consulent, vandaag)
    assert tweede.pk == eerste.pk
    assert tellingen(tweede) == (4, 0, 0, 0)
    assert aantallen == (Rechthebbende.objects.count(), Dossier.objects.count(), DossierGebeurtenis.objects.count(),
                         Importregel.objects.count(), Importbestand.objects.count())


def test_second_file_skips_already_imported_rows(team, consulent, vandaag):
    oud, nieuw = bsns(2)
    doe(csv([rij(oud)]), team, consulent, vandaag)
    tweede = csv([rij(oud), rij(nieuw)])
    assert tellingen(vb(tweede, team, vandaag, naam="lijst_2026-11-21.csv")) == (1, 0, 1, 0)
    bestand = doe(tweede, team, consulent, vandaag, naam="lijst_2026-11-21.csv")
    assert tellingen(bestand) == (1, 0, 1, 0)
    assert Dossier.objects.count() == 2
    assert Importbestand.objects.count() == 2
    assert list(bestand.regels.values_list("uitkomst", flat=True)) == ["NIEUW"]


def test_known_person_with_changed_phone_is_updated(team, consulent, vandaag, maak_dossier):
    (b,) = bsns(1)
    dossier = maak_dossier(bsn=b, achternaam="Jansen", geboortedatum=date(1990, 2, 1), doelgroep="ERKENDE_OUDER")
    inhoud = csv([rij(b, telefoon="0687654321")])
    voor = vb(inhoud, team, vandaag)
    assert tellingen(voor) == (0, 1, 0, 0)
    wijzigingen = [(w.veld, w.oud, w.nieuw) for w in voor.wijzigingen]
    assert ("telefoonnummer", "0612345678", "0687654321") in wijzigingen
    assert Rechthebbende.objects.get(bsn=b).telefoonnummer == "0612345678"

    bestand = doe(inhoud, team, consulent, vandaag)
    assert tellingen(bestand) == (0, 1, 0, 0)
    assert Rechthebbende.objects.get(bsn=b).telefoonnummer == "0687654321"
    assert Dossier.objects.count() == 1
    assert bestand.regels.get().dossier == dossier


def test_changes_not_taken_over_when_declined(team, consulent, vandaag, maak_dossier):
    (b,) = bsns(1, seed=3)
    maak_dossier(bsn=b, achternaam="Jansen", geboortedatum=date(1990, 2, 1))
    bestand = doe(csv([rij(b, telefoon="0687654321")]), team, consulent, vandaag, wijzigingen_overnemen=False)
    assert tellingen(bestand) == (0, 0, 1, 0)
    assert Rechthebbende.objects.get(bsn=b).telefoonnummer == "0612345678"


def test_person_known_in_another_team_is_matched_and_stays_in_that_team(
    team, ander_team, consulent, vandaag, maak_dossier
):
    # The portal list is the municipality's intake: a known person is matched, never doubled,
    # whichever team works with them, and their dossier stays where it is.
    (b,) = bsns(1, seed=5)
    dossier = maak_dossier(bsn=b, achternaam="Jansen", geboortedatum=date(1990, 2, 1), team_=ander_team)
    inhoud = csv([rij(b, telefoon="0687654321")])
    voor = vb(inhoud, team, vandaag)
    assert tellingen(voor) == (0, 1, 0, 0)
    assert ("telefoonnummer", "0687654321") in [(w.veld, w.nieuw) for w in voor.wijzigingen]
    bestand = doe(inhoud, team, consulent, vandaag)
    assert tellingen(bestand) == (0, 1, 0, 0)
    assert Rechthebbende.objects.filter(bsn=b).count() == 1
    assert Rechthebbende.objects.get(bsn=b).telefoonnummer == "0687654321"
    assert list(Dossier.objects.values_list("pk", "team_id")) == [(dossier.pk, ander_team.pk)]


def test_bulk_written_terms_equal_a_recomputation_from_the_events(team, consulent, vandaag):
    # The import stores terms computed once for all new dossiers; recomputing one dossier from
    # its stored events must give exactly the same rows and next term.
    from nieuwestart.termijnen.services import termijnen_bijwerken

    b = bsns(3, seed=21)
    doe(csv([rij(x) for x in b]), team, consulent, vandaag)
    velden = ("regel", "sleutel", "startdatum", "einddatum", "oorspronkelijke_einddatum", "voldaan_op", "vervallen_op")
    for dossier in Dossier.objects.all():
        voor = sorted(Termijn.objects.filter(dossier=dossier).values_list(*velden))
        volgende = (dossier.volgende_termijn_einddatum, dossier.volgende_termijn_regel)
        assert voor and volgende[0] is not None
        termijnen_bijwerken(dossier, vandaag=vandaag)
        dossier.refresh_from_db()
        assert sorted(Termijn.objects.filter(dossier=dossier).values_list(*velden)) == voor
        assert (dossier.volgende_termijn_einddatum, dossier.volgende_termijn_regel) == volgende
        assert list(dossier.gebeurtenissen.values_list("soort", flat=True)) == ["AANGEMELD", "GEVERIFIEERD"]
        assert dossier.huishouden.peildatum == dossier.aanmelddatum


def test_three_bad_rows_among_a_thousand(team, consulent, vandaag):
    b = bsns(1000, seed=7)
    rijen = [rij(x) for x in b]
    rijen[4][0] = "123456789"  # fails the 11-proef -> regel 6
    rijen[19][3] = "31-02-1990"  # no such date -> regel 21
    rijen[998][4] = "schoonmaker"  # unknown doelgroep -> regel 1000
    inhoud = csv(rijen)
    voor = vb(inhoud, team, vandaag)
    assert tellingen(voor) == (997, 0, 0, 3)
    assert [(a.regelnummer, a.kolom) for a in voor.afwijzingen] == [(6, "BSN"), (21, "Geboortedatum"), (1000, "Doelgroep")]
    assert "11-proef" in voor.afwijzingen[0].reden
    bestand = doe(inhoud, team, consulent, vandaag)
    assert tellingen(bestand) == (997, 0, 0, 3)
    assert Dossier.objects.count() == 997
    assert Importregel.objects.count() == 997  # rejected rows leave nothing


def test_debt_list_is_refused_and_nothing_stored(team, consulent, vandaag):
    inhoud = csv([rij(x) + ["1200"] for x in bsns(2)], kop=[*KOP, "Openstaand bedrag"])
    with pytest.raises(DoelFout, match="schuldenlijst"):
        vb(inhoud, team, vandaag)
    with pytest.raises(DoelFout):
        doe(inhoud, team, consulent, vandaag)
    assert Importbestand.objects.count() == 0
    assert Rechthebbende.objects.count() == 0


def test_failure_in_the_middle_of_the_commit_leaves_no_trace(team, consulent, vandaag, monkeypatch):
    # Batches of two rows: the third batch fails after two batches were written.
    monkeypatch.setattr(importeren, "BATCH", 2)
    echte = importeren.nieuwe_termijnen_opslaan
    teller = {"n": 0}

    def stuk(*args, **kwargs):
        teller["n"] += 1
        if teller["n"] == 3:
            raise RuntimeError("stroomstoring")
        return echte(*args, **kwargs)

    monkeypatch.setattr(importeren, "nieuwe_termijnen_opslaan", stuk)
    voor = (Rechthebbende.objects.count(), Dossier.objects.count(), DossierGebeurtenis.objects.count(),
            Termijn.objects.count(), Importbestand.objects.count(), Importregel.objects.count())
    with pytest.raises(RuntimeError):
        doe(csv([rij(x) for x in bsns(6, seed=9)]), team, consulent, vandaag)
    assert teller["n"] == 3
    assert voor == (Rechthebbende.objects.count(), Dossier.objects.count(), DossierGebeurtenis.objects.count(),
                    Termijn.objects.count(), Importbestand.objects.count(), Importregel.objects.count())


def test_every_imported_person_gets_a_processing_log_line(team, consulent, vandaag):
    b = bsns(5, seed=13)
    bestand = doe(csv([rij(x) for x in b]), team, consulent, vandaag)
    regels = Verwerking.objects.filter(naam="portaalbestand_importeren", object_id=str(bestand.pk))
    assert regels.count() == 5
    assert set(regels.values_list("betrokkene_hash", flat=True)) == {betrokkene_hash(x) for x in b}
    assert len(set(regels.values_list("operation_id", flat=True))) == 1


def test_command_dry_run_writes_nothing(team, consulent, tmp_path, capsys):
    b = bsns(3, seed=17)
    rijen = [rij(x) for x in b]
    rijen[1][0] = "123456789"
    pad = tmp_path / NAAM
    pad.write_bytes(csv(rijen))
    call_command("portaal_importeren", str(pad), "--team", "Team Noord", "--dry-run")
    uit = capsys.readouterr().out
    assert "2 nieuw" in uit and "1 afgewezen" in uit
    assert "Regel 3, kolom 'BSN'" in uit
    assert not any(x in uit for x in b) and "Jansen" not in uit
    assert Importbestand.objects.count() == 0 and Rechthebbende.objects.count() == 0

    call_command("portaal_importeren", str(pad), "--team", "Team Noord", "--gebruiker", "consulent")
    uit = capsys.readouterr().out
    assert "Ingelezen: 2 nieuw" in uit
    assert Dossier.objects.count() == 2


def test_new_dossiers_go_to_the_team_the_postcode_rule_picks(team, ander_team, consulent, beheerder, vandaag):
    from nieuwestart.instellingen.models import Toewijzingswijze
    from nieuwestart.instellingen.services import postcodegebied_toevoegen, teamtoewijzing_wijzigen

    postcodegebied_toevoegen(door=beheerder, van=1000, tot=1999, team=ander_team)
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.POSTCODE, vangnet_team=team)
    b = bsns(3, seed=31)
    rijen = [rij(x) for x in b]
    rijen[1][5] = "3511 AB"  # outside every area -> fallback team
    inhoud = csv(rijen)
    voor = vb(inhoud, team, vandaag)
    assert voor.nieuw_per_team == {ander_team.naam: 2, team.naam: 1}
    assert "postcode" in voor.teamtoewijzing.lower()
    doe(inhoud, team, consulent, vandaag)
    teams = dict(Dossier.objects.values_list("rechthebbende__bsn", "team__naam"))
    assert teams == {b[0]: ander_team.naam, b[1]: team.naam, b[2]: ander_team.naam}


def test_round_robin_continues_in_the_next_import(team, ander_team, consulent, beheerder, vandaag):
    from nieuwestart.instellingen.models import Toewijzingswijze
    from nieuwestart.instellingen.services import teamtoewijzing_wijzigen

    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=[team, ander_team])
    eerste, tweede = bsns(6, seed=33)[:3], bsns(6, seed=33)[3:]
    doe(csv([rij(x) for x in eerste]), team, consulent, vandaag, naam="contactlijst_2026-11-20.csv")
    doe(csv([rij(x) for x in tweede]), team, consulent, vandaag, naam="contactlijst_2026-11-21.csv")
    volgorde = [d.team_id for d in Dossier.objects.order_by("dossiernummer")]
    assert volgorde == [team.pk, ander_team.pk] * 3
