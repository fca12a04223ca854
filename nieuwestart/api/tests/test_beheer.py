"""The functioneel beheerder manages API-applicaties: the token is shown once, only its hash is kept."""

import re

import pytest
from django.urls import reverse

from nieuwestart.api.models import ApiApplicatie
from nieuwestart.api.services import token_hash
from nieuwestart.logboek.models import Beveiligingsgebeurtenis

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def sleutel_uit(antwoord) -> str:
    return re.search(r'id="api-sleutel">([^<]+)<', antwoord.content.decode()).group(1)


def test_create_use_renew_and_revoke_an_application(client, beheerder, team, maak_dossier):
    maak_dossier()
    client.force_login(beheerder)
    antwoord = client.post(reverse("api_applicaties:nieuw"), {
        "naam": "Klantportaal", "omschrijving": "Stand van zaken voor inwoners", "rollen": ["consulent"],
        "teams": [team.pk], "scopes": ["dossiers:lezen"],
    })
    assert antwoord.status_code == 200
    token = sleutel_uit(antwoord)
    app = ApiApplicatie.objects.get(naam="Klantportaal")
    assert app.token_sha256 == token_hash(token) and app.gebruiker.rollen == {"consulent"}
    assert not app.gebruiker.has_usable_password()
    assert token not in client.get(reverse("api_applicaties:overzicht")).content.decode()
    assert Beveiligingsgebeurtenis.objects.filter(actie="api_applicatie_aangemaakt").exists()

    assert len(ApiClient(token).get("/api/v1/dossiers/").json()["results"]) == 1

    nieuw = sleutel_uit(client.post(reverse("api_applicaties:vernieuwen", args=[app.pk])))
    assert ApiClient(token).get("/api/v1/dossiers/").status_code == 401
    assert ApiClient(nieuw).get("/api/v1/dossiers/").status_code == 200

    client.post(reverse("api_applicaties:intrekken", args=[app.pk]))
    assert ApiClient(nieuw).get("/api/v1/dossiers/").status_code == 401
    assert Beveiligingsgebeurtenis.objects.filter(actie="api_applicatie_ingetrokken").exists()


def test_writing_needs_the_consulent_role(client, beheerder, team):
    client.force_login(beheerder)
    antwoord = client.post(reverse("api_applicaties:nieuw"), {
        "naam": "Rapportage", "rollen": ["teamleider"], "teams": [team.pk], "scopes": ["dossiers:schrijven"],
    })
    assert "Aanmelden en vastleggen kan alleen met de rol consulent." in antwoord.content.decode()
    assert not ApiApplicatie.objects.exists()


def test_an_application_cannot_get_the_beheer_or_auditor_role(client, beheerder):
    client.force_login(beheerder)
    client.post(reverse("api_applicaties:nieuw"), {
        "naam": "Slim", "rollen": ["functioneel_beheerder"], "scopes": ["dossiers:lezen"],
    })
    assert not ApiApplicatie.objects.exists()
