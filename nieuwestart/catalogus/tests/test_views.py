"""The beheer screens (functioneel beheerder only) and the case worker's picker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nieuwestart.catalogus.models import Aanbieder, Catalogusimport, Product, Zwaarte
from nieuwestart.dossiers.models import Leefgebied
from nieuwestart.logboek.models import Beveiligingsgebeurtenis, Verwerking

from .test_importeren import KOP, RIJEN, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

BEHEER = [
    ("catalogus:overzicht", {}), ("catalogus:aanbieders", {}), ("catalogus:aanbieder_nieuw", {}),
    ("catalogus:product_nieuw", {}), ("catalogus:importeren", {}),
]


@pytest.mark.parametrize("naam,kwargs", BEHEER)
def test_beheer_pages_open_for_the_beheerder_and_are_refused_to_a_consulent(client, beheerder, consulent, naam, kwargs):
    client.force_login(consulent)
    assert client.get(reverse(naam, kwargs=kwargs)).status_code == 403
    client.force_login(beheerder)
    assert client.get(reverse(naam, kwargs=kwargs)).status_code == 200


def test_a_consulent_cannot_change_a_product(client, consulent, maak_product):
    product = maak_product()
    client.force_login(consulent)
    assert client.post(reverse("catalogus:product_actief", args=[product.pk]), {"actief": "0"}).status_code == 403
    product.refresh_from_db()
    assert product.actief


def test_beheerder_adds_a_provider_and_a_product_with_trajectories(client, beheerder):
    client.force_login(beheerder)
    antwoord = client.post(reverse("catalogus:aanbieder_nieuw"), {
        "naam": "Stichting Kwintes", "soort": "ZORGAANBIEDER", "telefoon": "088 123 4567", "email": "",
        "website": "https://kwintes.example", "adres": "",
    })
    assert antwoord.status_code == 302
    kwintes = Aanbieder.objects.get(naam="Stichting Kwintes")
    assert kwintes.gewijzigd_door == beheerder
    antwoord = client.post(reverse("catalogus:product_nieuw"), {
        "aanbieder": kwintes.pk, "naam": "Dagbesteding doelgroep 16-27", "omschrijving": "", "categorie": "",
        "doelgroep": "16 tot 27 jaar", "leefgebied": "WERK", "aard": "IMMATERIEEL", "indicatief_tarief": "45.50",
        "tarief_eenheid": "per dagdeel",
        "licht_intensiteit": "4-8 dagdelen per maand", "licht_duur": "", "licht_duur_weken": "",
        "zwaar_intensiteit": "21-26 dagdelen per maand", "zwaar_duur": "1 jaar", "zwaar_duur_weken": "52",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    product = Product.objects.get(naam="Dagbesteding doelgroep 16-27")
    assert [(t.zwaarte, t.intensiteit, t.duur_weken) for t in product.trajecten.all()] == [
        (Zwaarte.LICHT, "4-8 dagdelen per maand", None), (Zwaarte.ZWAAR, "21-26 dagdelen per maand", 52)]
    acties = list(Beveiligingsgebeurtenis.objects.filter(actor=beheerder).values_list("actie", "object_type"))
    assert ("aanbieder_toegevoegd", "aanbieder") in acties and ("product_toegevoegd", "product") in acties


def test_editing_a_product_clears_a_trajectory_and_logs_what_changed(client, beheerder, maak_product):
    product = maak_product(trajecten={Zwaarte.LICHT: ("1 uur", ""), Zwaarte.MIDDEL: ("2 uur", "")})
    client.force_login(beheerder)
    pagina = client.get(reverse("catalogus:product_bewerken", args=[product.pk])).content.decode()
    assert 'value="2 uur"' in pagina  # the trajectory fields show what is stored
    antwoord = client.post(reverse("catalogus:product_bewerken", args=[product.pk]), {
        "aanbieder": product.aanbieder.pk, "naam": product.naam, "leefgebied": "GEZIN", "aard": "IMMATERIEEL",
        "licht_intensiteit": "1 uur", "middel_intensiteit": "",
    })
    assert antwoord.status_code == 302
    assert [t.zwaarte for t in product.trajecten.all()] == [Zwaarte.LICHT]
    regel = Beveiligingsgebeurtenis.objects.get(actie="product_gewijzigd")
    assert regel.object_id == str(product.pk) and regel.reden == "traject_middel"


def test_a_second_product_with_the_same_name_at_the_provider_gets_a_dutch_message(client, beheerder, maak_product):
    product = maak_product()
    client.force_login(beheerder)
    antwoord = client.post(reverse("catalogus:product_nieuw"), {
        "aanbieder": product.aanbieder.pk, "naam": "GEZINSCOACH", "leefgebied": "GEZIN", "aard": "IMMATERIEEL",
    })
    assert antwoord.status_code == 200
    assert "Deze aanbieder heeft al een product met deze naam." in antwoord.content.decode()
    assert Product.objects.count() == 1


def test_deactivating_a_provider_hides_its_products_from_case_workers(client, beheerder, consulent, maak_product):
    product = maak_product()
    client.force_login(beheerder)
    antwoord = client.post(reverse("catalogus:aanbieder_actief", args=[product.aanbieder.pk]), {"actief": "0"})
    assert antwoord.status_code == 302
    assert not Aanbieder.objects.get(pk=product.aanbieder.pk).actief
    assert Beveiligingsgebeurtenis.objects.get(actie="aanbieder_gewijzigd").reden == "actief"
    client.force_login(consulent)
    assert "Gezinscoach" not in client.get(reverse("catalogus:kiezen")).content.decode()


def test_the_overview_filters_by_leefgebied_and_provider(client, beheerder, maak_product):
    maak_product("Gezinscoach", leefgebied=Leefgebied.GEZIN)
    maak_product("Budgetcursus", leefgebied=Leefgebied.FINANCIEN)
    kwintes = maak_product("Dagbesteding", aanbieder="Stichting Kwintes", leefgebied=Leefgebied.WERK).aanbieder
    client.force_login(beheerder)
    html = client.get(reverse("catalogus:overzicht"), {"leefgebied": "FINANCIEN"}).content.decode()
    assert "Budgetcursus" in html and "Gezinscoach" not in html
    html = client.get(reverse("catalogus:overzicht"), {"aanbieder": kwintes.pk}).content.decode()
    assert "Dagbesteding" in html and "Budgetcursus" not in html


# --- import through the screens -------------------------------------------------------------

def test_upload_preview_then_commit(client, beheerder):
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("kaart.xlsx", xlsx_bytes(KOP, RIJEN))
    antwoord = client.post(reverse("catalogus:importeren"), {"bestand": bestand})
    opdracht = Catalogusimport.objects.get()
    assert antwoord["Location"] == reverse("catalogus:import_voorbeeld", args=[opdracht.pk])
    voorbeeld = client.get(antwoord["Location"])
    html = voorbeeld.content.decode()
    assert "3 nieuwe producten" in html and "(met 2 nieuwe aanbieders)" in html
    assert not Product.objects.exists()

    antwoord = client.post(reverse("catalogus:import_inlezen", args=[opdracht.pk]),
                           {"vingerafdruk": voorbeeld.context["voorbeeld"].vingerafdruk()})
    assert antwoord.status_code == 302 and Product.objects.count() == 3
    regel = Beveiligingsgebeurtenis.objects.get(actie="sociale_kaart_ingelezen")
    assert regel.actor == beheerder and "nieuw=3" in regel.reden
    # A second click does nothing.
    antwoord = client.post(reverse("catalogus:import_inlezen", args=[opdracht.pk]), {"vingerafdruk": "x"})
    assert antwoord.status_code == 302 and Product.objects.count() == 3


def test_a_stale_preview_is_shown_again_instead_of_committed(client, beheerder):
    client.force_login(beheerder)
    client.post(reverse("catalogus:importeren"), {"bestand": SimpleUploadedFile("k.csv", csv_bytes(KOP, RIJEN))})
    opdracht = Catalogusimport.objects.get()
    antwoord = client.post(reverse("catalogus:import_inlezen", args=[opdracht.pk]), {"vingerafdruk": "verouderd"})
    assert antwoord.status_code == 409
    assert "De sociale kaart is veranderd" in antwoord.content.decode()
    assert not Product.objects.exists()


def test_an_unreadable_or_incomplete_file_is_refused_next_to_the_field(client, beheerder):
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("kaart.csv", b"naam;telefoon\nX;1\n")
    antwoord = client.post(reverse("catalogus:importeren"), {"bestand": bestand})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "mist de kolom(men) aanbieder, product, leefgebied" in html and 'aria-invalid="true"' in html
    assert not Catalogusimport.objects.exists()


def test_cancelling_clears_the_kept_file(client, beheerder):
    client.force_login(beheerder)
    client.post(reverse("catalogus:importeren"), {"bestand": SimpleUploadedFile("k.csv", csv_bytes(KOP, RIJEN))})
    opdracht = Catalogusimport.objects.get()
    client.post(reverse("catalogus:import_afbreken", args=[opdracht.pk]))
    opdracht.refresh_from_db()
    assert (opdracht.status, bytes(opdracht.inhoud)) == ("AFGEBROKEN", b"")
    assert client.get(reverse("catalogus:import_voorbeeld", args=[opdracht.pk])).status_code == 200
    assert not Product.objects.exists()


# --- the case worker's picker ---------------------------------------------------------------

def test_kiezen_is_a_normal_page_for_a_consulent_and_refused_to_the_beheerder(client, consulent, beheerder, maak_product):
    maak_product("Gezinscoach", leefgebied=Leefgebied.GEZIN, trajecten={Zwaarte.LICHT: ("1 uur per week", "")})
    maak_product("Budgetcursus", leefgebied=Leefgebied.FINANCIEN)
    client.force_login(consulent)
    voor = Verwerking.objects.count()
    antwoord = client.get(reverse("catalogus:kiezen"), {"leefgebied": "GEZIN"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "<html" in html and "Gezinscoach" in html and "1 uur per week" in html and "Budgetcursus" not in html
    assert Verwerking.objects.count() == voor  # no personal data on this page
    client.force_login(beheerder)
    assert client.get(reverse("catalogus:kiezen")).status_code == 403


def test_kiezen_with_htmx_returns_a_labelled_select_keeping_the_chosen_product(client, consulent, maak_product):
    coach = maak_product("Gezinscoach", leefgebied=Leefgebied.GEZIN)
    budget = maak_product("Budgetcursus", leefgebied=Leefgebied.FINANCIEN)
    client.force_login(consulent)
    antwoord = client.get(
        reverse("catalogus:kiezen"), {"leefgebied": "GEZIN", "veld": "voorziening-product", "gekozen": budget.pk},
        headers={"HX-Request": "true"},
    )
    html = antwoord.content.decode()
    assert "<html" not in html
    assert '<label class="utrecht-form-label" for="id_voorziening-product">' in html
    assert 'name="voorziening-product" id="id_voorziening-product"' in html
    assert f'<option value="{coach.pk}"' in html
    assert f'<option value="{budget.pk}" selected>' in html  # outside the filter, but still chosen
    assert "1 product gevonden." in html


def test_kiezen_refuses_a_field_name_that_could_break_the_markup(client, consulent, maak_product):
    maak_product()
    client.force_login(consulent)
    html = client.get(reverse("catalogus:kiezen"), {"veld": '"><script>'}, headers={"HX-Request": "true"}).content.decode()
    assert 'name="product"' in html and "<script>" not in html


def test_kiezen_list_fragment_for_the_page_itself(client, consulent, maak_product):
    maak_product("Gezinscoach")
    client.force_login(consulent)
    html = client.get(reverse("catalogus:kiezen"), {"zoek": "coach", "weergave": "lijst"},
                      headers={"HX-Request": "true"}).content.decode()
    assert "<table" in html and "Gezinscoach" in html and "<select" not in html


def test_a_second_provider_with_the_same_name_gets_a_dutch_message(client, beheerder):
    Aanbieder.objects.create(naam="Humanitas")
    client.force_login(beheerder)
    antwoord = client.post(reverse("catalogus:aanbieder_nieuw"), {"naam": "HUMANITAS", "soort": "VRIJWILLIGERS"})
    assert antwoord.status_code == 200
    assert "Er is al een aanbieder met deze naam." in antwoord.content.decode()
    assert Aanbieder.objects.count() == 1
