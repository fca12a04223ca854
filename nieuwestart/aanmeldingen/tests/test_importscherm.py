"""The web screens for portal files: upload → preview → confirm, in the background, with a report.

The tasks run at once here (``ImmediateBackend`` in the test settings); one test at the end
uses the database queue and its worker (``db_worker --batch``) to prove the real path.
"""

import csv as csvmod
import io
import random
import time
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nieuwestart.aanmeldingen import opdrachten
from nieuwestart.aanmeldingen.models import Fase, Importbestand, Importopdracht, Kolomkoppeling
from nieuwestart.accounts.models import Rol
from nieuwestart.common.bsn import genereer_bsn
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Rechthebbende
from nieuwestart.logboek.models import Beveiligingsgebeurtenis, Verwerking
from nieuwestart.logboek.services import betrokkene_hash

pytestmark = pytest.mark.django_db

KOP = ["BSN", "Voornamen", "Achternaam", "Geboortedatum", "Doelgroep", "Postcode", "Telefoonnummer"]
ONGELDIG_BSN = "123456789"  # fails the 11-proef


def bsns(n, seed=7):
    rng = random.Random(seed)
    uit: list[str] = []
    while len(uit) < n:
        b = genereer_bsn(rng)
        if b not in uit:
            uit.append(b)
    return uit


def rij(bsn, achternaam="Jansen", geboren="01-02-1990"):
    return [bsn, "Eva", achternaam, geboren, "erkend gedupeerde ouder", "1234 AB", "0612345678"]


def csv(rijen, kop=KOP) -> bytes:
    return ("\r\n".join(";".join(r) for r in [kop, *rijen]) + "\r\n").encode()


def naam(dagen_oud=3, soort="contactlijst"):
    return f"{soort}_{timezone.localdate() - timedelta(days=dagen_oud):%Y-%m-%d}.csv"


def upload(client, inhoud, *, doel="CONTACTLIJST", bestandsnaam=None, **extra):
    bestand = io.BytesIO(inhoud)
    bestand.name = bestandsnaam or naam()
    return client.post(reverse("aanmeldingen:bestand_inlezen"), {"doel": doel, "bestand": bestand, **extra})


def opdracht_van(antwoord) -> Importopdracht:
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    pk = antwoord["Location"].rstrip("/").split("/")[-1]
    return Importopdracht.objects.get(pk=pk)


def tekst(antwoord) -> str:
    return " ".join(antwoord.content.decode().split())


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


@pytest.fixture
def goed_en_fout():
    """Three good rows, one with a BSN failing the 11-proef and one repeating a BSN."""
    b = bsns(3)
    return b, csv([rij(b[0]), rij(ONGELDIG_BSN), rij(b[1]), rij(b[2]), rij(b[0], achternaam="Dubbel")])


def test_upload_preview_confirm_creates_the_dossiers(ingelogd, team, consulent, goed_en_fout):
    b, inhoud = goed_en_fout
    assert ingelogd.get(reverse("aanmeldingen:bestand_inlezen")).status_code == 200

    opdracht = opdracht_van(upload(ingelogd, inhoud, team=team.pk))
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.VOORBEELD and opdracht.door == consulent and opdracht.team == team
    assert Rechthebbende.objects.count() == 0  # the preview writes nothing

    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "Controle van het bestand" in pagina
    assert "<dt>Nieuw</dt><dd>3</dd>" in pagina and "<dt>Afgewezen</dt><dd>2</dd>" in pagina
    assert "11-proef" in pagina and "staat ook al op regel 2" in pagina
    assert "Bevestigen en inlezen" in pagina

    antwoord = ingelogd.post(reverse("aanmeldingen:opdracht_bevestigen", args=[opdracht.pk]),
                             {"wijzigingen_overnemen": "on"})
    assert antwoord.status_code == 302
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.KLAAR
    assert opdracht.inhoud is None  # the file is not kept once imported
    assert set(Rechthebbende.objects.values_list("bsn", flat=True)) == set(b)
    assert Dossier.objects.filter(team=team).count() == 3
    bestand = Importbestand.objects.get()
    assert opdracht.importbestand == bestand and (bestand.aantal_nieuw, bestand.aantal_afgewezen) == (3, 2)

    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "Het bestand is ingelezen" in pagina and "<dt>Nieuw</dt><dd>3</dd>" in pagina
    assert reverse("aanmeldingen:afwijzingsrapport_xlsx", args=[opdracht.pk]) in pagina
    assert reverse("dossiers:werkvoorraad") in pagina
    overzicht = tekst(ingelogd.get(reverse("aanmeldingen:ingelezen_bestanden")))
    assert opdracht.bestandsnaam in overzicht


