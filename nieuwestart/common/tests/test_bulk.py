"""Plain bulk inserts: the same rows through the JSON document (PostgreSQL) or executemany (SQLite)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.db import connection, transaction

from nieuwestart.common.bulk import plannen_per_uitvoering, rijen_invoegen
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db


def test_rows_with_dates_times_json_and_odd_text_arrive_unchanged(maak_dossier, consulent):
    dossier = maak_dossier()
    tijd = datetime(2026, 11, 23, 14, 5, 6, 123456, tzinfo=timezone(timedelta(hours=1)))
    gegevens = {"tekst": 'aanhalingsteken " en \\ en é', "getal": 3, "lijst": [1, None, True]}
    voor = DossierGebeurtenis.objects.count()
    assert rijen_invoegen(DossierGebeurtenis, ("dossier_id", "soort", "datum", "vastgelegd_op", "door_id", "gegevens", "toelichting"), [
        (dossier.pk, "TOELICHTING", date(2026, 11, 20), tijd, consulent.pk, gegevens, "regel\nmet ' en \" erin"),
        (dossier.pk, "TOELICHTING", date(2026, 11, 21), tijd, None, {}, ""),
    ]) == 2
    eerste, tweede = DossierGebeurtenis.objects.order_by("id")[voor:]
    assert (eerste.datum, eerste.vastgelegd_op, eerste.gegevens) == (date(2026, 11, 20), tijd, gegevens)
    assert eerste.toelichting == "regel\nmet ' en \" erin" and eerste.door_id == consulent.pk
    assert tweede.door_id is None and tweede.gegevens == {}


def test_nothing_to_insert_is_zero_rows():
    assert rijen_invoegen(Termijn, ("dossier_id", "regel"), []) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only; a no-op on SQLite")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the import's transaction is the outermost one
def test_an_import_transaction_plans_every_statement_for_its_own_values():
    with connection.cursor() as cursor:
        with transaction.atomic():
            plannen_per_uitvoering()
            cursor.execute("SHOW plan_cache_mode")
            assert cursor.fetchone()[0] == "force_custom_plan"
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "auto"  # SET LOCAL ended with the transaction
