"""The hash chains of both logs: writing lines and checking them.

Each log is one chain. Line *n* has ``volgnummer`` n (1, 2, 3, … without gaps),
``vorige_hash`` = the ``hash`` of line n-1 (64 zeros for line 1) and
``hash`` = SHA-256 over a canonical serialisation of its own fields plus ``vorige_hash``.

Writing: ``regels_toevoegen`` locks the chain heads (``Ketenkop``, one row per log) with
``SELECT … FOR UPDATE`` inside the caller's transaction, numbers and hashes the new lines in
Python and inserts them with one ``bulk_create`` per log (on PostgreSQL: the lines of both logs
and the new heads in one statement, so the heads are locked for two round trips in all).
On PostgreSQL the row lock serialises writers; on SQLite the project opens transactions with ``BEGIN IMMEDIATE``
(settings: ``transaction_mode``), which takes the database write lock at the start, and the
unique ``volgnummer`` is the last safety net on both.

Checking: ``controleer_keten`` streams a log in volgnummer order and reports the first line
whose content no longer matches its hash, whose number leaves a gap, or whose link to the
previous line is broken; finally it compares the last line with the chain head (catches
removal of the newest lines).
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from nieuwestart.common.bulk import json_document, json_invoeg_sql, rijen_invoegen

from .models import GENESIS_HASH, Beveiligingsgebeurtenis, Keten, Ketenkop, Verwerking

MODELLEN = {Keten.VERWERKINGEN: Verwerking, Keten.BEVEILIGING: Beveiligingsgebeurtenis}


def _canoniek(waarde):
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).isoformat(timespec="microseconds")
    return waarde


def canonieke_vorm(log: str, waarden: dict) -> bytes:
    """A stable byte string for one line: log name, then ``[veld, waarde]`` pairs in fixed order."""
    model = MODELLEN[log]
    paren = [[veld, _canoniek(waarden[veld])] for veld in model.KETEN_VELDEN]
    return json.dumps([str(log), paren], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def bereken_hash(log: str, waarden: dict) -> str:
    return hashlib.sha256(canonieke_vorm(log, waarden)).hexdigest()


class _Canoniek:
    """``canonieke_vorm`` for many lines at once, byte for byte the same (a property test checks it).

    The lines of one operation share most values (trace, operation, name, times, activity), so each
    ``[veld, waarde]`` pair is serialised once per call and the line is joined from the pieces: a page
    of 50 persons costs a tenth of the hashing time. Plain types are written directly (field names are
    ASCII identifiers); anything else goes through ``json.dumps`` with the same settings.
    """

    def __init__(self, log: str):
        self.velden = MODELLEN[log].KETEN_VELDEN
        self.begin = "[" + json.dumps(str(log), ensure_ascii=False) + ",["
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


def _invoegen_zonder_orm(model, rijen: list[dict]) -> None:
    """INSERT plain dicts with one ``executemany``: the hot path of ``verwerking()``."""
    velden = (*model.KETEN_VELDEN, "hash")
    attnames = [model._meta.get_field(naam).attname for naam in velden]
    rijen_invoegen(model, attnames, ([rij[a] for a in attnames] for rij in rijen))


def _kop_aanmaken(log: str) -> None:
    """Create a missing chain head, continuing after the last stored line (if any)."""
    laatste = MODELLEN[log].objects.order_by("-volgnummer").values_list("volgnummer", "hash").first()
    volgnummer, hash_ = laatste or (0, GENESIS_HASH)
    try:
        with transaction.atomic():
            Ketenkop.objects.get_or_create(log=log, defaults={"volgnummer": volgnummer, "hash": hash_})
    except IntegrityError:  # created concurrently: fine
        pass


def _koppen_vergrendelen(logs: list[str]) -> dict[str, list]:
    """``{log: [volgnummer, hash]}`` with the head rows locked until the transaction ends.

    Plain SQL: this runs for every logged operation, and the ORM's query building costs more
    than the query itself.
    """
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    plekken = ", ".join(["%s"] * len(logs))
    sql = f"SELECT log, volgnummer, hash FROM {tabel} WHERE log IN ({plekken}) ORDER BY log"
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, list(logs))
        return {log: [volgnummer, hash_] for log, volgnummer, hash_ in cursor.fetchall()}


def _koppen_bijwerken(koppen: dict[str, list]) -> None:
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {tabel} SET volgnummer = %s, hash = %s WHERE log = %s",
            [(volgnummer, hash_, log) for log, (volgnummer, hash_) in koppen.items()],
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
        kolommen = [model._meta.get_field(naam).column for naam in (*model.KETEN_VELDEN, "hash")]
        delen.append(f"regels_{i} AS ({json_invoeg_sql(model, kolommen)})")
        params.append(json_document(kolommen, ([rij[k] for k in (*model.KETEN_VELDEN, "hash")] for rij in rijen)))
    tabel = connection.ops.quote_name(Ketenkop._meta.db_table)
    params.append(json_document(("log", "volgnummer", "hash"), ((log, *kop) for log, kop in koppen.items())))
    sql = (
        f"WITH {', '.join(delen)} UPDATE {tabel} SET volgnummer = kop.volgnummer, hash = kop.hash "
        f"FROM json_populate_recordset(NULL::{tabel}, %s::json) AS kop WHERE {tabel}.log = kop.log"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def regels_toevoegen(regels: dict[str, list]) -> None:
    """Append lines to their chains: ``{Keten.VERWERKINGEN: [...], ...}``.

    A line is an unsaved model instance (written with ``bulk_create``, gets its pk) or a dict
    with the ``KETEN_VELDEN`` except volgnummer/vorige_hash (written with one plain INSERT;
    the fast path). Do not mix both kinds in one log's list.

    One transaction (a savepoint when the caller already has one): lock heads, number,
    hash, ``bulk_create`` per log, move the heads. Few queries whatever the number of lines.
    """
    logs = sorted(str(log) for log, lijst in regels.items() if lijst)
    if not logs:
        return
    with transaction.atomic():
        koppen = _koppen_vergrendelen(logs)
        if len(koppen) < len(logs):
            for log in logs:
                if log not in koppen:
                    _kop_aanmaken(log)
            koppen = _koppen_vergrendelen(logs)
        for log in logs:
            kop, canoniek = koppen[log], _Canoniek(log)
            for obj in regels[log]:
                kop[0] += 1
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

    @property
    def ok(self) -> bool:
        return self.soort_fout is None


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
                    % {"titel": k.titel, "aantal": k.aantal, "nr": k.eerste_fout, "uitleg": k.uitleg}
                )
        return "\n".join(regels)


def controleer_keten(log: str, *, blokgrootte: int = 2000) -> Ketenrapport:
    model = MODELLEN[log]
    titel = str(Keten(log).label)
    velden = (*model.KETEN_VELDEN, "hash")
    verwacht, vorige, aantal = 1, GENESIS_HASH, 0
    fout: tuple[int, str, str] | None = None

    def noteer(nr: int, soort: str, uitleg: str) -> None:
        nonlocal fout
        if fout is None:
            fout = (nr, soort, uitleg)

    rijen = model.objects.order_by("volgnummer").values_list(*velden).iterator(chunk_size=blokgrootte)
    for rij in rijen:
        waarden = dict(zip(velden, rij, strict=True))
        nr = waarden["volgnummer"]
        aantal += 1
        if nr != verwacht:
            if nr > verwacht:
                uitleg = _("Regel %(van)s tot en met %(tot)s ontbreekt: er is een regel verwijderd.") % {
                    "van": verwacht, "tot": nr - 1}
                noteer(verwacht, Fout.ONTBREEKT, uitleg)
            else:
                noteer(nr, Fout.ONTBREEKT, _("Het volgnummer %(nr)s klopt niet.") % {"nr": nr})
        if bereken_hash(log, waarden) != waarden["hash"]:
            noteer(nr, Fout.GEWIJZIGD, _("De inhoud van regel %(nr)s is gewijzigd: de hash klopt niet meer.") % {"nr": nr})
        elif waarden["vorige_hash"] != vorige:
            noteer(nr, Fout.SCHAKEL, _(
                "De schakel tussen regel %(vorige)s en regel %(nr)s is verbroken: de vorige regel is vervangen of gewijzigd."
            ) % {"vorige": nr - 1, "nr": nr})
        vorige, verwacht = waarden["hash"], nr + 1

    kop = Ketenkop.objects.filter(log=log).values_list("volgnummer", "hash").first()
    if kop is not None and fout is None:
        kop_nummer, kop_hash = kop
        if kop_nummer > verwacht - 1:
            noteer(verwacht, Fout.ONTBREEKT, _(
                "De laatste regels (%(van)s tot en met %(tot)s) ontbreken: ze zijn verwijderd."
            ) % {"van": verwacht, "tot": kop_nummer})
        elif kop_nummer < verwacht - 1 or kop_hash != vorige:
            noteer(verwacht - 1, Fout.KOP, _(
                "De laatste regel past niet bij de kop van de keten: regels zijn buiten de applicatie om toegevoegd of vervangen."
            ))
    if fout is None:
        return Ketenrapport(log=log, titel=titel, aantal=aantal)
    nr, soort, uitleg = fout
    return Ketenrapport(log=log, titel=titel, aantal=aantal, eerste_fout=nr, soort_fout=soort, uitleg=uitleg)


def controleer_integriteit() -> Rapport:
    return Rapport(ketens=tuple(controleer_keten(log) for log in (Keten.VERWERKINGEN, Keten.BEVEILIGING)))
