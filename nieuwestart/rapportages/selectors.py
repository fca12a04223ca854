"""Reads for the management dashboards: aggregates only, never a person.

Every function takes a ``Filter`` (period, team, doelgroep) and returns ``Tabel`` objects: the table is
the primary content (screen readers, export); the chart beside it is drawn from the same rows.
Each aggregate is a handful of GROUP BY queries on indexed columns, so a dashboard stays fast with a
national-scale data set (benchmarks/rapportages_bench.py measures each against a hand-written floor).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nieuwestart.dossiers.models import Doelgroep, Dossier, DossierStatus, Leefgebied
from nieuwestart.financien.models import UhtTelling, Voorzieningskosten
from nieuwestart.plannen.models import Aard, Besluit, Planstatus, Planversie
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.regels import TermijnSoort

from .statistiek import kwantiel_uit_telling

NUL = Decimal("0.00")
ACTIEF = (DossierStatus.PLAN_VASTGESTELD, DossierStatus.AFBOUW)
BEEINDIGD = (DossierStatus.BEEINDIGD, DossierStatus.NAZORG, DossierStatus.AFGESLOTEN)


@dataclass(frozen=True)
class Filter:
    van: date | None = None
    tot: date | None = None
    team_id: int | None = None
    doelgroep: str | None = None

    def op_dossier(self, pad: str = "") -> Q:
        """The team and doelgroep filters, on a dossier reached through ``pad`` (e.g. ``dossier__``)."""
        q = Q()
        if self.team_id:
            q &= Q(**{f"{pad}team_id": self.team_id})
        if self.doelgroep:
            q &= Q(**{f"{pad}doelgroep": self.doelgroep})
        return q

    def periode(self, veld: str) -> Q:
        q = Q()
        if self.van:
            q &= Q(**{f"{veld}__gte": self.van})
        if self.tot:
            q &= Q(**{f"{veld}__lte": self.tot})
        return q


@dataclass
class Tabel:
    """One table of a dashboard. ``grafiek`` names the column the bar chart shows (or None)."""

    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[list]
    uitleg: str = ""
    grafiek: int | None = None
    eenheid: str = ""  # "EUR", "%" or "" (count), for the chart's labels
    voetnoot: str = ""
    met_totaal: bool = False  # the last row is a total: not drawn as a bar
    extra: dict = field(default_factory=dict)

    @property
    def staven(self) -> list[dict]:
        """Bars for the chart: label, value and width as a percentage of the largest value."""
        if self.grafiek is None:
            return []
        rijen = self.rijen[:-1] if self.met_totaal else self.rijen
        waarden = [(r[0], r[self.grafiek]) for r in rijen if isinstance(r[self.grafiek], (int, float, Decimal))]
        grootste = max((abs(w) for _l, w in waarden), default=0) or 1
        return [
            {"label": label, "waarde": w, "balk": round(float(abs(w)) / float(grootste) * 40, 1),
             "tekst_x": round(46 + float(abs(w)) / float(grootste) * 40, 1), "y": i * 28}
            for i, (label, w) in enumerate(waarden)
        ]

    @property
    def grafiekhoogte(self) -> int:
        return max(28, len(self.staven) * 28)


def _pct(deel, geheel) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


# --- reach and use ------------------------------------------------------------------------------

def bereik(f: Filter, *, jaar: int) -> list[Tabel]:
    """Per doelgroep: UHT's published count vs persons with a dossier, a plan, active and ended support."""
    plan = Planversie.objects.filter(dossier=OuterRef("pk"), status=Planstatus.UITGEGEVEN)
    qs = Dossier.objects.filter(f.op_dossier(), f.periode("aanmelddatum")).annotate(heeft_plan=Exists(plan))
    per = {
        r["doelgroep"]: r for r in qs.values("doelgroep").annotate(
            personen=Count("rechthebbende_id", distinct=True),
            dossiers=Count("id"),
            met_plan=Count("rechthebbende_id", distinct=True, filter=Q(heeft_plan=True)),
            actief=Count("rechthebbende_id", distinct=True, filter=Q(status__in=ACTIEF)),
            beeindigd=Count("rechthebbende_id", distinct=True, filter=Q(status__in=BEEINDIGD)),
        ).order_by()
    }
    uht = dict(UhtTelling.objects.filter(jaar=jaar).values_list("doelgroep", "aantal"))
    rijen = []
    totaal = defaultdict(int)
    for d in Doelgroep:
        if f.doelgroep and d.value != f.doelgroep:
            continue
        r = per.get(d.value, {})
        rij = [str(d.label), uht.get(d.value), r.get("personen", 0), None, r.get("dossiers", 0), r.get("met_plan", 0),
               r.get("actief", 0), r.get("beeindigd", 0)]
        rij[3] = _pct(rij[2], rij[1]) if rij[1] else None
        rijen.append(rij)
        for i in (2, 4, 5, 6, 7):
            totaal[i] += rij[i]
        if rij[1] is not None:
            totaal[1] += rij[1]
    uht_totaal = totaal[1] if uht else None
    rijen.append([_("Totaal"), uht_totaal, totaal[2], _pct(totaal[2], uht_totaal) if uht_totaal else None, totaal[4],
                  totaal[5], totaal[6], totaal[7]])
    return [Tabel(
        "bereik", _("Bereik per doelgroep"),
        [_("Doelgroep"), _("Aantal volgens UHT (%(jaar)s)") % {"jaar": jaar}, _("Personen met een dossier"),
         _("Bereik (% van UHT)"), _("Dossiers"), _("Met een plan van aanpak"), _("Ondersteuning loopt"),
         _("Ondersteuning beëindigd")],
        rijen, grafiek=2, met_totaal=True,
        uitleg=_("Personen tellen één keer per doelgroep, ook met twee dossiers. Het aantal volgens UHT vult de "
                 "beleidsmedewerker per jaar in."),
    )]


