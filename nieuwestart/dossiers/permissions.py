"""Who may see and change which dossier. The same predicates serve lists and single objects.

A consulent or teamleider works with the dossiers of their own team(s). The access-
control issue adds break-the-glass access and logging on top of these functions; views
must not check permissions any other way.
"""

from nieuwestart.accounts.models import Rol

from .models import Dossier


def _team_ids(user) -> set[int]:
    if not hasattr(user, "_team_ids"):
        user._team_ids = set(user.teams.values_list("id", flat=True))
    return user._team_ids


def werkt_met_dossiers(user) -> bool:
    return user.is_authenticated and (user.heeft_rol(Rol.CONSULENT) or user.heeft_rol(Rol.TEAMLEIDER))


def dossiers_voor_gebruiker(user):
    if not werkt_met_dossiers(user):
        return Dossier.objects.none()
    return Dossier.objects.filter(team_id__in=_team_ids(user))


def mag_dossier_bekijken(user, dossier: Dossier) -> bool:
    return werkt_met_dossiers(user) and dossier.team_id in _team_ids(user)


def mag_dossier_wijzigen(user, dossier: Dossier) -> bool:
    return user.is_authenticated and user.heeft_rol(Rol.CONSULENT) and dossier.team_id in _team_ids(user)


def mag_aanmelden(user) -> bool:
    return user.is_authenticated and user.heeft_rol(Rol.CONSULENT) and bool(_team_ids(user))


def mag_instellingen_beheren(user) -> bool:
    return user.is_authenticated and user.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER)
