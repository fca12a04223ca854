"""Demo data for the API: one API-applicatie, so ``make run`` shows the API working at once."""

from __future__ import annotations

from nieuwestart.accounts.models import Rol, Team, User

from .models import ApiApplicatie, Scope
from .services import applicatie_aanmaken

DEMO_NAAM = "Klantportaal (demo)"


def demo_applicatie() -> str | None:
    """Create the demo application (acting as a consulent of Team Noord) and return its key; None if it exists."""
    if ApiApplicatie.objects.filter(naam=DEMO_NAAM).exists():
        return None
    beheerder = User.objects.filter(username="beheerder").first()
    teams = Team.objects.filter(naam="Team Noord")
    if beheerder is None or not teams.exists():
        return None
    sleutel = applicatie_aanmaken(
        naam=DEMO_NAAM, omschrijving="Laat inwoners de stand van hun dossier zien (demo)", rollen=[Rol.CONSULENT],
        teams=teams, scopes=[Scope.DOSSIERS_LEZEN, Scope.DOSSIERS_SCHRIJVEN], door=beheerder,
    )
    return sleutel.token
