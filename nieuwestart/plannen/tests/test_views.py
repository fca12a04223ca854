"""The plan editor, the toets panel, approvals and issuing, through Django's test client.

Dates are relative to today: the views judge a concept as if it were issued today.
"""

from datetime import timedelta
from html import unescape
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.plannen import services
from nieuwestart.plannen.forms import LeefgebiedForm
from nieuwestart.plannen.models import Doel, Goedkeuring, Leefgebiedsituatie, Planversie, Voorziening

from .conftest import MOTIVERING

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def vandaag():
    return timezone.localdate()


@pytest.fixture
def gesprek_dossier(maak_dossier, consulent):
    """A dossier whose eerste gesprek was 20 days ago: every plan term is still running."""
    t = vandaag()
    dossier = maak_dossier(aanmelddatum=t - timedelta(days=40), vandaag=t)
    dossierservices.verificatie_vastleggen(
        dossier=dossier, door=consulent, datum=t - timedelta(days=35), uitkomst="BEVESTIGD", vandaag=t
    )
    dossierservices.eerste_gesprek_vastleggen(
        dossier=dossier, door=consulent, datum=t - timedelta(days=20), vandaag=t, acute_situatie=False,
        hulpvragen={"FINANCIEN": "Overzicht in de schulden", "WONEN": "De wasmachine is kapot"},
    )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


@pytest.fixture
def collega(team):
    return maak_gebruiker("collega", Rol.CONSULENT, teams=[team], first_name="Pieter", last_name="Bakker")


@pytest.fixture
def teamleider(team):
    return maak_gebruiker("teamleider", Rol.TEAMLEIDER, teams=[team], first_name="Fatima", last_name="El Amrani")


@pytest.fixture
def concept(gesprek_dossier, consulent):
    return services.planversie_aanmaken(gesprek_dossier, consulent, vandaag=vandaag())


@pytest.fixture
def doel(concept, consulent):
    services.leefgebied_bijwerken(
        concept, "WONEN", consulent, situatie="Wasmachine kapot", voldoet_aan_doelstelling="NEE",
        hulpvraag="Een wasmachine",
    )
    return services.doel_toevoegen(concept, consulent, leefgebied="WONEN", omschrijving="Het huishouden draait weer")


def maak_voorziening(doel, door, *, bedrag="450.00", omschrijving="Wasmachine", besluit="TOEGEKEND", **extra):
    velden = {"omschrijving": omschrijving, "aard": "MATERIEEL", "bedrag": Decimal(bedrag)} | MOTIVERING | extra
    v = services.voorziening_toevoegen(doel, door, **velden)
    return services.besluit_vastleggen(v, besluit, "", door=door) if besluit else v


def url(naam, versie, *args):
    return reverse(f"plannen:{naam}", args=[versie.dossier_id, versie.versie, *args])


