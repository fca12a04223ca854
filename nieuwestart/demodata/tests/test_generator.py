"""The synthetic data generator, checked against the real terms engine and the lifecycle rules."""

import io
import re
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, Max

from nieuwestart.accounts.models import Rol, Team, User
from nieuwestart.common.bsn import is_geldig_bsn
from nieuwestart.demodata import generator
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as GS
from nieuwestart.dossiers.models import (
    Aanmeldingsbron,
    Doelgroep,
    Dossier,
    DossierGebeurtenis,
    Dossiernummering,
    DossierStatus,
    EersteGesprek,
    Gezinslid,
    Rechthebbende,
    Relatie,
    Verificatie,
)
from nieuwestart.dossiers.selectors import volgende_termijn
from nieuwestart.dossiers.services import volgend_dossiernummer
from nieuwestart.dossiers.transitions import TRANSITIES
from nieuwestart.instellingen.models import GemeenteInstellingen
from nieuwestart.termijnen.engine import TermijnStatus, eerstvolgende_open_termijn
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.services import als_rij, termijnen_berekenen

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 11, 23)
TERMIJNVELDEN = (
    "regel", "sleutel", "startdatum", "oorspronkelijke_einddatum", "einddatum", "opgeschorte_dagen",
    "opgeschort_sinds", "verdaagd_tot", "atw_verlengd", "voldaan_op", "vervallen_op",
)
TRANSITIE_VOOR = {t.gebeurtenis.value: t for t in TRANSITIES.values()}


@pytest.fixture
def demo(db):
    return generator.seed_demo(vandaag=VANDAAG)


@pytest.fixture
def landelijk(db):
    uit = io.StringIO()
    call_command("seed_demo", scale="national", rechthebbenden=300, dossiers=400, today=VANDAAG, stdout=uit)
    return uit.getvalue()


def opgeslagen_termijnen_kloppen(dossier: Dossier) -> bool:
    """Stored terms and next-term fields are exactly what termijnen_bijwerken would store."""
    berekend = termijnen_berekenen(dossier)
    verwacht = [tuple(getattr(als_rij(dossier, t), v) for v in TERMIJNVELDEN) for t in berekend]
    opgeslagen = [tuple(getattr(t, v) for v in TERMIJNVELDEN) for t in Termijn.objects.filter(dossier=dossier).order_by("id")]
    volgende = eerstvolgende_open_termijn(berekend, vandaag=VANDAAG)
    return (
        verwacht == opgeslagen
        and dossier.volgende_termijn_einddatum == (volgende.einddatum if volgende else None)
        and dossier.volgende_termijn_regel == (volgende.regel.code if volgende else "")
    )


def levensloop_klopt(dossier: Dossier) -> bool:
    """Replaying the event log through the transition table ends in the dossier's status."""
    gebeurtenissen = list(dossier.gebeurtenissen.order_by("datum", "id"))
    eerste = gebeurtenissen[0]
    assert eerste.soort == GS.AANGEMELD and eerste.datum == dossier.aanmelddatum
    # Exactly what aanmeldingen.services.dossier_openen writes.
    assert eerste.gegevens == {"bron": dossier.bron, "eerste_gesprek_weken": 8}
    if dossier.bron == Aanmeldingsbron.GEGEVENSPORTAAL:
        assert gebeurtenissen[1].soort == GS.GEVERIFIEERD and gebeurtenissen[1].datum == dossier.aanmelddatum
    status = DossierStatus.AANGEMELD
    for g in gebeurtenissen:
        assert dossier.aanmelddatum <= g.datum <= VANDAAG, g
        transitie = TRANSITIE_VOOR.get(g.soort)
        if transitie is not None:
            assert status in transitie.van, (dossier.dossiernummer, status, g.soort)
            status = transitie.naar
    return status == dossier.status


