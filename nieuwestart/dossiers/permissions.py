"""Who may see and change which dossier. The same predicates serve lists and single objects.

A consulent or teamleider works with the dossiers of their own team(s). Opening a dossier
of another team is possible only through the doorbreekfunctie (break-the-glass): the user
states a reason, which is logged and visible to the auditor, and the access lasts a working
day. Role checks per screen live in ``nieuwestart.toegang.regels``; views must not check
permissions any other way.
"""

from __future__ import annotations

from datetime import timedelta
from enum import Enum

from django.db import transaction
from django.utils import timezone

from nieuwestart.accounts.models import Rol
from nieuwestart.toegang.models import Doorbreking

from .models import Dossier

DOORBREKING_GELDIG = timedelta(hours=8)


class Toegang(Enum):
    EIGEN_TEAM = "eigen_team"
    DOORBROKEN = "doorbroken"
    DOORBREKEN_MOGELIJK = "doorbreken_mogelijk"
    GEEN = "geen"


def _team_ids(user) -> set[int]:
    if not hasattr(user, "_team_ids"):
        user._team_ids = set(user.teams.values_list("id", flat=True))
    return user._team_ids


def in_eigen_team(user, dossier) -> bool:
    """Whether the dossier belongs to one of the user's teams (the teams are read once per request)."""
    return dossier.team_id in _team_ids(user)


def werkt_met_dossiers(user) -> bool:
    return user.is_authenticated and (user.heeft_rol(Rol.CONSULENT) or user.heeft_rol(Rol.TEAMLEIDER))


def teams_voor_lijsten(user) -> set[int]:
    """The teams whose dossiers the user's lists and searches show: own teams only (break-the-glass is for
    single dossiers); none for a user who does not work with dossiers."""
    return _team_ids(user) if werkt_met_dossiers(user) else set()


def dossiers_voor_gebruiker(user):
    """Lists and searches: the dossiers of ``teams_voor_lijsten``."""
    teams = teams_voor_lijsten(user)
    return Dossier.objects.filter(team_id__in=teams) if teams else Dossier.objects.none()


def toegang_tot_dossier(user, dossier: Dossier, *, nu=None) -> Toegang:
    if not werkt_met_dossiers(user):
        return Toegang.GEEN
    if dossier.team_id in _team_ids(user):
        return Toegang.EIGEN_TEAM
    nu = nu or timezone.now()
    if Doorbreking.objects.filter(gebruiker=user, dossier=dossier, geldig_tot__gt=nu).exists():
        return Toegang.DOORBROKEN
    return Toegang.DOORBREKEN_MOGELIJK


def mag_dossier_bekijken(user, dossier: Dossier) -> bool:
    return toegang_tot_dossier(user, dossier) in (Toegang.EIGEN_TEAM, Toegang.DOORBROKEN)


def mag_dossier_wijzigen(user, dossier: Dossier) -> bool:
    return user.is_authenticated and user.heeft_rol(Rol.CONSULENT) and mag_dossier_bekijken(user, dossier)


def mag_aanmelden(user) -> bool:
    return user.is_authenticated and user.heeft_rol(Rol.CONSULENT) and bool(_team_ids(user))


def mag_instellingen_beheren(user) -> bool:
    return user.is_authenticated and user.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER)


@transaction.atomic
def dossier_doorbreken(*, user, dossier: Dossier, reden: str, nu=None) -> Doorbreking:
    """Grant this user access to a dossier outside their team for a working day."""
    if toegang_tot_dossier(user, dossier) is Toegang.GEEN:
        raise PermissionError("This user may not break the glass.")
    nu = nu or timezone.now()
    return Doorbreking.objects.create(
        gebruiker=user, dossier=dossier, reden=reden.strip(), gestart_op=nu, geldig_tot=nu + DOORBREKING_GELDIG
    )
