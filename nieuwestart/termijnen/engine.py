"""Pure computation of a dossier's terms from its events, local policy and the ATW calendar.

Terms are computed from events, never typed in (domain.md): the same events, policy and
calendar always give the same terms, whatever order the events come in. Nothing here
reads the clock or the database; "today" is passed to ``status`` and
``eerstvolgende_open_termijn`` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.termijnen.kalender import AtwKalender, verleng_volgens_atw
from nieuwestart.termijnen.regels import (
    REGELS,
    TermijnAard,
    TermijnRegel,
    bereken_einddatum,
)

__all__ = [
    "BerekendeTermijn",
    "Beleid",
    "Gebeurtenis",
    "OngeldigeGebeurtenis",
    "TermijnStatus",
    "bereken_einddatum",
    "bereken_termijnen",
    "eerstvolgende_open_termijn",
]


@dataclass(frozen=True)
class Gebeurtenis:
    """One event of a dossier's log, as the engine needs it (no model instance)."""

    id: int | str
    soort: str
    datum: date
    gegevens: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Beleid:
    """The municipality's local settings that change terms (model beleidsregels: lokaal)."""

    eerste_gesprek_weken: int = 8
    bezwaartermijn_weken: int = 6
    bijna_verlopen_dagen: int = 14
    # Aftercare checks after a warme overdracht (Handreiking §4.5; lokaal beleid).
    nazorg_eerste_weken: int = 4
    nazorg_tweede_maanden: int = 3

    def __post_init__(self) -> None:
        if self.nazorg_eerste_weken < 1 or self.nazorg_tweede_maanden < 1:
            raise ValueError("Aftercare terms in Beleid must be at least one week / month")
        if self.eerste_gesprek_weken < 1 or self.bezwaartermijn_weken < 1:
            raise ValueError("Term lengths in Beleid must be at least one week")
        if self.bijna_verlopen_dagen < 0:
            raise ValueError("bijna_verlopen_dagen cannot be negative")


class OngeldigeGebeurtenis(ValueError):
    """An event's gegevens cannot be read (e.g. a notice without a valid nieuwe_datum)."""


class TermijnStatus(models.TextChoices):
    VOLDAAN = "VOLDAAN", _("Gehaald")
    LOPEND = "LOPEND", _("Loopt")
    # Within Beleid.bijna_verlopen_dagen of the end, the end day included.
    BIJNA_VERLOPEN = "BIJNA_VERLOPEN", _("Bijna verlopen")
    # An ACTIE term whose end has passed without being met.
    VERLOPEN = "VERLOPEN", _("Te laat")
    # An UITERSTE_DATUM term whose end has passed: the window closed, nothing went wrong.
    VERSTREKEN = "VERSTREKEN", _("Verstreken")
    VERVALLEN = "VERVALLEN", _("Vervallen")


@dataclass(frozen=True)
class BerekendeTermijn:
    """One computed term instance and how its end date came about.

    ``einddatum`` = ``oorspronkelijke_einddatum`` + 7:10 verdaging + ``opgeschorte_dagen``,
    then extended by the ATW (``atw_verlengd``), unless a 4:14 notice set ``verdaagd_tot``.
    While ``opgeschort_sinds`` is set, a suspension is still running: ``einddatum`` is then
    provisional (computed as if the suspension ended the day it started) and the term
    shows as LOPEND, because its real end is not known yet (Awb 4:15).
    """

    regel: TermijnRegel
    sleutel: str
    startdatum: date
    oorspronkelijke_einddatum: date
    opgeschorte_dagen: int
    verdaagd_tot: date | None
    atw_verlengd: bool
    einddatum: date
    voldaan_op: date | None
    vervallen_op: date | None
    opgeschort_sinds: date | None = None
    verdagingen: int = 0
    bijna_verlopen_dagen: int = 14
    start_gebeurtenis_id: int | str | None = None

    @property
    def is_open(self) -> bool:
        return self.voldaan_op is None and self.vervallen_op is None

    @property
    def te_laat_voldaan(self) -> bool:
        return self.voldaan_op is not None and self.voldaan_op > self.einddatum

    def is_opgeschort_op(self, vandaag: date) -> bool:
        return self.opgeschort_sinds is not None and self.opgeschort_sinds <= vandaag

    def dagen_tot_einde(self, vandaag: date) -> int:
        """Days from ``vandaag`` to the end; 0 on the end day, negative after it."""
        return (self.einddatum - vandaag).days

    def status(self, vandaag: date) -> TermijnStatus:
        """The status as seen on ``vandaag``; events dated after ``vandaag`` do not count yet."""
        return termijnstatus(
            aard=self.regel.aard,
            einddatum=self.einddatum,
            vandaag=vandaag,
            bijna_verlopen_dagen=self.bijna_verlopen_dagen,
            voldaan_op=self.voldaan_op,
            vervallen_op=self.vervallen_op,
            opgeschort=self.is_opgeschort_op(vandaag),
        )


