"""Optional single sign-on with the municipality's identity provider (OpenID Connect).

Off unless NS_OIDC_ENABLED=true (see docs/authenticatie.md). mozilla-django-oidc does the
protocol (code flow with PKCE, state, nonce, token signature); this module only decides
who the user is here and which roles and teams follow from the IdP's groups.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from nieuwestart.toegang.regels import openbaar

from .models import Rol, Team

logger = logging.getLogger(__name__)


def als_lijst(waarde) -> list[str]:
    """A claim may hold one string, a list, or nothing."""
    if waarde is None:
        return []
    if isinstance(waarde, str):
        return [waarde]
    return [str(w) for w in waarde]


def rollen_uit_claims(claims: dict) -> set[str]:
    """The Rol codes the IdP's groups map to (NS_OIDC_ROLLEN: {"IdP-groep": "rolcode"})."""
    geldig = set(Rol.values)
    rollen = set()
    for groep in als_lijst(claims.get(settings.NS_OIDC_GROEPEN_CLAIM)):
        rol = settings.NS_OIDC_ROLLEN.get(groep)
        if rol in geldig:
            rollen.add(rol)
        elif rol is not None:
            logger.warning("NS_OIDC_ROLLEN koppelt groep %r aan onbekende rol %r", groep, rol)
    return rollen


def teams_uit_claims(claims: dict) -> list[Team] | None:
    """Existing teams named in NS_OIDC_TEAMS_CLAIM; None when that claim is not configured."""
    claim = settings.NS_OIDC_TEAMS_CLAIM
    if not claim:
        return None
    namen = set(als_lijst(claims.get(claim)))
    teams = list(Team.objects.filter(naam__in=namen))
    onbekend = namen - {t.naam for t in teams}
    if onbekend:
        logger.warning("Teams uit de IdP bestaan hier niet (eerst aanmaken): %s", sorted(onbekend))
    return teams


class NieuweStartOIDCBackend(OIDCAuthenticationBackend):
    """Finds or creates the user by username claim and keeps roles and teams in step with the IdP."""

    def gebruikersnaam(self, claims: dict) -> str:
        return str(claims.get(settings.NS_OIDC_GEBRUIKERSNAAM_CLAIM) or "").strip()

    def verify_claims(self, claims):
        return bool(self.gebruikersnaam(claims))

    def filter_users_by_claims(self, claims):
        naam = self.gebruikersnaam(claims)
        if not naam:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=naam)

    def describe_user_by_claims(self, claims):
        return f"gebruikersnaam {self.gebruikersnaam(claims)}"

    def create_user(self, claims):
        naam = self.gebruikersnaam(claims)
        if not naam:
            raise SuspiciousOperation("Geen gebruikersnaam in de claims")
        user = self.UserModel(username=naam)
        user.set_unusable_password()  # logs in through the IdP only
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.email = str(claims.get("email") or user.email)[:254]
        user.save()
        koppel_rollen_en_teams(user, claims)
        return user


def koppel_rollen_en_teams(user, claims: dict) -> None:
    """The IdP decides the roles when NS_OIDC_ROLLEN is set, the teams when NS_OIDC_TEAMS_CLAIM is.

    Only groups named after a Rol are touched: other groups the functioneel beheerder gave stay.
    """
    if settings.NS_OIDC_ROLLEN:
        gewenst = rollen_uit_claims(claims)
        rolgroepen = Group.objects.filter(name__in=Rol.values)
        user.groups.remove(*[g for g in rolgroepen if g.name not in gewenst])
        user.groups.add(*[g for g in rolgroepen if g.name in gewenst])
        if hasattr(user, "_rollen"):
            del user._rollen
    teams = teams_uit_claims(claims)
    if teams is not None:
        user.teams.set(teams)


@openbaar
def oidc_start(request):
    """Send the browser to the IdP (mozilla-django-oidc: state, nonce, PKCE)."""
    if not settings.NS_OIDC_ENABLED:
        return redirect("login")  # single sign-on is off: the normal login page
    return OIDCAuthenticationRequestView.as_view()(request)


@openbaar
def oidc_callback(request):
    """The IdP sends the browser back here with a code; on success the user is logged in."""
    if not settings.NS_OIDC_ENABLED:
        return redirect("login")
    return OIDCAuthenticationCallbackView.as_view()(request)
