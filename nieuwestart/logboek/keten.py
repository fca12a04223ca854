"""The hash chains of both logs: writing lines and checking them.

Each log is a few independent chains, its *parts* (``deel`` 1, 2, …; setting ``NS_LOGBOEK_DELEN``).
In a part, line *n* has ``volgnummer`` n (1, 2, 3, … without gaps), ``vorige_hash`` = the ``hash``
of line n-1 (64 zeros for line 1) and ``hash`` = SHA-256 over a canonical serialisation of its own
fields plus ``vorige_hash``. The part is in that serialisation through the chain's name (part 1 is
the log's own name, so lines written before there were parts still verify).

Writing: ``regels_toevoegen`` locks the heads (``Ketenkop``, one row per log and part) of one part
inside the caller's transaction, numbers and hashes the new lines in Python and inserts them (on
PostgreSQL: the lines of both logs and the new heads in one statement). Why parts: with one chain
per log, every request of every worker queued for the same row lock, and a writer that lost the CPU
while holding it stalled all others. On PostgreSQL a writer takes the first part nobody holds
(``FOR UPDATE SKIP LOCKED``) and only waits when all are taken. On SQLite the project opens
transactions with ``BEGIN IMMEDIATE`` (settings: ``transaction_mode``), so there is one writer at a
time and one part. The unique (``deel``, ``volgnummer``) is the last safety net on both.

Checking: ``controleer_keten`` streams a log in (deel, volgnummer) order and reports the first line
whose content no longer matches its hash, whose number leaves a gap, or whose link to the previous
line is broken; finally it compares each part's last line with its head (catches removal of the
newest lines).
"""

from __future__ import annotations

import hashlib
import json
import random
from json.encoder import encode_basestring
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from nieuwestart.common.bulk import json_document, json_invoeg_sql, rijen_invoegen

from .models import GENESIS_HASH, Beveiligingsgebeurtenis, Keten, Ketenkop, Verwerking

MODELLEN = {Keten.VERWERKINGEN: Verwerking, Keten.BEVEILIGING: Beveiligingsgebeurtenis}


def _canoniek(waarde):
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).isoformat(timespec="microseconds")
    return waarde


def keten_naam(log: str, deel: int = 1) -> str:
    """The chain's name in the canonical form: the log's own name for part 1, ``log/deel`` after that."""
    return str(log) if deel == 1 else f"{log}/{deel}"