def voorziening_post(doel, **extra):
    data = {
        "doel": doel.pk, "omschrijving": "Wasmachine", "aard": "MATERIEEL", "categorie": "OVERIG",
        "bedrag": "1000,00", "hoeveelheid": "1 stuk", "besluit": "TOEGEKEND", **MOTIVERING,
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def paneel(client, versie) -> str:
    return unescape(client.get(url("toets", versie), **HTMX).content.decode())


# --- starting and writing the plan ---------------------------------------------------------------

def test_consulent_starts_the_first_plan_with_the_hulpvragen_of_the_eerste_gesprek(ingelogd, gesprek_dossier):
    detail = ingelogd.get(reverse("dossiers:detail", args=[gesprek_dossier.pk])).content.decode()
    assert "Plan van aanpak schrijven" in detail and "Er is nog geen plan van aanpak." in detail

    antwoord = ingelogd.post(reverse("plannen:versie_nieuw", args=[gesprek_dossier.pk]), {"op_hoofdlijnen": "on"})
    versie = Planversie.objects.get(dossier=gesprek_dossier)
    assert antwoord.status_code == 302 and antwoord["Location"] == url("versie", versie)
    assert versie.op_hoofdlijnen and versie.status == "CONCEPT"

    html = ingelogd.get(url("versie", versie)).content.decode()
    assert "Overzicht in de schulden" in html  # the hulpvraag, in the FINANCIEN form
    assert 'id="toets" aria-live="polite"' in html
    assert 'hx-trigger="plan-gewijzigd from:body"' in html
    assert html.count('class="ns-sectie ns-leefgebied"') == 5

    # A second start is refused while the concept exists: the page links to it instead.
    nogmaals = ingelogd.post(reverse("plannen:versie_nieuw", args=[gesprek_dossier.pk]), {})
    assert nogmaals.status_code == 200 and "Er is al een concept (versie 1)" in nogmaals.content.decode()
    assert Planversie.objects.filter(dossier=gesprek_dossier).count() == 1


def test_the_plan_cannot_start_before_the_eerste_gesprek(ingelogd, maak_dossier):
    dossier = maak_dossier()
    antwoord = ingelogd.post(reverse("plannen:versie_nieuw", args=[dossier.pk]), {})
    assert antwoord.status_code == 200
    assert "Leg eerst het eerste gesprek vast" in antwoord.content.decode()
    assert not Planversie.objects.filter(dossier=dossier).exists()


def test_saving_a_leefgebied_with_htmx_returns_the_section_and_refreshes_the_toets(ingelogd, concept):
    antwoord = ingelogd.post(url("leefgebied", concept, "WERK"), {
        "lg-werk-situatie": "Geen werk sinds 2020", "lg-werk-voldoet_aan_doelstelling": "NEE",
        "lg-werk-hulpvraag": "Weer aan het werk", "lg-werk-zrm_start": "2", "lg-werk-zrm_eind": "",
    }, **HTMX)
    assert antwoord.status_code == 200 and antwoord["HX-Trigger"] == "plan-gewijzigd"
    html = antwoord.content.decode()
    assert html.startswith('\n<section id="lg-werk"') or 'id="lg-werk"' in html.split(">", 1)[0] + ">"
    assert "<html" not in html and "Werk is opgeslagen." in html
    rij = Leefgebiedsituatie.objects.get(planversie=concept, leefgebied="WERK")
    assert (rij.situatie, rij.voldoet_aan_doelstelling, rij.zrm_start, rij.zrm_eind) == ("Geen werk sinds 2020", "NEE", 2, None)
    # The toets now warns: Werk misses its goal.
    assert "Werk haalt de landelijke doelstelling niet, maar heeft nog geen doel." in paneel(ingelogd, concept)


def test_saving_a_leefgebied_without_javascript_redirects_to_its_section(ingelogd, concept):
    antwoord = ingelogd.post(url("leefgebied", concept, "ZORG"), {
        "lg-zorg-situatie": "Slaapt slecht", "lg-zorg-voldoet_aan_doelstelling": "JA", "lg-zorg-hulpvraag": "",
    })
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("#lg-zorg")
    assert Leefgebiedsituatie.objects.get(planversie=concept, leefgebied="ZORG").voldoet_aan_doelstelling == "JA"


def test_an_invalid_leefgebied_shows_the_dutch_error_next_to_the_field(ingelogd, concept):
    antwoord = ingelogd.post(url("leefgebied", concept, "WONEN"), {
        "lg-wonen-situatie": "x", "lg-wonen-voldoet_aan_doelstelling": "MISSCHIEN", "lg-wonen-zrm_start": "9",
    })
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="id_lg-wonen-zrm_start_error"' in html and 'id="id_lg-wonen-voldoet_aan_doelstelling_error"' in html
    assert "Controleer het formulier" in html
    assert not Leefgebiedsituatie.objects.filter(planversie=concept, leefgebied="WONEN", situatie="x").exists()


def test_an_unknown_leefgebied_is_not_found(ingelogd, concept):
    assert ingelogd.post(url("leefgebied", concept, "HOBBY"), {}).status_code == 404


@given(score=st.integers(min_value=-3, max_value=9))
def test_the_zrm_score_form_accepts_exactly_1_to_5(score):
    form = LeefgebiedForm(
        {"lg-gezin-voldoet_aan_doelstelling": "ONBEKEND", "lg-gezin-zrm_start": str(score)},
        instance=Leefgebiedsituatie(leefgebied="GEZIN"), leefgebied="GEZIN",
    )
    assert form.is_valid() is (1 <= score <= 5)


def test_goals_are_added_and_removed_in_place(ingelogd, concept):
    antwoord = ingelogd.post(url("doel_toevoegen", concept, "FINANCIEN"),
                             {"doel-financien-omschrijving": "Binnen een jaar een sluitende begroting"}, **HTMX)
    assert antwoord.status_code == 200 and antwoord["HX-Trigger"] == "plan-gewijzigd"
    doel = Doel.objects.get(planversie=concept)
    assert "Binnen een jaar een sluitende begroting" in antwoord.content.decode()

    leeg = ingelogd.post(url("doel_toevoegen", concept, "FINANCIEN"), {"doel-financien-omschrijving": "  "}, **HTMX)
    assert leeg.status_code == 200 and "HX-Trigger" not in leeg
    assert 'id="id_doel-financien-omschrijving_error"' in leeg.content.decode()

    weg = ingelogd.post(url("doel_verwijderen", concept, doel.pk), {})
    assert weg.status_code == 302 and not Doel.objects.filter(pk=doel.pk).exists()


def test_a_goal_with_provisions_is_kept_with_a_dutch_reason(ingelogd, doel, consulent):
    maak_voorziening(doel, consulent)
    versie = doel.planversie
    assert "Doel verwijderen" in ingelogd.get(url("doel_verwijderen", versie, doel.pk)).content.decode()
    antwoord = ingelogd.post(url("doel_verwijderen", versie, doel.pk), {})
    assert antwoord.status_code == 200
    assert "Bij dit doel horen nog voorzieningen" in antwoord.content.decode()
    assert Doel.objects.filter(pk=doel.pk).exists()


def test_a_provision_with_all_fields_is_added_and_the_toets_names_it(ingelogd, doel):
    versie = doel.planversie
    formulier = ingelogd.get(url("voorziening_nieuw", versie) + f"?doel={doel.pk}").content.decode()
    for label in ("Noodzaak", "evenredigheid", "hardheidsclausule", "acute noodsituatie", "Product uit de sociale kaart",
                  "reden van afwijzing", "financiële draagkracht"):
        assert label.lower() in formulier.lower(), label
    assert f'<option value="{doel.pk}" selected>' in formulier

    antwoord = ingelogd.post(url("voorziening_nieuw", versie), voorziening_post(
        doel, begindatum=vandaag().isoformat(), einddatum=(vandaag() + timedelta(days=900)).isoformat(),
        aanbieder_naam="Witgoed Dronten",
    ))
    v = Voorziening.objects.get(planversie=versie)
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"#voorziening-{v.pk}")
    assert (v.bedrag, v.besluit, v.aanbieder_naam, v.noodzaak) == (Decimal("1000.00"), "TOEGEKEND", "Witgoed Dronten", "NOODZAAK")

    html = paneel(ingelogd, versie)
    assert 'data-regel="MANDAAT_GOEDKEURING" data-niveau="BLOKKADE"' in html
    assert "'Wasmachine' kost € 1.000,00. Goedkeuring van een tweede consulent is nodig (nog niet gevraagd)." in html
    assert 'data-regel="MATERIEEL_BINNEN_ZES_MAANDEN" data-niveau="VOLDAAN"' in html
    assert "1 punt houdt het plan tegen." in html
    # Every rule of the toets is listed, also those that concern nothing yet.
    assert html.count('class="ns-toets__regel ') == 19


