"""The terms as data and the engine that computes them from events (hand-computed dates)."""

from datetime import date, timedelta

import pytest

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as S
from nieuwestart.termijnen.engine import (
    Beleid,
    BerekendeTermijn,
    Gebeurtenis,
    OngeldigeGebeurtenis,
    TermijnStatus,
    bereken_einddatum,
    bereken_termijnen,
    eerstvolgende_open_termijn,
)
from nieuwestart.termijnen.kalender import AtwKalender
from nieuwestart.termijnen.regels import (
    REGELS,
    Duur,
    Eenheid,
    TermijnAard,
    TermijnSoort,
    controleer_regels,
    regel,
)

KALENDER = AtwKalender()
BELEID = Beleid()
T = TermijnSoort


def bereken(*gebeurtenissen: Gebeurtenis, beleid: Beleid = BELEID) -> list[BerekendeTermijn]:
    return bereken_termijnen(gebeurtenissen, beleid=beleid, kalender=KALENDER)


def een(
    termijnen: list[BerekendeTermijn], code: TermijnSoort, sleutel: str = ""
) -> BerekendeTermijn:
    gevonden = [t for t in termijnen if t.regel.code == code and t.sleutel == sleutel]
    assert len(gevonden) == 1, f"expected one {code}/{sleutel!r}, got {len(gevonden)}"
    return gevonden[0]


class Log:
    """Builds events with increasing ids, as a dossier's log would."""

    def __init__(self) -> None:
        self.gebeurtenissen: list[Gebeurtenis] = []

    def __call__(self, soort: S, datum: date, **gegevens) -> "Log":
        volgnummer = len(self.gebeurtenissen) + 1
        self.gebeurtenissen.append(Gebeurtenis(volgnummer, soort, datum, gegevens))
        return self

    def bereken(self, beleid: Beleid = BELEID) -> list[BerekendeTermijn]:
        return bereken(*self.gebeurtenissen, beleid=beleid)


# --- the rules as data -------------------------------------------------------


def test_every_term_code_has_exactly_one_rule():
    assert sorted(r.code for r in REGELS) == sorted(TermijnSoort.values)
    assert regel("BEZWAARTERMIJN").code == T.BEZWAARTERMIJN
    with pytest.raises(KeyError):
        regel("BESTAAT_NIET")


def test_every_rule_has_a_name_an_explanation_and_a_legal_basis():
    for r in REGELS:
        assert str(r.naam).strip()
        assert len(str(r.uitleg)) > 40
        assert r.grondslag.strip()


@pytest.mark.parametrize(
    ("duur", "van_toepassing"),
    [
        (Duur(8, Eenheid.WEKEN), True),
        (Duur(6, Eenheid.WEKEN), True),
        (Duur(12, Eenheid.WEKEN), True),
        (Duur(13, Eenheid.WEKEN), False),
        (Duur(30, Eenheid.DAGEN), True),
        (Duur(90, Eenheid.DAGEN), True),
        (Duur(91, Eenheid.DAGEN), False),
        (Duur(3, Eenheid.MAANDEN), True),
        (Duur(6, Eenheid.MAANDEN), False),
        (Duur(1, Eenheid.JAREN), False),
        (Duur(2, Eenheid.JAREN), False),
    ],
)
def test_atw_article_4_excludes_long_terms_and_terms_in_years(duur, van_toepassing):
    assert duur.atw_van_toepassing is van_toepassing


