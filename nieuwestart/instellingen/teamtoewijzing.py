"""Which team a new registration from a portal file goes to: the rule the functioneel beheerder sets.

Use, once per import::

    with transaction.atomic():
        toewijzer = teamtoewijzer(standaard_team=team_van_de_inlezer)
        for rij in rijen:
            team = toewijzer.team_voor(postcode=rij.postcode)
            ...
        toewijzer.opslaan()

``teamtoewijzer`` reads the rule once (one query; two for POSTCODE, three for ROUND_ROBIN);
``team_voor`` never queries (a bisect over the sorted postcode areas, or an in-memory turn
counter), so it is cheap enough for 100,000 rows. ``uitleg`` is one Dutch sentence describing the
rule in force, for the preview screen.

The rule (see ``models.Toewijzingswijze``):

* STANDAARD (the default, also when nothing was ever configured): every registration goes to
  ``standaard_team``, the team of whoever imports the file;
* VAST: every registration goes to one chosen team;
* POSTCODE: the team of the area whose ``van``–``tot`` (inclusive) holds the postcode's 4-digit
  number part; the fallback team (``vangnet``) for a postcode outside every area, a missing or an
  unreadable postcode;
* ROUND_ROBIN: the chosen teams in their order, in turn. The turn continues across imports.

Round-robin and transactions: build the toewijzer **inside** the import's ``transaction.atomic()``
and call ``opslaan()`` at its end, in the same transaction. Built inside a transaction, the
toewijzer locks the counter row (``select_for_update``; on SQLite the IMMEDIATE transaction already
holds the write lock), so a concurrent import waits and then continues from the turn this one
stopped at: two imports never take the same turn, and a rolled-back import gives its turns back.
Built outside a transaction (a preview) it reads the counter without a lock and ``opslaan()``
refuses, so a preview never moves the turn.

Teams have no "active" flag (``accounts.Team``); a team the rule uses cannot be deleted
(``PROTECT``), so the rule never points at a missing team.
"""

from __future__ import annotations

from bisect import bisect_right

from django.db import connection
from django.db.models import F
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Beurtteller, GemeenteInstellingen, Postcodegebied, Rondeteam, Toewijzingswijze

__all__ = ["GeenTeamBeschikbaar", "Teamtoewijzer", "postcodecijfers", "regel_uitleg", "teamtoewijzer"]


class GeenTeamBeschikbaar(ValueError):
    """The rule needs the importer's team, but none was given. The message is Dutch, for the user."""


def postcodecijfers(postcode: str | None) -> int | None:
    """The 4-digit number part of a Dutch postcode ("1234AB", " 1234 ab") as an int, else None."""
    if not postcode:
        return None
    cijfers = postcode.lstrip()[:4]
    if len(cijfers) == 4 and cijfers.isascii() and cijfers.isdigit():
        return int(cijfers)
    return None


class Teamtoewijzer:
    """The rule in force for one import. Subclasses per mode; build with ``teamtoewijzer()``."""

    wijze: str
    uitleg: str

    def team_voor(self, *, postcode: str | None):  # -> Team
        raise NotImplementedError

    def opslaan(self) -> None:
        """Persist the round-robin position. Does nothing for the other modes."""


class _VasteToewijzer(Teamtoewijzer):
    def __init__(self, *, wijze: str, team, uitleg: str):
        self.wijze, self._team, self.uitleg = wijze, team, uitleg

    def team_voor(self, *, postcode: str | None):
        return self._team


class _PostcodeToewijzer(Teamtoewijzer):
    def __init__(self, *, gebieden, vangnet, uitleg: str):
        # ``gebieden`` sorted by ``van`` and not overlapping, so bisect on the start finds the
        # only candidate: the last area starting at or before the postcode.
        self.wijze, self.uitleg = Toewijzingswijze.POSTCODE, uitleg
        self._van = [g.van for g in gebieden]
        self._tot = [g.tot for g in gebieden]
        self._team = [g.team for g in gebieden]
        self._vangnet = vangnet

    def team_voor(self, *, postcode: str | None):
        cijfers = postcodecijfers(postcode)
        if cijfers is not None:
            i = bisect_right(self._van, cijfers) - 1
            if i >= 0 and cijfers <= self._tot[i]:
                return self._team[i]
        return self._vangnet


