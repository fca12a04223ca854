"""MFA for every logged-in user: no page (admin included) until this session passed the second factor.

Runs after django-otp's OTPMiddleware (which reads the verified device from the session)
and after LoginRequiredMiddleware (anonymous users go to the login page first).
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from . import mfa

# Views a logged-in but not yet verified user may reach.
VRIJGESTELD = frozenset({
    "login",
    "logout",
    "accounts:mfa_instellen",
    "accounts:mfa_controleren",
    "accounts:mfa_herstelcodes",
    "accounts:oidc_start",
    "accounts:oidc_callback",
})


class MfaVerplichtMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in VRIJGESTELD:
            return None
        if mfa.is_geverifieerd(request):
            if getattr(request.user, "moet_wachtwoord_wijzigen", False) and (
                match is None or match.view_name != "accounts:wachtwoord_wijzigen"
            ):
                # A one-time password from the functioneel beheerder is replaced before anything else.
                return redirect("accounts:wachtwoord_wijzigen")
            return None
        doel = "accounts:mfa_controleren" if mfa.heeft_app(request.user) else "accounts:mfa_instellen"
        htmx = getattr(request, "htmx", None)
        # After the check, go back to the page (for htmx: the page, not the fragment).
        terug = (htmx.current_url_abs_path if htmx else None) or request.get_full_path()
        url = f"{reverse(doel)}?{urlencode({'next': terug})}"
        return HttpResponseClientRedirect(url) if htmx else redirect(url)