def test_duur_adds_months_with_the_last_day_when_the_day_does_not_exist():
    assert Duur(6, Eenheid.MAANDEN).tel_op(date(2025, 8, 31)) == date(2026, 2, 28)
    assert Duur(1, Eenheid.JAREN).tel_op(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Duur(8, Eenheid.WEKEN).tel_op(date(2026, 1, 10)) == date(2026, 3, 7)


def test_a_rule_set_with_a_dependency_out_of_order_is_rejected():
    beslis = regel(T.BESLISTERMIJN_BEZWAAR)
    with pytest.raises(ValueError):
        controleer_regels((beslis, regel(T.BEZWAARTERMIJN)))
    with pytest.raises(ValueError):
        controleer_regels((regel(T.BEZWAARTERMIJN), regel(T.BEZWAARTERMIJN)))


def test_portaalbestand_is_30_days_and_never_moved_by_the_atw():
    # 1 Dec 2026 + 30 days = Thursday 31 Dec 2026: a werkdag; 26 Nov + 30 = Saturday 26 Dec.
    portaal = regel(T.PORTAALBESTAND)
    assert portaal.start_bij is None
    einde = bereken_einddatum(portaal, date(2026, 11, 26), beleid=BELEID, kalender=KALENDER)
    assert einde == date(2026, 12, 26)


def test_bereken_einddatum_applies_the_atw_for_a_statutory_term():
    # Acclimatisatie: 26 Nov 2026 + 30 days = Saturday 26 Dec (Tweede Kerstdag) -> Monday 28 Dec.
    acclimatisatie = regel(T.ACCLIMATISATIE)
    einde = bereken_einddatum(acclimatisatie, date(2026, 11, 26), beleid=BELEID, kalender=KALENDER)
    assert einde == date(2026, 12, 28)


def test_portaalbestand_is_not_computed_for_dossiers():
    termijnen = Log()(S.AANGEMELD, date(2026, 1, 5)).bereken()
    assert T.PORTAALBESTAND not in {t.regel.code for t in termijnen}


# --- eerste gesprek and local policy ------------------------------------------


def test_eerste_gesprek_of_8_weeks_ending_on_a_saturday_moves_to_monday():
    # Saturday 10 Jan 2026 + 8 weeks = Saturday 7 March -> Monday 9 March.
    t = een(Log()(S.AANGEMELD, date(2026, 1, 10)).bereken(), T.EERSTE_GESPREK)
    assert t.startdatum == date(2026, 1, 10)
    assert t.oorspronkelijke_einddatum == date(2026, 3, 7)
    assert t.einddatum == date(2026, 3, 9)
    assert t.atw_verlengd


def test_local_policy_of_6_weeks_for_the_eerste_gesprek_changes_the_end():
    # Saturday 10 Jan 2026 + 6 weeks = Saturday 21 Feb -> Monday 23 Feb.
    log = Log()(S.AANGEMELD, date(2026, 1, 10))
    t = een(log.bereken(Beleid(eerste_gesprek_weken=6)), T.EERSTE_GESPREK)
    assert t.oorspronkelijke_einddatum == date(2026, 2, 21)
    assert t.einddatum == date(2026, 2, 23)


def test_only_the_first_aanmelding_starts_the_eerste_gesprek_term():
    log = Log()(S.AANGEMELD, date(2026, 1, 5))(S.AANGEMELD, date(2026, 2, 2))
    t = een(log.bereken(), T.EERSTE_GESPREK)
    assert t.startdatum == date(2026, 1, 5)


def test_end_on_an_ordinary_werkdag_is_not_atw_extended():
    # Monday 5 Jan 2026 + 8 weeks = Monday 2 March.
    t = een(Log()(S.AANGEMELD, date(2026, 1, 5)).bereken(), T.EERSTE_GESPREK)
    assert t.einddatum == date(2026, 3, 2)
    assert not t.atw_verlengd


# --- windows that the ATW does not touch ---------------------------------------


def test_6_month_and_2_year_windows_ending_on_a_sunday_are_not_moved():
    # Friday 1 March 2024 + 6 months = Sunday 1 Sept 2024; + 2 years = Sunday 1 March 2026.
    termijnen = Log()(S.EERSTE_GESPREK_GEVOERD, date(2024, 3, 1)).bereken()
    materieel = een(termijnen, T.MATERIELE_VOORZIENINGEN)
    alles = een(termijnen, T.ALLE_BESLUITEN)
    assert materieel.einddatum == date(2024, 9, 1) == materieel.oorspronkelijke_einddatum
    assert alles.einddatum == date(2026, 3, 1) == alles.oorspronkelijke_einddatum
    assert not materieel.atw_verlengd and not alles.atw_verlengd


def test_kindregeling_schuldenaanbod_runs_one_year_and_is_not_moved():
    # Sunday 1 March 2026 is one year after Saturday 1 March 2025.
    log = Log()(S.KINDREGELING_UITBETAALD, date(2025, 3, 1))
    t = een(log.bereken(), T.KINDREGELING_SCHULDENAANBOD)
    assert t.einddatum == date(2026, 3, 1)
    assert t.status(date(2026, 3, 1)) == TermijnStatus.BIJNA_VERLOPEN
    assert t.status(date(2026, 3, 2)) == TermijnStatus.VERSTREKEN


def test_acclimatisatie_runs_30_days_and_is_met_by_beeindiging():
    # Wed 1 April 2026 + 30 days = Friday 1 May 2026 (a werkdag).
    log = Log()(S.UHT_NIET_ERKEND, date(2026, 4, 1))
    open_ = een(log.bereken(), T.ACCLIMATISATIE)
    assert open_.einddatum == date(2026, 5, 1)
    assert open_.status(date(2026, 5, 4)) == TermijnStatus.VERLOPEN
    log(S.BEEINDIGD, date(2026, 4, 28))
    assert een(log.bereken(), T.ACCLIMATISATIE).status(date(2026, 5, 4)) == TermijnStatus.VOLDAAN


# --- suspension (Awb 4:15) ---------------------------------------------------------


def plan_log() -> Log:
    # Eerste gesprek Monday 5 Jan 2026: plan due Monday 2 March 2026.
    return Log()(S.EERSTE_GESPREK_GEVOERD, date(2026, 1, 5))


def test_plan_van_aanpak_without_events_is_due_8_weeks_after_the_eerste_gesprek():
    assert een(plan_log().bereken(), T.PLAN_VAN_AANPAK).einddatum == date(2026, 3, 2)


def test_suspension_of_10_days_moves_the_end_by_10_days():
    log = plan_log()
    log(S.OPSCHORTING_GESTART, date(2026, 2, 2), termijn=T.PLAN_VAN_AANPAK, reden="stukken")
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 2, 12), termijn=T.PLAN_VAN_AANPAK)
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.opgeschorte_dagen == 10
    assert t.einddatum == date(2026, 3, 12)  # Thursday
    assert t.opgeschort_sinds is None


