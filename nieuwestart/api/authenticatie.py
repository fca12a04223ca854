"""How a machine client proves who it is: an application token, or an OIDC bearer token.

``Authorization: Bearer ns_<prefix>_<geheim>`` is the token of an API-applicatie (see ``models.py``).
Where single sign-on is configured (``NS_OIDC_ENABLED``) and the identity provider does the second
factor (``NS_OIDC_MFA_DOOR_IDP``), a person's OIDC access token works too: it is checked at the
provider's userinfo endpoint and maps to the same user, roles and teams as the SSO login.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from . import services
from .begrenzing import foute_sleutel_tellen, sleutel_geblokkeerd


def _bearer(request) -> str | None:
    header = authentication.get_authorization_header(request).decode("latin-1", errors="replace").split()
    if len(header) == 2 and header[0].lower() == "bearer":
        return header[1]
    return None


class ApplicatieTokenAuthenticatie(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = _bearer(request)
        if token is None or services.prefix_van(token) is None:
            return None  # not ours: maybe an OIDC token, or no credentials at all
        sleutel_geblokkeerd(request._request)
        app = services.applicatie_voor_token(token)
        if app is None or not app.gebruiker.is_active:
            foute_sleutel_tellen(request._request, actie="api_sleutel_geweigerd", object_id=services.prefix_van(token) or "")
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is onbekend of ingetrokken."))
        services.gebruik_vastleggen(app)
        app.gebruiker.rollen_en_teams_laden()
        return app.gebruiker, app

    def authenticate_header(self, request):
        return 'Bearer realm="nieuwestart"'


def oidc_bearer_aan() -> bool:
    return bool(getattr(settings, "NS_OIDC_ENABLED", False) and getattr(settings, "NS_OIDC_MFA_DOOR_IDP", False))


class OidcBearerAuthenticatie(authentication.BaseAuthentication):
    """A person's OIDC access token (only when SSO is on and the provider does the second factor)."""

    def authenticate(self, request):
        if not oidc_bearer_aan():
            return None
        token = _bearer(request)
        if token is None or services.prefix_van(token) is not None:
            return None
        from mozilla_django_oidc.contrib.drf import OIDCAuthentication
        from requests.exceptions import RequestException

        sleutel_geblokkeerd(request._request)  # before asking the identity provider
        try:
            uitkomst = OIDCAuthentication().authenticate(request)
        except exceptions.AuthenticationFailed:
            uitkomst = None
        except RequestException:
            raise exceptions.AuthenticationFailed(
                _("De inlogdienst (OIDC) is niet bereikbaar. Probeer het later opnieuw.")
            ) from None
        if not uitkomst or not uitkomst[0].is_active:
            foute_sleutel_tellen(request._request, actie="api_oidc_geweigerd")
            raise exceptions.AuthenticationFailed(_("Dit OIDC-token is ongeldig of verlopen."))
        return uitkomst

    def authenticate_header(self, request):
        return 'Bearer realm="nieuwestart"'