def test_a_debt_list_is_refused_and_nothing_of_it_is_stored(ingelogd, team):
    b = bsns(2)
    inhoud = csv([[*rij(x), "1250,00"] for x in b], kop=[*KOP, "Openstaand bedrag"])
    antwoord = upload(ingelogd, inhoud, team=team.pk)
    assert antwoord.status_code == 400
    assert "Dit bestand is een schuldenlijst" in tekst(antwoord)
    assert not Importopdracht.objects.exists()
    assert not Importbestand.objects.exists()
    assert not Rechthebbende.objects.exists()
    assert Beveiligingsgebeurtenis.objects.filter(actie="portaalbestand_geweigerd", resultaat="GEWEIGERD").exists()


def test_a_list_named_as_a_debt_list_is_refused_too(ingelogd, team):
    antwoord = upload(ingelogd, csv([rij(bsns(1)[0])]), team=team.pk, bestandsnaam="schuldenlijst_november.csv")
    assert antwoord.status_code == 400 and "schuldenlijst" in tekst(antwoord)
    assert not Importopdracht.objects.exists()


def test_a_file_of_another_kind_is_refused_before_anything_is_stored(ingelogd, team):
    status = csv([[bsns(1)[0], "erkend", "02-11-2026"]], kop=["BSN", "Status", "Besluitdatum"])
    antwoord = upload(ingelogd, status, team=team.pk)
    assert antwoord.status_code == 400 and "lijkt een statusupdate" in tekst(antwoord)
    assert not Importopdracht.objects.exists()


def test_an_unreadable_file_gets_a_dutch_message(ingelogd, team):
    antwoord = upload(ingelogd, b"PK\x03\x04 kapot", team=team.pk, bestandsnaam="lijst.xlsx")
    assert antwoord.status_code == 400 and "Excel" in tekst(antwoord)
    assert not Importopdracht.objects.exists()


def test_a_file_that_is_too_big_is_refused(ingelogd, team, settings):
    settings.NS_IMPORT_MAX_MB = 0  # every file is too big
    antwoord = upload(ingelogd, csv([rij(bsns(1)[0])]), team=team.pk)
    assert antwoord.status_code == 400 and "Het bestand is te groot" in tekst(antwoord)
    assert not Importopdracht.objects.exists()


def test_a_contact_list_needs_a_team_when_the_user_has_several(client, team, ander_team):
    beide = maak_gebruiker("twee_teams", Rol.CONSULENT, teams=[team, ander_team])
    client.force_login(beide)
    pagina = tekst(client.get(reverse("aanmeldingen:bestand_inlezen")))
    assert 'name="team"' in pagina and "Team Zuid" in pagina  # a select, not a hidden field
    antwoord = upload(client, csv([rij(bsns(1)[0])]))
    assert antwoord.status_code == 400 and "Kies het team" in tekst(antwoord)
    opdracht = opdracht_van(upload(client, csv([rij(bsns(1)[0])]), team=ander_team.pk))
    assert opdracht.team == ander_team


