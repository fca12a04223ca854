"""Fixtures shared by the test suites: teams, users with roles, and dossiers made via the real services."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from nieuwestart.accounts.models import Rol, Team, User
from nieuwestart.aanmeldingen.services import NieuwGezinslid, directe_aanmelding_registreren
from nieuwestart.common.bsn import genereer_bsn

VANDAAG = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _api_tellers_leeg():
    """The API limits count in a per-process cache: every test starts with empty counters."""
    from django.core.cache import caches

    caches["api"].clear()
    yield


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



# --- Logging in with the second factor (MFA is enforced for every user) -----------------------

def geef_app(user, key: str | None = None):
    """A confirmed TOTP device for the user (the one they already have, else a new one)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        extra = {"key": key} if key else {}
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True, **extra)
    return device


class MfaClient(Client):
    """Django's test client whose force_login() also passes the second factor for that session.

    Use ``client`` (or ``admin_client``) as before; for the MFA pages themselves use
    ``client_zonder_mfa``. Class-based tests can set ``client_class = MfaClient``.
    """

    def force_login(self, user, backend=None):
        from nieuwestart.accounts.mfa import markeer_geverifieerd

        super().force_login(user, backend)
        session = self.session
        markeer_geverifieerd(session, geef_app(user))
        session.save()

    def login(self, **credentials):
        # django-axes needs the request to count attempts; Django's login() passes none.
        from django.contrib.auth import authenticate
        from django.http import HttpRequest

        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        user = authenticate(request, **credentials)
        if user is None:
            return False
        self.force_login(user, backend=user.backend)
        return True


@pytest.fixture
def client():
    """pytest-django's client, but force_login()/login() also mark the session MFA-verified."""
    return MfaClient()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, MFA-verified like ``client``."""
    client = MfaClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def client_zonder_mfa():
    """A plain test client: force_login() leaves the second factor still to do."""
    return Client()


@pytest.fixture
def totp_code():
    """The code an authenticator app would give now for a device (one not used yet)."""
    from nieuwestart.accounts.mfa import huidige_code

    def _code(device) -> str:
        device.refresh_from_db()
        return huidige_code(device, volgende_vrije=True)

    return _code


@pytest.fixture
def rolgroepen(db):
    """The role groups of migration accounts.0002, again: a transactional test flushes them."""
    for rol in Rol:
        Group.objects.get_or_create(name=rol.value)