def test_suspension_then_atw_when_the_moved_end_is_a_saturday():
    # 12 days: 2 March + 12 = Saturday 14 March -> Monday 16 March.
    log = plan_log()(S.OPSCHORTING_GESTART, date(2026, 2, 2), termijn=T.PLAN_VAN_AANPAK)
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 2, 14), termijn=T.PLAN_VAN_AANPAK)
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.einddatum == date(2026, 3, 16)
    assert t.atw_verlengd


def test_two_suspensions_add_up():
    log = plan_log()
    log(S.OPSCHORTING_GESTART, date(2026, 1, 12), termijn=T.PLAN_VAN_AANPAK)
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 1, 15), termijn=T.PLAN_VAN_AANPAK)
    log(S.OPSCHORTING_GESTART, date(2026, 2, 2), termijn=T.PLAN_VAN_AANPAK)
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 2, 6), termijn=T.PLAN_VAN_AANPAK)
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.opgeschorte_dagen == 7
    assert t.einddatum == date(2026, 3, 9)


def test_suspension_of_another_term_does_not_move_this_one():
    log = plan_log()(S.OPSCHORTING_GESTART, date(2026, 2, 2), termijn=T.EERSTE_GESPREK)
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 2, 12), termijn=T.EERSTE_GESPREK)
    assert een(log.bereken(), T.PLAN_VAN_AANPAK).einddatum == date(2026, 3, 2)


def test_suspension_starting_after_the_end_does_not_revive_the_term():
    log = plan_log()(S.OPSCHORTING_GESTART, date(2026, 3, 5), termijn=T.PLAN_VAN_AANPAK)
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 3, 20), termijn=T.PLAN_VAN_AANPAK)
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.einddatum == date(2026, 3, 2)
    assert t.status(date(2026, 3, 10)) == TermijnStatus.VERLOPEN


def test_open_suspension_makes_the_end_provisional_and_the_term_keeps_running():
    log = plan_log()(S.OPSCHORTING_GESTART, date(2026, 2, 2), termijn=T.PLAN_VAN_AANPAK)
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.opgeschort_sinds == date(2026, 2, 2)
    # Provisional: as if the suspension ended the day it started.
    assert t.einddatum == date(2026, 3, 2)
    # Past the provisional end, but the clock is stopped: not overdue.
    assert t.status(date(2026, 4, 1)) == TermijnStatus.LOPEND
    # Before the suspension started it was an ordinary running term.
    assert t.status(date(2026, 1, 30)) == TermijnStatus.LOPEND
    assert t.status(date(2026, 2, 1)) != TermijnStatus.VERLOPEN
    assert eerstvolgende_open_termijn([t], vandaag=date(2026, 4, 1)) is None


