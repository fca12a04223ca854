"""Synthetic data for Nieuwe Start: one generator, two sizes.

``seed_demo`` fills a small demo installation (named users per role, about 80 dossiers
in every status, overdue and nearly due terms, suspensions and Awb 4:14 notices);
``seed_national`` fills a national-scale data set for the benchmarks (150,000
rechthebbenden, 200,000 dossiers by default). Both go through the same pipeline:

1. plan each dossier's life as a timeline of events (``plan_tijdlijn``), in the order
   ``transitions.py`` allows, with every date on or before ``vandaag``;
2. compute the dossier's terms from exactly those events with the real terms engine
   (``bereken_termijnen`` + ``eerstvolgende_open_termijn``, as ``termijnen_bijwerken`` does);
3. write all rows as tuples with ``executemany`` in one transaction, with primary keys
   assigned up front (max(id)+1), so no row is read back.

At national scale steps 1 and 2 run in forked worker processes (the engine alone costs
about 160 µs per dossier); only the parent process touches the database. Blocks get
their own seeds, so the data does not depend on the number of workers.

Nothing here reads the clock: ``vandaag`` is passed in. The same seed and ``vandaag``
give the same data. Every person is synthetic; names are drawn from Faker's nl_NL
lists, BSNs pass the 11-proef but are random.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import gc
import itertools
import multiprocessing
import random
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as kloktijd
from typing import Any, TextIO

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from nieuwestart.accounts.models import Rol, Team, User
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as GS
from nieuwestart.dossiers.models import (
    Aanmeldingsbron,
    Contactkanaal,
    Doelgroep,
    Dossier,
    DossierGebeurtenis,
    Dossiernummering,
    DossierStatus,
    EersteGesprek,
    Gezinslid,
    Huishouden,
    Hulpvraag,
    Leefgebied,
    Rechthebbende,
    Relatie,
    Verificatie,
    VerificatieUitkomst,
)
from nieuwestart.instellingen.models import GemeenteInstellingen
from nieuwestart.termijnen.engine import (
    Gebeurtenis,
    bereken_termijnen,
    eerstvolgende_open_termijn,
)
from nieuwestart.termijnen.kalender import AtwKalender
from nieuwestart.termijnen.models import ExtraFeestdag, Termijn
from nieuwestart.termijnen.regels import TermijnSoort
from nieuwestart.termijnen.services import atw_kalender, beleid_voor

from . import teksten

__all__ = [
    "DEMO_GEBRUIKERS",
    "DEMO_WACHTWOORD",
    "STANDAARD_SEED",
    "Scenario",
    "SeedRapport",
    "Tijdlijn",
    "demodata_wissen",
    "plan_tijdlijn",
    "seed_demo",
    "seed_national",
]

DEMO_WACHTWOORD = "Welkom-bij-NieuweStart-1"
STANDAARD_SEED = 2026
DEMO_GEMEENTENAAM = "Gemeente Voorbeeldstad"
DEMO_GEMEENTECODE = "9999"
DEMO_PLAATS = "Voorbeeldstad"
# Usernames and team names of the national scale start with these, so a reset finds them.
LANDELIJK_PREFIX = "nl-"
LANDELIJK_TEAM_PREFIX = "Regioteam "

# Brede ondersteuning started with the Spuk of 2021; the 2022 amendment added the
# children of the kindregeling, who register from 2023 on (domain.md, Spuk).
BEGIN_REGELING = date(2021, 1, 1)
BEGIN_KINDREGELING = date(2023, 1, 1)

S = DossierStatus
D = Doelgroep
B = Aanmeldingsbron

# The lifecycle in order (transitions.py); the index is how far a dossier has come.
_FASE = {
    S.AANGEMELD: 0, S.GEVERIFIEERD: 1, S.EERSTE_GESPREK_GEVOERD: 2, S.PLAN_VASTGESTELD: 3,
    S.AFBOUW: 4, S.BEEINDIGD: 5, S.NAZORG: 6, S.AFGESLOTEN: 7,
}

SYSTEEM = "systeem"  # an event without a person (a portal import)
UITVOERDER = "uitvoerder"  # the consulent who works on the dossier


@contextlib.contextmanager
def _zonder_gc() -> Iterator[None]:
    """Millions of small objects and no cycles: the cyclic GC would only rescan them, over and over."""
    was_aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_aan:
            gc.enable()


# --------------------------------------------------------------------------- randomness


class Toeval(random.Random):
    """random.Random with cheaper ``randint``/``choice``: millions of draws dominate the run time.

    Same seed, same sequence; only not the sequence the stdlib methods would give.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


class _Gewogen:
    """A weighted choice with the cumulative weights computed once."""

    def __init__(self, waarden: Sequence[Any], gewichten: Sequence[float]):
        self.waarden = tuple(waarden)
        self.cum = list(itertools.accumulate(gewichten))
        self.totaal = self.cum[-1]

    def trek(self, rng: random.Random) -> Any:
        return self.waarden[bisect.bisect_right(self.cum, rng.random() * self.totaal)]


_AANTAL_HULPVRAGEN = _Gewogen((1, 2, 3, 4), (35, 35, 20, 10))
# Sorted, as dossiers.services.eerste_gesprek_vastleggen writes them in the event.
_LEEFGEBIED_KEUZES = {k: list(itertools.combinations(sorted(lg.value for lg in Leefgebied), k)) for k in range(1, 6)}
_REDEN = _Gewogen(("DOELEN_BEREIKT", "TWEE_JAAR_VERSTREKEN", "GEEN_BEHOEFTE_MEER", "GEEN_CONTACT"), (45, 20, 20, 15))
_KANAAL = _Gewogen(
    (Contactkanaal.TELEFOON.value, Contactkanaal.EMAIL.value, Contactkanaal.POST.value, Contactkanaal.BEZOEK.value),
    (55, 25, 10, 10),
)
_LEDEN_KIND = _Gewogen((0, 1, 2), (70, 20, 10))
_LEDEN_OUDER = _Gewogen((0, 1, 2, 3, 4), (20, 30, 25, 15, 10))
# About one note per two dossiers, so a dossier has about five events.
_NOTITIES = _Gewogen((0, 1, 2, 3), (68, 22, 8, 2))


# --------------------------------------------------------------------------- timelines


@dataclass(slots=True)
class Scenario:
    """What one dossier's life looks like; ``plan_tijdlijn`` turns it into dated events.

    ``dagen_geleden`` places the step the status is about (the registration for
    aangemeld/geverifieerd, whose eerste-gesprek term runs from it; the eerste gesprek;
    the plan; UHT's "niet erkend" for afbouw; the end, nazorg or closing) that many days
    before ``vandaag``. ``gesprek_extra`` and ``plan_extra`` add an Awb 4:15 suspension
    ("opschorting", or "opschorting_lopend" when it still runs) or an Awb 4:14 notice
    ("mededeling") to the term of the eerste gesprek or of the plan van aanpak.
    ``einde``: "normaal", "afbouw" (UHT did not recognise the aanvrager) or "vroeg"
    (ended before an eerste gesprek, e.g. no response).
    """

    status: str
    doelgroep: str
    bron: str
    dagen_geleden: int
    laat_gesprek: bool = False
    laat_plan: bool = False
    gesprek_extra: str | None = None
    plan_extra: str | None = None
    einde: str = "normaal"
    notities: int = 0


# One planned event: (soort, datum, gegevens, toelichting, door). Its id is given when the
# dossier gets its place in the table; door is SYSTEEM, UITVOERDER or None.
Ev = tuple[str, date, dict[str, Any], str, str | None]


@dataclass
class Tijdlijn:
    aanmelddatum: date
    laatste_datum: date
    gebeurtenissen: list[Ev]
    # (datum, uitkomst, gegevens shared with the events that cite the verificatie, toelichting)
    verificaties: list[tuple[date, str, dict[str, Any], str]]
    eerste_gesprek: date | None = None
    acute_situatie: bool = False
    leefgebieden: tuple[str, ...] = ()