def test_only_the_uploader_sees_an_opdracht(ingelogd, client, team, goed_en_fout):
    opdracht = opdracht_van(upload(ingelogd, goed_en_fout[1], team=team.pk))
    collega = maak_gebruiker("collega", Rol.CONSULENT, teams=[team])
    client.force_login(collega)
    for naam_ in ("opdracht", "afwijzingsrapport_csv", "afwijzingsrapport_xlsx"):
        assert client.get(reverse(f"aanmeldingen:{naam_}", args=[opdracht.pk])).status_code == 404, naam_
    for naam_ in ("opdracht_bevestigen", "opdracht_afbreken", "opdracht_kolommen", "opdracht_opnieuw"):
        assert client.post(reverse(f"aanmeldingen:{naam_}", args=[opdracht.pk])).status_code == 404, naam_
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.VOORBEELD and not Rechthebbende.objects.exists()


def test_the_report_lists_every_rejected_row_as_csv_and_xlsx_and_is_logged(ingelogd, team, goed_en_fout):
    b, inhoud = goed_en_fout
    opdracht = opdracht_van(upload(ingelogd, inhoud, team=team.pk))

    antwoord = ingelogd.get(reverse("aanmeldingen:afwijzingsrapport_csv", args=[opdracht.pk]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"] and b[0] not in antwoord["Content-Disposition"]
    regels = list(csvmod.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert regels[0] == ["Regel", "Kolom", "Waarde", "Reden"]
    assert [r[0] for r in regels[1:]] == ["3", "6"]  # spreadsheet row numbers (header is row 1)
    assert regels[1][1] == "BSN" and "11-proef" in regels[1][3]
    assert regels[2][2] == b[0] and "regel 2" in regels[2][3]

    antwoord = ingelogd.get(reverse("aanmeldingen:afwijzingsrapport_xlsx", args=[opdracht.pk]))
    assert antwoord.status_code == 200
    blad = load_workbook(io.BytesIO(antwoord.content), read_only=True).worksheets[0]
    cellen = [list(r) for r in blad.iter_rows(values_only=True)]
    assert cellen[0] == ["Regel", "Kolom", "Waarde", "Reden"]
    assert [r[0] for r in cellen[1:]] == [3, 6] and cellen[2][2] == b[0]

    # The report shows a BSN: a read of that person's data, in the processing log.
    logregels = Verwerking.objects.filter(naam="afwijzingsrapport_downloaden")
    assert logregels.count() == 2
    assert set(logregels.values_list("betrokkene_hash", flat=True)) == {betrokkene_hash(b[0])}


def test_report_cells_are_never_formulas():
    from nieuwestart.aanmeldingen import rapport

    rijen = [{"regel": 2, "kolom": "Achternaam", "waarde": "=HYPERLINK(\"x\")", "reden": "te lang"}]
    assert b"'=HYPERLINK" in rapport.rapport_csv(rijen)
    blad = load_workbook(io.BytesIO(rapport.rapport_xlsx(rijen))).worksheets[0]
    assert blad["C2"].data_type == "s"


def test_a_mapping_is_saved_and_used_for_the_next_upload(ingelogd, team, consulent):
    kop = ["BSN", "Voornamen", "Achternaam ouder", "Geboortedatum", "Doelgroep"]
    b = bsns(4)
    opdracht = opdracht_van(upload(ingelogd, csv([rij(x)[:5] for x in b[:2]], kop=kop), team=team.pk))
    opdracht.refresh_from_db()
    assert not opdracht.uitkomst["kan_importeren"]
    assert opdracht.uitkomst["ontbrekende_kolommen"] == ["achternaam"]
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "Kolom ‘Achternaam ouder’ in uw bestand" in pagina
    assert "Bevestigen en inlezen" not in pagina

    antwoord = ingelogd.post(reverse("aanmeldingen:opdracht_kolommen", args=[opdracht.pk]),
                             {"koppeling-kolom_0": "achternaam", "koppeling-bewaren": "on"})
    assert antwoord.status_code == 302
    koppeling = Kolomkoppeling.objects.get()
    assert (koppeling.doel, koppeling.kop, koppeling.kolom, koppeling.door) == (
        "CONTACTLIJST", "achternaam ouder", "achternaam", consulent)
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.VOORBEELD and opdracht.uitkomst["kan_importeren"]
    assert opdracht.uitkomst["tellingen"][0] == ["aantal_nieuw", 2]

    # The next file with the same header is read with the saved mapping straight away.
    volgende = opdracht_van(upload(ingelogd, csv([rij(x)[:5] for x in b[2:]], kop=kop), team=team.pk))
    volgende.refresh_from_db()
    assert volgende.uitkomst["kan_importeren"] and not volgende.uitkomst["kolomfouten"]
    assert volgende.mapping == {}  # not a one-off choice: the saved mapping did it


def test_a_one_off_mapping_is_not_saved(ingelogd, team):
    kop = ["BSN", "Voornamen", "Naam ouder", "Geboortedatum", "Doelgroep"]
    opdracht = opdracht_van(upload(ingelogd, csv([rij(bsns(1)[0])[:5]], kop=kop), team=team.pk))
    ingelogd.post(reverse("aanmeldingen:opdracht_kolommen", args=[opdracht.pk]), {"koppeling-kolom_0": "achternaam"})
    opdracht.refresh_from_db()
    assert opdracht.mapping == {"naam ouder": "achternaam"} and opdracht.uitkomst["kan_importeren"]
    assert not Kolomkoppeling.objects.exists()


def test_mapping_two_headers_to_one_column_is_refused(ingelogd, team):
    kop = ["BSN", "Voornamen", "Naam ouder", "Geboortedatum", "Doelgroep", "Naam 2"]
    opdracht = opdracht_van(upload(ingelogd, csv([[*rij(bsns(1)[0])[:5], "x"]], kop=kop), team=team.pk))
    antwoord = ingelogd.post(reverse("aanmeldingen:opdracht_kolommen", args=[opdracht.pk]),
                             {"koppeling-kolom_0": "achternaam", "koppeling-kolom_1": "achternaam"})
    assert antwoord.status_code == 400 and "U koppelt al een andere kolom" in tekst(antwoord)


def test_an_old_portal_file_gets_a_warning(ingelogd, team):
    opdracht = opdracht_van(upload(ingelogd, csv([rij(bsns(1)[0])]), team=team.pk, bestandsnaam=naam(dagen_oud=45)))
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "ouder dan 30 dagen" in pagina


def test_the_same_file_again_offers_no_confirm(ingelogd, team, goed_en_fout):
    eerste = opdracht_van(upload(ingelogd, goed_en_fout[1], team=team.pk))
    ingelogd.post(reverse("aanmeldingen:opdracht_bevestigen", args=[eerste.pk]))
    tweede = opdracht_van(upload(ingelogd, goed_en_fout[1], team=team.pk))
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[tweede.pk])))
    assert "al eerder ingelezen" in pagina and "Bevestigen en inlezen" not in pagina
    ingelogd.post(reverse("aanmeldingen:opdracht_bevestigen", args=[tweede.pk]))
    tweede.refresh_from_db()
    assert tweede.fase == Fase.VOORBEELD and Importbestand.objects.count() == 1


