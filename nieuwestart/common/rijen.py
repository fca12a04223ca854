"""Model instances from a hand-written SELECT, for the few queries that run on every request.

The ORM builds a query's SQL anew each time it runs. For the API's token check (application and user,
two joined tables) that building took 0.5 ms of CPU, three times the query itself, on every API request
(docs/performance.md). Here the SQL is written once, with its column list taken from the models, and
each value goes through the conversions the ORM would apply (per backend: dates on SQLite, JSON, …), so
the instance is the one the ORM would have built.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


class Kolommen:
    """All concrete columns of ``model`` under table alias ``alias``, in a fixed order."""

    def __init__(self, model: type[models.Model], alias: str):
        self.model, self.alias = model, alias
        self.velden = list(model._meta.concrete_fields)
        self._attnames = [veld.attname for veld in self.velden]
        self._omzetters: dict[str, list] = {}

    def __len__(self) -> int:
        return len(self.velden)

    def sql(self) -> str:
        q = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{q(veld.column)}" for veld in self.velden)

    def _omzetters_voor_verbinding(self) -> list:
        sleutel = connection.vendor
        if sleutel not in self._omzetters:
            omzetters = []
            for veld in self.velden:
                kolom = veld.get_col(self.alias)
                functies = connection.ops.get_db_converters(kolom) + kolom.get_db_converters(connection)
                omzetters.append((functies, kolom))
            self._omzetters[sleutel] = omzetters
        return self._omzetters[sleutel]

    def instantie(self, waarden: Sequence) -> models.Model:
        """The model instance for this part of a row, as a loaded (not new) object."""
        omgezet = []
        for waarde, (functies, kolom) in zip(waarden, self._omzetters_voor_verbinding(), strict=True):
            for functie in functies:
                waarde = functie(waarde, kolom, connection)
            omgezet.append(waarde)
        return self.model.from_db(connection.alias, self._attnames, omgezet)
