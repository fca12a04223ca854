"""A trajectory a plan points at (``plannen.Voorziening.traject``, PROTECT) cannot be removed,
neither in the product form nor by a spreadsheet; it can still be reworded."""

import pytest
from django.apps import apps
from django.urls import reverse

from nieuwestart.catalogus import importeren, services
from nieuwestart.catalogus.importeren import Status, voorbeeld_maken
from nieuwestart.catalogus.models import Traject, Zwaarte

from .test_importeren import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_gebruik(monkeypatch, maak_product):
    product = maak_product(trajecten={Zwaarte.LICHT: ("1 uur", ""), Zwaarte.MIDDEL: ("2 uur", "")})
    gebruikt = product.trajecten.get(zwaarte=Zwaarte.MIDDEL).pk

    def trajecten_in_gebruik(pks=None):
        return {gebruikt} if pks is None or gebruikt in set(pks) else set()

    monkeypatch.setattr(importeren, "trajecten_in_gebruik", trajecten_in_gebruik)
    monkeypatch.setattr(services, "trajecten_in_gebruik", trajecten_in_gebruik)
    return product


def test_the_in_use_check_follows_hidden_relations_to_traject():
    if not apps.is_installed("nieuwestart.plannen"):
        pytest.skip("no app points at Traject yet")
    gerelateerd = {
        r.related_model._meta.label for r in Traject._meta.get_fields(include_hidden=True)
        if r.auto_created and not r.concrete
    }
    assert "plannen.Voorziening" in gerelateerd


def test_the_form_refuses_to_remove_a_trajectory_in_use_but_allows_rewording(client, beheerder, in_gebruik):
    product = in_gebruik
    client.force_login(beheerder)
    gegevens = {"aanbieder": product.aanbieder.pk, "naam": product.naam, "leefgebied": "GEZIN", "aard": "IMMATERIEEL",
                "licht_intensiteit": "1 uur", "middel_intensiteit": ""}
    antwoord = client.post(reverse("catalogus:product_bewerken", args=[product.pk]), gegevens)
    assert antwoord.status_code == 200
    assert "Het traject middel staat in een plan van aanpak en kan daarom niet weg." in antwoord.content.decode()
    assert product.trajecten.count() == 2

    gegevens["middel_intensiteit"] = "2 tot 3 uur"
    assert client.post(reverse("catalogus:product_bewerken", args=[product.pk]), gegevens).status_code == 302
    assert product.trajecten.get(zwaarte=Zwaarte.MIDDEL).intensiteit == "2 tot 3 uur"


def test_a_spreadsheet_row_that_would_remove_it_is_rejected(in_gebruik):
    inhoud = csv_bytes(["aanbieder", "product", "leefgebied", "licht intensiteit", "middel intensiteit"],
                       [["MDFlevoland", "Gezinscoach", "Gezin", "1 uur", ""]])
    regel = voorbeeld_maken(inhoud, "k.csv").regels[0]
    assert regel.status == Status.AFGEWEZEN
    assert [(a.kolom, a.reden[:38]) for a in regel.afwijzingen] == [
        ("middel intensiteit", "Het traject middel staat in een plan v")]