# --- turnaround ---------------------------------------------------------------------------------

class DagenTussen(Func):
    """Whole days from ``start`` to ``eind`` (date columns), on SQLite and PostgreSQL."""

    output_field = IntegerField()

    def __init__(self, eind, start):
        super().__init__(eind, start)

    def as_sqlite(self, compiler, connection, **extra):
        eind, start = (compiler.compile(e) for e in self.source_expressions)
        return (f"CAST(julianday({eind[0]}) - julianday({start[0]}) AS INTEGER)", eind[1] + start[1])

    def as_sql(self, compiler, connection, **extra):
        eind, start = (compiler.compile(e) for e in self.source_expressions)
        return (f"({eind[0]} - {start[0]})", eind[1] + start[1])


EMMERS = ((0, 14, gettext_lazy("0 tot 2 weken")), (14, 28, gettext_lazy("2 tot 4 weken")), (28, 42, gettext_lazy("4 tot 6 weken")),
          (42, 57, gettext_lazy("6 tot 8 weken")), (57, 85, gettext_lazy("8 tot 12 weken")), (85, 10**6, gettext_lazy("12 weken of langer")))


def doorlooptijden(f: Filter, *, vandaag: date) -> list[Tabel]:
    """Registration → eerste gesprek and eerste gesprek → first plan: distribution, median, P90, within term."""
    tabellen = []
    samenvatting = []
    for regel, titel in ((TermijnSoort.EERSTE_GESPREK, _("Van aanmelding tot eerste gesprek")),
                         (TermijnSoort.PLAN_VAN_AANPAK, _("Van eerste gesprek tot eerste plan van aanpak"))):
        telling = (
            Termijn.objects.filter(f.op_dossier("dossier__"), f.periode("voldaan_op"), regel=regel, voldaan_op__isnull=False)
            .annotate(dagen=DagenTussen(F("voldaan_op"), F("startdatum")))
            .values("dagen").annotate(n=Count("id"), binnen=Count("id", filter=Q(voldaan_op__lte=F("einddatum"))))
            .order_by("dagen")
        )
        per_dag = [(r["dagen"], r["n"], r["binnen"]) for r in telling]
        n = sum(t[1] for t in per_dag)
        binnen = sum(t[2] for t in per_dag)
        verdeling = [(d, k) for d, k, _b in per_dag]
        mediaan = kwantiel_uit_telling(verdeling, 0.5)
        p90 = kwantiel_uit_telling(verdeling, 0.9)
        rijen = [[str(label), sum(k for d, k in verdeling if lo <= d < hi)] for lo, hi, label in EMMERS]
        for rij in rijen:
            rij.append(_pct(rij[1], n))
        tabellen.append(Tabel(
            f"doorloop-{regel.lower()}", titel, [_("Duur"), _("Aantal dossiers"), _("Percentage")], rijen, grafiek=1,
        ))
        samenvatting.append([str(titel), n, mediaan, p90, _pct(binnen, n)])
    tabellen.insert(0, Tabel(
        "doorloop-samenvatting", _("Doorlooptijden in dagen"),
        [_("Stap"), _("Aantal"), _("Mediaan (dagen)"), _("90e percentiel (dagen)"), _("Binnen de termijn (%)")],
        samenvatting,
        uitleg=_("De mediaan: de helft was sneller. Het 90e percentiel: 9 van de 10 waren sneller. Binnen de termijn: "
                 "op of voor de uiterste datum, met opschortingen en een meegedeelde nieuwe datum meegerekend."),
    ))
    open_qs = (
        Termijn.objects.filter(f.op_dossier("dossier__"), voldaan_op__isnull=True, vervallen_op__isnull=True,
                               regel__in=[TermijnSoort.EERSTE_GESPREK, TermijnSoort.PLAN_VAN_AANPAK])
        .values("dossier__team__naam", "regel")
        .annotate(open=Count("id"), te_laat=Count("id", filter=Q(einddatum__lt=vandaag)))
        .order_by("dossier__team__naam", "regel")
    )
    per_team: dict[str, list] = {}
    for r in open_qs:
        rij = per_team.setdefault(r["dossier__team__naam"], [r["dossier__team__naam"], 0, 0, 0, 0])
        i = 1 if r["regel"] == TermijnSoort.EERSTE_GESPREK else 3
        rij[i] += r["open"]
        rij[i + 1] += r["te_laat"]
    tabellen.append(Tabel(
        "open-termijnen", _("Open en verlopen termijnen per team"),
        [_("Team"), _("Eerste gesprek: open"), _("Eerste gesprek: te laat"), _("Plan: open"), _("Plan: te laat")],
        list(per_team.values()), grafiek=2,
        uitleg=_("Te laat: de uiterste datum is voorbij en het gesprek of plan is er nog niet (op %(dag)s).")
        % {"dag": vandaag.strftime("%d-%m-%Y")},
    ))
    return tabellen


