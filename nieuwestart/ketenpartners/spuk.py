"""Which Spuk component a child's debt help is booked on, shown on the dossier (domain.md: "its costs belong to
Spuk component C").

Only the extra debt-relief offer for children of the kindregeling goes to a component of its own; everything
else of a child's support is the general brede ondersteuning. The component is read from the reference data the
cost accounting books on (``financien``: the active component of kind ``SCHULDEN_KINDEREN``, and
``financien.services.soort_voor_voorziening`` decides per provision), so the tag and the books always agree and a
functioneel beheerder who renames or replaces the component changes both.
"""

from __future__ import annotations

from nieuwestart.dossiers.models import Doelgroep

# The doelgroepen whose debt help has a component of its own.
DOELGROEPEN_MET_SCHULDCOMPONENT = frozenset({Doelgroep.KIND_KINDREGELING})


def spuk_component(dossier):
    """The component this dossier's debt help is booked on (a ``financien.SpukComponent``), or None when it
    falls under the general brede ondersteuning."""
    from nieuwestart.financien.models import Componentsoort
    from nieuwestart.financien.services import component_voor

    if dossier.doelgroep not in DOELGROEPEN_MET_SCHULDCOMPONENT:
        return None
    return component_voor(Componentsoort.SCHULDEN_KINDEREN)  # exactly what the cost accounting books on


def dossiers_met_component(queryset, code: str):
    """Filter a Dossier queryset on the code of the component their debt help is booked on (e.g. "C")."""
    from nieuwestart.financien.models import Componentsoort, SpukComponent

    if not SpukComponent.objects.filter(code=code, soort=Componentsoort.SCHULDEN_KINDEREN, actief=True).exists():
        return queryset.none()
    return queryset.filter(doelgroep__in=DOELGROEPEN_MET_SCHULDCOMPONENT)
