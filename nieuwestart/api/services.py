"""Managing API-applicaties: create (token shown once), renew the token, revoke."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from nieuwestart.accounts.models import Rol, User
from nieuwestart.common.rijen import Kolommen

from .models import ApiApplicatie, Scope

TOKEN_VOORVOEGSEL = "ns"
# Roles an application may act in. Managing settings or reading the audit logs stays in the screens.
API_ROLLEN = (Rol.CONSULENT, Rol.TEAMLEIDER, Rol.BELEIDSMEDEWERKER)


@dataclass(frozen=True)
class NieuweSleutel:
    applicatie: ApiApplicatie
    token: str  # shown once to the functioneel beheerder, never stored


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _nieuw_token() -> tuple[str, str]:
    prefix = secrets.token_hex(6)
    return prefix, f"{TOKEN_VOORVOEGSEL}_{prefix}_{secrets.token_urlsafe(32)}"


def prefix_van(token: str) -> str | None:
    delen = token.split("_", 2)
    if len(delen) != 3 or delen[0] != TOKEN_VOORVOEGSEL or len(delen[1]) != 12:
        return None
    return delen[1]


def applicatie_voor_token(token: str) -> ApiApplicatie | None:
    """The active application this token belongs to, else None (compared in constant time)."""
    prefix = prefix_van(token)
    if prefix is None:
        return None
    app = _applicatie_met_gebruiker(prefix)
    if app is None or not hmac.compare_digest(app.token_sha256, token_hash(token)):
        return None
    return app


_APPLICATIE, _GEBRUIKER = Kolommen(ApiApplicatie, "a"), Kolommen(User, "u")


def _applicatie_met_gebruiker(prefix: str) -> ApiApplicatie | None:
    """The active application with this prefix and its user, from one plain query: this runs on every API
    request, and building it with the ORM cost three times the query itself (``common.rijen``)."""
    q, a, u = connection.ops.quote_name, ApiApplicatie._meta, User._meta
    sql = (
        f"SELECT {_APPLICATIE.sql()}, {_GEBRUIKER.sql()} FROM {q(a.db_table)} a "
        f"JOIN {q(u.db_table)} u ON u.{q(u.pk.column)} = a.{q(a.get_field('gebruiker').column)} "
        f"WHERE a.{q(a.get_field('token_prefix').column)} = %s AND a.{q(a.get_field('actief').column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix, True])
        rij = cursor.fetchone()
    if rij is None:
        return None
    app, verder = _APPLICATIE.uit(rij, 0)
    app.gebruiker, _ = _GEBRUIKER.uit(rij, verder)
    return app


def gebruik_vastleggen(app: ApiApplicatie, *, nu=None) -> None:
    """'Last used' for the beheer screen, written at most once a minute (not a write per request)."""
    nu = nu or timezone.now()
    if app.laatst_gebruikt_op is None or (nu - app.laatst_gebruikt_op).total_seconds() > 60:
        ApiApplicatie.objects.filter(pk=app.pk).update(laatst_gebruikt_op=nu)
        app.laatst_gebruikt_op = nu


@transaction.atomic
def applicatie_aanmaken(*, naam: str, omschrijving: str = "", rollen, teams, scopes, door) -> NieuweSleutel:
    naam = naam.strip()
    basis = f"api-{slugify(naam)[:100] or 'applicatie'}"
    gebruikersnaam, n = basis, 1
    while User.objects.filter(username=gebruikersnaam).exists():
        n += 1
        gebruikersnaam = f"{basis}-{n}"
    gebruiker = User(username=gebruikersnaam, first_name=naam[:150])
    gebruiker.set_unusable_password()  # acts through its token only, never logs in to the screens
    gebruiker.save()
    gebruiker.groups.set(Group.objects.filter(name__in=[Rol(r).value for r in rollen if Rol(r) in API_ROLLEN]))
    gebruiker.teams.set(teams)
    prefix, token = _nieuw_token()
    app = ApiApplicatie.objects.create(
        naam=naam, omschrijving=omschrijving.strip(), gebruiker=gebruiker,
        scopes=sorted({Scope(s).value for s in scopes}), token_prefix=prefix, token_sha256=token_hash(token),
        aangemaakt_door=door,
    )
    return NieuweSleutel(app, token)


@transaction.atomic
def token_vernieuwen(*, applicatie: ApiApplicatie, nu=None) -> NieuweSleutel:
    """A new token; the old one stops working at once."""
    prefix, token = _nieuw_token()
    applicatie.token_prefix, applicatie.token_sha256 = prefix, token_hash(token)
    applicatie.token_vernieuwd_op = nu or timezone.now()
    applicatie.save(update_fields=["token_prefix", "token_sha256", "token_vernieuwd_op"])
    return NieuweSleutel(applicatie, token)


@transaction.atomic
def applicatie_intrekken(*, applicatie: ApiApplicatie) -> None:
    """Revoke: the token and the application's user stop working at once (kept for the logs)."""
    applicatie.actief = False
    applicatie.save(update_fields=["actief"])
    applicatie.gebruiker.is_active = False
    applicatie.gebruiker.save(update_fields=["is_active"])