# --- support ------------------------------------------------------------------------------------

def ondersteuning(f: Filter) -> list[Tabel]:
    """Provisions decided in the period: per leefgebied, material vs immaterial, granted vs refused, amounts."""
    qs = Voorzieningskosten.objects.filter(f.op_dossier(), f.periode("besluitdatum"))
    per = {
        r["leefgebied"]: r for r in qs.values("leefgebied").annotate(
            toegekend=Count("id", filter=Q(besluit=Besluit.TOEGEKEND)),
            afgewezen=Count("id", filter=Q(besluit=Besluit.AFGEWEZEN)),
            materieel=Count("id", filter=Q(besluit=Besluit.TOEGEKEND, aard=Aard.MATERIEEL)),
            immaterieel=Count("id", filter=Q(besluit=Besluit.TOEGEKEND, aard=Aard.IMMATERIEEL)),
            bedrag=Sum("toegezegd_bedrag"),
            vrijgevallen=Sum("vrijgevallen_bedrag"),
            betaald=Sum("betaald_bedrag"),
        ).order_by()
    }
    rijen = []
    som = [0, 0, 0, 0, NUL, NUL]
    for lg in Leefgebied:
        r = per.get(lg.value, {})
        netto = (r.get("bedrag") or NUL) - (r.get("vrijgevallen") or NUL)
        rij = [str(lg.label), r.get("toegekend", 0), r.get("afgewezen", 0), r.get("materieel", 0),
               r.get("immaterieel", 0), netto, r.get("betaald") or NUL]
        rijen.append(rij)
        som = [a + b for a, b in zip(som, rij[1:], strict=True)]
    rijen.append([_("Totaal"), *som])
    kolommen = [_("Leefgebied"), _("Toegekend"), _("Afgewezen"), _("Toegekend: materieel"), _("Toegekend: immaterieel"),
                _("Toegekend bedrag (€)"), _("Betaald (€)")]
    aandeel = []
    for rij in rijen:
        beslist = rij[1] + rij[2]
        aandeel.append([rij[0], beslist, _pct(rij[1], beslist), _pct(rij[3], rij[1])])
    return [
        Tabel("ondersteuning-aantallen", _("Besluiten over voorzieningen per leefgebied"), kolommen, rijen, grafiek=1, met_totaal=True,
              uitleg=_("Voorzieningen waarover in de periode is beslist in een uitgegeven plan of addendum. Het "
                       "toegekende bedrag is na aftrek van wat een later addendum liet vervallen.")),
        Tabel("ondersteuning-bedragen", _("Toegekend bedrag per leefgebied"), [kolommen[0], kolommen[5]],
              [[r[0], r[5]] for r in rijen[:-1]], grafiek=1, eenheid="EUR"),
        Tabel("ondersteuning-aandelen", _("Toekenning en materiële voorzieningen per leefgebied"),
              [_("Leefgebied"), _("Besluiten"), _("Toegekend (%)"), _("Materieel van toegekend (%)")], aandeel,
              grafiek=3, eenheid="%", met_totaal=True),
    ]


