"""Single sign-on (OpenID Connect): the claim → user/role/team mapping and the login flow, no network."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from nieuwestart.accounts.models import Rol, Team, User
from nieuwestart.accounts.oidc import NieuweStartOIDCBackend, rollen_uit_claims
from nieuwestart.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db

ROLLEN = {"GG-NS-Consulenten": "consulent", "GG-NS-Teamleiders": "teamleider", "GG-Fout": "bestaat_niet"}


@pytest.fixture
def oidc(settings):
    settings.NS_OIDC_ENABLED = True
    settings.NS_OIDC_MFA_DOOR_IDP = False
    settings.NS_OIDC_ROLLEN = ROLLEN
    settings.NS_OIDC_GROEPEN_CLAIM = "groups"
    settings.NS_OIDC_TEAMS_CLAIM = "teams"
    settings.NS_OIDC_GEBRUIKERSNAAM_CLAIM = "preferred_username"
    settings.OIDC_RP_CLIENT_ID = "nieuwestart"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.gemeente.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.gemeente.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.gemeente.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.gemeente.example/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "nieuwestart.accounts.oidc.NieuweStartOIDCBackend"]
    return settings


def claims(**extra):
    return {"sub": "abc-123", "preferred_username": "s.devries", "email": "s.devries@gemeente.example",
            "given_name": "Sanne", "family_name": "de Vries", "groups": ["GG-NS-Consulenten", "GG-Andere"],
            "teams": ["Team Noord"]} | extra


def test_groups_map_to_roles_and_unknown_or_unmapped_groups_are_ignored(oidc):
    assert rollen_uit_claims(claims()) == {"consulent"}
    assert rollen_uit_claims(claims(groups=["GG-NS-Consulenten", "GG-NS-Teamleiders", "GG-Fout"])) == {"consulent", "teamleider"}
    assert rollen_uit_claims(claims(groups="GG-NS-Teamleiders")) == {"teamleider"}
    assert rollen_uit_claims({"preferred_username": "x"}) == set()


def test_a_new_user_is_created_with_roles_and_teams_from_the_claims(oidc, team):
    backend = NieuweStartOIDCBackend()
    assert backend.verify_claims(claims()) and not backend.verify_claims({"email": "x@y"})
    assert not backend.filter_users_by_claims(claims()).exists()
    user = backend.create_user(claims())
    user = User.objects.get(pk=user.pk)
    assert (user.username, user.first_name, user.last_name, user.email) == ("s.devries", "Sanne", "de Vries", "s.devries@gemeente.example")
    assert not user.has_usable_password()
    assert user.rollen == {"consulent"}
    assert list(user.teams.all()) == [team]


def test_an_existing_user_follows_the_idp_for_roles_but_keeps_other_groups(oidc, team, ander_team):
    user = maak_gebruiker("s.devries", Rol.CONSULENT, Rol.AUDITOR, teams=[ander_team])
    extra = Group.objects.create(name="nieuwsbrief")
    user.groups.add(extra)
    backend = NieuweStartOIDCBackend()
    gevonden = backend.filter_users_by_claims(claims(groups=["GG-NS-Teamleiders"]))
    assert list(gevonden) == [user]
    backend.update_user(gevonden[0], claims(groups=["GG-NS-Teamleiders"]))
    user = User.objects.get(pk=user.pk)
    assert user.rollen == {"teamleider", "nieuwsbrief"}
    assert list(user.teams.all()) == [team]


def test_without_a_role_map_or_team_claim_local_roles_and_teams_stay(oidc, ander_team):
    oidc.NS_OIDC_ROLLEN = {}
    oidc.NS_OIDC_TEAMS_CLAIM = ""
    user = maak_gebruiker("s.devries", Rol.AUDITOR, teams=[ander_team])
    NieuweStartOIDCBackend().update_user(user, claims())
    user = User.objects.get(pk=user.pk)
    assert user.rollen == {"auditor"} and list(user.teams.all()) == [ander_team]


def test_teams_unknown_here_are_not_created(oidc, team):
    user = NieuweStartOIDCBackend().create_user(claims(teams=["Team Noord", "Team Onbekend"]))
    assert list(user.teams.all()) == [team]
    assert not Team.objects.filter(naam="Team Onbekend").exists()


def test_the_login_page_offers_the_organisation_account_only_when_switched_on(client, oidc):
    assert "Inloggen met uw organisatieaccount" in client.get(reverse("login")).content.decode()
    oidc.NS_OIDC_ENABLED = False
    assert "organisatieaccount" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("accounts:oidc_start"))["Location"] == reverse("login")


def test_the_button_sends_the_browser_to_the_idp_with_state_nonce_and_pkce(client, oidc):
    antwoord = client.get(reverse("accounts:oidc_start"), {"next": "/werkvoorraad/"})
    assert antwoord.status_code == 302
    url = urlparse(antwoord["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://idp.gemeente.example/authorize"
    query = parse_qs(url.query)
    assert query["client_id"] == ["nieuwestart"] and query["response_type"] == ["code"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"] and query["state"] and query["nonce"]


def _via_idp_inloggen(client, monkeypatch, team):
    """The full code flow, with the three calls to the IdP replaced by fakes."""
    start = client.get(reverse("accounts:oidc_start"), {"next": "/werkvoorraad/"})
    query = parse_qs(urlparse(start["Location"]).query)
    monkeypatch.setattr(NieuweStartOIDCBackend, "get_token", lambda self, payload: {"id_token": "i", "access_token": "a"})
    monkeypatch.setattr(NieuweStartOIDCBackend, "verify_token", lambda self, token, **kw: {"nonce": query["nonce"][0]})
    monkeypatch.setattr(NieuweStartOIDCBackend, "get_userinfo", lambda self, a, i, p: claims())
    return client.get(reverse("accounts:oidc_callback"), {"code": "c", "state": query["state"][0]})


def test_after_single_sign_on_the_local_second_factor_still_applies(client, oidc, monkeypatch, team):
    terug = _via_idp_inloggen(client, monkeypatch, team)
    assert terug.status_code == 302 and terug["Location"] == "/werkvoorraad/"
    assert User.objects.get(username="s.devries").rollen == {"consulent"}
    antwoord = client.get("/werkvoorraad/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("accounts:mfa_instellen"))


def test_when_the_idp_does_mfa_the_local_second_factor_is_skipped(client, oidc, monkeypatch, team):
    oidc.NS_OIDC_MFA_DOOR_IDP = True
    _via_idp_inloggen(client, monkeypatch, team)
    assert client.get("/werkvoorraad/").status_code == 200


def test_a_password_session_still_needs_the_local_second_factor_when_the_idp_does_mfa(client_zonder_mfa, oidc, team):
    oidc.NS_OIDC_MFA_DOOR_IDP = True
    user = maak_gebruiker("lokaal", Rol.CONSULENT, teams=[team])
    client_zonder_mfa.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client_zonder_mfa.get("/werkvoorraad/").status_code == 302


def test_a_failed_idp_login_shows_a_dutch_message(client, oidc):
    html = client.get(reverse("login"), {"sso": "mislukt"}).content.decode()
    assert "Inloggen met uw organisatieaccount is niet gelukt" in html


def _instellingen_uit_omgeving(**omgeving):
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.AUTHENTICATION_BACKENDS[-1], s.OIDC_RP_CLIENT_ID, s.OIDC_RP_SIGN_ALGO, s.NS_OIDC_ROLLEN)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NS_OIDC")}
    env |= {"DJANGO_SETTINGS_MODULE": "nieuwestart.conf.test", **omgeving}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          cwd=settings.BASE_DIR)


def test_single_sign_on_is_switched_on_by_the_environment():
    uit = _instellingen_uit_omgeving(
        NS_OIDC_ENABLED="true", NS_OIDC_CLIENT_ID="ns", NS_OIDC_CLIENT_SECRET="s",
        NS_OIDC_AUTHORIZATION_ENDPOINT="https://idp.example/a", NS_OIDC_TOKEN_ENDPOINT="https://idp.example/t",
        NS_OIDC_USERINFO_ENDPOINT="https://idp.example/u", NS_OIDC_JWKS_ENDPOINT="https://idp.example/j",
        NS_OIDC_ROLLEN='{"GG-A": "consulent"}',
    )
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip().split(maxsplit=3) == [
        "nieuwestart.accounts.oidc.NieuweStartOIDCBackend", "ns", "RS256", "{'GG-A': 'consulent'}"]


def test_single_sign_on_without_its_settings_refuses_to_start():
    uit = _instellingen_uit_omgeving(NS_OIDC_ENABLED="true", NS_OIDC_CLIENT_ID="ns")
    assert uit.returncode != 0 and "NS_OIDC_CLIENT_SECRET is niet gezet" in uit.stderr
