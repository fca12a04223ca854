"""The hash chains: written consecutively, verified, and tampering past the model layer is found."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from nieuwestart.logboek import services
from nieuwestart.logboek.keten import Fout
from nieuwestart.logboek.models import (
    GENESIS_HASH,
    Beveiligingsgebeurtenis,
    Keten,
    Ketenkop,
    Resultaat,
    Verwerking,
    Verwerkingsactiviteit,
)

from .conftest import BSN_A, BSN_B, BSN_C

pytestmark = pytest.mark.django_db


def _vul_logboeken(aantal=3):
    for i in range(aantal):
        with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A, BSN_B], object_type="dossier",
                                 object_id=f"NS-2026-00000{i}"):
            pass
        services.beveiligingsgebeurtenis_vastleggen(actie="inloggen", resultaat=Resultaat.GELUKT, actor_naam=f"gebruiker{i}")


def _sql(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_chain_is_consecutive_linked_and_verifies():
    _vul_logboeken(3)
    verwerkingen = list(Verwerking.objects.order_by("volgnummer"))
    assert [v.volgnummer for v in verwerkingen] == list(range(1, 7))
    assert verwerkingen[0].vorige_hash == GENESIS_HASH
    for vorige, volgende in zip(verwerkingen, verwerkingen[1:], strict=False):
        assert volgende.vorige_hash == vorige.hash
    gebeurtenissen = list(Beveiligingsgebeurtenis.objects.order_by("volgnummer"))
    assert [g.volgnummer for g in gebeurtenissen] == list(range(1, 7))
    kop = Ketenkop.objects.get(log=Keten.VERWERKINGEN, deel=1)
    assert (kop.volgnummer, kop.hash) == (6, verwerkingen[-1].hash)

    rapport = services.controleer_integriteit()
    assert rapport.ok
    assert rapport.keten(Keten.VERWERKINGEN).aantal == 6
    assert rapport.keten(Keten.BEVEILIGING).aantal == 6


def test_command_reports_intact_logs_and_exits_zero(capsys):
    _vul_logboeken(2)
    call_command("logboek_controleren")
    uit = capsys.readouterr().out
    assert "in orde (4 regels)" in uit
    assert "Alle logboeken zijn in orde." in uit


def test_changed_content_via_raw_sql_is_detected_with_its_volgnummer(capsys):
    _vul_logboeken(3)
    _sql("UPDATE logboek_verwerking SET object_id = %s WHERE volgnummer = %s", ["NS-2026-999999", 4])

    rapport = services.controleer_integriteit()
    keten = rapport.keten(Keten.VERWERKINGEN)
    assert not rapport.ok and not keten.ok
    assert (keten.eerste_fout, keten.soort_fout) == (4, Fout.GEWIJZIGD)
    assert rapport.keten(Keten.BEVEILIGING).ok

    with pytest.raises(CommandError) as fout:
        call_command("logboek_controleren", "--niet-vastleggen")
    assert fout.value.returncode == 1
    assert "volgnummer 4 (deel 1)" in str(fout.value)
    assert "Eerste gebroken volgnummer: 4 (deel 1)" in capsys.readouterr().out


def test_deleted_row_via_raw_sql_is_detected_as_a_gap(capsys):
    _vul_logboeken(3)
    _sql("DELETE FROM logboek_beveiligingsgebeurtenis WHERE volgnummer = %s", [2])

    keten = services.controleer_integriteit().keten(Keten.BEVEILIGING)
    assert (keten.eerste_fout, keten.soort_fout) == (2, Fout.ONTBREEKT)
    assert keten.aantal == 5

    with pytest.raises(CommandError) as fout:
        call_command("logboek_controleren")
    assert fout.value.returncode == 1
    assert "Beveiligingslogboek bij volgnummer 2" in str(fout.value)
    assert "Eerste gebroken volgnummer: 2" in capsys.readouterr().out


def test_removing_the_newest_rows_is_detected_through_the_chain_head():
    _vul_logboeken(3)
    _sql("DELETE FROM logboek_verwerking WHERE volgnummer >= %s", [5])
    keten = services.controleer_integriteit().keten(Keten.VERWERKINGEN)
    assert (keten.eerste_fout, keten.soort_fout) == (5, Fout.ONTBREEKT)


def test_a_row_replaced_with_a_recomputed_hash_breaks_the_next_link():
    from nieuwestart.logboek.keten import bereken_hash

    _vul_logboeken(3)
    regel = Verwerking.objects.get(volgnummer=2)
    waarden = {veld: getattr(regel, veld) for veld in Verwerking.KETEN_VELDEN}
    waarden["object_id"] = "NS-2026-VERVALST"
    nieuwe_hash = bereken_hash(Keten.VERWERKINGEN, waarden)
    _sql("UPDATE logboek_verwerking SET object_id = %s, hash = %s WHERE volgnummer = 2", ["NS-2026-VERVALST", nieuwe_hash])
    keten = services.controleer_integriteit().keten(Keten.VERWERKINGEN)
    assert (keten.eerste_fout, keten.soort_fout) == (3, Fout.SCHAKEL)


def test_logs_and_register_are_append_only_at_the_model_layer():
    _vul_logboeken(1)
    regel = Verwerking.objects.first()
    regel.naam = "iets anders"
    with pytest.raises(PermissionError):
        regel.save()
    with pytest.raises(PermissionError):
        regel.delete()
    with pytest.raises(PermissionError):
        Verwerking.objects.filter(pk=regel.pk).update(naam="x")
    with pytest.raises(PermissionError):
        Verwerking.objects.all().delete()
    with pytest.raises(PermissionError):
        Beveiligingsgebeurtenis.objects.update(reden="x")
    with pytest.raises(PermissionError):
        Beveiligingsgebeurtenis.objects.first().delete()
    activiteit = Verwerkingsactiviteit.objects.get(code="BREDE_ONDERSTEUNING", versie=1)
    activiteit.doel = "anders"
    with pytest.raises(PermissionError):
        activiteit.save()
    with pytest.raises(PermissionError):
        Verwerkingsactiviteit.objects.all().delete()
    assert services.controleer_integriteit().ok


def test_a_missing_chain_head_is_rebuilt_from_the_last_row():
    _vul_logboeken(1)
    _sql("DELETE FROM logboek_ketenkop")
    with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_C]):
        pass
    assert list(Verwerking.objects.order_by("volgnummer").values_list("volgnummer", flat=True)) == [1, 2, 3]
    assert services.controleer_integriteit().ok


# --- parts: each log is a few chains, each counting from 1 -------------------------------------

def _schrijf_in_deel(monkeypatch, deel):
    """Make every writer use part ``deel`` (on PostgreSQL a writer picks a free part itself)."""
    from nieuwestart.logboek import keten

    def vergrendelen():
        koppen = keten._deel_vergrendelen(deel)
        if len(koppen) < len(keten.ALLE_LOGS):
            keten.koppen_aanmaken(deel)
            koppen = keten._deel_vergrendelen(deel)
        return koppen

    monkeypatch.setattr(keten, "_koppen_vergrendelen", vergrendelen)


def _vul_delen(monkeypatch, per_deel: dict[int, int]):
    """``_vul_logboeken`` part by part: {deel: how many rounds}."""
    for deel, rondes in per_deel.items():
        _schrijf_in_deel(monkeypatch, deel)
        _vul_logboeken(rondes)


def test_lines_of_several_parts_each_count_from_one_and_verify(monkeypatch):
    _vul_delen(monkeypatch, {1: 2, 3: 2})

    per_deel = {}
    for deel, nr in Verwerking.objects.values_list("deel", "volgnummer"):
        per_deel.setdefault(deel, []).append(nr)
    assert per_deel == {1: [1, 2, 3, 4], 3: [1, 2, 3, 4]}
    eerste_van_deel_3 = Verwerking.objects.get(deel=3, volgnummer=1)
    assert eerste_van_deel_3.vorige_hash == GENESIS_HASH
    # the part is in the hash: the same line in part 1 hashes differently
    from nieuwestart.logboek.keten import bereken_hash

    waarden = {veld: getattr(eerste_van_deel_3, veld) for veld in Verwerking.KETEN_VELDEN}
    assert bereken_hash(Keten.VERWERKINGEN, {**waarden, "deel": 3}) == eerste_van_deel_3.hash
    assert bereken_hash(Keten.VERWERKINGEN, {**waarden, "deel": 1}) != eerste_van_deel_3.hash
    assert Ketenkop.objects.get(log=Keten.BEVEILIGING, deel=3).volgnummer == 4  # 2 operations + 2 logins

    rapport = services.controleer_integriteit()
    assert rapport.ok, rapport.als_tekst()
    assert rapport.keten(Keten.VERWERKINGEN).aantal == 8


def test_a_break_in_a_later_part_names_that_part(monkeypatch, capsys):
    _vul_delen(monkeypatch, {1: 2, 2: 2})
    _sql("DELETE FROM logboek_verwerking WHERE deel = 2 AND volgnummer = 2")

    keten = services.controleer_integriteit().keten(Keten.VERWERKINGEN)
    assert (keten.deel, keten.eerste_fout, keten.soort_fout) == (2, 2, Fout.ONTBREEKT)
    assert keten.plaats == "2 (deel 2)"
    with pytest.raises(CommandError) as fout:
        call_command("logboek_controleren", "--niet-vastleggen")
    assert "Logboek dataverwerkingen bij volgnummer 2 (deel 2)" in str(fout.value)


def test_a_line_moved_to_another_part_is_detected(monkeypatch):
    _vul_delen(monkeypatch, {1: 2, 2: 1})
    # the newest line of part 1 is renumbered into part 2, after its last line
    _sql("UPDATE logboek_verwerking SET deel = 2, volgnummer = 3 WHERE deel = 1 AND volgnummer = 4")

    keten = services.controleer_integriteit().keten(Keten.VERWERKINGEN)
    assert not keten.ok
    assert (keten.deel, keten.eerste_fout, keten.soort_fout) == (1, 4, Fout.ONTBREEKT)


def test_after_migrate_every_log_has_the_heads_of_all_parts():
    from nieuwestart.logboek.keten import aantal_delen

    for log in Keten.values:
        assert sorted(Ketenkop.objects.filter(log=log).values_list("deel", flat=True)) == list(
            range(1, aantal_delen() + 1))


def test_a_removed_part_is_detected_even_with_its_head(monkeypatch):
    from nieuwestart.logboek.keten import koppen_aanmaken

    koppen_aanmaken(3)
    _vul_delen(monkeypatch, {1: 1, 2: 1, 3: 1})
    assert services.controleer_integriteit().ok
    _sql("DELETE FROM logboek_verwerking WHERE deel = 2")
    _sql("DELETE FROM logboek_ketenkop WHERE deel = 2 AND log = %s", [Keten.VERWERKINGEN.value])

    rapport = services.controleer_integriteit()
    keten = rapport.keten(Keten.VERWERKINGEN)
    assert (keten.deel, keten.soort_fout) == (2, Fout.KOP)
    assert "Deel 2 van de keten heeft geen kop meer" in keten.uitleg
    assert rapport.keten(Keten.BEVEILIGING).ok


def test_a_part_whose_lines_were_all_removed_is_detected_through_its_head(monkeypatch):
    _vul_delen(monkeypatch, {1: 1, 2: 1})
    _sql("DELETE FROM logboek_beveiligingsgebeurtenis WHERE deel = 2")

    keten = services.controleer_integriteit().keten(Keten.BEVEILIGING)
    assert (keten.deel, keten.eerste_fout, keten.soort_fout) == (2, 1, Fout.ONTBREEKT)


@pytest.mark.parametrize("model", [Verwerking, Beveiligingsgebeurtenis])
def test_every_stored_field_is_covered_by_the_hash(model):
    # ``deel`` is in the hash through the chain's name (keten_naam), the other fields as pairs.
    opgeslagen = {f.attname for f in model._meta.concrete_fields} - {"id", "hash", "deel"}
    assert opgeslagen == set(model.KETEN_VELDEN)


# --- the batch serialisation is byte for byte the canonical one --------------------------------------

from datetime import UTC, datetime, timedelta, timezone  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nieuwestart.logboek.keten import MODELLEN, _Canoniek, bereken_hash  # noqa: E402

_WAARDEN = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63 - 1), st.text(max_size=40),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-9, minutes=-30))])),
)


@settings(max_examples=200, deadline=None)
@given(log=st.sampled_from(sorted(MODELLEN)), deel=st.integers(min_value=1, max_value=64),
       regels=st.lists(st.lists(_WAARDEN, min_size=15, max_size=15), min_size=1, max_size=4))
def test_the_batch_hash_equals_the_canonical_hash_for_any_values(log, deel, regels):
    canoniek = _Canoniek(log, deel)  # one memo for all lines, as when a page of persons is logged
    velden = MODELLEN[log].KETEN_VELDEN
    for waarden in regels:
        regel = dict(zip(velden, waarden))
        assert canoniek.hash(regel) == bereken_hash(log, {**regel, "deel": deel})
