import random

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.common.bsn import genereer_bsn, is_geldig_bsn, maskeer_bsn, normaliseer_bsn, valideer_bsn


@pytest.mark.parametrize("bsn", ["123456782", "111222333", " 1234.56.782 ", "10000021"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert is_geldig_bsn(bsn)


@pytest.mark.parametrize("bsn", ["999998620", "123456789", "000000000", "12345678a", "1234567", "1234567890"])
def test_invalid_bsns_fail_the_elfproef(bsn):
    assert not is_geldig_bsn(bsn)


def test_eight_digit_bsn_is_padded_with_a_leading_zero():
    assert normaliseer_bsn("10000021") == "010000021"


def test_validation_message_is_dutch_and_says_what_to_do():
    with pytest.raises(ValidationError) as exc:
        valideer_bsn("123456789")
    assert "11-proef" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        valideer_bsn("12345")
    assert "9 cijfers" in exc.value.messages[0]


def test_masked_bsn_shows_only_the_last_three_digits():
    assert maskeer_bsn("123456782") == "******782"


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_bsns_always_pass_the_elfproef(seed):
    assert is_geldig_bsn(genereer_bsn(random.Random(seed)))


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_elfproef_detects_every_single_digit_typo(seed, positie, verschil):
    bsn = genereer_bsn(random.Random(seed))
    cijfer = (int(bsn[positie]) + verschil) % 10
    fout = bsn[:positie] + str(cijfer) + bsn[positie + 1 :]
    assert not is_geldig_bsn(fout)