def test_a_refused_provision_needs_a_reason_next_to_the_field_and_nothing_is_saved(ingelogd, doel):
    versie = doel.planversie
    antwoord = ingelogd.post(url("voorziening_nieuw", versie), voorziening_post(doel, besluit="AFGEWEZEN"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="id_reden_afwijzing_error"' in html and "Schrijf waarom de voorziening wordt afgewezen." in html
    assert not Voorziening.objects.filter(planversie=versie).exists()


def test_a_free_access_provision_gets_no_decision(ingelogd, doel):
    versie = doel.planversie
    antwoord = ingelogd.post(url("voorziening_nieuw", versie), voorziening_post(
        doel, omschrijving="Consultatiebureau", aard="IMMATERIEEL", vrij_toegankelijk="on", bedrag="",
    ))
    assert antwoord.status_code == 302
    assert Voorziening.objects.get(planversie=versie).besluit == ""


def test_a_provision_from_the_sociale_kaart_takes_provider_and_product_names(ingelogd, doel):
    from nieuwestart.catalogus.models import Aanbieder, Product, Traject

    aanbieder = Aanbieder.objects.create(naam="Welzijn Dronten")
    product = Product.objects.create(aanbieder=aanbieder, naam="Thuisadministratie", leefgebied="FINANCIEN")
    traject = Traject.objects.create(product=product, zwaarte="LICHT", intensiteit="1 uur per week")
    versie = doel.planversie
    formulier = ingelogd.get(url("voorziening_nieuw", versie)).content.decode()
    assert "Thuisadministratie – Welzijn Dronten" in formulier
    assert reverse("catalogus:kiezen") in formulier and 'hx-target="#product-keuze"' in formulier
    ingelogd.post(url("voorziening_nieuw", versie), voorziening_post(
        doel, omschrijving="Hulp bij de post", aard="IMMATERIEEL", bedrag="300", product=product.pk, traject=traject.pk,
    ))
    v = Voorziening.objects.get(planversie=versie)
    assert (v.product, v.traject, v.aanbieder_naam, v.product_naam) == (product, traject, "Welzijn Dronten", "Thuisadministratie")


def test_editing_a_provision_voids_its_approval(ingelogd, doel, consulent, collega):
    v = maak_voorziening(doel, consulent, bedrag="900.00")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=vandaag())
    services.goedkeuren(gk, collega, vandaag=vandaag())
    versie = doel.planversie
    formulier = ingelogd.get(url("voorziening_bewerken", versie, v.pk)).content.decode()
    assert 'value="900.00"' in formulier or 'value="900,00"' in formulier
    antwoord = ingelogd.post(url("voorziening_bewerken", versie, v.pk), voorziening_post(doel, bedrag="950,00"))
    assert antwoord.status_code == 302
    gk.refresh_from_db()
    assert gk.vervallen_op is not None
    assert "Goedkeuring van een tweede consulent is nodig (nog niet gevraagd)" in paneel(ingelogd, versie)


def test_a_provision_is_removed_after_confirmation(ingelogd, doel, consulent):
    v = maak_voorziening(doel, consulent)
    versie = doel.planversie
    bevestiging = ingelogd.get(url("voorziening_verwijderen", versie, v.pk))
    assert bevestiging.status_code == 200 and "Wilt u deze voorziening uit het plan halen?" in bevestiging.content.decode()
    assert Voorziening.objects.filter(pk=v.pk).exists()
    assert ingelogd.post(url("voorziening_verwijderen", versie, v.pk), {}).status_code == 302
    assert not Voorziening.objects.filter(pk=v.pk).exists()


def test_ids_of_another_dossier_are_not_found(ingelogd, doel, consulent, maak_dossier):
    v = maak_voorziening(doel, consulent)
    ander = maak_dossier(achternaam="Anders")
    for naam in ("voorziening_bewerken", "voorziening_verwijderen", "goedkeuring_vragen"):
        assert ingelogd.get(reverse(f"plannen:{naam}", args=[ander.pk, 1, v.pk])).status_code == 404
    versie = doel.planversie
    assert ingelogd.get(url("voorziening_bewerken", versie, v.pk + 999)).status_code == 404
    assert ingelogd.get(reverse("plannen:versie", args=[versie.dossier_id, 7])).status_code == 404


# --- approvals -----------------------------------------------------------------------------------

def test_four_eyes_approval_flow_with_a_return_and_the_worklist_block(client, doel, consulent, collega):
    versie = doel.planversie
    v = maak_voorziening(doel, consulent, bedrag="1200.00")
    client.force_login(consulent)
    html = client.get(url("versie", versie)).content.decode()
    assert "Goedkeuring vragen" in html and "nog niet gevraagd" in html
    assert client.post(url("goedkeuring_vragen", versie, v.pk), {}).status_code == 302
    gk = Goedkeuring.objects.get(voorziening=v)
    assert gk.soort == "VIER_OGEN" and gk.is_open
    assert "Goedkeuring van een tweede consulent is nodig (gevraagd)." in paneel(client, versie)

    # The requester cannot approve their own request: the page says so, and the service refuses.
    eigen = client.get(url("beoordelen", versie, gk.pk)).content.decode()
    assert "U vroeg deze goedkeuring zelf." in eigen
    geweigerd = client.post(url("beoordelen", versie, gk.pk), {"actie": "goedkeuren"})
    assert geweigerd.status_code == 200 and "vier-ogenprincipe" in geweigerd.content.decode()
    gk.refresh_from_db()
    assert gk.is_open
    assert "Goedkeuringen (" not in client.get(reverse("dossiers:werkvoorraad")).content.decode()
    client.logout()

    client.force_login(collega)
    werkvoorraad = client.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert "Goedkeuringen (1)" in werkvoorraad and url("beoordelen", versie, gk.pk) in werkvoorraad
    lijst = client.get(reverse("plannen:goedkeuringen")).content.decode()
    assert "Wasmachine" in lijst and "1.200,00" in lijst
    # Returning needs a comment.
    zonder = client.post(url("beoordelen", versie, gk.pk), {"actie": "terugsturen", "opmerking": ""})
    assert zonder.status_code == 200 and "Schrijf op wat er anders moet." in zonder.content.decode()
    terug = client.post(url("beoordelen", versie, gk.pk), {"actie": "terugsturen", "opmerking": "Kies een zuiniger model."})
    assert terug.status_code == 302 and terug["Location"] == reverse("plannen:goedkeuringen")
    gk.refresh_from_db()
    assert gk.uitkomst == "TERUGGESTUURD" and gk.door == collega
    assert DossierGebeurtenis.objects.filter(dossier=versie.dossier, soort="GOEDKEURING_TERUGGESTUURD").exists()
    client.logout()

    # The consulent sees the comment, asks again; the colleague approves.
    client.force_login(consulent)
    assert "Kies een zuiniger model." in client.get(url("versie", versie)).content.decode()
    client.post(url("goedkeuring_vragen", versie, v.pk), {})
    nieuw = Goedkeuring.objects.get(voorziening=v, uitkomst="GEVRAAGD")
    client.logout()
    client.force_login(collega)
    assert client.post(url("beoordelen", versie, nieuw.pk), {"actie": "goedkeuren", "opmerking": ""}).status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.telt
    assert DossierGebeurtenis.objects.filter(dossier=versie.dossier, soort="GOEDKEURING_GEGEVEN").exists()
    assert 'data-regel="MANDAAT_GOEDKEURING" data-niveau="VOLDAAN"' in paneel(client, versie)


def test_a_request_addressed_to_one_colleague_reaches_only_that_colleague(client, doel, consulent, collega, team):
    derde = maak_gebruiker("derde", Rol.CONSULENT, teams=[team], first_name="Ruben", last_name="Smit")
    versie = doel.planversie
    v = maak_voorziening(doel, consulent, bedrag="800.00")
    client.force_login(consulent)
    formulier = client.get(url("goedkeuring_vragen", versie, v.pk)).content.decode()
    # Colleagues of the team who may give four-eyes approval are offered; the requester is not.
    assert "Pieter Bakker" in formulier and "Ruben Smit" in formulier
    assert f'value="{consulent.pk}"' not in formulier
    assert client.post(url("goedkeuring_vragen", versie, v.pk), {"gevraagd_aan": derde.pk}).status_code == 302
    gk = Goedkeuring.objects.get(voorziening=v)
    assert gk.gevraagd_aan == derde
    client.logout()
    client.force_login(collega)
    assert "Goedkeuringen (" not in client.get(reverse("dossiers:werkvoorraad")).content.decode()
    client.logout()
    client.force_login(derde)
    assert "Goedkeuringen (1)" in client.get(reverse("dossiers:werkvoorraad")).content.decode()


def test_a_teamleider_request_offers_only_teamleiders(client, doel, consulent, collega, teamleider):
    versie = doel.planversie
    v = maak_voorziening(doel, consulent, bedrag="2000.00")
    client.force_login(consulent)
    formulier = client.get(url("goedkeuring_vragen", versie, v.pk)).content.decode()
    assert "Fatima El Amrani" in formulier and "Pieter Bakker" not in formulier
    # A colleague without the mandate, posted by hand, is refused next to the field.
    antwoord = client.post(url("goedkeuring_vragen", versie, v.pk), {"gevraagd_aan": collega.pk})
    assert antwoord.status_code == 200
    assert not Goedkeuring.objects.filter(voorziening=v).exists()


def test_above_the_four_eyes_mandate_only_the_teamleider_sees_and_approves(client, doel, consulent, collega, teamleider):
    versie = doel.planversie
    v = maak_voorziening(doel, consulent, bedrag="1500.01")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=vandaag())
    assert gk.soort == "TEAMLEIDER"
    client.force_login(collega)
    assert "Goedkeuringen (" not in client.get(reverse("dossiers:werkvoorraad")).content.decode()
    pagina = client.get(url("beoordelen", versie, gk.pk)).content.decode()
    assert "U mag deze goedkeuring niet geven." in pagina
    assert client.post(url("beoordelen", versie, gk.pk), {"actie": "goedkeuren"}).status_code == 200
    gk.refresh_from_db()
    assert gk.is_open
    client.logout()
    client.force_login(teamleider)
    assert "Goedkeuringen (1)" in client.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert client.post(url("beoordelen", versie, gk.pk), {"actie": "goedkeuren"}).status_code == 302
    gk.refresh_from_db()
    assert gk.telt