def test_progress_is_polled_from_the_shared_cache(ingelogd, team, consulent, goed_en_fout):
    opdracht = Importopdracht.objects.create(
        doel="CONTACTLIJST", bestandsnaam="lijst.csv", inhoud=goed_en_fout[1], door=consulent, team=team,
        fase=Fase.INLEZEN, uitkomst={"regels_geschat": 100_000},
    )
    cache = caches["voortgang"]
    cache.set_many({f"importopdracht:{opdracht.pk}:gedaan": 12_000, f"importopdracht:{opdracht.pk}:totaal": 100_000,
                    f"importopdracht:{opdracht.pk}:hartslag": time.time()})
    url = reverse("aanmeldingen:opdracht_voortgang", args=[opdracht.pk])
    assert ingelogd.get(url)["Location"].endswith(f"/{opdracht.pk}/")  # without htmx: the page itself
    antwoord = ingelogd.get(url, headers={"HX-Request": "true"})
    fragment = tekst(antwoord)
    assert '<progress id="voortgang-balk" class="ns-voortgang__balk" max="100000" value="12000">' in fragment
    assert "12.000 van 100.000 regels" in fragment and 'hx-trigger="every 2s"' in fragment
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "Het bestand wordt ingelezen" in pagina and 'for="voortgang-balk"' in pagina

    Importopdracht.objects.filter(pk=opdracht.pk).update(fase=Fase.KLAAR)
    antwoord = ingelogd.get(url, headers={"HX-Request": "true"})
    assert antwoord["HX-Redirect"] == reverse("aanmeldingen:opdracht", args=[opdracht.pk])