def termijnstatus(
    *,
    aard: str,
    einddatum: date,
    vandaag: date,
    bijna_verlopen_dagen: int,
    voldaan_op: date | None = None,
    vervallen_op: date | None = None,
    opgeschort: bool = False,
) -> TermijnStatus:
    """One place that turns an end date into met / due / overdue; also used for stored terms."""
    if voldaan_op is not None and voldaan_op <= vandaag:
        return TermijnStatus.VOLDAAN
    if vervallen_op is not None and vervallen_op <= vandaag:
        return TermijnStatus.VERVALLEN
    if opgeschort:
        return TermijnStatus.LOPEND
    if vandaag > einddatum:
        return TermijnStatus.VERLOPEN if aard == TermijnAard.ACTIE else TermijnStatus.VERSTREKEN
    if (einddatum - vandaag).days <= bijna_verlopen_dagen:
        return TermijnStatus.BIJNA_VERLOPEN
    return TermijnStatus.LOPEND


def _volgorde(g: Gebeurtenis) -> tuple[Any, ...]:
    # Sort by (datum, id); ids may be ints or strings, which do not compare with each
    # other, and soort breaks ties so the input order can never change the outcome.
    id_sleutel = (0, g.id, "") if isinstance(g.id, int) else (1, 0, str(g.id))
    return (g.datum, id_sleutel, str(g.soort))


def _sleutel(waarde: Any) -> str:
    return "" if waarde is None else str(waarde)


def _is_waar(waarde: Any) -> bool:
    if isinstance(waarde, str):
        return waarde.strip().lower() in {"true", "1", "ja"}
    return waarde is True or waarde == 1


def _lees_datum(g: Gebeurtenis, veld: str) -> date:
    waarde = g.gegevens.get(veld)
    if isinstance(waarde, date):
        return waarde
    try:
        return date.fromisoformat(str(waarde))
    except ValueError:
        raise OngeldigeGebeurtenis(
            f"Gebeurtenis {g.id!r} ({g.soort}): {veld}={waarde!r} is not an ISO date"
        ) from None


def bereken_termijnen(
    gebeurtenissen: Iterable[Gebeurtenis],
    *,
    beleid: Beleid,
    kalender: AtwKalender,
    regels: tuple[TermijnRegel, ...] = REGELS,
) -> list[BerekendeTermijn]:
    """All term instances the events start, in rule order, then in order of their start."""
    volgorde = sorted(gebeurtenissen, key=_volgorde)
    resultaat: list[BerekendeTermijn] = []
    # Final ends per (code, sleutel), for terms that start after another one (Awb 7:10).
    einden: dict[tuple[str, str], date] = {}
    for r in regels:
        if r.start_bij is None:
            continue
        for start, sleutel in _starts(r, volgorde):
            termijn = _bereken(r, sleutel, start, volgorde, beleid, kalender, einden)
            einden[(r.code, sleutel)] = termijn.einddatum
            resultaat.append(termijn)
    return resultaat


def _starts(r: TermijnRegel, volgorde: list[Gebeurtenis]) -> list[tuple[Gebeurtenis, str]]:
    starts: dict[str, Gebeurtenis] = {}
    for g in volgorde:
        if g.soort != r.start_bij:
            continue
        # Without a sleutel_veld a term runs once: a second AANGEMELD does not restart it.
        sleutel = _sleutel(g.gegevens.get(r.sleutel_veld)) if r.sleutel_veld else ""
        starts.setdefault(sleutel, g)
    return [(g, s) for s, g in starts.items()]