def test_the_teamleider_reads_the_concept_without_edit_forms(client, doel, consulent, teamleider):
    versie = doel.planversie
    maak_voorziening(doel, consulent)
    client.force_login(teamleider)
    html = client.get(url("versie", versie)).content.decode()
    assert 'id="toets"' in html and "Wasmachine" in html
    assert "hx-post" not in html and "Plan uitgeven" not in html and "Voorziening toevoegen" not in html
    assert client.post(url("leefgebied", versie, "WONEN"), {}).status_code == 403
    assert client.get(url("uitgeven", versie)).status_code == 403


# --- issuing and read-only -----------------------------------------------------------------------

def test_issuing_is_refused_with_the_reasons_while_approvals_are_missing(ingelogd, doel, consulent):
    versie = doel.planversie
    maak_voorziening(doel, consulent, bedrag="1200.00")
    pagina = ingelogd.get(url("uitgeven", versie)).content.decode()
    assert "Het plan kan nog niet worden uitgegeven" in pagina and "Goedkeuring van een tweede consulent" in pagina
    assert '<button type="submit" class="utrecht-button utrecht-button--primary-action">Plan uitgeven' not in pagina
    antwoord = ingelogd.post(url("uitgeven", versie), {})
    assert antwoord.status_code == 200
    assert "Dit moet eerst worden opgelost" in antwoord.content.decode()
    versie.refresh_from_db()
    assert versie.status == "CONCEPT"