def test_a_stopped_worker_shows_afgebroken_and_may_be_retried(ingelogd, team, consulent, goed_en_fout):
    b, inhoud = goed_en_fout
    opdracht = opdracht_van(upload(ingelogd, inhoud, team=team.pk))
    # As if a worker claimed the import and was killed (its transaction rolled back) 5 minutes ago.
    Importopdracht.objects.filter(pk=opdracht.pk).update(fase=Fase.INLEZEN)
    caches["voortgang"].set(f"importopdracht:{opdracht.pk}:hartslag", time.time() - 300)

    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "Het inlezen is afgebroken. Er is niets veranderd." in pagina and "Opnieuw proberen" in pagina
    assert not Rechthebbende.objects.exists()

    ingelogd.post(reverse("aanmeldingen:opdracht_opnieuw", args=[opdracht.pk]))
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.KLAAR and Rechthebbende.objects.count() == 3


def test_a_running_import_cannot_be_retried_or_cancelled(ingelogd, team, goed_en_fout):
    opdracht = opdracht_van(upload(ingelogd, goed_en_fout[1], team=team.pk))
    Importopdracht.objects.filter(pk=opdracht.pk).update(fase=Fase.INLEZEN)
    caches["voortgang"].set(f"importopdracht:{opdracht.pk}:hartslag", time.time())
    ingelogd.post(reverse("aanmeldingen:opdracht_opnieuw", args=[opdracht.pk]))
    ingelogd.post(reverse("aanmeldingen:opdracht_afbreken", args=[opdracht.pk]))
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.INLEZEN and opdracht.inhoud is not None


def test_cancel_drops_the_file_and_changes_nothing(ingelogd, team, goed_en_fout):
    opdracht = opdracht_van(upload(ingelogd, goed_en_fout[1], team=team.pk))
    antwoord = ingelogd.post(reverse("aanmeldingen:opdracht_afbreken", args=[opdracht.pk]))
    assert antwoord.status_code == 302
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.AFGEBROKEN and opdracht.inhoud is None and opdracht.afwijzingen == []
    ingelogd.post(reverse("aanmeldingen:opdracht_bevestigen", args=[opdracht.pk]))
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.AFGEBROKEN and not Rechthebbende.objects.exists()


def test_a_double_confirm_imports_once(ingelogd, team, goed_en_fout, monkeypatch):
    opdracht = opdracht_van(upload(ingelogd, goed_en_fout[1], team=team.pk))
    gestart = []
    monkeypatch.setattr(opdrachten, "_start_inlezen", gestart.append)
    opdracht.refresh_from_db()
    assert opdrachten.bevestigen(opdracht) is True
    assert opdrachten.bevestigen(opdracht) is False
    assert gestart == [opdracht.pk]


