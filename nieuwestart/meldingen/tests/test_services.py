"""Who is told, marking read, and that a user only ever reads their own team's meldingen."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nieuwestart.accounts.models import Rol, User
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import Dossier
from nieuwestart.meldingen import selectors, services
from nieuwestart.meldingen.models import Melding, MeldingSoort
from nieuwestart.meldingen.services import TeMelden, melden

pytestmark = pytest.mark.django_db


@pytest.fixture
def teamleider(team):
    return maak_gebruiker("teamleider", Rol.TEAMLEIDER, teams=[team])


@pytest.fixture
def anderen(team, ander_team):
    """Users who must never be told about a dossier of Team Noord without behandelaar."""
    return [
        maak_gebruiker("collega", Rol.CONSULENT, teams=[team]),  # a consulent, not the behandelaar
        maak_gebruiker("leider_zuid", Rol.TEAMLEIDER, teams=[ander_team]),
        maak_gebruiker("consulent_zuid", Rol.CONSULENT, teams=[ander_team]),
        maak_gebruiker("beleid", Rol.BELEIDSMEDEWERKER, teams=[team]),
    ]


def meld(dossier, tekst="Let op."):
    geladen = Dossier.objects.get(pk=dossier.pk)
    return melden([TeMelden(dossier=geladen, soort=MeldingSoort.UHT_NIET_ERKEND, tekst=tekst)])


def ontvangers():
    return sorted(Melding.objects.values_list("ontvanger__username", flat=True))


def test_the_behandelaar_is_told(maak_dossier, teamleider, anderen):
    meld(maak_dossier())
    assert ontvangers() == ["consulent"]


def test_without_behandelaar_the_teamleiders_of_the_dossiers_team_are_told(maak_dossier, team, teamleider, anderen):
    tweede = maak_gebruiker("teamleider2", Rol.TEAMLEIDER, Rol.CONSULENT, teams=[team])
    dossier = maak_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(behandelaar=None)
    meld(dossier)
    assert ontvangers() == ["teamleider", tweede.username]


def test_a_behandelaar_outside_the_dossiers_team_is_not_told(maak_dossier, ander_team, anderen):
    """E.g. the dossier moved to another team: its teamleider is told, not the old behandelaar."""
    dossier = maak_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(team=ander_team)
    meld(dossier)
    assert ontvangers() == ["leider_zuid"]


def test_an_inactive_behandelaar_is_not_told(maak_dossier, consulent, teamleider):
    dossier = maak_dossier()
    consulent.is_active = False
    consulent.save()
    meld(dossier)
    assert ontvangers() == ["teamleider"]


def test_a_team_with_nobody_to_tell_gets_no_melding(maak_dossier, anderen):
    dossier = maak_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(behandelaar=None)
    assert meld(dossier) == []
    assert not Melding.objects.exists()


def test_melden_takes_a_fixed_number_of_queries_however_many_dossiers(maak_dossier, teamleider):
    dossiers = [maak_dossier() for _ in range(6)]
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers[3:]]).update(behandelaar=None)
    geladen = list(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]))

    def queries(lijst):
        with CaptureQueriesContext(connection) as vastgelegd:
            melden([TeMelden(dossier=d, soort=MeldingSoort.UHT_NIET_ERKEND, tekst="x") for d in lijst])
        return len(vastgelegd)

    assert queries(geladen[:1]) == queries(geladen) <= 2
    assert Melding.objects.count() == 7


def test_marking_read(maak_dossier, consulent, teamleider):
    (melding,) = meld(maak_dossier())
    assert selectors.aantal_ongelezen(consulent) == 1
    with pytest.raises(Melding.DoesNotExist):
        services.als_gelezen_markeren(melding_id=melding.pk, gebruiker=teamleider)  # not theirs
    assert services.als_gelezen_markeren(melding_id=melding.pk, gebruiker=consulent) is True
    assert services.als_gelezen_markeren(melding_id=melding.pk, gebruiker=consulent) is False
    assert selectors.aantal_ongelezen(consulent) == 0
    assert list(selectors.meldingen_voor(consulent)) == [melding]


def test_a_user_who_left_the_team_no_longer_sees_its_meldingen(maak_dossier, consulent, ander_team):
    meld(maak_dossier())
    consulent.teams.set([ander_team])
    verhuisd = User.objects.get(pk=consulent.pk)
    assert selectors.aantal_ongelezen(verhuisd) == 0
    assert not selectors.meldingen_voor(verhuisd).exists()


def test_block_counts_all_unread_but_lists_the_newest_few(maak_dossier, consulent):
    for i in range(4):
        meld(maak_dossier(), tekst=f"Melding {i}")
    blok = selectors.blok_voor(consulent, hoeveel=3)
    assert blok.aantal == 4 and len(blok.meldingen) == 3 and blok.meer == 1
    assert [m.tekst for m in blok.meldingen] == ["Melding 3", "Melding 2", "Melding 1"]


@pytest.mark.parametrize(
    "afbouw_tot,verwacht",
    [
        (date(2027, 1, 12), "UHT heeft de aanvrager in dossier D-1 niet erkend. De afbouw loopt tot 12-01-2027. "
                            "Bespreek welke hulp daarna nodig is."),
        (None, "UHT heeft de aanvrager in dossier D-1 niet erkend. "
               "Bekijk het dossier en bespreek welke hulp nodig is."),
    ],
)
def test_niet_erkend_text(afbouw_tot, verwacht):
    assert services.uht_niet_erkend_tekst(dossiernummer="D-1", afbouw_tot=afbouw_tot) == verwacht
