"""The SiSa figures of one year: costs per Spuk component and the indicators (reference data).

``sisa_cijfers`` computes them live; ``sisa_voor_jaar`` returns the frozen snapshot of a closed year
(``SisaJaarafsluiting``) instead, so the export of a closed year never changes after later edits.
Amounts are strings with two decimals (exact in JSON); counts are integers.

Definitions (docs/financien.md):
* verplichtingen in year Y: granted amounts decided in Y, minus commitments released in Y;
* gerealiseerd: payments/invoices dated in Y, plus organisation costs and collective initiatives in Y;
* ondersteunde rechthebbenden in Y: distinct persons with a dossier that has a plan version issued on or
  before 31 December Y, and whose support did not end (event BEEINDIGD) before 1 January Y.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Doelgroep
from nieuwestart.plannen.models import Planstatus, Planversie

from .models import (
    Betaling,
    CollectiefInitiatief,
    Maatstaf,
    Organisatiekosten,
    SisaIndicator,
    SisaJaarafsluiting,
    SpukComponent,
    Voorzieningskosten,
)

FORMAAT = "nieuwestart-sisa"
VERSIE = 1
NUL = Decimal("0.00")


def _geld(waarde) -> str:
    return str((waarde or NUL).quantize(Decimal("0.01")))


def _per_component(qs, veld: str, groep: str = "component_id") -> dict[int, Decimal]:
    return {r[groep]: r["s"] or NUL for r in qs.values(groep).annotate(s=Sum(veld)).order_by()}


def ondersteunde_dossiers(jaar: int):
    """Dossiers with a plan issued on or before 31-12-jaar whose support had not ended before 1-1-jaar."""
    eind = date(jaar, 12, 31)
    al_beeindigd = DossierGebeurtenis.objects.filter(
        dossier=OuterRef("pk"), soort=GebeurtenisSoort.BEEINDIGD, datum__lt=date(jaar, 1, 1)
    )
    # Driven from the issued plan versions (the smaller set), not from every dossier.
    return Dossier.objects.filter(
        planversies__status=Planstatus.UITGEGEVEN, planversies__uitgegeven_op__lte=eind
    ).exclude(Exists(al_beeindigd))


def sisa_cijfers(jaar: int) -> dict:
    begin, eind = date(jaar, 1, 1), date(jaar, 12, 31)
    toegezegd = _per_component(Voorzieningskosten.objects.filter(jaar=jaar), "toegezegd_bedrag")
    vrijgevallen = _per_component(
        Voorzieningskosten.objects.filter(vervallen_op__range=(begin, eind)), "vrijgevallen_bedrag"
    )
    betaald = _per_component(Betaling.objects.filter(jaar=jaar), "bedrag")
    organisatie = _per_component(Organisatiekosten.objects.filter(jaar=jaar), "bedrag")
    collectief = _per_component(CollectiefInitiatief.objects.filter(jaar=jaar), "bedrag")

    componenten = []
    totaal = defaultdict(lambda: NUL)
    for c in SpukComponent.objects.all():
        rij = {
            "code": c.code, "naam": c.naam,
            "verplichtingen": toegezegd.get(c.pk, NUL) - vrijgevallen.get(c.pk, NUL),
            "gerealiseerd_voorzieningen": betaald.get(c.pk, NUL),
            "organisatiekosten": organisatie.get(c.pk, NUL),
            "collectieve_initiatieven": collectief.get(c.pk, NUL),
        }
        rij["gerealiseerd_totaal"] = (
            rij["gerealiseerd_voorzieningen"] + rij["organisatiekosten"] + rij["collectieve_initiatieven"]
        )
        if not c.actief and not any(rij[k] for k in rij if k not in ("code", "naam")):
            continue
        for k, v in rij.items():
            if isinstance(v, Decimal):
                totaal[k] += v
        componenten.append({k: _geld(v) if isinstance(v, Decimal) else v for k, v in rij.items()})

    plannen = Planversie.objects.filter(status=Planstatus.UITGEGEVEN, uitgegeven_op__range=(begin, eind))
    telling = plannen.aggregate(eerste=Count("id", filter=Q(versie=1)), addenda=Count("id", filter=Q(versie__gt=1)))
    # One query for both counts: a person with dossiers in two doelgroepen counts once in the total.
    paren = set(ondersteunde_dossiers(jaar).values_list("rechthebbende_id", "doelgroep").distinct().order_by())
    per_doelgroep: dict[str, int] = defaultdict(int)
    for _persoon, doelgroep in paren:
        per_doelgroep[doelgroep] += 1
    rechthebbenden = len({persoon for persoon, _d in paren})
    initiatieven = CollectiefInitiatief.objects.filter(jaar=jaar).count()

    indicatoren = []
    for ind in SisaIndicator.objects.filter(actief=True).select_related("component"):
        m = ind.maatstaf
        if m == Maatstaf.KOSTEN_COMPONENT:
            waarde, eenheid = next((c["gerealiseerd_totaal"] for c in componenten if c["code"] == ind.component.code), _geld(NUL)), "EUR"
        elif m == Maatstaf.VERPLICHTINGEN_COMPONENT:
            waarde, eenheid = next((c["verplichtingen"] for c in componenten if c["code"] == ind.component.code), _geld(NUL)), "EUR"
        elif m == Maatstaf.AANTAL_PLANNEN:
            waarde, eenheid = telling["eerste"], "aantal"
        elif m == Maatstaf.AANTAL_ADDENDA:
            waarde, eenheid = telling["addenda"], "aantal"
        elif m == Maatstaf.AANTAL_RECHTHEBBENDEN:
            waarde, eenheid = rechthebbenden, "aantal"
        elif m == Maatstaf.AANTAL_RECHTHEBBENDEN_DOELGROEP:
            waarde, eenheid = per_doelgroep.get(ind.doelgroep, 0), "aantal"
        elif m == Maatstaf.AANTAL_COLLECTIEVE_INITIATIEVEN:
            waarde, eenheid = initiatieven, "aantal"
        else:  # pragma: no cover - Maatstaf is closed
            continue
        indicatoren.append({"code": ind.code, "omschrijving": ind.omschrijving, "waarde": waarde, "eenheid": eenheid})

    return {
        "formaat": FORMAAT, "versie": VERSIE, "jaar": jaar,
        "componenten": componenten,
        "totaal": {k: _geld(v) for k, v in totaal.items()},
        "indicatoren": indicatoren,
        "rechthebbenden_per_doelgroep": {d.value: per_doelgroep.get(d.value, 0) for d in Doelgroep},
    }


def sisa_voor_jaar(jaar: int) -> tuple[dict, SisaJaarafsluiting | None]:
    """The frozen figures of a closed year, or the live (provisional) figures of an open one."""
    afsluiting = SisaJaarafsluiting.objects.filter(jaar=jaar).first()
    if afsluiting is not None:
        return afsluiting.inhoud, afsluiting
    return sisa_cijfers(jaar), None


# --- export -------------------------------------------------------------------------------------

KOP_COMPONENTEN = ("Component", "Naam", "Verplichtingen", "Gerealiseerd voorzieningen", "Organisatiekosten",
                   "Collectieve initiatieven", "Gerealiseerd totaal")
_VELDEN = ("code", "naam", "verplichtingen", "gerealiseerd_voorzieningen", "organisatiekosten",
           "collectieve_initiatieven", "gerealiseerd_totaal")


def _regels(cijfers: dict, afsluiting: SisaJaarafsluiting | None) -> list[list]:
    status = (f"Afgesloten op {afsluiting.afgesloten_op:%d-%m-%Y}, SHA-256 {afsluiting.sha256}"
              if afsluiting else "Voorlopig: dit jaar is nog niet afgesloten")
    regels: list[list] = [["SiSa-verantwoording brede ondersteuning", f"jaar {cijfers['jaar']}"], ["Status", status], []]
    regels.append(list(KOP_COMPONENTEN))
    for c in cijfers["componenten"]:
        regels.append([c[v] for v in _VELDEN])
    regels.append(["Totaal", ""] + [cijfers["totaal"].get(v, "0.00") for v in _VELDEN[2:]])
    regels.append([])
    regels.append(["Indicator", "Omschrijving", "Waarde", "Eenheid"])
    for i in cijfers["indicatoren"]:
        regels.append([i["code"], i["omschrijving"], i["waarde"], i["eenheid"]])
    return regels


def sisa_csv(cijfers: dict, afsluiting: SisaJaarafsluiting | None) -> bytes:
    from .export import tabel_csv

    return tabel_csv(_regels(cijfers, afsluiting))


def sisa_xlsx(cijfers: dict, afsluiting: SisaJaarafsluiting | None) -> bytes:
    from .export import tabel_xlsx

    return tabel_xlsx([("SiSa", _regels(cijfers, afsluiting))])
