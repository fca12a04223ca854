"""Reads behind the API that run on almost every request."""

from __future__ import annotations

from django.db import connection
from django.db.models import prefetch_related_objects

from nieuwestart.accounts.models import Team, User
from nieuwestart.beeindiging.models import Beeindiging
from nieuwestart.beschikkingen.models import Beschikking
from nieuwestart.common.rijen import Kolommen, rij_lezer
from nieuwestart.dossiers.models import Dossier, Huishouden, Rechthebbende

from .paginering import GROOTSTE_ID

# What the dossier detail shows (serializers.DossierDetailSerializer), the beëindiging included. One plain
# query over seven tables: with the ORM, building this SQL took 0.6 ms of CPU on every request and filling
# the related objects as much again (docs/performance.md); common.rijen converts each value as the ORM
# would. The test keeps the answer equal to the ORM's and the number of queries fixed (a column missing
# here would be read later, one query more).
_DOSSIER = Kolommen(Dossier, "d")
_RECHTHEBBENDE = Kolommen(Rechthebbende, "r")
_TEAM = Kolommen(Team, "t", ["naam"])
_BEHANDELAAR = Kolommen(User, "u", ["username"])
_HUISHOUDEN = Kolommen(Huishouden, "h", ["dossier", "peildatum"])
_BEEINDIGING = Kolommen(
    Beeindiging, "b", ["dossier", "reden", "einddatum", "toelichting", "nieuwe_gemeente", "afgesloten_op", "beschikking"]
)
_BESCHIKKING = Kolommen(Beschikking, "k", ["kenmerk"])
_DELEN = (_DOSSIER, _RECHTHEBBENDE, _TEAM, _BEHANDELAAR, _HUISHOUDEN, _BEEINDIGING, _BESCHIKKING)


def _detail_sql() -> str:
    q = connection.ops.quote_name

    def kolom(model, veld):
        return q(model._meta.get_field(veld).column)

    def tabel(model):
        return q(model._meta.db_table)

    return (
        f"SELECT {', '.join(deel.sql() for deel in _DELEN)} FROM {tabel(Dossier)} d "
        f"JOIN {tabel(Rechthebbende)} r ON r.{kolom(Rechthebbende, 'id')} = d.{kolom(Dossier, 'rechthebbende')} "
        f"JOIN {tabel(Team)} t ON t.{kolom(Team, 'id')} = d.{kolom(Dossier, 'team')} "
        f"LEFT JOIN {tabel(User)} u ON u.{kolom(User, 'id')} = d.{kolom(Dossier, 'behandelaar')} "
        f"LEFT JOIN {tabel(Huishouden)} h ON h.{kolom(Huishouden, 'dossier')} = d.{kolom(Dossier, 'id')} "
        f"LEFT JOIN {tabel(Beeindiging)} b ON b.{kolom(Beeindiging, 'dossier')} = d.{kolom(Dossier, 'id')} "
        f"LEFT JOIN {tabel(Beschikking)} k ON k.{kolom(Beschikking, 'id')} = b.{kolom(Beeindiging, 'beschikking')} "
        f"WHERE d.{kolom(Dossier, 'id')} = %s"
    )


def dossier_voor_detail(pk: int) -> Dossier | None:
    """The dossier with its person, team, behandelaar, household (members included) and beëindiging, or None."""
    if not 0 < pk <= GROOTSTE_ID:  # a larger number in the URL must not reach the database
        return None
    with connection.cursor() as cursor:
        cursor.execute(_detail_sql(), [pk])
        rij = cursor.fetchone()
    if rij is None:
        return None
    dossier, plek = _DOSSIER.uit(rij, 0)
    dossier.rechthebbende, plek = _RECHTHEBBENDE.uit(rij, plek)
    dossier.team, plek = _TEAM.uit(rij, plek)
    behandelaar, plek = _BEHANDELAAR.uit(rij, plek)
    if behandelaar is not None:
        dossier.behandelaar = behandelaar
    huishouden, plek = _HUISHOUDEN.uit(rij, plek)
    beeindiging, plek = _BEEINDIGING.uit(rij, plek)
    beschikking, _ = _BESCHIKKING.uit(rij, plek)
    # Reverse one-to-ones: the object, or "there is none" remembered, as select_related does.
    for naam, gevonden in (("huishouden", huishouden), ("beeindiging", beeindiging)):
        if gevonden is None:
            Dossier._meta.get_field(naam).set_cached_value(dossier, None)
        else:
            setattr(dossier, naam, gevonden)
    if beeindiging is not None and beschikking is not None:
        beeindiging.beschikking = beschikking
    if huishouden is not None:
        prefetch_related_objects([dossier], "huishouden__leden")
    return dossier


