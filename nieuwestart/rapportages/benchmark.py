"""The anonymised benchmark export (format ``nieuwestart-benchmark``, version 1) and its comparison.

The format is documented in docs/benchmark-formaat.md. Only aggregate cells, each about a group of
persons; a cell about fewer than ``DREMPEL`` (10) persons is suppressed (value null), and when exactly
one doelgroep of a count is suppressed the next smallest is suppressed too, so it cannot be derived
from the total. No BSN, name, date of birth, address, dossier number or free text ever goes in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Doelgroep, Dossier, Leefgebied
from nieuwestart.financien.models import Voorzieningskosten
from nieuwestart.plannen.models import Aard, Besluit, Planstatus, Planversie

from .statistiek import kwantiel

FORMAAT = "nieuwestart-benchmark"
VERSIE = 1
DREMPEL = 10
TOTAAL = "TOTAAL"

# indicator code -> (Dutch name, level: "doelgroep" or "leefgebied", kind)
INDICATOREN = {
    "PERSONEN_MET_DOSSIER": (gettext_lazy("Personen met een dossier"), "doelgroep", "aantal"),
    "PERSONEN_MET_PLAN": (gettext_lazy("Personen met een uitgegeven plan van aanpak"), "doelgroep", "aantal"),
    "PERSONEN_MET_TOEKENNING": (gettext_lazy("Personen met minstens één toegekende voorziening"), "doelgroep", "aantal"),
    "PERSONEN_MET_TOEKENNING_LEEFGEBIED": (gettext_lazy("Personen met een toegekende voorziening in dit leefgebied"), "leefgebied", "aantal"),
    "AANDEEL_MATERIEEL_PCT": (gettext_lazy("Materieel van toegekend (%)"), "leefgebied", "percentage"),
    "MEDIAAN_BEDRAG": (gettext_lazy("Mediaan toegekend bedrag (€)"), "leefgebied", "bedrag"),
    "BEDRAG_PER_PERSOON": (gettext_lazy("Toegekend bedrag per persoon (€)"), "leefgebied", "bedrag"),
}


def _cel(indicator: str, doelgroep: str, leefgebied: str | None, waarde, personen: int) -> dict:
    onderdrukt = personen < DREMPEL
    return {"indicator": indicator, "doelgroep": doelgroep, "leefgebied": leefgebied,
            "waarde": None if onderdrukt else waarde, "onderdrukt": onderdrukt}


def _aanvullend_onderdrukken(cellen: list[dict], personen: dict[tuple, int]) -> None:
    """If exactly one doelgroep of an indicator is suppressed, the total would give it away by
    subtraction: hide the next smallest too. Per indicator, and per leefgebied for the indicators
    that have one (their totals per leefgebied give a hidden cell away just the same)."""
    per_groep = defaultdict(list)
    for c in cellen:
        if c["doelgroep"] != TOTAAL:
            per_groep[(c["indicator"], c["leefgebied"])].append(c)
    for (indicator, leefgebied), groep in per_groep.items():
        onderdrukt = [c for c in groep if c["onderdrukt"]]
        if len(onderdrukt) == 1:
            zichtbaar = sorted((c for c in groep if not c["onderdrukt"]),
                               key=lambda c: personen.get((indicator, c["doelgroep"], leefgebied), 0))
            if zichtbaar:
                zichtbaar[0]["waarde"] = None
                zichtbaar[0]["onderdrukt"] = True


def benchmark_export(*, van: date, tot: date, gemeentenaam: str, cbs_code: str, vandaag: date) -> dict:
    dossiers = Dossier.objects.filter(aanmelddatum__range=(van, tot))
    plan = Planversie.objects.filter(dossier=OuterRef("pk"), status=Planstatus.UITGEGEVEN)
    toegekend = Voorzieningskosten.objects.filter(dossier=OuterRef("pk"), besluit=Besluit.TOEGEKEND)
    personen: dict[tuple, int] = {}
    waarden: dict[tuple, object] = {}
    met = dossiers.annotate(heeft_plan=Exists(plan), heeft_toekenning=Exists(toegekend))
    tellingen = {
        "d": Count("rechthebbende_id", distinct=True),
        "p": Count("rechthebbende_id", distinct=True, filter=Q(heeft_plan=True)),
        "t": Count("rechthebbende_id", distinct=True, filter=Q(heeft_toekenning=True)),
    }
    per_dg = met.values("doelgroep").annotate(**tellingen).order_by()
    totaal = met.aggregate(**tellingen)
    for r in [*per_dg, {"doelgroep": TOTAAL, **totaal}]:
        for code, k in (("PERSONEN_MET_DOSSIER", "d"), ("PERSONEN_MET_PLAN", "p"), ("PERSONEN_MET_TOEKENNING", "t")):
            personen[(code, r["doelgroep"], None)] = r[k]
            waarden[(code, r["doelgroep"], None)] = r[k]

    rijen = Voorzieningskosten.objects.filter(
        dossier__aanmelddatum__range=(van, tot), besluit=Besluit.TOEGEKEND
    ).values_list("doelgroep", "leefgebied", "aard", "toegezegd_bedrag", "dossier__rechthebbende_id").order_by()
    groepen: dict[tuple[str, str], dict] = defaultdict(lambda: {"n": 0, "m": 0, "bedragen": [], "per_persoon": defaultdict(Decimal)})
    for dg, lg, aard, bedrag, persoon in rijen:
        for sleutel in ((dg, lg), (TOTAAL, lg)):
            g = groepen[sleutel]
            g["n"] += 1
            g["m"] += aard == Aard.MATERIEEL
            g["bedragen"].append(bedrag)
            g["per_persoon"][persoon] += bedrag
    for (dg, lg), g in groepen.items():
        n_personen = len(g["per_persoon"])
        for code, waarde in (
            ("PERSONEN_MET_TOEKENNING_LEEFGEBIED", n_personen),
            ("AANDEEL_MATERIEEL_PCT", round(100 * g["m"] / g["n"], 1)),
            ("MEDIAAN_BEDRAG", str(kwantiel(g["bedragen"], 0.5).quantize(Decimal("0.01")))),
            ("BEDRAG_PER_PERSOON", str((sum(g["per_persoon"].values()) / n_personen).quantize(Decimal("0.01")))),
        ):
            personen[(code, dg, lg)] = n_personen
            waarden[(code, dg, lg)] = waarde

    cellen = []
    doelgroepen = [d.value for d in Doelgroep] + [TOTAAL]
    for code, (_naam, niveau, _soort) in INDICATOREN.items():
        for dg in doelgroepen:
            for lg in ([None] if niveau == "doelgroep" else Leefgebied.values):
                sleutel = (code, dg, lg)
                cellen.append(_cel(code, dg, lg, waarden.get(sleutel, 0), personen.get(sleutel, 0)))
    _aanvullend_onderdrukken(cellen, personen)
    return {
        "formaat": FORMAAT, "versie": VERSIE,
        "gemeente": {"naam": gemeentenaam, "cbs_code": cbs_code},
        "periode": {"van": van.isoformat(), "tot": tot.isoformat(), "basis": "aanmelddatum"},
        "aangemaakt_op": vandaag.isoformat(),
        "drempel_kleine_aantallen": DREMPEL,
        "indicatoren": {code: {"naam": str(naam), "niveau": niveau, "soort": soort}
                        for code, (naam, niveau, soort) in INDICATOREN.items()},
        "cellen": cellen,
    }


def als_json(export: dict) -> bytes:
    return json.dumps(export, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


# --- import and comparison ----------------------------------------------------------------------

def lees_export(inhoud: bytes) -> dict:
    """Parse and validate a received export; refuse anything that is not format version 1."""
    fout = RegelOvertreding(R.BENCHMARK_FORMAAT_BEKEND, veld="bestanden")
    try:
        data = json.loads(inhoud.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise fout from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT or data.get("versie") != VERSIE:
        raise fout
    cellen = data.get("cellen")
    if not isinstance(cellen, list):
        raise fout
    schoon = []
    for c in cellen:
        if not isinstance(c, dict) or c.get("indicator") not in INDICATOREN:
            raise fout
        waarde = c.get("waarde")
        if waarde is not None and not isinstance(waarde, (int, float, str)):
            raise fout
        if isinstance(waarde, str):
            try:
                waarde = Decimal(waarde)
            except ArithmeticError:
                raise fout from None
        schoon.append({"indicator": c["indicator"], "doelgroep": str(c.get("doelgroep")),
                       "leefgebied": c.get("leefgebied"), "waarde": waarde})
    gemeente = data.get("gemeente") if isinstance(data.get("gemeente"), dict) else {}
    periode = data.get("periode") if isinstance(data.get("periode"), dict) else {}
    return {"naam": str(gemeente.get("naam") or _("Onbekende gemeente"))[:100], "periode": periode, "cellen": schoon}


def vergelijk(eigen: dict, ontvangen: list[dict]) -> list[dict]:
    """Per indicator a table: rows (doelgroep, leefgebied), the own value and each received value."""
    labels_dg = {d.value: str(d.label) for d in Doelgroep} | {TOTAAL: _("Totaal")}
    labels_lg = {lg.value: str(lg.label) for lg in Leefgebied}

    def index(cellen):
        return {(c["indicator"], c["doelgroep"], c["leefgebied"]): c["waarde"] for c in cellen}

    eigen_i = index(eigen["cellen"])
    andere = [index(o["cellen"]) for o in ontvangen]
    tabellen = []
    for code, (naam, niveau, _soort) in INDICATOREN.items():
        rijen = []
        for dg in [d.value for d in Doelgroep] + [TOTAAL]:
            for lg in ([None] if niveau == "doelgroep" else Leefgebied.values):
                sleutel = (code, dg, lg)
                label = labels_dg[dg] + (f" – {labels_lg[lg]}" if lg else "")
                rijen.append([label, _getal(eigen_i.get(sleutel)), *(_getal(a.get(sleutel)) for a in andere)])
        tabellen.append({"sleutel": code, "titel": str(naam), "rijen": rijen})
    return tabellen


def _getal(w):
    if w is None:
        return None
    if isinstance(w, str):
        return Decimal(w)
    return w