def plan_tijdlijn(
    rng: random.Random,
    sc: Scenario,
    *,
    vandaag: date,
    eerste_gesprek_weken: int = 8,
    begin: date | None = BEGIN_REGELING,
) -> Tijdlijn:
    """Dated events for one dossier, consistent with its status and never after ``vandaag``.

    Steps are laid out as day offsets from the registration, then the step that
    ``sc.status`` is about is put ``sc.dagen_geleden`` days back. When that would place
    the registration before ``begin``, the whole timeline moves forward.
    """
    fase = _FASE[S(sc.status)]
    portaal = sc.bron == B.GEGEVENSPORTAAL
    stappen: list[list[Any]] = []  # [offset, volgorde, soort, gegevens, toelichting, door, nieuwe_datum_offset]
    volgorde = itertools.count()
    verificaties: list[tuple[int, str, dict[str, Any], str]] = []

    def stap(offset: int, soort: str, gegevens: dict[str, Any] | None = None, toelichting: str = "",
             door: str | None = UITVOERDER, nieuwe: int | None = None) -> None:
        stappen.append([offset, next(volgorde), soort, gegevens if gegevens is not None else {}, toelichting, door, nieuwe])

    # Exactly what aanmeldingen.services.dossier_openen writes.
    stap(0, GS.AANGEMELD, {"bron": sc.bron, "eerste_gesprek_weken": eerste_gesprek_weken},
         door=SYSTEEM if portaal else UITVOERDER)
    anker = 0
    grens = 0  # the last offset so far; the next lifecycle step comes after it
    if portaal:
        # Portal lists come from UHT, so the right is confirmed on the day of import.
        stap(0, GS.GEVERIFIEERD, {}, "Recht bevestigd: de rechthebbende staat op een lijst uit het Gegevensportaal.",
             door=SYSTEEM)
    elif fase == 0:
        if rng.random() < 0.3:
            # A first call to the UHT Serviceteam that could not confirm the right yet.
            dag = rng.randint(1, 10)
            uitkomst = VerificatieUitkomst.ONBEKEND if rng.random() < 0.7 else VerificatieUitkomst.NIET_BEVESTIGD
            gegevens = {"uitkomst": uitkomst.value, "verificatie": None}
            toelichting = "UHT kon het recht nog niet bevestigen; opnieuw navragen."
            verificaties.append((dag, uitkomst.value, gegevens, toelichting))
            stap(dag, GS.VERIFICATIE_VASTGELEGD, gegevens, toelichting)
    elif not (sc.einde == "vroeg" and fase >= 5 and rng.random() < 0.5):
        grens = rng.randint(1, 10)
        gegevens = {"uitkomst": VerificatieUitkomst.BEVESTIGD.value, "verificatie": None}
        verificaties.append((grens, VerificatieUitkomst.BEVESTIGD.value, gegevens, ""))
        # verificatie_vastleggen writes both events with the same gegevens.
        stap(grens, GS.VERIFICATIE_VASTGELEGD, gegevens)
        stap(grens, GS.GEVERIFIEERD, gegevens)

    def extra(soort_extra: str | None, start: int, termijn: str, in_fase: bool) -> tuple[int, int | None]:
        """A suspension or notice in the term that runs from ``start``; returns (last offset, promised offset)."""
        if soort_extra is None:
            return start, None
        if soort_extra.startswith("opschorting"):
            begin_opschorting = start + rng.randint(5, 30)
            reden = rng.choice(teksten.OPSCHORTINGSREDENEN)
            stap(begin_opschorting, GS.OPSCHORTING_GESTART, {"termijn": termijn, "reden": reden}, reden)
            if soort_extra == "opschorting_lopend" and in_fase:
                return begin_opschorting, None
            einde_opschorting = begin_opschorting + rng.randint(5, 21)
            stap(einde_opschorting, GS.OPSCHORTING_BEEINDIGD, {"termijn": termijn})
            return einde_opschorting, None
        # Awb 4:14: told within the term when to expect the act.
        gemeld = start + rng.randint(35, 54)
        nieuwe = start + rng.randint(63, 84)
        stap(gemeld, GS.VERWACHTE_DATUM_MEEGEDEELD, {"termijn": termijn, "nieuwe_datum": None},
             rng.choice(teksten.MEDEDELINGEN), nieuwe=nieuwe)
        return gemeld, nieuwe

    eerste_gesprek: int | None = None
    acute = False
    leefgebieden: tuple[str, ...] = ()
    gesprek_grens, beloofd = extra(sc.gesprek_extra, 0, TermijnSoort.EERSTE_GESPREK.value, fase <= 1)
    grens = max(grens, gesprek_grens)

    if fase >= 5 and sc.einde == "vroeg":
        # Ended before an eerste gesprek: no response, or no longer wanted.
        reden = "GEEN_CONTACT" if rng.random() < 0.6 else "GEEN_BEHOEFTE_MEER"
        grens += rng.randint(30, 120)
        stap(grens, GS.BEEINDIGD, {"reden": reden}, teksten.BEEINDIGINGSREDENEN[reden])
        anker = grens if fase == 5 else anker
    elif fase >= 2:
        e = rng.randint(57, 95) if sc.laat_gesprek else rng.randint(10, 54)
        if beloofd is not None:
            e = rng.randint(grens + 1, max(grens + 1, beloofd))
        eerste_gesprek = max(e, grens + rng.randint(1, 7))
        acute = rng.random() < 0.06
        leefgebieden = rng.choice(_LEEFGEBIED_KEUZES[_AANTAL_HULPVRAGEN.trek(rng)])
        # Exactly what dossiers.services.eerste_gesprek_vastleggen writes.
        stap(eerste_gesprek, GS.EERSTE_GESPREK_GEVOERD, {"acute_situatie": acute, "leefgebieden": list(leefgebieden)})
        grens = eerste_gesprek
        anker = eerste_gesprek
        afbouw = fase == 4 or (fase >= 5 and sc.einde == "afbouw")
        # Some aanvragers hear "niet erkend" before their plan is made.
        plan_gemaakt = fase >= 3 and not (afbouw and rng.random() < 0.2)
        plan_grens, beloofd = extra(sc.plan_extra, eerste_gesprek, TermijnSoort.PLAN_VAN_AANPAK.value, fase == 2)
        grens = max(grens, plan_grens)
        plan: int | None = None
        if plan_gemaakt:
            p = eerste_gesprek + (rng.randint(57, 85) if sc.laat_plan else rng.randint(14, 54))
            if beloofd is not None:
                p = rng.randint(grens + 1, max(grens + 1, beloofd))
            plan = max(p, grens + rng.randint(1, 10))
            stap(plan, GS.PLAN_VASTGESTELD, {}, "Plan van aanpak vastgesteld en met de rechthebbende besproken.")
            grens = plan
            anker = plan
        if afbouw:
            niet_erkend = grens + (rng.randint(20, 400) if plan is not None else rng.randint(10, 50))
            stap(niet_erkend, GS.UHT_NIET_ERKEND, {}, "Integrale beoordeling door UHT: niet erkend.")
            grens = niet_erkend + rng.randint(0, 5)
            stap(grens, GS.AFBOUW_GESTART, {}, "Afbouw binnen 30 dagen (acclimatisatiefase).")
            anker = niet_erkend
            if fase >= 5:
                grens += rng.randint(31, 45) if rng.random() < 0.1 else rng.randint(5, 28)
                stap(grens, GS.BEEINDIGD, {"reden": "NIET_ERKEND"}, teksten.BEEINDIGINGSREDENEN["NIET_ERKEND"])
                anker = grens
        elif fase >= 5:
            reden = _REDEN.trek(rng)
            if reden == "TWEE_JAAR_VERSTREKEN":
                grens = max(grens + 1, eerste_gesprek + 730 + rng.randint(0, 20))
            else:
                grens += rng.randint(60, 650)
            stap(grens, GS.BEEINDIGD, {"reden": reden}, teksten.BEEINDIGINGSREDENEN[reden])
            anker = grens
    elif fase <= 1:
        anker = 0

    if fase == 6 or (fase == 7 and rng.random() < 0.55):
        grens += rng.randint(0, 14)
        stap(grens, GS.NAZORG_GESTART, {}, rng.choice(teksten.NAZORG))
        anker = grens
        if fase == 7:
            grens += rng.randint(30, 180)
    elif fase == 7:
        grens += rng.randint(7, 60)
    if fase == 7:
        stap(grens, GS.AFGESLOTEN, {}, "Dossier afgesloten.")
        anker = grens

    laatste = max(s[0] for s in stappen)
    # Steps after the anchor (a verification, a suspension that still runs) must not lie in the future.
    anker_datum = min(vandaag - timedelta(days=sc.dagen_geleden), vandaag - timedelta(days=laatste - anker))
    aanmelddatum = anker_datum - timedelta(days=anker)
    ruimte = (vandaag - begin).days - laatste if begin is not None else -1
    if begin is not None and aanmelddatum < begin and ruimte >= 0:
        # Spread what would start too early over the first year, instead of piling it on one day.
        aanmelddatum = begin + timedelta(days=rng.randint(0, min(365, ruimte)))

    stappen.sort(key=lambda s: (s[0], s[1]))
    gebeurtenissen: list[Ev] = []
    for offset, _volg, soort, gegevens, toelichting, door, nieuwe in stappen:
        if nieuwe is not None:
            gegevens["nieuwe_datum"] = (aanmelddatum + timedelta(days=nieuwe)).isoformat()
        gebeurtenissen.append((str(soort), aanmelddatum + timedelta(days=offset), gegevens, toelichting, door))
    laatste_datum = aanmelddatum + timedelta(days=laatste)

    if sc.notities:
        # Notes fall between registration and today, or the closing day of a closed dossier.
        tot = laatste_datum if fase == 7 else vandaag
        bereik = max(0, (tot - aanmelddatum).days)
        notities = sorted(rng.randint(0, bereik) for _ in range(sc.notities))
        for dag in notities:
            gebeurtenissen.append(
                (GS.TOELICHTING.value, aanmelddatum + timedelta(days=dag), {}, rng.choice(teksten.NOTITIES), UITVOERDER)
            )
        # Stable: a note on the same day comes after that day's lifecycle events.
        gebeurtenissen.sort(key=lambda g: g[1])
        laatste_datum = max(laatste_datum, gebeurtenissen[-1][1])

    return Tijdlijn(
        aanmelddatum=aanmelddatum,
        laatste_datum=laatste_datum,
        gebeurtenissen=gebeurtenissen,
        verificaties=[(aanmelddatum + timedelta(days=o), u, g, t) for o, u, g, t in verificaties],
        eerste_gesprek=aanmelddatum + timedelta(days=eerste_gesprek) if eerste_gesprek is not None else None,
        acute_situatie=acute,
        leefgebieden=leefgebieden,
    )


# --------------------------------------------------------------------------- people


class _Namen:
    """Name and address pools drawn once from Faker nl_NL, then combined with random.Random."""

    def __init__(self, seed: int):
        from faker import Faker

        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        # Sorted: set order depends on PYTHONHASHSEED, the data must not.
        self.vrouw = sorted({fake.first_name_female() for _ in range(3000)})
        self.man = sorted({fake.first_name_male() for _ in range(3000)})
        self.achternamen = sorted(
            n for n in {fake.last_name() for _ in range(6000)} if n.isalpha() and n[:1].isupper() and 3 <= len(n) <= 14
        )
        self.straten = sorted({fake.street_name() for _ in range(2000)})
        self.plaatsen = sorted({fake.city() for _ in range(3000)})
        self.tussenvoegsels = _Gewogen([t for t, _ in teksten.TUSSENVOEGSELS], [w for _, w in teksten.TUSSENVOEGSELS])

    def voornaam(self, rng: random.Random, vrouw: bool) -> str:
        if rng.random() < 0.1:
            return rng.choice(teksten.EXTRA_VOORNAMEN_VROUW if vrouw else teksten.EXTRA_VOORNAMEN_MAN)
        return rng.choice(self.vrouw if vrouw else self.man)

    def voornamen(self, rng: random.Random, vrouw: bool) -> str:
        eerste = self.voornaam(rng, vrouw)
        if rng.random() < 0.3:
            tweede = rng.choice(self.vrouw if vrouw else self.man)
            if tweede != eerste:
                return f"{eerste} {tweede}"
        return eerste

    def achternaam(self, rng: random.Random) -> tuple[str, str]:
        """(tussenvoegsel, achternaam)."""
        if rng.random() < 0.12:
            return "", rng.choice(teksten.EXTRA_ACHTERNAMEN)
        naam = rng.choice(self.achternamen)
        if rng.random() < 0.22:
            return self.tussenvoegsels.trek(rng), naam
        return "", naam


