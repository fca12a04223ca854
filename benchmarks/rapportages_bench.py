"""The dashboards and the SiSa export at national scale, each next to a hand-written SQL floor.

    .venv/bin/python benchmarks/rapportages_bench.py [--rechthebbenden 150000 --dossiers 200000 --voorzieningen 1000000]
        [--herhalingen 5] [--opnieuw] [--database-url postgres://…]

Builds (or reuses) a separate database (SQLite under ``benchmarks/.data/``, or the PostgreSQL database
given with ``--database-url``), seeds it with the national-scale generator including plans, provisions
and costs (``seed_national(..., voorzieningen=N)``, the same code as
``manage.py seed_demo --scale national --voorzieningen N``), and then in the same run times:

1. each dashboard as a whole request through Django's test ``Client`` (server time: view, queries,
   template), as the beleidsmedewerker or, for equal treatment, the teamleider of the largest team;
2. the SiSa export (XLSX) of the current, open year: computed live, the expensive case (a closed
   year reads its stored snapshot);
3. the floor: the same aggregates as hand-written SQL on the same connection (no ORM, no template).

Prints a Markdown table and writes it to ``benchmarks/results/rapportages-latest.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DATA, RESULTATEN, Meting, django_instellen, inloggen, machine, meet, tel_queries, vloer  # noqa: E402

DOEL_MS = 1000.0


def database_klaarmaken(args, meta_pad: Path) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from nieuwestart.demodata import generator
    from nieuwestart.dossiers.models import Dossier
    from nieuwestart.plannen.models import Voorziening

    meta = json.loads(meta_pad.read_text()) if meta_pad.exists() else {}
    call_command("migrate", verbosity=0)
    if meta.get("dossiers") == args.dossiers and Dossier.objects.count() == args.dossiers and Voorziening.objects.exists():
        meta["hergebruikt"] = True
        return meta
    vandaag = date.today()
    print(f"Landelijke testgegevens maken: {args.rechthebbenden:,} rechthebbenden, {args.dossiers:,} dossiers, "
          f"ongeveer {args.voorzieningen:,} voorzieningen ...", flush=True)
    rapport = generator.seed_national(
        rechthebbenden=args.rechthebbenden, dossiers=args.dossiers, vandaag=vandaag, workers=args.workers,
        voorzieningen=args.voorzieningen, reset=bool(Dossier.objects.exists()), uit=sys.stdout,
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    meta = {
        "vandaag": vandaag.isoformat(), "dossiers": args.dossiers, "seed_seconden": round(rapport.seconden, 1),
        "seed_fasen": {k: round(v, 1) for k, v in rapport.fasen.items()}, "aantallen": rapport.aantallen,
        "hergebruikt": False,
    }
    meta_pad.write_text(json.dumps(meta, indent=2))
    return meta


def _sql(sqlite: bool) -> dict[str, tuple[tuple[str, ...], list]]:
    """The floors: the same aggregates as the dashboards, hand-written, portable where it matters."""
    dagen = ("CAST(julianday(t.voldaan_op) - julianday(t.startdatum) AS INTEGER)" if sqlite
             else "(t.voldaan_op - t.startdatum)")
    jaar = date.today().year
    begin, eind = date(jaar, 1, 1).isoformat(), date(jaar, 12, 31).isoformat()
    vandaag = date.today().isoformat()

    def som(voorwaarde: str) -> str:
        return f"SUM(CASE WHEN {voorwaarde} THEN 1 ELSE 0 END)"

    toegekend, afgewezen = som("besluit = 'TOEGEKEND'"), som("besluit = 'AFGEWEZEN'")
    materieel = som("besluit = 'TOEGEKEND' AND aard = 'MATERIEEL'")
    immaterieel = som("besluit = 'TOEGEKEND' AND aard = 'IMMATERIEEL'")
    return {
        "bereik": ((
            "SELECT d.doelgroep, COUNT(DISTINCT d.rechthebbende_id), COUNT(*), "
            "COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM plannen_planversie p WHERE p.dossier_id = d.id "
            "AND p.status = 'UITGEGEVEN') THEN d.rechthebbende_id END), "
            "COUNT(DISTINCT CASE WHEN d.status IN ('PLAN_VASTGESTELD', 'AFBOUW') THEN d.rechthebbende_id END), "
            "COUNT(DISTINCT CASE WHEN d.status IN ('BEEINDIGD', 'NAZORG', 'AFGESLOTEN') THEN d.rechthebbende_id END) "
            "FROM dossiers_dossier d GROUP BY d.doelgroep",
            "SELECT doelgroep, aantal FROM financien_uhttelling WHERE jaar = %s",
        ), [[], [jaar]]),
        "doorlooptijden": ((
            f"SELECT t.regel, {dagen}, COUNT(*), {som('t.voldaan_op <= t.einddatum')} FROM termijnen_termijn t "
            "WHERE t.regel IN ('EERSTE_GESPREK', 'PLAN_VAN_AANPAK') AND t.voldaan_op IS NOT NULL GROUP BY 1, 2",
            f"SELECT tm.naam, t.regel, COUNT(*), {som('t.einddatum < %s')} FROM termijnen_termijn t "
            "JOIN dossiers_dossier d ON d.id = t.dossier_id JOIN accounts_team tm ON tm.id = d.team_id "
            "WHERE t.voldaan_op IS NULL AND t.vervallen_op IS NULL AND t.regel IN ('EERSTE_GESPREK', 'PLAN_VAN_AANPAK') "
            "GROUP BY 1, 2",
        ), [[], [vandaag]]),
        "ondersteuning": ((
            f"SELECT leefgebied, {toegekend}, {afgewezen}, {materieel}, {immaterieel}, "
            "SUM(toegezegd_bedrag), SUM(vrijgevallen_bedrag), SUM(betaald_bedrag) "
            "FROM financien_voorzieningskosten GROUP BY leefgebied",
        ), [[]]),
        "sisa": ((
            "SELECT component_id, SUM(toegezegd_bedrag) FROM financien_voorzieningskosten WHERE jaar = %s GROUP BY 1",
            "SELECT component_id, SUM(vrijgevallen_bedrag) FROM financien_voorzieningskosten "
            "WHERE vervallen_op BETWEEN %s AND %s GROUP BY 1",
            "SELECT component_id, SUM(bedrag) FROM financien_betaling WHERE jaar = %s GROUP BY 1",
            "SELECT component_id, SUM(bedrag) FROM financien_organisatiekosten WHERE jaar = %s GROUP BY 1",
            "SELECT component_id, SUM(bedrag), COUNT(*) FROM financien_collectiefinitiatief WHERE jaar = %s GROUP BY 1",
            f"SELECT {som('versie = 1')}, {som('versie > 1')} FROM plannen_planversie "
            "WHERE status = 'UITGEGEVEN' AND uitgegeven_op BETWEEN %s AND %s",
            "SELECT d.doelgroep, COUNT(DISTINCT d.rechthebbende_id) FROM plannen_planversie p "
            "JOIN dossiers_dossier d ON d.id = p.dossier_id WHERE p.status = 'UITGEGEVEN' AND p.uitgegeven_op <= %s "
            "AND NOT EXISTS (SELECT 1 FROM dossiers_dossiergebeurtenis g "
            "WHERE g.dossier_id = d.id AND g.soort = 'BEEINDIGD' AND g.datum < %s) GROUP BY 1",
        ), [[jaar], [begin, eind], [jaar], [jaar], [jaar], [begin, eind], [eind, begin]]),  # per statement
    }


def _vloer(statements, params_per):
    from django.db import connection

    def uitvoeren():
        with connection.cursor() as cursor:
            for sql, params in zip(statements, params_per, strict=True):
                cursor.execute(sql, params)
                cursor.fetchall()

    return uitvoeren


def meten(args) -> list[Meting]:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from nieuwestart.accounts.models import Rol, User
    from nieuwestart.financien.models import Voorzieningskosten

    sqlite = connection.vendor == "sqlite"
    beleid, _ = User.objects.get_or_create(username="bench-beleid")
    from django.contrib.auth.models import Group

    beleid.groups.add(Group.objects.get(name=Rol.BELEIDSMEDEWERKER.value))
    grootste = (Voorzieningskosten.objects.values("team_id").annotate(n=Count("id")).order_by("-n").first() or {})["team_id"]
    leider, _ = User.objects.get_or_create(username="bench-teamleider")
    leider.groups.add(Group.objects.get(name=Rol.TEAMLEIDER.value))
    leider.teams.set([grootste])
    client_beleid, client_leider = Client(), Client()
    inloggen(client_beleid, beleid)
    inloggen(client_leider, leider)

    sql = _sql(sqlite)
    jaar = date.today().year
    team_vloer = vloer(
        "SELECT behandelaar_id, besluit, aard, toegezegd_bedrag, leefgebied, doelgroep FROM financien_voorzieningskosten "
        "WHERE team_id = %s", [grootste])

    def pagina(client, url):
        def ophalen():
            antwoord = client.get(url)
            assert antwoord.status_code == 200, (url, antwoord.status_code)
        return ophalen

    metingen = []
    gevallen = [
        ("Bereik en gebruik", pagina(client_beleid, "/rapportages/bereik/"), _vloer(*sql["bereik"])),
        ("Doorlooptijden", pagina(client_beleid, "/rapportages/doorlooptijden/"), _vloer(*sql["doorlooptijden"])),
        ("Ondersteuning", pagina(client_beleid, "/rapportages/ondersteuning/"), _vloer(*sql["ondersteuning"])),
        ("Ondersteuning, één team en één jaar", pagina(client_beleid, f"/rapportages/ondersteuning/?team={grootste}&van={jaar}-01-01&tot={jaar}-12-31"),
         _vloer([sql["ondersteuning"][0][0].replace("GROUP BY", "WHERE team_id = %s AND besluitdatum BETWEEN %s AND %s GROUP BY")],
                [[grootste, f"{jaar}-01-01", f"{jaar}-12-31"]])),
        ("Gelijke behandeling (grootste team)", pagina(client_leider, "/rapportages/gelijke-behandeling/"), team_vloer),
        ("Kosten en SiSa (pagina, open jaar)", pagina(client_beleid, f"/financien/?jaar={jaar}"),
         _vloer(*sql["sisa"])),
        ("SiSa-export XLSX (open jaar)", pagina(client_beleid, f"/financien/sisa/{jaar}/"),
         _vloer(*sql["sisa"])),
    ]
    for naam, functie, vloerfunctie in gevallen:
        print(f"  {naam} ...", flush=True)
        queries = tel_queries(functie)
        m = Meting(naam, meet(functie, args.herhalingen, opwarmen=1), queries=queries)
        m.vloer = Meting(naam + " (vloer)", meet(vloerfunctie, args.herhalingen, opwarmen=1))
        metingen.append(m)
    return metingen


def verslag(args, meta: dict, metingen: list[Meting], db_naam: str) -> str:
    from django.db import connection

    def ms(w: float) -> str:
        return f"{w:,.0f}".replace(",", ".")

    a = meta.get("aantallen", {})
    regels = [
        f"# Dashboards en SiSa-export ({connection.vendor}, {date.today().isoformat()})", "",
        f"Machine: {machine()}. Database: `{db_naam}`.",
        f"Gegevens: {a.get('dossiers.Rechthebbende', '?'):,} rechthebbenden, {a.get('dossiers.Dossier', '?'):,} dossiers, "
        f"{a.get('plannen.Voorziening', '?'):,} voorzieningen, {a.get('financien.Betaling', '?'):,} betalingen, "
        f"{a.get('termijnen.Termijn', '?'):,} termijnen.".replace(",", "."),
        f"Seed: {meta.get('seed_seconden')} s ({', '.join(f'{k} {v} s' for k, v in meta.get('seed_fasen', {}).items())})"
        f"{' (eerder gemaakt, hergebruikt)' if meta.get('hergebruikt') else ''}.",
        f"Herhalingen per meting: {args.herhalingen} (na 1 keer opwarmen). Doel: ≤ {DOEL_MS:.0f} ms servertijd.", "",
        "| meting | p50 ms | p95 ms | queries | vloer p50 ms | vloer p95 ms | verhouding p95 | ≤ 1 s |",
        "|---|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for m in metingen:
        regels.append(f"| {m.naam} | {ms(m.p50)} | {ms(m.p95)} | {m.queries} | {ms(m.vloer.p50)} | {ms(m.vloer.p95)} | "
                      f"{m.ratio:.1f} | {'ja' if m.p95 <= DOEL_MS else 'nee'} |")
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rechthebbenden", type=int, default=150_000)
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--voorzieningen", type=int, default=1_000_000)
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--opnieuw", action="store_true")
    parser.add_argument("--database-url", default=None, help="PostgreSQL: postgres://… (default: SQLite under .data)")
    parser.add_argument("--uitvoer", type=Path, default=RESULTATEN / "rapportages-latest.md")
    args = parser.parse_args()

    DATA.mkdir(parents=True, exist_ok=True)
    sleutel = f"rapportages-{args.rechthebbenden}-{args.dossiers}-{args.voorzieningen}"
    meta_pad = DATA / f"{sleutel}{'-pg' if args.database_url else ''}.json"
    if args.database_url:
        db: Path | str = args.database_url
        db_naam = "PostgreSQL"
    else:
        db = DATA / f"{sleutel}.sqlite3"
        db_naam = db.name
        if args.opnieuw:
            for pad in (db, meta_pad, Path(f"{db}-wal"), Path(f"{db}-shm")):
                pad.unlink(missing_ok=True)
    if args.opnieuw:
        meta_pad.unlink(missing_ok=True)
    django_instellen(db)
    start = time.perf_counter()
    meta = database_klaarmaken(args, meta_pad)
    print(f"Database klaar na {time.perf_counter() - start:.0f} s; meten ...", flush=True)
    metingen = meten(args)
    tekst = verslag(args, meta, metingen, db_naam)
    print(tekst)
    args.uitvoer.parent.mkdir(parents=True, exist_ok=True)
    args.uitvoer.write_text(tekst)


if __name__ == "__main__":
    main()