def test_meeting_the_term_during_a_suspension_closes_the_suspension():
    log = plan_log()(S.OPSCHORTING_GESTART, date(2026, 2, 2), termijn=T.PLAN_VAN_AANPAK)
    log(S.PLAN_VASTGESTELD, date(2026, 3, 10))
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.opgeschort_sinds is None
    assert t.opgeschorte_dagen == 36
    assert t.status(date(2026, 3, 10)) == TermijnStatus.VOLDAAN
    assert not t.te_laat_voldaan


# --- notice of a new date (Awb 4:14) -------------------------------------------------


def mededeling(
    log: Log, datum: date, nieuwe_datum: date | str, termijn: TermijnSoort = T.EERSTE_GESPREK
) -> Log:
    return log(S.VERWACHTE_DATUM_MEEGEDEELD, datum, termijn=termijn, nieuwe_datum=nieuwe_datum)


def eerste_gesprek_log() -> Log:
    # Aangemeld Monday 5 Jan 2026: eerste gesprek due Monday 2 March 2026.
    return Log()(S.AANGEMELD, date(2026, 1, 5))


def test_notice_before_the_end_replaces_the_end_even_when_it_is_a_saturday():
    log = eerste_gesprek_log()
    mededeling(log, date(2026, 2, 20), "2026-04-04")
    t = een(log.bereken(), T.EERSTE_GESPREK)
    assert t.verdaagd_tot == date(2026, 4, 4)
    assert t.einddatum == date(2026, 4, 4)
    assert not t.atw_verlengd
    assert t.status(date(2026, 3, 10)) == TermijnStatus.LOPEND


def test_notice_on_the_last_day_still_counts():
    log = eerste_gesprek_log()
    mededeling(log, date(2026, 3, 2), date(2026, 3, 30))
    assert een(log.bereken(), T.EERSTE_GESPREK).einddatum == date(2026, 3, 30)


def test_notice_after_the_end_is_ignored():
    log = eerste_gesprek_log()
    mededeling(log, date(2026, 3, 10), "2026-04-04")
    t = een(log.bereken(), T.EERSTE_GESPREK)
    assert t.verdaagd_tot is None
    assert t.einddatum == date(2026, 3, 2)
    assert t.status(date(2026, 3, 11)) == TermijnStatus.VERLOPEN


def test_notice_for_a_term_that_is_not_verdaagbaar_is_ignored():
    log = Log()(S.UHT_NIET_ERKEND, date(2026, 4, 1))
    mededeling(log, date(2026, 4, 10), "2026-06-01", termijn=T.ACCLIMATISATIE)
    assert een(log.bereken(), T.ACCLIMATISATIE).einddatum == date(2026, 5, 1)


def test_notice_with_an_unreadable_date_is_an_error_not_a_silent_wrong_date():
    log = eerste_gesprek_log()
    mededeling(log, date(2026, 2, 20), "volgende week")
    with pytest.raises(OngeldigeGebeurtenis):
        log.bereken()


def test_suspension_after_a_notice_moves_the_notified_date():
    log = eerste_gesprek_log()
    mededeling(log, date(2026, 2, 20), "2026-04-04")
    log(S.OPSCHORTING_GESTART, date(2026, 3, 2), termijn=T.EERSTE_GESPREK)
    log(S.OPSCHORTING_BEEINDIGD, date(2026, 3, 7), termijn=T.EERSTE_GESPREK)
    t = een(log.bereken(), T.EERSTE_GESPREK)
    assert t.einddatum == date(2026, 4, 9)
    assert t.opgeschorte_dagen == 5


# --- statuses ----------------------------------------------------------------


def test_plan_met_in_time_is_voldaan():
    t = een(plan_log()(S.PLAN_VASTGESTELD, date(2026, 2, 20)).bereken(), T.PLAN_VAN_AANPAK)
    assert t.voldaan_op == date(2026, 2, 20)
    assert t.status(date(2026, 6, 1)) == TermijnStatus.VOLDAAN
    assert not t.is_open
    assert not t.te_laat_voldaan


def test_plan_met_on_the_end_date_is_voldaan_in_time():
    t = een(plan_log()(S.PLAN_VASTGESTELD, date(2026, 3, 2)).bereken(), T.PLAN_VAN_AANPAK)
    assert t.status(date(2026, 3, 2)) == TermijnStatus.VOLDAAN
    assert not t.te_laat_voldaan