class _BsnBron:
    """Unique 11-proef-valid BSNs, never one already in the database (``bezet``, updated in place).

    ``bereik`` limits the first eight digits, so sources with disjoint ranges never collide.
    """

    def __init__(self, rng: random.Random, bezet: set[str] | None = None, *, bereik: tuple[int, int] = (0, 100_000_000)):
        self.rng = rng
        self.gebruikt: set[str] = bezet if bezet is not None else set()
        self.laag, self.breedte = bereik[0], bereik[1] - bereik[0]

    def __call__(self) -> str:
        # The 11-proef of common.bsn.genereer_bsn, with one draw instead of eight.
        trek = self.rng.random
        while True:
            eerste8 = self.laag + int(trek() * self.breedte)
            som, rest = 0, eerste8
            for gewicht in (2, 3, 4, 5, 6, 7, 8, 9):
                rest, cijfer = divmod(rest, 10)
                som += cijfer * gewicht
            laatste = som % 11
            if laatste > 9 or som - laatste <= 0:
                continue
            bsn = f"{eerste8:08d}{laatste}"
            if bsn not in self.gebruikt:
                self.gebruikt.add(bsn)
                return bsn


_NIET_IN_EMAIL = re.compile(r"[^a-z0-9.]")


def _jaren_terug(d: date, jaren: int, rng: random.Random) -> date:
    """A date about ``jaren`` years before ``d`` (plus up to a year earlier)."""
    return d - timedelta(days=int(jaren * 365.25) + rng.randint(0, 364))


@dataclass
class _Persoon:
    id: int
    bsn: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: date
    telefoonnummer: str
    email: str
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str
    voorkeurskanaal: str
    aangemaakt: date
    # (voornamen, achternaam, geboortedatum, relatie, bsn, inwonend); the same household for each dossier.
    leden: list[tuple[str, str, date, str, str, bool]] = field(default_factory=list)


def _maak_persoon(
    rng: random.Random, namen: _Namen, bsns: _BsnBron, doelgroep: str, peildatum: date, *, plaats: str | None = None
) -> _Persoon:
    """A rechthebbende and the household at ``peildatum`` (the first registration)."""
    vrouw = rng.random() < 0.62  # most registered parents are mothers
    voornamen = namen.voornamen(rng, vrouw)
    tussenvoegsel, achternaam = namen.achternaam(rng)
    kind = doelgroep == D.KIND_KINDREGELING
    # Kindregeling children are adults when they register themselves; parents are
    # 25-53 at their first registration, so at most 60 at a later one (the regeling began in 2021).
    leeftijd = rng.randint(18, 27) if kind else rng.randint(25, 52)
    geboortedatum = _jaren_terug(peildatum, leeftijd, rng)
    roepnaam = voornamen.split()[0]
    email = ""
    if rng.random() < 0.55:
        lokaal = _NIET_IN_EMAIL.sub("", f"{roepnaam}.{achternaam}".lower())
        email = f"{lokaal}{rng.randint(1, 99)}@example.com"
    telefoon = f"06{rng.randint(10000000, 99999999)}" if rng.random() < 0.88 else ""
    kanaal = _KANAAL.trek(rng)
    if (kanaal == Contactkanaal.EMAIL and not email) or (kanaal == Contactkanaal.TELEFOON and not telefoon):
        kanaal = Contactkanaal.POST.value
    letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
    persoon = _Persoon(
        id=0,
        bsn=bsns(),
        voornamen=voornamen,
        tussenvoegsel=tussenvoegsel,
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        telefoonnummer=telefoon,
        email=email,
        straat=rng.choice(namen.straten),
        huisnummer=str(rng.randint(1, 250)) + (rng.choice("ABC") if rng.random() < 0.08 else ""),
        postcode=f"{rng.randint(1000, 9999)}{letters}",
        woonplaats=plaats or rng.choice(namen.plaatsen),
        voorkeurskanaal=kanaal,
        aangemaakt=peildatum,
    )
    familienaam = f"{tussenvoegsel} {achternaam}".strip()
    if kind:
        aantal = _LEDEN_KIND.trek(rng)
        partner_kans = 0.8
    else:
        aantal = _LEDEN_OUDER.trek(rng)
        partner_kans = 0.1 if doelgroep == D.NABESTAANDE else 0.45
    for i in range(aantal):
        heeft_bsn = rng.random() < 0.92
        if i == 0 and rng.random() < partner_kans:
            p_leeftijd = max(18, leeftijd + rng.randint(-5, 6))
            p_naam = namen.achternaam(rng)
            persoon.leden.append((
                namen.voornamen(rng, not vrouw), f"{p_naam[0]} {p_naam[1]}".strip(),
                _jaren_terug(peildatum, p_leeftijd, rng), Relatie.PARTNER.value, bsns() if heeft_bsn else "", True,
            ))
            continue
        if not kind and rng.random() < 0.02:
            # A grandparent who lives in.
            persoon.leden.append((
                namen.voornamen(rng, rng.random() < 0.5), rng.choice(namen.achternamen),
                _jaren_terug(peildatum, rng.randint(62, 85), rng), Relatie.OVERIG.value, bsns() if heeft_bsn else "", True,
            ))
            continue
        # Children: mostly under 18; children of 18 or older who live at home belong to the gezin too.
        hoogste = max(0, min(24, leeftijd - 18))
        kind_leeftijd = rng.randint(0, min(17, hoogste)) if rng.random() < 0.85 or hoogste < 18 else rng.randint(18, hoogste)
        geboren = peildatum - timedelta(days=int(kind_leeftijd * 365.25) + rng.randint(0, 300))
        relatie = Relatie.PLEEGKIND if rng.random() < 0.03 else Relatie.KIND
        persoon.leden.append((
            namen.voornaam(rng, rng.random() < 0.5), familienaam, min(geboren, peildatum), relatie.value,
            bsns() if heeft_bsn else "", True,
        ))
    return persoon


# --------------------------------------------------------------------------- plans


@dataclass
class _DossierPlan:
    persoon: _Persoon
    doelgroep: str
    bron: str
    status: str
    team_id: int
    behandelaar_id: int | None
    uitvoerder_id: int | None
    tijdlijn: Tijdlijn
    volgorde: int = 0
    id: int = 0
    dossiernummer: str = ""


class _Zelf(dict):
    """Dates pass through unchanged: other databases adapt date objects themselves."""

    def __missing__(self, waarde: Any) -> Any:
        return waarde


# The columns termijnen.services.als_rij fills (the dossier aside), in the order _bouw_blok writes them.
_TERMIJN_VELDEN = (
    "regel", "sleutel", "startdatum", "oorspronkelijke_einddatum", "einddatum", "opgeschorte_dagen",
    "opgeschort_sinds", "verdaagd_tot", "atw_verlengd", "voldaan_op", "vervallen_op",
)

# --------------------------------------------------------------------------- bulk writing


