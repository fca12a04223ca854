"""verwerking(), audit events, the keyed BSN hash, trace context and failures in transactions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.signals import request_finished
from django.db import connection, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nieuwestart.logboek import services
from nieuwestart.logboek.apps import _na_request
from nieuwestart.logboek.herkomst import lees_traceparent
from nieuwestart.logboek.models import Beveiligingsgebeurtenis, Resultaat, Status, Verwerking, Verwerkingsactiviteit

from .conftest import BSN_A, BSN_B, BSN_C

pytestmark = pytest.mark.django_db

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.fixture
def verzoek(consulent):
    request = RequestFactory().get("/dossiers/1/", HTTP_USER_AGENT="Testbrowser/1.0", REMOTE_ADDR="10.1.2.3")
    request.user = consulent
    return request


def test_three_data_subjects_give_three_lines_one_audit_row_and_one_operation_id(verzoek, consulent):
    with services.verwerking(
        verzoek, naam="dossier_bekijken", betrokkenen=[BSN_A, BSN_B, BSN_C, "123 456 782"],
        object_type="dossier", object_id="NS-2026-000001",
    ) as v:
        assert v.aantal_betrokkenen == 3  # the same BSN typed differently counts once

    regels = list(Verwerking.objects.all())
    assert len(regels) == 3
    assert {r.betrokkene_hash for r in regels} == {services.betrokkene_hash(b) for b in (BSN_A, BSN_B, BSN_C)}
    assert {r.status for r in regels} == {Status.OK}
    assert len({r.operation_id for r in regels}) == 1
    assert all(len(r.operation_id) == 16 and len(r.trace_id) == 32 for r in regels)
    assert all(r.activiteit.code == "BREDE_ONDERSTEUNING" and r.activiteit.versie == 1 for r in regels)
    assert all(r.gestart_op <= r.beeindigd_op for r in regels)

    audit = Beveiligingsgebeurtenis.objects.get()
    assert audit.operation_id == regels[0].operation_id
    assert (audit.actie, audit.resultaat) == ("dossier_bekijken", Resultaat.GELUKT)
    assert audit.actor == consulent and audit.actor_naam == "Sanne de Vries (consulent)"
    assert (audit.herkomst_ip, audit.client) == ("10.1.2.3", "Testbrowser/1.0")
    assert (audit.object_type, audit.object_id) == ("dossier", "NS-2026-000001")


def test_data_subjects_found_during_the_work_can_be_added(verzoek):
    with services.verwerking(verzoek, naam="export", betrokkenen=[]) as v:
        v.betrokkenen_toevoegen([BSN_A, BSN_B])
        v.betrokkene_toevoegen(BSN_A)
    assert Verwerking.objects.count() == 2


def test_an_exception_in_the_block_is_logged_as_error_and_reraised(verzoek):
    with pytest.raises(ValueError):
        with services.verwerking(verzoek, naam="dossier_wijzigen", betrokkenen=[BSN_A, BSN_B], actie="plan_opslaan"):
            raise ValueError("kapot")
    assert set(Verwerking.objects.values_list("status", flat=True)) == {Status.ERROR}
    assert Verwerking.objects.count() == 2
    audit = Beveiligingsgebeurtenis.objects.get()
    assert (audit.actie, audit.resultaat) == ("plan_opslaan", Resultaat.MISLUKT)
    assert services.controleer_integriteit().ok


def test_a_refusal_in_the_block_is_logged_as_geweigerd(verzoek):
    with pytest.raises(PermissionDenied):
        with services.verwerking(verzoek, naam="dossier_bekijken", betrokkenen=[BSN_A]):
            raise PermissionDenied
    assert Beveiligingsgebeurtenis.objects.get().resultaat == Resultaat.GEWEIGERD
    assert Verwerking.objects.get().status == Status.ERROR


def test_the_plain_bsn_never_appears_in_any_column(verzoek, consulent):
    with services.verwerking(verzoek, naam="dossier_bekijken", betrokkenen=[BSN_A], object_id=BSN_A,
                             reden=f"Gebeld over {BSN_A}"):
        pass
    with pytest.raises(RuntimeError):
        with services.verwerking(verzoek, naam="dossier_bekijken", betrokkenen=[BSN_B]):
            raise RuntimeError(BSN_B)
    services.beveiligingsgebeurtenis_vastleggen(verzoek, actie="dossier_doorbreken", resultaat=Resultaat.GELUKT,
                                               reden=f"Spoed, BSN {BSN_C}")
    alle_waarden = [
        str(w) for model in (Verwerking, Beveiligingsgebeurtenis) for rij in model.objects.values_list() for w in rij
    ]
    assert alle_waarden
    for bsn in (BSN_A, BSN_B, BSN_C):
        assert not any(bsn in w for w in alle_waarden), bsn
    assert "[BSN]" in Beveiligingsgebeurtenis.objects.get(actie="dossier_doorbreken").reden


def test_betrokkene_hash_is_keyed_and_normalised():
    h = services.betrokkene_hash(BSN_A)
    assert len(h) == 64 and BSN_A not in h
    assert services.betrokkene_hash(" 123.456.782 ") == h
    assert services.betrokkene_hash(BSN_B) != h
    with override_settings(NS_LOGBOEK_SLEUTEL="een-andere-sleutel-van-de-gemeente"):
        assert services.betrokkene_hash(BSN_A) != h
    with override_settings(NS_LOGBOEK_SLEUTEL="nieuw", NS_LOGBOEK_VORIGE_SLEUTELS=["oud"]):
        nieuw = services.betrokkene_hash(BSN_A)
        with override_settings(NS_LOGBOEK_SLEUTEL="oud"):
            oud = services.betrokkene_hash(BSN_A)
        assert services.betrokkene_hashes(BSN_A) == [nieuw, oud]


def test_a_valid_traceparent_header_is_reused_for_every_operation_in_the_request(consulent):
    request = RequestFactory().get("/", HTTP_TRACEPARENT=TRACEPARENT)
    request.user = consulent
    for _ in range(2):
        with services.verwerking(request, naam="dossier_bekijken", betrokkenen=[BSN_A]):
            pass
    regels = list(Verwerking.objects.all())
    assert {r.trace_id for r in regels} == {"4bf92f3577b34da6a3ce929d0e0e4736"}
    assert {r.bovenliggende_operation_id for r in regels} == {"00f067aa0ba902b7"}
    assert len({r.operation_id for r in regels}) == 2
    assert Beveiligingsgebeurtenis.objects.filter(trace_id="4bf92f3577b34da6a3ce929d0e0e4736").count() == 2


def test_without_a_valid_traceparent_one_trace_id_is_made_per_request(consulent):
    request = RequestFactory().get("/", HTTP_TRACEPARENT="00-00000000000000000000000000000000-00f067aa0ba902b7-01")
    request.user = consulent
    for _ in range(2):
        with services.verwerking(request, naam="dossier_bekijken", betrokkenen=[BSN_A]):
            pass
    services.beveiligingsgebeurtenis_vastleggen(request, actie="iets", resultaat=Resultaat.GELUKT)
    trace_ids = set(Verwerking.objects.values_list("trace_id", flat=True))
    assert len(trace_ids) == 1 and "0" * 32 not in trace_ids
    assert set(Beveiligingsgebeurtenis.objects.values_list("trace_id", flat=True)) == trace_ids


@pytest.mark.parametrize("waarde", [
    "", "nonsense", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
    "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
])
def test_invalid_traceparent_values_are_ignored(waarde):
    assert lees_traceparent(waarde) is None


def test_x_forwarded_for_is_used_only_behind_a_trusted_proxy(consulent):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    request.user = consulent
    services.beveiligingsgebeurtenis_vastleggen(request, actie="a", resultaat=Resultaat.GELUKT)
    with override_settings(NS_VERTROUW_PROXY=True):
        services.beveiligingsgebeurtenis_vastleggen(request, actie="b", resultaat=Resultaat.GELUKT)
    assert dict(Beveiligingsgebeurtenis.objects.values_list("actie", "herkomst_ip")) == {"a": "10.0.0.1", "b": "192.0.2.7"}


def test_audit_only_event_without_request(beheerder):
    gebeurtenis = services.beveiligingsgebeurtenis_vastleggen(
        actie="gebruiker_aangemaakt", resultaat=Resultaat.GELUKT, object_type="gebruiker", object_id="42", actor=beheerder,
    )
    assert gebeurtenis.volgnummer == 1 and gebeurtenis.actor == beheerder
    assert not Verwerking.objects.exists()
    with pytest.raises(ValueError):
        services.beveiligingsgebeurtenis_vastleggen(actie="x", resultaat="MISSCHIEN")


def test_unknown_activity_fails_before_the_work_starts(verzoek):
    uitgevoerd = []
    with pytest.raises(LookupError):
        with services.verwerking(verzoek, naam="x", betrokkenen=[BSN_A], activiteit="BESTAAT_NIET"):
            uitgevoerd.append(True)
    assert not uitgevoerd


def test_the_version_in_force_is_used(verzoek, beheerder):
    v2 = services.activiteit_versie_toevoegen(code="BREDE_ONDERSTEUNING", door=beheerder, **_velden(timezone.localdate()))
    services.activiteit_versie_toevoegen(
        code="BREDE_ONDERSTEUNING", door=beheerder, **_velden(timezone.localdate() + timedelta(days=30))
    )
    with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A]):
        pass
    assert Verwerking.objects.get().activiteit == v2


def _velden(geldig_vanaf):
    v1 = Verwerkingsactiviteit.objects.get(code="BREDE_ONDERSTEUNING", versie=1)
    velden = {veld: getattr(v1, veld) for veld in services.REGISTER_VELDEN}
    velden["geldig_vanaf"] = geldig_vanaf
    return velden


def test_work_and_lines_commit_together_inside_a_transaction(verzoek):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            with services.verwerking(verzoek, naam="dossier_bekijken", betrokkenen=[BSN_A]):
                pass
            raise RuntimeError("iets anders gaat mis na de verwerking")
    # The operation itself succeeded but its transaction did not: no line (nothing was committed).
    assert not Verwerking.objects.exists()


def test_a_failure_survives_the_rollback_of_the_surrounding_transaction(verzoek):
    with pytest.raises(ValueError):
        with transaction.atomic():
            with services.verwerking(verzoek, naam="dossier_wijzigen", betrokkenen=[BSN_A, BSN_B]):
                services.beveiligingsgebeurtenis_vastleggen(verzoek, actie="deelstap", resultaat=Resultaat.GELUKT)
                raise ValueError("regel overtreden")
    # The surrounding transaction took the ERROR lines with it ...
    assert not Verwerking.objects.exists()
    # ... and at the end of the request they are written again, outside it. (The receiver is
    # called directly: sending request_finished would also close the test's DB connection.)
    assert any(r[0][0] == "logboek_na_request" for r in request_finished.receivers)
    _na_request(sender=None)
    assert list(Verwerking.objects.values_list("status", flat=True)) == [Status.ERROR, Status.ERROR]
    audit = Beveiligingsgebeurtenis.objects.get()
    assert (audit.actie, audit.resultaat) == ("dossier_wijzigen", Resultaat.MISLUKT)  # the rolled-back 'deelstap' is gone
    assert services.controleer_integriteit().ok
    assert services.openstaande_regels_vastleggen() == 0  # written once


def test_a_caught_failure_inside_a_committed_transaction_is_written_once(verzoek):
    with transaction.atomic():
        try:
            with services.verwerking(verzoek, naam="dossier_wijzigen", betrokkenen=[BSN_A]):
                raise ValueError
        except ValueError:
            pass
        assert services.openstaande_regels_vastleggen() == 0  # transaction still open: nothing to do
    assert services.openstaande_regels_vastleggen() == 0
    assert Verwerking.objects.get().status == Status.ERROR
    assert Beveiligingsgebeurtenis.objects.count() == 1


def test_work_of_a_failed_block_is_rolled_back_inside_a_transaction(verzoek, beheerder):
    with transaction.atomic():
        try:
            with services.verwerking(verzoek, naam="x", betrokkenen=[BSN_A]):
                services.beveiligingsgebeurtenis_vastleggen(verzoek, actie="binnen_het_blok", resultaat=Resultaat.GELUKT)
                raise ValueError
        except ValueError:
            pass
    assert list(Beveiligingsgebeurtenis.objects.values_list("actie", flat=True)) == ["x"]


def test_the_number_of_queries_does_not_grow_with_the_number_of_data_subjects(consulent):
    def tel(bsns):
        request = RequestFactory().get("/")
        request.user = consulent
        with CaptureQueriesContext(connection) as queries:
            with services.verwerking(request, naam="export", betrokkenen=bsns):
                pass
        return len([q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])

    from nieuwestart.conftest import BsnBron

    bron = BsnBron()
    een = tel([bron()])
    vijftig = tel([bron() for _ in range(50)])
    assert een == vijftig
    assert een <= 5  # register, lock the chain heads, two inserts, move the heads
    assert Verwerking.objects.count() == 51
