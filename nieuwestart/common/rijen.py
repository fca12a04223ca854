"""Model instances from a hand-written SELECT, for the few queries that run on every request.

The ORM builds a query's SQL anew each time it runs. For the API's token check (application and user,
two joined tables) that building took 0.5 ms of CPU, three times the query itself, on every API request
(docs/performance.md). Here the SQL is written once, with its column list taken from the models, and
each value goes through the conversions the ORM would apply (per backend: dates on SQLite, JSON, …), so
the instance is the one the ORM would have built. These reads use the default database (the project has
one; there are no routers).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, connections, models


class Kolommen:
    """The concrete columns of ``model`` under table alias ``alias``, in a fixed order: all of them, or only
    ``velden`` (names; the primary key is always included). Columns left out are deferred on the instance,
    as with ``QuerySet.only``."""

    def __init__(self, model: type[models.Model], alias: str, velden: Sequence[str] | None = None):
        self.model, self.alias = model, alias
        gekozen = None if velden is None else {model._meta.get_field(naam).attname for naam in velden}
        self.velden = [
            veld for veld in model._meta.concrete_fields
            if gekozen is None or veld.primary_key or veld.attname in gekozen
        ]
        self._attnames = [veld.attname for veld in self.velden]
        self._plek_pk = self._attnames.index(model._meta.pk.attname)
        self._omzetters: dict[str, list] = {}
        self._sql: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.velden)

    def uit(self, rij: Sequence, begin: int) -> tuple[models.Model | None, int]:
        """The instance from this part of a wider row that starts at ``begin``, and where the next part starts."""
        return self.instantie(rij[begin: begin + len(self)]), begin + len(self)

    def sql(self) -> str:
        if connection.alias not in self._sql:
            q = connection.ops.quote_name
            self._sql[connection.alias] = ", ".join(f"{self.alias}.{q(veld.column)}" for veld in self.velden)
        return self._sql[connection.alias]

    def _omzetters_voor_verbinding(self) -> list:
        sleutel = connection.alias  # the converters are bound to that connection (its time zone on SQLite)
        if sleutel not in self._omzetters:
            omzetters = []
            for veld in self.velden:
                kolom = veld.get_col(self.alias)
                functies = connection.ops.get_db_converters(kolom) + kolom.get_db_converters(connection)
                omzetters.append((functies, kolom))
            self._omzetters[sleutel] = omzetters
        return self._omzetters[sleutel]

    @property
    def attnames(self) -> list[str]:
        return list(self._attnames)

    def waarden(self, waarden: Sequence) -> list:
        """The values of this part of a row as the ORM would give them (``values()``)."""
        omgezet = []
        for waarde, (functies, kolom) in zip(waarden, self._omzetters_voor_verbinding(), strict=True):
            for functie in functies:
                waarde = functie(waarde, kolom, connection)
            omgezet.append(waarde)
        return omgezet

    def instantie(self, waarden: Sequence) -> models.Model | None:
        """The model instance for this part of a row, as a loaded (not new) object; None where an outer join
        found no row (its primary key is NULL)."""
        if waarden[self._plek_pk] is None:
            return None
        return self.model.from_db(connection.alias, self._attnames, self.waarden(waarden))


def rij_lezer(delen: Sequence[tuple[str, Kolommen]]):
    """For a page of rows of ``SELECT <deel 1>, <deel 2>, …``: a function that turns one row into the dict
    ``values()`` would give, each key prefixed per part (``"team__"``). The conversions are looked up once per
    page, not per row, and columns the backend returns as they are (most on PostgreSQL) are not touched."""
    sleutels, omzetten, plek = [], [], 0
    for via, deel in delen:
        for attname, (functies, kolom) in zip(deel.attnames, deel._omzetters_voor_verbinding(), strict=True):
            sleutels.append(via + attname)
            if functies:
                omzetten.append((plek, functies, kolom))
            plek += 1
    verbinding = connections[connection.alias]  # the connection itself, not the proxy looked up per use

    def lees(rij: Sequence) -> dict:
        if omzetten:
            rij = list(rij)
            for i, functies, kolom in omzetten:
                waarde = rij[i]
                for functie in functies:
                    waarde = functie(waarde, kolom, verbinding)
                rij[i] = waarde
        return dict(zip(sleutels, rij, strict=True))

    return lees