class _Tabel:
    """INSERT rows of one model as tuples; columns the generator does not know get their default."""

    def __init__(self, model: type[models.Model], velden: Sequence[str], *, begin_id: int | None = None):
        meta = model._meta
        qn = connection.ops.quote_name
        gegeven = {meta.get_field(v).attname for v in velden}
        vast: list[tuple[str, Any]] = []
        for f in meta.concrete_fields:
            if f.attname in gegeven or f.primary_key or f.db_default is not models.NOT_PROVIDED:
                continue
            # A column added later (with a default) must not break the generator.
            waarde = timezone.now() if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
            vast.append((f.column, f.get_db_prep_save(waarde, connection)))
        kolommen = [meta.get_field(v).column for v in velden] + [k for k, _ in vast]
        self.model = model
        self.vast = tuple(w for _, w in vast)
        waarden = f"({', '.join(['%s'] * len(kolommen))})"
        self.sql = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(k) for k in kolommen)}) VALUES "
        # Many rows per statement roughly halves the cost per row on SQLite; stay far below
        # its limit of 32766 parameters per statement.
        self.per_statement = max(1, min(200, 30_000 // len(kolommen)))
        self.sql_een = self.sql + waarden
        self.sql_veel = self.sql + ", ".join([waarden] * self.per_statement)
        self.rijen: list[tuple[Any, ...]] = []
        self.aantal = 0
        self.volgende_id = begin_id if begin_id is not None else _volgende_id(model)

    def nieuw_id(self) -> int:
        self.volgende_id += 1
        return self.volgende_id - 1

    def reserveer(self, aantal: int) -> int:
        """The first of ``aantal`` consecutive new ids."""
        eerste = self.volgende_id
        self.volgende_id += aantal
        return eerste

    def voeg_toe(self, rij: tuple[Any, ...]) -> None:
        self.rijen.append(rij + self.vast if self.vast else rij)

    def voeg_alle_toe(self, rijen: list[tuple[Any, ...]]) -> None:
        if self.vast:
            vast = self.vast
            self.rijen.extend(r + vast for r in rijen)
        else:
            self.rijen.extend(rijen)

    def schrijf(self, cursor) -> None:
        rijen, n = self.rijen, self.per_statement
        if not rijen:
            return
        heel = len(rijen) // n * n
        if heel:
            keten = itertools.chain.from_iterable
            cursor.executemany(self.sql_veel, [tuple(keten(rijen[i:i + n])) for i in range(0, heel, n)])
        if heel < len(rijen):
            cursor.executemany(self.sql_een, rijen[heel:])
        self.aantal += len(rijen)
        self.rijen = []


def _volgende_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


class _Tijdstippen(dict):
    """``[day, quarter of an hour]`` -> the adapted local datetime; a million rows share a few thousand."""

    def __init__(self):
        super().__init__()
        self.tz = timezone.get_current_timezone()

    def __missing__(self, sleutel: tuple[date, int]) -> Any:
        d, kwartier = sleutel
        dt = datetime.combine(d, kloktijd(kwartier // 4, (kwartier % 4) * 15), tzinfo=self.tz)
        waarde = self[sleutel] = connection.ops.adapt_datetimefield_value(dt)
        return waarde


@dataclass
class SeedRapport:
    """What a seed did: rows per table, time taken, and the users to log in with."""

    schaal: str
    aantallen: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0
    overgeslagen: str = ""
    gebruikers: list[tuple[str, str, str, str]] = field(default_factory=list)  # username, naam, rol, teams
    fasen: dict[str, float] = field(default_factory=dict)
    api_sleutel: str = ""  # the demo API-applicatie's key, shown once

    def regels(self) -> list[str]:
        if self.overgeslagen:
            return [self.overgeslagen]
        uit = [f"Schaal {self.schaal}: klaar in {self.seconden:.1f} s."]
        if self.fasen:
            uit.append("  " + ", ".join(f"{k} {v:.1f} s" for k, v in self.fasen.items()))
        uit.extend(f"  {tabel:<34} {aantal:>10,}".replace(",", ".") for tabel, aantal in self.aantallen.items())
        return uit


@dataclass
class _Werkcontext:
    instellingen: GemeenteInstellingen
    kalender: AtwKalender
    vandaag: date
    seed: int
    # SQLite: JSON and dates as text here already, so less crosses the process boundary.
    sqlite: bool
    # The dossiers, in blocks; workers inherit them through fork, so a task is just an index.
    blokken: list[list[tuple[Any, ...]]]


class _Iso(dict):
    """date -> "YYYY-MM-DD", cached: a million rows share a few thousand dates."""

    def __missing__(self, d: date | None) -> str | None:
        waarde = self[d] = None if d is None else d.isoformat()
        return waarde


# Set in the parent before the worker pool forks, so workers inherit it without pickling.
_WERK: _Werkcontext | None = None
_TIJDSTIPPEN: _Tijdstippen | None = None

# The tables a block of dossiers fills, in the order they are written.
_BLOKTABELLEN = (
    "huishouden", "gezinslid", "gebeurtenis", "verificatie", "eerste_gesprek", "hulpvraag", "dossier", "termijn",
)


def _bouw_blok(blok_nr: int) -> dict[str, list[tuple[Any, ...]]]:
    """All rows of a block of dossiers, their terms computed as termijnen_bijwerken does.

    Pure (no database): runs in a worker process when there are several. Term rows come
    back without an id; the writer numbers them.
    """
    global _TIJDSTIPPEN
    ctx = _WERK
    assert ctx is not None
    if _TIJDSTIPPEN is None:
        _TIJDSTIPPEN = _Tijdstippen()
    tijdstip = _TIJDSTIPPEN
    items = ctx.blokken[blok_nr]
    rng = Toeval(f"{ctx.seed}-teksten-{blok_nr}")
    adapt_json = connection.ops.adapt_json_value if ctx.sqlite else None
    leeg_json = adapt_json({}, None) if adapt_json else None
    # On SQLite dates go in as ISO text anyway; elsewhere the driver adapts date objects.
    d = _Iso() if ctx.sqlite else _Zelf()
    rijen: dict[str, list[tuple[Any, ...]]] = {naam: [] for naam in _BLOKTABELLEN}
    huishoudens, leden_rijen, gebeurtenissen = rijen["huishouden"], rijen["gezinslid"], rijen["gebeurtenis"]
    for (dossier_id, nummer, persoon_id, doelgroep, status, bron, behandelaar_id, team_id, uitvoerder_id,
         aanmelddatum, laatste_datum, evs, verificaties, gesprek, leden, huishouden_id, lid_id, gesprek_id,
         vraag_id) in items:
        gebs = [Gebeurtenis(id=e[0], soort=e[1], datum=e[2], gegevens=e[3]) for e in evs]
        berekend = bereken_termijnen(gebs, beleid=beleid_voor(gebs, ctx.instellingen), kalender=ctx.kalender)
        volgende = eerstvolgende_open_termijn(berekend, vandaag=ctx.vandaag)
        rijen["dossier"].append((
            dossier_id, nummer, persoon_id, doelgroep, status, bron, d[aanmelddatum], behandelaar_id, team_id,
            d[volgende.einddatum] if volgende else None, str(volgende.regel.code) if volgende else "",
            tijdstip[aanmelddatum, 40], tijdstip[laatste_datum, 64],
        ))
        for t in berekend:
            rijen["termijn"].append((
                dossier_id, str(t.regel.code), t.sleutel, d[t.startdatum], d[t.oorspronkelijke_einddatum],
                d[t.einddatum], t.opgeschorte_dagen, d[t.opgeschort_sinds], d[t.verdaagd_tot], t.atw_verlengd,
                d[t.voldaan_op], d[t.vervallen_op],
            ))

        huishoudens.append((huishouden_id, dossier_id, d[aanmelddatum]))
        for i, (voornamen, achternaam, geboren, relatie, bsn, inwonend) in enumerate(leden):
            leden_rijen.append((lid_id + i, huishouden_id, voornamen, achternaam, d[geboren], relatie, bsn, inwonend))
        for i, (eid, soort, datum, gegevens, toelichting, door) in enumerate(evs):
            gebeurtenissen.append((
                eid, dossier_id, soort, d[datum], tijdstip[datum, 36 + 2 * (i % 8)],
                uitvoerder_id if door == UITVOERDER else None,
                (adapt_json(gegevens, None) if gegevens else leeg_json) if adapt_json else gegevens, toelichting,
            ))
        for datum, uitkomst, gegevens, toelichting in verificaties:
            rijen["verificatie"].append((
                gegevens["verificatie"], dossier_id, d[datum], uitvoerder_id, rng.choice(teksten.CONTACTPERSONEN_UHT),
                uitkomst, toelichting, tijdstip[datum, 44],
            ))
        if gesprek is not None:
            datum, acuut, leefgebieden = gesprek
            rijen["eerste_gesprek"].append((
                gesprek_id, dossier_id, d[datum], uitvoerder_id, rng.choice(teksten.AANWEZIGEN), acuut,
                rng.choice(teksten.ACUTE_SITUATIES) if acuut else "", tijdstip[datum, 56],
            ))
            for i, lg in enumerate(leefgebieden):
                rijen["hulpvraag"].append((vraag_id + i, gesprek_id, lg, rng.choice(teksten.HULPVRAGEN[lg])))
    return rijen


def _schrijf_dossiers(
    plannen: list[_DossierPlan],
    personen: list[_Persoon],
    *,
    instellingen: GemeenteInstellingen,
    kalender: AtwKalender,
    vandaag: date,
    seed: int,
    workers: int,
    blokgrootte: int = 2500,
    rapport: SeedRapport,
) -> None:
    """Assign ids and numbers, build rows and terms (in workers), and insert everything in one transaction."""
    global _WERK

    start = time.perf_counter()
    # Ids follow the registration date, as they would in a running system.
    plannen.sort(key=lambda p: (p.tijdlijn.aanmelddatum, p.volgorde))
    eerste: dict[int, _Persoon] = {}
    for p in plannen:
        eerste.setdefault(id(p.persoon), p.persoon)
    personen_op_volgorde = list(eerste.values())
    assert len(personen_op_volgorde) == len(personen)

    t = {
        "rechthebbende": _Tabel(Rechthebbende, (
            "id", "bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "telefoonnummer", "email",
            "straat", "huisnummer", "postcode", "woonplaats", "voorkeurskanaal", "aangemaakt_op")),
        "dossier": _Tabel(Dossier, (
            "id", "dossiernummer", "rechthebbende", "doelgroep", "status", "bron", "aanmelddatum", "behandelaar",
            "team", "volgende_termijn_einddatum", "volgende_termijn_regel", "aangemaakt_op", "gewijzigd_op")),
        "huishouden": _Tabel(Huishouden, ("id", "dossier", "peildatum")),
        "gezinslid": _Tabel(Gezinslid, (
            "id", "huishouden", "voornamen", "achternaam", "geboortedatum", "relatie", "bsn", "inwonend")),
        "gebeurtenis": _Tabel(DossierGebeurtenis, (
            "id", "dossier", "soort", "datum", "vastgelegd_op", "door", "gegevens", "toelichting")),
        "verificatie": _Tabel(Verificatie, (
            "id", "dossier", "datum", "uitgevoerd_door", "contactpersoon_uht", "uitkomst", "toelichting", "vastgelegd_op")),
        "eerste_gesprek": _Tabel(EersteGesprek, (
            "id", "dossier", "datum", "gevoerd_door", "aanwezigen", "acute_situatie", "acute_toelichting", "vastgelegd_op")),
        "hulpvraag": _Tabel(Hulpvraag, ("id", "eerste_gesprek", "leefgebied", "omschrijving")),
        "termijn": _Tabel(Termijn, ("id", "dossier", *_TERMIJN_VELDEN)),
    }
    for persoon in personen_op_volgorde:
        persoon.id = t["rechthebbende"].nieuw_id()

    # Every id is known before a row is built, so foreign keys need no read-back.
    # Dossiernummers per year in order of registration, after what the counters already gave out.
    tellers = dict(Dossiernummering.objects.values_list("jaar", "laatste"))
    items: list[tuple[Any, ...]] = []
    for p in plannen:
        tl = p.tijdlijn
        p.id = t["dossier"].nieuw_id()
        jaar = tl.aanmelddatum.year
        tellers[jaar] = tellers.get(jaar, 0) + 1
        p.dossiernummer = f"NS-{jaar}-{tellers[jaar]:06d}"
        eerste_gebeurtenis = t["gebeurtenis"].reserveer(len(tl.gebeurtenissen))
        for _datum, _uitkomst, gegevens, _toel in tl.verificaties:
            gegevens["verificatie"] = t["verificatie"].nieuw_id()
        gesprek = (tl.eerste_gesprek, tl.acute_situatie, tl.leefgebieden) if tl.eerste_gesprek else None
        items.append((
            p.id, p.dossiernummer, p.persoon.id, p.doelgroep, p.status, p.bron, p.behandelaar_id, p.team_id,
            p.uitvoerder_id, tl.aanmelddatum, tl.laatste_datum,
            [(eerste_gebeurtenis + i, *g) for i, g in enumerate(tl.gebeurtenissen)],
            tl.verificaties, gesprek, p.persoon.leden,
            t["huishouden"].nieuw_id(), t["gezinslid"].reserveer(len(p.persoon.leden)),
            t["eerste_gesprek"].nieuw_id() if gesprek else None, t["hulpvraag"].reserveer(len(tl.leefgebieden)),
        ))
    rapport.fasen["nummeren"] = time.perf_counter() - start

    tijdstip = _Tijdstippen()
    sqlite = connection.vendor == "sqlite"
    blokken = [items[i:i + blokgrootte] for i in range(0, len(items), blokgrootte)]
    taken = range(len(blokken))
    _WERK = _Werkcontext(instellingen, kalender, vandaag, seed, sqlite, blokken)
    pool = None
    if workers > 0 and len(taken) > 1 and "fork" in multiprocessing.get_all_start_methods():
        # Building rows and running the engine is most of the work; fork so workers inherit
        # _WERK. They never touch the database: only this process writes.
        pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        resultaten = pool.imap(_bouw_blok, taken) if pool else map(_bouw_blok, taken)
        schrijf_start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            vorige_cache = _sqlite_snel(cursor)
            # These two tables have several indexes on keys that arrive in random order
            # (BSN, surname, consulent, team); building them once at the end is much cheaper.
            uitgesteld = _indexen_weg(cursor, [Rechthebbende, Dossier]) if len(items) >= 20_000 else []
            rechthebbenden = t["rechthebbende"]
            for persoon in personen_op_volgorde:
                rechthebbenden.voeg_toe((
                    persoon.id, persoon.bsn, persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam,
                    persoon.geboortedatum, persoon.telefoonnummer, persoon.email, persoon.straat, persoon.huisnummer,
                    persoon.postcode, persoon.woonplaats, persoon.voorkeurskanaal, tijdstip[persoon.aangemaakt, 38],
                ))
                if len(rechthebbenden.rijen) >= 25_000:
                    rechthebbenden.schrijf(cursor)
            rechthebbenden.schrijf(cursor)

            for rijen in resultaten:
                if not sqlite:
                    adapt = connection.ops.adapt_json_value
                    rijen["gebeurtenis"] = [(*r[:6], adapt(r[6], None), *r[7:]) for r in rijen["gebeurtenis"]]
                termijn = t["termijn"]
                eerste_id = termijn.reserveer(len(rijen["termijn"]))
                rijen["termijn"] = [(eerste_id + i, *r) for i, r in enumerate(rijen["termijn"])]
                for naam in _BLOKTABELLEN:
                    t[naam].voeg_alle_toe(rijen[naam])
                    t[naam].schrijf(cursor)

            index_start = time.perf_counter()
            for sql in uitgesteld:
                cursor.execute(sql)
            if uitgesteld:
                rapport.fasen["indexen opbouwen"] = time.perf_counter() - index_start
            for jaar, laatste in tellers.items():
                Dossiernummering.objects.update_or_create(jaar=jaar, defaults={"laatste": laatste})
            _herstel_sequences([Rechthebbende, Dossier, Huishouden, Gezinslid, DossierGebeurtenis, Verificatie,
                                EersteGesprek, Hulpvraag, Termijn])
            _sqlite_herstel(cursor, vorige_cache)
        rapport.fasen["rijen, termijnen en schrijven"] = time.perf_counter() - schrijf_start
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        _WERK = None

    for tabel in t.values():
        rapport.aantallen[tabel.model._meta.label] = tabel.aantal


def _sqlite_snel(cursor) -> int | None:
    """A bigger page cache while loading (SQLite only); returns the old value to restore."""
    if connection.vendor != "sqlite":
        return None
    cursor.execute("PRAGMA cache_size")
    vorige = cursor.fetchone()[0]
    cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
    return vorige


def _indexen_weg(cursor, modellen: list[type[models.Model]]) -> list[str]:
    """Drop the secondary indexes of ``modellen`` (SQLite) and return the SQL that recreates them.

    Inside the seed's transaction, so a failure leaves the schema as it was; indexes
    that back a UNIQUE column cannot be dropped and stay. Recreating a unique index
    checks its constraint over all rows at once.
    """
    if connection.vendor != "sqlite":
        return []
    opnieuw: list[str] = []
    for model in modellen:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [model._meta.db_table],
        )
        for naam, sql in cursor.fetchall():
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(naam)}")
            opnieuw.append(sql)
    return opnieuw


def _sqlite_herstel(cursor, vorige: int | None) -> None:
    if vorige is not None:
        cursor.execute(f"PRAGMA cache_size = {int(vorige)}")


def _herstel_sequences(modellen: list[type[models.Model]]) -> None:
    """After inserting explicit ids, PostgreSQL's sequences must continue after them."""
    statements = connection.ops.sequence_reset_sql(no_style(), modellen)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# --------------------------------------------------------------------------- organisation


@dataclass(frozen=True)
class DemoGebruiker:
    username: str
    voornaam: str
    achternaam: str
    rol: Rol
    teams: tuple[str, ...] = ()
    is_staff: bool = False


DEMO_TEAMS = ("Team Noord", "Team Zuid", "Team Herstel")
DEMO_GEBRUIKERS = (
    DemoGebruiker("consulent", "Sanne", "de Vries", Rol.CONSULENT, ("Team Noord",)),
    DemoGebruiker("consulent2", "Mohamed", "El Amrani", Rol.CONSULENT, ("Team Noord", "Team Zuid")),
    DemoGebruiker("teamleider", "Petra", "Jansen", Rol.TEAMLEIDER, ("Team Noord",)),
    DemoGebruiker("beheerder", "Kees", "Bakker", Rol.FUNCTIONEEL_BEHEERDER),
    DemoGebruiker("auditor", "Fatima", "Yilmaz", Rol.AUDITOR),
    DemoGebruiker("beleid", "Joris", "Smit", Rol.BELEIDSMEDEWERKER),
)
# The functioneel beheerder is no staff user and holds no model permissions: settings, users,
# teams and extra holidays are managed through the app's own screens, which check the role and
# write the security log. The Django admin is for superusers only (see accounts/admin.py).


def _instellingen(*, demo: bool) -> GemeenteInstellingen:
    instellingen, _ = GemeenteInstellingen.objects.get_or_create(singleton=True)
    if demo:
        instellingen.gemeentenaam = DEMO_GEMEENTENAAM
        instellingen.gemeentecode = DEMO_GEMEENTECODE
        instellingen.save(update_fields=["gemeentenaam", "gemeentecode", "gewijzigd_op"])
    return instellingen


def _maak_demo_organisatie() -> tuple[dict[str, Team], dict[str, User], list[tuple[str, str, str, str]]]:
    teams = {naam: Team.objects.get_or_create(naam=naam)[0] for naam in DEMO_TEAMS}
    groepen = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Rol])}
    gebruikers: dict[str, User] = {}
    overzicht = []
    for spec in DEMO_GEBRUIKERS:
        # Reused after --reset: the audit log may refer to them, and it is append-only.
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        user.first_name, user.last_name = spec.voornaam, spec.achternaam
        user.email = f"{spec.username}@voorbeeldstad.example"
        user.is_staff, user.is_superuser, user.is_active = spec.is_staff, False, True
        user.set_password(DEMO_WACHTWOORD)
        user.save()
        user.groups.set([groepen[spec.rol.value]])
        user.teams.set([teams[n] for n in spec.teams])
        # Clears rights an older demo seed gave (users are reused after --reset).
        user.user_permissions.clear()
        gebruikers[spec.username] = user
        overzicht.append((spec.username, f"{spec.voornaam} {spec.achternaam}", str(spec.rol.label),
                          ", ".join(spec.teams) or "–"))
    return teams, gebruikers, overzicht


