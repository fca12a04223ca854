"""The ATW art. 3 holiday calendar, checked against hand-computed years."""

from datetime import date

import pytest

from nieuwestart.termijnen.kalender import FEESTDAG_REGELS, AtwKalender, FeestdagRegel


def namen(kalender: AtwKalender, jaar: int) -> dict[date, str]:
    return {d: str(naam) for d, naam in kalender.feestdagen(jaar).items()}


def test_holidays_2024_match_the_hand_computed_list():
    # Easter 2024 is Sunday 31 March.
    assert namen(AtwKalender(), 2024) == {
        date(2024, 1, 1): "Nieuwjaarsdag",
        date(2024, 3, 29): "Goede Vrijdag",
        date(2024, 3, 31): "Eerste Paasdag",
        date(2024, 4, 1): "Tweede Paasdag",
        date(2024, 4, 27): "Koningsdag",  # a Saturday: stays on the 27th
        date(2024, 5, 5): "Bevrijdingsdag",
        date(2024, 5, 9): "Hemelvaartsdag",
        date(2024, 5, 19): "Eerste Pinksterdag",
        date(2024, 5, 20): "Tweede Pinksterdag",
        date(2024, 12, 25): "Eerste Kerstdag",
        date(2024, 12, 26): "Tweede Kerstdag",
    }


def test_koningsdag_on_a_sunday_moves_to_saturday_26_april_2025():
    kalender = AtwKalender()
    assert date(2025, 4, 27).weekday() == 6
    assert kalender.is_feestdag(date(2025, 4, 26))
    assert not kalender.is_feestdag(date(2025, 4, 27))
    assert namen(kalender, 2025)[date(2025, 4, 26)] == "Koningsdag"


def test_holidays_2025_easter_based_days():
    # Easter 2025 is Sunday 20 April.
    feestdagen = namen(AtwKalender(), 2025)
    assert feestdagen[date(2025, 4, 18)] == "Goede Vrijdag"
    assert feestdagen[date(2025, 4, 21)] == "Tweede Paasdag"
    assert feestdagen[date(2025, 5, 29)] == "Hemelvaartsdag"
    assert feestdagen[date(2025, 6, 9)] == "Tweede Pinksterdag"
    assert date(2025, 4, 27) not in feestdagen


def test_holidays_2026_easter_based_days():
    # Easter 2026 is Sunday 5 April.
    kalender = AtwKalender()
    verwacht = {
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 4, 27): "Koningsdag",
    }
    feestdagen = namen(kalender, 2026)
    for d, naam in verwacht.items():
        assert feestdagen[d] == naam
    assert len(feestdagen) == 11


@pytest.mark.parametrize("jaar", [2026, 2027, 2031])
def test_5_mei_is_a_holiday_every_year_not_only_in_lustrum_years(jaar):
    assert jaar % 5 != 0
    kalender = AtwKalender()
    assert kalender.is_feestdag(date(jaar, 5, 5))
    if date(jaar, 5, 5).weekday() < 5:
        assert not kalender.is_werkdag(date(jaar, 5, 5))


def test_two_holidays_on_one_date_keep_both_names():
    # 5 mei 2016 was also Hemelvaartsdag.
    naam = namen(AtwKalender(), 2016)[date(2016, 5, 5)]
    assert "Bevrijdingsdag" in naam and "Hemelvaartsdag" in naam


def test_extra_feestdagen_by_royal_decree_are_honoured_with_and_without_a_name():
    dag = date(2026, 6, 2)  # a Tuesday
    assert AtwKalender().is_werkdag(dag)

    met_naam = AtwKalender({dag: "Nationale rouwdag"})
    assert met_naam.is_feestdag(dag)
    assert not met_naam.is_werkdag(dag)
    assert namen(met_naam, 2026)[dag] == "Nationale rouwdag"

    zonder_naam = AtwKalender([dag])
    assert zonder_naam.is_feestdag(dag)
    assert zonder_naam.volgende_werkdag(dag) == date(2026, 6, 3)
    # The extra day belongs to its own year only.
    assert dag.replace(year=2027) not in zonder_naam.feestdagen(2027)


def test_werkdag_excludes_weekends_and_holidays():
    kalender = AtwKalender()
    assert kalender.is_werkdag(date(2026, 4, 2))  # Thursday before Easter
    assert not kalender.is_werkdag(date(2026, 4, 3))  # Goede Vrijdag
    assert not kalender.is_werkdag(date(2026, 4, 4))  # Saturday
    assert not kalender.is_werkdag(date(2026, 4, 5))  # Sunday
    assert not kalender.is_werkdag(date(2026, 4, 6))  # Tweede Paasdag
    assert kalender.volgende_werkdag(date(2026, 4, 3)) == date(2026, 4, 7)
    assert kalender.volgende_werkdag(date(2026, 4, 7)) == date(2026, 4, 7)


def test_feestdagen_returns_a_copy_so_the_cache_cannot_be_changed():
    kalender = AtwKalender()
    kalender.feestdagen(2026).clear()
    assert kalender.is_feestdag(date(2026, 12, 25))


def test_koninginnedag_before_2014_is_30_april_or_29_april_when_that_is_a_sunday():
    kalender = AtwKalender()
    assert kalender.is_feestdag(date(2013, 4, 30))
    assert not kalender.is_feestdag(date(2013, 4, 27))
    # 30 April 2006 was a Sunday: celebrated on Saturday 29 April.
    assert kalender.is_feestdag(date(2006, 4, 29))


def test_holiday_list_is_data_covering_every_day_of_atw_article_3():
    regelnamen = {str(r.naam) for r in FEESTDAG_REGELS}
    for naam in [
        "Nieuwjaarsdag",
        "Goede Vrijdag",
        "Tweede Paasdag",
        "Hemelvaartsdag",
        "Tweede Pinksterdag",
        "Koningsdag",
        "Bevrijdingsdag",
        "Eerste Kerstdag",
        "Tweede Kerstdag",
    ]:
        assert naam in regelnamen


def test_a_calendar_with_other_rules_uses_only_those_rules():
    kalender = AtwKalender(regels=[FeestdagRegel("Testdag", "vast", maand=3, dag=3)])
    assert namen(kalender, 2026) == {date(2026, 3, 3): "Testdag"}


def test_feestdagregel_without_month_is_rejected():
    with pytest.raises(ValueError):
        FeestdagRegel("Kapot", "vast", dag=1)
