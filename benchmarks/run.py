"""The worklist and the dossier page at national scale, measured against a hand-written SQL floor.

    .venv/bin/python benchmarks/run.py [--rechthebbenden 150000 --dossiers 200000] [--herhalingen 200] [--opnieuw]

Builds (or reuses) a separate SQLite database under ``benchmarks/.data/``, seeds it with
the national-scale generator (``nieuwestart.demodata.generator.seed_national``), and then,
in the same run, times through Django's test ``Client``:

1. the worklist ``/werkvoorraad/`` of a consulent with a typical number of dossiers, plus
   one filter and one search variant, and the selector alone (``werkvoorraad_queryset``'s
   first page);
2. the dossier page ``/dossiers/<pk>/`` for a dossier with few events and one with 200;
3. the plan editor ``/dossiers/<pk>/plan/1/`` and its live toets panel for a concept plan with
   2 and with 40 voorzieningen (made for the run in one transaction and rolled back after it);
4. the floor: the same question answered by one hand-written indexed SQL query (two for
   the dossier page) on the same connection.

It prints a Markdown table and writes it to ``benchmarks/results/latest.md``. See
``docs/performance.md`` for what the figures mean.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
RESULTATEN = ROOT / "benchmarks" / "results"

DOEL_P95_MS = 50.0
DOEL_RATIO = 2.0
VEEL_GEBEURTENISSEN = 200
PAGINA = 25


def django_instellen(db: Path | str) -> None:
    """The app's own dev settings on the benchmark database (a SQLite file or a database URL),
    with DEBUG off (no query log)."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "nieuwestart.conf.dev"
    os.environ["DATABASE_URL"] = db if isinstance(db, str) else f"sqlite:///{db}"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import warnings

    import django

    # WhiteNoise warns that collectstatic has not run; pages are measured without static files.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    django.setup()


# --------------------------------------------------------------------------- measuring


@dataclass
class Meting:
    naam: str
    tijden_ms: list[float]
    queries: int | None = None
    vloer: Meting | None = None
    toelichting: str = ""

    def p(self, kwantiel: float) -> float:
        gesorteerd = sorted(self.tijden_ms)
        # Nearest-rank percentile: the smallest value with at least kwantiel % of the values at or below it.
        index = max(0, min(len(gesorteerd) - 1, math.ceil(kwantiel / 100 * len(gesorteerd)) - 1))
        return gesorteerd[index]

    @property
    def p50(self) -> float:
        return self.p(50)

    @property
    def p95(self) -> float:
        return self.p(95)

    @property
    def ratio(self) -> float | None:
        return self.p95 / self.vloer.p95 if self.vloer else None


def meet(functie: Callable[[], object], herhalingen: int, opwarmen: int = 10) -> list[float]:
    for _ in range(opwarmen):
        functie()
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - start) * 1000)
    return tijden