# --------------------------------------------------------------------------- demo scale


def _demo_scenarios() -> list[tuple[Scenario, str | None, str, int | None]]:
    """About 80 dossiers: (scenario, behandelaar username or None, team, older-dossier link).

    Shaped so every status, overdue terms, terms due within 14 days, suspensions and
    Awb 4:14 notices show up on the demo consulent's worklist. The last element links
    an AFGESLOTEN dossier to the index of the same person's newer dossier.
    """
    P, DR = B.GEGEVENSPORTAAL.value, B.DIRECT.value
    EO, AA, EX, KI, NB = (D.ERKENDE_OUDER.value, D.AANGEMELDE_AANVRAGER.value, D.ERKENDE_EX_PARTNER.value,
                          D.KIND_KINDREGELING.value, D.NABESTAANDE.value)
    c1, c2, N, Z, H = "consulent", "consulent2", "Team Noord", "Team Zuid", "Team Herstel"

    def sc(status, doelgroep, bron, dagen, **kw):
        return Scenario(status=status.value, doelgroep=doelgroep, bron=bron, dagen_geleden=dagen, **kw)

    rijen: list[tuple[Scenario, str | None, str, int | None]] = [
        # Aangemeld (direct, waiting for UHT): new, nearly due, overdue, with a notice.
        (sc(S.AANGEMELD, EO, DR, 3), c1, N, None),
        (sc(S.AANGEMELD, KI, DR, 10), c1, N, None),
        (sc(S.AANGEMELD, NB, DR, 20), None, N, None),
        (sc(S.AANGEMELD, EO, DR, 46, notities=1), c1, N, None),
        (sc(S.AANGEMELD, AA, DR, 66), c1, N, None),
        (sc(S.AANGEMELD, KI, DR, 80, notities=2), c1, N, None),
        (sc(S.AANGEMELD, EX, DR, 58, gesprek_extra="mededeling"), c1, N, None),
        (sc(S.AANGEMELD, EO, DR, 15), c2, Z, None),
        # Geverifieerd: waiting for the eerste gesprek.
        (sc(S.GEVERIFIEERD, EO, P, 2), c1, N, None),
        (sc(S.GEVERIFIEERD, AA, P, 8), c1, N, None),
        (sc(S.GEVERIFIEERD, EO, P, 12), None, N, None),
        (sc(S.GEVERIFIEERD, KI, DR, 25), c1, N, None),
        (sc(S.GEVERIFIEERD, EO, P, 44), c1, N, None),
        (sc(S.GEVERIFIEERD, EX, P, 49, notities=1), c1, N, None),
        (sc(S.GEVERIFIEERD, NB, DR, 53), c1, N, None),
        (sc(S.GEVERIFIEERD, EO, P, 63), c1, N, None),
        (sc(S.GEVERIFIEERD, AA, P, 70, notities=1), c1, N, None),
        (sc(S.GEVERIFIEERD, EO, DR, 84), c1, N, None),
        (sc(S.GEVERIFIEERD, EO, P, 60, gesprek_extra="mededeling"), c1, N, None),
        (sc(S.GEVERIFIEERD, EO, P, 30, gesprek_extra="opschorting_lopend"), c1, N, None),
        (sc(S.GEVERIFIEERD, AA, P, 20), c2, Z, None),
        (sc(S.GEVERIFIEERD, EO, P, 5), None, H, None),
        # Eerste gesprek gevoerd: the plan van aanpak is due 8 weeks later.
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, P, 3), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, AA, P, 12), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EX, DR, 30), c2, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, P, 45, notities=1), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, KI, DR, 50), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, P, 54), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, P, 63, laat_gesprek=True), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, AA, P, 70, notities=2), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, NB, DR, 90), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, P, 45, plan_extra="opschorting"), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, DR, 40, plan_extra="opschorting_lopend"), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EX, P, 58, plan_extra="mededeling"), c1, N, None),
        (sc(S.EERSTE_GESPREK_GEVOERD, EO, P, 20), c2, Z, None),
        # Plan vastgesteld: the 6-month and 2-year windows run.
        (sc(S.PLAN_VASTGESTELD, EO, P, 5), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 20, notities=1), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, AA, P, 40), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, KI, DR, 60), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 100, notities=2), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EX, P, 120), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 135), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, NB, DR, 150), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 200, laat_plan=True), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, AA, P, 300, notities=2), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, DR, 400), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 500), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 640), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EX, P, 690), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 80, plan_extra="opschorting", gesprek_extra="opschorting"), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, AA, P, 250, plan_extra="mededeling"), c1, N, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 30), c2, N, None),
        (sc(S.PLAN_VASTGESTELD, KI, DR, 90), c2, Z, None),
        (sc(S.PLAN_VASTGESTELD, EO, P, 180), c2, Z, None),
        (sc(S.PLAN_VASTGESTELD, NB, DR, 365), c2, Z, None),
        # Afbouw after UHT's "niet erkend": 30 days (the last one is overdue).
        (sc(S.AFBOUW, AA, P, 3), c1, N, None),
        (sc(S.AFBOUW, AA, P, 15), c1, N, None),
        (sc(S.AFBOUW, AA, DR, 24), c1, N, None),
        (sc(S.AFBOUW, AA, P, 38), c1, N, None),
        # Beëindigd, nazorg, afgesloten.
        (sc(S.BEEINDIGD, AA, P, 2, einde="afbouw"), c1, N, None),
        (sc(S.BEEINDIGD, EO, P, 10), c1, N, None),
        (sc(S.BEEINDIGD, EO, DR, 25, einde="vroeg"), c1, N, None),
        (sc(S.BEEINDIGD, EX, P, 40), c1, N, None),
        (sc(S.BEEINDIGD, EO, P, 55), c2, Z, None),
        (sc(S.NAZORG, EO, P, 5), c1, N, None),
        (sc(S.NAZORG, KI, DR, 30), c1, N, None),
        (sc(S.NAZORG, EO, P, 60, notities=1), c1, N, None),
        (sc(S.NAZORG, AA, P, 90, einde="afbouw"), c1, N, None),
        (sc(S.NAZORG, NB, DR, 120), c1, N, None),
        (sc(S.NAZORG, EO, P, 150), c2, Z, None),
        (sc(S.AFGESLOTEN, EO, P, 30), c1, N, None),
        (sc(S.AFGESLOTEN, EO, P, 90), c1, N, None),
        (sc(S.AFGESLOTEN, AA, P, 150, einde="afbouw"), c1, N, None),
        (sc(S.AFGESLOTEN, EX, P, 240), c1, N, None),
        (sc(S.AFGESLOTEN, EO, DR, 300, einde="vroeg"), c1, N, None),
        (sc(S.AFGESLOTEN, KI, DR, 200), c1, N, None),
        (sc(S.AFGESLOTEN, EO, P, 500), c2, Z, None),
        (sc(S.AFGESLOTEN, NB, DR, 700), c1, N, None),
    ]
    # Two people came back: each has an older, closed dossier of the same doelgroep.
    for status, dagen, gesloten in ((S.GEVERIFIEERD, 44, 400), (S.PLAN_VASTGESTELD, 135, 800)):
        nieuwer = next(i for i, (s, *_r) in enumerate(rijen) if s.status == status and s.dagen_geleden == dagen)
        rijen.append((sc(S.AFGESLOTEN, rijen[nieuwer][0].doelgroep, P, gesloten), c1, N, nieuwer))
    return rijen


