"""Managing users: the functioneel beheerder creates accounts and assigns roles and teams.

A new account gets a one-time password, shown once to the beheerder; the user must set
their own password and enrol MFA at first login. Every change is in the security log.
Accounts are deactivated, never deleted: the logs keep pointing at them.
"""

from __future__ import annotations

import secrets
import string

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen

from .models import Rol, Team, User

_TEKENS = string.ascii_letters + string.digits


def tijdelijk_wachtwoord() -> str:
    return "-".join("".join(secrets.choice(_TEKENS) for _ in range(5)) for _ in range(4))


def _rollen_zetten(user: User, rollen) -> None:
    user.groups.set(Group.objects.filter(name__in=[Rol(r).value for r in rollen]))
    user.__dict__.pop("_rollen", None)


@transaction.atomic
def gebruiker_aanmaken(
    *, door, request=None, username: str, first_name: str, last_name: str, email: str, rollen, teams
) -> tuple[User, str]:
    wachtwoord = tijdelijk_wachtwoord()
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, moet_wachtwoord_wijzigen=True)
    validate_password(wachtwoord, user)
    user.set_password(wachtwoord)
    user.full_clean()
    user.save()
    _rollen_zetten(user, rollen)
    user.teams.set(teams)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="gebruiker_aangemaakt", resultaat="GELUKT", actor=door, object_type="gebruiker",
        object_id=f"{username} rollen={','.join(sorted(rollen))}",
    )
    return user, wachtwoord


@transaction.atomic
def gebruiker_wijzigen(*, door, request=None, user: User, rollen, teams, is_active: bool) -> User:
    voor = (sorted(user.rollen), sorted(user.teams.values_list("naam", flat=True)), user.is_active)
    _rollen_zetten(user, rollen)
    user.teams.set(teams)
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    na = (sorted(Rol(r).value for r in rollen), sorted(t.naam for t in teams), is_active)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="gebruiker_gewijzigd", resultaat="GELUKT", actor=door, object_type="gebruiker",
        object_id=f"{user.username}: {voor} -> {na}",
    )
    return user


@transaction.atomic
def wachtwoord_resetten(*, door, request=None, user: User) -> str:
    wachtwoord = tijdelijk_wachtwoord()
    user.set_password(wachtwoord)
    user.moet_wachtwoord_wijzigen = True
    user.save(update_fields=["password", "moet_wachtwoord_wijzigen"])
    beveiligingsgebeurtenis_vastleggen(
        request, actie="wachtwoord_gereset", resultaat="GELUKT", actor=door, object_type="gebruiker", object_id=user.username,
    )
    return wachtwoord


def alle_teams():
    return Team.objects.all()


@transaction.atomic
def mfa_resetten(*, door, request=None, user: User) -> None:
    """Lost phone: remove the user's app and recovery codes; they link a new app at the next login.

    Check the person's identity first: until then a password alone would be enough.
    """
    from django_otp import devices_for_user

    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
    beveiligingsgebeurtenis_vastleggen(
        request, actie="mfa_gereset", resultaat="GELUKT", actor=door, object_type="gebruiker", object_id=user.username,
    )
