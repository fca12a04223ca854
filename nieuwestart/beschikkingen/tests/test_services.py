"""Storing a beschikking for good, sending it (which starts the bezwaartermijn), and the bezwaar flow."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.beschikkingen import services
from nieuwestart.beschikkingen.models import Beschikking, BezwaarUitkomst
from nieuwestart.beschikkingen.serialisatie import inhoud_uit_json
from nieuwestart.beschikkingen.testhulp import inhoud_voor, maak_beschikking
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

LATER = date(2027, 6, 1)  # "today" for flows whose dates lie after the fixtures' default today


@pytest.fixture
def dossier(maak_dossier):
    return maak_dossier()


def _termijn(dossier, regel, kenmerk):
    return Termijn.objects.get(dossier=dossier, regel=regel, sleutel=kenmerk)


# --- Storing ----------------------------------------------------------------------------------

def test_beschikking_vastleggen_stores_content_documents_and_hash(dossier, consulent):
    inhoud = inhoud_voor(dossier, voorzieningen=2, leefgebieden=1)
    b = services.beschikking_vastleggen(dossier=dossier, planversie=None, inhoud=inhoud, door=consulent, datum=inhoud.datum)
    b.refresh_from_db()
    assert b.kenmerk == inhoud.kenmerk and b.soort == "PLAN" and b.dossier == dossier
    assert bytes(b.pdf).startswith(b"%PDF") and bytes(b.docx).startswith(b"PK")
    assert b.pdf_sha256 == services.sha256(bytes(b.pdf))
    assert inhoud_uit_json(b.inhoud) == inhoud
    assert b.sjabloonversie == "PDF_HTML-standaard-1; DOCX-standaard-1"
    assert services.pdf_ongewijzigd(b)


def test_content_for_another_dossier_is_refused(dossier, maak_dossier, consulent):
    ander = maak_dossier(achternaam="Bakker")
    with pytest.raises(ValueError):
        services.beschikking_vastleggen(
            dossier=ander, planversie=None, inhoud=inhoud_voor(dossier), door=consulent, datum=date(2026, 11, 2)
        )


def test_a_stored_pdf_that_was_tampered_with_fails_the_hash_check(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False)
    assert services.pdf_ongewijzigd(b)
    b.pdf = bytes(b.pdf) + b" "
    assert not services.pdf_ongewijzigd(b)


@pytest.mark.parametrize("veld,waarde", [
    ("pdf", b"%PDF-other"), ("pdf_sha256", "0" * 64), ("inhoud", {}), ("kenmerk", "X"), ("datum", date(2026, 1, 1)),
    ("docx", b"PK other"),
])
def test_an_issued_beschikking_never_changes(dossier, consulent, veld, waarde):
    b = maak_beschikking(dossier, consulent, renderen=False)
    setattr(b, veld, waarde)
    with pytest.raises(PermissionError):
        b.save()


def test_beschikkingen_are_never_updated_in_bulk_or_deleted(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False)
    with pytest.raises(PermissionError):
        Beschikking.objects.filter(pk=b.pk).update(pdf=b"x")
    with pytest.raises(PermissionError):
        Beschikking.objects.filter(pk=b.pk).delete()
    with pytest.raises(PermissionError):
        b.delete()


def test_the_sending_date_is_recorded_once_and_never_changes(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False, verzonden_op=date(2026, 11, 2))
    b.verzonden_op = date(2026, 11, 3)
    with pytest.raises(PermissionError):
        b.save()


# --- Sending starts the bezwaartermijn ---------------------------------------------------------

def test_sending_writes_the_event_and_starts_the_bezwaartermijn(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False)
    services.verzending_vastleggen(beschikking=b, verzonden_op=date(2026, 11, 2), via="POST", door=consulent, vandaag=LATER)
    gebeurtenis = DossierGebeurtenis.objects.get(dossier=dossier, soort="BESCHIKKING_BEKENDGEMAAKT")
    assert gebeurtenis.gegevens["beschikking"] == b.kenmerk and gebeurtenis.datum == date(2026, 11, 2)
    termijn = _termijn(dossier, "BEZWAARTERMIJN", b.kenmerk)
    # Awb 6:7/6:8: six weeks from the day after sending.
    assert termijn.einddatum == date(2026, 12, 14)
    b.refresh_from_db()
    assert b.verzonden_op == date(2026, 11, 2) and b.verzonden_via == "POST" and b.verzending_vastgelegd_door == consulent


def test_a_bezwaartermijn_ending_on_boxing_day_moves_to_the_next_working_day(dossier, consulent):
    # Sent Saturday 14 November 2026: six weeks end Saturday 26 December (2nd Christmas day) -> Monday 28th (ATW).
    b = maak_beschikking(dossier, consulent, renderen=False, datum=date(2026, 11, 13))
    services.verzending_vastleggen(beschikking=b, verzonden_op=date(2026, 11, 14), via="POST", door=consulent, vandaag=LATER)
    assert _termijn(dossier, "BEZWAARTERMIJN", b.kenmerk).einddatum == date(2026, 12, 28)


def test_each_beschikking_has_its_own_bezwaartermijn(dossier, consulent):
    eerste = maak_beschikking(dossier, consulent, renderen=False, kenmerk="A-V1", verzonden_op=date(2026, 11, 2))
    tweede = maak_beschikking(
        dossier, consulent, renderen=False, kenmerk="A-V2", datum=date(2026, 11, 10), soort="ADDENDUM",
    )
    services.verzending_vastleggen(beschikking=tweede, verzonden_op=date(2026, 11, 10), via="EMAIL", door=consulent, vandaag=LATER)
    assert _termijn(dossier, "BEZWAARTERMIJN", eerste.kenmerk).einddatum == date(2026, 12, 14)
    assert _termijn(dossier, "BEZWAARTERMIJN", tweede.kenmerk).einddatum == date(2026, 12, 22)


def test_sending_twice_is_refused(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False, verzonden_op=date(2026, 11, 2))
    with pytest.raises(RegelOvertreding) as fout:
        services.verzending_vastleggen(beschikking=b, verzonden_op=date(2026, 11, 3), via="POST", door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.BESCHIKKING_AL_VERZONDEN


@pytest.mark.parametrize("verzonden_op,regel", [
    (date(2026, 11, 1), regels.DATUM_NIET_VOOR_BESLUIT),  # before the decision
    (date(2026, 11, 24), regels.DATUM_NIET_IN_TOEKOMST),  # after today
])
def test_a_sending_date_before_the_decision_or_in_the_future_is_refused(dossier, consulent, verzonden_op, regel):
    b = maak_beschikking(dossier, consulent, renderen=False)
    with pytest.raises(RegelOvertreding) as fout:
        services.verzending_vastleggen(
            beschikking=b, verzonden_op=verzonden_op, via="POST", door=consulent, vandaag=date(2026, 11, 23)
        )
    assert fout.value.regel is regel and fout.value.veld == "verzonden_op"


def test_sending_on_the_day_of_the_decision_is_allowed(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False)
    services.verzending_vastleggen(beschikking=b, verzonden_op=b.datum, via="PORTAAL", door=consulent, vandaag=b.datum)
    assert _termijn(dossier, "BEZWAARTERMIJN", b.kenmerk).startdatum == b.datum


def test_a_verbal_agreement_is_recorded_once_on_the_timeline(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False)
    services.mondeling_akkoord_vastleggen(
        beschikking=b, datum=date(2026, 10, 30), hoe="In het gesprek op kantoor", door=consulent, vandaag=LATER
    )
    b.refresh_from_db()
    assert b.mondeling_akkoord_op == date(2026, 10, 30) and b.mondeling_akkoord_hoe == "In het gesprek op kantoor"
    assert DossierGebeurtenis.objects.filter(dossier=dossier, soort="TOELICHTING", gegevens__mondeling_akkoord=True).exists()
    with pytest.raises(RegelOvertreding) as fout:
        services.mondeling_akkoord_vastleggen(beschikking=b, datum=date(2026, 11, 3), hoe="Telefoon", door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.MONDELING_AKKOORD_AL_VASTGELEGD


# --- Bezwaar: in time (Awb 6:7-6:9) -------------------------------------------------------------

EINDE = date(2026, 12, 14)


@pytest.mark.parametrize("ontvangen,post,tijdig", [
    (EINDE, None, True),                                       # last day of the term (6:9 lid 1)
    (EINDE + timedelta(days=1), None, False),                  # one day late, not by post
    (date(2026, 11, 5), None, True),                           # early in the term
    (EINDE + timedelta(days=7), EINDE, True),                  # posted on the last day, received a week later (6:9 lid 2)
    (EINDE + timedelta(days=8), EINDE, False),                 # received more than a week after the end
    (EINDE + timedelta(days=3), EINDE + timedelta(days=1), False),  # posted after the end
])
def test_bezwaar_tijdig_follows_awb_6_9(ontvangen, post, tijdig):
    assert services.bezwaar_tijdig(termijn_einde=EINDE, ontvangen_op=ontvangen, per_post_verzonden_op=post) is tijdig


@given(
    einde=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    dagen_na=st.integers(min_value=-60, max_value=60),
    post_dagen_na=st.one_of(st.none(), st.integers(min_value=-60, max_value=60)),
)
def test_bezwaar_tijdig_matches_the_rule_in_words(einde, dagen_na, post_dagen_na):
    ontvangen = einde + timedelta(days=dagen_na)
    post = None if post_dagen_na is None else min(ontvangen, einde + timedelta(days=post_dagen_na))
    verwacht = dagen_na <= 0 or (post is not None and post <= einde and dagen_na <= 7)
    assert services.bezwaar_tijdig(termijn_einde=einde, ontvangen_op=ontvangen, per_post_verzonden_op=post) is verwacht


def _verzonden(dossier, consulent, **kw):
    return maak_beschikking(dossier, consulent, renderen=False, verzonden_op=date(2026, 11, 2), **kw)


def test_bezwaar_uses_the_stored_term_and_starts_the_decision_term(dossier, consulent):
    b = _verzonden(dossier, consulent)
    bezwaar = services.bezwaar_registreren(beschikking=b, ontvangen_op=EINDE, door=consulent, vandaag=LATER)
    assert bezwaar.termijn_einde == EINDE and bezwaar.tijdig
    assert DossierGebeurtenis.objects.filter(dossier=dossier, soort="BEZWAAR_ONTVANGEN", gegevens__beschikking=b.kenmerk).exists()
    # Awb 7:10: six weeks from the end of the bezwaartermijn.
    assert _termijn(dossier, "BESLISTERMIJN_BEZWAAR", b.kenmerk).einddatum == date(2027, 1, 25)
    assert _termijn(dossier, "BEZWAARTERMIJN", b.kenmerk).voldaan_op == EINDE


def test_the_decision_term_is_twelve_weeks_with_an_advisory_committee(dossier, consulent):
    b = _verzonden(dossier, consulent)
    services.bezwaar_registreren(beschikking=b, ontvangen_op=date(2026, 11, 20), adviescommissie=True, door=consulent, vandaag=LATER)
    assert _termijn(dossier, "BESLISTERMIJN_BEZWAAR", b.kenmerk).einddatum == date(2027, 3, 8)


def test_a_late_bezwaar_is_registered_as_late(dossier, consulent):
    b = _verzonden(dossier, consulent)
    bezwaar = services.bezwaar_registreren(beschikking=b, ontvangen_op=EINDE + timedelta(days=1), door=consulent, vandaag=LATER)
    assert bezwaar.tijdig is False


def test_a_posted_bezwaar_received_within_a_week_is_in_time(dossier, consulent):
    b = _verzonden(dossier, consulent)
    bezwaar = services.bezwaar_registreren(
        beschikking=b, ontvangen_op=EINDE + timedelta(days=7), per_post_verzonden_op=EINDE, door=consulent, vandaag=LATER
    )
    assert bezwaar.tijdig is True


def test_bezwaar_before_sending_is_refused(dossier, consulent):
    b = maak_beschikking(dossier, consulent, renderen=False)
    with pytest.raises(RegelOvertreding) as fout:
        services.bezwaar_registreren(beschikking=b, ontvangen_op=date(2026, 11, 20), door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.BEZWAAR_NA_VERZENDING


def test_a_second_bezwaar_against_the_same_beschikking_is_refused(dossier, consulent):
    b = _verzonden(dossier, consulent)
    services.bezwaar_registreren(beschikking=b, ontvangen_op=date(2026, 11, 20), door=consulent, vandaag=LATER)
    with pytest.raises(RegelOvertreding) as fout:
        services.bezwaar_registreren(beschikking=b, ontvangen_op=date(2026, 11, 21), door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.EEN_BEZWAAR_PER_BESCHIKKING


def test_posting_after_receipt_is_refused(dossier, consulent):
    b = _verzonden(dossier, consulent)
    with pytest.raises(RegelOvertreding) as fout:
        services.bezwaar_registreren(
            beschikking=b, ontvangen_op=date(2026, 11, 20), per_post_verzonden_op=date(2026, 11, 21), door=consulent, vandaag=LATER
        )
    assert fout.value.regel is regels.POST_VOOR_ONTVANGST


# --- Bezwaar: extension and decision (Awb 7:10) -------------------------------------------------

@pytest.fixture
def bezwaar(dossier, consulent):
    b = _verzonden(dossier, consulent)
    return services.bezwaar_registreren(beschikking=b, ontvangen_op=date(2026, 11, 20), door=consulent, vandaag=LATER)


def test_extending_once_adds_six_weeks(dossier, consulent, bezwaar):
    services.beslistermijn_verdagen(bezwaar=bezwaar, verdaagd_op=date(2027, 1, 10), reden="Advies nodig", door=consulent, vandaag=LATER)
    assert _termijn(dossier, "BESLISTERMIJN_BEZWAAR", bezwaar.beschikking.kenmerk).einddatum == date(2027, 3, 8)
    bezwaar.refresh_from_db()
    assert bezwaar.verdaagd_op == date(2027, 1, 10)
    with pytest.raises(RegelOvertreding) as fout:
        services.beslistermijn_verdagen(bezwaar=bezwaar, verdaagd_op=date(2027, 1, 11), reden="Nog eens", door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.BESLISTERMIJN_EENMAAL_VERDAGEN


def test_extending_on_the_last_day_is_allowed_but_not_the_day_after(dossier, consulent, bezwaar):
    with pytest.raises(RegelOvertreding) as fout:
        services.beslistermijn_verdagen(bezwaar=bezwaar, verdaagd_op=date(2027, 1, 26), reden="Te laat", door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.VERDAGEN_BINNEN_BESLISTERMIJN
    services.beslistermijn_verdagen(bezwaar=bezwaar, verdaagd_op=date(2027, 1, 25), reden="Op tijd", door=consulent, vandaag=LATER)
    assert _termijn(dossier, "BESLISTERMIJN_BEZWAAR", bezwaar.beschikking.kenmerk).einddatum == date(2027, 3, 8)


def test_extending_needs_a_reason(consulent, bezwaar):
    with pytest.raises(RegelOvertreding) as fout:
        services.beslistermijn_verdagen(bezwaar=bezwaar, verdaagd_op=date(2027, 1, 10), reden="  ", door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.VERDAGING_MET_REDEN


@pytest.mark.parametrize("uitkomst", list(BezwaarUitkomst))
def test_the_decision_meets_the_decision_term(dossier, consulent, bezwaar, uitkomst):
    services.bezwaar_afhandelen(bezwaar=bezwaar, uitkomst=uitkomst, datum=date(2027, 1, 5), toelichting="Uitleg", door=consulent, vandaag=LATER)
    termijn = _termijn(dossier, "BESLISTERMIJN_BEZWAAR", bezwaar.beschikking.kenmerk)
    assert termijn.voldaan_op == date(2027, 1, 5)
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == uitkomst and bezwaar.afgehandeld
    with pytest.raises(RegelOvertreding) as fout:
        services.bezwaar_afhandelen(bezwaar=bezwaar, uitkomst="GEGROND", datum=date(2027, 1, 6), door=consulent, vandaag=LATER)
    assert fout.value.regel is regels.BEZWAAR_AL_AFGEHANDELD
    with pytest.raises(RegelOvertreding):
        services.beslistermijn_verdagen(bezwaar=bezwaar, verdaagd_op=date(2027, 1, 6), reden="x", door=consulent, vandaag=LATER)


def test_a_decision_before_the_objection_arrived_is_refused(consulent, bezwaar):
    with pytest.raises(RegelOvertreding) as fout:
        services.bezwaar_afhandelen(bezwaar=bezwaar, uitkomst="ONGEGROND", datum=date(2026, 11, 19), door=consulent, vandaag=LATER)
    assert fout.value.veld == "datum"


def test_kenmerk_voor():
    assert services.kenmerk_voor("NS-2026-000123", versie=2, soort="ADDENDUM") == "NS-2026-000123-V2"
    assert services.kenmerk_voor("NS-2026-000123", versie=0, soort="BEEINDIGING") == "NS-2026-000123-E1"


def test_the_retention_purge_removes_beschikkingen_and_bezwaren_with_their_dossier(maak_dossier, consulent):
    """Beschikkingen refuse every delete, except together with their dossier in the retention purge."""
    from nieuwestart.beschikkingen.models import Bezwaar
    from nieuwestart.bewaartermijnen.services import opschonen
    from nieuwestart.dossiers.models import Dossier
    from nieuwestart.dossiers.transitions import voer_transitie_uit

    oud = maak_dossier(aanmelddatum=date(2024, 1, 1))
    maak_beschikking(oud, consulent, renderen=False, datum=date(2024, 1, 5), verzonden_op=date(2024, 1, 5),
                     bezwaar_ontvangen_op=date(2024, 1, 20), vandaag=date(2024, 2, 1))
    voer_transitie_uit(oud, "beeindigen", door=consulent, datum=date(2024, 2, 1))
    voer_transitie_uit(oud, "afsluiten", door=consulent, datum=date(2024, 2, 1))
    opschonen(peildatum=date(2031, 6, 1), uitgevoerd_door="test")
    assert not Dossier.objects.filter(pk=oud.pk).exists()
    assert not Beschikking.objects.exists() and not Bezwaar.objects.exists()
