from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.rapportages.statistiek import kwantiel, kwantiel_uit_telling, twee_proporties_z


def test_kwantiel_is_nearest_rank():
    waarden = [7, 1, 3, 9, 5]
    assert kwantiel(waarden, 0.5) == 5
    assert kwantiel(waarden, 0.9) == 9
    assert kwantiel([1, 2, 3, 4], 0.5) == 2  # the smallest value with at least half at or below it
    assert kwantiel([], 0.5) is None


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60), st.sampled_from([0.1, 0.5, 0.9, 1.0]))
def test_quantile_from_counts_equals_quantile_of_the_values(waarden, q):
    telling = sorted({w: waarden.count(w) for w in waarden}.items())
    assert kwantiel_uit_telling(telling, q) == kwantiel(waarden, q)


def test_two_proportion_z_against_a_hand_computed_value():
    # 25 of 30 vs 5 of 30: p = 0.5, se = sqrt(0.25 * (2/30)) = 0.129099; z = (0.8333 - 0.1667) / 0.129099 = 5.164
    assert round(twee_proporties_z(25, 30, 5, 30), 3) == 5.164
    assert twee_proporties_z(3, 10, 3, 10) == 0
    assert twee_proporties_z(1, 0, 3, 10) is None
