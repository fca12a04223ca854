"""Fixtures shared by the test suites: teams, users with roles, and dossiers made via the real services."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from nieuwestart.accounts.models import Rol, Team, User
from nieuwestart.aanmeldingen.services import NieuwGezinslid, directe_aanmelding_registreren
from nieuwestart.common.bsn import genereer_bsn

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def vandaag():
    return VANDAAG


def maak_gebruiker(username: str, *rollen: Rol, teams=(), **extra) -> User:
    user = User.objects.create_user(username=username, password="Test-wachtwoord-123", **extra)
    for rol in rollen:
        user.groups.add(Group.objects.get(name=rol.value))
    user.teams.set(teams)
    return user


@pytest.fixture
def team(db):
    return Team.objects.create(naam="Team Noord")


@pytest.fixture
def ander_team(db):
    return Team.objects.create(naam="Team Zuid")


@pytest.fixture
def consulent(team):
    return maak_gebruiker("consulent", Rol.CONSULENT, teams=[team], first_name="Sanne", last_name="de Vries")


@pytest.fixture
def beheerder(db):
    return maak_gebruiker("beheerder", Rol.FUNCTIONEEL_BEHEERDER)


class BsnBron:
    def __init__(self):
        import random

        self.rng = random.Random(42)
        self.gebruikt: set[str] = set()

    def __call__(self) -> str:
        while True:
            bsn = genereer_bsn(self.rng)
            if bsn not in self.gebruikt:
                self.gebruikt.add(bsn)
                return bsn


@pytest.fixture
def nieuw_bsn():
    return BsnBron()


@pytest.fixture
def maak_dossier(consulent, team, nieuw_bsn):
    """Register a person directly, the way the form does."""

    def _maak(
        *, achternaam="Jansen", voornamen="Eva", doelgroep="ERKENDE_OUDER", aanmelddatum=date(2026, 9, 1),
        geboortedatum=date(1985, 3, 14), bsn=None, gezinsleden=(), door=None, team_=None, vandaag=VANDAAG,
    ):
        return directe_aanmelding_registreren(
            door=door or consulent,
            bsn=bsn or nieuw_bsn(),
            persoon={"voornamen": voornamen, "achternaam": achternaam, "geboortedatum": geboortedatum,
                     "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON"},
            doelgroep=doelgroep,
            aanmelddatum=aanmelddatum,
            team=team_ or team,
            behandelaar=door or consulent,
            gezinsleden=list(gezinsleden),
            vandaag=vandaag,
        )

    return _maak


__all__ = ["NieuwGezinslid", "maak_gebruiker"]
