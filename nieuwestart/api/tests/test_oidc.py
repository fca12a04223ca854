"""OIDC bearer tokens: only with SSO on and the second factor at the identity provider.

The token check itself is mozilla-django-oidc's (userinfo endpoint); here it is replaced by a stub,
so these tests cover our rules around it without a network."""

import pytest
from mozilla_django_oidc.contrib import drf as oidc_drf

from nieuwestart.logboek.models import Beveiligingsgebeurtenis

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(monkeypatch, consulent):
    def authenticate(self, request):
        token = request.META.get("HTTP_AUTHORIZATION", "").split()[-1]
        if token == "geldig-oidc-token":
            return consulent, token
        from rest_framework.exceptions import AuthenticationFailed

        raise AuthenticationFailed("invalid_token")

    monkeypatch.setattr(oidc_drf.OIDCAuthentication, "__init__", lambda self, backend=None: None)
    monkeypatch.setattr(oidc_drf.OIDCAuthentication, "authenticate", authenticate)


def test_a_persons_oidc_token_works_when_the_provider_does_mfa(settings, idp, maak_dossier):
    settings.NS_OIDC_ENABLED = True
    settings.NS_OIDC_MFA_DOOR_IDP = True
    dossier = maak_dossier()
    antwoord = ApiClient("geldig-oidc-token").get(f"/api/v1/dossiers/{dossier.pk}/")
    assert antwoord.status_code == 200
    fout = ApiClient("verlopen-token").get("/api/v1/dossiers/")
    assert fout.status_code == 401 and fout.json()["detail"] == "Dit OIDC-token is ongeldig of verlopen."
    assert Beveiligingsgebeurtenis.objects.filter(actie="api_oidc_geweigerd").exists()


@pytest.mark.parametrize("sso,mfa", [(False, False), (True, False), (False, True)])
def test_no_oidc_tokens_without_sso_or_without_mfa_at_the_provider(settings, idp, sso, mfa):
    settings.NS_OIDC_ENABLED = sso
    settings.NS_OIDC_MFA_DOOR_IDP = mfa
    assert ApiClient("geldig-oidc-token").get("/api/v1/dossiers/").status_code == 401
