"""Reading a user's meldingen: only their own, and only about dossiers of their own team(s)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from nieuwestart.dossiers.permissions import dossiers_voor_gebruiker

from .models import Melding

__all__ = ["Meldingenblok", "aantal_ongelezen", "blok_voor", "meldingen_voor", "ongelezen_voor"]


def meldingen_voor(user) -> QuerySet[Melding]:
    """Newest first. A user who left the dossier's team no longer sees its meldingen."""
    return (
        Melding.objects.filter(ontvanger=user, dossier__in=dossiers_voor_gebruiker(user))
        .select_related("dossier__rechthebbende")
        .only("id", "soort", "tekst", "aangemaakt_op", "gelezen_op", "dossier__id", "dossier__dossiernummer",
              "dossier__rechthebbende__bsn")
    )


def ongelezen_voor(user) -> QuerySet[Melding]:
    return meldingen_voor(user).filter(gelezen_op__isnull=True)


def aantal_ongelezen(user) -> int:
    return ongelezen_voor(user).count()


@dataclass(frozen=True)
class Meldingenblok:
    """The unread meldingen shown above the worklist: the newest few and how many there are."""

    aantal: int
    meldingen: list[Melding]

    @property
    def betrokkenen(self) -> list[str]:
        """The BSNs of the persons whose dossiers the block names (for the processing log)."""
        return [m.dossier.rechthebbende.bsn for m in self.meldingen]

    @property
    def meer(self) -> int:
        return self.aantal - len(self.meldingen)


def blok_voor(user, *, hoeveel: int = 10) -> Meldingenblok:
    meldingen = list(ongelezen_voor(user)[:hoeveel])
    aantal = len(meldingen) if len(meldingen) < hoeveel else aantal_ongelezen(user)
    return Meldingenblok(aantal=aantal, meldingen=meldingen)
