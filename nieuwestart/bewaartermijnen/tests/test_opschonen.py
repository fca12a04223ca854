"""Retention: dry run lists, the real run destroys personal data and leaves an anonymous record."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from nieuwestart.bewaartermijnen.models import Bewaarcategorie, Bewaarregel, Vernietigingsregistratie
from nieuwestart.bewaartermijnen.services import bewaarcategorie, opschonen, opschoonplan
from nieuwestart.dossiers import services
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Rechthebbende, Verificatie
from nieuwestart.dossiers.transitions import voer_transitie_uit

pytestmark = pytest.mark.django_db
G = "GEBEURTENISSEN"


def sluit(dossier, door, op: date):
    voer_transitie_uit(dossier, "beeindigen", door=door, datum=op)
    voer_transitie_uit(dossier, "afsluiten", door=door, datum=op)


@pytest.fixture
def drie_afgesloten(maak_dossier, consulent):
    """Not a rechthebbende (closed 2026-01-10), aborted before a plan (2025-06-01), and one with a plan (2025-06-01)."""
    geen = maak_dossier(achternaam="Geen", aanmelddatum=date(2025, 12, 1))
    services.verificatie_vastleggen(dossier=geen, door=consulent, datum=date(2025, 12, 2), uitkomst="NIET_BEVESTIGD", vandaag=date(2026, 1, 1))
    sluit(geen, consulent, date(2026, 1, 10))
    afgebroken = maak_dossier(achternaam="Afgebroken", aanmelddatum=date(2025, 5, 1))
    sluit(afgebroken, consulent, date(2025, 6, 1))
    met_plan = maak_dossier(achternaam="Plan", aanmelddatum=date(2025, 5, 1))
    services.verificatie_vastleggen(dossier=met_plan, door=consulent, datum=date(2025, 5, 2), uitkomst="BEVESTIGD", vandaag=date(2025, 5, 2))
    services.eerste_gesprek_vastleggen(dossier=met_plan, door=consulent, datum=date(2025, 5, 10), hulpvragen={"WONEN": "x"}, acute_situatie=False, vandaag=date(2025, 5, 10))
    voer_transitie_uit(met_plan, "plan_vaststellen", door=consulent, datum=date(2025, 5, 20))
    sluit(met_plan, consulent, date(2025, 6, 1))
    return geen, afgebroken, met_plan


def test_categories_follow_the_history_of_the_dossier():
    assert bewaarcategorie(["AANGEMELD", "VERIFICATIE_VASTGELEGD", "BEEINDIGD"], ["NIET_BEVESTIGD"]) == Bewaarcategorie.GEEN_RECHTHEBBENDE
    assert bewaarcategorie(["AANGEMELD", "GEVERIFIEERD", "UHT_NIET_ERKEND", "BEEINDIGD"], []) == Bewaarcategorie.GEEN_RECHTHEBBENDE
    assert bewaarcategorie(["AANGEMELD", "GEVERIFIEERD", "UHT_NIET_ERKEND", "UHT_ERKEND", "BEEINDIGD"], []) == Bewaarcategorie.AFGEBROKEN
    assert bewaarcategorie(["AANGEMELD", "GEVERIFIEERD", "EERSTE_GESPREK_GEVOERD", "PLAN_VASTGESTELD"], []) == Bewaarcategorie.ONDERSTEUNING_BEEINDIGD


def test_dry_run_lists_what_is_past_its_term_and_changes_nothing(drie_afgesloten):
    geen, afgebroken, met_plan = drie_afgesloten
    uit = io.StringIO()
    call_command("opschonen", "--peildatum", "2026-06-02", stdout=uit)
    tekst = uit.getvalue()
    assert "Proefdraai" in tekst
    assert "Bleek geen rechthebbende: 1 dossier" in tekst  # 3 months after 10 Jan 2026
    assert "Afgebroken voor het plan van aanpak: 1 dossier" in tekst  # 12 months after 1 Jun 2025
    assert "Ondersteuning beëindigd" not in tekst  # 10 years
    assert "Geen" not in tekst.replace("Bleek geen", "")  # no names in the output
    assert Dossier.objects.count() == 3 and not Vernietigingsregistratie.objects.exists()


def test_real_run_destroys_personal_data_and_keeps_an_anonymous_record(drie_afgesloten):
    geen, afgebroken, met_plan = drie_afgesloten
    call_command("opschonen", "--peildatum", "2026-06-02", "--uitvoeren", stdout=io.StringIO())
    assert list(Dossier.objects.values_list("pk", flat=True)) == [met_plan.pk]
    assert set(Rechthebbende.objects.values_list("achternaam", flat=True)) == {"Plan"}
    assert not DossierGebeurtenis.objects.filter(dossier_id__in=[geen.pk, afgebroken.pk]).exists()
    assert not Verificatie.objects.filter(dossier_id=geen.pk).exists()
    registraties = {r.categorie: r for r in Vernietigingsregistratie.objects.all()}
    assert set(registraties) == {Bewaarcategorie.GEEN_RECHTHEBBENDE, Bewaarcategorie.AFGEBROKEN}
    r = registraties[Bewaarcategorie.GEEN_RECHTHEBBENDE]
    assert (r.aantal_dossiers, r.aantal_rechthebbenden, r.termijn_maanden) == (1, 1, 3)
    # A second run finds nothing more, and the logs stay intact and verifiable.
    assert opschonen(peildatum=date(2026, 6, 2), uitgevoerd_door="test") == []
    from nieuwestart.logboek.models import Beveiligingsgebeurtenis
    from nieuwestart.logboek.services import controleer_integriteit

    assert controleer_integriteit().ok
    assert Beveiligingsgebeurtenis.objects.filter(actie="persoonsgegevens_opgeschoond").count() == 1
    from nieuwestart.logboek.models import Verwerking
    from nieuwestart.logboek.services import betrokkene_hash

    vernietigd = set(Verwerking.objects.filter(naam="persoonsgegevens_opgeschoond").values_list("betrokkene_hash", flat=True))
    assert vernietigd == {betrokkene_hash(geen.rechthebbende.bsn), betrokkene_hash(afgebroken.rechthebbende.bsn)}


def test_a_person_with_another_dossier_keeps_their_personal_data(maak_dossier, consulent):
    oud = maak_dossier(bsn="123456782", doelgroep="AANGEMELDE_AANVRAGER", aanmelddatum=date(2024, 1, 1))
    sluit(oud, consulent, date(2024, 2, 1))
    maak_dossier(bsn="123456782", doelgroep="ERKENDE_OUDER", aanmelddatum=date(2026, 1, 1))
    registraties = opschonen(peildatum=date(2026, 6, 1), uitgevoerd_door="test")
    assert registraties[0].aantal_dossiers == 1 and registraties[0].aantal_rechthebbenden == 0
    assert Rechthebbende.objects.filter(bsn="123456782").exists()


def test_retention_terms_are_reference_data_the_auditor_edits(drie_afgesloten):
    Bewaarregel.objects.filter(categorie=Bewaarcategorie.AFGEBROKEN).update(termijn_maanden=24)
    plan = opschoonplan(peildatum=date(2026, 6, 2))
    assert [k.categorie for k in plan.kandidaten] == [Bewaarcategorie.GEEN_RECHTHEBBENDE]


def test_a_dossier_with_everything_is_destroyed_whole_after_its_last_provision_ended(maak_dossier, consulent):
    """Issued plan and beschikkingen, a bezwaar, a referral, a driegesprek, an outgoing transfer and the
    termination: all of it goes, and the term runs from the end of the last granted provision."""
    from nieuwestart.beeindiging import services as beeindiging
    from nieuwestart.beeindiging.tests.conftest import plan_met_emdr
    from nieuwestart.beschikkingen import services as beschikkingen
    from nieuwestart.beschikkingen.models import Beschikking
    from nieuwestart.ketenpartners import services as keten
    from nieuwestart.ketenpartners.models import OverledenAanvrager
    from nieuwestart.overdracht import services as overdracht
    from nieuwestart.plannen.models import Planversie, Voorziening
    from nieuwestart.plannen.tests.conftest import gesprek_voeren

    dossier = gesprek_voeren(maak_dossier(achternaam="Alles"), consulent)
    plan_met_emdr(dossier, consulent)  # issued 23-11-2026; the provisions run until 28-02-2027
    [brief] = Beschikking.objects.filter(dossier=dossier)
    dag = date(2026, 11, 24)
    beschikkingen.verzending_vastleggen(beschikking=brief, verzonden_op=dag, via="POST", door=consulent, vandaag=dag)
    beschikkingen.bezwaar_registreren(beschikking=brief, ontvangen_op=dag, door=consulent, vandaag=dag)
    keten.driegesprek_aanvragen(dossier=dossier, door=consulent, initiatief="GEMEENTE", aangevraagd_op=dag,
                                onderwerpen="Schulden", vandaag=dag)
    keten.verwijzing_maken(dossier=dossier, door=consulent, partner="OT_UITHUISPLAATSINGEN", datum=dag,
                           reden="Kinderen uit huis geplaatst", vandaag=dag)
    weg, _pakket = overdracht.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Almere", vandaag=dag)
    overdracht.beeindigen_wegens_verhuizing(dossier=dossier, door=consulent, datum=dag, overdracht=weg, vandaag=dag)
    beeindiging.afsluiten(dossier=dossier, door=consulent, datum=dag, vandaag=dag,
                          reden_zonder_nazorg="Verhuisd; de nieuwe gemeente neemt het over.")
    # A survivor's dossier elsewhere refers to this person as the deceased applicant.
    nabestaande = maak_dossier(achternaam="Nabestaande", doelgroep="NABESTAANDE")
    OverledenAanvrager.objects.create(
        dossier=nabestaande, rechthebbende=dossier.rechthebbende, naam="A. Alles", overlijdensdatum=dag,
        relatie="KIND", vastgelegd_door=consulent,
    )

    # Ten years after closing is not enough: the EMDR sessions ran until 28-02-2027.
    assert [k.dossier_id for k in opschoonplan(peildatum=date(2036, 12, 1)).kandidaten] == []
    [kandidaat] = opschoonplan(peildatum=date(2037, 2, 28)).kandidaten
    assert kandidaat.dossier_id == dossier.pk and kandidaat.vernietigen_vanaf == date(2037, 2, 28)

    opschonen(peildatum=date(2037, 2, 28), uitgevoerd_door="test")
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not Planversie._base_manager.filter(dossier_id=dossier.pk).exists()
    assert not Voorziening._base_manager.filter(planversie__dossier_id=dossier.pk).exists()
    assert not Beschikking._base_manager.filter(dossier_id=dossier.pk).exists()
    assert not Rechthebbende.objects.filter(achternaam="Alles").exists()
    # The survivor's own dossier keeps the copied name of the deceased.
    link = OverledenAanvrager.objects.get(dossier=nabestaande)
    assert (link.rechthebbende, link.naam) == (None, "A. Alles")
