"""``common.rijen``: a hand-written SELECT gives the same instances as the ORM (on SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from nieuwestart.api.models import ApiApplicatie
from nieuwestart.common.rijen import Kolommen
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _velden(obj):
    return {veld.attname: getattr(obj, veld.attname) for veld in obj._meta.concrete_fields}


def _via_sql(model, pk):
    kolommen = Kolommen(model, "t")
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {kolommen.sql()} FROM {q(model._meta.db_table)} t WHERE t.{q(model._meta.pk.column)} = %s", [pk]
        )
        return kolommen.instantie(cursor.fetchone())


def test_json_booleans_and_datetimes_come_back_as_the_orm_gives_them(team):
    door = maak_gebruiker("beheer")
    app = ApiApplicatie.objects.create(
        naam="Portaal", gebruiker=maak_gebruiker("api-portaal", teams=[team]), scopes=["dossiers:lezen", "importeren"],
        token_prefix="abcdef123456", token_sha256="0" * 64, aangemaakt_door=door,
        laatst_gebruikt_op=timezone.now() - timedelta(days=2),
    )
    uit_sql = _via_sql(ApiApplicatie, app.pk)
    assert _velden(uit_sql) == _velden(ApiApplicatie.objects.get(pk=app.pk))
    assert uit_sql.scopes == ["dossiers:lezen", "importeren"] and uit_sql.actief is True
    assert uit_sql.laatst_gebruikt_op.tzinfo is not None
    assert not uit_sql._state.adding  # a loaded object: save() updates, never inserts a copy


def test_dates_and_foreign_keys_come_back_as_the_orm_gives_them(maak_dossier):
    dossier = maak_dossier()
    uit_sql = _via_sql(Dossier, dossier.pk)
    assert _velden(uit_sql) == _velden(Dossier.objects.get(pk=dossier.pk))
    assert uit_sql.aanmelddatum == dossier.aanmelddatum and uit_sql.team_id == dossier.team_id


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        Kolommen(Dossier, "d").instantie([1, 2])