def dossier_rijen_kloppen(dossier: Dossier) -> None:
    soorten = {g.soort: g for g in dossier.gebeurtenissen.all()}
    if dossier.bron == Aanmeldingsbron.DIRECT and GS.GEVERIFIEERD in soorten:
        geverifieerd = soorten[GS.GEVERIFIEERD]
        verificatie = Verificatie.objects.get(pk=geverifieerd.gegevens["verificatie"])
        assert verificatie.dossier_id == dossier.pk and verificatie.uitkomst == "BEVESTIGD"
        assert verificatie.datum == geverifieerd.datum > dossier.aanmelddatum
    gesprek = EersteGesprek.objects.filter(dossier=dossier).first()
    if GS.EERSTE_GESPREK_GEVOERD in soorten:
        g = soorten[GS.EERSTE_GESPREK_GEVOERD]
        assert gesprek is not None and gesprek.datum == g.datum
        assert sorted(gesprek.hulpvragen.values_list("leefgebied", flat=True)) == g.gegevens["leefgebieden"]
    else:
        assert gesprek is None
    if dossier.status in (DossierStatus.EERSTE_GESPREK_GEVOERD, DossierStatus.PLAN_VASTGESTELD):
        assert gesprek is not None


# --------------------------------------------------------------------------- demo


def test_demo_seed_creates_every_status_the_settings_and_one_user_per_role(demo):
    assert set(Dossier.objects.values_list("status", flat=True)) == set(DossierStatus.values)
    assert 75 <= Dossier.objects.count() <= 85
    instellingen = GemeenteInstellingen.objects.get()
    assert (instellingen.gemeentenaam, instellingen.gemeentecode) == ("Gemeente Voorbeeldstad", "9999")
    assert set(Team.objects.values_list("naam", flat=True)) >= {"Team Noord", "Team Zuid", "Team Herstel"}
    for spec in generator.DEMO_GEBRUIKERS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(generator.DEMO_WACHTWOORD)
        assert user.heeft_rol(spec.rol)
        assert sorted(user.teams.values_list("naam", flat=True)) == sorted(spec.teams)
    beheerder = User.objects.get(username="beheerder")
    # No Django admin for the functioneel beheerder: the app's own screens check and log.
    assert not beheerder.is_staff and not beheerder.is_superuser
    assert not beheerder.user_permissions.exists()
    for recht in ("termijnen.change_extrafeestdag", "accounts.change_user"):
        assert not beheerder.has_perm(recht), recht
    consulent = User.objects.get(username="consulent")
    noord = Team.objects.get(naam="Team Noord")
    assert Dossier.objects.filter(behandelaar=consulent, team=noord).count() > Dossier.objects.count() / 2


def test_demo_bsns_pass_the_11_proef_and_are_unique(demo):
    bsns = list(Rechthebbende.objects.values_list("bsn", flat=True))
    assert bsns and all(is_geldig_bsn(b) for b in bsns)
    assert len(set(bsns)) == len(bsns)
    assert all(is_geldig_bsn(b) for b in Gezinslid.objects.exclude(bsn="").values_list("bsn", flat=True))


def test_demo_stored_terms_are_what_the_engine_computes(demo):
    for dossier in Dossier.objects.all():
        assert opgeslagen_termijnen_kloppen(dossier), dossier.dossiernummer


def test_demo_event_logs_follow_the_lifecycle(demo):
    for dossier in Dossier.objects.all():
        assert levensloop_klopt(dossier), dossier.dossiernummer
        dossier_rijen_kloppen(dossier)


def test_demo_worklist_has_overdue_and_nearly_due_terms_suspensions_and_notices(demo):
    consulent = User.objects.get(username="consulent")
    standen = Counter(
        t.status for d in Dossier.objects.filter(behandelaar=consulent)
        if (t := volgende_termijn(d, vandaag=VANDAAG)) is not None
    )
    assert standen[TermijnStatus.VERLOPEN] >= 3
    assert standen[TermijnStatus.BIJNA_VERLOPEN] >= 3
    opschortingen = DossierGebeurtenis.objects.filter(soort=GS.OPSCHORTING_GESTART)
    assert any(g.gegevens["termijn"] == "PLAN_VAN_AANPAK" and g.gegevens["reden"] for g in opschortingen)
    assert DossierGebeurtenis.objects.filter(soort=GS.OPSCHORTING_BEEINDIGD).exists()
    mededelingen = DossierGebeurtenis.objects.filter(soort=GS.VERWACHTE_DATUM_MEEGEDEELD)
    eerste_gesprek = [g for g in mededelingen if g.gegevens["termijn"] == "EERSTE_GESPREK"]
    assert eerste_gesprek and all(date.fromisoformat(g.gegevens["nieuwe_datum"]) > g.datum for g in eerste_gesprek)
    # Some person came back: an older, closed dossier next to a newer one.
    assert Rechthebbende.objects.annotate(n=Count("dossiers")).filter(n=2).exists()


