"""Services of the plan: versions, goals, provisions, decisions and approvals (without issuing)."""

from decimal import Decimal

import pytest

from nieuwestart.accounts.models import Rol
from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.plannen import services
from nieuwestart.plannen.models import Goedkeuring, Planversie, Voorziening
from nieuwestart.plannen.selectors import openstaande_goedkeuringen_voor, toets_voor

from .conftest import MOTIVERING, VANDAAG, voorziening

pytestmark = pytest.mark.django_db


def test_first_version_is_the_eerste_plan_prefilled_with_the_hulpvragen(plan, dossier):
    assert (plan.versie, plan.soort, plan.status) == (1, "EERSTE_PLAN", "CONCEPT")
    hulpvragen = {lg.leefgebied: lg.hulpvraag for lg in plan.leefgebieden.all()}
    assert hulpvragen == {"FINANCIEN": "Overzicht in de schulden", "WONEN": "Een wasmachine is kapot"}
    assert dossier.gebeurtenissen.filter(soort="PLANVERSIE_AANGEMAAKT").count() == 1


def test_no_plan_before_the_eerste_gesprek(maak_dossier, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        services.planversie_aanmaken(maak_dossier(), consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.PLAN_NA_EERSTE_GESPREK
    assert not Planversie.objects.exists()


def test_one_concept_at_a_time(plan, dossier, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.EEN_CONCEPT_PER_PLAN
    assert Planversie.objects.count() == 1


def test_leefgebied_is_created_or_updated_and_zrm_is_1_to_5(plan, consulent):
    lg = services.leefgebied_bijwerken(plan, "WERK", consulent, situatie="Geen werk", voldoet_aan_doelstelling="NEE", zrm_start=2)
    lg2 = services.leefgebied_bijwerken(plan, "WERK", consulent, zrm_eind=4)
    assert lg.pk == lg2.pk and (lg2.situatie, lg2.zrm_start, lg2.zrm_eind) == ("Geen werk", 2, 4)
    for fout in (0, 6):
        with pytest.raises(RegelOvertreding) as exc:
            services.leefgebied_bijwerken(plan, "WERK", consulent, zrm_start=fout)
        assert exc.value.veld == "zrm_start"


def test_goal_needs_a_description_and_cannot_go_while_it_has_provisions(plan, doel, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        services.doel_toevoegen(plan, consulent, leefgebied="WONEN", omschrijving="  ")
    assert exc.value.regel is R.VOORZIENING_HEEFT_DOEL
    v = voorziening(doel, consulent)
    with pytest.raises(RegelOvertreding) as exc:
        services.doel_verwijderen(doel, consulent)
    assert exc.value.regel is R.DOEL_MET_VOORZIENINGEN_BLIJFT
    services.voorziening_verwijderen(v, consulent)
    services.doel_verwijderen(doel, consulent)
    assert not plan.doelen.exists()


def test_provision_must_use_a_goal_of_the_same_version(dossier, plan, doel, consulent):
    v = voorziening(doel, consulent)
    ander_doel = services.doel_toevoegen(plan, consulent, leefgebied="FINANCIEN", omschrijving="Grip op geld")
    v = services.voorziening_wijzigen(v, consulent, doel=ander_doel)
    assert v.doel == ander_doel


def test_provision_checks_its_own_data(doel, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        services.voorziening_toevoegen(doel, consulent, omschrijving="Fiets", bedrag=Decimal("-1"))
    assert exc.value.veld == "bedrag"
    from datetime import date

    with pytest.raises(RegelOvertreding) as exc:
        services.voorziening_toevoegen(doel, consulent, omschrijving="Cursus", begindatum=date(2027, 2, 1),
                                       einddatum=date(2027, 1, 1))
    assert exc.value.veld == "einddatum"
    assert not Voorziening.objects.exists()


def test_refusal_needs_a_reason_and_free_access_needs_no_decision(doel, consulent):
    v = voorziening(doel, consulent, besluit="")
    with pytest.raises(RegelOvertreding) as exc:
        services.besluit_vastleggen(v, "AFGEWEZEN", "", door=consulent)
    assert exc.value.veld == "reden_afwijzing"
    vrij = services.voorziening_toevoegen(doel, consulent, omschrijving="Consultatiebureau", vrij_toegankelijk=True)
    with pytest.raises(RegelOvertreding):
        services.besluit_vastleggen(vrij, "TOEGEKEND", door=consulent)


def test_product_from_the_social_map_fills_provider_and_product_names(doel, consulent):
    from nieuwestart.catalogus.models import Aanbieder, Product, Traject

    aanbieder = Aanbieder.objects.create(naam="Welzijn Dronten")
    product = Product.objects.create(aanbieder=aanbieder, naam="Budgetcoaching", leefgebied="FINANCIEN")
    traject = Traject.objects.create(product=product, zwaarte="MIDDEL")
    v = services.voorziening_toevoegen(doel, consulent, omschrijving="Budgetcoaching", traject=traject)
    assert (v.product_id, v.aanbieder_naam, v.product_naam) == (product.pk, "Welzijn Dronten", "Budgetcoaching")
    ander = Product.objects.create(aanbieder=aanbieder, naam="Taalcafé", leefgebied="WERK")
    with pytest.raises(RegelOvertreding) as exc:
        services.voorziening_wijzigen(v, consulent, product=ander)
    assert exc.value.veld == "traject"


# --- approvals ----------------------------------------------------------------------------------

def test_four_eyes_flow_records_request_approval_on_the_timeline(dossier, doel, consulent, tweede_consulent):
    v = voorziening(doel, consulent, bedrag="1200")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert gk.soort == "VIER_OGEN"
    assert list(openstaande_goedkeuringen_voor(tweede_consulent)) == [gk]
    assert list(openstaande_goedkeuringen_voor(consulent)) == []  # never one's own request
    services.goedkeuren(gk, tweede_consulent, "Akkoord", vandaag=VANDAAG)
    gk.refresh_from_db()
    assert (gk.uitkomst, gk.door) == ("GOEDGEKEURD", tweede_consulent)
    assert list(openstaande_goedkeuringen_voor(tweede_consulent)) == []
    soorten = list(dossier.gebeurtenissen.filter(soort__startswith="GOEDKEURING").values_list("soort", "door"))
    assert soorten == [("GOEDKEURING_GEVRAAGD", consulent.pk), ("GOEDKEURING_GEGEVEN", tweede_consulent.pk)]
    assert not [u for u in toets_voor(v.planversie, vandaag=VANDAAG) if u.regel is R.MANDAAT_GOEDKEURING and u.blokkeert]


def test_the_requester_may_never_approve_their_own_request(doel, consulent, teamleider):
    consulent.groups.add(*teamleider.groups.all())  # even a consulent who is also teamleider
    consulent = type(consulent).objects.get(pk=consulent.pk)
    v = voorziening(doel, consulent, bedrag="1200")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    with pytest.raises(RegelOvertreding) as exc:
        services.goedkeuren(gk, consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.GOEDKEURING_DOOR_ANDER
    gk.refresh_from_db()
    assert gk.uitkomst == "GEVRAAGD"


def test_teamleider_approval_needs_the_teamleider_role_in_the_dossiers_team(doel, consulent, tweede_consulent, ander_team):
    v = voorziening(doel, consulent, bedrag="2500")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert gk.soort == "TEAMLEIDER"
    with pytest.raises(RegelOvertreding) as exc:
        services.goedkeuren(gk, tweede_consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.GOEDKEURING_BEVOEGD
    vreemde_teamleider = maak_gebruiker("tl_zuid", Rol.TEAMLEIDER, teams=[ander_team])
    with pytest.raises(RegelOvertreding):
        services.goedkeuren(gk, vreemde_teamleider, vandaag=VANDAAG)
    assert list(openstaande_goedkeuringen_voor(vreemde_teamleider)) == []
    assert list(openstaande_goedkeuringen_voor(tweede_consulent)) == []  # a consulent never sees TEAMLEIDER


def test_returning_needs_a_comment_and_is_on_the_timeline(dossier, doel, consulent, teamleider):
    v = voorziening(doel, consulent, bedrag="2500")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    with pytest.raises(RegelOvertreding) as exc:
        services.terugsturen(gk, teamleider, " ", vandaag=VANDAAG)
    assert exc.value.regel is R.TERUGSTUREN_MET_OPMERKING
    services.terugsturen(gk, teamleider, "Vraag eerst een offerte van een tweede winkel.", vandaag=VANDAAG)
    laatste = dossier.gebeurtenissen.filter(soort="GOEDKEURING_TERUGGESTUURD").get()
    assert "offerte" in laatste.toelichting and laatste.door == teamleider
    with pytest.raises(RegelOvertreding) as exc:
        services.goedkeuren(gk, teamleider, vandaag=VANDAAG)
    assert exc.value.regel is R.GOEDKEURING_OPEN
    # After a return the case worker may ask again.
    [nieuw] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert nieuw.pk != gk.pk


def test_changing_a_provision_voids_its_approvals(doel, consulent, tweede_consulent):
    v = voorziening(doel, consulent, bedrag="1200")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    services.goedkeuren(gk, tweede_consulent, vandaag=VANDAAG)
    services.voorziening_wijzigen(v, consulent, omschrijving="Wasmachine")  # nothing changes
    gk.refresh_from_db()
    assert gk.telt
    services.voorziening_wijzigen(v, consulent, bedrag=Decimal("1400"))
    gk.refresh_from_db()
    assert not gk.telt and gk.vervallen_op is not None
    assert [u for u in toets_voor(v.planversie, vandaag=VANDAAG) if u.regel is R.MANDAAT_GOEDKEURING and u.blokkeert]


def test_asking_an_approval_that_is_not_needed_is_refused(doel, consulent, tweede_consulent):
    v = voorziening(doel, consulent, bedrag="500.00")
    with pytest.raises(RegelOvertreding) as exc:
        services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.GOEDKEURING_NODIG
    v = services.voorziening_wijzigen(v, consulent, bedrag=Decimal("900"))
    services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    with pytest.raises(RegelOvertreding):  # already asked
        services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert Goedkeuring.objects.count() == 1


def test_request_addressed_to_someone_shows_only_on_their_worklist(doel, consulent, tweede_consulent, team):
    derde = maak_gebruiker("consulent3", Rol.CONSULENT, teams=[team])
    v = voorziening(doel, consulent, bedrag="900")
    with pytest.raises(RegelOvertreding) as exc:
        services.goedkeuring_vragen(v, consulent, gevraagd_aan=consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.GOEDKEURING_DOOR_ANDER
    [gk] = services.goedkeuring_vragen(v, consulent, gevraagd_aan=tweede_consulent, vandaag=VANDAAG)
    assert list(openstaande_goedkeuringen_voor(tweede_consulent)) == [gk]
    assert list(openstaande_goedkeuringen_voor(derde)) == []


def test_hardheidsclausule_needs_teamleider_approval(doel, consulent, teamleider):
    v = voorziening(doel, consulent, bedrag="300", noodzaak="WENS", hardheidsclausule=True,
                    hardheidsclausule_motivering="Brand in de woning; niemand voorzag dit.")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert gk.soort == "HARDHEIDSCLAUSULE"
    blok = [u for u in toets_voor(v.planversie, vandaag=VANDAAG) if u.blokkeert]
    assert {u.regel for u in blok} == {R.MATERIEEL_ALLEEN_BIJ_NOODZAAK, R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER}
    services.goedkeuren(gk, teamleider, vandaag=VANDAAG)
    assert not [u for u in toets_voor(v.planversie, vandaag=VANDAAG) if u.blokkeert]


def test_all_services_write_nothing_on_refusal(plan, doel, consulent):
    voor = DossierGebeurtenis.objects.count()
    with pytest.raises(RegelOvertreding):
        services.voorziening_toevoegen(doel, consulent, omschrijving="", **MOTIVERING)
    assert DossierGebeurtenis.objects.count() == voor
    assert not Voorziening.objects.exists()


def test_hardheidsclausule_approval_is_asked_only_with_a_motivation(doel, consulent):
    v = voorziening(doel, consulent, bedrag="300", hardheidsclausule=True)
    with pytest.raises(RegelOvertreding) as exc:
        services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    assert exc.value.veld == "hardheidsclausule_motivering"
    assert not Goedkeuring.objects.exists()


def test_no_plan_without_an_eerste_gesprek_even_in_afbouw(maak_dossier, consulent):
    from nieuwestart.dossiers.transitions import voer_transitie_uit

    dossier = maak_dossier()
    voer_transitie_uit(dossier, "afbouw_starten", door=consulent, datum=VANDAAG)
    with pytest.raises(RegelOvertreding) as exc:
        services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    assert exc.value.regel is R.PLAN_NA_EERSTE_GESPREK


def test_making_a_provision_free_access_drops_its_decision(doel, consulent):
    v = voorziening(doel, consulent, besluit="AFGEWEZEN")
    v = services.voorziening_wijzigen(v, consulent, vrij_toegankelijk=True)
    assert (v.besluit, v.reden_afwijzing) == ("", "")