def test_plan_met_late_is_voldaan_but_recorded_as_late():
    t = een(plan_log()(S.PLAN_VASTGESTELD, date(2026, 3, 3)).bereken(), T.PLAN_VAN_AANPAK)
    assert t.status(date(2026, 3, 3)) == TermijnStatus.VOLDAAN
    assert t.te_laat_voldaan
    # Seen on its end day, before it was met, it was still open.
    assert t.status(date(2026, 3, 2)) == TermijnStatus.BIJNA_VERLOPEN


def test_plan_not_met_after_the_end_is_verlopen():
    t = een(plan_log().bereken(), T.PLAN_VAN_AANPAK)
    assert t.is_open
    assert t.status(date(2026, 3, 3)) == TermijnStatus.VERLOPEN


def test_an_event_before_the_start_does_not_meet_the_term():
    log = Log()(S.PLAN_VASTGESTELD, date(2026, 1, 2))(S.EERSTE_GESPREK_GEVOERD, date(2026, 1, 5))
    assert een(log.bereken(), T.PLAN_VAN_AANPAK).voldaan_op is None


def test_window_past_its_end_is_verstreken_not_verlopen():
    t = een(Log()(S.EERSTE_GESPREK_GEVOERD, date(2024, 3, 1)).bereken(), T.MATERIELE_VOORZIENINGEN)
    assert t.regel.aard == TermijnAard.UITERSTE_DATUM
    assert t.status(date(2024, 9, 2)) == TermijnStatus.VERSTREKEN


def test_beeindigd_makes_open_terms_vervallen():
    log = plan_log()(S.BEEINDIGD, date(2026, 2, 1))
    termijnen = log.bereken()
    plan = een(termijnen, T.PLAN_VAN_AANPAK)
    assert plan.vervallen_op == date(2026, 2, 1)
    assert plan.status(date(2026, 3, 10)) == TermijnStatus.VERVALLEN
    assert een(termijnen, T.ALLE_BESLUITEN).status(date(2026, 3, 10)) == TermijnStatus.VERVALLEN


def test_beeindigd_after_a_window_closed_leaves_it_verstreken():
    log = Log()(S.EERSTE_GESPREK_GEVOERD, date(2024, 3, 1))(S.PLAN_VASTGESTELD, date(2024, 4, 1))
    log(S.BEEINDIGD, date(2025, 1, 6))
    termijnen = log.bereken()
    materieel = een(termijnen, T.MATERIELE_VOORZIENINGEN)
    assert materieel.status(date(2025, 2, 1)) == TermijnStatus.VERSTREKEN
    assert een(termijnen, T.ALLE_BESLUITEN).status(date(2025, 2, 1)) == TermijnStatus.VERVALLEN


def test_overdue_action_still_becomes_vervallen_when_support_ends():
    t = een(plan_log()(S.BEEINDIGD, date(2026, 4, 1)).bereken(), T.PLAN_VAN_AANPAK)
    assert t.status(date(2026, 3, 20)) == TermijnStatus.VERLOPEN
    assert t.status(date(2026, 4, 1)) == TermijnStatus.VERVALLEN


def test_met_before_ended_stays_voldaan():
    log = plan_log()(S.PLAN_VASTGESTELD, date(2026, 2, 1))(S.BEEINDIGD, date(2026, 2, 10))
    t = een(log.bereken(), T.PLAN_VAN_AANPAK)
    assert t.vervallen_op is None
    assert t.status(date(2026, 3, 1)) == TermijnStatus.VOLDAAN


@pytest.mark.parametrize(
    ("dagen_voor_einde", "verwacht"),
    [
        (15, TermijnStatus.LOPEND),
        (14, TermijnStatus.BIJNA_VERLOPEN),
        (1, TermijnStatus.BIJNA_VERLOPEN),
        (0, TermijnStatus.BIJNA_VERLOPEN),
        (-1, TermijnStatus.VERLOPEN),
    ],
)
def test_bijna_verlopen_is_within_14_days_of_the_end_inclusive(dagen_voor_einde, verwacht):
    t = een(plan_log().bereken(), T.PLAN_VAN_AANPAK)
    assert t.status(t.einddatum - timedelta(days=dagen_voor_einde)) == verwacht