def test_running_the_demo_seed_twice_does_not_duplicate(demo):
    voor = generator.tel_rijen()
    uit = io.StringIO()
    call_command("seed_demo", today=VANDAAG, stdout=uit)
    assert "bestaan al" in uit.getvalue()
    assert generator.tel_rijen() == voor


def test_reset_rebuilds_the_demo_data_with_the_same_users(demo):
    voor = generator.tel_rijen()
    gebruiker_ids = set(User.objects.values_list("id", flat=True))
    call_command("seed_demo", "--reset", today=VANDAAG, stdout=io.StringIO())
    assert generator.tel_rijen() == voor
    assert set(User.objects.values_list("id", flat=True)) == gebruiker_ids
    assert Dossier.objects.filter(dossiernummer__endswith="-000001").exists()


# --------------------------------------------------------------------------- national


def test_national_seed_makes_exactly_the_requested_counts(landelijk):
    assert Rechthebbende.objects.count() == 300
    assert Dossier.objects.count() == 400
    assert "dossiers.Dossier" in landelijk and "Klaar" in landelijk
    # 100 people have a second dossier.
    assert Rechthebbende.objects.annotate(n=Count("dossiers")).filter(n=2).count() == 100
    assert Rechthebbende.objects.annotate(n=Count("dossiers")).filter(n__gt=2).count() == 0


