"""The dossier list's own formatting gives what the serializer it stands in for gives."""

from datetime import UTC, datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

from django.utils import timezone
from hypothesis import given, strategies as st
from rest_framework import serializers

from nieuwestart.api.serializers import _tijdstip

ZONES = st.sampled_from([UTC, ZoneInfo("Europe/Amsterdam"), dt_timezone(timedelta(hours=-5)), ZoneInfo("Asia/Kolkata")])


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=ZONES),
    weergave=st.sampled_from(["Europe/Amsterdam", "UTC", "America/New_York"]),
)
def test_a_timestamp_reads_as_drf_writes_it_in_every_zone(moment, weergave):
    with timezone.override(ZoneInfo(weergave)):
        assert _tijdstip(moment, timezone.get_current_timezone()) == serializers.DateTimeField().to_representation(moment)


def test_no_timestamp_and_a_naive_one_go_the_serializers_way():
    assert _tijdstip(None, UTC) is None
    naief = datetime(2026, 3, 29, 2, 30)  # does not exist in Amsterdam: the serializer decides what that gives
    with timezone.override(ZoneInfo("UTC")):
        assert _tijdstip(naief, UTC) == serializers.DateTimeField().to_representation(naief)