@pytest.fixture
def uitgegeven(doel, consulent, collega):
    """Two provisions, one of them approved by a second consulent, then issued by the consulent."""
    maak_voorziening(doel, consulent, bedrag="300.00", omschrijving="Wasrek")
    v = maak_voorziening(doel, consulent, bedrag="1200.00")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=vandaag())
    services.goedkeuren(gk, collega, vandaag=vandaag())
    return doel.planversie


def test_issuing_shows_the_beschikking_and_the_addendum_button(ingelogd, uitgegeven):
    versie = uitgegeven
    bevestiging = ingelogd.get(url("uitgeven", versie)).content.decode()
    assert "Als u het plan uitgeeft, is het een besluit" in bevestiging
    antwoord = ingelogd.post(url("uitgeven", versie), {})
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("#beschikking-titel")
    versie.refresh_from_db()
    assert versie.status == "UITGEGEVEN"
    beschikking = versie.beschikkingen.get()
    html = ingelogd.get(url("versie", versie)).content.decode()
    assert reverse("beschikkingen:pdf", args=[versie.dossier_id, beschikking.pk]) in html
    assert reverse("beschikkingen:docx", args=[versie.dossier_id, beschikking.pk]) in html
    assert "Addendum maken" in html and beschikking.kenmerk in html
    assert "<form" not in html.split('id="inhoud"', 1)[1]  # read-only: no form at all in the page content
    assert 'id="toets"' not in html
    assert ingelogd.get(reverse("beschikkingen:pdf", args=[versie.dossier_id, beschikking.pk]))["Content-Type"] == "application/pdf"
    detail = ingelogd.get(reverse("dossiers:detail", args=[versie.dossier_id])).content.decode()
    assert "Versie 1: Eerste plan van aanpak" in detail and "Addendum maken" in detail and beschikking.kenmerk in detail


