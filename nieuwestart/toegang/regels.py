"""The one authorization layer: which role may use which screen, endpoint, export or document.

Every view carries exactly one ``Toegangsregel`` (set with ``@vereist`` or ``@openbaar``);
the permission-matrix test enumerates all URL patterns and fails when one has none.
Object-level access to a dossier (own team, or break-the-glass with a reason) is decided
by ``nieuwestart.dossiers.permissions`` and used through ``vereist``-protected views only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Rol


@dataclass(frozen=True)
class Toegangsregel:
    code: str
    omschrijving: str
    # None: every logged-in user; empty frozenset with openbaar=True: also anonymous users.
    rollen: frozenset[Rol] | None
    openbaar: bool = False

    def staat_toe(self, user) -> bool:
        if self.openbaar:
            return True
        if not user.is_authenticated:
            return False
        if self.rollen is None:
            return True
        return any(user.heeft_rol(rol) for rol in self.rollen)


OPENBAAR = Toegangsregel("OPENBAAR", _("Iedereen, ook zonder in te loggen"), frozenset(), openbaar=True)
INGELOGD = Toegangsregel("INGELOGD", _("Iedereen die is ingelogd"), None)
DOSSIERS_LEZEN = Toegangsregel(
    "DOSSIERS_LEZEN", _("Dossiers bekijken (consulent, teamleider)"), frozenset({Rol.CONSULENT, Rol.TEAMLEIDER})
)
DOSSIERS_WIJZIGEN = Toegangsregel("DOSSIERS_WIJZIGEN", _("Dossiers wijzigen (consulent)"), frozenset({Rol.CONSULENT}))
INSTELLINGEN_BEHEREN = Toegangsregel(
    "INSTELLINGEN_BEHEREN", _("Instellingen, gebruikers en registers beheren (functioneel beheerder)"),
    frozenset({Rol.FUNCTIONEEL_BEHEERDER}),
)
LOGBOEK_INZIEN = Toegangsregel(
    "LOGBOEK_INZIEN", _("Logboeken, doorbrekingen en bewaartermijnen (auditor / FG)"), frozenset({Rol.AUDITOR})
)
# Portal files are the municipality's intake, not one team's: new persons are assigned to a team
# by the rule the functioneel beheerder sets, so the importer works for every team.
PORTAALBESTANDEN_INLEZEN = Toegangsregel(
    "PORTAALBESTANDEN_INLEZEN", _("Bestanden uit het Gegevensportaal inlezen en de kindverificatie uitwisselen"),
    frozenset({Rol.CONSULENT, Rol.TEAMLEIDER}),
)
RAPPORTAGES_LEZEN = Toegangsregel(
    "RAPPORTAGES_LEZEN", _("Geaggregeerde rapportages zonder persoonsgegevens"),
    frozenset({Rol.BELEIDSMEDEWERKER, Rol.TEAMLEIDER}),
)

# Transfer between municipalities (nieuwestart.overdracht): a whole dossier with personal data leaves or
# enters the municipality, so only the people who work on dossiers, for a dossier of their own team
# (export goes through dossier_view) or into one of their own teams (import).
OVERDRACHT_EXPORTEREN = Toegangsregel(
    "OVERDRACHT_EXPORTEREN", _("Een dossier overdragen aan een andere gemeente (consulent, teamleider)"),
    frozenset({Rol.CONSULENT, Rol.TEAMLEIDER}),
)
OVERDRACHT_INLEZEN = Toegangsregel(
    "OVERDRACHT_INLEZEN", _("Een overdrachtspakket van een andere gemeente inlezen (consulent, teamleider)"),
    frozenset({Rol.CONSULENT, Rol.TEAMLEIDER}),
)

ALLE_REGELS = (
    OPENBAAR, INGELOGD, DOSSIERS_LEZEN, DOSSIERS_WIJZIGEN, PORTAALBESTANDEN_INLEZEN, INSTELLINGEN_BEHEREN,
    LOGBOEK_INZIEN, RAPPORTAGES_LEZEN, OVERDRACHT_EXPORTEREN, OVERDRACHT_INLEZEN,
)


def vereist(regel: Toegangsregel):
    """Protect a function view with one rule; 403 (or the login page) otherwise."""

    def decorator(view):
        @wraps(view)
        def beschermd(request, *args, **kwargs):
            if not regel.staat_toe(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        beschermd.toegangsregel = regel
        return login_not_required(beschermd) if regel.openbaar else beschermd

    return decorator


openbaar = vereist(OPENBAAR)


def regel_van(view) -> Toegangsregel | None:
    """The rule a resolved view carries (class-based views via ``view_class``)."""
    regel = getattr(view, "toegangsregel", None)
    if regel is None and hasattr(view, "view_class"):
        regel = getattr(view.view_class, "toegangsregel", None)
    return regel


# Issue 7: the controller (beleidsmedewerker) books organisation costs, collective initiatives, UHT
# counts and closes a SiSa year; no personal data. Equal treatment per consulent is the teamleider's.
FINANCIEN_BEHEREN = Toegangsregel(
    "FINANCIEN_BEHEREN", _("Organisatiekosten, collectieve initiatieven, UHT-tellingen en SiSa-jaarafsluiting"),
    frozenset({Rol.BELEIDSMEDEWERKER}),
)
GELIJKE_BEHANDELING = Toegangsregel(
    "GELIJKE_BEHANDELING", _("Gelijke behandeling per consulent in de eigen teams (teamleider)"),
    frozenset({Rol.TEAMLEIDER}),
)
ALLE_REGELS = ALLE_REGELS + (FINANCIEN_BEHEREN, GELIJKE_BEHANDELING)
