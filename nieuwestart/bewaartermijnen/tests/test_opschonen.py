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