def seed_demo(
    *, seed: int = STANDAARD_SEED, vandaag: date | None = None, reset: bool = False, uit: TextIO | None = None
) -> SeedRapport:
    """The demo installation: settings, three teams, one user per role, about 80 dossiers."""
    vandaag = vandaag or timezone.localdate()
    rapport = SeedRapport(schaal="demo")
    start = time.perf_counter()
    with _zonder_gc(), transaction.atomic():
        if reset:
            demodata_wissen()
        elif User.objects.filter(username__in=[g.username for g in DEMO_GEBRUIKERS]).exists():
            rapport.overgeslagen = (
                "De demogebruikers bestaan al; er is niets toegevoegd. Gebruik --reset om de demodata opnieuw te maken."
            )
            return rapport
        instellingen = _instellingen(demo=True)
        teams, gebruikers, rapport.gebruikers = _maak_demo_organisatie()
        rng = Toeval(seed)
        namen = _Namen(seed)
        bsns = _BsnBron(Toeval(f"{seed}-bsn"), _bestaande_bsns())
        consulenten_per_team = {
            teams["Team Noord"].id: [gebruikers["consulent"].id, gebruikers["consulent2"].id],
            teams["Team Zuid"].id: [gebruikers["consulent2"].id],
            teams["Team Herstel"].id: [],
        }
        plannen: list[_DossierPlan] = []
        personen: list[_Persoon] = []
        scenarios = _demo_scenarios()
        for volgorde, (scenario, behandelaar, teamnaam, _nieuwer) in enumerate(scenarios):
            begin = BEGIN_KINDREGELING if scenario.doelgroep == D.KIND_KINDREGELING else BEGIN_REGELING
            tijdlijn = plan_tijdlijn(rng, scenario, vandaag=vandaag,
                                     eerste_gesprek_weken=instellingen.eerste_gesprek_weken, begin=begin)
            team = teams[teamnaam]
            behandelaar_id = gebruikers[behandelaar].id if behandelaar else None
            uitvoerder = behandelaar_id or (consulenten_per_team[team.id] or [None])[0]
            plannen.append(_DossierPlan(None, scenario.doelgroep, scenario.bron, scenario.status, team.id,  # type: ignore[arg-type]
                                        behandelaar_id, uitvoerder, tijdlijn, volgorde=volgorde))
        ouder_van = {nieuwer: i for i, (*_r, nieuwer) in enumerate(scenarios) if nieuwer is not None}
        for i, (scenario, *_r, nieuwer) in enumerate(scenarios):
            if nieuwer is not None:
                continue
            ouder = plannen[ouder_van[i]] if i in ouder_van else None
            if ouder is not None:
                # dossier_openen refuses a second open dossier for the same doelgroep.
                assert ouder.tijdlijn.laatste_datum < plannen[i].tijdlijn.aanmelddatum, "older dossier must close first"
            peildatum = min(plannen[i].tijdlijn.aanmelddatum, ouder.tijdlijn.aanmelddatum if ouder else date.max)
            persoon = _maak_persoon(rng, namen, bsns, scenario.doelgroep, peildatum, plaats=DEMO_PLAATS)
            personen.append(persoon)
            plannen[i].persoon = persoon
            if ouder is not None:
                ouder.persoon = persoon
        _schrijf_dossiers(plannen, personen, instellingen=instellingen, kalender=atw_kalender(), vandaag=vandaag,
                          seed=seed, workers=1, rapport=rapport)
        from nieuwestart.catalogus.demodata import dronten_laden  # the Dronten sociale kaart (seed 004)

        rapport.aantallen.update(dronten_laden())
        from nieuwestart.beeindiging.demodata import beeindiging_demo  # afbouw, warme overdracht, nazorg

        rapport.aantallen.update(
            beeindiging_demo(consulent=gebruikers["consulent"], team=teams["Team Noord"], vandaag=vandaag, seed=seed)
        )
        from nieuwestart.ketenpartners.demodata import ketenpartners_laden  # survivors, kindregeling, chain partners

        keten = ketenpartners_laden(door=gebruikers["consulent"], vandaag=vandaag)
        rapport.aantallen.update({f"ketenpartners.{k}": v for k, v in keten.items()})
        from nieuwestart.api.demodata import demo_applicatie  # an API key for the demo (issue 8)

        rapport.api_sleutel = demo_applicatie() or ""
        from nieuwestart.financien.demodata import kosten_laden  # plans, provisions and costs (issue 7)

        rapport.aantallen.update(kosten_laden(vandaag=vandaag, seed=seed, demo=True))
    rapport.aantallen = {"accounts.Team": len(DEMO_TEAMS), "accounts.User": len(DEMO_GEBRUIKERS), **rapport.aantallen}
    rapport.seconden = time.perf_counter() - start
    _regels_naar(uit, rapport)
    return rapport


# --------------------------------------------------------------------------- national scale

_DOELGROEP_GEWICHTEN = {
    D.ERKENDE_OUDER.value: 55, D.AANGEMELDE_AANVRAGER.value: 22, D.KIND_KINDREGELING.value: 12,
    D.ERKENDE_EX_PARTNER.value: 7, D.NABESTAANDE.value: 4,
}
_STATUS_GEWICHTEN = {
    S.AANGEMELD.value: 4, S.GEVERIFIEERD.value: 8, S.EERSTE_GESPREK_GEVOERD.value: 9,
    S.PLAN_VASTGESTELD.value: 36, S.AFBOUW.value: 0, S.BEEINDIGD.value: 4, S.NAZORG.value: 8, S.AFGESLOTEN.value: 31,
}
# A person with a second dossier for another doelgroep (a parent who is also a survivor, …).
_TWEEDE_DOELGROEP = {
    D.ERKENDE_OUDER.value: (D.NABESTAANDE.value, D.ERKENDE_EX_PARTNER.value),
    D.AANGEMELDE_AANVRAGER.value: (D.NABESTAANDE.value, D.ERKENDE_EX_PARTNER.value),
    D.ERKENDE_EX_PARTNER.value: (D.ERKENDE_OUDER.value, D.NABESTAANDE.value),
    D.NABESTAANDE.value: (D.ERKENDE_OUDER.value,),
    D.KIND_KINDREGELING.value: (),
}