def test_an_addendum_starts_as_a_copy_of_the_issued_version(ingelogd, uitgegeven, consulent):
    services.uitgeven(uitgegeven, consulent, vandaag())
    dossier = uitgegeven.dossier
    pagina = ingelogd.get(reverse("plannen:versie_nieuw", args=[dossier.pk])).content.decode()
    assert "Wat verandert er, en waarom?" in pagina
    zonder = ingelogd.post(reverse("plannen:versie_nieuw", args=[dossier.pk]), {"toelichting": ""})
    assert zonder.status_code == 200 and not Planversie.objects.filter(dossier=dossier, versie=2).exists()
    antwoord = ingelogd.post(reverse("plannen:versie_nieuw", args=[dossier.pk]), {"toelichting": "Er komt een fiets bij."})
    addendum = Planversie.objects.get(dossier=dossier, versie=2)
    assert antwoord["Location"] == url("versie", addendum)
    assert addendum.soort == "ADDENDUM" and addendum.voorzieningen.count() == 2
    html = ingelogd.get(url("versie", addendum)).content.decode()
    assert "Addendum op het plan van aanpak (versie 2)" in html and "Er komt een fiets bij." in html


def test_a_goal_is_rewritten_and_its_provisions_need_their_approval_again(ingelogd, doel, consulent, collega):
    v = maak_voorziening(doel, consulent, bedrag="900.00")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=vandaag())
    services.goedkeuren(gk, collega, vandaag=vandaag())
    versie = doel.planversie
    formulier = ingelogd.get(url("doel_wijzigen", versie, doel.pk)).content.decode()
    assert "Het huishouden draait weer" in formulier and "opnieuw worden gevraagd" in formulier
    leeg = ingelogd.post(url("doel_wijzigen", versie, doel.pk), {"omschrijving": "  "})
    assert leeg.status_code == 200
    antwoord = ingelogd.post(url("doel_wijzigen", versie, doel.pk), {"omschrijving": "Binnen 2 maanden draait de was weer"})
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"#doel-{doel.pk}")
    doel.refresh_from_db()
    gk.refresh_from_db()
    assert doel.omschrijving == "Binnen 2 maanden draait de was weer"
    assert gk.vervallen_op is not None


