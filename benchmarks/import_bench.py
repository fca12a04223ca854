"""The Gegevensportaal contact-list import at scale, measured against bulk-insert floors.

    .venv/bin/python benchmarks/import_bench.py [--rijen 100000] [--database sqlite|postgresql|beide]

1. Generates (once, then reuses) a synthetic CONTACTLIJST CSV of ``--rijen`` rows with
   11-proef-valid BSNs under ``benchmarks/.data/``.
2. Per database, three identical FRESH databases, migrated once and copied (SQLite: file copies
   in WAL mode; PostgreSQL: a throwaway server started with ``scripts/postgres.sh`` on its own
   port and ``CREATE DATABASE … TEMPLATE``), each measured in its own process:
   - **app**: ``importeren.voorbeeld`` (preview), then ``importeren.uitvoeren`` (+ flushing the
     processing log, as ``manage.py portaal_importeren`` does);
   - **vloer (plain SQL)**: parse the same file with the ``csv`` module and insert the same rows
     (SQLite: ``executemany``; PostgreSQL: each batch as one JSON document, its faster path) into the
     same tables — Rechthebbende, Dossier, Huishouden, two DossierGebeurtenissen,
     the same number of Termijnen per dossier as the app wrote, Importregel and one processing-log
     line per person — in one transaction (batches of 1,000 rows, values pre-adapted once), no
     validation, no hashing, nothing read back;
   - **vloer (bulk_create)**: the same rows as model instances with Django's ``bulk_create``.
3. Reports the ratio of the app's commit to each floor; the target (≤ 2×) is judged against the
   faster of the two floors on that database.

Memory is the app process's peak resident set size (``ru_maxrss``) after each phase (whole
process: interpreter, Django, the file's bytes); not tracemalloc, which would slow the commit.

Prints a Markdown table and writes it to ``benchmarks/results/import.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, RESULTATEN, ROOT, django_instellen  # noqa: E402

DOEL_RATIO = 2.0
DOEL_GEHEUGEN_MB = 300.0
VOLLEDIG = 100_000
BATCH = 1000
KOP = [
    "BSN", "Voornamen", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Doelgroep", "Straat", "Huisnummer",
    "Postcode", "Woonplaats", "Telefoonnummer", "Email", "Contactvoorkeur", "Aanmelddatum",
]
DOELGROEPEN = ["erkend gedupeerde ouder", "erkend gedupeerde ex-toeslagpartner", "aangemelde aanvrager"]
TEAM, GEBRUIKER = "Team Benchmark", "bench-import"
PG_OMGEVING = {"NS_PG_DIR": "/tmp/nieuwestart-bench-pg", "NS_PG_PORT": "54341"}


def piek_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


# --------------------------------------------------------------------------- the file


def contactlijst(rijen: int) -> Path:
    from nieuwestart.common.bsn import genereer_bsn

    pad = DATA / f"contactlijst-bench-{rijen}.csv"
    if pad.exists():
        return pad
    rng = random.Random(2026)
    gezien: set[str] = set()
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(KOP)
        while len(gezien) < rijen:
            bsn = genereer_bsn(rng)
            if bsn in gezien:
                continue
            gezien.add(bsn)
            i = len(gezien)
            w.writerow([
                bsn, rng.choice(["Eva", "Fatima", "Sanne", "Mohamed", "Johan Pieter"]), rng.choice(["", "de", "van"]),
                rng.choice(["Jansen", "El Amrani", "Bakker", "Yılmaz", "Visser"]),
                f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1950, 2000)}",
                rng.choice(DOELGROEPEN), "Dorpsstraat", str(rng.randint(1, 300)),
                f"{rng.randint(1000, 9999)} {rng.choice('ABCEGHJKLMNPRSTVWXZ')}{rng.choice('ABCEGHJKLMNPRSTVWXZ')}",
                "Utrecht", f"06{rng.randint(10_000_000, 99_999_999)}", f"persoon{i}@voorbeeld.nl",
                rng.choice(["telefoon", "email", "post"]), f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-2024",
            ])
    return pad


# --------------------------------------------------------------------------- measured in a child process


def _team_en_gebruiker():
    from nieuwestart.accounts.models import Team, User

    team = Team.objects.create(naam=TEAM)
    door = User.objects.create_user(GEBRUIKER, password="niet-geheim-wachtwoord-1")
    door.teams.add(team)
    return team, door


def app_meten(pad: Path) -> dict:
    from django.utils import timezone as djtz

    from nieuwestart.aanmeldingen import importeren
    from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Rechthebbende
    from nieuwestart.logboek.models import Verwerking
    from nieuwestart.logboek.services import openstaande_regels_vastleggen
    from nieuwestart.termijnen.models import Termijn

    team, door = _team_en_gebruiker()
    inhoud = pad.read_bytes()
    vandaag = djtz.localdate()
    uit: dict = {"geheugen_start_mb": piek_mb()}

    start = time.perf_counter()
    vb = importeren.voorbeeld(inhoud=inhoud, bestandsnaam=pad.name, doel_gekozen="CONTACTLIJST", team=team,
                              vandaag=vandaag)
    uit["voorbeeld_s"] = time.perf_counter() - start
    uit["voorbeeld_mb"] = piek_mb()
    uit["voorbeeld_tellingen"] = (vb.aantal_nieuw, vb.aantal_bijgewerkt, vb.aantal_ongewijzigd, vb.aantal_afgewezen)

    start = time.perf_counter()
    try:
        bestand = importeren.uitvoeren(inhoud=inhoud, bestandsnaam=pad.name, doel_gekozen="CONTACTLIJST", team=team,
                                       door=door, vandaag=vandaag)
    finally:
        openstaande_regels_vastleggen()
    uit["commit_s"] = time.perf_counter() - start
    uit["commit_mb"] = piek_mb()
    uit["commit_tellingen"] = (bestand.aantal_nieuw, bestand.aantal_bijgewerkt, bestand.aantal_ongewijzigd,
                               bestand.aantal_afgewezen)
    uit["rijen_in_db"] = {m.__name__: m.objects.count()
                          for m in (Rechthebbende, Dossier, DossierGebeurtenis, Termijn, Verwerking)}
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        uit["versie"] = cursor.fetchone()[0]
    return uit


def _vloer_rijen(pad: Path, team_id: int, door_id: int, bestand_id: int, activiteit_id: int, termijnen: int,
                 aanpassen):
    """Per batch of the file: {model: [row tuples]} with explicit ids, no validation.

    ``aanpassen`` turns a date / datetime / dict into what the insert path wants (done once per
    distinct value, as any bulk loader would)."""
    from nieuwestart.aanmeldingen.models import Importregel
    from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Huishouden, Rechthebbende
    from nieuwestart.logboek.models import Verwerking
    from nieuwestart.termijnen.models import Termijn

    nu = aanpassen(datetime.now(timezone.utc))
    vandaag = aanpassen(date.today())
    doelgroep = {"erkend gedupeerde ouder": "ERKENDE_OUDER",
                 "erkend gedupeerde ex-toeslagpartner": "ERKENDE_EX_PARTNER",
                 "aangemelde aanvrager": "AANGEMELDE_AANVRAGER"}
    kanaal = {"telefoon": "TELEFOON", "email": "EMAIL", "post": "POST"}
    aangemeld = aanpassen({"bron": "GEGEVENSPORTAAL", "eerste_gesprek_weken": 8})
    geverifieerd = aanpassen({"bron": "GEGEVENSPORTAAL", "importbestand": bestand_id})
    hash_ = "0" * 64
    nr = geb_id = term_id = 0
    with pad.open(encoding="utf-8", newline="") as f:
        lezer = csv.reader(f, delimiter=";")
        next(lezer)
        while True:
            blok = [r for _, r in zip(range(BATCH), lezer, strict=False)]
            if not blok:
                return
            rijen: dict = {m: [] for m in (Rechthebbende, Dossier, Huishouden, DossierGebeurtenis, Termijn,
                                           Importregel, Verwerking)}
            for r in blok:
                nr += 1
                d, m, j = r[4].split("-")
                rijen[Rechthebbende].append((nr, r[0], r[1], r[2], r[3], f"{j}-{m}-{d}", r[10], r[11], r[6], r[7],
                                             r[8], r[9], kanaal[r[12]], nu))
                rijen[Dossier].append((nr, f"NS-{nr:06d}", nr, doelgroep[r[5]], "GEVERIFIEERD", "GEGEVENSPORTAAL",
                                       vandaag, None, team_id, vandaag, "EERSTE_GESPREK", nu, nu))
                rijen[Huishouden].append((nr, nr, vandaag))
                for soort, gegevens in (("AANGEMELD", aangemeld), ("GEVERIFIEERD", geverifieerd)):
                    geb_id += 1
                    rijen[DossierGebeurtenis].append((geb_id, nr, soort, vandaag, nu, door_id, gegevens, ""))
                for k in range(termijnen):
                    term_id += 1
                    rijen[Termijn].append((term_id, nr, f"REGEL_{k}", "", vandaag, vandaag, vandaag, 0, None, None,
                                           False, None, None))
                rijen[Importregel].append((nr, bestand_id, f"{nr:064d}", nr + 1, "NIEUW", nr))
                rijen[Verwerking].append((nr, nr, "t" * 32, "o" * 16, "", "OK", "portaalbestand_importeren", nu, nu,
                                          activiteit_id, hash_, "importbestand", str(bestand_id), hash_, hash_, 1))
            yield rijen


VLOER_VELDEN = {
    "Rechthebbende": ("id", "bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "telefoonnummer",
                      "email", "straat", "huisnummer", "postcode", "woonplaats", "voorkeurskanaal", "aangemaakt_op"),
    "Dossier": ("id", "dossiernummer", "rechthebbende_id", "doelgroep", "status", "bron", "aanmelddatum",
                "behandelaar_id", "team_id", "volgende_termijn_einddatum", "volgende_termijn_regel", "aangemaakt_op",
                "gewijzigd_op"),
    "Huishouden": ("id", "dossier_id", "peildatum"),
    "DossierGebeurtenis": ("id", "dossier_id", "soort", "datum", "vastgelegd_op", "door_id", "gegevens",
                           "toelichting"),
    "Termijn": ("id", "dossier_id", "regel", "sleutel", "startdatum", "oorspronkelijke_einddatum", "einddatum",
                "opgeschorte_dagen", "opgeschort_sinds", "verdaagd_tot", "atw_verlengd", "voldaan_op",
                "vervallen_op"),
    "Importregel": ("id", "importbestand_id", "rij_sleutel", "regelnummer", "uitkomst", "dossier_id"),
    "Verwerking": ("id", "volgnummer", "trace_id", "operation_id", "bovenliggende_operation_id", "status", "naam",
                   "gestart_op", "beeindigd_op", "activiteit_id", "betrokkene_hash", "object_type", "object_id",
                   "vorige_hash", "hash", "deel"),
}


def vloer_meten(pad: Path, soort: str, termijnen: int) -> dict:
    from django.db import connection, transaction

    from nieuwestart.aanmeldingen.models import Importbestand
    from nieuwestart.common.bulk import json_document, json_invoeg_sql
    from nieuwestart.logboek.services import huidige_activiteit_id

    team, door = _team_en_gebruiker()
    bestand = Importbestand.objects.create(inhoud_hash="0" * 64, bestandsnaam=pad.name, doel="CONTACTLIJST",
                                           door=door, team=team)
    activiteit_id = huidige_activiteit_id()
    ops = connection.ops

    if soort == "sql" and connection.vendor == "postgresql":
        def aanpassen(w):  # the JSON document below takes the values as they are
            return w
    elif soort == "sql":
        def aanpassen(w):
            if isinstance(w, datetime):
                return ops.adapt_datetimefield_value(w)
            if isinstance(w, date):
                return ops.adapt_datefield_value(w)
            return json.dumps(w) if isinstance(w, dict) else w
    else:
        def aanpassen(w):
            return w

    start = time.perf_counter()
    with transaction.atomic():
        for rijen in _vloer_rijen(pad, team.pk, door.pk, bestand.pk, activiteit_id, termijnen, aanpassen):
            for model, lijst in rijen.items():
                velden = VLOER_VELDEN[model.__name__]
                if soort == "sql":
                    kolommen = ", ".join(ops.quote_name(model._meta.get_field(v).column) for v in velden)
                    begin = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({kolommen}) VALUES "
                    plekken = f"({', '.join(['%s'] * len(velden))})"
                    with connection.cursor() as cursor:
                        if connection.vendor == "sqlite":
                            cursor.executemany(begin + plekken, lijst)
                        else:  # the faster way on PostgreSQL: the batch as one JSON document (common/bulk.py)
                            namen = [model._meta.get_field(v).column for v in velden]
                            cursor.execute(json_invoeg_sql(model, namen), [json_document(namen, lijst)])
                else:
                    model.objects.bulk_create([model(**dict(zip(velden, rij, strict=True))) for rij in lijst])
    return {"vloer_s": time.perf_counter() - start}


def kind(args) -> None:
    """Child process: one measurement on one database; prints JSON on the last line."""
    django_instellen(args.db)
    pad = Path(args.bestand)
    uit = app_meten(pad) if args.meet == "app" else vloer_meten(pad, args.meet.removeprefix("vloer-"), args.termijnen)
    print(json.dumps(uit))


# --------------------------------------------------------------------------- orchestration


def _in_kind(meet: str, db: str, pad: Path, termijnen: int = 0) -> dict:
    uit = subprocess.run(
        [sys.executable, __file__, "--meet", meet, "--db", db, "--bestand", str(pad), "--termijnen", str(termijnen)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def _migreren(db: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], check=True, cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "nieuwestart.conf.dev", "DATABASE_URL": db, "DJANGO_DEBUG": "0"},
    )


def sqlite_databases(rijen: int) -> dict[str, str]:
    DATA.mkdir(parents=True, exist_ok=True)
    paden = {naam: DATA / f"import-{rijen}-{naam}.sqlite3" for naam in ("app", "vloer-sql", "vloer-orm")}
    for basis in paden.values():
        for pad in (basis, Path(f"{basis}-wal"), Path(f"{basis}-shm")):
            pad.unlink(missing_ok=True)
    _migreren(f"sqlite:///{paden['app']}")
    import sqlite3

    con = sqlite3.connect(paden["app"])
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for naam in ("vloer-sql", "vloer-orm"):
        shutil.copyfile(paden["app"], paden[naam])
    return {naam: f"sqlite:///{pad}" for naam, pad in paden.items()}


def postgres_databases() -> tuple[dict[str, str], callable]:
    omgeving = {**os.environ, **PG_OMGEVING}
    basis = subprocess.run([str(ROOT / "scripts/postgres.sh"), "start"], check=True, capture_output=True, text=True,
                           env=omgeving).stdout.strip()
    server = basis.rsplit("/", 1)[0]
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as con:
        con.execute("CREATE DATABASE bench_app")
    _migreren(f"{server}/bench_app")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as con:
        for naam in ("bench_vloer_sql", "bench_vloer_orm"):
            con.execute(f"CREATE DATABASE {naam} TEMPLATE bench_app")

    def stoppen():
        subprocess.run([str(ROOT / "scripts/postgres.sh"), "stop"], env=omgeving, check=False)

    urls = {"app": f"{server}/bench_app", "vloer-sql": f"{server}/bench_vloer_sql",
            "vloer-orm": f"{server}/bench_vloer_orm"}
    return urls, stoppen


def meten(database: str, rijen: int, pad: Path) -> dict:
    stoppen = None
    if database == "sqlite":
        urls = sqlite_databases(rijen)
    else:
        urls, stoppen = postgres_databases()
    try:
        app = _in_kind("app", urls["app"], pad)
        termijnen = round(app["rijen_in_db"]["Termijn"] / max(app["rijen_in_db"]["Dossier"], 1))
        sql = _in_kind("vloer-sql", urls["vloer-sql"], pad, termijnen)
        orm = _in_kind("vloer-orm", urls["vloer-orm"], pad, termijnen)
    finally:
        if stoppen:
            stoppen()
    return {"database": database, "versie": app["versie"], "app": app, "sql": sql, "orm": orm, "termijnen": termijnen}


def verslag(rijen: int, metingen: list[dict], commando: str) -> str:
    ok = lambda b: "gehaald" if b else "**niet gehaald**"  # noqa: E731
    regels = [
        f"# Import van een contactlijst ({rijen:,} rijen)",
        "",
        f"Gemeten op {date.today().isoformat()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPU's. Commando: `{commando}`",
        "",
        "| database | meting | tijd | rijen/s | piek-RSS (MB) |",
        "|---|---|---:|---:|---:|",
    ]
    doelen = ["", "| database | doel | gemeten | |", "|---|---|---:|---|"]
    for m in metingen:
        app, db = m["app"], f"{m['database']} ({m['versie']})"
        regels += [
            f"| {db} | voorbeeld (`voorbeeld`) | {app['voorbeeld_s']:.1f} s | {rijen / app['voorbeeld_s']:,.0f} | "
            f"{app['voorbeeld_mb']:.0f} |",
            f"| {db} | commit (`uitvoeren` + logboek) | {app['commit_s']:.1f} s | {rijen / app['commit_s']:,.0f} | "
            f"{app['commit_mb']:.0f} |",
            f"| {db} | vloer: csv + plain SQL | {m['sql']['vloer_s']:.1f} s | {rijen / m['sql']['vloer_s']:,.0f} | – |",
            f"| {db} | vloer: csv + bulk_create | {m['orm']['vloer_s']:.1f} s | {rijen / m['orm']['vloer_s']:,.0f} | – |",
        ]
        snelste, naam = min((m["sql"]["vloer_s"], "plain SQL"), (m["orm"]["vloer_s"], "bulk_create"))
        ratio = app["commit_s"] / snelste
        geheugen = max(app["voorbeeld_mb"], app["commit_mb"])
        doelen += [
            f"| {db} | commit ≤ {DOEL_RATIO:.0f}× de snelste vloer ({naam}) | {ratio:.2f}× | {ok(ratio <= DOEL_RATIO)} |",
            f"| {db} | commit / vloer plain SQL · bulk_create | {app['commit_s'] / m['sql']['vloer_s']:.2f}× · "
            f"{app['commit_s'] / m['orm']['vloer_s']:.2f}× | – |",
            f"| {db} | piekgeheugen < {DOEL_GEHEUGEN_MB:.0f} MB | {geheugen:.0f} MB | {ok(geheugen < DOEL_GEHEUGEN_MB)} |",
        ]
    regels += doelen
    for m in metingen:
        app = m["app"]
        regels += [
            "",
            f"{m['database']}: tellingen voorbeeld (nieuw, bijgewerkt, ongewijzigd, afgewezen) "
            f"{tuple(app['voorbeeld_tellingen'])}, commit {tuple(app['commit_tellingen'])}; rijen na de commit "
            f"{app['rijen_in_db']}; de vloeren schrijven per rij evenveel rijen ({m['termijnen']} termijn(en) per "
            f"dossier). Geheugen: {app['geheugen_start_mb']:.0f} MB na het opstarten van Django.",
        ]
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rijen", type=int, default=VOLLEDIG)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "beide"], default="beide")
    parser.add_argument("--uitvoer", type=Path, default=RESULTATEN / "import.md")
    # Child-process options (one measurement).
    parser.add_argument("--meet", choices=["app", "vloer-sql", "vloer-orm"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--bestand", help=argparse.SUPPRESS)
    parser.add_argument("--termijnen", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.meet:
        kind(args)
        return

    DATA.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nieuwestart.conf.dev")
    import django

    django.setup()
    pad = contactlijst(args.rijen)
    print(f"Bestand: {pad} ({pad.stat().st_size / 1e6:.1f} MB)", flush=True)
    databases = ["sqlite", "postgresql"] if args.database == "beide" else [args.database]
    metingen = []
    for database in databases:
        print(f"Meten op {database}…", flush=True)
        metingen.append(meten(database, args.rijen, pad))
    commando = f".venv/bin/python benchmarks/import_bench.py --rijen {args.rijen} --database {args.database}"
    tekst = verslag(args.rijen, metingen, commando)
    print(tekst)
    uitvoer = args.uitvoer.resolve()
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    uitvoer.write_text(tekst)
    print(f"Geschreven naar {uitvoer}")


if __name__ == "__main__":
    main()
