"""Plain bulk inserts for the few hot paths that write tens of thousands of rows.

``Model.objects.bulk_create`` builds and adapts every value of every row through the ORM's
compiler; for a 100,000-row portal import that costs several times the INSERT itself. Here the
columns are resolved once per call and each value is adapted by the backend's own
``connection.ops`` adapters (dates and datetimes per backend, JSON as the backend wants it), so
the same code runs on SQLite and PostgreSQL. Nothing else of the ORM applies: no ``save()``,
no signals, no ``auto_now`` — callers pass every column, as ``bulk_create`` users must know anyway.
"""

from __future__ import annotations

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


def rijen_invoegen(model: type[models.Model], velden: Sequence[str], rijen: Iterable[Sequence[Any]]) -> int:
    """INSERT ``rijen`` (values in the order of ``velden``, attnames like ``dossier_id``) with one
    ``executemany``; returns the number of rows. Call inside the caller's transaction."""
    meta_velden = [model._meta.get_field(naam) for naam in velden]
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
    begin = f"INSERT INTO {quote(model._meta.db_table)} ({kolommen}) VALUES "
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # sqlite3 reuses one prepared statement for every row: the fastest path there.
            cursor.executemany(begin + plekken, waarden)
        else:
            # PostgreSQL: one multi-row INSERT per chunk saves a round trip per row (about twice
            # as fast as executemany with client-side binding); at most 65,535 parameters.
            per = max(1, min(1000, 65_000 // len(meta_velden)))
            for start in range(0, len(waarden), per):
                deel = waarden[start:start + per]
                cursor.execute(begin + ", ".join([plekken] * len(deel)), [w for rij in deel for w in rij])
    return len(waarden)
