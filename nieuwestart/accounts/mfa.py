"""The second factor (BIO: MFA for an internet-reachable service), built on django-otp.

Every user has one TOTP device (an authenticator app) and one static device holding
one-time recovery codes. This module holds the rules; the views only show them.
No crypto or OTP maths here: keys, codes and throttling all come from django-otp.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from enum import Enum

import segno
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import DEVICE_ID_SESSION_KEY, login as otp_login, verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_NAAM = "Authenticator-app"
HERSTEL_NAAM = "Herstelcodes"
OIDC_BACKEND = "nieuwestart.accounts.oidc.NieuweStartOIDCBackend"
# Fixed salt for the demo key (manage.py demo_mfa, DEBUG only): never a real secret.
DEMO_ZOUT = "nieuwestart-demo-mfa-v1"


class Uitkomst(Enum):
    GOED = "goed"
    FOUT = "fout"
    TE_VAAK = "te_vaak"


@dataclass(frozen=True)
class Controle:
    uitkomst: Uitkomst
    herstelcode_gebruikt: bool = False


# --- state of a session ----------------------------------------------------------------------

def is_geverifieerd(request) -> bool:
    """True when this session passed the second factor (or the IdP did it, see below)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return mfa_door_idp(request)


def mfa_door_idp(request) -> bool:
    """An OIDC session when the municipality's IdP enforces MFA (NS_OIDC_MFA_DOOR_IDP)."""
    return bool(
        settings.NS_OIDC_ENABLED
        and settings.NS_OIDC_MFA_DOOR_IDP
        and request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND
    )


def heeft_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def app_van(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def herstelcodes_over(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- enrolment -------------------------------------------------------------------------------

def nieuwe_app(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user; a fresh key each new enrolment)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=False)
    return device


def geheim_in_groepen(device: TOTPDevice) -> str:
    """The base32 secret the way a person types it: groups of four."""
    from base64 import b32encode

    geheim = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(geheim[i:i + 4] for i in range(0, len(geheim), 4))


def qr_svg(device: TOTPDevice, label: str) -> str:
    """The otpauth:// URI as an inline SVG QR code (segno), with an accessible name."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="ns-qr", lineclass=None,
    )
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{_attribuut(label)}" ', 1))


def _attribuut(tekst: str) -> str:
    from django.utils.html import escape

    return escape(str(tekst))


def bevestig_app(request, device: TOTPDevice, code: str) -> "Uitkomst":
    """Confirm the new device with its first code; the session is then verified."""
    code = normaliseer(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
        if device.confirmed:
            return Uitkomst.FOUT
        if not device.verify_is_allowed()[0]:
            return Uitkomst.TE_VAAK
        if not (code.isdigit() and device.verify_token(code)):
            return Uitkomst.FOUT
        # Only one app per user: an older confirmed one (after a reset) is replaced.
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return Uitkomst.GOED


def maak_herstelcodes(user) -> list[str]:
    """A new set of one-time recovery codes; any older set stops working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=HERSTEL_NAAM, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.NS_MFA_HERSTELCODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


# --- verification ----------------------------------------------------------------------------

def normaliseer(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def controleer_code(request, code: str) -> Controle:
    """Check a TOTP code (digits) or a recovery code (letters and digits) for request.user.

    django-otp throttles each device after a wrong code (exponential back-off) and removes
    a recovery code once used.
    """
    user = request.user
    code = normaliseer(code)
    if not code:
        return Controle(Uitkomst.FOUT)
    if re.fullmatch(r"\d{6}", code):
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        herstel = False
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
        herstel = True
    if not devices:
        return Controle(Uitkomst.FOUT)
    geblokkeerd = True
    for device in devices:
        toegestaan, _ = device.verify_is_allowed()
        if not toegestaan:
            continue
        geblokkeerd = False
        geaccepteerd = verify_token(user, device.persistent_id, code)
        if geaccepteerd is not None:
            otp_login(request, geaccepteerd)
            return Controle(Uitkomst.GOED, herstelcode_gebruikt=herstel)
    return Controle(Uitkomst.TE_VAAK if geblokkeerd else Uitkomst.FOUT)


def markeer_geverifieerd(session, device) -> None:
    """Store in a session (e.g. a test client's) that this device verified it."""
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id


# --- demo ------------------------------------------------------------------------------------

def demo_sleutel(username: str) -> str:
    """A hex TOTP key derived from the username and a fixed, public demo salt (DEBUG only)."""
    return hashlib.sha256(f"{DEMO_ZOUT}:{username}".encode()).digest()[:20].hex()


def huidige_code(device: TOTPDevice, *, volgende_vrije: bool = False) -> str:
    """The code an authenticator app shows now for this device.

    With ``volgende_vrije`` the first code the device still accepts (django-otp refuses a
    code of a time step already used), for tests that log in twice within 30 seconds.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if volgende_vrije and totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
    return f"{totp.token():0{device.digits}d}"
