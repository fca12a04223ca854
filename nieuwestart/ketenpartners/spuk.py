"""Which Spuk component a dossier's costs belong to, as reference data (domain.md: keep components configurable).

The kindregeling children's costs are Spuk component C ("schuldenaanpak kinderen"); everything else is the
general brede ondersteuning. The reporting work (Spuk / SiSa) reads this with ``spuk_component`` per dossier,
or ``dossiers_met_component`` for a queryset filter, instead of guessing from a doelgroep itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.models import Doelgroep


@dataclass(frozen=True)
class Spukcomponent:
    code: str
    naam: str
    bron: str


COMPONENT_C = Spukcomponent(
    code="C",
    naam=_("Spuk onderdeel C: kinderen van de kindregeling"),
    bron="Spuk (Stcrt 2022, 28784); Handreiking §4.6 en §6",
)

# Doelgroep -> component. A doelgroep that is not listed falls under the general brede ondersteuning.
COMPONENT_PER_DOELGROEP: dict[str, Spukcomponent] = {Doelgroep.KIND_KINDREGELING: COMPONENT_C}


def spuk_component(dossier) -> Spukcomponent | None:
    """The Spuk component this dossier's costs are accounted to, or None for the general part."""
    return COMPONENT_PER_DOELGROEP.get(dossier.doelgroep)


def dossiers_met_component(queryset, code: str):
    """Filter a Dossier queryset on a Spuk component code (e.g. "C")."""
    doelgroepen = [d for d, c in COMPONENT_PER_DOELGROEP.items() if c.code == code]
    return queryset.filter(doelgroep__in=doelgroepen)
