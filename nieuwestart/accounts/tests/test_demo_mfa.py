"""manage.py demo_mfa: a known key for the demo, only with DEBUG."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from nieuwestart.accounts import mfa
from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db


def test_refused_without_debug(consulent, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_mfa", "consulent")
    assert not TOTPDevice.objects.exists()


def test_gives_a_deterministic_key_and_prints_uri_and_code_that_log_in(client_zonder_mfa, team, settings):
    settings.DEBUG = True
    maak_gebruiker("demo", Rol.CONSULENT, teams=[team])
    uit = StringIO()
    call_command("demo_mfa", "demo", stdout=uit)
    tekst = uit.getvalue()
    device = TOTPDevice.objects.get(user__username="demo")
    assert device.confirmed and device.key == mfa.demo_sleutel("demo") != mfa.demo_sleutel("ander")
    assert "otpauth://totp/Nieuwe%20Start%3Ademo?secret=" in tekst
    code = re.search(r"Code op dit moment: (\d{6})", tekst).group(1)

    call_command("demo_mfa", "demo", stdout=StringIO())  # again: same key, still one device
    assert TOTPDevice.objects.filter(user__username="demo").count() == 1

    alleen = StringIO()
    call_command("demo_mfa", "demo", "--code", stdout=alleen)
    # The same code, or the next one if a 30-second step just passed.
    assert alleen.getvalue().strip() in {code, mfa.huidige_code(device, volgende_vrije=True)}

    client_zonder_mfa.post(reverse("login"), {"username": "demo", "password": "Test-wachtwoord-123"})
    antwoord = client_zonder_mfa.post(reverse("accounts:mfa_controleren"), {"code": code})
    assert antwoord.status_code == 302 and client_zonder_mfa.get("/werkvoorraad/").status_code == 200


def test_code_only_needs_the_demo_key_first(consulent, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="eerst"):
        call_command("demo_mfa", "consulent", "--code")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("demo_mfa", "niemand")