def test_personal_data_of_uploads_is_cleared_after_a_day(team, consulent, goed_en_fout):
    nu = timezone.now()
    oud = Importopdracht.objects.create(
        doel="CONTACTLIJST", bestandsnaam="oud.csv", inhoud=goed_en_fout[1], door=consulent, team=team,
        fase=Fase.VOORBEELD, afwijzingen=[{"regel": 2, "kolom": "BSN", "waarde": "x", "reden": "y"}],
    )
    vers = Importopdracht.objects.create(
        doel="CONTACTLIJST", bestandsnaam="vers.csv", inhoud=goed_en_fout[1], door=consulent, team=team,
        fase=Fase.VOORBEELD,
    )
    heel_oud = Importopdracht.objects.create(
        doel="CONTACTLIJST", bestandsnaam="heel_oud.csv", door=consulent, fase=Fase.KLAAR,
    )
    Importopdracht.objects.filter(pk=oud.pk).update(aangemaakt_op=nu - timedelta(days=2))
    Importopdracht.objects.filter(pk=heel_oud.pk).update(aangemaakt_op=nu - timedelta(days=40))

    assert opdrachten.opdrachten_opschonen(nu=nu, uitvoeren=False) == 1
    oud.refresh_from_db()
    assert oud.inhoud is not None  # a dry run changes nothing

    uit = io.StringIO()
    call_command("opschonen", "--uitvoeren", stdout=uit)
    assert "persoonsgegevens ouder dan een dag: 1" in uit.getvalue()
    oud.refresh_from_db()
    vers.refresh_from_db()
    assert oud.inhoud is None and oud.afwijzingen == [] and oud.fase == Fase.AFGEBROKEN
    assert vers.inhoud is not None and vers.fase == Fase.VOORBEELD
    assert not Importopdracht.objects.filter(pk=heel_oud.pk).exists()


def test_a_status_update_through_the_screens(ingelogd, maak_dossier, consulent):
    dossier = maak_dossier(doelgroep="AANGEMELDE_AANVRAGER")
    besluit = (timezone.localdate() - timedelta(days=5)).strftime("%d-%m-%Y")
    inhoud = csv([[dossier.rechthebbende.bsn, "niet erkend", besluit], [bsns(1, seed=99)[0], "erkend", besluit]],
                 kop=["BSN", "Status", "Besluitdatum"])
    opdracht = opdracht_van(upload(ingelogd, inhoud, doel="STATUSUPDATE", bestandsnaam=naam(soort="statusupdate")))
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "<dt>Nieuwe status</dt><dd>1</dd>" in pagina and "<dt>Niet bij ons bekend</dt><dd>1</dd>" in pagina
    assert "Dit BSN is bij ons niet bekend" in pagina  # reported, not silently dropped
    assert "Gewijzigde contactgegevens overnemen" not in pagina  # only for a contact list
    ingelogd.post(reverse("aanmeldingen:opdracht_bevestigen", args=[opdracht.pk]))
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.KLAAR and opdracht.team is None
    assert DossierGebeurtenis.objects.filter(dossier=dossier, soort="UHT_NIET_ERKEND").count() == 1


def test_a_child_verification_answer_through_the_screens(ingelogd, maak_dossier):
    kind = maak_dossier(doelgroep="KIND_KINDREGELING", geboortedatum=date(2004, 5, 1), aanmelddatum=date(2026, 9, 1))
    inhoud = csv([[kind.rechthebbende.bsn, "bevestigd", (timezone.localdate() - timedelta(days=1)).strftime("%d-%m-%Y")]],
                 kop=["BSN kind", "Uitkomst", "Datum verificatie"])
    opdracht = opdracht_van(upload(ingelogd, inhoud, doel="KINDVERIFICATIE_ANTWOORD",
                                   bestandsnaam=naam(soort="kindverificatie_antwoord")))
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "<dt>Bevestigd</dt><dd>1</dd>" in pagina
    ingelogd.post(reverse("aanmeldingen:opdracht_bevestigen", args=[opdracht.pk]))
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "<dt>Verificaties vastgelegd</dt><dd>1</dd>" in pagina
    kind.refresh_from_db()
    assert kind.status == "GEVERIFIEERD"