_STATUS = _Gewogen(list(_STATUS_GEWICHTEN), list(_STATUS_GEWICHTEN.values()))
# Only an aangemelde aanvrager can be "niet erkend" by UHT and wound down.
_STATUS_AANVRAGER = _Gewogen(
    list(_STATUS_GEWICHTEN), [5 if s == S.AFBOUW else w for s, w in _STATUS_GEWICHTEN.items()]
)
_DOELGROEP = _Gewogen(list(_DOELGROEP_GEWICHTEN), list(_DOELGROEP_GEWICHTEN.values()))


def _trek_scenario(rng: random.Random, doelgroep: str, *, status: str | None = None) -> Scenario:
    if status is None:
        status = (_STATUS_AANVRAGER if doelgroep == D.AANGEMELDE_AANVRAGER else _STATUS).trek(rng)
    fase = _FASE[S(status)]
    if status == S.AANGEMELD:
        bron = B.DIRECT.value  # portal dossiers are verified on import
    elif doelgroep in (D.KIND_KINDREGELING, D.NABESTAANDE):
        bron = B.DIRECT.value  # no portal lists for them: they contact the municipality
    else:
        bron = B.GEGEVENSPORTAAL.value if rng.random() < 0.85 else B.DIRECT.value
    # About one in five of those waiting is past the term: a backlog, as in real life.
    if fase <= 2:
        dagen = rng.randint(57, 95) if rng.random() < 0.2 else rng.randint(0, 54)
    elif fase == 3:
        dagen = rng.randint(0, 640)
    elif fase == 4:
        dagen = rng.randint(0, 40)
    elif fase == 5:
        dagen = rng.randint(0, 60)
    elif fase == 6:
        dagen = rng.randint(0, 200)
    else:
        dagen = rng.randint(0, 1600)

    def extra(in_fase: bool, voorbij: bool) -> str | None:
        if not (in_fase or voorbij):
            return None
        r = rng.random()
        if r < 0.04:
            return "opschorting_lopend" if in_fase and r < 0.02 else "opschorting"
        if r < 0.065:
            return "mededeling"
        return None

    einde = "normaal"
    if fase == 4:
        einde = "afbouw"
    elif fase >= 5:
        if doelgroep == D.AANGEMELDE_AANVRAGER and rng.random() < 0.35:
            einde = "afbouw"
        elif rng.random() < 0.06:
            einde = "vroeg"
    return Scenario(
        status=status, doelgroep=doelgroep, bron=bron, dagen_geleden=dagen,
        laat_gesprek=rng.random() < 0.08, laat_plan=rng.random() < 0.08,
        gesprek_extra=extra(fase <= 1, fase >= 2), plan_extra=extra(fase == 2, fase >= 3), einde=einde,
        notities=_NOTITIES.trek(rng),
    )


def _maak_landelijke_organisatie(
    rng: random.Random, namen: _Namen, *, aantal_teams: int, aantal_consulenten: int
) -> tuple[list[int], dict[int, list[int]]]:
    """~40 regional teams with ~300 consulenten and a teamleider each; one shared password hash."""
    bestaand = set(Team.objects.values_list("naam", flat=True))
    plaatsen = [p for p in namen.plaatsen if f"{LANDELIJK_TEAM_PREFIX}{p}" not in bestaand]
    teams = Team.objects.bulk_create(
        Team(naam=f"{LANDELIJK_TEAM_PREFIX}{p}") for p in rng.sample(plaatsen, aantal_teams)
    )
    team_ids = sorted(t.id for t in Team.objects.filter(naam__in=[t.naam for t in teams]))
    gewicht = {tid: rng.uniform(0.5, 2.0) for tid in team_ids}
    # Every team at least two consulenten, the rest by team size.
    indeling = [tid for tid in team_ids for _ in range(2)]
    indeling += rng.choices(team_ids, weights=[gewicht[t] for t in team_ids], k=max(0, aantal_consulenten - len(indeling)))
    indeling = indeling[:aantal_consulenten]
    # Hashing is slow on purpose (PBKDF2); generated users share one hash of the demo password.
    wachtwoord = make_password(DEMO_WACHTWOORD)
    users: list[User] = []
    for i, tid in enumerate(indeling, start=1):
        vrouw = rng.random() < 0.7
        tv, an = namen.achternaam(rng)
        users.append(User(username=f"{LANDELIJK_PREFIX}consulent-{i:03d}", first_name=namen.voornaam(rng, vrouw),
                          last_name=f"{tv} {an}".strip(), password=wachtwoord))
    for j, tid in enumerate(team_ids, start=1):
        tv, an = namen.achternaam(rng)
        users.append(User(username=f"{LANDELIJK_PREFIX}teamleider-{j:02d}", first_name=namen.voornaam(rng, True),
                          last_name=f"{tv} {an}".strip(), password=wachtwoord))
    User.objects.bulk_create(users)
    ids = dict(User.objects.filter(username__startswith=LANDELIJK_PREFIX).values_list("username", "id"))
    groepen = dict(Group.objects.values_list("name", "id"))
    lidmaatschap, rollen = [], []
    per_team: dict[int, list[int]] = {tid: [] for tid in team_ids}
    for i, tid in enumerate(indeling, start=1):
        uid = ids[f"{LANDELIJK_PREFIX}consulent-{i:03d}"]
        per_team[tid].append(uid)
        lidmaatschap.append(User.teams.through(user_id=uid, team_id=tid))
        rollen.append(User.groups.through(user_id=uid, group_id=groepen[Rol.CONSULENT.value]))
    for j, tid in enumerate(team_ids, start=1):
        uid = ids[f"{LANDELIJK_PREFIX}teamleider-{j:02d}"]
        lidmaatschap.append(User.teams.through(user_id=uid, team_id=tid))
        rollen.append(User.groups.through(user_id=uid, group_id=groepen[Rol.TEAMLEIDER.value]))
    User.teams.through.objects.bulk_create(lidmaatschap)
    User.groups.through.objects.bulk_create(rollen)
    return team_ids, per_team


def _bestaande_landelijke_organisatie() -> tuple[list[int], dict[int, list[int]]] | None:
    """The national teams and consulenten of an earlier run (kept by --reset), or None."""
    per_team: dict[int, list[int]] = {
        tid: [] for tid in Team.objects.filter(naam__startswith=LANDELIJK_TEAM_PREFIX).order_by("id").values_list("id", flat=True)
    }
    lidmaatschap = (
        User.teams.through.objects.filter(user__username__startswith=f"{LANDELIJK_PREFIX}consulent-", team_id__in=per_team)
        .order_by("user_id").values_list("team_id", "user_id")
    )
    for tid, uid in lidmaatschap:
        per_team[tid].append(uid)
    if not per_team or not all(per_team.values()):
        return None
    return list(per_team), per_team


