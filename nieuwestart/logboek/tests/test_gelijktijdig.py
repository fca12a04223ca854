"""Concurrent writers keep the chains consecutive and intact, and do not queue behind each other
(PostgreSQL: each writer locks the heads of a free part of the chain).

Needs a real database server: skipped on the in-memory SQLite test database. Run with
``DATABASE_URL=postgres://… pytest nieuwestart/logboek``.
"""

import threading

import pytest
from django.db import connection, connections, transaction

from nieuwestart.logboek import services
from nieuwestart.logboek.models import Keten, Ketenkop, Resultaat, Verwerking

from .conftest import BSN_A, BSN_B, BSN_C

THREADS = 8
PER_THREAD = 15


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("delen", [2, 8])  # fewer parts than writers: some wait for a part, and new parts are opened
def test_concurrent_operations_keep_both_chains_intact(delen, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    settings.NS_LOGBOEK_DELEN = delen
    start = threading.Barrier(THREADS)
    fouten = []

    def werk(nummer):
        try:
            start.wait()
            for i in range(PER_THREAD):
                with transaction.atomic():
                    with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A, BSN_B, BSN_C],
                                             object_id=f"{nummer}-{i}"):
                        pass
                    if i % 2:  # a second write in the same transaction: it gets a part again
                        services.beveiligingsgebeurtenis_vastleggen(actie="inloggen", resultaat=Resultaat.GELUKT)
                if not i % 2:
                    services.beveiligingsgebeurtenis_vastleggen(actie="inloggen", resultaat=Resultaat.GELUKT)
        except Exception as fout:  # pragma: no cover - reported below
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=werk, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    rapport = services.controleer_integriteit()
    assert rapport.ok, rapport.als_tekst()
    assert rapport.keten(Keten.VERWERKINGEN).aantal == THREADS * PER_THREAD * 3
    assert rapport.keten(Keten.BEVEILIGING).aantal == THREADS * PER_THREAD * 2
    assert Verwerking.objects.values("operation_id").distinct().count() == THREADS * PER_THREAD
    assert set(Verwerking.objects.values_list("deel", flat=True)) <= set(range(1, delen + 1))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_takes_a_free_part_instead_of_waiting_for_a_held_one():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    vastgehouden, loslaten, fouten = threading.Event(), threading.Event(), []

    def houder():
        try:
            with transaction.atomic():
                with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A]):
                    pass
                vastgehouden.set()  # part 1 stays locked until this transaction ends
                loslaten.wait(timeout=30)
        except Exception as fout:  # pragma: no cover - reported below
            fouten.append(fout)
        finally:
            connections.close_all()

    draad = threading.Thread(target=houder)
    draad.start()
    try:
        assert vastgehouden.wait(timeout=30)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")  # waiting for part 1 would fail here
            with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_B]):
                pass
    finally:
        loslaten.set()
        draad.join()
    assert not fouten
    assert sorted(Verwerking.objects.values_list("deel", "volgnummer")) == [(1, 1), (2, 1)]
    assert Ketenkop.objects.get(log=Keten.VERWERKINGEN, deel=2).volgnummer == 1
    assert services.controleer_integriteit().ok
