"""Mandate: which approvals a provision needs before the plan version can be issued.

The thresholds are local settings (``GemeenteInstellingen.mandaat_consulent_tot`` and
``.mandaat_vier_ogen_tot``; defaults €500 and €1,500, seed 004 §4.2). The amount that counts is
the provision's total (``Voorziening.bedrag``, incl. VAT; no amount counts as €0). Boundaries,
following domain.md ("up to €500", "€500 – €1,500", "above €1,500"):

* total ≤ consulent_tot (€500.00 exactly included): the case worker decides alone;
* consulent_tot < total ≤ vier_ogen_tot (€500.01 … €1,500.00): a second case worker (VIER_OGEN),
  never the person who asked;
* total > vier_ogen_tot (from €1,500.01): the teamleider of the dossier's team (TEAMLEIDER).

No approval is needed for a free-access provision (no decision), for a refusal (it spends nothing),
or for a provision an addendum took over unchanged from an issued version (decided then). A
provision with the hardheidsclausule also needs the teamleider's HARDHEIDSCLAUSULE approval.
Rule: ``MANDAAT_GOEDKEURING`` (and ``HARDHEIDSCLAUSULE_MET_TEAMLEIDER``) in ``beleid/regels.py``.
Pure: works on model instances and on ``toets.VoorzieningGegevens`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from nieuwestart.accounts.models import Rol

from .models import Besluit, Goedkeuringsoort

G = Goedkeuringsoort

# Who may give each approval (in the dossier's team, never the requester). The one mapping that
# the approval check, the approver's worklist and the choice of a named approver all read.
ROLLEN_VOOR_GOEDKEURING: dict[Goedkeuringsoort, frozenset[Rol]] = {
    G.VIER_OGEN: frozenset({Rol.CONSULENT, Rol.TEAMLEIDER}),
    G.TEAMLEIDER: frozenset({Rol.TEAMLEIDER}),
    G.HARDHEIDSCLAUSULE: frozenset({Rol.TEAMLEIDER}),
}


def soorten_voor_rollen(rollen) -> list[Goedkeuringsoort]:
    """The approvals a user with these roles may give."""
    rollen = set(rollen)
    return [soort for soort, mogen in ROLLEN_VOOR_GOEDKEURING.items() if mogen & rollen]


def rollen_voor_alle(soorten) -> frozenset[Rol]:
    """The roles that may give every one of ``soorten`` (all roles when there are none)."""
    rollen = frozenset(Rol)
    for soort in soorten:
        rollen &= ROLLEN_VOOR_GOEDKEURING[soort]
    return rollen


@dataclass(frozen=True)
class Mandaatgrenzen:
    consulent_tot: Decimal = Decimal("500.00")
    vier_ogen_tot: Decimal = Decimal("1500.00")

    @classmethod
    def uit(cls, instellingen: Any) -> "Mandaatgrenzen":
        if isinstance(instellingen, Mandaatgrenzen):
            return instellingen
        if instellingen is None:
            return cls()
        return cls(Decimal(instellingen.mandaat_consulent_tot), Decimal(instellingen.mandaat_vier_ogen_tot))


def mandaatsoort(bedrag: Decimal | None, grenzen: Mandaatgrenzen) -> Goedkeuringsoort | None:
    """Who must approve an amount besides the case worker: None, VIER_OGEN or TEAMLEIDER."""
    totaal = Decimal(bedrag or 0)
    if totaal <= grenzen.consulent_tot:
        return None
    if totaal <= grenzen.vier_ogen_tot:
        return G.VIER_OGEN
    return G.TEAMLEIDER


def benodigde_goedkeuringen(voorziening: Any, instellingen: Any) -> tuple[Goedkeuringsoort, ...]:
    """The approvals this provision needs, in the order they are usually asked."""
    if voorziening.vrij_toegankelijk or voorziening.ongewijzigd_overgenomen:
        return ()
    if voorziening.besluit == Besluit.AFGEWEZEN:
        return ()
    nodig: list[Goedkeuringsoort] = []
    soort = mandaatsoort(voorziening.bedrag, Mandaatgrenzen.uit(instellingen))
    if soort is not None:
        nodig.append(soort)
    if voorziening.hardheidsclausule:
        nodig.append(G.HARDHEIDSCLAUSULE)
    return tuple(nodig)


# An approval by the teamleider also covers the four-eyes approval of the same provision.
DEKT: dict[Goedkeuringsoort, frozenset[Goedkeuringsoort]] = {
    G.VIER_OGEN: frozenset({G.VIER_OGEN, G.TEAMLEIDER}),
    G.TEAMLEIDER: frozenset({G.TEAMLEIDER}),
    G.HARDHEIDSCLAUSULE: frozenset({G.HARDHEIDSCLAUSULE}),
}


def ontbrekende_goedkeuringen(
    nodig: tuple[Goedkeuringsoort, ...], gegeven: frozenset[str] | set[str]
) -> tuple[Goedkeuringsoort, ...]:
    """Which of ``nodig`` are not covered by the approvals ``gegeven`` (kinds that still count)."""
    return tuple(s for s in nodig if not (DEKT[s] & set(gegeven)))
