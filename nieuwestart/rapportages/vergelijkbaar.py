"""Comparable cases for the casuïstiekoverleg: anonymised dossiers with a similar profile and what was decided.

Profile: the doelgroep (must match), the household size as at the aanvraag (rechthebbende + members
living at home; at most one apart) and the leefgebieden with a hulpvraag (overlap measured with the
Jaccard index: shared ÷ together; at least one half). Only dossiers with a decided provision count.
What the page shows of another dossier: household size, leefgebieden and per decided provision its
leefgebied, soort, decision, amount, year and the sociale-kaart product name. Never a name, BSN,
dossier number, date of birth, address, free-text description or motivation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef

from nieuwestart.dossiers.models import Dossier, Gezinslid, Hulpvraag, Leefgebied
from nieuwestart.financien.models import Voorzieningskosten
from nieuwestart.plannen.models import Aard, Besluit

from .statistiek import kwantiel

MAX_GEVALLEN = 10
KANDIDATEN = 300
MIN_JACCARD = 0.5


@dataclass
class Profiel:
    doelgroep: str
    huishouden: int
    leefgebieden: frozenset[str]


@dataclass
class Geval:
    label: str
    huishouden: int
    leefgebieden: list[str]
    gelijkenis: float
    voorzieningen: list[dict] = field(default_factory=list)


def _huishoudgroottes(dossier_ids) -> dict[int, int]:
    rijen = (
        Gezinslid.objects.filter(huishouden__dossier_id__in=dossier_ids, inwonend=True)
        .values("huishouden__dossier_id").annotate(n=Count("id")).order_by()
    )
    groottes = {d: 1 for d in dossier_ids}
    for r in rijen:
        groottes[r["huishouden__dossier_id"]] = 1 + r["n"]
    return groottes


def profiel_van(dossier: Dossier) -> Profiel:
    leefgebieden = frozenset(
        Hulpvraag.objects.filter(eerste_gesprek__dossier=dossier).values_list("leefgebied", flat=True)
    ) or frozenset(Voorzieningskosten.objects.filter(dossier=dossier).values_list("leefgebied", flat=True))
    return Profiel(dossier.doelgroep, _huishoudgroottes([dossier.pk])[dossier.pk], leefgebieden)


def vergelijkbare_gevallen(dossier: Dossier) -> tuple[Profiel, list[Geval], list[dict]]:
    profiel = profiel_van(dossier)
    if not profiel.leefgebieden:
        return profiel, [], []
    besloten = Voorzieningskosten.objects.filter(dossier_id=OuterRef("eerste_gesprek__dossier_id"))
    kandidaten = list(
        Hulpvraag.objects.filter(
            Exists(besloten), leefgebied__in=profiel.leefgebieden, eerste_gesprek__dossier__doelgroep=profiel.doelgroep,
        ).exclude(eerste_gesprek__dossier_id=dossier.pk)
        .values("eerste_gesprek__dossier_id").annotate(n=Count("id")).order_by("-n", "-eerste_gesprek__dossier_id")
        .values_list("eerste_gesprek__dossier_id", flat=True)[:KANDIDATEN]
    )
    leefgebieden: dict[int, set[str]] = defaultdict(set)
    for did, lg in Hulpvraag.objects.filter(eerste_gesprek__dossier_id__in=kandidaten).values_list(
        "eerste_gesprek__dossier_id", "leefgebied"
    ):
        leefgebieden[did].add(lg)
    groottes = _huishoudgroottes(kandidaten)
    gescoord = []
    for did in kandidaten:
        lgs = leefgebieden[did]
        jaccard = len(lgs & profiel.leefgebieden) / len(lgs | profiel.leefgebieden)
        verschil = abs(groottes[did] - profiel.huishouden)
        if jaccard >= MIN_JACCARD and verschil <= 1:
            gescoord.append((round(jaccard - 0.1 * verschil, 3), did))
    gescoord.sort(reverse=True)
    gekozen = gescoord[:MAX_GEVALLEN]
    labels = {lg.value: str(lg.label) for lg in Leefgebied}
    per_dossier: dict[int, list[dict]] = defaultdict(list)
    for r in (
        Voorzieningskosten.objects.filter(dossier_id__in=[d for _s, d in gekozen])
        .values("dossier_id", "leefgebied", "aard", "besluit", "bedrag", "jaar", "voorziening__product__naam")
        .order_by("leefgebied", "id")
    ):
        per_dossier[r["dossier_id"]].append(r)
    gevallen = [
        Geval(
            label=chr(ord("A") + i), huishouden=groottes[did],
            leefgebieden=[labels[lg] for lg in Leefgebied.values if lg in leefgebieden[did]], gelijkenis=score,
            voorzieningen=[{
                "leefgebied": labels[v["leefgebied"]], "aard": str(Aard(v["aard"]).label), "besluit": str(Besluit(v["besluit"]).label),
                "bedrag": v["bedrag"], "jaar": v["jaar"], "product": v["voorziening__product__naam"] or "",
            } for v in per_dossier[did]],
        )
        for i, (score, did) in enumerate(gekozen)
    ]
    samenvatting = []
    for lg in Leefgebied:
        rijen = [v for did in per_dossier for v in per_dossier[did] if v["leefgebied"] == lg.value]
        if not rijen:
            continue
        toegekend = [v for v in rijen if v["besluit"] == Besluit.TOEGEKEND]
        samenvatting.append({
            "leefgebied": str(lg.label), "beslist": len(rijen), "toegekend": len(toegekend),
            "materieel": sum(v["aard"] == Aard.MATERIEEL for v in toegekend),
            "mediaan": kwantiel([v["bedrag"] or Decimal("0") for v in toegekend], 0.5),
        })
    return profiel, gevallen, samenvatting
