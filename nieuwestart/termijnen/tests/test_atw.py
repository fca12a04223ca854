"""ATW art. 1 and 2, checked against hand-computed ends."""

from datetime import date, timedelta

import pytest

from nieuwestart.termijnen.kalender import AtwKalender, aantal_werkdagen, verleng_volgens_atw

KALENDER = AtwKalender()


def acht_weken_voor(einde: date) -> date:
    # A long term before the end, so ATW art. 2 is already satisfied and only art. 1 acts.
    return einde - timedelta(weeks=8)


@pytest.mark.parametrize(
    ("einde", "verwacht", "waarom"),
    [
        (date(2026, 4, 3), date(2026, 4, 7), "Goede Vrijdag, weekend, Tweede Paasdag -> Tue"),
        (date(2026, 12, 25), date(2026, 12, 28), "Eerste Kerstdag (Fri), Tweede Kerstdag, weekend"),
        (date(2026, 12, 31), date(2026, 12, 31), "an ordinary Thursday stays"),
        (date(2027, 1, 1), date(2027, 1, 4), "Nieuwjaarsdag (Friday) and the weekend"),
        (date(2025, 4, 26), date(2025, 4, 28), "Koningsdag moved to Saturday 26 April, Sunday"),
        (date(2026, 5, 5), date(2026, 5, 6), "5 mei 2026 is a Tuesday and a holiday"),
        (date(2026, 3, 7), date(2026, 3, 9), "a Saturday moves to Monday"),
        (date(2026, 5, 14), date(2026, 5, 15), "Hemelvaartsdag (Thursday) -> Friday"),
        (date(2026, 5, 23), date(2026, 5, 26), "Saturday before Pinksteren -> Tuesday"),
    ],
)
def test_atw_article_1_moves_an_end_on_a_weekend_or_holiday_to_the_next_werkdag(
    einde, verwacht, waarom
):
    assert verleng_volgens_atw(acht_weken_voor(einde), einde, KALENDER) == verwacht, waarom


def test_article_2_three_day_term_from_the_thursday_before_easter_needs_two_werkdagen():
    # Thursday 2 April 2026 + 3 days = Sunday 5 April. Art. 1: Monday 6 is Tweede
    # Paasdag, so Tuesday 7. The term (Fri 3 .. Tue 7) then holds one werkdag only;
    # art. 2 extends it to Wednesday 8 April.
    start = date(2026, 4, 2)
    einde = start + timedelta(days=3)
    assert verleng_volgens_atw(start, einde, KALENDER) == date(2026, 4, 8)
    assert aantal_werkdagen(start, date(2026, 4, 7), KALENDER) == 1
    assert aantal_werkdagen(start, date(2026, 4, 8), KALENDER) == 2


def test_article_2_bites_even_when_the_end_is_a_werkdag():
    # Tuesday 24 Dec 2024 + 3 days = Friday 27 Dec, a werkdag, so art. 1 does nothing.
    # But Wed 25 and Thu 26 are Christmas: one werkdag in the term, so Monday 30 Dec.
    start = date(2024, 12, 24)
    assert verleng_volgens_atw(start, start + timedelta(days=3), KALENDER) == date(2024, 12, 30)


def test_article_2_three_day_term_from_a_friday_ends_on_tuesday_not_monday():
    # Fri 9 Jan 2026 + 3 = Monday 12 Jan: the term holds Sat, Sun, Mon: one werkdag.
    start = date(2026, 1, 9)
    assert verleng_volgens_atw(start, start + timedelta(days=3), KALENDER) == date(2026, 1, 13)


def test_article_2_does_not_apply_to_a_term_shorter_than_three_days():
    # Fri 9 Jan 2026 + 2 = Sunday 11 Jan: art. 1 gives Monday; art. 2 is not for 2 days.
    start = date(2026, 1, 9)
    assert verleng_volgens_atw(start, start + timedelta(days=2), KALENDER) == date(2026, 1, 12)


def test_article_2_leaves_a_term_with_two_werkdagen_alone():
    # Thu 8 Jan 2026 + 3 = Sunday 11 Jan -> Monday 12: the term holds Fri 9 and Mon 12.
    start = date(2026, 1, 8)
    assert verleng_volgens_atw(start, start + timedelta(days=3), KALENDER) == date(2026, 1, 12)


def test_extra_feestdag_is_used_by_the_extension():
    extra = AtwKalender({date(2026, 12, 28): "Extra dag"})
    einde = date(2026, 12, 25)
    assert verleng_volgens_atw(acht_weken_voor(einde), einde, extra) == date(2026, 12, 29)
