"""Login, logout, lockout and MFA events land in the security log, without secrets."""

import pytest
from django.urls import reverse

from nieuwestart.logboek.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db


def acties():
    return list(Beveiligingsgebeurtenis.objects.order_by("volgnummer").values_list("actie", "resultaat", "actor_naam"))


def test_failed_and_successful_password_login_are_logged_without_the_password(client_zonder_mfa, consulent):
    client_zonder_mfa.post(reverse("login"), {"username": "consulent", "password": "fout-wachtwoord-1"})
    client_zonder_mfa.post(reverse("login"), {"username": "consulent", "password": "Test-wachtwoord-123"})
    gelogd = acties()
    assert ("inloggen_wachtwoord", "GEWEIGERD", "consulent") in gelogd
    assert any(a == "inloggen_wachtwoord" and r == "GELUKT" for a, r, _n in gelogd)
    for rij in Beveiligingsgebeurtenis.objects.values():
        assert "fout-wachtwoord-1" not in str(rij) and "Test-wachtwoord-123" not in str(rij)


def test_a_wrong_mfa_code_is_logged_as_refused(client_zonder_mfa, consulent):
    from nieuwestart.conftest import geef_app

    geef_app(consulent)
    client_zonder_mfa.post(reverse("login"), {"username": "consulent", "password": "Test-wachtwoord-123"})
    client_zonder_mfa.post(reverse("accounts:mfa_controleren"), {"code": "000000"})
    assert ("mfa_code", "GEWEIGERD") in [(a, r) for a, r, _n in acties()]
