from datetime import date

import pytest
from django.core.management import call_command

from nieuwestart.dossiers.models import Dossier
from nieuwestart.termijnen.models import ExtraFeestdag, Termijn

pytestmark = pytest.mark.django_db


def test_an_added_holiday_moves_stored_terms_after_the_nightly_refresh(maak_dossier):
    # 1 Sep 2026 + 8 weeks = Tuesday 27 Oct 2026.
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    assert Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK").einddatum == date(2026, 10, 27)
    ExtraFeestdag.objects.create(datum=date(2026, 10, 27), naam="Bevrijdingsdag-extra (fictief KB)")
    call_command("termijnen_bijwerken", "--alle", stdout=open("/dev/null", "w"))
    termijn = Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK")
    assert termijn.einddatum == date(2026, 10, 28)
    assert Dossier.objects.get(pk=dossier.pk).volgende_termijn_einddatum == date(2026, 10, 28)


def test_nightly_refresh_moves_on_from_a_closed_window_but_keeps_an_overdue_action(maak_dossier, consulent):
    from nieuwestart.dossiers import services
    from nieuwestart.dossiers.transitions import voer_transitie_uit

    # Plan made, so the next term is the 6-month window; it closes on 15 Mar 2027.
    venster = maak_dossier(achternaam="Venster", aanmelddatum=date(2026, 9, 1), vandaag=date(2026, 9, 20))
    services.verificatie_vastleggen(dossier=venster, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=date(2026, 9, 20))
    services.eerste_gesprek_vastleggen(dossier=venster, door=consulent, datum=date(2026, 9, 15), hulpvragen={"ZORG": "x"},
                                       acute_situatie=False, vandaag=date(2026, 9, 20))
    voer_transitie_uit(venster, "plan_vaststellen", door=consulent, datum=date(2026, 9, 20))
    te_laat = maak_dossier(achternaam="Telaat", aanmelddatum=date(2026, 9, 1))
    venster.refresh_from_db()
    assert venster.volgende_termijn_regel == "MATERIELE_VOORZIENINGEN"

    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=date(2027, 3, 20)):
        uit = __import__("io").StringIO()
        call_command("termijnen_bijwerken", stdout=uit)
    assert "1 dossiers bijgewerkt" in uit.getvalue()
    venster.refresh_from_db()
    assert venster.volgende_termijn_regel == "ALLE_BESLUITEN"
    assert Dossier.objects.get(pk=te_laat.pk).volgende_termijn_regel == "EERSTE_GESPREK"