def test_national_seed_respects_one_open_dossier_per_person_and_doelgroep(landelijk):
    dubbel = (
        Dossier.objects.open().values("rechthebbende", "doelgroep").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not dubbel.exists()
    # An older dossier of the same doelgroep was closed before the newer one was opened.
    for rechthebbende in Rechthebbende.objects.annotate(n=Count("dossiers")).filter(n=2):
        oud, nieuw = rechthebbende.dossiers.order_by("aanmelddatum", "id")
        if oud.doelgroep == nieuw.doelgroep:
            assert oud.status == DossierStatus.AFGESLOTEN
            assert oud.gebeurtenissen.filter(soort=GS.AFGESLOTEN).get().datum < nieuw.aanmelddatum


def test_national_seed_numbers_and_bsns_are_unique_and_valid(landelijk):
    nummers = list(Dossier.objects.values_list("dossiernummer", "aanmelddatum"))
    assert len({n for n, _ in nummers}) == len(nummers)
    for nummer, aanmelddatum in nummers:
        assert re.fullmatch(rf"NS-{aanmelddatum.year}-\d{{6}}", nummer), nummer
    bsns = list(Rechthebbende.objects.values_list("bsn", flat=True)) + list(
        Gezinslid.objects.exclude(bsn="").values_list("bsn", flat=True)
    )
    assert all(is_geldig_bsn(b) for b in bsns)
    assert len(set(Rechthebbende.objects.values_list("bsn", flat=True))) == 300
    # The counters continue after the generated numbers, so a new registration does not collide.
    for jaar, hoogste in Dossier.objects.values_list("aanmelddatum__year").annotate(m=Max("dossiernummer")):
        assert Dossiernummering.objects.get(jaar=jaar).laatste == int(hoogste[-6:])
        assert not Dossier.objects.filter(dossiernummer=volgend_dossiernummer(jaar)).exists()


def test_national_seed_people_and_households_are_plausible(landelijk):
    for dossier in Dossier.objects.select_related("rechthebbende", "huishouden"):
        leeftijd = (dossier.aanmelddatum - dossier.rechthebbende.geboortedatum).days / 365.25
        if dossier.doelgroep == Doelgroep.KIND_KINDREGELING:
            assert leeftijd >= 18
        else:
            assert 25 <= leeftijd <= 60
        assert dossier.huishouden.peildatum == dossier.aanmelddatum
        leden = list(dossier.huishouden.leden.all())
        assert len(leden) <= 4
        assert all(lid.geboortedatum <= dossier.aanmelddatum for lid in leden)
    kinderen = Gezinslid.objects.filter(relatie=Relatie.KIND).select_related("huishouden")
    onder_18 = [k for k in kinderen if (k.huishouden.peildatum - k.geboortedatum).days < 18 * 365.25]
    assert len(onder_18) > 0.7 * len(kinderen)


def test_national_seed_mixes_doelgroepen_bronnen_and_statuses(landelijk):
    doelgroepen = Counter(Dossier.objects.values_list("doelgroep", flat=True))
    assert doelgroepen.most_common(1)[0][0] == Doelgroep.ERKENDE_OUDER
    assert set(doelgroepen) == set(Doelgroep.values)
    bronnen = Counter(Dossier.objects.values_list("bron", flat=True))
    assert bronnen[Aanmeldingsbron.GEGEVENSPORTAAL] > bronnen[Aanmeldingsbron.DIRECT] > 0
    assert set(Dossier.objects.values_list("status", flat=True)) == set(DossierStatus.values)
    gemiddeld = DossierGebeurtenis.objects.count() / Dossier.objects.count()
    assert 4 <= gemiddeld <= 7
    assert Team.objects.filter(naam__startswith=generator.LANDELIJK_TEAM_PREFIX).count() == 40
    assert User.objects.filter(username__startswith="nl-consulent-").count() == 300


def test_national_seed_event_logs_rows_and_terms_are_consistent(landelijk):
    for dossier in Dossier.objects.order_by("id"):
        assert levensloop_klopt(dossier), dossier.dossiernummer
        dossier_rijen_kloppen(dossier)
    for dossier in Dossier.objects.order_by("?")[:60]:
        assert opgeslagen_termijnen_kloppen(dossier), dossier.dossiernummer
    assert Dossier.objects.filter(volgende_termijn_einddatum__lt=VANDAAG).exists()


def test_national_seed_in_worker_processes_gives_the_same_data(db):
    """The benchmark seed runs the engine in forked workers; the result must not change."""
    generator.seed_national(rechthebbenden=150, dossiers=200, vandaag=VANDAAG, teams=4, consulenten=8,
                            workers=2, blokgrootte=40)
    met_workers = list(Termijn.objects.order_by("id").values_list("dossier__dossiernummer", *TERMIJNVELDEN))
    gebeurtenissen = list(DossierGebeurtenis.objects.order_by("id").values_list("soort", "datum", "gegevens"))
    for dossier in Dossier.objects.all():
        assert opgeslagen_termijnen_kloppen(dossier)
    generator.seed_national(rechthebbenden=150, dossiers=200, vandaag=VANDAAG, teams=4, consulenten=8,
                            workers=0, reset=True)
    assert list(Termijn.objects.order_by("id").values_list("dossier__dossiernummer", *TERMIJNVELDEN)) == met_workers
    assert list(DossierGebeurtenis.objects.order_by("id").values_list("soort", "datum", "gegevens")) == gebeurtenissen


def test_a_second_national_seed_is_skipped(landelijk):
    uit = io.StringIO()
    call_command("seed_demo", scale="national", rechthebbenden=300, dossiers=400, today=VANDAAG, stdout=uit)
    assert "al landelijke testgegevens" in uit.getvalue()
    assert Dossier.objects.count() == 400


def test_national_seed_refuses_impossible_sizes(db):
    with pytest.raises(ValueError):
        generator.seed_national(rechthebbenden=10, dossiers=25, vandaag=VANDAAG)


def test_role_names_match_the_accounts_roles():
    assert {g.rol for g in generator.DEMO_GEBRUIKERS} == set(Rol)