def test_bijna_verlopen_follows_the_local_setting():
    t = een(plan_log().bereken(Beleid(bijna_verlopen_dagen=3)), T.PLAN_VAN_AANPAK)
    assert t.status(t.einddatum - timedelta(days=4)) == TermijnStatus.LOPEND
    assert t.status(t.einddatum - timedelta(days=3)) == TermijnStatus.BIJNA_VERLOPEN


# --- bezwaar (Awb 6:7, 7:10) ---------------------------------------------------


def bezwaar_log(**bezwaar) -> Log:
    # Beschikking A made known Monday 2 March 2026: bezwaartermijn ends Monday 13 April.
    # Beschikking B made known Monday 9 March 2026: ends Monday 20 April.
    log = Log()
    log(S.BESCHIKKING_BEKENDGEMAAKT, date(2026, 3, 2), beschikking="A")
    log(S.BESCHIKKING_BEKENDGEMAAKT, date(2026, 3, 9), beschikking="B")
    log(S.BEZWAAR_ONTVANGEN, date(2026, 3, 20), beschikking="A", **bezwaar)
    return log


def test_bezwaartermijn_per_beschikking():
    termijnen = bezwaar_log().bereken()
    assert een(termijnen, T.BEZWAARTERMIJN, "A").einddatum == date(2026, 4, 13)
    assert een(termijnen, T.BEZWAARTERMIJN, "B").einddatum == date(2026, 4, 20)
    # The objection against A uses A's window, not B's.
    assert een(termijnen, T.BEZWAARTERMIJN, "A").voldaan_op == date(2026, 3, 20)
    assert een(termijnen, T.BEZWAARTERMIJN, "B").voldaan_op is None


def test_bezwaartermijn_length_follows_the_local_setting():
    # 2 March + 8 weeks = Monday 27 April 2026, Koningsdag -> Tuesday 28 April.
    termijnen = bezwaar_log().bereken(Beleid(bezwaartermijn_weken=8))
    assert een(termijnen, T.BEZWAARTERMIJN, "A").einddatum == date(2026, 4, 28)


def test_beslistermijn_bezwaar_starts_at_the_end_of_the_bezwaartermijn_and_uses_the_atw():
    # 13 April + 6 weeks = Monday 25 May 2026, Tweede Pinksterdag -> Tuesday 26 May.
    termijnen = bezwaar_log().bereken()
    beslis = een(termijnen, T.BESLISTERMIJN_BEZWAAR, "A")
    assert beslis.startdatum == date(2026, 4, 13)
    assert beslis.oorspronkelijke_einddatum == date(2026, 5, 25)
    assert beslis.einddatum == date(2026, 5, 26)
    assert beslis.regel.aard == TermijnAard.ACTIE
    # No objection against B, so no decision term for B.
    beslis_codes = [(t.regel.code, t.sleutel) for t in termijnen]
    assert (T.BESLISTERMIJN_BEZWAAR, "B") not in beslis_codes


def test_beslistermijn_with_adviescommissie_is_12_weeks():
    # 13 April + 12 weeks = Monday 6 July 2026.
    beslis = een(bezwaar_log(adviescommissie=True).bereken(), T.BESLISTERMIJN_BEZWAAR, "A")
    assert beslis.einddatum == date(2026, 7, 6)


def test_beslistermijn_verdaagd_adds_6_weeks_only_once():
    log = bezwaar_log(adviescommissie=True)
    log(S.BESLISTERMIJN_BEZWAAR_VERDAAGD, date(2026, 6, 1), beschikking="A")
    eenmaal = een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "A")
    assert eenmaal.einddatum == date(2026, 8, 17)
    assert eenmaal.verdagingen == 1
    log(S.BESLISTERMIJN_BEZWAAR_VERDAAGD, date(2026, 7, 1), beschikking="A")
    tweemaal = een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "A")
    assert tweemaal.einddatum == date(2026, 8, 17)
    assert tweemaal.verdagingen == 1


def test_verdaging_of_another_beschikking_does_not_count():
    log = bezwaar_log()(S.BESLISTERMIJN_BEZWAAR_VERDAAGD, date(2026, 4, 20), beschikking="B")
    assert een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "A").einddatum == date(2026, 5, 26)


