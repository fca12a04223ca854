"""Done-means of the access-control issue, as one story through the test client:
the functioneel beheerder creates a user, who enrols MFA, sets a password, sees only their
team's dossiers — and every read appears in the auditor's view."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from nieuwestart.accounts.models import Rol, User
from nieuwestart.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db


def test_new_user_story(client, client_zonder_mfa, beheerder, team, ander_team, maak_dossier, totp_code):
    eigen = maak_dossier(achternaam="Eigenteam")
    ander = maak_dossier(achternaam="Anderteam", team_=ander_team)

    # 1. The functioneel beheerder creates the account; the one-time password is shown once.
    client.force_login(beheerder)
    antwoord = client.post(reverse("accounts:gebruiker_nieuw"), {
        "username": "nieuw", "first_name": "Noa", "last_name": "Kok", "email": "",
        "rollen": ["consulent"], "teams": [team.pk],
    })
    wachtwoord = re.search(r'id="eenmalig-wachtwoord">([^<]+)<', antwoord.content.decode()).group(1)
    nieuw = User.objects.get(username="nieuw")
    assert nieuw.moet_wachtwoord_wijzigen and nieuw.heeft_rol(Rol.CONSULENT)
    assert wachtwoord not in str(list(__import__("nieuwestart.logboek.models", fromlist=["x"]).Beveiligingsgebeurtenis.objects.values()))

    # 2. First login: password, then MFA enrolment, then a password of their own.
    c = client_zonder_mfa
    assert c.post(reverse("login"), {"username": "nieuw", "password": wachtwoord})["Location"].startswith("/")
    assert "/mfa/instellen/" in c.get(reverse("dossiers:werkvoorraad"))["Location"]
    c.get(reverse("accounts:mfa_instellen"))
    device = TOTPDevice.objects.get(user=nieuw)
    herstel = c.post(reverse("accounts:mfa_instellen"), {"code": totp_code(device)})
    assert "/mfa/herstelcodes/" in herstel["Location"]
    assert c.get(reverse("dossiers:werkvoorraad"))["Location"] == reverse("accounts:wachtwoord_wijzigen")
    c.post(reverse("accounts:wachtwoord_wijzigen"), {
        "old_password": wachtwoord, "new_password1": "Een-eigen-Wachtwoord-42", "new_password2": "Een-eigen-Wachtwoord-42",
    })
    nieuw.refresh_from_db()
    assert not nieuw.moet_wachtwoord_wijzigen

    # 3. Only the own team's dossiers.
    lijst = c.get(reverse("dossiers:werkvoorraad"), {"reikwijdte": "team"}).content.decode()
    assert "Eigenteam" in lijst and "Anderteam" not in lijst
    assert c.get(reverse("dossiers:detail", args=[eigen.pk])).status_code == 200
    assert "/doorbreken/" in c.get(reverse("dossiers:detail", args=[ander.pk]))["Location"]

    # 4. The auditor sees the read of the dossier, by whom.
    auditor = maak_gebruiker("auditor", Rol.AUDITOR)
    client.force_login(auditor)
    rapport = client.get(reverse("logboek:dossier"), {"dossiernummer": eigen.dossiernummer}).content.decode()
    assert "Dossier bekeken" in rapport and "Noa Kok" in rapport


def test_only_the_functioneel_beheerder_manages_users(client, consulent):
    client.force_login(consulent)
    assert client.get(reverse("accounts:gebruikers")).status_code == 403


def test_a_consulent_needs_a_team_and_usernames_are_unique(client, beheerder, consulent):
    client.force_login(beheerder)
    html = client.post(reverse("accounts:gebruiker_nieuw"), {
        "username": "Consulent", "first_name": "A", "last_name": "B", "rollen": ["consulent"],
    }).content.decode()
    assert "bestaat al" in html and "minstens één team" in html


def test_lost_phone_the_beheerder_resets_the_second_step(client, beheerder, consulent):
    from nieuwestart.conftest import geef_app
    from nieuwestart.logboek.models import Beveiligingsgebeurtenis

    geef_app(consulent)
    client.force_login(beheerder)
    client.post(reverse("accounts:gebruiker_bewerken", args=[consulent.pk]), {"actie": "mfa_resetten"})
    assert not TOTPDevice.objects.filter(user=consulent).exists()
    assert Beveiligingsgebeurtenis.objects.filter(actie="mfa_gereset", object_id="consulent").exists()