class Dossierlijst:
    """The dossier list of some teams, unfiltered, in plain SQL, for ``Cursorpaginering``.

    The list is the API's busiest read. DRF's cursor pagination stays as it is (positions, offsets, links);
    it only asks its query for an order (``order_by``), a position (``filter(id__gt=…)`` or ``id__lt``) and a
    slice, and this object answers exactly those with one prepared statement. Building the same query with the
    ORM took 0.6 ms of CPU per request, as long as running it (docs/performance.md). Rows are the dicts that
    ``values(*DOSSIER_LIJST_KOLOMMEN)`` gives; a test walks the pages both ways against the ORM's list.
    A filtered list goes through the ORM (``DossierFilter``).
    """

    def __init__(self, teams, *, aflopend: bool = False, na: int | None = None, voor: int | None = None):
        self.teams, self.aflopend, self.na, self.voor = sorted(teams), aflopend, na, voor

    def _kopie(self, **wijzigingen) -> Dossierlijst:
        return Dossierlijst(self.teams, **({"aflopend": self.aflopend, "na": self.na, "voor": self.voor} | wijzigingen))

    def order_by(self, *volgorde: str) -> Dossierlijst:
        if volgorde not in (("id",), ("-id",)):
            raise ValueError(f"Dossierlijst kent alleen de volgorde op id, niet {volgorde!r}")
        return self._kopie(aflopend=volgorde == ("-id",))

    def filter(self, **voorwaarde) -> Dossierlijst:
        (naam, waarde), = voorwaarde.items()
        if naam == "id__gt":
            return self._kopie(na=int(waarde))
        if naam == "id__lt":
            return self._kopie(voor=int(waarde))
        raise ValueError(f"Dossierlijst kent alleen id__gt en id__lt, niet {naam!r}")

    def __getitem__(self, deel: slice) -> list[dict]:
        if not isinstance(deel, slice) or deel.step is not None or deel.stop is None:
            raise TypeError("Dossierlijst geeft alleen een stuk met begin en einde")
        begin = deel.start or 0
        if not self.teams or deel.stop <= begin:
            return []
        sql = _lijst_sql(len(self.teams), self.na is not None, self.voor is not None, self.aflopend,
                         limiet=int(deel.stop - begin), offset=int(begin))
        params = [*self.teams, *(g for g in (self.na, self.voor) if g is not None)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rijen = cursor.fetchall()
        lees = rij_lezer(_LIJST)
        return [lees(rij) for rij in rijen]


def _lijst_delen():
    """The columns of ``DOSSIER_LIJST_KOLOMMEN`` per table, with the key prefix ``values()`` gives them."""
    from .serializers import DOSSIER_LIJST_KOLOMMEN

    def velden(via: str) -> list[str]:
        return [k.removeprefix(via) for k in DOSSIER_LIJST_KOLOMMEN if k.startswith(via) and "__" not in k.removeprefix(via)]

    return (
        ("", Kolommen(Dossier, "d", velden(""))),
        ("team__", Kolommen(Team, "t", velden("team__"))),
        ("behandelaar__", Kolommen(User, "u", velden("behandelaar__"))),
        ("rechthebbende__", Kolommen(Rechthebbende, "r", velden("rechthebbende__"))),
    )


_LIJST = _lijst_delen()


def _lijst_sql(aantal_teams: int, met_na: bool, met_voor: bool, aflopend: bool, *, limiet: int, offset: int) -> str:
    # LIMIT and OFFSET are written into the SQL (whole numbers from the paginator, never from the client as
    # text): as parameters, PostgreSQL judged its reusable plan too costly and planned the prepared statement
    # anew on every request, 0.5 ms, longer than running it.
    q = connection.ops.quote_name

    def kolom(model, veld):
        return q(model._meta.get_field(veld).column)

    id_ = f"d.{kolom(Dossier, 'id')}"
    voorwaarden = [f"d.{kolom(Dossier, 'team')} IN ({', '.join(['%s'] * aantal_teams)})"]
    if met_na:
        voorwaarden.append(f"{id_} > %s")
    if met_voor:
        voorwaarden.append(f"{id_} < %s")
    return (
        f"SELECT {', '.join(deel.sql() for _, deel in _LIJST)} FROM {q(Dossier._meta.db_table)} d "
        f"JOIN {q(Team._meta.db_table)} t ON t.{kolom(Team, 'id')} = d.{kolom(Dossier, 'team')} "
        f"LEFT JOIN {q(User._meta.db_table)} u ON u.{kolom(User, 'id')} = d.{kolom(Dossier, 'behandelaar')} "
        f"JOIN {q(Rechthebbende._meta.db_table)} r ON r.{kolom(Rechthebbende, 'id')} = d.{kolom(Dossier, 'rechthebbende')} "
        f"WHERE {' AND '.join(voorwaarden)} ORDER BY {id_} {'DESC' if aflopend else 'ASC'} LIMIT {limiet:d} OFFSET {offset:d}"
    )
