"""API test helpers: an API-applicatie with a token, and a client that sends it."""

import pytest
from django.test import Client

from nieuwestart.accounts.models import Rol
from nieuwestart.api import services
from nieuwestart.api.models import Scope

ALLE_SCOPES = [s.value for s in Scope]


class ApiClient(Client):
    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def generic(self, method, path, data="", content_type="application/octet-stream", secure=False, **extra):
        if self.token and "HTTP_AUTHORIZATION" not in extra:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        return super().generic(method, path, data, content_type, secure=secure, **extra)


def maak_applicatie(naam, *, rollen=(Rol.CONSULENT,), teams=(), scopes=ALLE_SCOPES, door=None):
    from nieuwestart.conftest import maak_gebruiker

    door = door or maak_gebruiker(f"beheer-{naam}", Rol.FUNCTIONEEL_BEHEERDER)
    return services.applicatie_aanmaken(naam=naam, rollen=rollen, teams=teams, scopes=scopes, door=door)


@pytest.fixture
def api(team):
    """A client for an application acting as a consulent of Team Noord with every scope."""
    sleutel = maak_applicatie("Portaal", teams=[team])
    client = ApiClient(sleutel.token)
    client.applicatie = sleutel.applicatie
    return client


@pytest.fixture
def api_voor():
    def _maak(naam, **kwargs):
        sleutel = maak_applicatie(naam, **kwargs)
        client = ApiClient(sleutel.token)
        client.applicatie = sleutel.applicatie
        return client

    return _maak
