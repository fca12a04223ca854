"""Creating meldingen and marking them read.

Who is told (``ontvangers_per_dossier``): the dossier's behandelaar while they are an active
member of the dossier's team; otherwise the teamleider(s) of that team. Never anyone outside
the dossier's team, so a melding never points someone to a dossier they may not open.
``melden`` works in bulk (a portal import tells about thousands of dossiers at once with a
fixed number of queries) and writes in the caller's transaction: a rolled-back import leaves
no meldingen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from nieuwestart.accounts.models import Rol
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis

from .models import Melding, MeldingSoort

__all__ = ["TeMelden", "als_gelezen_markeren", "melden", "ontvangers_per_dossier", "uht_niet_erkend_tekst"]


@dataclass(frozen=True)
class TeMelden:
    """One thing to tell about one dossier (``dossier`` needs ``pk``, ``team_id`` and ``behandelaar_id``)."""

    dossier: Dossier
    soort: MeldingSoort
    tekst: str
    gebeurtenis: DossierGebeurtenis | None = None


def ontvangers_per_dossier(dossiers: Iterable[Dossier]) -> dict[int, list[int]]:
    """Dossier id -> ids of the users to tell (empty when the team has nobody to tell). One query."""
    dossiers = list(dossiers)
    team_ids = {d.team_id for d in dossiers}
    werkt_in_team: dict[int, set[int]] = defaultdict(set)  # team -> active users who work with dossiers
    teamleiders: dict[int, set[int]] = defaultdict(set)
    if team_ids:
        lidmaatschap = get_user_model().teams.through.objects.filter(
            team_id__in=team_ids, user__is_active=True,
            user__groups__name__in=[Rol.CONSULENT.value, Rol.TEAMLEIDER.value],
        )
        for team_id, user_id, rol in lidmaatschap.values_list("team_id", "user_id", "user__groups__name"):
            werkt_in_team[team_id].add(user_id)
            if rol == Rol.TEAMLEIDER.value:
                teamleiders[team_id].add(user_id)
    uit: dict[int, list[int]] = {}
    for d in dossiers:
        if d.behandelaar_id is not None and d.behandelaar_id in werkt_in_team[d.team_id]:
            uit[d.pk] = [d.behandelaar_id]
        else:
            uit[d.pk] = sorted(teamleiders[d.team_id])
    return uit


def melden(te_melden: Iterable[TeMelden], *, nu: datetime | None = None) -> list[Melding]:
    """Create the meldingen for these dossiers (see the module text for who gets them)."""
    te_melden = list(te_melden)
    if not te_melden:
        return []
    nu = nu or timezone.now()
    ontvangers = ontvangers_per_dossier({t.dossier.pk: t.dossier for t in te_melden}.values())
    return Melding.objects.bulk_create(
        [
            Melding(
                ontvanger_id=ontvanger_id, dossier_id=t.dossier.pk, gebeurtenis=t.gebeurtenis, soort=t.soort,
                tekst=t.tekst, aangemaakt_op=nu,
            )
            for t in te_melden
            for ontvanger_id in ontvangers[t.dossier.pk]
        ],
        batch_size=1000,
    )


def als_gelezen_markeren(*, melding_id: int, gebruiker, nu: datetime | None = None) -> bool:
    """Mark one of the user's own meldingen read; False when it was read already.

    Raises ``Melding.DoesNotExist`` for a melding that is not the user's.
    """
    eigen = Melding.objects.filter(pk=melding_id, ontvanger=gebruiker)
    if eigen.filter(gelezen_op__isnull=True).update(gelezen_op=nu or timezone.now()):
        return True
    if not eigen.exists():
        raise Melding.DoesNotExist
    return False


# --- Texts per kind: plain Dutch, the dossier number but never a BSN or a name -----------


def uht_niet_erkend_tekst(*, dossiernummer: str, afbouw_tot: date | None) -> str:
    tekst = _("UHT heeft de aanvrager in dossier %(nummer)s niet erkend.") % {"nummer": dossiernummer}
    if afbouw_tot is None:
        # The wind-down term is not running (e.g. UHT recognised the person on a later date).
        return tekst + " " + _("Bekijk het dossier en bespreek welke hulp nodig is.")
    return tekst + " " + _("De afbouw loopt tot %(datum)s. Bespreek welke hulp daarna nodig is.") % {
        "datum": afbouw_tot.strftime("%d-%m-%Y")
    }
