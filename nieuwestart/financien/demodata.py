"""Synthetic plans, provisions and costs for the demo and the national-scale data set (issue 7).

For every dossier whose timeline has PLAN_VASTGESTELD, ``kosten_laden`` writes an issued first plan
(``Planversie`` v1, issued on that day), one ``Doel`` per leefgebied with a hulpvraag, the decided
``Voorziening`` rows, their ``Voorzieningskosten`` and, for what was granted long enough ago, the
``Betaling`` rows. Plus organisation costs per month, collective initiatives, UHT counts per year and,
at demo scale, a closed SiSa year. Nothing reads the clock: ``vandaag`` is passed in.

Rows are written with ``executemany`` and ids assigned up front, in blocks, like the dossier generator:
issued plan versions are frozen at the model layer (their querysets refuse bulk writes), and a million
provisions must not go through ``save()``. A plan written this way has no beschikking document: the
demo's letters come from issuing a plan in the app.

Some consulenten are given a deliberate bias (more material provisions, higher amounts), so the
equal-treatment report has something to find.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import timezone as tz
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Max

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Doelgroep, Dossier, DossierGebeurtenis, Hulpvraag, Leefgebied
from nieuwestart.plannen.models import Doel, Planversie, Voorziening

from .models import (
    Betaling,
    CollectiefInitiatief,
    Componentsoort,
    Organisatiekosten,
    SisaJaarafsluiting,
    SpukComponent,
    UhtTelling,
    Voorzieningskosten,
)

# (description, material?, lowest, highest amount) per leefgebied
AANBOD = {
    "WONEN": [("Wasmachine", True, 350, 700), ("Inrichting van de woning", True, 800, 2500), ("Verhuiskosten", True, 400, 1500),
              ("Woonbegeleiding", False, 900, 3000), ("Hulp bij een woningaanvraag", False, 300, 900)],
    "FINANCIEN": [("Budgetcoaching", False, 600, 2400), ("Schuldhulptraject", False, 800, 3000),
                  ("Administratieve ondersteuning", False, 300, 1200), ("Voorkomen afsluiting energie", True, 150, 1200)],
    "GEZIN": [("Gezinscoaching", False, 1200, 4500), ("Opvoedondersteuning", False, 600, 2200), ("Kinderfiets en schoolspullen", True, 150, 600),
              ("Lidmaatschap sportclub kinderen", True, 100, 450)],
    "WERK": [("Sollicitatietraining", False, 500, 1500), ("Opleiding of cursus", False, 900, 5000), ("Laptop voor de opleiding", True, 400, 1100),
             ("Elektrische fiets voor werk", True, 900, 1800)],
    "ZORG": [("Traumatherapie (EMDR)", False, 800, 3200), ("Psychosociale begeleiding", False, 600, 2500), ("Lotgenotencontact", False, 100, 400),
             ("Bril of gehoorhulp", True, 150, 900)],
}
REDEN_AFWIJZING = "Niet noodzakelijk: er is een voorliggende voorziening."
MAANDEN = 12


def _adapteer_datum():
    return (lambda d: d.isoformat() if d is not None else None) if connection.vendor == "sqlite" else (lambda d: d)


class _Schrijver:
    """INSERTs rows of one model: ``velden`` vary per row, every other column gets its default once."""

    def __init__(self, model: type[models.Model], velden: tuple[str, ...], overrides: dict | None = None):
        self.model = model
        self.velden = velden
        overrides = overrides or {}
        vast = {}
        for f in model._meta.concrete_fields:
            if f.attname in velden:
                continue
            waarde = overrides.get(f.attname, f.get_default())
            if isinstance(f, (models.DateTimeField,)) and waarde in (None, "") and not f.null:
                waarde = datetime(2026, 1, 1, 9, 0, tzinfo=tz.utc)
            vast[f.attname] = f.get_db_prep_save(waarde, connection)
        self.vast_kolommen = list(vast)
        self.vast_waarden = tuple(vast.values())
        qn = connection.ops.quote_name
        kolommen = [model._meta.get_field(v).column if v != "id" else "id" for v in velden]
        kolommen += [model._meta.get_field(v).column for v in self.vast_kolommen]
        self.sql = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolommen)}) "
                    f"VALUES ({', '.join(['%s'] * len(kolommen))})")
        self.rijen: list[tuple] = []
        self.aantal = 0
        self.volgend_id = (model._base_manager.aggregate(m=Max("id"))["m"] or 0) + 1

    def nieuw_id(self) -> int:
        self.volgend_id += 1
        return self.volgend_id - 1

    def voeg_toe(self, rij: tuple) -> None:
        self.rijen.append(rij + self.vast_waarden)

    def schrijf(self, cursor) -> None:
        if self.rijen:
            cursor.executemany(self.sql, self.rijen)
            self.aantal += len(self.rijen)
            self.rijen = []


def _bias(rng: random.Random, consulenten: list[int]) -> dict[int | None, tuple[float, float]]:
    """Per consulent: a multiplier on the chance of a material provision and on the amounts."""
    bias: dict[int | None, tuple[float, float]] = {None: (1.0, 1.0)}
    for cid in consulenten:
        r = rng.random()
        if r < 0.08:
            bias[cid] = (2.2, 1.6)  # grants material provisions far more often, and more money
        elif r < 0.14:
            bias[cid] = (0.35, 0.75)
        else:
            bias[cid] = (rng.uniform(0.85, 1.15), rng.uniform(0.9, 1.1))
    return bias


@transaction.atomic
def kosten_laden(*, vandaag: date, seed: int = 2026, voorzieningen: int | None = None, demo: bool = False,
                 blokgrootte: int = 5000) -> dict[str, int]:
    """Write plans, provisions and costs; ``voorzieningen`` is the target total (None: about 5 per plan)."""
    rng = random.Random(f"{seed}-kosten")
    plandatum = dict(
        DossierGebeurtenis.objects.filter(soort=GebeurtenisSoort.PLAN_VASTGESTELD)
        .exclude(dossier__planversies__isnull=False).values_list("dossier_id", "datum").order_by("dossier_id")
    )
    if not plandatum:
        return {}
    # Read whole columns and filter here: an IN list of 150,000 ids is slower (and too long for SQLite).
    leefgebieden: dict[int, list[str]] = defaultdict(list)
    for did, lg in Hulpvraag.objects.values_list("eerste_gesprek__dossier_id", "leefgebied").order_by():
        if did in plandatum:
            leefgebieden[did].append(lg)
    dossiers = [r for r in Dossier.objects.values_list("id", "team_id", "behandelaar_id", "doelgroep").order_by()
                if r[0] in plandatum]
    dossiers.sort()
    per_plan = (voorzieningen / len(dossiers)) if voorzieningen else 5.0
    bias = _bias(rng, sorted({b for _d, _t, b, _g in dossiers if b is not None}))
    component = {c.soort: c.pk for c in SpukComponent.objects.filter(actief=True).order_by("-volgorde")}
    comp_a = component.get(Componentsoort.VOORZIENINGEN)
    comp_c = component.get(Componentsoort.SCHULDEN_KINDEREN, comp_a)
    d_ = _adapteer_datum()
    nu = datetime.combine(vandaag, datetime.min.time(), tzinfo=tz.utc)

    pv = _Schrijver(Planversie, ("id", "dossier_id", "versie", "soort", "status", "uitgegeven_op", "aangemaakt_door_id",
                                 "uitgegeven_door_id"), {"aangemaakt_op": nu, "gewijzigd_op": nu})
    dl = _Schrijver(Doel, ("id", "planversie_id", "leefgebied", "omschrijving"))
    vz = _Schrijver(Voorziening, ("id", "planversie_id", "doel_id", "omschrijving", "aard", "bedrag", "besluit", "besluitdatum",
                                  "noodzaak", "reden_afwijzing", "product_naam", "hoeveelheid"),
                    {"aangemaakt_op": nu, "gewijzigd_op": nu})
    vk = _Schrijver(Voorzieningskosten, ("id", "voorziening_id", "dossier_id", "team_id", "behandelaar_id", "doelgroep",
                                         "leefgebied", "aard", "besluit", "besluitdatum", "jaar", "component_id", "bedrag",
                                         "toegezegd_bedrag", "betaald_bedrag"), {"vastgelegd_op": nu})
    bt = _Schrijver(Betaling, ("id", "kosten_id", "component_id", "datum", "jaar", "bedrag", "kenmerk"), {"vastgelegd_op": nu})
    schrijvers = (pv, dl, vz, vk, bt)
    alle_lg = list(Leefgebied.values)
    with connection.cursor() as cursor:
        for i, (did, team_id, behandelaar_id, doelgroep) in enumerate(dossiers):
            datum = plandatum[did]
            versie_id = pv.nieuw_id()
            pv.voeg_toe((versie_id, did, 1, "EERSTE_PLAN", "UITGEGEVEN", d_(datum), behandelaar_id, behandelaar_id))
            lgs = leefgebieden.get(did) or rng.sample(alle_lg, rng.randint(1, 3))
            doel_ids = {}
            for lg in lgs:
                doel_ids[lg] = dl.nieuw_id()
                dl.voeg_toe((doel_ids[lg], versie_id, lg, f"Doel voor {Leefgebied(lg).label.lower()}"))
            kans_materieel, bedragfactor = bias.get(behandelaar_id, (1.0, 1.0))
            # Poisson-like: the mean per plan reaches the target total.
            aantal = max(1, int(rng.expovariate(1 / per_plan) + 0.5)) if per_plan > 1 else 1
            for _n in range(aantal):
                lg = rng.choice(lgs)
                opties = AANBOD[lg]
                materieel_opties = [o for o in opties if o[1]]
                if materieel_opties and rng.random() < min(0.95, 0.3 * kans_materieel):
                    omschrijving, materieel, laag, hoog = rng.choice(materieel_opties)
                else:
                    omschrijving, materieel, laag, hoog = rng.choice([o for o in opties if not o[1]] or opties)
                bedrag = Decimal(int(rng.uniform(laag, hoog) * bedragfactor)).quantize(Decimal("1.00"))
                afgewezen = rng.random() < 0.11
                besluit = "AFGEWEZEN" if afgewezen else "TOEGEKEND"
                vid = vz.nieuw_id()
                aard = "MATERIEEL" if materieel else "IMMATERIEEL"
                vz.voeg_toe((vid, versie_id, doel_ids[lg], omschrijving, aard, bedrag, besluit, d_(datum),
                             "NOODZAAK" if materieel else "", REDEN_AFWIJZING if afgewezen else "", omschrijving, ""))
                kid = vk.nieuw_id()
                schuld_kind = doelgroep == Doelgroep.KIND_KINDREGELING and lg == "FINANCIEN" and omschrijving == "Schuldhulptraject"
                comp = comp_c if schuld_kind else comp_a
                betaald = Decimal("0.00")
                if not afgewezen and (vandaag - datum).days >= 14 and rng.random() >= 0.12:
                    delen = 1 if materieel else rng.choice((1, 2, 3))
                    for deel in range(delen):
                        betaald_op = datum + timedelta(days=rng.randint(7, 45) + deel * 90)
                        if betaald_op > vandaag:
                            break
                        stuk = (bedrag / delen).quantize(Decimal("0.01"))
                        betaald += stuk
                        bt.voeg_toe((bt.nieuw_id(), kid, comp, d_(betaald_op), betaald_op.year, stuk, f"F-{kid}-{deel + 1}"))
                vk.voeg_toe((kid, vid, did, team_id, behandelaar_id, doelgroep, lg, aard, besluit, d_(datum), datum.year,
                             comp, bedrag, Decimal("0.00") if afgewezen else bedrag, betaald))
            if (i + 1) % blokgrootte == 0:
                for s in schrijvers:
                    s.schrijf(cursor)
        for s in schrijvers:
            s.schrijf(cursor)

    from nieuwestart.demodata.generator import _herstel_sequences

    _herstel_sequences([Planversie, Doel, Voorziening, Voorzieningskosten, Betaling])
    aantallen = {s.model._meta.label: s.aantal for s in schrijvers}
    aantallen.update(_organisatie_laden(rng, vandaag=vandaag, demo=demo))
    return aantallen


def _organisatie_laden(rng: random.Random, *, vandaag: date, demo: bool) -> dict[str, int]:
    """Staff costs per month, collective initiatives and UHT counts per year; at demo scale a closed year."""
    if Organisatiekosten.objects.exists() or UhtTelling.objects.exists():
        return {}
    organisatie = SpukComponent.objects.filter(soort=Componentsoort.ORGANISATIE, actief=True).first()
    collectief = SpukComponent.objects.filter(soort=Componentsoort.COLLECTIEF, actief=True).first()
    schaal = 1 if demo else 40
    kosten, initiatieven, tellingen = [], [], []
    for jaar in range(2021, vandaag.year + 1):
        for maand in range(1, 13):
            dag = date(jaar, maand, 28)
            if dag > vandaag:
                break
            uren = Decimal(rng.randint(300, 420) * schaal)
            kosten.append(Organisatiekosten(jaar=jaar, datum=dag, component=organisatie, soort="PERSONEEL",
                                            omschrijving=f"Uren brede ondersteuning {maand:02d}-{jaar}", uren=uren,
                                            bedrag=uren * Decimal("78.00")))
            if maand % 3 == 0:
                kosten.append(Organisatiekosten(jaar=jaar, datum=dag, component=organisatie, soort="OVERHEAD",
                                                omschrijving=f"Overhead kwartaal {maand // 3} {jaar}",
                                                bedrag=Decimal(rng.randint(6000, 9000) * schaal)))
        for n in range(rng.randint(3, 6) * (1 if demo else 10)):
            dag = date(jaar, rng.randint(1, 12), rng.randint(1, 28))
            if dag > vandaag:
                continue
            soort = rng.choice(["LOTGENOTENBIJEENKOMST", "LOTGENOTENBIJEENKOMST", "EVENEMENT"])
            naam = "Lotgenotenavond ouders" if soort == "LOTGENOTENBIJEENKOMST" else "Zomeractiviteit voor gezinnen"
            initiatieven.append(CollectiefInitiatief(
                naam=f"{naam} {n + 1}", soort=soort, datum=dag, jaar=jaar, aantal_deelnemers=rng.randint(8, 40),
                bedrag=Decimal(rng.randint(150, 1800)), component=collectief,
            ))
    # UHT's published counts: a little above what reached the municipality.
    per_doelgroep = dict(Dossier.objects.values("doelgroep").annotate(n=models.Count("rechthebbende_id", distinct=True))
                         .order_by().values_list("doelgroep", "n"))
    for jaar in range(max(2021, vandaag.year - 2), vandaag.year + 1):
        for doelgroep in Doelgroep.values:
            bereikt = per_doelgroep.get(doelgroep, 0)
            tellingen.append(UhtTelling(jaar=jaar, doelgroep=doelgroep, aantal=int(bereikt * rng.uniform(1.15, 1.6)) + 1,
                                        bron="UHT-dashboard (synthetisch)"))
    Organisatiekosten.objects.bulk_create(kosten)
    CollectiefInitiatief.objects.bulk_create(initiatieven)
    UhtTelling.objects.bulk_create(tellingen)
    uit = {"financien.Organisatiekosten": len(kosten), "financien.CollectiefInitiatief": len(initiatieven),
           "financien.UhtTelling": len(tellingen)}
    if demo and not SisaJaarafsluiting.objects.filter(jaar=vandaag.year - 2).exists():
        from .services import jaar_afsluiten

        jaar_afsluiten(jaar=vandaag.year - 2, door=None, nu=datetime.combine(vandaag, datetime.min.time(), tzinfo=tz.utc))
        uit["financien.SisaJaarafsluiting"] = 1
    return uit


def kosten_wissen() -> None:
    """For --reset: the rows that hang on no dossier (the rest goes with ``demodata_wissen``)."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (SisaJaarafsluiting, CollectiefInitiatief, Organisatiekosten, UhtTelling):
            cursor.execute(f"DELETE FROM {qn(model._meta.db_table)}")