def tel_queries(functie: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as vastgelegd:
        functie()
    return len(vastgelegd.captured_queries)


# --------------------------------------------------------------------------- database


def database_klaarmaken(args, db: Path, meta_pad: Path) -> dict:
    """Migrate and seed the benchmark database, or reuse it when it has the right counts."""
    from django.core.management import call_command
    from django.db import connection

    from nieuwestart.demodata import generator
    from nieuwestart.dossiers.models import Dossier, Rechthebbende

    meta = json.loads(meta_pad.read_text()) if meta_pad.exists() else {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    migreren = time.perf_counter() - start
    if (
        meta.get("veel_dossier_id")
        and meta.get("consulent_id")
        and Rechthebbende.objects.count() == args.rechthebbenden + 1
        and Dossier.objects.count() == args.dossiers + 1
    ):
        meta["hergebruikt"] = True
        return meta

    if Dossier.objects.exists():
        raise SystemExit(f"{db} heeft andere aantallen dan gevraagd; draai opnieuw met --opnieuw.")
    vandaag = date.today()
    print(f"Landelijke testgegevens maken: {args.rechthebbenden:,} rechthebbenden, {args.dossiers:,} dossiers ...")
    rapport = generator.seed_national(
        rechthebbenden=args.rechthebbenden, dossiers=args.dossiers, vandaag=vandaag, workers=args.workers,
        uit=sys.stdout,
    )
    consulent = typische_consulent()
    veel = dossier_met_veel_gebeurtenissen(consulent, vandaag)
    with connection.cursor() as cursor:
        # Clean up the WAL the big load left behind, so the measurements start from a tidy file.
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    meta = {
        "vandaag": vandaag.isoformat(),
        "seed_seconden": round(rapport.seconden, 1),
        "seed_fasen": {k: round(v, 1) for k, v in rapport.fasen.items()},
        "migreren_seconden": round(migreren, 1),
        "aantallen": rapport.aantallen,
        "veel_dossier_id": veel.pk,
        "consulent_id": consulent.pk,
        "hergebruikt": False,
    }
    meta_pad.write_text(json.dumps(meta, indent=2))
    return meta


def typische_consulent():
    """The national consulent with the median number of dossiers (what a typical worklist holds)."""
    from django.db.models import Count

    from nieuwestart.accounts.models import User

    consulenten = list(
        User.objects.filter(username__startswith="nl-consulent-")
        .annotate(n=Count("dossiers")).order_by("n", "id")
    )
    return consulenten[len(consulenten) // 2]


def dossier_met_veel_gebeurtenissen(consulent, vandaag: date):
    """A dossier of the consulent with 200 events: the page must not need more queries for it."""
    from django.db import transaction

    from nieuwestart.common.bsn import genereer_bsn
    from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as GS
    from nieuwestart.dossiers.models import (
        Aanmeldingsbron,
        Dossier,
        DossierGebeurtenis,
        DossierStatus,
        EersteGesprek,
        Gezinslid,
        Huishouden,
        Hulpvraag,
        Rechthebbende,
    )
    from nieuwestart.dossiers.services import volgend_dossiernummer
    from nieuwestart.termijnen.services import termijnen_bijwerken

    basis = few_events_dossier(consulent)
    rng = random.Random(200)

    def nieuw_bsn() -> str:
        while True:
            bsn = genereer_bsn(rng)
            if not Rechthebbende.objects.filter(bsn=bsn).exists() and not Gezinslid.objects.filter(bsn=bsn).exists():
                return bsn

    aanmelddatum = vandaag - timedelta(days=400)
    gesprek = aanmelddatum + timedelta(days=30)
    plan = gesprek + timedelta(days=40)
    with transaction.atomic():
        persoon = Rechthebbende.objects.create(
            bsn=nieuw_bsn(), voornamen="Veel", achternaam="Gebeurtenissen",
            geboortedatum=basis.rechthebbende.geboortedatum, telefoonnummer="0612345678",
        )
        dossier = Dossier.objects.create(
            dossiernummer=volgend_dossiernummer(aanmelddatum.year), rechthebbende=persoon, doelgroep=basis.doelgroep,
            status=DossierStatus.PLAN_VASTGESTELD, bron=Aanmeldingsbron.GEGEVENSPORTAAL, aanmelddatum=aanmelddatum,
            team=basis.team, behandelaar=consulent,
        )
        huishouden = Huishouden.objects.create(dossier=dossier, peildatum=aanmelddatum)
        # The same household shape as the few-events dossier, so only the number of events differs.
        Gezinslid.objects.bulk_create(
            Gezinslid(huishouden=huishouden, voornamen=lid.voornamen, achternaam=lid.achternaam,
                      geboortedatum=lid.geboortedatum, relatie=lid.relatie, bsn=nieuw_bsn() if lid.bsn else "",
                      inwonend=lid.inwonend)
            for lid in basis.huishouden.leden.all()
        )
        eerste = EersteGesprek.objects.create(dossier=dossier, datum=gesprek, gevoerd_door=consulent, aanwezigen="ouder")
        Hulpvraag.objects.create(eerste_gesprek=eerste, leefgebied="FINANCIEN", omschrijving="Overzicht van de schulden.")
        gebeurtenissen = [
            DossierGebeurtenis(dossier=dossier, soort=GS.AANGEMELD, datum=aanmelddatum,
                               gegevens={"bron": "GEGEVENSPORTAAL", "eerste_gesprek_weken": 8}),
            DossierGebeurtenis(dossier=dossier, soort=GS.GEVERIFIEERD, datum=aanmelddatum),
            DossierGebeurtenis(dossier=dossier, soort=GS.EERSTE_GESPREK_GEVOERD, datum=gesprek, door=consulent,
                               gegevens={"acute_situatie": False, "leefgebieden": ["FINANCIEN"]}),
            DossierGebeurtenis(dossier=dossier, soort=GS.PLAN_VASTGESTELD, datum=plan, door=consulent),
        ]
        dagen = (vandaag - plan).days
        for i in range(VEEL_GEBEURTENISSEN - len(gebeurtenissen)):
            gebeurtenissen.append(DossierGebeurtenis(
                dossier=dossier, soort=GS.TOELICHTING, datum=plan + timedelta(days=i * dagen // VEEL_GEBEURTENISSEN),
                door=consulent, toelichting=f"Contactmoment {i + 1}: voortgang besproken.",
            ))
        DossierGebeurtenis.objects.bulk_create(gebeurtenissen)
        termijnen_bijwerken(dossier, vandaag=vandaag)
    return dossier


def few_events_dossier(consulent):
    """A typical open dossier of the consulent: plan vastgesteld, the fewest events, a household."""
    from django.db.models import Count

    from nieuwestart.dossiers.models import Dossier, DossierStatus

    return (
        Dossier.objects.filter(behandelaar=consulent, status=DossierStatus.PLAN_VASTGESTELD, huishouden__leden__isnull=False)
        .annotate(n=Count("gebeurtenissen", distinct=True)).order_by("n", "id").first()
    )


# --------------------------------------------------------------------------- the floor

_WERKVOORRAAD_VLOER = """
    SELECT d.id, d.dossiernummer, d.doelgroep, d.status, d.aanmelddatum, d.volgende_termijn_einddatum,
           d.volgende_termijn_regel, r.voornamen, r.tussenvoegsel, r.achternaam, r.bsn
    FROM dossiers_dossier d JOIN dossiers_rechthebbende r ON r.id = d.rechthebbende_id
    WHERE {waar}
    ORDER BY d.volgende_termijn_einddatum ASC NULLS LAST, d.id
    LIMIT 25
"""
_DOSSIER_VLOER = (
    (
        "SELECT d.*, r.* FROM dossiers_dossier d JOIN dossiers_rechthebbende r ON r.id = d.rechthebbende_id "
        "WHERE d.id = %s"
    ),
    "SELECT g.* FROM dossiers_dossiergebeurtenis g WHERE g.dossier_id = %s ORDER BY g.datum, g.id",
)


def vloer(sql: str | tuple[str, ...], params: list) -> Callable[[], object]:
    from django.db import connection

    statements = (sql,) if isinstance(sql, str) else sql

    def uitvoeren():
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                cursor.fetchall()

    return uitvoeren


def queryplan(sql: str, params: list) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [rij[-1] for rij in cursor.fetchall()]


def werkvoorraad_sql(user, variant: dict[str, str]) -> tuple[str, list]:
    """The SQL Django sends for the worklist's first page (for its query plan)."""
    from nieuwestart.dossiers import permissions, selectors
    from nieuwestart.dossiers.forms import WerkvoorraadFilter

    filterset = WerkvoorraadFilter(variant or None, queryset=permissions.dossiers_voor_gebruiker(user), user=user)
    sql, params = selectors.werkvoorraad_queryset(filterset.qs)[:PAGINA].query.sql_with_params()
    return sql, list(params)


# --------------------------------------------------------------------------- the run


@dataclass
class Resultaat:
    metingen: list[Meting] = field(default_factory=list)
    plannen: dict[str, list[str]] = field(default_factory=dict)
    queries_gelijk: bool | None = None
    context: dict[str, str] = field(default_factory=dict)


def meten(args, meta: dict) -> Resultaat:
    from django.test import Client

    from nieuwestart.accounts.models import User
    from nieuwestart.dossiers import permissions, selectors
    from nieuwestart.dossiers.forms import WerkvoorraadFilter
    from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus

    n = args.herhalingen
    # Chosen when the database was made (before the 200-event dossier was added to it).
    consulent = User.objects.get(pk=meta["consulent_id"])
    client = Client()
    inloggen(client, consulent)
    uit = Resultaat()
    eigen = Dossier.objects.filter(behandelaar=consulent)
    team_ids = list(consulent.teams.values_list("id", flat=True))
    zoeknaam = eigen.order_by("id").values_list("rechthebbende__achternaam", flat=True)[len(eigen) // 2]
    team_omvang = Dossier.objects.filter(team_id__in=team_ids).count()
    uit.context["consulent"] = (
        f"Werkvoorraad van {consulent.username}: {eigen.count()} dossiers ({eigen.open().count()} open), "
        f"team van {team_omvang} dossiers"
    )

    # The floor asks the same question as the page: the user's own teams (access), then the filter.
    teams = f"d.team_id IN ({', '.join(['%s'] * len(team_ids))})"
    varianten = [
        ("Werkvoorraad (mijn dossiers)", {}, f"{teams} AND d.behandelaar_id = %s", [*team_ids, consulent.pk]),
        ("Werkvoorraad, filter: team + status geverifieerd", {"reikwijdte": "team", "status": DossierStatus.GEVERIFIEERD},
         f"{teams} AND d.status = %s", [*team_ids, DossierStatus.GEVERIFIEERD]),
        (f"Werkvoorraad, zoeken op naam ({zoeknaam!r})", {"zoek": zoeknaam},
         f"{teams} AND d.behandelaar_id = %s AND (r.achternaam LIKE %s OR r.voornamen LIKE %s OR r.tussenvoegsel = %s)",
         [*team_ids, consulent.pk, f"%{zoeknaam}%", f"%{zoeknaam}%", zoeknaam]),
    ]
    for naam, params, waar, vloer_params in varianten:
        antwoord = client.get("/werkvoorraad/", params)
        assert antwoord.status_code == 200, (naam, antwoord.status_code)
        vloer_sql = _WERKVOORRAAD_VLOER.format(waar=waar)
        vloermeting = Meting(f"vloer: {naam}", meet(vloer(vloer_sql, vloer_params), n))
        pagina = Meting(naam, meet(lambda p=params: client.get("/werkvoorraad/", p), n),
                        queries=tel_queries(lambda p=params: client.get("/werkvoorraad/", p)), vloer=vloermeting)
        uit.metingen.append(pagina)
        # The selector alone: the queryset of the first page, evaluated, against the same floor.
        filterset = WerkvoorraadFilter(params or None, queryset=permissions.dossiers_voor_gebruiker(consulent),
                                       user=consulent)
        qs = selectors.werkvoorraad_queryset(filterset.qs)
        uit.metingen.append(Meting(
            "– selector alleen: werkvoorraad_queryset, eerste pagina", meet(lambda q=qs: list(q[:PAGINA]), n),
            queries=tel_queries(lambda q=qs: list(q[:PAGINA])), vloer=vloermeting,
        ))
        if not params:
            # What the paginator adds: it counts all matching dossiers for "N dossiers gevonden".
            uit.metingen.append(Meting(
                "– selector + telling (Paginator.count)",
                meet(lambda q=qs: (list(q[:PAGINA]), q.count()), n),
                queries=tel_queries(lambda q=qs: (list(q[:PAGINA]), q.count())), vloer=vloermeting,
            ))
        sql, sql_params = werkvoorraad_sql(consulent, params)
        uit.plannen[naam] = queryplan(sql, sql_params)
        uit.plannen[f"vloer: {naam}"] = queryplan(vloer_sql, vloer_params)

    weinig = few_events_dossier(consulent)
    veel = Dossier.objects.get(pk=meta["veel_dossier_id"])
    aantallen = {}
    for label, dossier in (("weinig", weinig), ("veel", veel)):
        gebeurtenissen = DossierGebeurtenis.objects.filter(dossier=dossier).count()
        aantallen[label] = gebeurtenissen
        url = f"/dossiers/{dossier.pk}/"
        antwoord = client.get(url)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
        vloermeting = Meting(f"vloer: dossier {dossier.pk}", meet(vloer(_DOSSIER_VLOER, [dossier.pk]), n))
        uit.metingen.append(Meting(
            f"Dossierpagina, {gebeurtenissen} gebeurtenissen", meet(lambda u=url: client.get(u), n),
            queries=tel_queries(lambda u=url: client.get(u)), vloer=vloermeting,
            toelichting=f"{dossier.huishouden.leden.count()} gezinsleden",
        ))
        if label == "weinig":
            uit.metingen.append(Meting(
                "– selectors alleen: dossier_voor_pagina + termijnen_voor_pagina + tijdlijn",
                meet(lambda pk=dossier.pk: selectors_dossierpagina(selectors, pk), n),
                queries=tel_queries(lambda pk=dossier.pk: selectors_dossierpagina(selectors, pk)),
                vloer=vloermeting,
            ))
    pagina_queries = [m.queries for m in uit.metingen if m.naam.startswith("Dossierpagina")]
    uit.queries_gelijk = len(set(pagina_queries)) == 1
    planeditor_meten(client, consulent, uit, n)
    uit.context["dossiers"] = f"weinig: {aantallen['weinig']} gebeurtenissen, veel: {aantallen['veel']}"
    uit.context["logboek"] = logboek_kosten(client, n, weinig)
    return uit


PLAN_VOORZIENINGEN = (2, 40)
_PLAN_VLOER = (
    "SELECT p.* FROM plannen_planversie p WHERE p.dossier_id = %s AND p.versie = 1",
    "SELECT l.* FROM plannen_leefgebiedsituatie l JOIN plannen_planversie p ON p.id = l.planversie_id "
    "WHERE p.dossier_id = %s AND p.versie = 1",
    "SELECT d.* FROM plannen_doel d JOIN plannen_planversie p ON p.id = d.planversie_id "
    "WHERE p.dossier_id = %s AND p.versie = 1",
    "SELECT v.* FROM plannen_voorziening v JOIN plannen_planversie p ON p.id = v.planversie_id "
    "WHERE p.dossier_id = %s AND p.versie = 1",
)


class _Terugdraaien(Exception):
    pass


def concept_plan(dossier, consulent, voorzieningen: int, vandaag: date):
    """A realistic concept plan: five leefgebieden with two goals each and ``voorzieningen``
    complete provisions with their motivation, spread over the goals, amounts on both sides of
    the mandate thresholds. Written through the plan services, as the editor does."""
    from decimal import Decimal

    from nieuwestart.dossiers.models import Leefgebied
    from nieuwestart.plannen import services

    versie = services.planversie_aanmaken(dossier, consulent, vandaag=vandaag)
    doelen = []
    for leefgebied in Leefgebied:
        services.leefgebied_bijwerken(
            versie, leefgebied.value, consulent, situatie=f"Situatie bij de aanmelding: {leefgebied.label}.",
            voldoet_aan_doelstelling="NEE", hulpvraag=f"Hulp bij {leefgebied.label.lower()}.",
        )
        for i in (1, 2):
            doelen.append(services.doel_toevoegen(
                versie, consulent, leefgebied=leefgebied.value, omschrijving=f"Doel {i} voor {leefgebied.label}",
            ))
    motivering = {
        "belemmering": "Het gezin mist overzicht.", "geschiktheid": "Dit helpt direct.", "noodzaak": "NOODZAAK",
        "noodzakelijkheid": "Er is geen andere manier.", "evenredigheid": "De kosten passen bij het doel.",
        "weging_vaardigheden": "Kan dit met uitleg.", "weging_draagkracht": "Kan dit niet zelf betalen.",
        "weging_huishouden": "Ouder met twee kinderen.", "weging_duurzaamheid": "Blijvend effect.",
        "weging_doel": "Maakt het doel haalbaar.",
    }
    for i in range(voorzieningen):
        v = services.voorziening_toevoegen(
            doelen[i % len(doelen)], consulent, omschrijving=f"Voorziening {i + 1}",
            aard="IMMATERIEEL" if i % 3 else "MATERIEEL", bedrag=Decimal(150 + 97 * i), hoeveelheid="10 uur",
            begindatum=vandaag, einddatum=vandaag + timedelta(days=180), **motivering,
        )
        services.besluit_vastleggen(v, "TOEGEKEND", "", door=consulent)
    return versie


def planeditor_meten(client, consulent, uit: Resultaat, n: int) -> None:
    """The plan editor and its toets panel for plans of 2 and 40 provisions (issue 5: server time
    and a query count that does not grow with the provisions). The plans exist only during the run."""
    from django.db import transaction

    from nieuwestart.dossiers.models import Dossier, DossierStatus

    vandaag = date.today()
    kandidaten = list(
        Dossier.objects.filter(team__in=consulent.teams.all(), status=DossierStatus.EERSTE_GESPREK_GEVOERD,
                               eerste_gesprek__isnull=False, planversies__isnull=True)
        .order_by("id")[: len(PLAN_VOORZIENINGEN)]
    )
    if len(kandidaten) < len(PLAN_VOORZIENINGEN):
        uit.context["planeditor"] = "niet gemeten: te weinig dossiers na het eerste gesprek in het team van deze consulent"
        return
    try:
        with transaction.atomic():
            queries = []
            for dossier, aantal in zip(kandidaten, PLAN_VOORZIENINGEN, strict=True):
                concept_plan(dossier, consulent, aantal, vandaag)
                editor, toets = f"/dossiers/{dossier.pk}/plan/1/", f"/dossiers/{dossier.pk}/plan/1/toets/"
                assert client.get(editor).status_code == 200, editor
                vloermeting = Meting(f"vloer: plan {dossier.pk}", meet(vloer(_PLAN_VLOER, [dossier.pk]), n))
                pagina = Meting(
                    f"Planeditor, {aantal} voorzieningen", meet(lambda u=editor: client.get(u), n),
                    queries=tel_queries(lambda u=editor: client.get(u)), vloer=vloermeting,
                    toelichting="5 leefgebieden, 10 doelen",
                )
                paneel = Meting(
                    f"– toetspaneel (htmx), {aantal} voorzieningen",
                    meet(lambda u=toets: client.get(u, HTTP_HX_REQUEST="true"), n),
                    queries=tel_queries(lambda u=toets: client.get(u, HTTP_HX_REQUEST="true")), vloer=vloermeting,
                )
                uit.metingen += [pagina, paneel]
                queries.append((pagina.queries, paneel.queries))
            uit.context["planeditor"] = (
                f"zelfde aantal queries bij {PLAN_VOORZIENINGEN[0]} en {PLAN_VOORZIENINGEN[-1]} voorzieningen: "
                + ("ja" if len(set(queries)) == 1 else "**nee**")
                + "; de plannen bestaan alleen tijdens de meting (teruggedraaid)"
            )
            raise _Terugdraaien
    except _Terugdraaien:
        pass


def selectors_dossierpagina(selectors, pk: int):
    from django.utils import timezone

    dossier = selectors.dossier_voor_pagina(pk)
    return selectors.termijnen_voor_pagina(dossier, vandaag=timezone.localdate()), selectors.tijdlijn(dossier, hoeveel=50)


def logboek_kosten(client, n: int, dossier) -> str:
    """What the processing and security logs cost a page: the same pages with the logging call
    replaced by a no-op, in this run (issue: overhead target ≤ 20 % of the page's server time)."""
    from contextlib import contextmanager
    from unittest import mock

    @contextmanager
    def geen_logboek(*args, **kwargs):
        yield

    regels = []
    for naam, url in (("Werkvoorraad (25 regels per pagina)", "/werkvoorraad/"), ("Dossierpagina", f"/dossiers/{dossier.pk}/")):
        met = Meting(naam, meet(lambda u=url: client.get(u), n))
        with mock.patch("nieuwestart.dossiers.views.verwerking", geen_logboek):
            zonder = Meting(naam, meet(lambda u=url: client.get(u), n))
        extra = (met.p50 - zonder.p50) / zonder.p50 * 100
        regels.append(
            f"{naam}: p50 {met.p50:.1f} ms met logboek, {zonder.p50:.1f} ms zonder; "
            f"p95 {met.p95:.1f} / {zonder.p95:.1f} ms; extra tijd {extra:.0f} % (doel ≤ 20 %)"
        )
    return "; ".join(regels)


def statistieken(analyze: bool) -> str:
    """SQLite's planner statistics: ANALYZE with --analyze, else none (the app does not run ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if analyze:
            cursor.execute("ANALYZE")
            return "ja (`ANALYZE` gedraaid voor het meten)"
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone()[0]:
            cursor.execute("DROP TABLE sqlite_stat1")
    # A new connection, so the planner forgets statistics it may have loaded.
    connection.close()
    return "nee (zoals de app nu draait: geen `ANALYZE`)"


def inloggen(client, user) -> None:
    """force_login, then pass the second factor for this session, as the test suite's MfaClient does."""
    client.force_login(user)
    try:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from nieuwestart.accounts.mfa import markeer_geverifieerd
    except ImportError:  # an installation without MFA
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Benchmark", confirmed=True
    )
    session = client.session
    markeer_geverifieerd(session, device)
    session.save()


def machine() -> str:
    model = ""
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                model = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores{', ' + model if model else ''}, {platform.system()} {platform.machine()}"


def verslag(args, meta: dict, uit: Resultaat, db: Path) -> str:
    import sqlite3

    import django

    def ms(waarde: float) -> str:
        return f"{waarde:.1f}"

    def ja(waarde: bool) -> str:
        return "ja" if waarde else "**nee**"

    def nl(getal: int) -> str:
        return f"{getal:,}".replace(",", ".")

    fasen = ", ".join(f"{k} {v} s" for k, v in meta.get("seed_fasen", {}).items())
    hergebruikt = " (toen gemaakt; deze run hergebruikte de database)" if meta.get("hergebruikt") else ""
    regels = [
        "# Benchmark: werkvoorraad, dossierpagina en planeditor op landelijke schaal",
        "",
        f"- Gemeten: {time.strftime('%Y-%m-%d %H:%M')} op {machine()}",
        (
            f"- Python {platform.python_version()}, Django {django.get_version()}, SQLite {sqlite3.sqlite_version}; "
            f"database `{db.relative_to(ROOT)}` ({db.stat().st_size / 1e6:.0f} MB)"
        ),
        (
            f"- Gegevens: {nl(args.rechthebbenden)} rechthebbenden, {nl(args.dossiers)} dossiers (+1 met "
            f"{VEEL_GEBEURTENISSEN} gebeurtenissen); 'vandaag' bij het maken: {meta['vandaag']}"
        ),
        (
            f"- Landelijke seed: {meta['seed_seconden']} s{hergebruikt}; fasen: {fasen}; "
            f"migreren {meta['migreren_seconden']} s"
        ),
        f"- {uit.context.get('consulent', '')}; dossierpagina: {uit.context.get('dossiers', '')}",
        f"- Planner-statistieken: {uit.context.get('statistieken', '')}",
        f"- Kosten van het logboek: {uit.context.get('logboek', '')}",
        f"- Planeditor: {uit.context.get('planeditor', '')}",
        (
            f"- {args.herhalingen} herhalingen per meting na 10 keer opwarmen; tijd = rond `client.get` "
            "(servertijd, na `force_login`) of rond de query; p50/p95 in ms."
        ),
        "",
        (
            f"| Meting | p50 | p95 | queries | vloer p50 | vloer p95 | p95 / vloer | p95 ≤ {DOEL_P95_MS:.0f} ms "
            f"| ≤ {DOEL_RATIO:.0f}× vloer |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|:---:|:---:|",
    ]
    for m in uit.metingen:
        ratio = m.ratio
        regels.append(
            f"| {m.naam}{' (' + m.toelichting + ')' if m.toelichting else ''} | {ms(m.p50)} | {ms(m.p95)} | "
            f"{m.queries if m.queries is not None else '–'} | {ms(m.vloer.p50) if m.vloer else '–'} | "
            f"{ms(m.vloer.p95) if m.vloer else '–'} | {f'{ratio:.1f}×' if ratio else '–'} | "
            f"{ja(m.p95 <= DOEL_P95_MS)} | {ja(ratio is not None and ratio <= DOEL_RATIO)} |"
        )
    regels += [
        "",
        (
            f"Dossierpagina: zelfde aantal queries bij weinig en bij {VEEL_GEBEURTENISSEN} gebeurtenissen: "
            f"{ja(bool(uit.queries_gelijk))}."
        ),
        "",
        "## Queryplannen (SQLite `EXPLAIN QUERY PLAN`, eerste pagina)",
        "",
    ]
    for naam, plan in uit.plannen.items():
        regels.append(f"- {naam}: " + "; ".join(f"`{stap}`" for stap in plan))
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rechthebbenden", type=int, default=150_000)
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--herhalingen", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="processen voor de seed (standaard 2)")
    parser.add_argument("--opnieuw", action="store_true", help="de benchmarkdatabase opnieuw maken")
    parser.add_argument("--uitvoer", type=Path, default=RESULTATEN / "latest.md",
                        help="waar de Markdown-tabel heen gaat (standaard benchmarks/results/latest.md)")
    parser.add_argument("--analyze", action="store_true",
                        help="eerst SQLite-statistieken verzamelen (ANALYZE); standaard zonder, zoals de app draait")
    args = parser.parse_args()

    DATA.mkdir(parents=True, exist_ok=True)
    naam = f"landelijk-{args.rechthebbenden}-{args.dossiers}"
    db, meta_pad = DATA / f"{naam}.sqlite3", DATA / f"{naam}.json"
    if args.opnieuw:
        for pad in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), meta_pad):
            pad.unlink(missing_ok=True)
    django_instellen(db)
    meta = database_klaarmaken(args, db, meta_pad)
    stats = statistieken(args.analyze)
    uit = meten(args, meta)
    uit.context["statistieken"] = stats
    tekst = verslag(args, meta, uit, db)
    print(tekst)
    uitvoer = args.uitvoer.resolve()
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    uitvoer.write_text(tekst)
    print(f"Geschreven naar {uitvoer}")


if __name__ == "__main__":
    main()