class _Loop:
    """The mutable state of one term instance while its events are replayed."""

    def __init__(
        self, r: TermijnRegel, startdatum: date, basis: date, atw: bool, kalender: AtwKalender
    ) -> None:
        self.r = r
        self.startdatum = startdatum
        self.basis = basis  # start + duration (+ 7:10 verdaging), before suspension and ATW
        self.atw = atw
        self.kalender = kalender
        self.opgeschorte_dagen = 0
        self.dagen_na_mededeling = 0
        self.opgeschort_sinds: date | None = None
        self.verdaagd_tot: date | None = None
        self.verdagingen = 0

    def ruwe_einde(self) -> date:
        return self.basis + timedelta(days=self.opgeschorte_dagen - self.dagen_na_mededeling)

    def einde(self) -> date:
        if self.verdaagd_tot is not None:
            # A 4:14 notice sets a date the municipality chose and promised; the ATW does
            # not move it again, even when it is not a werkdag. Suspensions after the
            # notice still move it (Awb 4:15).
            return self.verdaagd_tot + timedelta(days=self.dagen_na_mededeling)
        ruw = self.ruwe_einde()
        if self.atw:
            return verleng_volgens_atw(self.startdatum, ruw, self.kalender)
        return ruw

    def beeindig_opschorting(self, op: date) -> None:
        if self.opgeschort_sinds is None:
            return
        dagen = max(0, (op - self.opgeschort_sinds).days)
        self.opgeschorte_dagen += dagen
        # A suspension moves whichever end is in force when it ends: the notified
        # date when a 4:14 notice came in meanwhile, else the statutory end.
        if self.verdaagd_tot is not None:
            self.dagen_na_mededeling += dagen
        self.opgeschort_sinds = None