def beeindigingen(f: Filter) -> list[Tabel]:
    """Why support ended in the period (by the last day of support), and where warm handovers went
    and whether the regular help started (Handreiking §4.4-4.5)."""
    from nieuwestart.beeindiging.models import Beeindiging, Beeindigingsreden, Ontvanger, Overdrachtstatus, WarmeOverdracht

    per_reden = dict(
        Beeindiging.objects.filter(f.op_dossier("dossier__"), f.periode("einddatum"))
        .values("reden").annotate(n=Count("id")).order_by().values_list("reden", "n")
    )
    redenen = [[str(r.label), per_reden.get(r.value, 0)] for r in Beeindigingsreden]
    totaal = sum(rij[1] for rij in redenen)
    redenen = [[*rij, _pct(rij[1], totaal)] for rij in redenen]
    redenen.append([_("Totaal"), totaal, 100.0 if totaal else None])

    S = Overdrachtstatus
    per_ontvanger = {
        r["ontvanger"]: r for r in WarmeOverdracht.objects.filter(f.op_dossier("dossier__"), f.periode("datum"))
        .values("ontvanger").annotate(
            voorgesteld=Count("id", filter=Q(status=S.VOORGESTELD)),
            overgedragen=Count("id", filter=Q(status=S.OVERGEDRAGEN)),
            gestart=Count("id", filter=Q(status=S.GESTART)),
            niet_gestart=Count("id", filter=Q(status=S.NIET_GESTART)),
        ).order_by()
    }
    overdrachten = []
    som = [0, 0, 0, 0]
    for o in Ontvanger:
        r = per_ontvanger.get(o.value, {})
        aantallen = [r.get("voorgesteld", 0), r.get("overgedragen", 0), r.get("gestart", 0), r.get("niet_gestart", 0)]
        som = [a + b for a, b in zip(som, aantallen, strict=True)]
        overdrachten.append([str(o.label), *aantallen, _pct(aantallen[2], aantallen[2] + aantallen[3])])
    overdrachten.append([_("Totaal"), *som, _pct(som[2], som[2] + som[3])])
    return [
        Tabel("beeindiging-redenen", _("Waarom de ondersteuning stopte"), [_("Reden"), _("Aantal"), _("Aandeel (%)")],
              redenen, grafiek=1, met_totaal=True,
              uitleg=_("Dossiers waarvan de laatste dag van de ondersteuning in de periode valt. Dossiers die zijn "
                       "beëindigd voordat Nieuwe Start de reden apart vastlegde, tellen hier niet mee.")),
        Tabel("warme-overdrachten", _("Warme overdrachten naar reguliere hulp"),
              [_("Naar"), _("Voorgesteld"), _("Overgedragen, nog geen uitkomst"), _("Hulp gestart"),
               _("Hulp niet gestart"), _("Gestart van bekende uitkomsten (%)")],
              overdrachten, grafiek=3, met_totaal=True,
              uitleg=_("Overdrachten met een datum in de gekozen periode; een voorstel zonder datum telt alleen mee "
                       "als u geen periode kiest. 'Hulp gestart' volgt uit de nazorg: is de reguliere hulp echt begonnen?")),
    ]


