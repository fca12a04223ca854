"""Ending a dossier with a warme overdracht in a real browser, axe-core on every screen: the consulent hands
Financiën over to debt help, ends support because the goals are reached (the handover counts for Financiën),
sees the beëindigingsbeschikking and the aftercare checks on the dossier page, is refused closing without
aftercare, and closes the dossier with the reason why aftercare is not needed."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nieuwestart.accounts.models import Rol, Team
from nieuwestart.conftest import geef_app, maak_gebruiker
from nieuwestart.dossiers.models import Dossier
from nieuwestart.plannen import services as planservices

from .test_plan import _dossier_na_eerste_gesprek, _inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _plan_uitgeven(dossier, consulent, vandaag):
    plan = planservices.planversie_aanmaken(dossier, consulent, vandaag=vandaag)
    for lg, doel in (("ZORG", "Minder last van herbelevingen"), ("FINANCIEN", "Grip op de post en de rekeningen")):
        planservices.leefgebied_bijwerken(plan, lg, consulent, situatie="Niet op orde bij aanmelding", voldoet_aan_doelstelling="NEE")
        d = planservices.doel_toevoegen(plan, consulent, leefgebied=lg, omschrijving=doel)
        v = planservices.voorziening_toevoegen(
            d, consulent, omschrijving="EMDR-therapie" if lg == "ZORG" else "Budgetcoaching", aard="IMMATERIEEL",
            bedrag=Decimal("270.00"), hoeveelheid="3 sessies", einddatum=vandaag + timedelta(days=90),
            belemmering="Herbelevingen", geschiktheid="Bewezen behandeling", noodzaak="NOODZAAK",
            noodzakelijkheid="Geen andere hulp", evenredigheid="Drie sessies", weging_vaardigheden="-", weging_draagkracht="-",
            weging_huishouden="-", weging_duurzaamheid="-", weging_doel="-",
        )
        planservices.besluit_vastleggen(v, "TOEGEKEND", door=consulent)
    planservices.uitgeven(plan, consulent, vandaag)


def test_consulent_ends_a_dossier_with_a_warm_handover_and_closes_it(page, live_server, axe, rolgroepen):
    vandaag = timezone.localdate()
    team = Team.objects.create(naam="Team Noord")
    consulent = maak_gebruiker("consulent", Rol.CONSULENT, teams=[team], first_name="Sanne", last_name="de Vries")
    app = geef_app(consulent)
    dossier = _dossier_na_eerste_gesprek(team, consulent)
    _plan_uitgeven(dossier, consulent, vandaag - timedelta(days=5))

    _inloggen(page, live_server, consulent, app)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    expect(page.get_by_role("heading", name="Einde van de ondersteuning en nazorg")).to_be_visible()
    axe.controleer(page)

    # Warme overdracht of Financiën to debt help, handed over today.
    page.get_by_role("link", name="Warme overdracht", exact=True).click()
    expect(page.get_by_role("heading", name="Warme overdracht")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Leefgebied").select_option("FINANCIEN")
    page.get_by_label("Schuldhulpverlening", exact=True).check()
    page.get_by_label("Team of organisatie").fill("Schuldhulp gemeente")
    page.get_by_label(re.compile(r"^Contactpersoon")).fill("J. Smit")
    page.get_by_label("Wat is overgedragen?").fill("De schuldenlijst, de afspraken met de bank en de hulpvraag.")
    page.get_by_label("Overgedragen op").fill(vandaag.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    # Without consent the handover is refused, next to the field.
    expect(page.get_by_role("alert")).to_contain_text("akkoord")
    axe.controleer(page)
    page.get_by_label("De rechthebbende is akkoord met het delen van deze gegevens").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De warme overdracht is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="Overgedragen")).to_be_visible()

    # End support: the goal of Zorg is reached, Financiën counts as reached by the handover.
    page.get_by_role("link", name="Ondersteuning beëindigen").click()
    expect(page.get_by_role("heading", name="Ondersteuning beëindigen")).to_be_visible()
    expect(page.get_by_text("EMDR-therapie")).to_be_visible()
    axe.controleer(page)
    page.get_by_label("De doelen van het plan zijn bereikt").check()
    page.get_by_label("Zorg", exact=True).check()
    page.get_by_role("button", name="Ondersteuning beëindigen").click()
    expect(page.get_by_text("De ondersteuning is beëindigd.")).to_be_visible()
    kenmerk = f"{dossier.dossiernummer}-E1"
    expect(page.get_by_role("link", name=kenmerk).first).to_be_visible()
    expect(page.get_by_text("Eerste controle:")).to_be_visible()
    expect(page.get_by_text("loopt door tot de eigen einddatum")).to_be_visible()
    axe.controleer(page)

    # Closing is refused while aftercare did not happen, then accepted with the reason.
    page.get_by_role("link", name="Dossier afsluiten").click()
    axe.controleer(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("nazorg")
    axe.controleer(page)
    page.get_by_label("Waarom is (verdere) nazorg niet nodig?").fill(
        "Schuldhulp heeft de intake al gedaan en de rechthebbende wil geen verdere nazorg."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het dossier is afgesloten.")).to_be_visible()
    axe.controleer(page)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.status == "AFGESLOTEN"
    assert len(axe.bezocht) == 8
