"""Reads behind the API that run on almost every request."""

from __future__ import annotations

from django.db import connection
from django.db.models import prefetch_related_objects

from nieuwestart.accounts.models import Team, User
from nieuwestart.beeindiging.models import Beeindiging
from nieuwestart.beschikkingen.models import Beschikking
from nieuwestart.common.rijen import Kolommen
from nieuwestart.dossiers.models import Dossier, Huishouden, Rechthebbende

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
_GROOTSTE_ID = 2**63 - 1  # a larger number in the URL is no dossier (and must not reach the database)


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
    if not 0 < pk <= _GROOTSTE_ID:
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