class _RondeToewijzer(Teamtoewijzer):
    def __init__(self, *, teams, teller_pk: int | None, aantal: int, vergrendeld: bool, uitleg: str):
        self.wijze, self.uitleg = Toewijzingswijze.ROUND_ROBIN, uitleg
        self._teams = list(teams)
        self._teller_pk = teller_pk
        self._opgeslagen = aantal
        self._aantal = aantal
        self._vergrendeld = vergrendeld

    def team_voor(self, *, postcode: str | None):
        team = self._teams[self._aantal % len(self._teams)]
        self._aantal += 1
        return team

    def opslaan(self) -> None:
        genomen = self._aantal - self._opgeslagen
        if not genomen:
            return
        if not (self._vergrendeld and connection.in_atomic_block):
            raise RuntimeError(
                "Build the Teamtoewijzer inside transaction.atomic() and call opslaan() in that same "
                "transaction: only then is the round-robin counter locked."
            )
        Beurtteller.objects.filter(pk=self._teller_pk).update(aantal=F("aantal") + genomen)
        self._opgeslagen = self._aantal


def _beurtteller(*, vergrendelen: bool) -> tuple[int | None, int]:
    """(pk, aantal) of the counter row; locked and created if missing when ``vergrendelen``."""
    if not vergrendelen:
        rij = Beurtteller.objects.filter(singleton=True).values_list("pk", "aantal").first()
        return rij if rij else (None, 0)
    teller, _nieuw = Beurtteller.objects.select_for_update().get_or_create(singleton=True)
    return teller.pk, teller.aantal


def _geen_team() -> GeenTeamBeschikbaar:
    return GeenTeamBeschikbaar(
        _(
            "Er is geen team om nieuwe aanmeldingen aan te geven. Vraag de functioneel beheerder "
            "om de teamtoewijzing in te stellen, of lees het bestand in als lid van een team."
        )
    )


def teamtoewijzer(*, standaard_team) -> Teamtoewijzer:
    """Read the rule once for one import. ``standaard_team``: the importer's team (mode STANDAARD).

    Raises ``GeenTeamBeschikbaar`` when the rule needs ``standaard_team`` and it is None.
    """
    instellingen = (
        GemeenteInstellingen.objects.select_related("toewijzing_vast_team", "toewijzing_vangnet_team")
        .filter(singleton=True)
        .first()
    )
    wijze = instellingen.toewijzing if instellingen else Toewijzingswijze.STANDAARD

    if wijze == Toewijzingswijze.VAST and instellingen.toewijzing_vast_team:
        team = instellingen.toewijzing_vast_team
        return _VasteToewijzer(
            wijze=wijze, team=team,
            uitleg=_("Alle nieuwe aanmeldingen gaan naar %(team)s.") % {"team": team.naam},
        )

    if wijze == Toewijzingswijze.POSTCODE:
        gebieden = list(Postcodegebied.objects.select_related("team").order_by("van"))
        vangnet = instellingen.toewijzing_vangnet_team or standaard_team
        if vangnet is None:
            raise _geen_team()
        uitleg = ngettext(
            "Nieuwe aanmeldingen gaan naar het team van hun postcodegebied (%(aantal)d gebied), "
            "en naar %(vangnet)s als de postcode in geen gebied valt of ontbreekt.",
            "Nieuwe aanmeldingen gaan naar het team van hun postcodegebied (%(aantal)d gebieden), "
            "en naar %(vangnet)s als de postcode in geen gebied valt of ontbreekt.",
            len(gebieden),
        ) % {"aantal": len(gebieden), "vangnet": vangnet.naam}
        return _PostcodeToewijzer(gebieden=gebieden, vangnet=vangnet, uitleg=uitleg)

    if wijze == Toewijzingswijze.ROUND_ROBIN:
        teams = [r.team for r in Rondeteam.objects.select_related("team").order_by("volgorde", "team__naam")]
        if teams:
            vergrendelen = connection.in_atomic_block
            teller_pk, aantal = _beurtteller(vergrendelen=vergrendelen)
            uitleg = _("Nieuwe aanmeldingen gaan om de beurt naar %(teams)s, te beginnen bij %(volgende)s.") % {
                "teams": get_text_list([t.naam for t in teams], _("en")),
                "volgende": teams[aantal % len(teams)].naam,
            }
            return _RondeToewijzer(
                teams=teams, teller_pk=teller_pk, aantal=aantal, vergrendeld=vergrendelen, uitleg=uitleg
            )

    # STANDAARD, or a mode whose data is missing (the beheer screen does not allow that).
    if standaard_team is None:
        raise _geen_team()
    return _VasteToewijzer(
        wijze=Toewijzingswijze.STANDAARD, team=standaard_team,
        uitleg=_("Nieuwe aanmeldingen gaan naar het team van wie het bestand inleest: %(team)s.")
        % {"team": standaard_team.naam},
    )


def regel_uitleg() -> str:
    """The Dutch sentence for the rule in force, without an importer (the beheer screen)."""
    try:
        return teamtoewijzer(standaard_team=None).uitleg
    except GeenTeamBeschikbaar:
        return _("Nieuwe aanmeldingen gaan naar het team van de medewerker die het bestand inleest.")
