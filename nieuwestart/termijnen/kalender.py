"""The calendar of the Algemene termijnenwet (ATW): holidays, werkdagen and extension.

A legal term that ends on a weekend or holiday is extended (ATW art. 1 and 2); which
days are holidays is ATW art. 3. The holiday list is data (``FEESTDAG_REGELS``), and
days added by Royal Decree come in as ``extra_feestdagen`` (loaded by the app from a
table), so a new holiday never needs a code change. Pure: no clock, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.easter import easter
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

__all__ = [
    "FEESTDAG_REGELS",
    "AtwKalender",
    "FeestdagRegel",
    "aantal_werkdagen",
    "verleng_volgens_atw",
]

FeestdagSoort = Literal["vast", "pasen", "koningsdag"]

ZATERDAG = 5  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class FeestdagRegel:
    """One holiday of ATW art. 3, as a rule that yields its date in a given year.

    ``soort``:
    - ``"vast"``: the same ``maand``/``dag`` every year;
    - ``"pasen"``: ``offset_dagen`` from Easter Sunday (Western, as the ATW means it);
    - ``"koningsdag"``: ``maand``/``dag``, but the day before when that is a Sunday
      (ATW art. 3 lid 1: Koningsdag 27 April, 26 April when the 27th is a Sunday).
    ``vanaf_jaar``/``tot_en_met_jaar`` bound the years a rule holds (the King's
    birthday changed in 2014), so old terms are still computed with the old law.
    """

    naam: str
    soort: FeestdagSoort
    maand: int | None = None
    dag: int | None = None
    offset_dagen: int = 0
    vanaf_jaar: int | None = None
    tot_en_met_jaar: int | None = None

    def __post_init__(self) -> None:
        if self.soort in ("vast", "koningsdag") and (self.maand is None or self.dag is None):
            raise ValueError(f"Feestdagregel {self.soort!r} needs maand and dag")
        if self.soort not in ("vast", "pasen", "koningsdag"):
            raise ValueError(f"Unknown feestdagregel soort {self.soort!r}")

    def datum(self, jaar: int) -> date | None:
        """The date of this holiday in ``jaar``, or None when the rule does not hold then."""
        if self.vanaf_jaar is not None and jaar < self.vanaf_jaar:
            return None
        if self.tot_en_met_jaar is not None and jaar > self.tot_en_met_jaar:
            return None
        if self.soort == "pasen":
            return easter(jaar) + timedelta(days=self.offset_dagen)
        assert self.maand is not None and self.dag is not None
        d = date(jaar, self.maand, self.dag)
        if self.soort == "koningsdag" and d.weekday() == 6:
            return d - timedelta(days=1)
        return d


# ATW art. 3 lid 1. Eerste Paasdag and Eerste Pinksterdag are always Sundays, so they
# change no outcome; they are listed so the calendar can show them by name.
FEESTDAG_REGELS: tuple[FeestdagRegel, ...] = (
    FeestdagRegel(_("Nieuwjaarsdag"), "vast", maand=1, dag=1),
    FeestdagRegel(_("Goede Vrijdag"), "pasen", offset_dagen=-2),
    FeestdagRegel(_("Eerste Paasdag"), "pasen", offset_dagen=0),
    FeestdagRegel(_("Tweede Paasdag"), "pasen", offset_dagen=1),
    # From 1980 to 2013 the Queen's birthday was celebrated on 30 April (29 April when
    # the 30th was a Sunday); from 2014 it is Koningsdag on 27 April (ATW art. 3 lid 1).
    # Earlier years are not modelled: brede ondersteuning started in 2020.
    FeestdagRegel(
        _("Koninginnedag"), "koningsdag", maand=4, dag=30, vanaf_jaar=1980, tot_en_met_jaar=2013
    ),
    FeestdagRegel(_("Koningsdag"), "koningsdag", maand=4, dag=27, vanaf_jaar=2014),
    # ATW art. 3 lid 1 names 5 mei without condition: every year, not only lustrum years.
    FeestdagRegel(_("Bevrijdingsdag"), "vast", maand=5, dag=5),
    FeestdagRegel(_("Hemelvaartsdag"), "pasen", offset_dagen=39),
    FeestdagRegel(_("Eerste Pinksterdag"), "pasen", offset_dagen=49),
    FeestdagRegel(_("Tweede Pinksterdag"), "pasen", offset_dagen=50),
    FeestdagRegel(_("Eerste Kerstdag"), "vast", maand=12, dag=25),
    FeestdagRegel(_("Tweede Kerstdag"), "vast", maand=12, dag=26),
)

# ATW art. 3 lid 2: more days can be made equal to a holiday by Royal Decree.
_NAAM_EXTRA_FEESTDAG = _("Feestdag (Koninklijk Besluit)")


class AtwKalender:
    """Holidays and werkdagen in the sense of the ATW, including days added by Royal Decree.

    Immutable after construction; the holiday list of a year is computed once and cached.
    """

    def __init__(
        self,
        extra_feestdagen: Mapping[date, str] | Iterable[date] = (),
        *,
        regels: Iterable[FeestdagRegel] = FEESTDAG_REGELS,
    ) -> None:
        if isinstance(extra_feestdagen, Mapping):
            extra = {d: naam for d, naam in extra_feestdagen.items()}
        else:
            extra = {d: _NAAM_EXTRA_FEESTDAG for d in extra_feestdagen}
        self._extra: dict[date, str] = extra
        self._regels: tuple[FeestdagRegel, ...] = tuple(regels)
        self._per_jaar: dict[int, dict[date, str]] = {}

    def __repr__(self) -> str:
        return f"AtwKalender(extra_feestdagen={sorted(self._extra)!r})"

    def feestdagen(self, jaar: int) -> dict[date, str]:
        """All holidays of ``jaar`` with their names (a copy; the cache stays untouched)."""
        return dict(self._feestdagen(jaar))

    def _feestdagen(self, jaar: int) -> dict[date, str]:
        cached = self._per_jaar.get(jaar)
        if cached is not None:
            return cached
        dagen: dict[date, str] = {}
        for regel in self._regels:
            d = regel.datum(jaar)
            if d is not None:
                _voeg_toe(dagen, d, regel.naam)
        for d, naam in self._extra.items():
            if d.year == jaar:
                _voeg_toe(dagen, d, naam)
        self._per_jaar[jaar] = dagen
        return dagen

    def is_feestdag(self, d: date) -> bool:
        return d in self._feestdagen(d.year)

    def is_werkdag(self, d: date) -> bool:
        """Not a Saturday, Sunday or holiday: the days ATW art. 1 and 2 count."""
        return d.weekday() < ZATERDAG and not self.is_feestdag(d)

    def volgende_werkdag(self, d: date) -> date:
        """``d`` itself when it is a werkdag, else the first werkdag after it."""
        while not self.is_werkdag(d):
            d += timedelta(days=1)
        return d


def _voeg_toe(dagen: dict[date, str], d: date, naam: str) -> None:
    # Two holidays can share a date (5 mei was Hemelvaartsdag in 2005 and 2016):
    # keep both names so the calendar does not hide one.
    if d in dagen:
        dagen[d] = format_lazy("{} en {}", dagen[d], naam)
    else:
        dagen[d] = naam


def aantal_werkdagen(start: date, einde: date, kalender: AtwKalender) -> int:
    """The werkdagen of a term: the days after ``start`` up to and including ``einde``."""
    d = start + timedelta(days=1)
    aantal = 0
    while d <= einde:
        if kalender.is_werkdag(d):
            aantal += 1
        d += timedelta(days=1)
    return aantal


def verleng_volgens_atw(start: date, einde: date, kalender: AtwKalender) -> date:
    """The end of a term that starts after ``start`` and ends on ``einde``, extended by the ATW.

    Only call this for terms the ATW applies to (see ``Duur.atw_van_toepassing``, ATW
    art. 4); it does not check that itself because it does not know the term's unit.
    """
    # ATW art. 1 lid 1: an end on a Saturday, Sunday or holiday moves to the next werkdag.
    verlengd = kalender.volgende_werkdag(einde)
    # ATW art. 2: a term of at least three days (counted as the days after the start up
    # to and including the original end) must contain at least two werkdagen. After
    # art. 1 the end is a werkdag, so at most one more werkdag is ever needed.
    if (einde - start).days >= 3:
        while not _heeft_twee_werkdagen(start, verlengd, kalender):
            verlengd = kalender.volgende_werkdag(verlengd + timedelta(days=1))
    return verlengd


def _heeft_twee_werkdagen(start: date, einde: date, kalender: AtwKalender) -> bool:
    # Walks back from the end and stops at the second werkdag, so long terms stay cheap.
    d = einde
    gevonden = 0
    while d > start:
        if kalender.is_werkdag(d):
            gevonden += 1
            if gevonden == 2:
                return True
        d -= timedelta(days=1)
    return False