def seed_national(
    *,
    rechthebbenden: int = 150_000,
    dossiers: int = 200_000,
    seed: int = STANDAARD_SEED,
    vandaag: date | None = None,
    teams: int = 40,
    consulenten: int = 300,
    workers: int = 2,
    reset: bool = False,
    blokgrootte: int = 2500,
    uit: TextIO | None = None,
    voorzieningen: int = 0,
) -> SeedRapport:
    """National scale: ``rechthebbenden`` people with ``dossiers`` dossiers over ``teams`` teams.

    ``voorzieningen`` > 0 also writes issued plans with about that many decided provisions and their
    costs (``financien.demodata.kosten_laden``; off by default because a million rows take minutes)."""
    if not 0 < rechthebbenden <= dossiers <= 2 * rechthebbenden:
        raise ValueError(
            "Kies 0 < rechthebbenden ≤ dossiers ≤ 2 × rechthebbenden: een persoon heeft hoogstens twee dossiers."
        )
    vandaag = vandaag or timezone.localdate()
    rapport = SeedRapport(schaal="national")
    start = time.perf_counter()
    with _zonder_gc(), transaction.atomic():
        if reset:
            demodata_wissen()
        elif User.objects.filter(username__startswith=LANDELIJK_PREFIX).exists():
            rapport.overgeslagen = (
                f"Er staan al landelijke testgegevens in de database ({Dossier.objects.count():,} dossiers); "
                "er is niets toegevoegd. Gebruik --reset om opnieuw te beginnen."
            ).replace(",", ".")
            return rapport
        instellingen = _instellingen(demo=False)
        namen = _Namen(seed)
        team_ids, per_team = _bestaande_landelijke_organisatie() or _maak_landelijke_organisatie(
            Toeval(f"{seed}-organisatie"), namen, aantal_teams=min(teams, len(namen.plaatsen)), aantal_consulenten=max(consulenten, teams)
        )
        rapport.fasen["organisatie"] = time.perf_counter() - start
        t0 = time.perf_counter()
        aantal_blokken = -(-rechthebbenden // _PERSONEN_PER_BLOK)
        personen_per_blok = _verdeel(rechthebbenden, aantal_blokken)
        tweede_per_blok = _verdeel(dossiers - rechthebbenden, aantal_blokken)
        plannen, personen = _plan_alles(_Plancontext(
            namen=namen, weken=instellingen.eerste_gesprek_weken, vandaag=vandaag, seed=seed, team_ids=team_ids,
            per_team=per_team, bezet=_bestaande_bsns(),
            blokken=[(n, n + t) for n, t in zip(personen_per_blok, tweede_per_blok, strict=True)],
        ), workers)
        rapport.fasen["tijdlijnen"] = time.perf_counter() - t0
        _schrijf_dossiers(plannen, personen, instellingen=instellingen, kalender=atw_kalender(), vandaag=vandaag,
                          seed=seed, workers=workers, blokgrootte=blokgrootte, rapport=rapport)
        if voorzieningen:
            from nieuwestart.financien.demodata import kosten_laden

            t1 = time.perf_counter()
            rapport.aantallen.update(kosten_laden(vandaag=vandaag, seed=seed, voorzieningen=voorzieningen))
            rapport.fasen["plannen, voorzieningen en kosten"] = time.perf_counter() - t1
    rapport.aantallen = {
        "accounts.Team": len(team_ids),
        "accounts.User": sum(len(v) for v in per_team.values()) + len(team_ids),
        **rapport.aantallen,
    }
    rapport.seconden = time.perf_counter() - start
    _regels_naar(uit, rapport)
    return rapport


@dataclass
class _Plancontext:
    namen: _Namen
    weken: int
    vandaag: date
    seed: int
    team_ids: list[int]
    per_team: dict[int, list[int]]
    bezet: set[str]
    blokken: list[tuple[int, int]]  # (rechthebbenden, dossiers) per block


# Set before the planning pool forks, like _WERK.
_PLAN: _Plancontext | None = None
_PERSONEN_PER_BLOK = 2500


def _plan_blok(blok_nr: int) -> tuple[list[_DossierPlan], list[_Persoon]]:
    """Plan one block of people and their dossiers (pure; runs in a worker when there are several)."""
    ctx = _PLAN
    assert ctx is not None
    rechthebbenden, dossiers = ctx.blokken[blok_nr]
    # Each block draws BSNs from its own range, so blocks in different processes never collide.
    breedte = 100_000_000 // len(ctx.blokken)
    bsns = _BsnBron(Toeval(f"{ctx.seed}-bsn-{blok_nr}"), ctx.bezet, bereik=(blok_nr * breedte, (blok_nr + 1) * breedte))
    return _plan_landelijk(
        Toeval(f"{ctx.seed}-plan-{blok_nr}"), ctx.namen, bsns, ctx.weken, rechthebbenden=rechthebbenden,
        dossiers=dossiers, vandaag=ctx.vandaag, team_ids=ctx.team_ids, per_team=ctx.per_team,
        volgorde_start=blok_nr * 10_000_000,
    )


def _plan_alles(ctx: _Plancontext, workers: int) -> tuple[list[_DossierPlan], list[_Persoon]]:
    global _PLAN
    _PLAN = ctx
    pool = None
    try:
        if workers > 0 and len(ctx.blokken) > 1 and "fork" in multiprocessing.get_all_start_methods():
            pool = multiprocessing.get_context("fork").Pool(workers)
        resultaten = pool.imap(_plan_blok, range(len(ctx.blokken))) if pool else map(_plan_blok, range(len(ctx.blokken)))
        plannen: list[_DossierPlan] = []
        personen: list[_Persoon] = []
        for blok_plannen, blok_personen in resultaten:
            plannen.extend(blok_plannen)
            personen.extend(blok_personen)
        return plannen, personen
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        _PLAN = None


def _verdeel(totaal: int, delen: int) -> list[int]:
    return [totaal // delen + (1 if i < totaal % delen else 0) for i in range(delen)]


def _plan_landelijk(
    rng: random.Random, namen: _Namen, bsns: _BsnBron, weken: int, *,
    rechthebbenden: int, dossiers: int, vandaag: date, team_ids: list[int], per_team: dict[int, list[int]],
    volgorde_start: int = 0,
) -> tuple[list[_DossierPlan], list[_Persoon]]:
    teams = _Gewogen(team_ids, [len(per_team[t]) for t in team_ids])
    volgorde = itertools.count(volgorde_start)

    def begin(doelgroep: str) -> date:
        return BEGIN_KINDREGELING if doelgroep == D.KIND_KINDREGELING else BEGIN_REGELING

    def plan(persoon: _Persoon | None, scenario: Scenario, tijdlijn: Tijdlijn, team_id: int,
             behandelaar_id: int | None = -1) -> _DossierPlan:
        consulenten = per_team[team_id]
        if behandelaar_id == -1:
            # New dossiers wait in the team's queue until someone picks them up.
            wacht = _FASE[S(scenario.status)] <= 1 and rng.random() < 0.25
            behandelaar_id = None if wacht else rng.choice(consulenten)
        uitvoerder = behandelaar_id or rng.choice(consulenten)
        return _DossierPlan(persoon, scenario.doelgroep, scenario.bron, scenario.status, team_id,  # type: ignore[arg-type]
                            behandelaar_id, uitvoerder, tijdlijn, volgorde=next(volgorde))

    plannen: list[_DossierPlan] = []
    for _ in range(rechthebbenden):
        doelgroep = _DOELGROEP.trek(rng)
        scenario = _trek_scenario(rng, doelgroep)
        tijdlijn = plan_tijdlijn(rng, scenario, vandaag=vandaag, eerste_gesprek_weken=weken, begin=begin(doelgroep))
        team_id = teams.trek(rng)
        plannen.append(plan(None, scenario, tijdlijn, team_id))

    # Second dossiers: an older, closed one of the same doelgroep, or one for another doelgroep.
    tweede: list[tuple[int, _DossierPlan]] = []
    kandidaten = list(range(rechthebbenden))
    rng.shuffle(kandidaten)
    nodig = dossiers - rechthebbenden
    for index in kandidaten:
        if len(tweede) == nodig:
            break
        eerste = plannen[index]
        extra = _tweede_dossier(rng, eerste, vandaag=vandaag, weken=weken, begin=begin(eerste.doelgroep))
        if extra is None:
            continue
        scenario, tijdlijn = extra
        zelfde = rng.random() < 0.5
        tweede.append((index, plan(None, scenario, tijdlijn, eerste.team_id,
                                   eerste.behandelaar_id if zelfde and eerste.behandelaar_id else -1)))
    if len(tweede) < nodig:
        raise ValueError(f"Maar {len(tweede)} van de {nodig} tweede dossiers passen in de tijd; vraag minder dossiers.")

    # People last: birth dates and households follow their first registration.
    personen: list[_Persoon] = []
    tweede_van = {index: p for index, p in tweede}
    for index, eerste in enumerate(plannen[:rechthebbenden]):
        ander = tweede_van.get(index)
        peildatum = eerste.tijdlijn.aanmelddatum if ander is None else min(
            eerste.tijdlijn.aanmelddatum, ander.tijdlijn.aanmelddatum)
        doelgroep = eerste.doelgroep if ander is None or ander.doelgroep != D.KIND_KINDREGELING else ander.doelgroep
        persoon = _maak_persoon(rng, namen, bsns, doelgroep, peildatum)
        eerste.persoon = persoon
        if ander is not None:
            ander.persoon = persoon
        personen.append(persoon)
    plannen.extend(p for _, p in tweede)
    return plannen, personen


def _tweede_dossier(
    rng: random.Random, eerste: _DossierPlan, *, vandaag: date, weken: int, begin: date
) -> tuple[Scenario, Tijdlijn] | None:
    """Plan a person's second dossier next to ``eerste``, or None when none fits in time."""
    soorten = ["ouder", "andere_doelgroep"] if rng.random() < 0.6 else ["andere_doelgroep", "ouder"]
    for soort in soorten:
        if soort == "andere_doelgroep":
            keuzes = _TWEEDE_DOELGROEP[eerste.doelgroep]
            if not keuzes:
                continue
            scenario = _trek_scenario(rng, rng.choice(keuzes))
            return scenario, plan_tijdlijn(rng, scenario, vandaag=vandaag, eerste_gesprek_weken=weken)
        # An older dossier of the same doelgroep, closed before the newer one was opened
        # (dossier_openen refuses a second open dossier for the same doelgroep).
        nieuw_begin = eerste.tijdlijn.aanmelddatum
        for einde in ("normaal", "vroeg"):
            gat = rng.randint(10, 400 if einde == "normaal" else 60)
            scenario = _trek_scenario(rng, eerste.doelgroep, status=S.AFGESLOTEN.value)
            scenario = dataclasses.replace(scenario, einde=einde, dagen_geleden=(vandaag - nieuw_begin).days + gat)
            tijdlijn = plan_tijdlijn(rng, scenario, vandaag=vandaag, eerste_gesprek_weken=weken, begin=None)
            if tijdlijn.aanmelddatum >= begin and tijdlijn.laatste_datum < nieuw_begin:
                return scenario, tijdlijn
    return None


# --------------------------------------------------------------------------- wiping


def _afhankelijke_modellen(wortels: Sequence[type[models.Model]]) -> list[type[models.Model]]:
    """``wortels`` and every model that points at them (transitively), children first."""
    gevonden: list[type[models.Model]] = []

    def bezoek(model: type[models.Model]) -> None:
        if model in gevonden:
            return
        for kandidaat in apps.get_models(include_auto_created=True):
            for f in kandidaat._meta.concrete_fields:
                if f.is_relation and f.related_model is model and kandidaat is not model:
                    bezoek(kandidaat)
        gevonden.append(model)

    for wortel in wortels:
        bezoek(wortel)
    return gevonden


def demodata_wissen() -> dict[str, int]:
    """Delete every rechthebbende and dossier, with everything that points at them.

    The event log is append-only at the model layer (its queryset refuses delete), so
    rows go with plain SQL, children first; tables added later that point at a dossier
    are found through the model relations. Users and teams stay: the append-only audit
    log may refer to them, and a new seed reuses them. This wipes every dossier in the
    database, not only generated ones: never run it against real data.
    """
    verwijderd: dict[str, int] = {}
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in _afhankelijke_modellen([Rechthebbende, Dossiernummering]):
            cursor.execute(f"DELETE FROM {qn(model._meta.db_table)}")
            verwijderd[model._meta.label] = cursor.rowcount
        from nieuwestart.financien.demodata import kosten_wissen  # costs that hang on no dossier

        kosten_wissen()
    return verwijderd


def _bestaande_bsns() -> set[str]:
    bezet = set(Rechthebbende.objects.values_list("bsn", flat=True))
    bezet.update(Gezinslid.objects.exclude(bsn="").values_list("bsn", flat=True))
    return bezet


def _regels_naar(uit: TextIO | None, rapport: SeedRapport) -> None:
    if uit is None:
        return
    for regel in rapport.regels():
        uit.write(regel + "\n")


def tel_rijen() -> dict[str, int]:
    """Rows per table the generator fills (for reports and for checking a reused database)."""
    return {
        m._meta.label: m._default_manager.count()
        for m in (Team, User, Rechthebbende, Dossier, Huishouden, Gezinslid, DossierGebeurtenis, Verificatie,
                  EersteGesprek, Hulpvraag, Termijn, ExtraFeestdag)
    }

