"""The second factor: enforced for every user, enrolment, checking a code, recovery codes."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nieuwestart.accounts import mfa
from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import geef_app, maak_gebruiker

pytestmark = pytest.mark.django_db

WACHTWOORD = "Test-wachtwoord-123"
WERKVOORRAAD = "/werkvoorraad/"


@pytest.fixture
def gebruiker(team):
    return maak_gebruiker("mfa-gebruiker", Rol.CONSULENT, teams=[team])


def inloggen(client, username="mfa-gebruiker", wachtwoord=WACHTWOORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": wachtwoord, **extra})


def geheim_van(html: str) -> bytes:
    geheim = re.search(r'id="geheime-sleutel">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    return b32decode(geheim + "=" * (-len(geheim) % 8))


# --- enforcement -----------------------------------------------------------------------------

def test_a_password_alone_leads_to_enrolment_not_to_the_worklist(client_zonder_mfa, gebruiker):
    antwoord = inloggen(client_zonder_mfa, next=WERKVOORRAAD)
    assert antwoord.status_code == 302 and antwoord["Location"] == WERKVOORRAAD
    antwoord = client_zonder_mfa.get(WERKVOORRAAD)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('accounts:mfa_instellen')}?next=%2Fwerkvoorraad%2F"


def test_a_user_with_an_app_is_asked_for_a_code(client_zonder_mfa, gebruiker):
    geef_app(gebruiker)
    client_zonder_mfa.force_login(gebruiker)
    antwoord = client_zonder_mfa.get(reverse("start"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("accounts:mfa_controleren"))


def test_every_page_is_behind_the_second_factor_also_admin_and_htmx(client_zonder_mfa, gebruiker):
    gebruiker.is_staff = gebruiker.is_superuser = True
    gebruiker.save()
    client_zonder_mfa.force_login(gebruiker)
    assert client_zonder_mfa.get("/admin/").status_code == 302
    assert client_zonder_mfa.get("/admin/")["Location"].startswith(reverse("accounts:mfa_instellen"))
    htmx = client_zonder_mfa.get(WERKVOORRAAD, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/werkvoorraad/?q=x"})
    assert htmx["HX-Redirect"] == f"{reverse('accounts:mfa_instellen')}?next=%2Fwerkvoorraad%2F%3Fq%3Dx"


def test_login_logout_and_the_mfa_pages_stay_reachable(client_zonder_mfa, gebruiker):
    client_zonder_mfa.force_login(gebruiker)
    assert client_zonder_mfa.get(reverse("accounts:mfa_instellen")).status_code == 200
    assert client_zonder_mfa.post(reverse("logout")).status_code == 302
    assert client_zonder_mfa.get(reverse("login")).status_code == 200


def test_the_test_client_fixture_passes_the_second_factor(client, gebruiker):
    client.force_login(gebruiker)
    assert client.get(WERKVOORRAAD).status_code == 200


# --- enrolment -------------------------------------------------------------------------------

def test_enrolment_shows_a_qr_code_and_the_secret_and_is_confirmed_with_a_first_code(client_zonder_mfa, gebruiker):
    inloggen(client_zonder_mfa)
    pagina = client_zonder_mfa.get(reverse("accounts:mfa_instellen"), {"next": WERKVOORRAAD})
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert '<svg role="img" aria-label="QR-code om de app te koppelen"' in html
    assert "no-store" in pagina["Cache-Control"]
    sleutel = geheim_van(html)
    device = TOTPDevice.objects.get(user=gebruiker)
    assert not device.confirmed and device.bin_key == sleutel

    fout = client_zonder_mfa.post(reverse("accounts:mfa_instellen"), {"code": "000000", "next": WERKVOORRAAD})
    assert "Deze code klopt niet" in fout.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # skip the one-second back-off of django-otp
    device.throttling_failure_timestamp = None
    device.save()

    code = f"{totp(sleutel):06d}"
    antwoord = client_zonder_mfa.post(reverse("accounts:mfa_instellen"), {"code": code, "next": WERKVOORRAAD})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('accounts:mfa_herstelcodes')}?next=%2Fwerkvoorraad%2F"
    device.refresh_from_db()
    assert device.confirmed

    # The recovery codes: shown exactly once.
    codes_pagina = client_zonder_mfa.get(antwoord["Location"])
    codes = re.findall(r'ns-herstelcode">([a-z2-7]+)<', codes_pagina.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True))
    assert client_zonder_mfa.get(antwoord["Location"])["Location"] == WERKVOORRAAD

    # The session is now verified.
    assert client_zonder_mfa.get(WERKVOORRAAD).status_code == 200


def test_a_password_alone_can_not_link_a_second_app(client_zonder_mfa, gebruiker):
    geef_app(gebruiker)
    inloggen(client_zonder_mfa)
    antwoord = client_zonder_mfa.get(reverse("accounts:mfa_instellen"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("accounts:mfa_controleren"))
    assert TOTPDevice.objects.filter(user=gebruiker).count() == 1


# --- checking a code at login ----------------------------------------------------------------

def test_login_with_a_code_from_the_app(client_zonder_mfa, gebruiker, totp_code):
    device = geef_app(gebruiker)
    inloggen(client_zonder_mfa)
    url = reverse("accounts:mfa_controleren")
    pagina = client_zonder_mfa.get(url, {"next": WERKVOORRAAD})
    assert 'autocomplete="one-time-code"' in pagina.content.decode()
    antwoord = client_zonder_mfa.post(url, {"code": totp_code(device), "next": WERKVOORRAAD})
    assert antwoord.status_code == 302 and antwoord["Location"] == WERKVOORRAAD
    assert client_zonder_mfa.get(WERKVOORRAAD).status_code == 200


def test_a_wrong_code_is_refused_in_dutch_next_to_the_field(client_zonder_mfa, gebruiker):
    geef_app(gebruiker)
    inloggen(client_zonder_mfa)
    html = client_zonder_mfa.post(reverse("accounts:mfa_controleren"), {"code": "123456"}).content.decode()
    assert 'id="id_code_error"' in html and "Deze code klopt niet" in html
    assert 'aria-invalid="true"' in html
    assert client_zonder_mfa.get(WERKVOORRAAD).status_code == 302


def test_wrong_codes_are_throttled_by_django_otp(client_zonder_mfa, gebruiker, totp_code):
    from datetime import timedelta

    device = geef_app(gebruiker)
    inloggen(client_zonder_mfa)
    url = reverse("accounts:mfa_controleren")
    client_zonder_mfa.post(url, {"code": "111111"})
    # Right after a wrong code even the right code must wait (exponential back-off).
    html = client_zonder_mfa.post(url, {"code": totp_code(device)}).content.decode()
    assert "te vaak een verkeerde code" in html
    device.refresh_from_db()
    assert device.throttling_enabled and device.throttling_failure_count == 1
    # Once the wait is over, the right code is accepted.
    device.throttling_failure_timestamp -= timedelta(seconds=5)
    device.save()
    assert client_zonder_mfa.post(url, {"code": totp_code(device)}).status_code == 302


def test_a_recovery_code_works_once(client_zonder_mfa, gebruiker):
    geef_app(gebruiker)
    codes = mfa.maak_herstelcodes(gebruiker)
    inloggen(client_zonder_mfa)
    url = reverse("accounts:mfa_controleren")
    antwoord = client_zonder_mfa.post(url, {"code": codes[0].upper(), "next": WERKVOORRAAD})
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("accounts:beveiliging"))
    pagina = client_zonder_mfa.get(antwoord["Location"]).content.decode()
    assert "U heeft nog 9 herstelcodes over." in pagina
    assert mfa.herstelcodes_over(gebruiker) == 9

    client_zonder_mfa.post(reverse("logout"))
    inloggen(client_zonder_mfa)
    html = client_zonder_mfa.post(url, {"code": codes[0]}).content.decode()
    assert "Deze code klopt niet" in html
    assert client_zonder_mfa.get(WERKVOORRAAD).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, gebruiker):
    oud = mfa.maak_herstelcodes(gebruiker)
    client.force_login(gebruiker)
    antwoord = client.post(reverse("accounts:beveiliging"))
    nieuw = re.findall(r'ns-herstelcode">([a-z2-7]+)<', client.get(antwoord["Location"]).content.decode())
    assert len(nieuw) == 10
    tokens = set(StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True))
    assert tokens == set(nieuw) and not tokens & set(oud)


def test_next_is_only_followed_to_this_site(client_zonder_mfa, gebruiker, totp_code):
    device = geef_app(gebruiker)
    inloggen(client_zonder_mfa)
    antwoord = client_zonder_mfa.post(reverse("accounts:mfa_controleren"),
                                      {"code": totp_code(device), "next": "https://evil.example/"})
    assert antwoord["Location"] == reverse("dossiers:werkvoorraad")


def test_the_second_factor_belongs_to_one_session(client_zonder_mfa, gebruiker, totp_code):
    from django.test import Client

    device = geef_app(gebruiker)
    inloggen(client_zonder_mfa)
    client_zonder_mfa.post(reverse("accounts:mfa_controleren"), {"code": totp_code(device)})
    ander = Client()
    inloggen(ander)
    assert ander.get(WERKVOORRAAD).status_code == 302