def test_op_hoofdlijnen_is_changed_and_a_concept_thrown_away_after_confirmation(ingelogd, concept, gesprek_dossier):
    assert not concept.op_hoofdlijnen
    editor = ingelogd.get(url("versie", concept)).content.decode()
    assert url("versie_wijzigen", concept) in editor and url("versie_verwijderen", concept) in editor
    assert ingelogd.post(url("versie_wijzigen", concept), {"op_hoofdlijnen": "on"}).status_code == 302
    concept.refresh_from_db()
    assert concept.op_hoofdlijnen
    vraag = ingelogd.get(url("versie_verwijderen", concept)).content.decode()
    assert "Dit kunt u niet ongedaan maken." in vraag and Planversie.objects.filter(pk=concept.pk).exists()
    weg = ingelogd.post(url("versie_verwijderen", concept), {})
    assert weg.status_code == 302 and weg["Location"] == reverse("dossiers:detail", args=[gesprek_dossier.pk])
    assert not Planversie.objects.filter(pk=concept.pk).exists()
    assert DossierGebeurtenis.objects.filter(
        dossier=gesprek_dossier, toelichting="Het concept van versie 1 van het plan is weggegooid."
    ).exists()


BEWERK_ROUTES = [
    ("leefgebied", ("WONEN",)),
    ("doel_toevoegen", ("WONEN",)),
    ("doel_verwijderen", ("doel",)),
    ("doel_wijzigen", ("doel",)),
    ("versie_wijzigen", ()),
    ("versie_verwijderen", ()),
    ("voorziening_nieuw", ()),
    ("voorziening_bewerken", ("voorziening",)),
    ("voorziening_verwijderen", ("voorziening",)),
    ("goedkeuring_vragen", ("voorziening",)),
    ("beoordelen", ("goedkeuring",)),
    ("uitgeven", ()),
]


