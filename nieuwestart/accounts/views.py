"""Login, the second factor (enrol, check, recovery codes) and the lockout page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.cache import never_cache

from nieuwestart.toegang.regels import INGELOGD, vereist

from . import beveiligingslog, mfa
from .forms import AppBevestigenForm, CodeControlerenForm

HERSTELCODES_SESSIE = "ns_herstelcodes_tonen"


def _volgende(request) -> str:
    """The safe `next` URL (same host only), else the start page after login."""
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _met_volgende(naam: str, volgende: str) -> str:
    return f"{reverse(naam)}?{urlencode({'next': volgende})}"


def _login_context(request) -> dict:
    return {
        "oidc_aan": settings.NS_OIDC_ENABLED,
        "oidc_knop": settings.NS_OIDC_KNOP_TEKST or _("Inloggen met uw organisatieaccount"),
        "sso_mislukt": request.GET.get("sso") == "mislukt",
    }


class InlogView(LoginView):
    """Django's LoginView plus the optional single sign-on button."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | _login_context(self.request)


def vergrendeld(request, original_response=None, credentials=None):
    """django-axes lockout: the login page with a Dutch message, HTTP 429."""
    beveiligingslog.vergrendeld(request, str((credentials or {}).get("username") or request.POST.get("username", "")))
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": AuthenticationForm(request),
        "vergrendeld": True,
        "minuten": minuten,
        "next": _volgende(request) if (request.POST.get("next") or request.GET.get("next")) else "",
    } | _login_context(request)
    return render(request, "registration/login.html", context, status=429)


@vereist(INGELOGD)
@never_cache
def mfa_instellen(request):
    """First login: link an authenticator app (QR code or typed secret), confirm with a code."""
    volgende = _volgende(request)
    if mfa.is_geverifieerd(request):
        return redirect(volgende)
    if mfa.heeft_app(request.user):
        # A second app only after the check: a password alone never adds a device.
        return redirect(_met_volgende("accounts:mfa_controleren", volgende))
    device = mfa.nieuwe_app(request.user)
    form = AppBevestigenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        uitkomst = mfa.bevestig_app(request, device, form.cleaned_data["code"])
        beveiligingslog.mfa_gebeurtenis(request, actie="mfa_app_gekoppeld", gelukt=uitkomst is mfa.Uitkomst.GOED)
        if uitkomst is mfa.Uitkomst.GOED:
            request.session.cycle_key()
            request.session[HERSTELCODES_SESSIE] = mfa.maak_herstelcodes(request.user)
            return redirect(_met_volgende("accounts:mfa_herstelcodes", volgende))
        form.add_error("code", _fout(uitkomst))
        form.full_clean_aria("code")
    return render(request, "accounts/mfa_instellen.html", {
        "form": form,
        "next": volgende,
        "qr": mfa.qr_svg(device, _("QR-code om de app te koppelen")),
        "geheim": mfa.geheim_in_groepen(device),
        "uitgever": settings.OTP_TOTP_ISSUER,
    })


@vereist(INGELOGD)
@never_cache
def mfa_herstelcodes(request):
    """The recovery codes, shown exactly once after they were made."""
    volgende = _volgende(request)
    codes = request.session.pop(HERSTELCODES_SESSIE, None)
    if not codes:
        return redirect(volgende)
    return render(request, "accounts/mfa_herstelcodes.html", {"codes": codes, "next": volgende})


@vereist(INGELOGD)
@never_cache
def mfa_controleren(request):
    """Every login: a code from the app, or one recovery code."""
    volgende = _volgende(request)
    if mfa.is_geverifieerd(request):
        return redirect(volgende)
    if not mfa.heeft_app(request.user):
        return redirect(_met_volgende("accounts:mfa_instellen", volgende))
    form = CodeControlerenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        controle = mfa.controleer_code(request, form.cleaned_data["code"])
        beveiligingslog.mfa_gebeurtenis(
            request, actie="mfa_herstelcode" if controle.herstelcode_gebruikt else "mfa_code",
            gelukt=controle.uitkomst is mfa.Uitkomst.GOED,
        )
        if controle.uitkomst is mfa.Uitkomst.GOED:
            request.session.cycle_key()
            if controle.herstelcode_gebruikt:
                # Probably a lost phone: show what is left and how to make new codes.
                over = mfa.herstelcodes_over(request.user)
                messages.warning(request, ngettext(
                    "U heeft een herstelcode gebruikt. U heeft nog %(aantal)d herstelcode over.",
                    "U heeft een herstelcode gebruikt. U heeft nog %(aantal)d herstelcodes over.",
                    over,
                ) % {"aantal": over})
                return redirect(_met_volgende("accounts:beveiliging", volgende))
            return redirect(volgende)
        form.add_error("code", _fout(controle.uitkomst))
        form.full_clean_aria("code")
    return render(request, "accounts/mfa_controleren.html", {"form": form, "next": volgende})


@vereist(INGELOGD)
@never_cache
def beveiliging(request):
    """The user's own second factor: since when, how many recovery codes left, make new ones."""
    volgende = _volgende(request)
    if request.method == "POST":
        request.session[HERSTELCODES_SESSIE] = mfa.maak_herstelcodes(request.user)
        beveiligingslog.mfa_gebeurtenis(request, actie="mfa_herstelcodes_vernieuwd", gelukt=True)
        return redirect(_met_volgende("accounts:mfa_herstelcodes", volgende))
    return render(request, "accounts/beveiliging.html", {
        "next": volgende,
        "app": mfa.app_van(request.user),
        "herstelcodes_over": mfa.herstelcodes_over(request.user),
        "via_idp": mfa.mfa_door_idp(request),
    })


def _fout(uitkomst) -> str:
    if uitkomst is mfa.Uitkomst.TE_VAAK:
        return _("U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het dan opnieuw.")
    return _("Deze code klopt niet. Controleer de code en probeer het opnieuw.")
