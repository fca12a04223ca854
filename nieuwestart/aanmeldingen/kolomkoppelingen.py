"""Column mappings the municipality saved: "our files call column X what Nieuwe Start calls Y".

One mapping per installation (= per municipality) and kind of file. ``opgeslagen_mapping`` is
what every import (web and command line) adds to the aliases of ``portaal.formaten``; a
user's one-off mapping for a single upload is passed to the import functions as ``mapping=``.
"""

from __future__ import annotations

from django.db import transaction

from nieuwestart.aanmeldingen.models import Kolomkoppeling
from nieuwestart.aanmeldingen.portaal.formaten import FORMATEN, Doel, Formaat
from nieuwestart.aanmeldingen.portaal.lezen import normaliseer_kop

__all__ = ["KoppelingFout", "formaat_voor", "koppeling_opslaan", "koppeling_verwijderen", "opgeslagen_mapping"]


class KoppelingFout(ValueError):
    """A mapping that cannot be saved; ``melding`` is plain Dutch."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


def formaat_voor(doel: str) -> Formaat:
    """The column set of an importable kind of file."""
    return FORMATEN[Doel(str(doel))]


def opgeslagen_mapping(doel: str) -> dict[str, str]:
    """Normalised file header -> canonical column, as saved for this kind of file."""
    return dict(Kolomkoppeling.objects.filter(doel=str(doel)).values_list("kop", "kolom"))


@transaction.atomic
def koppeling_opslaan(*, doel: str, kop: str, kolom: str, door) -> Kolomkoppeling:
    """Save (or change) the mapping of one header; later files of this kind use it."""
    try:
        formaat = formaat_voor(doel)
    except (KeyError, ValueError):
        raise KoppelingFout("Onbekend soort bestand.") from None
    genormaliseerd = normaliseer_kop(kop)
    if not genormaliseerd:
        raise KoppelingFout("Een kolom zonder naam kan niet worden gekoppeld.")
    if kolom not in {k.naam for k in formaat.kolommen}:
        raise KoppelingFout(f"'{kolom[:40]}' is geen kolom van een {formaat.naam.lower()}.")
    koppeling, _nieuw = Kolomkoppeling.objects.update_or_create(
        doel=str(doel), kop=genormaliseerd,
        defaults={"kolom": kolom, "kop_origineel": str(kop).strip()[:200], "door": door},
    )
    return koppeling


def koppeling_verwijderen(*, pk: int) -> Kolomkoppeling | None:
    """Delete one saved mapping; returns it (unsaved) or None when it did not exist."""
    koppeling = Kolomkoppeling.objects.filter(pk=pk).first()
    if koppeling is not None:
        koppeling.delete()
    return koppeling