def test_beslissing_op_bezwaar_only_meets_the_bezwaar_with_the_same_key():
    log = bezwaar_log()
    log(S.BEZWAAR_ONTVANGEN, date(2026, 3, 25), beschikking="B")
    log(S.BESLISSING_OP_BEZWAAR, date(2026, 5, 1), beschikking="B")
    termijnen = log.bereken()
    b = een(termijnen, T.BESLISTERMIJN_BEZWAAR, "B")
    assert b.status(date(2026, 5, 2)) == TermijnStatus.VOLDAAN
    a = een(termijnen, T.BESLISTERMIJN_BEZWAAR, "A")
    assert a.voldaan_op is None
    assert a.status(date(2026, 5, 27)) == TermijnStatus.VERLOPEN


def test_beslissing_before_the_bezwaartermijn_ended_still_meets_the_beslistermijn():
    log = bezwaar_log()(S.BESLISSING_OP_BEZWAAR, date(2026, 4, 1), beschikking="A")
    assert een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "A").voldaan_op == date(2026, 4, 1)


def test_beslistermijn_without_a_known_beschikking_starts_at_the_bezwaar():
    log = Log()(S.BEZWAAR_ONTVANGEN, date(2026, 3, 2), beschikking="X")
    beslis = een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "X")
    assert beslis.startdatum == date(2026, 3, 2)
    assert beslis.einddatum == date(2026, 4, 13)


def test_beslistermijn_is_not_ended_by_the_end_of_support():
    log = bezwaar_log()(S.BEEINDIGD, date(2026, 4, 1))(S.AFGESLOTEN, date(2026, 4, 2))
    assert een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "A").is_open


def test_numeric_and_text_keys_of_the_same_beschikking_match():
    log = Log()(S.BESCHIKKING_BEKENDGEMAAKT, date(2026, 3, 2), beschikking=17)
    log(S.BEZWAAR_ONTVANGEN, date(2026, 3, 20), beschikking="17")
    assert een(log.bereken(), T.BESLISTERMIJN_BEZWAAR, "17").startdatum == date(2026, 4, 13)


# --- next due term -------------------------------------------------------------


def test_eerstvolgende_open_termijn_is_the_earliest_open_end():
    log = Log()(S.AANGEMELD, date(2026, 1, 5))(S.EERSTE_GESPREK_GEVOERD, date(2026, 2, 2))
    termijnen = log.bereken()
    # Eerste gesprek met; plan due 30 March 2026, materieel 2 Aug, alle besluiten 2028.
    volgende = eerstvolgende_open_termijn(termijnen, vandaag=date(2026, 2, 3))
    assert volgende is not None and volgende.regel.code == T.PLAN_VAN_AANPAK
    assert volgende.einddatum == date(2026, 3, 30)


def test_eerstvolgende_open_termijn_puts_an_overdue_action_first():
    log = Log()(S.AANGEMELD, date(2026, 1, 5))(S.UHT_NIET_ERKEND, date(2026, 3, 20))
    termijnen = log.bereken()
    volgende = eerstvolgende_open_termijn(termijnen, vandaag=date(2026, 3, 25))
    assert volgende is not None and volgende.regel.code == T.EERSTE_GESPREK
    assert volgende.status(date(2026, 3, 25)) == TermijnStatus.VERLOPEN


def test_eerstvolgende_open_termijn_skips_closed_windows_and_met_terms():
    log = Log()(S.EERSTE_GESPREK_GEVOERD, date(2024, 3, 1))(S.PLAN_VASTGESTELD, date(2024, 4, 1))
    termijnen = log.bereken()
    volgende = eerstvolgende_open_termijn(termijnen, vandaag=date(2024, 10, 1))
    # Plan met, materieel window closed on 1 Sept 2024: the 2-year window is next.
    assert volgende is not None and volgende.regel.code == T.ALLE_BESLUITEN
    assert eerstvolgende_open_termijn(termijnen, vandaag=date(2026, 3, 2)) is None
    assert eerstvolgende_open_termijn([], vandaag=date(2026, 3, 2)) is None


def test_results_are_in_rule_order_then_start_order():
    termijnen = bezwaar_log().bereken()
    codes = [t.regel.code for t in termijnen]
    assert codes == [T.BEZWAARTERMIJN, T.BEZWAARTERMIJN, T.BESLISTERMIJN_BEZWAAR]
    assert [t.sleutel for t in termijnen[:2]] == ["A", "B"]
    assert termijnen[0].start_gebeurtenis_id == 1
