"""Login throttling (django-axes), session expiry and the security headers."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebruiker(team):
    return maak_gebruiker("inlogger", Rol.CONSULENT, teams=[team])


def inloggen(client, wachtwoord):
    return client.post(reverse("login"), {"username": "inlogger", "password": wachtwoord})


def test_five_wrong_passwords_lock_the_login_for_thirty_minutes_with_a_dutch_page(client_zonder_mfa, gebruiker):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)
    for _ in range(4):
        antwoord = inloggen(client_zonder_mfa, "fout-wachtwoord")
        assert antwoord.status_code == 200
        assert "Uw gebruikersnaam of wachtwoord klopt niet" in antwoord.content.decode()
    antwoord = inloggen(client_zonder_mfa, "fout-wachtwoord")
    assert antwoord.status_code == 429
    html = antwoord.content.decode()
    assert "U kunt even niet inloggen." in html and "over 30 minuten opnieuw" in html
    assert '<h1 class="utrecht-heading-1">Inloggen</h1>' in html  # the login page, not a bare text

    # Locked: even the right password does not work now.
    antwoord = inloggen(client_zonder_mfa, "Test-wachtwoord-123")
    assert antwoord.status_code == 429
    assert "_auth_user_id" not in client_zonder_mfa.session


def test_the_lockout_ends_after_the_cool_off(client_zonder_mfa, gebruiker, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        inloggen(client_zonder_mfa, "fout")
    assert inloggen(client_zonder_mfa, "Test-wachtwoord-123").status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=31))
    antwoord = inloggen(client_zonder_mfa, "Test-wachtwoord-123")
    assert antwoord.status_code == 302


def test_a_good_login_resets_the_count(client_zonder_mfa, gebruiker):
    for _ in range(3):
        inloggen(client_zonder_mfa, "fout")
    assert inloggen(client_zonder_mfa, "Test-wachtwoord-123").status_code == 302
    assert not AccessAttempt.objects.filter(username="inlogger", failures_since_start__gt=0).exists()


def test_sessions_end_after_thirty_minutes_of_inactivity_and_when_the_browser_closes(client, gebruiker):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    client.force_login(gebruiker)
    antwoord = client.get(reverse("dossiers:werkvoorraad"))
    cookie = antwoord.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert 29 * 60 < client.session.get_expiry_age() <= 30 * 60


def test_an_expired_session_sends_the_user_to_the_login_page(client, gebruiker):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(gebruiker)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    antwoord = client.get(reverse("dossiers:werkvoorraad"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def test_the_inactivity_time_comes_from_the_environment():
    import os
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_COOKIE_AGE, settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME)"
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "nieuwestart.conf.test", "NS_SESSIE_MINUTEN": "15",
                        "NS_LOGIN_MAX_POGINGEN": "3", "NS_LOGIN_BLOKKADE_MINUTEN": "60"}
    uit = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=settings.BASE_DIR)
    assert uit.stdout.split() == ["900", "3", "1:00:00"]


def test_pages_carry_csp_and_the_other_security_headers(client):
    antwoord = client.get(reverse("login"))
    csp = antwoord["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Referrer-Policy"] == "same-origin"
    assert antwoord["Cross-Origin-Opener-Policy"] == "same-origin"
    html = antwoord.content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false}\'>' in html
    assert "<script>" not in html and "style=" not in html
