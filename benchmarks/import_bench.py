"""The Gegevensportaal contact-list import at scale, measured against a csv + executemany floor.

    .venv/bin/python benchmarks/import_bench.py [--rijen 100000] [--uitvoer benchmarks/results/import.md]

1. Generates (once, then reuses) a synthetic CONTACTLIJST CSV of ``--rijen`` rows with
   11-proef-valid BSNs under ``benchmarks/.data/``.
2. Migrates a FRESH SQLite file (``benchmarks/.data/import-<rijen>.sqlite3``, WAL, the app's
   own dev settings with DEBUG off) and copies it before anything is written, for the floor.
3. Times ``importeren.voorbeeld`` and ``importeren.uitvoeren`` (+ flushing the processing
   log, as ``manage.py portaal_importeren`` does) on that file.
4. Floor, on the copy, with the ``sqlite3`` module and the same pragmas: parse the same file
   with the ``csv`` module and insert the same rows into the same tables (Rechthebbende,
   Dossier, Huishouden, DossierGebeurtenis AANGEMELD + GEVERIFIEERD, Termijn) in one
   transaction with ``executemany`` (batches of 1,000 rows), no validation.

Memory is the process's peak resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``)
read after each phase: it only ever rises, so the preview figure is the peak up to the end of
the preview and the commit figure the peak up to the end of the commit (the whole process:
interpreter, Django, the file's bytes). It is not tracemalloc, which would slow the commit down.

Prints a Markdown table and writes it to ``benchmarks/results/import.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import resource
import shutil
import sqlite3
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, RESULTATEN, django_instellen  # noqa: E402

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


# --------------------------------------------------------------------------- the app


def app_meten(pad: Path) -> dict:
    from django.db import connection
    from django.utils import timezone as djtz

    from nieuwestart.accounts.models import Team, User
    from nieuwestart.aanmeldingen import importeren
    from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Rechthebbende
    from nieuwestart.logboek.services import openstaande_regels_vastleggen
    from nieuwestart.termijnen.models import Termijn

    team = Team.objects.create(naam=TEAM)
    door = User.objects.create_user(GEBRUIKER, password="niet-geheim-wachtwoord-1")
    door.teams.add(team)
    inhoud = pad.read_bytes()
    vandaag = djtz.localdate()
    uit: dict = {"geheugen_start_mb": piek_mb()}

    start = time.perf_counter()
    vb = importeren.voorbeeld(
        inhoud=inhoud, bestandsnaam=pad.name, doel_gekozen="CONTACTLIJST", team=team, vandaag=vandaag
    )
    uit["voorbeeld_s"] = time.perf_counter() - start
    uit["voorbeeld_mb"] = piek_mb()
    uit["voorbeeld_tellingen"] = (vb.aantal_nieuw, vb.aantal_bijgewerkt, vb.aantal_ongewijzigd, vb.aantal_afgewezen)

    start = time.perf_counter()
    try:
        bestand = importeren.uitvoeren(
            inhoud=inhoud, bestandsnaam=pad.name, doel_gekozen="CONTACTLIJST", team=team, door=door, vandaag=vandaag
        )
    finally:
        openstaande_regels_vastleggen()
    uit["commit_s"] = time.perf_counter() - start
    uit["commit_mb"] = piek_mb()
    uit["commit_tellingen"] = (bestand.aantal_nieuw, bestand.aantal_bijgewerkt, bestand.aantal_ongewijzigd,
                               bestand.aantal_afgewezen)
    uit["rijen_in_db"] = {m.__name__: m.objects.count() for m in (Rechthebbende, Dossier, DossierGebeurtenis, Termijn)}
    connection.close()
    return uit


# --------------------------------------------------------------------------- the floor


def vloer_meten(pad: Path, db: Path, team_id: int, door_id: int) -> dict:
    """csv + executemany into the same tables in one transaction, on a copy of the fresh database."""
    start = time.perf_counter()
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=5000"):
        con.execute(f"PRAGMA {pragma}")
    nu = datetime.now(timezone.utc).isoformat(sep=" ")
    vandaag = date.today()
    termijn_eind = (vandaag + timedelta(weeks=4)).isoformat()
    doelgroep = {"erkend gedupeerde ouder": "ERKENDE_OUDER",
                 "erkend gedupeerde ex-toeslagpartner": "ERKENDE_EX_PARTNER",
                 "aangemelde aanvrager": "AANGEMELDE_AANVRAGER"}
    kanaal = {"telefoon": "TELEFOON", "email": "EMAIL", "post": "POST"}
    gegevens_aangemeld = json.dumps({"bron": "GEGEVENSPORTAAL", "eerste_gesprek_weken": 4})
    gegevens_geverifieerd = json.dumps({"bron": "GEGEVENSPORTAAL", "importbestand": 1})

    con.execute("BEGIN IMMEDIATE")
    nr = 0
    geb_id = 0
    with pad.open(encoding="utf-8", newline="") as f:
        lezer = csv.reader(f, delimiter=";")
        next(lezer)
        while True:
            blok = [r for _, r in zip(range(BATCH), lezer, strict=False)]
            if not blok:
                break
            personen, dossiers, huishoudens, gebeurtenissen, termijnen = [], [], [], [], []
            for r in blok:
                nr += 1
                d, m, j = r[4].split("-")
                personen.append((nr, r[0], r[1], r[2], r[3], f"{j}-{m}-{d}", r[10], r[11], r[6], r[7], r[8], r[9],
                                 kanaal[r[12]], nu))
                dossiers.append((nr, f"{vandaag.year}-{nr:06d}", nr, doelgroep[r[5]], "GEVERIFIEERD",
                                 "GEGEVENSPORTAAL", vandaag.isoformat(), None, team_id, termijn_eind,
                                 "EERSTE_GESPREK", nu, nu))
                huishoudens.append((nr, nr, vandaag.isoformat()))
                for soort, gegevens in (("AANGEMELD", gegevens_aangemeld), ("GEVERIFIEERD", gegevens_geverifieerd)):
                    geb_id += 1
                    gebeurtenissen.append((geb_id, nr, soort, vandaag.isoformat(), nu, door_id, gegevens, ""))
                termijnen.append((nr, nr, "EERSTE_GESPREK", "", vandaag.isoformat(), termijn_eind, termijn_eind, 0,
                                  None, None, False, None, None))
            con.executemany(
                "INSERT INTO dossiers_rechthebbende (id, bsn, voornamen, tussenvoegsel, achternaam, geboortedatum, "
                "telefoonnummer, email, straat, huisnummer, postcode, woonplaats, voorkeurskanaal, aangemaakt_op) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", personen)
            con.executemany(
                "INSERT INTO dossiers_dossier (id, dossiernummer, rechthebbende_id, doelgroep, status, bron, "
                "aanmelddatum, behandelaar_id, team_id, volgende_termijn_einddatum, volgende_termijn_regel, "
                "aangemaakt_op, gewijzigd_op) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", dossiers)
            con.executemany("INSERT INTO dossiers_huishouden (id, dossier_id, peildatum) VALUES (?,?,?)", huishoudens)
            con.executemany(
                "INSERT INTO dossiers_dossiergebeurtenis (id, dossier_id, soort, datum, vastgelegd_op, door_id, "
                "gegevens, toelichting) VALUES (?,?,?,?,?,?,?,?)", gebeurtenissen)
            con.executemany(
                "INSERT INTO termijnen_termijn (id, dossier_id, regel, sleutel, startdatum, oorspronkelijke_einddatum, "
                "einddatum, opgeschorte_dagen, opgeschort_sinds, verdaagd_tot, atw_verlengd, voldaan_op, "
                "vervallen_op) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", termijnen)
    con.execute("COMMIT")
    con.close()
    return {"vloer_s": time.perf_counter() - start, "vloer_rijen": nr}


# --------------------------------------------------------------------------- report


def verslag(rijen: int, app: dict, vloer: dict, commando: str) -> str:
    ratio = app["commit_s"] / vloer["vloer_s"]
    snelheid = rijen / app["commit_s"]
    geheugen = max(app["voorbeeld_mb"], app["commit_mb"])
    ok = lambda b: "gehaald" if b else "**niet gehaald**"  # noqa: E731
    regels = [
        f"# Import van een contactlijst ({rijen:,} rijen)",
        "",
        f"Gemeten op {date.today().isoformat()}, {platform.python_implementation()} {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}. Commando: `{commando}`",
        "",
        "| meting | tijd | rijen/s | piek-RSS (MB) |",
        "|---|---:|---:|---:|",
        f"| voorbeeld (`voorbeeld`) | {app['voorbeeld_s']:.1f} s | {rijen / app['voorbeeld_s']:,.0f} | "
        f"{app['voorbeeld_mb']:.0f} |",
        f"| commit (`uitvoeren` + logboek) | {app['commit_s']:.1f} s | {snelheid:,.0f} | {app['commit_mb']:.0f} |",
        f"| vloer (csv + executemany, 1 transactie) | {vloer['vloer_s']:.2f} s | "
        f"{rijen / vloer['vloer_s']:,.0f} | – |",
        "",
        "| doel | gemeten | |",
        "|---|---:|---|",
        f"| commit ≤ {DOEL_RATIO:.0f}× vloer | {ratio:,.0f}× | {ok(ratio <= DOEL_RATIO)} |",
        f"| piekgeheugen < {DOEL_GEHEUGEN_MB:.0f} MB | {geheugen:.0f} MB | {ok(geheugen < DOEL_GEHEUGEN_MB)} |",
        "",
        f"Tellingen voorbeeld (nieuw, bijgewerkt, ongewijzigd, afgewezen): {app['voorbeeld_tellingen']}; "
        f"commit: {app['commit_tellingen']}. Rijen in de database na de commit: {app['rijen_in_db']}.",
        f"Geheugen: piek-RSS van het hele proces (`ru_maxrss`), {app['geheugen_start_mb']:.0f} MB na het opstarten "
        "van Django; geen tracemalloc.",
    ]
    if rijen < VOLLEDIG:
        regels += [
            "",
            f"**Extrapolatie, niet gemeten:** bij {snelheid:,.0f} rijen/s zou de commit van {VOLLEDIG:,} rijen "
            f"ongeveer {VOLLEDIG / snelheid / 60:,.0f} minuten duren (lineair doorgetrokken; als de kosten per rij "
            "met de grootte van de database stijgen, is het meer). Het voorbeeld zou ongeveer "
            f"{VOLLEDIG / rijen * app['voorbeeld_s']:,.0f} s duren.",
        ]
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rijen", type=int, default=VOLLEDIG)
    parser.add_argument("--uitvoer", type=Path, default=RESULTATEN / "import.md")
    args = parser.parse_args()

    DATA.mkdir(parents=True, exist_ok=True)
    db = DATA / f"import-{args.rijen}.sqlite3"
    db_vloer = DATA / f"import-{args.rijen}-vloer.sqlite3"
    for basis in (db, db_vloer):
        for pad in (basis, Path(f"{basis}-wal"), Path(f"{basis}-shm")):
            pad.unlink(missing_ok=True)
    django_instellen(db)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    shutil.copyfile(db, db_vloer)  # the same fresh, migrated, empty database for the floor
    pad = contactlijst(args.rijen)
    print(f"Bestand: {pad} ({pad.stat().st_size / 1e6:.1f} MB); database: {db}")

    app = app_meten(pad)
    # The floor needs a team and a user to point at, like the app run (not timed).
    con = sqlite3.connect(db_vloer)
    con.execute("INSERT INTO accounts_team (naam) VALUES (?)", (TEAM,))
    team_id = con.execute("SELECT id FROM accounts_team").fetchone()[0]
    kolommen = [r[1] for r in con.execute("PRAGMA table_info(accounts_user)")]
    waarden = {"password": "!", "is_superuser": 0, "username": GEBRUIKER, "first_name": "", "last_name": "",
               "email": "", "is_staff": 0, "is_active": 1, "date_joined": datetime.now(timezone.utc).isoformat(),
               "moet_wachtwoord_wijzigen": 0}
    namen = [k for k in kolommen if k in waarden]
    con.execute(f"INSERT INTO accounts_user ({', '.join(namen)}) VALUES ({', '.join('?' * len(namen))})",
                [waarden[k] for k in namen])
    door_id = con.execute("SELECT id FROM accounts_user").fetchone()[0]
    con.commit()
    con.close()
    vloer = vloer_meten(pad, db_vloer, team_id, door_id)

    commando = f".venv/bin/python benchmarks/import_bench.py --rijen {args.rijen}"
    tekst = verslag(args.rijen, app, vloer, commando)
    print(tekst)
    uitvoer = args.uitvoer.resolve()
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    uitvoer.write_text(tekst)
    print(f"Geschreven naar {uitvoer}")


if __name__ == "__main__":
    main()