def canonieke_vorm(log: str, waarden: dict) -> bytes:
    """A stable byte string for one line: chain name, then ``[veld, waarde]`` pairs in fixed order."""
    model = MODELLEN[log]
    paren = [[veld, _canoniek(waarden[veld])] for veld in model.KETEN_VELDEN]
    naam = keten_naam(log, waarden.get("deel", 1))
    return json.dumps([naam, paren], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def bereken_hash(log: str, waarden: dict) -> str:
    return hashlib.sha256(canonieke_vorm(log, waarden)).hexdigest()


class _Canoniek:
    """``canonieke_vorm`` for many lines at once, byte for byte the same (a property test checks it).

    The lines of one operation share most values (trace, operation, name, times, activity), so each
    ``[veld, waarde]`` pair is serialised once per call and the line is joined from the pieces: a page
    of 50 persons costs a tenth of the hashing time. Plain types are written directly (field names are
    ASCII identifiers); anything else goes through ``json.dumps`` with the same settings.
    """

    def __init__(self, log: str, deel: int = 1):
        self.velden = MODELLEN[log].KETEN_VELDEN
        self.begin = "[" + json.dumps(keten_naam(log, deel), ensure_ascii=False) + ",["
        self.paren: dict = {}

    # Different on every line: not kept (an import's 100,000 lines would fill the memo for nothing).
    UNIEK = frozenset({"volgnummer", "vorige_hash", "betrokkene_hash"})

    @staticmethod
    def _maak_paar(veld: str, waarde) -> str:
        if waarde is None:
            tekst = "null"
        elif waarde is True or waarde is False:
            tekst = "true" if waarde else "false"
        elif type(waarde) is int:
            tekst = str(waarde)
        elif type(waarde) is str:
            tekst = encode_basestring(waarde)
        else:
            tekst = json.dumps(_canoniek(waarde), ensure_ascii=False, separators=(",", ":"))
        return f'["{veld}",{tekst}]'

    def _paar(self, veld: str, waarde) -> str:
        if veld in self.UNIEK:
            return self._maak_paar(veld, waarde)
        sleutel = (veld, type(waarde), waarde)
        paar = self.paren.get(sleutel)
        if paar is None:
            paar = self.paren[sleutel] = self._maak_paar(veld, waarde)
        return paar

    def hash(self, waarden: dict) -> str:
        regel = self.begin + ",".join([self._paar(veld, waarden[veld]) for veld in self.velden]) + "]]"
        return hashlib.sha256(regel.encode("utf-8")).hexdigest()


def _waarden_van(obj) -> dict:
    if isinstance(obj, dict):
        return obj
    return {veld: getattr(obj, veld) for veld in type(obj).KETEN_VELDEN}


def _zet(obj, veld: str, waarde) -> None:
    if isinstance(obj, dict):
        obj[veld] = waarde
    else:
        setattr(obj, veld, waarde)


def _opgeslagen_velden(model) -> tuple[str, ...]:
    return (*model.KETEN_VELDEN, "deel", "hash")


def _invoegen_zonder_orm(model, rijen: list[dict]) -> None:
    """INSERT plain dicts with one ``executemany``: the hot path of ``verwerking()``."""
    attnames = [model._meta.get_field(naam).attname for naam in _opgeslagen_velden(model)]
    rijen_invoegen(model, attnames, ([rij[a] for a in attnames] for rij in rijen))


def aantal_delen() -> int:
    """How many parts a writer may choose from: ``NS_LOGBOEK_DELEN`` (default 8) where the database
    can skip locked rows; 1 elsewhere (SQLite has one writer at a time anyway)."""
    if not connection.features.has_select_for_update_skip_locked:
        return 1
    return max(1, int(getattr(settings, "NS_LOGBOEK_DELEN", 8)))


# Every writer locks the heads of all logs of its part, in this order; the first is the part's guard.
ALLE_LOGS = tuple(sorted(str(log) for log in MODELLEN))


def koppen_aanmaken(delen: int | None = None) -> int:
    """Create the missing heads of parts 1..``delen`` (default ``aantal_delen()``) for every log, each
    continuing after its part's last stored line (0 when there is none); returns how many.

    Runs after ``migrate`` (apps.py), so writers normally never create heads. Skips heads that exist,
    in one INSERT in (log, deel) order: concurrent creators wait for each other's insert at worst.
    """
    delen = delen or aantal_delen()
    bestaande = set(Ketenkop.objects.filter(deel__lte=delen).values_list("log", "deel"))
    nieuw = []
    for log in ALLE_LOGS:
        for deel in range(1, delen + 1):
            if (log, deel) in bestaande:
                continue
            laatste = (
                MODELLEN[log].objects.filter(deel=deel).order_by("-volgnummer").values_list("volgnummer", "hash").first()
            )
            volgnummer, hash_ = laatste or (0, GENESIS_HASH)
            nieuw.append(Ketenkop(log=log, deel=deel, volgnummer=volgnummer, hash=hash_))
    Ketenkop.objects.bulk_create(nieuw, ignore_conflicts=True)
    return len(nieuw)


def _koppen_lezen(sql: str, params: list) -> dict[str, list]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {log: [volgnummer, hash_, deel] for log, deel, volgnummer, hash_ in cursor.fetchall()}


def _deel_vergrendelen(deel: int) -> dict[str, list]:
    """Lock the heads of ``deel``, waiting for a holder (in log order, like every writer)."""
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    plekken = ", ".join(["%s"] * len(ALLE_LOGS))
    sql = f"SELECT log, deel, volgnummer, hash FROM {tabel} WHERE deel = %s AND log IN ({plekken}) ORDER BY log"
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    return _koppen_lezen(sql, [deel, *ALLE_LOGS])


def _vrij_deel_vergrendelen(delen: int) -> dict[str, list]:
    """Lock the heads of the first part nobody else holds, in one round trip; empty when all are held.

    The part's guard (the head of the first log) is taken with SKIP LOCKED, the other heads of that
    part after it: they are only ever locked by whoever holds the guard, so that wait is short and
    cannot form a cycle. Plain SQL: this runs for every logged operation.
    """
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    plekken = ", ".join(["%s"] * len(ALLE_LOGS))
    sql = (
        f"SELECT log, deel, volgnummer, hash FROM {tabel} WHERE log IN ({plekken}) AND deel = ("
        f"SELECT deel FROM {tabel} WHERE log = %s AND deel <= %s ORDER BY deel LIMIT 1 FOR UPDATE SKIP LOCKED"
        f") ORDER BY log FOR UPDATE"
    )
    return _koppen_lezen(sql, [*ALLE_LOGS, ALLE_LOGS[0], delen])


def _koppen_vergrendelen() -> dict[str, list]:
    """``{log: [volgnummer, hash, deel]}`` for every log, all of one part, locked until the transaction ends.

    The first part nobody else holds, else wait for a random one. Why this cannot deadlock: every
    writer locks a part's heads in the same order, starting with its guard; SKIP LOCKED does not skip
    rows this transaction holds itself, so a transaction that already holds a part (a second write
    before its commit) always gets one from the first query, and only writers that hold no head wait.
    """
    delen = aantal_delen()
    deel = 1
    if delen > 1:
        koppen = _vrij_deel_vergrendelen(delen)
        if len(koppen) == len(ALLE_LOGS):
            return koppen
        if koppen:  # the guard is ours, but another head of the part is gone
            deel = next(iter(koppen.values()))[2]
        elif koppen_aanmaken(delen):  # heads were missing (an empty database, a larger NS_LOGBOEK_DELEN)
            return _koppen_vergrendelen()
        else:  # every part is held: queue for one, spread over all
            deel = random.randint(1, delen)
    koppen = _deel_vergrendelen(deel)
    if len(koppen) < len(ALLE_LOGS):
        koppen_aanmaken(max(delen, deel))
        koppen = _deel_vergrendelen(deel)
    return koppen


def _koppen_bijwerken(koppen: dict[str, list]) -> None:
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {tabel} SET volgnummer = %s, hash = %s WHERE log = %s AND deel = %s",
            [(volgnummer, hash_, log, deel) for log, (volgnummer, hash_, deel) in koppen.items()],
        )


