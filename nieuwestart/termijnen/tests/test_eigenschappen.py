"""Properties of the ATW calendar and the terms engine that must hold for any date 1990–2100.

The largest ATW extension in that range is 5 days: Friday 23 April 2038 is Goede
Vrijdag, Easter is 25 April (its latest possible date), Tweede Paasdag is Monday 26 and
Koningsdag Tuesday 27 April, so an end on the Friday moves to Wednesday 28 April.
Longer runs of non-werkdagen cannot occur with the art. 3 list (Christmas on a Thursday
and Easter otherwise give 4); art. 2 adds at most one werkdag after a run that the whole
term fell into, which never exceeds that (checked exhaustively below).
"""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as S
from nieuwestart.termijnen.engine import Beleid, Gebeurtenis, bereken_termijnen
from nieuwestart.termijnen.kalender import AtwKalender, aantal_werkdagen, verleng_volgens_atw
from nieuwestart.termijnen.regels import REGELS, Duur, Eenheid, TermijnSoort, bereken_einddatum

KALENDER = AtwKalender()
BELEID = Beleid()
MAXIMALE_ATW_VERLENGING = 5

# No example database: the tests must not write outside their package.
instellingen = settings(max_examples=300, deadline=None, database=None)

datums = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
atw_duren = st.one_of(
    st.builds(Duur, st.integers(0, 90), st.just(Eenheid.DAGEN)),
    st.builds(Duur, st.integers(0, 12), st.just(Eenheid.WEKEN)),
    st.builds(Duur, st.integers(0, 3), st.just(Eenheid.MAANDEN)),
)
uitgesloten_duren = st.one_of(
    st.builds(Duur, st.integers(91, 400), st.just(Eenheid.DAGEN)),
    st.builds(Duur, st.integers(13, 60), st.just(Eenheid.WEKEN)),
    st.builds(Duur, st.integers(4, 24), st.just(Eenheid.MAANDEN)),
    st.builds(Duur, st.integers(1, 5), st.just(Eenheid.JAREN)),
)


@instellingen
@given(start=datums, duur=atw_duren)
def test_an_atw_extended_end_is_never_a_weekend_or_holiday(start, duur):
    einde = verleng_volgens_atw(start, duur.tel_op(start), KALENDER)
    assert einde.weekday() < 5
    assert not KALENDER.is_feestdag(einde)


@instellingen
@given(start=datums, duur=atw_duren)
def test_atw_extension_is_never_earlier_and_at_most_5_days_later(start, duur):
    ruw = duur.tel_op(start)
    verlengd = verleng_volgens_atw(start, ruw, KALENDER)
    assert ruw <= verlengd <= ruw + timedelta(days=MAXIMALE_ATW_VERLENGING)


def test_the_5_day_bound_is_exact_over_1990_to_2100():
    grootste = (0, None)
    d = date(1990, 1, 1)
    while d <= date(2100, 12, 31):
        for lengte in (1, 3, 4):
            verlenging = (verleng_volgens_atw(d - timedelta(days=lengte), d, KALENDER) - d).days
            if verlenging > grootste[0]:
                grootste = (verlenging, d)
        d += timedelta(days=1)
    assert grootste == (MAXIMALE_ATW_VERLENGING, date(2038, 4, 23))


@instellingen
@given(start=datums, duur=atw_duren)
def test_a_term_of_at_least_3_days_holds_at_least_2_werkdagen_after_the_atw(start, duur):
    ruw = duur.tel_op(start)
    einde = verleng_volgens_atw(start, ruw, KALENDER)
    if (ruw - start).days >= 3:
        assert aantal_werkdagen(start, einde, KALENDER) >= 2


@instellingen
@given(start=datums, duur=atw_duren)
def test_the_atw_extends_only_as_far_as_needed(start, duur):
    # Minimality: the day before an extended end would break art. 1 or art. 2.
    ruw = duur.tel_op(start)
    einde = verleng_volgens_atw(start, ruw, KALENDER)
    if einde > ruw:
        dag_ervoor = einde - timedelta(days=1)
        art_2_geldt = (ruw - start).days >= 3
        assert not KALENDER.is_werkdag(dag_ervoor) or (
            art_2_geldt and aantal_werkdagen(start, dag_ervoor, KALENDER) < 2
        )


@instellingen
@given(start=datums, duur=uitgesloten_duren)
def test_terms_excluded_from_the_atw_are_never_moved(start, duur):
    assert not duur.atw_van_toepassing
    # The same rule the engine uses: a rule with this length ends on the raw end.
    for code in (TermijnSoort.MATERIELE_VOORZIENINGEN, TermijnSoort.ALLE_BESLUITEN):
        r = next(r for r in REGELS if r.code == code)
        ruw = r.duur_voor(BELEID).tel_op(start)
        assert bereken_einddatum(r, start, beleid=BELEID, kalender=KALENDER) == ruw


