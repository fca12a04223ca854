"""Template context every page needs: the municipality's name and the menu for this user."""

from nieuwestart.accounts.models import Rol
from nieuwestart.instellingen.selectors import gemeente_instellingen


def navigatie(request):
    user = getattr(request, "user", None)
    ingelogd = bool(user and user.is_authenticated)
    return {
        "gemeente": gemeente_instellingen() if ingelogd else None,
        "toon_beheer": ingelogd and user.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER),
        "toon_audit": ingelogd and user.heeft_rol(Rol.AUDITOR),
        "toon_rapportages": ingelogd and (user.heeft_rol(Rol.BELEIDSMEDEWERKER) or user.heeft_rol(Rol.TEAMLEIDER)),
        "toon_werkvoorraad": ingelogd and (user.heeft_rol(Rol.CONSULENT) or user.heeft_rol(Rol.TEAMLEIDER)),
    }
