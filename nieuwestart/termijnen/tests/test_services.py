"""Reading stored terms: a missing cache row is rebuilt from the events, the same way for every reader."""

from datetime import date

import pytest

from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.services import opgeslagen_termijnen

pytestmark = pytest.mark.django_db


def test_a_term_missing_from_the_cache_is_rebuilt_from_the_events(maak_dossier):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    bewaard = Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK").einddatum
    Termijn.objects.filter(dossier=dossier).delete()  # as a bulk path that wrote events only
    [rij] = opgeslagen_termijnen(dossier.pk, ["EERSTE_GESPREK"])
    assert rij.einddatum == bewaard == date(2026, 10, 27)


def test_a_term_the_events_do_not_start_stays_missing(maak_dossier):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    assert opgeslagen_termijnen(dossier, ["PLAN_VAN_AANPAK"]) == []