@pytest.mark.parametrize("naam,extra", BEWERK_ROUTES, ids=[r[0] for r in BEWERK_ROUTES])
@pytest.mark.parametrize("methode", ["get", "post"])
def test_every_edit_route_of_an_issued_version_refuses_in_dutch(ingelogd, uitgegeven, consulent, naam, extra, methode):
    versie = uitgegeven
    doel = versie.doelen.get()
    v = versie.voorzieningen.get(omschrijving="Wasmachine")
    gk = Goedkeuring.objects.get(voorziening=v)
    services.uitgeven(versie, consulent, vandaag())
    waarden = {"doel": doel.pk, "voorziening": v.pk, "goedkeuring": gk.pk}
    args = [waarden.get(a, a) for a in extra]
    voor = (
        list(Voorziening.objects.filter(planversie=versie).values()), list(Doel.objects.filter(planversie=versie).values()),
        list(Goedkeuring.objects.filter(voorziening__planversie=versie).values()),
    )
    data = voorziening_post(doel, omschrijving="Iets anders", bedrag="1") | {
        "lg-wonen-situatie": "Anders", "doel-wonen-omschrijving": "Nieuw doel", "actie": "goedkeuren",
    }
    antwoord = getattr(ingelogd, methode)(url(naam, versie, *args), data if methode == "post" else None)
    assert antwoord.status_code == 403, (naam, methode, antwoord.status_code)
    assert "Deze versie van het plan is uitgegeven. Die kunt u niet meer veranderen." in antwoord.content.decode()
    na = (
        list(Voorziening.objects.filter(planversie=versie).values()), list(Doel.objects.filter(planversie=versie).values()),
        list(Goedkeuring.objects.filter(voorziening__planversie=versie).values()),
    )
    assert na == voor


# --- access and logging --------------------------------------------------------------------------

def test_another_team_goes_through_the_doorbreekfunctie_and_other_roles_are_refused(client, doel, ander_team):
    versie = doel.planversie
    buiten = maak_gebruiker("buiten", Rol.CONSULENT, teams=[ander_team])
    client.force_login(buiten)
    for adres in (url("versie", versie), url("toets", versie), url("voorziening_nieuw", versie), url("uitgeven", versie)):
        antwoord = client.get(adres)
        assert antwoord.status_code == 302 and "/doorbreken/" in antwoord["Location"], adres
    assert client.post(url("leefgebied", versie, "WONEN"), {"lg-wonen-situatie": "x"}).status_code == 302
    assert not Leefgebiedsituatie.objects.filter(planversie=versie, situatie="x").exists()
    assert "Wasmachine" not in client.get(reverse("plannen:goedkeuringen")).content.decode()
    client.logout()
    beleid = maak_gebruiker("beleid", Rol.BELEIDSMEDEWERKER, teams=[doel.planversie.dossier.team])
    client.force_login(beleid)
    assert client.get(url("versie", versie)).status_code == 403
    assert client.get(reverse("plannen:goedkeuringen")).status_code == 403


def test_the_editor_writes_the_processing_log(ingelogd, doel):
    versie = doel.planversie
    voor = Verwerking.objects.count()
    ingelogd.get(url("versie", versie))
    ingelogd.post(url("leefgebied", versie, "WONEN"), {"lg-wonen-situatie": "y", "lg-wonen-voldoet_aan_doelstelling": "NEE"})
    nieuw = list(Verwerking.objects.order_by("id")[voor:])
    assert [v.naam for v in nieuw] == ["plan_bekijken", "plan_wijzigen"]
    assert {v.betrokkene_hash for v in nieuw} == {betrokkene_hash(versie.dossier.rechthebbende.bsn)}


def test_the_editor_query_count_does_not_grow_with_the_number_of_provisions(ingelogd, doel, consulent, collega):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    versie = doel.planversie

    def tel() -> int:
        with CaptureQueriesContext(connection) as vastgelegd:
            assert ingelogd.get(url("versie", versie)).status_code == 200
        return len(vastgelegd)

    v = maak_voorziening(doel, consulent, bedrag="900.00")
    services.goedkeuring_vragen(v, consulent, vandaag=vandaag())
    een = tel()
    tweede = services.doel_toevoegen(versie, consulent, leefgebied="GEZIN", omschrijving="Rust in huis")
    for i in range(6):
        w = maak_voorziening(tweede if i % 2 else doel, consulent, bedrag="900.00", omschrijving=f"Voorziening {i}")
        [gk] = services.goedkeuring_vragen(w, consulent, vandaag=vandaag())
        if i % 3 == 0:
            services.terugsturen(gk, collega, "Graag goedkoper", vandaag=vandaag())
    assert tel() == een
