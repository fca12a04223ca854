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
