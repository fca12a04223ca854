"""Small, named statistics for the reports (pure functions, no database).

* ``kwantiel``: nearest-rank percentile (the smallest value with at least q of the values at or below it),
  so a median or P90 is always a value that occurred: easy to explain and to check by hand.
* ``twee_proporties_z``: the two-proportion z-test. It says how far one consulent's rate (e.g. the share
  of material provisions) lies from the rest of the team's, in standard errors. |z| ≥ 2 happens by chance
  in about 1 in 20 comparisons of equal groups; we flag it only with enough cases (``MIN_GEVALLEN``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

# Below this many decided provisions a consulent is shown but never flagged: too few to mean anything.
MIN_GEVALLEN = 20
Z_GRENS = 2.0


def kwantiel(waarden: Sequence, q: float):
    """Nearest-rank quantile of unsorted values; None for no values."""
    if not waarden:
        return None
    gesorteerd = sorted(waarden)
    index = max(0, min(len(gesorteerd) - 1, math.ceil(q * len(gesorteerd)) - 1))
    return gesorteerd[index]


def kwantiel_uit_telling(verdeling: Sequence[tuple[int, int]], q: float):
    """Nearest-rank quantile from (value, count) pairs sorted by value (a GROUP BY result)."""
    n = sum(k for _w, k in verdeling)
    if not n:
        return None
    doel = max(1, math.ceil(q * n))
    gezien = 0
    for waarde, k in verdeling:
        gezien += k
        if gezien >= doel:
            return waarde
    return verdeling[-1][0]


def twee_proporties_z(x1: int, n1: int, x2: int, n2: int) -> float | None:
    """z = (p1 − p2) / √(p(1−p)(1/n1 + 1/n2)), with p the pooled rate; None when undefined."""
    if not n1 or not n2:
        return None
    p = (x1 + x2) / (n1 + n2)
    if p in (0, 1):
        return 0.0
    return (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


def mediaan(waarden: Sequence[Decimal]):
    return kwantiel(waarden, 0.5)