# --- costs per component ------------------------------------------------------------------------

def kosten_per_component(*, jaar: int) -> list[Tabel]:
    from nieuwestart.financien.sisa import sisa_voor_jaar

    cijfers, afsluiting = sisa_voor_jaar(jaar)
    rijen = [[f"{c['code']} – {c['naam']}", Decimal(c["verplichtingen"]), Decimal(c["gerealiseerd_voorzieningen"]),
              Decimal(c["organisatiekosten"]), Decimal(c["collectieve_initiatieven"]), Decimal(c["gerealiseerd_totaal"])]
             for c in cijfers["componenten"]]
    t = cijfers["totaal"]
    rijen.append([_("Totaal"), *(Decimal(t.get(k, "0")) for k in (
        "verplichtingen", "gerealiseerd_voorzieningen", "organisatiekosten", "collectieve_initiatieven",
        "gerealiseerd_totaal"))])
    indicatoren = [[i["code"], i["omschrijving"], Decimal(i["waarde"]) if i["eenheid"] == "EUR" else i["waarde"],
                    _("euro") if i["eenheid"] == "EUR" else _("aantal")] for i in cijfers["indicatoren"]]
    return [
        Tabel("kosten-componenten", _("Kosten per Spuk-component in %(jaar)s") % {"jaar": jaar},
              [_("Component"), _("Verplichtingen (€)"), _("Betaald voor voorzieningen (€)"), _("Organisatiekosten (€)"),
               _("Collectieve initiatieven (€)"), _("Gerealiseerd totaal (€)")], rijen, grafiek=5, eenheid="EUR", met_totaal=True,
              extra={"afsluiting": afsluiting}),
        Tabel("sisa-indicatoren", _("SiSa-indicatoren %(jaar)s") % {"jaar": jaar},
              [_("Code"), _("Omschrijving"), _("Waarde"), _("Eenheid")], indicatoren),
    ]


# --- one entry point per dashboard (for the API) ----------------------------------------------------

RAPPORTEN = ("bereik", "doorlooptijden", "ondersteuning", "kosten")


def rapport(naam: str, f: Filter, *, jaar: int, vandaag: date) -> list[Tabel]:
    """The tables of one dashboard, as the screens show them (``naam`` from ``RAPPORTEN``)."""
    if naam == "bereik":
        return bereik(f, jaar=jaar)
    if naam == "doorlooptijden":
        return doorlooptijden(f, vandaag=vandaag)
    if naam == "ondersteuning":
        return ondersteuning(f) + beeindigingen(f)
    if naam == "kosten":
        return kosten_per_component(jaar=jaar)
    raise KeyError(naam)