@instellingen
@given(start=datums)
def test_6_month_and_2_year_windows_in_the_engine_end_on_the_raw_date(start):
    termijnen = bereken_termijnen(
        [Gebeurtenis(1, S.EERSTE_GESPREK_GEVOERD, start)], beleid=BELEID, kalender=KALENDER
    )
    for t in termijnen:
        if t.regel.code in (TermijnSoort.MATERIELE_VOORZIENINGEN, TermijnSoort.ALLE_BESLUITEN):
            assert t.einddatum == t.oorspronkelijke_einddatum
            assert not t.atw_verlengd


@instellingen
@given(
    start=datums,
    begin_na=st.integers(0, 55),
    dagen=st.integers(0, 200),
    code=st.sampled_from([TermijnSoort.EERSTE_GESPREK, TermijnSoort.PLAN_VAN_AANPAK]),
)
def test_a_suspension_never_gives_an_earlier_end(start, begin_na, dagen, code):
    startsoort = S.AANGEMELD if code == TermijnSoort.EERSTE_GESPREK else S.EERSTE_GESPREK_GEVOERD
    basis = [Gebeurtenis(1, startsoort, start)]
    zonder = _termijn(basis, code)
    begin = start + timedelta(days=begin_na)
    opschorting = [
        Gebeurtenis(2, S.OPSCHORTING_GESTART, begin, {"termijn": code}),
        Gebeurtenis(3, S.OPSCHORTING_BEEINDIGD, begin + timedelta(days=dagen), {"termijn": code}),
    ]
    met = _termijn(basis + opschorting, code)
    assert met.einddatum >= zonder.einddatum
    bovengrens = zonder.oorspronkelijke_einddatum + timedelta(days=dagen + MAXIMALE_ATW_VERLENGING)
    assert met.einddatum <= bovengrens
    if met.opgeschorte_dagen:
        assert met.opgeschorte_dagen == dagen


def _termijn(gebeurtenissen, code):
    return next(
        t
        for t in bereken_termijnen(gebeurtenissen, beleid=BELEID, kalender=KALENDER)
        if t.regel.code == code
    )


_SOORTEN = [
    S.AANGEMELD,
    S.EERSTE_GESPREK_GEVOERD,
    S.PLAN_VASTGESTELD,
    S.OPSCHORTING_GESTART,
    S.OPSCHORTING_BEEINDIGD,
    S.VERWACHTE_DATUM_MEEGEDEELD,
    S.UHT_NIET_ERKEND,
    S.BEEINDIGD,
    S.BESCHIKKING_BEKENDGEMAAKT,
    S.BEZWAAR_ONTVANGEN,
    S.BESLISTERMIJN_BEZWAAR_VERDAAGD,
    S.BESLISSING_OP_BEZWAAR,
    S.KINDREGELING_UITBETAALD,
]


_OPSCHORTBAAR = [TermijnSoort.EERSTE_GESPREK, TermijnSoort.PLAN_VAN_AANPAK]


@st.composite
def logboeken(draw):
    begin = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 1, 1)))
    aantal = draw(st.integers(1, 14))
    gebeurtenissen = []
    for i in range(aantal):
        soort = draw(st.sampled_from(_SOORTEN))
        datum = begin + timedelta(days=draw(st.integers(0, 400)))
        gegevens = {
            "termijn": draw(st.sampled_from(_OPSCHORTBAAR)),
            "beschikking": draw(st.sampled_from(["A", "B"])),
            "adviescommissie": draw(st.booleans()),
            "nieuwe_datum": (datum + timedelta(days=draw(st.integers(0, 120)))).isoformat(),
        }
        # Same-day events with ids in any order, as a real log may hold; ids stay unique.
        id_ = draw(st.integers(0, 10_000)) * 100 + i
        gebeurtenissen.append(Gebeurtenis(id_, soort, datum, gegevens))
    return gebeurtenissen


@instellingen
@given(log=logboeken(), data=st.data())
def test_results_are_deterministic_and_independent_of_event_order(log, data):
    geschud = data.draw(st.permutations(log))
    eerste = bereken_termijnen(log, beleid=BELEID, kalender=KALENDER)
    assert bereken_termijnen(log, beleid=BELEID, kalender=KALENDER) == eerste
    assert bereken_termijnen(geschud, beleid=BELEID, kalender=KALENDER) == eerste


@instellingen
@given(log=logboeken())
def test_every_computed_end_is_on_or_after_its_start_and_atw_ends_are_werkdagen(log):
    for t in bereken_termijnen(log, beleid=BELEID, kalender=KALENDER):
        assert t.einddatum >= t.startdatum
        if t.atw_verlengd:
            assert KALENDER.is_werkdag(t.einddatum)
        if t.voldaan_op is not None:
            assert t.vervallen_op is None
