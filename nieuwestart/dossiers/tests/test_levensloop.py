"""The dossier lifecycle: verification, eerste gesprek, transitions and the append-only log."""

from datetime import date

import pytest

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers import services
from nieuwestart.dossiers.models import DossierGebeurtenis, DossierStatus, EersteGesprek, Verificatie
from nieuwestart.dossiers.transitions import TRANSITIES, TransitieNietToegestaan, voer_transitie_uit
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db
VANDAAG = date(2026, 11, 23)


def verifieer(dossier, door, *, uitkomst="BEVESTIGD", datum=date(2026, 9, 3)):
    return services.verificatie_vastleggen(
        dossier=dossier, door=door, datum=datum, uitkomst=uitkomst, contactpersoon_uht="Serviceteam", vandaag=VANDAAG
    )


def voer_gesprek(dossier, door, *, datum=date(2026, 9, 15), **extra):
    kwargs = {"hulpvragen": {"FINANCIEN": "Overzicht in schulden", "WONEN": ""}, "acute_situatie": False} | extra
    return services.eerste_gesprek_vastleggen(dossier=dossier, door=door, datum=datum, vandaag=VANDAAG, **kwargs)


def test_confirmed_verification_moves_the_dossier_to_geverifieerd(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.GEVERIFIEERD
    assert list(dossier.gebeurtenissen.values_list("soort", flat=True)) == [
        "AANGEMELD", "VERIFICATIE_VASTGELEGD", "GEVERIFIEERD"
    ]
    assert Verificatie.objects.get(dossier=dossier).uitgevoerd_door == consulent


@pytest.mark.parametrize("uitkomst", ["NIET_BEVESTIGD", "ONBEKEND"])
def test_unconfirmed_verification_is_recorded_but_blocks_the_eerste_gesprek(maak_dossier, consulent, uitkomst):
    dossier = maak_dossier()
    verifieer(dossier, consulent, uitkomst=uitkomst)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AANGEMELD
    with pytest.raises(RegelOvertreding) as exc:
        voer_gesprek(dossier, consulent)
    assert exc.value.regel is regels.VERIFICATIE_VOOR_EERSTE_GESPREK
    assert "UHT" in exc.value.bericht
    assert not EersteGesprek.objects.exists()


def test_eerste_gesprek_starts_the_plan_material_and_two_year_terms(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    voer_gesprek(dossier, consulent, datum=date(2026, 9, 15))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.EERSTE_GESPREK_GEVOERD
    termijnen = {t.regel: t for t in Termijn.objects.filter(dossier=dossier)}
    assert termijnen["EERSTE_GESPREK"].voldaan_op == date(2026, 9, 15)
    assert termijnen["PLAN_VAN_AANPAK"].einddatum == date(2026, 11, 10)
    assert termijnen["MATERIELE_VOORZIENINGEN"].einddatum == date(2027, 3, 15)
    assert termijnen["ALLE_BESLUITEN"].einddatum == date(2028, 9, 15)
    assert dossier.volgende_termijn_regel == "PLAN_VAN_AANPAK"
    assert [h.leefgebied for h in dossier.eerste_gesprek.hulpvragen.all()] == ["FINANCIEN"]


def test_eerste_gesprek_before_registration_is_refused(maak_dossier, consulent):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    verifieer(dossier, consulent, datum=date(2026, 9, 2))
    with pytest.raises(RegelOvertreding) as exc:
        voer_gesprek(dossier, consulent, datum=date(2026, 8, 31))
    assert exc.value.regel is regels.DATUM_NIET_VOOR_AANMELDING
    assert exc.value.veld == "datum"
    assert "01-09-2026" in exc.value.bericht


def test_eerste_gesprek_in_the_future_is_refused(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    with pytest.raises(RegelOvertreding) as exc:
        voer_gesprek(dossier, consulent, datum=date(2026, 12, 1))
    assert exc.value.regel is regels.DATUM_NIET_IN_TOEKOMST


def test_eerste_gesprek_needs_a_hulpvraag_and_an_acute_situation_needs_a_description(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    with pytest.raises(RegelOvertreding) as exc:
        voer_gesprek(dossier, consulent, hulpvragen={"WONEN": "  "})
    assert exc.value.regel is regels.HULPVRAAG_NODIG
    with pytest.raises(RegelOvertreding) as exc:
        voer_gesprek(dossier, consulent, acute_situatie=True, acute_toelichting="")
    assert exc.value.regel is regels.ACUTE_SITUATIE_TOELICHTEN


def test_a_second_eerste_gesprek_is_refused_with_a_dutch_explanation(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    voer_gesprek(dossier, consulent)
    with pytest.raises(TransitieNietToegestaan) as exc:
        voer_gesprek(dossier, consulent)
    assert "eerste gesprek gevoerd" in exc.value.bericht.lower()
    assert EersteGesprek.objects.count() == 1


def test_a_failure_halfway_leaves_no_trace(maak_dossier, consulent, monkeypatch):
    dossier = maak_dossier()
    aantal_gebeurtenissen = DossierGebeurtenis.objects.count()

    def kapot(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("nieuwestart.termijnen.services.termijnen_bijwerken", kapot)
    with pytest.raises(RuntimeError):
        verifieer(dossier, consulent)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AANGEMELD
    assert not Verificatie.objects.exists()
    assert DossierGebeurtenis.objects.count() == aantal_gebeurtenissen


def test_transitions_only_follow_the_table(maak_dossier, consulent):
    dossier = maak_dossier()
    with pytest.raises(TransitieNietToegestaan):
        voer_transitie_uit(dossier, "plan_vaststellen", door=consulent, datum=VANDAAG)
    voer_transitie_uit(dossier, "beeindigen", door=consulent, datum=VANDAAG)
    voer_transitie_uit(dossier, "nazorg_starten", door=consulent, datum=VANDAAG)
    voer_transitie_uit(dossier, "afsluiten", door=consulent, datum=VANDAAG)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AFGESLOTEN
    # Ending makes the open eerste-gesprek term moot rather than overdue.
    assert Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK").vervallen_op == VANDAAG


def test_every_status_is_reachable_from_aangemeld():
    bereikbaar, rand = {DossierStatus.AANGEMELD}, [DossierStatus.AANGEMELD]
    while rand:
        status = rand.pop()
        for t in TRANSITIES.values():
            if status in t.van and t.naar not in bereikbaar:
                bereikbaar.add(t.naar)
                rand.append(t.naar)
    assert bereikbaar == set(DossierStatus)


def test_the_event_log_is_append_only(maak_dossier):
    dossier = maak_dossier()
    gebeurtenis = dossier.gebeurtenissen.get()
    gebeurtenis.toelichting = "gewijzigd"
    with pytest.raises(PermissionError):
        gebeurtenis.save()
    with pytest.raises(PermissionError):
        gebeurtenis.delete()
    with pytest.raises(PermissionError):
        DossierGebeurtenis.objects.filter(dossier=dossier).update(toelichting="x")
    with pytest.raises(PermissionError):
        DossierGebeurtenis.objects.filter(dossier=dossier).delete()


def test_suspension_moves_the_plan_term_and_a_notice_sets_a_new_date(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    voer_gesprek(dossier, consulent, datum=date(2026, 9, 15))
    services.termijn_opschorten(
        dossier=dossier, door=consulent, termijn="PLAN_VAN_AANPAK", datum=date(2026, 10, 1),
        reden="Rechthebbende vraagt uitstel", vandaag=VANDAAG,
    )
    services.opschorting_beeindigen(dossier=dossier, door=consulent, termijn="PLAN_VAN_AANPAK", datum=date(2026, 10, 11), vandaag=VANDAAG)
    termijn = Termijn.objects.get(dossier=dossier, regel="PLAN_VAN_AANPAK")
    assert termijn.opgeschorte_dagen == 10
    assert termijn.einddatum == date(2026, 11, 20)  # 10 Nov + 10 days, a Friday

    with pytest.raises(RegelOvertreding) as exc:
        services.termijn_opschorten(dossier=dossier, door=consulent, termijn="PLAN_VAN_AANPAK", datum=date(2026, 11, 1), reden=" ", vandaag=VANDAAG)
    assert exc.value.regel is regels.OPSCHORTING_MET_REDEN


def test_suspending_or_noticing_a_term_that_does_not_run_is_refused(maak_dossier, consulent):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    with pytest.raises(RegelOvertreding) as exc:
        services.termijn_opschorten(dossier=dossier, door=consulent, termijn="PLAN_VAN_AANPAK",
                                    datum=date(2026, 9, 5), reden="Uitstel gevraagd", vandaag=VANDAAG)
    assert exc.value.regel is regels.TERMIJN_NIET_OPEN
    with pytest.raises(RegelOvertreding) as exc:
        services.opschorting_beeindigen(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK", datum=date(2026, 9, 5), vandaag=VANDAAG)
    assert exc.value.regel is regels.OPSCHORTING_NIET_LOPEND
    # The eerste-gesprek term ended on 27 Oct 2026: a notice given after that no longer counts (Awb 4:14).
    with pytest.raises(RegelOvertreding) as exc:
        services.verwachte_datum_meedelen(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK",
                                          nieuwe_datum=date(2026, 12, 1), datum=date(2026, 11, 2), vandaag=VANDAAG)
    assert exc.value.regel is regels.NIEUWE_DATUM_BINNEN_TERMIJN


def test_a_suspension_cannot_end_before_it_started(maak_dossier, consulent):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    services.termijn_opschorten(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK",
                                datum=date(2026, 9, 10), reden="Tolk nodig", vandaag=VANDAAG)
    with pytest.raises(RegelOvertreding) as exc:
        services.opschorting_beeindigen(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK", datum=date(2026, 9, 5), vandaag=VANDAAG)
    assert exc.value.veld == "datum" and "10-09-2026" in exc.value.bericht
    with pytest.raises(RegelOvertreding):
        services.termijn_opschorten(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK",
                                    datum=date(2026, 9, 12), reden="nog eens", vandaag=VANDAAG)


def test_a_second_verification_explains_in_plain_dutch_why_not(maak_dossier, consulent):
    dossier = maak_dossier()
    verifieer(dossier, consulent)
    with pytest.raises(RegelOvertreding) as exc:
        verifieer(dossier, consulent, uitkomst="NIET_BEVESTIGD")
    assert exc.value.regel is regels.VERIFICATIE_AL_GEDAAN
    assert "status 'Geverifieerd'" in exc.value.bericht and "'Aangemeld'" in exc.value.bericht
    assert Verificatie.objects.filter(dossier=dossier).count() == 1
