"""The toets as a pure function: every rule, with its boundaries (no database)."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.beleid import regels as R
from nieuwestart.plannen.mandaat import Mandaatgrenzen
from nieuwestart.plannen.toets import (
    LeefgebiedGegevens,
    Niveau,
    PlanGegevens,
    VoorzieningGegevens,
    blokkades,
    euro,
    per_regel,
    toets,
)

GESPREK = date(2026, 9, 15)
PLAN_UITERLIJK = date(2026, 11, 10)
MATERIEEL_UITERLIJK = date(2027, 3, 15)
BESLUITEN_UITERLIJK = date(2028, 9, 15)

WEGING = (("vaardigheden", "x"), ("draagkracht", "x"), ("huishouden", "x"), ("duurzaamheid", "x"), ("doel", "x"))


def vz(**kw) -> VoorzieningGegevens:
    basis = {"id": 1, "omschrijving": "Wasmachine", "doel": "Het huishouden draait weer", "besluit": "TOEGEKEND",
             "bedrag": Decimal("100"), "weging": WEGING}
    return VoorzieningGegevens(**(basis | kw))


def plan(*voorzieningen, peildatum=date(2026, 11, 1), **kw) -> PlanGegevens:
    basis = {
        "soort": "EERSTE_PLAN", "peildatum": peildatum, "eerste_gesprek": GESPREK, "plan_uiterlijk": PLAN_UITERLIJK,
        "materieel_uiterlijk": MATERIEEL_UITERLIJK, "besluiten_uiterlijk": BESLUITEN_UITERLIJK,
        "leefgebieden": (LeefgebiedGegevens("WONEN", "Wonen", voldoet="NEE", heeft_doel=True),),
        "voorzieningen": voorzieningen,
    }
    return PlanGegevens(**(basis | kw))


def uitkomst(plan_, regel, voorziening_id=1):
    gevonden = [u for u in toets(plan_) if u.regel is regel and (u.voorziening_id == voorziening_id or voorziening_id is None)]
    assert len(gevonden) == 1, gevonden
    return gevonden[0]


def niveau(plan_, regel, voorziening_id=1):
    return uitkomst(plan_, regel, voorziening_id).niveau


def test_a_complete_plan_has_no_blocks():
    uit = toets(plan(vz(), vz(id=2, aard="MATERIEEL")))
    assert blokkades(uit) == []
    assert {u.niveau for u in uit} == {Niveau.VOLDAAN}


def test_every_outcome_rule_is_a_named_policy_rule_with_dutch_explanation():
    uit = toets(plan(vz(categorie="AUTO", noodzaak="WENS", hardheidsclausule=True), peildatum=date(2030, 1, 1),
                     dossierstatus="AFBOUW"))
    for u in uit:
        assert u.regel in R.ALLE_REGELS
        assert u.regel in R.PLAN_TOETSREGELS
        assert u.toelichting
    rijen = per_regel(uit)
    assert [r[0] for r in rijen] == [r for r in R.PLAN_TOETSREGELS if any(u.regel is r for u in uit)]


# --- goal ---------------------------------------------------------------------------------------

def test_provision_without_described_goal_blocks_and_names_it():
    u = uitkomst(plan(vz(doel="  ")), R.VOORZIENING_HEEFT_DOEL)
    assert u.niveau == Niveau.BLOKKADE
    assert "Wasmachine" in u.toelichting


def test_free_access_provision_needs_only_a_goal():
    p = plan(vz(vrij_toegankelijk=True, besluit="", categorie="SCHULD_BETALEN", belemmering="", bedrag=Decimal("9999")),
             peildatum=date(2030, 1, 1))
    uit = [u for u in toets(p) if u.voorziening_id == 1]
    assert [(u.regel, u.niveau) for u in uit] == [(R.VOORZIENING_HEEFT_DOEL, Niveau.VOLDAAN)]


# --- decision and motivation --------------------------------------------------------------------

def test_undecided_provision_blocks():
    assert niveau(plan(vz(besluit="")), R.BESLUIT_VASTGELEGD) == Niveau.BLOKKADE


def test_refusal_needs_a_reason_and_is_then_not_judged_by_terms_or_exclusions():
    assert niveau(plan(vz(besluit="AFGEWEZEN")), R.BESLUIT_VASTGELEGD) == Niveau.BLOKKADE
    p = plan(vz(besluit="AFGEWEZEN", reden_afwijzing="Te laat aangevraagd", categorie="SCHADEVERGOEDING",
                aard="MATERIEEL"), peildatum=date(2030, 1, 1))
    assert blokkades(toets(p)) == []


def test_missing_motivation_blocks_and_lists_the_parts():
    u = uitkomst(plan(vz(geschiktheid="", evenredigheid=" ", noodzaak="")), R.VOORZIENING_GEMOTIVEERD)
    assert u.niveau == Niveau.BLOKKADE
    assert "geschiktheid" in u.toelichting and "evenredigheid" in u.toelichting and "noodzaak of wens" in u.toelichting
    assert "belemmering" not in u.toelichting


def test_missing_weighing_only_warns():
    weging = (("vaardigheden", ""),) + WEGING[1:]
    u = uitkomst(plan(vz(weging=weging)), R.VOORZIENING_GEMOTIVEERD)
    assert u.niveau == Niveau.WAARSCHUWING
    assert "vaardigheden" in u.toelichting


# --- material: necessity and 6 months -----------------------------------------------------------

def test_material_wish_blocks_and_material_necessity_passes():
    assert niveau(plan(vz(aard="MATERIEEL", noodzaak="WENS")), R.MATERIEEL_ALLEEN_BIJ_NOODZAAK) == Niveau.BLOKKADE
    assert niveau(plan(vz(aard="MATERIEEL")), R.MATERIEEL_ALLEEN_BIJ_NOODZAAK) == Niveau.VOLDAAN


def test_immaterial_wish_is_not_judged_by_the_material_rule():
    assert not [u for u in toets(plan(vz(noodzaak="WENS"))) if u.regel is R.MATERIEEL_ALLEEN_BIJ_NOODZAAK]


def test_material_decision_on_the_last_day_of_six_months_is_in_time_the_day_after_is_not():
    op_tijd = uitkomst(plan(vz(aard="MATERIEEL"), peildatum=MATERIEEL_UITERLIJK), R.MATERIEEL_BINNEN_ZES_MAANDEN)
    assert op_tijd.niveau == Niveau.VOLDAAN
    te_laat = uitkomst(plan(vz(aard="MATERIEEL"), peildatum=MATERIEEL_UITERLIJK + timedelta(days=1)),
                       R.MATERIEEL_BINNEN_ZES_MAANDEN)
    assert te_laat.niveau == Niveau.BLOKKADE
    assert "15-03-2027" in te_laat.toelichting and "16-03-2027" in te_laat.toelichting
    assert "15-09-2026" in te_laat.toelichting and "Wasmachine" in te_laat.toelichting


def test_immaterial_help_after_six_months_is_fine():
    p = plan(vz(), peildatum=MATERIEEL_UITERLIJK + timedelta(days=100))
    assert not [u for u in toets(p) if u.regel is R.MATERIEEL_BINNEN_ZES_MAANDEN]
    assert blokkades(toets(p)) == []


@given(dagen=st.integers(min_value=-400, max_value=400))
def test_material_term_boundary_for_any_day(dagen):
    peildatum = MATERIEEL_UITERLIJK + timedelta(days=dagen)
    verwacht = Niveau.VOLDAAN if dagen <= 0 else Niveau.BLOKKADE
    assert niveau(plan(vz(aard="MATERIEEL"), peildatum=peildatum), R.MATERIEEL_BINNEN_ZES_MAANDEN) == verwacht


# --- two years ----------------------------------------------------------------------------------

def test_decision_on_the_last_day_of_two_years_is_in_time_the_day_after_is_not():
    assert niveau(plan(vz(), peildatum=BESLUITEN_UITERLIJK), R.BESLUIT_BINNEN_TWEE_JAAR) == Niveau.VOLDAAN
    u = uitkomst(plan(vz(), peildatum=BESLUITEN_UITERLIJK + timedelta(days=1)), R.BESLUIT_BINNEN_TWEE_JAAR)
    assert u.niveau == Niveau.BLOKKADE
    assert "15-09-2028" in u.toelichting


@given(dagen=st.integers(min_value=-800, max_value=800), materieel=st.booleans())
def test_two_year_boundary_for_any_day(dagen, materieel):
    p = plan(vz(aard="MATERIEEL" if materieel else "IMMATERIEEL"), peildatum=BESLUITEN_UITERLIJK + timedelta(days=dagen))
    assert niveau(p, R.BESLUIT_BINNEN_TWEE_JAAR) == (Niveau.VOLDAAN if dagen <= 0 else Niveau.BLOKKADE)


def test_provision_granted_in_time_may_run_beyond_two_years():
    p = plan(vz(), peildatum=date(2028, 8, 1))  # a 3-year course granted in month 23
    assert niveau(p, R.BESLUIT_BINNEN_TWEE_JAAR) == Niveau.VOLDAAN


def test_provision_taken_over_unchanged_is_not_judged_again():
    p = plan(vz(ongewijzigd_overgenomen=True, aard="MATERIEEL", bedrag=Decimal("5000")), soort="ADDENDUM",
             peildatum=date(2029, 1, 1))
    assert blokkades(toets(p)) == []
    assert niveau(p, R.BESLUIT_VASTGELEGD) == Niveau.VOLDAAN


def test_unknown_terms_warn_instead_of_guessing():
    p = plan(vz(aard="MATERIEEL"), materieel_uiterlijk=None, besluiten_uiterlijk=None, plan_uiterlijk=None)
    assert niveau(p, R.MATERIEEL_BINNEN_ZES_MAANDEN) == Niveau.WAARSCHUWING
    assert niveau(p, R.PLAN_BINNEN_ACHT_WEKEN, None) == Niveau.WAARSCHUWING


# --- exclusions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("categorie,regel", [
    ("SCHADEVERGOEDING", R.GEEN_SCHADEVERGOEDING),
    ("ADVOCAATKOSTEN", R.GEEN_ADVOCAATKOSTEN),
    ("INKOMENSONDERSTEUNING", R.GEEN_INKOMENSONDERSTEUNING),
])
def test_never_provided_even_with_an_approved_hardheidsclausule(categorie, regel):
    p = plan(vz(categorie=categorie, hardheidsclausule=True, hardheidsclausule_motivering="Schrijnend",
                goedgekeurd=frozenset({"HARDHEIDSCLAUSULE"})))
    assert niveau(p, regel) == Niveau.BLOKKADE


@pytest.mark.parametrize("categorie,regel", [
    ("SCHULD_BETALEN", R.SCHULD_ALLEEN_BIJ_ACUTE_NOOD),
    ("KOSTEN_VOOR_AANVRAAG", R.KOSTEN_VOOR_AANVRAAG_ALLEEN_BIJ_SPOED),
])
def test_debts_and_earlier_costs_only_with_a_motivated_acute_situation(categorie, regel):
    assert niveau(plan(vz(categorie=categorie)), regel) == Niveau.BLOKKADE
    # Flagged without a description: still blocked, and the flag itself blocks too.
    p = plan(vz(categorie=categorie, acute_noodsituatie=True))
    assert niveau(p, regel) == Niveau.BLOKKADE
    assert niveau(p, R.ACUTE_NOODSITUATIE_GEMOTIVEERD) == Niveau.BLOKKADE
    p = plan(vz(categorie=categorie, acute_noodsituatie=True, acute_noodsituatie_motivering="Huisuitzetting op 1 december"))
    assert niveau(p, regel) == Niveau.VOLDAAN
    assert blokkades(toets(p)) == []


@pytest.mark.parametrize("categorie", ["AUTO", "VERBOUWING"])
def test_car_or_renovation_only_when_demonstrably_necessary(categorie):
    assert niveau(plan(vz(categorie=categorie, noodzaak="WENS")), R.AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG) == Niveau.BLOKKADE
    assert niveau(plan(vz(categorie=categorie, noodzakelijkheid="")), R.AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG) == Niveau.BLOKKADE
    u = uitkomst(plan(vz(categorie=categorie)), R.AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG)
    assert u.niveau == Niveau.WAARSCHUWING  # allowed, with a reminder to check the cheapest means


def test_ordinary_provision_is_not_judged_by_exclusions():
    codes = {u.regel.code for u in toets(plan(vz()))}
    assert not codes & {"GEEN_SCHADEVERGOEDING", "SCHULD_ALLEEN_BIJ_ACUTE_NOOD", "AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG"}


# --- dossier status -----------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["AFBOUW", "BEEINDIGD", "NAZORG", "AFGESLOTEN"])
def test_no_new_provisions_during_afbouw_or_after_the_end(status):
    p = plan(vz(), dossierstatus=status)
    assert niveau(p, R.GEEN_NIEUWE_VOORZIENING_NA_EINDE) == Niveau.BLOKKADE
    # What was granted before stays (an addendum taking it over is fine).
    p = plan(vz(ongewijzigd_overgenomen=True), dossierstatus=status, soort="ADDENDUM")
    assert blokkades(toets(p)) == []


@pytest.mark.parametrize("status", ["EERSTE_GESPREK_GEVOERD", "PLAN_VASTGESTELD"])
def test_new_provisions_while_support_runs(status):
    assert not [u for u in toets(plan(vz(), dossierstatus=status)) if u.regel is R.GEEN_NIEUWE_VOORZIENING_NA_EINDE]


# --- first plan within 8 weeks: a warning, never a block ----------------------------------------

def test_first_plan_on_its_last_day_is_in_time_and_later_only_warns():
    assert niveau(plan(vz(), peildatum=PLAN_UITERLIJK), R.PLAN_BINNEN_ACHT_WEKEN, None) == Niveau.VOLDAAN
    te_laat = plan(vz(), peildatum=PLAN_UITERLIJK + timedelta(days=3))
    u = uitkomst(te_laat, R.PLAN_BINNEN_ACHT_WEKEN, None)
    assert u.niveau == Niveau.WAARSCHUWING
    assert "10-11-2026" in u.toelichting and "3 dagen" in u.toelichting
    assert blokkades(toets(te_laat)) == []


def test_addendum_is_not_judged_by_the_eight_weeks():
    p = plan(vz(), soort="ADDENDUM", peildatum=date(2027, 6, 1))
    assert not [u for u in toets(p) if u.regel is R.PLAN_BINNEN_ACHT_WEKEN]


# --- leefgebieden -------------------------------------------------------------------------------

def test_plan_without_any_described_leefgebied_blocks():
    p = plan(vz(), leefgebieden=())
    assert niveau(p, R.LEEFGEBIED_BESCHREVEN, None) == Niveau.BLOKKADE
    p = plan(vz(), leefgebieden=(LeefgebiedGegevens("WONEN", "Wonen", beschreven=False),))
    assert niveau(p, R.LEEFGEBIED_BESCHREVEN, None) == Niveau.BLOKKADE


def test_leefgebied_below_the_goal_without_a_goal_warns_unless_op_hoofdlijnen():
    lg = (LeefgebiedGegevens("WERK", "Werk", voldoet="NEE", heeft_doel=False),)
    u = uitkomst(plan(vz(), leefgebieden=lg), R.LEEFGEBIED_MET_DOEL, None)
    assert u.niveau == Niveau.WAARSCHUWING and "Werk" in u.toelichting
    assert niveau(plan(vz(), leefgebieden=lg, op_hoofdlijnen=True), R.LEEFGEBIED_MET_DOEL, None) == Niveau.VOLDAAN


# --- hardheidsclausule --------------------------------------------------------------------------

def test_hardheidsclausule_overrides_a_block_only_with_motivation_and_teamleider_approval():
    basis = {"aard": "MATERIEEL", "noodzaak": "WENS"}
    alleen_vlag = plan(vz(hardheidsclausule=True, **basis))
    assert niveau(alleen_vlag, R.MATERIEEL_ALLEEN_BIJ_NOODZAAK) == Niveau.BLOKKADE
    assert niveau(alleen_vlag, R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER) == Niveau.BLOKKADE

    gemotiveerd = plan(vz(hardheidsclausule=True, hardheidsclausule_motivering="Schrijnend: brand in de woning", **basis))
    u = uitkomst(gemotiveerd, R.MATERIEEL_ALLEEN_BIJ_NOODZAAK)
    assert u.niveau == Niveau.BLOKKADE and "teamleider" in u.toelichting
    assert "wacht op goedkeuring" in uitkomst(gemotiveerd, R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER).toelichting

    goedgekeurd = plan(vz(hardheidsclausule=True, hardheidsclausule_motivering="Schrijnend: brand in de woning",
                          goedgekeurd=frozenset({"HARDHEIDSCLAUSULE"}), **basis))
    u = uitkomst(goedgekeurd, R.MATERIEEL_ALLEEN_BIJ_NOODZAAK)
    assert u.niveau == Niveau.WAARSCHUWING and "hardheidsclausule" in u.toelichting
    assert blokkades(toets(goedgekeurd)) == []


def test_hardheidsclausule_overrides_the_two_year_term_but_not_a_missing_decision():
    hc = {"hardheidsclausule": True, "hardheidsclausule_motivering": "Schrijnend", "goedgekeurd": frozenset({"HARDHEIDSCLAUSULE"})}
    p = plan(vz(**hc), peildatum=BESLUITEN_UITERLIJK + timedelta(days=30))
    assert niveau(p, R.BESLUIT_BINNEN_TWEE_JAAR) == Niveau.WAARSCHUWING
    assert niveau(plan(vz(besluit="", **hc)), R.BESLUIT_VASTGELEGD) == Niveau.BLOKKADE


# --- mandate in the toets -----------------------------------------------------------------------

@pytest.mark.parametrize("bedrag,goedgekeurd,verwacht", [
    ("500.00", frozenset(), Niveau.VOLDAAN),
    ("500.01", frozenset(), Niveau.BLOKKADE),
    ("500.01", frozenset({"VIER_OGEN"}), Niveau.VOLDAAN),
    ("1500.00", frozenset({"VIER_OGEN"}), Niveau.VOLDAAN),
    ("1500.01", frozenset({"VIER_OGEN"}), Niveau.BLOKKADE),
    ("1500.01", frozenset({"TEAMLEIDER"}), Niveau.VOLDAAN),
    ("800", frozenset({"TEAMLEIDER"}), Niveau.VOLDAAN),  # the teamleider also covers four eyes
])
def test_mandate_in_the_toets(bedrag, goedgekeurd, verwacht):
    u = uitkomst(plan(vz(bedrag=Decimal(bedrag), goedgekeurd=goedgekeurd)), R.MANDAAT_GOEDKEURING)
    assert u.niveau == verwacht


def test_mandate_message_says_who_and_whether_asked():
    u = uitkomst(plan(vz(bedrag=Decimal("2000"), gevraagd=frozenset({"TEAMLEIDER"}))), R.MANDAAT_GOEDKEURING)
    assert "€ 2.000,00" in u.toelichting and "de teamleider" in u.toelichting and "(gevraagd)" in u.toelichting


def test_mandate_uses_the_local_thresholds():
    p = plan(vz(bedrag=Decimal("450")), mandaat=Mandaatgrenzen(Decimal("250"), Decimal("400")))
    assert "de teamleider" in uitkomst(p, R.MANDAAT_GOEDKEURING).toelichting


def test_euro_format():
    assert euro(Decimal("1500")) == "€ 1.500,00"
    assert euro(None) == "€ 0,00"


def test_toets_is_fast_for_a_large_plan():
    import time

    groot = plan(*[replace(vz(), id=i) for i in range(500)])
    start = time.perf_counter()
    uit = toets(groot)
    assert time.perf_counter() - start < 0.5
    assert len({u.voorziening_id for u in uit}) == 501  # 500 provisions + plan-wide (None)
