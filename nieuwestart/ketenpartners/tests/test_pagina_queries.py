"""The dossier page's chain-partner and transfer sections cost a fixed number of queries, however many
driegesprekken, referrals and contacts a dossier has (the dossier page must stay fast: docs/performance.md)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nieuwestart.ketenpartners import services

VANDAAG = date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def _queries(client, dossier) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_sections_take_a_fixed_number_of_queries(client, maak_dossier, consulent):
    dossier = maak_dossier()
    client.force_login(consulent)
    services.verwijzing_maken(dossier=dossier, door=consulent, partner="OT_BUITENLAND", datum=VANDAAG, reden="x", vandaag=VANDAAG)
    services.driegesprek_aanvragen(dossier=dossier, door=consulent, initiatief="UHT", aangevraagd_op=VANDAAG, onderwerpen="x", vandaag=VANDAAG)
    _queries(client, dossier)  # warm caches (session, settings)
    weinig = _queries(client, dossier)
    for i in range(8):
        v = services.verwijzing_maken(dossier=dossier, door=consulent, partner="SBN", datum=VANDAAG, reden=f"r{i}", vandaag=VANDAAG)
        services.contact_vastleggen(verwijzing=v, door=consulent, datum=VANDAAG, kanaal="EMAIL", verslag="c", vandaag=VANDAAG)
        services.driegesprek_aanvragen(dossier=dossier, door=consulent, initiatief="GEMEENTE", aangevraagd_op=VANDAAG - timedelta(days=i),
                                       onderwerpen="x", vandaag=VANDAAG)
    assert _queries(client, dossier) == weinig
