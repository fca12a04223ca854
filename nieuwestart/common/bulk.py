"""Plain bulk inserts for the few hot paths that write tens of thousands of rows.

``Model.objects.bulk_create`` builds and adapts every value of every row through the ORM's
compiler; for a 100,000-row portal import that costs several times the INSERT itself. Here the
columns are resolved once per call and each value is adapted by the backend's own
``connection.ops`` adapters (dates and datetimes per backend, JSON as the backend wants it), so
the same code runs on SQLite and PostgreSQL. Nothing else of the ORM applies: no ``save()``,
no signals, no ``auto_now`` — callers pass every column, as ``bulk_create`` users must know anyway.

On PostgreSQL the rows travel as one JSON document per chunk, unpacked by the server with
``json_populate_recordset`` into the table's own row type (so every column gets its own type
and its own parsing, dates and JSON included). A multi-row ``VALUES`` list would need
psycopg to split and quote one placeholder per value in Python, which costs about five times
as much CPU (50 processing-log lines: 4.4 ms against 0.9 ms; see docs/performance.md), and
the processing log writes those rows while it holds its chain's lock.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models


def _adapter(veld: models.Field) -> Callable[[Any], Any] | None:
    soort = veld.get_internal_type()
    ops = connection.ops
    if soort in ("DateTimeField", "DateField"):
        adapteer = ops.adapt_datetimefield_value if soort == "DateTimeField" else ops.adapt_datefield_value
        cache: dict = {}

        def onthouden(waarde):  # a bulk write has few distinct dates and timestamps: adapt each once
            if waarde not in cache:
                cache[waarde] = adapteer(waarde)
            return cache[waarde]

        return onthouden
    if soort == "JSONField":
        gezien: dict[int, tuple] = {}

        def json_waarde(waarde):
            # The same dict object on many rows (an import's fixed event data) is encoded once;
            # the cache keeps the object alive, so its id cannot be reused within the call.
            bekend = gezien.get(id(waarde))
            if bekend is None:
                bekend = gezien[id(waarde)] = (waarde, ops.adapt_json_value(waarde, veld.encoder))
            return bekend[1]

        return json_waarde
    return None


def _json_waarde(waarde):
    if isinstance(waarde, (datetime.date, datetime.time)):  # datetime is a date: aware ones keep their offset
        return waarde.isoformat()
    if isinstance(waarde, (decimal.Decimal, uuid.UUID)):
        return str(waarde)
    raise TypeError(f"{type(waarde).__name__} kan niet in een bulk-INSERT (JSON)")


# Rows per statement on PostgreSQL: one JSON document of a few megabytes at most.
_PER_JSON_DOCUMENT = 5000


_JSON = json.JSONEncoder(default=_json_waarde, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def json_invoeg_sql(model: type[models.Model], kolommen: Sequence[str]) -> str:
    """PostgreSQL: an INSERT of ``kolommen`` whose rows come as one JSON parameter (``json_document``)."""
    quote = connection.ops.quote_name
    tabel = quote(model._meta.db_table)
    lijst = ", ".join(quote(k) for k in kolommen)
    return f"INSERT INTO {tabel} ({lijst}) SELECT {lijst} FROM json_populate_recordset(NULL::{tabel}, %s::json)"


def json_document(kolommen: Sequence[str], rijen: Iterable[Sequence[Any]]) -> str:
    return _JSON.encode([dict(zip(kolommen, rij, strict=True)) for rij in rijen])


def _postgresql_invoegen(model: type[models.Model], meta_velden, rijen: Iterable[Sequence[Any]]) -> int:
    kolommen = [v.column for v in meta_velden]
    sql = json_invoeg_sql(model, kolommen)
    aantal, deel = 0, []
    with connection.cursor() as cursor:
        for rij in rijen:
            deel.append(rij)
            if len(deel) == _PER_JSON_DOCUMENT:
                cursor.execute(sql, [json_document(kolommen, deel)])
                aantal, deel = aantal + len(deel), []
        if deel:
            cursor.execute(sql, [json_document(kolommen, deel)])
            aantal += len(deel)
    return aantal


def rijen_invoegen(model: type[models.Model], velden: Sequence[str], rijen: Iterable[Sequence[Any]]) -> int:
    """INSERT ``rijen`` (values in the order of ``velden``, attnames like ``dossier_id``) in as few
    statements as possible; returns the number of rows. Call inside the caller's transaction."""
    meta_velden = [model._meta.get_field(naam) for naam in velden]
    if connection.vendor == "postgresql":
        return _postgresql_invoegen(model, meta_velden, rijen)
    adapters = [(i, a) for i, veld in enumerate(meta_velden) if (a := _adapter(veld)) is not None]
    if adapters:
        def aangepast(rij: Sequence[Any]) -> list[Any]:
            rij = list(rij)
            for i, a in adapters:
                if rij[i] is not None:
                    rij[i] = a(rij[i])
            return rij

        waarden = [aangepast(rij) for rij in rijen]
    else:
        waarden = [list(rij) for rij in rijen]
    if not waarden:
        return 0
    quote = connection.ops.quote_name
    kolommen = ", ".join(quote(v.column) for v in meta_velden)
    plekken = "(" + ", ".join(["%s"] * len(meta_velden)) + ")"
    # sqlite3 reuses one prepared statement for every row: the fastest path there.
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({kolommen}) VALUES {plekken}", waarden)
    return len(waarden)


def plannen_per_uitvoering() -> None:
    """Inside a long bulk transaction (an import): PostgreSQL plans every statement for its own values.

    The project prepares statements (settings: ``DB_PREPARE_THRESHOLD``), and after a few runs PostgreSQL
    may switch a prepared statement to a generic plan made from the statistics it had at the start. In an
    import the tables grow by thousands of rows per batch inside one transaction, so such a plan goes stale
    (100,000 rows: 122 s instead of 39 s). ``SET LOCAL`` ends with the transaction. No-op on SQLite.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
