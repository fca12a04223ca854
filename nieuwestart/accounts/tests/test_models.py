"""The user's roles and teams, read in one query for the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nieuwestart.accounts.models import Rol, Team, User
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.permissions import _team_ids

pytestmark = pytest.mark.django_db


def test_roles_and_teams_in_one_query_are_what_the_separate_reads_give(team, ander_team):
    Team.objects.create(naam="Team Oost")  # not hers
    gebruiker = maak_gebruiker("twee_rollen", Rol.CONSULENT, Rol.TEAMLEIDER, teams=[team, ander_team])
    vers = User.objects.get(pk=gebruiker.pk)
    with CaptureQueriesContext(connection) as queries:
        vers.rollen_en_teams_laden()
    assert len(queries) == 1
    los = User.objects.get(pk=gebruiker.pk)
    assert vers.rollen == los.rollen == {Rol.CONSULENT.value, Rol.TEAMLEIDER.value}
    assert _team_ids(vers) == _team_ids(los) == {team.pk, ander_team.pk}


def test_a_user_without_roles_or_teams_gets_empty_sets(db):
    gebruiker = User.objects.create(username="niemand")
    gebruiker.rollen_en_teams_laden()
    assert gebruiker.rollen == frozenset() and _team_ids(gebruiker) == set()