def _bereken(
    r: TermijnRegel,
    sleutel: str,
    start: Gebeurtenis,
    volgorde: list[Gebeurtenis],
    beleid: Beleid,
    kalender: AtwKalender,
    einden: Mapping[tuple[str, str], date],
) -> BerekendeTermijn:
    startdatum = start.datum
    if r.start_na_einde_van is not None:
        # Awb 7:10 lid 1: counted from the end of the bezwaartermijn of the same
        # beschikking. Without that term (its beschikking event is missing) fall back to
        # the start event's date: earlier than the law's start, so warnings come early.
        startdatum = einden.get((r.start_na_einde_van, sleutel), start.datum)

    duur = r.duur_voor(beleid)
    if r.duur_met_adviescommissie is not None and _is_waar(start.gegevens.get("adviescommissie")):
        duur = r.duur_met_adviescommissie
    oorspronkelijk = duur.tel_op(startdatum)
    atw = r.atw_toepassen and duur.atw_van_toepassing
    loop = _Loop(r, startdatum, oorspronkelijk, atw, kalender)

    voldaan_op: date | None = None
    vervallen_op: date | None = None
    for g in volgorde:
        # Events before the start event do not concern this instance. For a term that
        # starts later than its start event (7:10) a decision taken early still counts.
        if g is start or g.datum < start.datum:
            continue
        soort = g.soort
        if soort in r.voldaan_door and _sleutel_past(g, r, sleutel, strikt=True):
            voldaan_op = g.datum
            loop.beeindig_opschorting(g.datum)
            break
        if soort in r.vervalt_door and _sleutel_past(g, r, sleutel, strikt=False):
            # A window (UITERSTE_DATUM) that already closed stays verstreken; an action
            # that is overdue becomes moot all the same.
            if r.aard == TermijnAard.ACTIE or g.datum <= loop.einde():
                vervallen_op = g.datum
                loop.beeindig_opschorting(g.datum)
                break
            continue
        betreft = _betreft(g, r, sleutel)
        if soort == GebeurtenisSoort.OPSCHORTING_GESTART and r.opschortbaar and betreft:
            # Awb 4:15 suspends a running term; it cannot revive one that has ended.
            if loop.opgeschort_sinds is None and g.datum <= loop.einde():
                loop.opgeschort_sinds = g.datum
        elif soort == GebeurtenisSoort.OPSCHORTING_BEEINDIGD and r.opschortbaar and betreft:
            loop.beeindig_opschorting(g.datum)
        elif soort == GebeurtenisSoort.VERWACHTE_DATUM_MEEGEDEELD and r.verdaagbaar and betreft:
            nieuwe_datum = _lees_datum(g, "nieuwe_datum")
            # Awb 4:14 lid 3: the notice must be given within the term. Once the term has
            # passed it was exceeded (and a notice of default under 4:17 may follow); a
            # late notice does not undo that, so it is ignored.
            if g.datum <= loop.einde():
                loop.verdaagd_tot = nieuwe_datum
                loop.dagen_na_mededeling = 0
        elif (
            r.verdaging is not None
            and soort == r.verdaging.door
            and _sleutel_past(g, r, sleutel, strikt=True)
        ):
            # Awb 7:10 lid 3: the extension must be decided before the term ends, and
            # only `maximaal` times; later or extra extensions do not count.
            if loop.verdagingen < r.verdaging.maximaal and g.datum <= loop.einde():
                loop.basis = r.verdaging.duur.tel_op(loop.basis)
                loop.verdagingen += 1

    einddatum = loop.einde()
    return BerekendeTermijn(
        regel=r,
        sleutel=sleutel,
        startdatum=startdatum,
        oorspronkelijke_einddatum=oorspronkelijk,
        opgeschorte_dagen=loop.opgeschorte_dagen,
        opgeschort_sinds=loop.opgeschort_sinds,
        verdaagd_tot=loop.verdaagd_tot,
        verdagingen=loop.verdagingen,
        atw_verlengd=loop.verdaagd_tot is None and einddatum != loop.ruwe_einde(),
        einddatum=einddatum,
        voldaan_op=voldaan_op,
        vervallen_op=vervallen_op,
        bijna_verlopen_dagen=beleid.bijna_verlopen_dagen,
        start_gebeurtenis_id=start.id,
    )


def _sleutel_past(g: Gebeurtenis, r: TermijnRegel, sleutel: str, *, strikt: bool) -> bool:
    """Whether event ``g`` concerns the instance ``sleutel`` of keyed rule ``r``.

    ``strikt``: the event must name the same key (a decision on bezwaar A does not meet
    bezwaar B). Otherwise an event without the key concerns every instance (a dossier
    that is closed closes all its terms).
    """
    if r.sleutel_veld is None:
        return True
    if not strikt and r.sleutel_veld not in g.gegevens:
        return True
    return _sleutel(g.gegevens.get(r.sleutel_veld)) == sleutel


def _betreft(g: Gebeurtenis, r: TermijnRegel, sleutel: str) -> bool:
    # Suspensions and notices name the term they concern in gegevens["termijn"].
    return g.gegevens.get("termijn") == r.code and _sleutel_past(g, r, sleutel, strikt=False)


_OPEN_STATUSSEN = frozenset(
    {TermijnStatus.LOPEND, TermijnStatus.BIJNA_VERLOPEN, TermijnStatus.VERLOPEN}
)


def eerstvolgende_open_termijn(
    termijnen: Iterable[BerekendeTermijn], *, vandaag: date
) -> BerekendeTermijn | None:
    """The open term that is due first as seen on ``vandaag``, or None.

    Overdue actions count (they are the most urgent); a window that has closed does not,
    and neither does a suspended term, whose end is not known while it is suspended.
    On equal dates an action comes before a window.
    """
    kandidaten = [
        t
        for t in termijnen
        if t.status(vandaag) in _OPEN_STATUSSEN and not t.is_opgeschort_op(vandaag)
    ]
    return min(kandidaten, key=_eerst_verschuldigd, default=None)


def _eerst_verschuldigd(t: BerekendeTermijn) -> tuple[date, bool, str, str]:
    return (t.einddatum, t.regel.aard != TermijnAard.ACTIE, str(t.regel.code), t.sleutel)