# Up to this many lines (a request's worth) go in one statement; an import's 100,000 lines go in
# chunks, so their JSON never sits in memory at once.
_IN_EEN_KEER_MAX = 1000


def _postgresql_in_een_keer(regels: dict[str, list[dict]], koppen: dict[str, list]) -> None:
    """PostgreSQL, plain-dict lines: both INSERTs and the move of the heads in one statement (data-modifying
    CTEs), so the heads stay locked for one round trip instead of three."""
    delen, params = [], []
    for i, (log, rijen) in enumerate(regels.items()):
        model = MODELLEN[log]
        velden = _opgeslagen_velden(model)
        kolommen = [model._meta.get_field(naam).column for naam in velden]
        delen.append(f"regels_{i} AS ({json_invoeg_sql(model, kolommen)})")
        params.append(json_document(kolommen, ([rij[k] for k in velden] for rij in rijen)))
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    params.append(json_document(
        ("log", "deel", "volgnummer", "hash"), ((log, deel, volgnummer, hash_) for log, (volgnummer, hash_, deel) in koppen.items())
    ))
    sql = (
        f"WITH {', '.join(delen)} UPDATE {tabel} SET volgnummer = kop.volgnummer, hash = kop.hash "
        f"FROM json_populate_recordset(NULL::{tabel}, %s::json) AS kop WHERE {tabel}.log = kop.log AND {tabel}.deel = kop.deel"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def regels_toevoegen(regels: dict[str, list]) -> None:
    """Append lines to their chains: ``{Keten.VERWERKINGEN: [...], ...}``.

    A line is an unsaved model instance (written with ``bulk_create``, gets its pk) or a dict
    with the ``KETEN_VELDEN`` except volgnummer/vorige_hash (written with one plain INSERT;
    the fast path). Do not mix both kinds in one log's list.

    One transaction (a savepoint when the caller already has one): lock the heads of one part,
    number, hash, insert per log, move the heads. Few queries whatever the number of lines; all
    lines of one call go to the same part.
    """
    logs = sorted(str(log) for log, lijst in regels.items() if lijst)
    if not logs:
        return
    with transaction.atomic():
        koppen = {log: kop for log, kop in _koppen_vergrendelen().items() if log in logs}
        for log in logs:
            kop = koppen[log]
            deel = kop[2]
            canoniek = _Canoniek(log, deel)
            for obj in regels[log]:
                kop[0] += 1
                _zet(obj, "deel", deel)
                _zet(obj, "volgnummer", kop[0])
                _zet(obj, "vorige_hash", kop[1])
                kop[1] = canoniek.hash(_waarden_van(obj))
                _zet(obj, "hash", kop[1])
        alleen_dicts = all(isinstance(regels[log][0], dict) for log in logs)
        klein = sum(len(regels[log]) for log in logs) <= _IN_EEN_KEER_MAX
        if alleen_dicts and klein and connection.vendor == "postgresql":
            _postgresql_in_een_keer({log: regels[log] for log in logs}, koppen)
            return
        for log in logs:
            if isinstance(regels[log][0], dict):
                _invoegen_zonder_orm(MODELLEN[log], regels[log])
            else:
                MODELLEN[log].objects.bulk_create(regels[log])
        _koppen_bijwerken(koppen)


class Fout:
    """Kinds of break, with the Dutch explanation the report shows."""

    GEWIJZIGD = "GEWIJZIGD"
    ONTBREEKT = "ONTBREEKT"
    SCHAKEL = "SCHAKEL"
    KOP = "KOP"


@dataclass(frozen=True)
class Ketenrapport:
    log: str
    titel: str
    aantal: int
    eerste_fout: int | None = None
    soort_fout: str | None = None
    uitleg: str = ""
    deel: int | None = None  # the part of the first break

    @property
    def ok(self) -> bool:
        return self.soort_fout is None

    @property
    def plaats(self) -> str:
        """Where the first break is, for people: ``4 (deel 1)``."""
        if self.ok:
            return ""
        return _("%(nr)s (deel %(deel)s)") % {"nr": self.eerste_fout, "deel": self.deel}


@dataclass(frozen=True)
class Rapport:
    ketens: tuple[Ketenrapport, ...]

    @property
    def ok(self) -> bool:
        return all(k.ok for k in self.ketens)

    def keten(self, log: str) -> Ketenrapport:
        return next(k for k in self.ketens if k.log == log)

    def als_tekst(self) -> str:
        regels = []
        for k in self.ketens:
            if k.ok:
                regels.append(_("%(titel)s: in orde (%(aantal)s regels).") % {"titel": k.titel, "aantal": k.aantal})
            else:
                regels.append(
                    _("%(titel)s: NIET in orde (%(aantal)s regels). Eerste gebroken volgnummer: %(nr)s. %(uitleg)s")
                    % {"titel": k.titel, "aantal": k.aantal, "nr": k.plaats, "uitleg": k.uitleg}
                )
        return "\n".join(regels)


class _Deelcontrole:
    """Walks the lines of one part in volgnummer order and keeps the first break."""

    def __init__(self, log: str, deel: int):
        self.log, self.deel = log, deel
        self.verwacht, self.vorige = 1, GENESIS_HASH
        self.fout: tuple[int, str, str] | None = None

    def noteer(self, nr: int, soort: str, uitleg: str) -> None:
        if self.fout is None:
            self.fout = (nr, soort, uitleg)

    def regel(self, waarden: dict) -> None:
        nr = waarden["volgnummer"]
        if nr != self.verwacht:
            if nr > self.verwacht:
                uitleg = _("Regel %(van)s tot en met %(tot)s ontbreekt: er is een regel verwijderd.") % {
                    "van": self.verwacht, "tot": nr - 1}
                self.noteer(self.verwacht, Fout.ONTBREEKT, uitleg)
            else:
                self.noteer(nr, Fout.ONTBREEKT, _("Het volgnummer %(nr)s klopt niet.") % {"nr": nr})
        if bereken_hash(self.log, waarden) != waarden["hash"]:
            self.noteer(nr, Fout.GEWIJZIGD, _("De inhoud van regel %(nr)s is gewijzigd: de hash klopt niet meer.") % {"nr": nr})
        elif waarden["vorige_hash"] != self.vorige:
            self.noteer(nr, Fout.SCHAKEL, _(
                "De schakel tussen regel %(vorige)s en regel %(nr)s is verbroken: de vorige regel is vervangen of gewijzigd."
            ) % {"vorige": nr - 1, "nr": nr})
        self.vorige, self.verwacht = waarden["hash"], nr + 1

    def kop(self, kop: tuple[int, str] | None) -> None:
        """Compare the part's last line with its head (a missing head is rebuilt on the next write)."""
        if kop is None or self.fout is not None:
            return
        kop_nummer, kop_hash = kop
        if kop_nummer > self.verwacht - 1:
            self.noteer(self.verwacht, Fout.ONTBREEKT, _(
                "De laatste regels (%(van)s tot en met %(tot)s) ontbreken: ze zijn verwijderd."
            ) % {"van": self.verwacht, "tot": kop_nummer})
        elif kop_nummer < self.verwacht - 1 or kop_hash != self.vorige:
            self.noteer(max(self.verwacht - 1, 1), Fout.KOP, _(
                "De laatste regel past niet bij de kop van de keten: regels zijn buiten de applicatie om toegevoegd of vervangen."
            ))


def _koppen_per_log() -> dict[str, dict[int, tuple[int, str]]]:
    koppen: dict[str, dict[int, tuple[int, str]]] = {log: {} for log in ALLE_LOGS}
    for log, deel, nr, hash_ in Ketenkop.objects.values_list("log", "deel", "volgnummer", "hash"):
        koppen.setdefault(log, {})[deel] = (nr, hash_)
    return koppen


def controleer_keten(log: str, *, blokgrootte: int = 2000, koppen: dict | None = None) -> Ketenrapport:
    model = MODELLEN[log]
    titel = str(Keten(log).label)
    velden = (*model.KETEN_VELDEN, "deel", "hash")
    alle_koppen = koppen if koppen is not None else _koppen_per_log()
    eigen = alle_koppen.get(str(log), {})
    aantal, controles = 0, {}
    rijen = model.objects.order_by("deel", "volgnummer").values_list(*velden).iterator(chunk_size=blokgrootte)
    for rij in rijen:
        waarden = dict(zip(velden, rij, strict=True))
        controle = controles.get(waarden["deel"])
        if controle is None:
            controle = controles[waarden["deel"]] = _Deelcontrole(log, waarden["deel"])
        controle.regel(waarden)
        aantal += 1
    # Parts are created together for both logs and numbered from 1 (koppen_aanmaken), so once there are
    # heads, every log has the parts 1..n: a missing part means its head (and maybe its lines) was removed.
    hoogste = max((max(k, default=0) for k in alle_koppen.values()), default=0)
    for deel in range(1, hoogste + 1):
        if deel not in eigen:
            controle = controles.setdefault(deel, _Deelcontrole(log, deel))
            controle.noteer(1, Fout.KOP, _(
                "Deel %(deel)s van de keten heeft geen kop meer: de kop en misschien ook de regels van dat deel zijn "
                "buiten de applicatie om verwijderd."
            ) % {"deel": deel})
    for deel in eigen:
        controles.setdefault(deel, _Deelcontrole(log, deel))  # a part whose lines were all removed
    for deel, controle in controles.items():
        controle.kop(eigen.get(deel))
    for deel in sorted(controles):
        if controles[deel].fout is not None:
            nr, soort, uitleg = controles[deel].fout
            return Ketenrapport(log=log, titel=titel, aantal=aantal, eerste_fout=nr, soort_fout=soort, uitleg=uitleg,
                                deel=deel)
    return Ketenrapport(log=log, titel=titel, aantal=aantal)


def _controleren() -> Rapport:
    koppen = _koppen_per_log()
    return Rapport(ketens=tuple(controleer_keten(log, koppen=koppen) for log in (Keten.VERWERKINGEN, Keten.BEVEILIGING)))


def controleer_integriteit() -> Rapport:
    """Check both logs against one snapshot on PostgreSQL: heads and lines read apart would show lines
    written in between as a break."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return _controleren()
    return _controleren()