def test_the_question_file_for_child_verification_is_downloaded(ingelogd, maak_dossier):
    kind = maak_dossier(doelgroep="KIND_KINDREGELING", geboortedatum=date(2004, 5, 1), voornamen="Noor")
    antwoord = ingelogd.post(reverse("aanmeldingen:vraagbestand"), {"soort": "csv", "alleen_nieuw": "on"})
    assert antwoord.status_code == 200 and "attachment" in antwoord["Content-Disposition"]
    assert kind.rechthebbende.bsn in antwoord.content.decode("utf-8-sig")
    assert DossierGebeurtenis.objects.filter(dossier=kind, soort="KINDVERIFICATIE_GEVRAAGD").exists()
    # Asking only for new children again: nobody left.
    antwoord = ingelogd.post(reverse("aanmeldingen:vraagbestand"), {"soort": "xlsx", "alleen_nieuw": "on"})
    rijen = list(load_workbook(io.BytesIO(antwoord.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rijen) == 1  # only the header


def test_the_question_file_is_a_post(ingelogd):
    assert ingelogd.get(reverse("aanmeldingen:vraagbestand")).status_code == 405


def test_the_real_path_database_queue_and_db_worker(ingelogd, team, settings, monkeypatch):
    """Upload and confirm only queue work; ``manage.py db_worker --batch`` (run here, in-process) does it."""
    import signal

    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops stale connections between tasks; in-process that would be the test's own
    # connection with its open test transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client = ingelogd
    b = bsns(3)
    opdracht = opdracht_van(upload(client, csv([rij(x) for x in b]), team=team.pk))
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.CONTROLEREN
    assert DBTaskResult.objects.filter(task_path__endswith="importvoorbeeld_maken", status="READY").count() == 1
    pagina = tekst(client.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "Het bestand wordt gecontroleerd" in pagina and "hx-get" in pagina

    signalen = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        werker = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]
        call_command(*werker, verbosity=0)
        opdracht.refresh_from_db()
        assert opdracht.fase == Fase.VOORBEELD and Rechthebbende.objects.count() == 0

        client.post(reverse("aanmeldingen:opdracht_bevestigen", args=[opdracht.pk]))
        opdracht.refresh_from_db()
        assert opdracht.fase == Fase.BEVESTIGD and Rechthebbende.objects.count() == 0
        call_command(*werker, verbosity=0)
    finally:
        for s, handler in signalen.items():
            signal.signal(s, handler)
    opdracht.refresh_from_db()
    assert opdracht.fase == Fase.KLAAR and opdracht.inhoud is None
    assert set(Rechthebbende.objects.values_list("bsn", flat=True)) == set(b)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_viewing_proposed_contact_updates_is_logged_for_those_persons(ingelogd, team, maak_dossier):
    # The preview shows a known person's old and new phone number: that is a read of their data.
    (bekend, nieuw) = bsns(2, seed=41)
    maak_dossier(bsn=bekend, achternaam="Jansen", geboortedatum=date(1990, 2, 1), team_=team)
    gewijzigd = rij(bekend)
    gewijzigd[6] = "0698765432"
    opdracht = opdracht_van(upload(ingelogd, csv([gewijzigd, rij(nieuw)]), team=team.pk))
    pagina = tekst(ingelogd.get(reverse("aanmeldingen:opdracht", args=[opdracht.pk])))
    assert "0698765432" in pagina  # the proposed new number is shown
    assert bekend not in pagina  # never the BSN
    regels = Verwerking.objects.filter(naam="importvoorbeeld_bekijken", object_id=str(opdracht.pk))
    assert set(regels.values_list("betrokkene_hash", flat=True)) == {betrokkene_hash(bekend)}
