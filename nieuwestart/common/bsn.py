"""The Burgerservicenummer and its 11-proef.

9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11 and greater than 0; shorter
numbers are padded with leading zeros to 9 digits.
"""

from operator import mul

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)


_WEG = str.maketrans("", "", " .-\t")


def normaliseer_bsn(waarde: str) -> str:
    """Strip spaces, dots and dashes people type, and pad to 9 digits."""
    schoon = str(waarde).translate(_WEG)
    return schoon.zfill(9) if schoon.isdigit() and 8 <= len(schoon) <= 9 else schoon


def is_geldig_bsn(waarde: str) -> bool:
    bsn = waarde if isinstance(waarde, str) and len(waarde) == 9 and waarde.isdigit() else normaliseer_bsn(waarde)
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    som = sum(map(mul, map(int, bsn), _GEWICHTEN))
    return som > 0 and som % 11 == 0


def valideer_bsn(waarde: str) -> None:
    bsn = normaliseer_bsn(waarde)
    if len(bsn) != 9 or not bsn.isdigit():
        raise ValidationError(
            _("Een BSN heeft 9 cijfers (of 8 met een 0 ervoor weggelaten). Controleer het nummer."),
            code="bsn_lengte",
        )
    if not is_geldig_bsn(bsn):
        raise ValidationError(
            _("Dit BSN klopt niet: het voldoet niet aan de 11-proef. Controleer het nummer op typfouten."),
            code="bsn_elfproef",
        )


def maskeer_bsn(waarde: str) -> str:
    """Show only the last 3 digits, as lists and search results must."""
    return "******" + normaliseer_bsn(waarde)[-3:]


def genereer_bsn(rng) -> str:
    """A synthetic BSN that passes the 11-proef (demo and test data only).

    Draws 8 digits and solves the check digit; redraws when none fits.
    """
    while True:
        eerste = [rng.randrange(10) for _ in range(8)]
        som = sum(d * g for d, g in zip(eerste, _GEWICHTEN[:8], strict=True))
        laatste = som % 11  # som - d9 ≡ 0 (mod 11)
        if laatste <= 9 and som - laatste > 0:
            return "".join(map(str, eerste)) + str(laatste)
