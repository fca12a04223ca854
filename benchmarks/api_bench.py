"""REST API under load: dossier list and dossier detail, 1 and 16 concurrent clients, against
gunicorn + PostgreSQL on loopback, with production settings (docs/performance.md).

    export DATABASE_URL=$(NS_PG_DIR=/tmp/pg-bench NS_PG_PORT=54350 scripts/postgres.sh start)
    psql ... -c 'create database nieuwestart'      # once (postgres.sh prints the URL of this database)
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_demo --scale national          # 150,000 persons, 200,000 dossiers
    .venv/bin/python benchmarks/api_bench.py                         # --verzoeken 800 --clients 1 16

The load tool is a bounded one in this file (clients are threads with keep-alive HTTP connections,
spread over up to four processes like locust's or wrk's workers; a fixed number of requests per
measurement, after a warm-up); it runs on the same 2 cores as the server, so its own cost is in the
figures. Every API request does what it does in production: token check,
team filter, the processing log (one line per person on a list page) and the security log.
As a floor, the same stack answers the cheapest authenticated request (an empty import list).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_opzetten():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nieuwestart.conf.dev")
    import django

    django.setup()


def identiteit(aantal_pks: int, seed: int = 7):
    """An API-applicatie acting as a consulent with the median number of dossiers (a new token per run)."""
    from django.db.models import Count

    from nieuwestart.accounts.models import Rol, User
    from nieuwestart.api.models import ApiApplicatie, Scope
    from nieuwestart.api.services import applicatie_aanmaken, token_vernieuwen
    from nieuwestart.demodata.generator import LANDELIJK_PREFIX
    from nieuwestart.dossiers.models import Dossier

    consulenten = list(
        User.objects.filter(groups__name=Rol.CONSULENT.value, username__startswith=LANDELIJK_PREFIX)
        .annotate(n=Count("teams__dossiers")).order_by("n", "id").values_list("id", "n")
    ) or list(User.objects.filter(groups__name=Rol.CONSULENT.value).annotate(n=Count("teams__dossiers")).order_by("n", "id").values_list("id", "n"))
    if not consulenten:
        raise SystemExit("Geen consulenten: seed eerst de gegevens (manage.py seed_demo --scale national).")
    mediaan = User.objects.get(pk=consulenten[len(consulenten) // 2][0])
    teams = list(mediaan.teams.all())
    app = ApiApplicatie.objects.filter(naam="Benchmark").first()
    if app is None:
        beheerder = User.objects.filter(is_superuser=True).first() or mediaan
        sleutel = applicatie_aanmaken(naam="Benchmark", rollen=[Rol.CONSULENT], teams=teams,
                                      scopes=[s.value for s in Scope], door=beheerder)
    else:
        app.gebruiker.teams.set(teams)
        sleutel = token_vernieuwen(applicatie=app)
    pks = list(Dossier.objects.filter(team__in=teams).values_list("id", flat=True))
    random.Random(seed).shuffle(pks)
    return sleutel.token, pks[:aantal_pks], len(pks), [t.naam for t in teams]


def server_opdracht(poort: int, workers: int, threads: int) -> list[str]:
    # Sync workers (one request at a time per process) unless threads are asked for: on two cores they
    # keep the GIL out of the way and answered 16 clients faster than gthread workers did.
    return [str(ROOT / ".venv" / "bin" / "gunicorn"), "nieuwestart.wsgi", "--bind", f"127.0.0.1:{poort}",
            "--workers", str(workers), "--log-level", "warning",
            *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else ["--worker-class", "sync"])]


def server_starten(poort: int, workers: int, threads: int) -> subprocess.Popen:
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "nieuwestart.conf.production",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DB_CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING",
        # The per-application limit stays on (its cost is part of the figures) but is set out of reach.
        "NS_API_VERZOEKEN_PER_MINUUT": "100000000",
    }
    proces = subprocess.Popen(server_opdracht(poort, workers, threads), cwd=ROOT, env=env)
    for _ in range(120):
        try:
            c = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
            c.request("GET", "/api/v1/schema/", headers={"X-Forwarded-Proto": "https"})
            if c.getresponse().status == 200:
                return proces
        except OSError:
            pass
        time.sleep(0.5)
    proces.terminate()
    raise SystemExit("gunicorn kwam niet op")


def _clients_in_proces(poort: int, headers: dict, paden, indexen: list[int], n: int, klaar, uitvoer) -> None:
    """One load process: a thread per client, each with its own keep-alive connection."""
    tijden: list[float] = []
    fouten = [0]
    slot = threading.Lock()

    def client(index: int):
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        eigen, eigen_fouten = [], 0
        for i in range(n):
            pad = paden(index * 100_000 + i)
            begin = time.perf_counter()
            try:
                verbinding.request("GET", pad, headers=headers)
                antwoord = verbinding.getresponse()
                antwoord.read()
                if antwoord.status != 200:
                    eigen_fouten += 1
            except OSError:
                eigen_fouten += 1
                verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
            eigen.append(time.perf_counter() - begin)
        with slot:
            tijden.extend(eigen)
            fouten[0] += eigen_fouten

    draden = [threading.Thread(target=client, args=(i,)) for i in indexen]
    klaar.wait()  # every process starts at the same moment
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    uitvoer.put((tijden, fouten[0]))


def meten(poort: int, token: str, paden, *, clients: int, verzoeken: int, opwarmen: int = 20,
          processen: int = 4) -> dict:
    """``verzoeken`` requests spread over ``clients`` clients (threads with keep-alive connections), divided
    over up to ``processen`` load processes, as locust or wrk would: one Python process driving 16 threads
    measures its own waiting for the GIL as well."""
    headers = {"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https", "Accept": "application/json"}
    ctx = multiprocessing.get_context("fork")
    aantal_processen = max(1, min(processen, clients))

    def ronde(totaal: int):
        per_client = max(1, totaal // clients)
        verdeling = [list(range(clients))[i::aantal_processen] for i in range(aantal_processen)]
        klaar, uitvoer = ctx.Barrier(aantal_processen + 1), ctx.Queue()
        procs = [ctx.Process(target=_clients_in_proces, args=(poort, headers, paden, indexen, per_client, klaar, uitvoer))
                 for indexen in verdeling]
        for p in procs:
            p.start()
        klaar.wait()
        begin = time.perf_counter()
        uitkomsten = [uitvoer.get() for _ in procs]
        duur = time.perf_counter() - begin
        for p in procs:
            p.join()
        return duur, [t for tijden, _ in uitkomsten for t in tijden], sum(f for _, f in uitkomsten)

    ronde(opwarmen)
    duur, tijden, fouten = ronde(verzoeken)
    tijden.sort()
    return {
        "n": len(tijden), "p50": statistics.median(tijden) * 1000, "p95": tijden[int(0.95 * (len(tijden) - 1))] * 1000,
        "rps": len(tijden) / duur, "fouten": fouten,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: sync workers; more: gthread workers")
    parser.add_argument("--verzoeken", type=int, default=800, help="timed requests per measurement")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--uitvoer", default=str(ROOT / "benchmarks" / "results" / "api.md"))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Zet DATABASE_URL op een PostgreSQL-database met de landelijke gegevens.")
    django_opzetten()
    from nieuwestart.dossiers.models import Dossier, Rechthebbende

    token, pks, aantal_team, teams = identiteit(2000)
    from django.db import connections

    connections.close_all()
    totaal = Dossier.objects.count()
    personen = Rechthebbende.objects.count()
    print(f"{personen:,} rechthebbenden, {totaal:,} dossiers; de API-applicatie ziet {aantal_team:,} dossiers ({', '.join(teams)})")
    scenario = {
        "vloer: lege lijst (GET /api/v1/imports/)": lambda i: "/api/v1/imports/",
        "dossierlijst, 50 per pagina (GET /api/v1/dossiers/)": lambda i: "/api/v1/dossiers/",
        "dossierlijst met filter (?status=PLAN_VASTGESTELD)": lambda i: "/api/v1/dossiers/?status=PLAN_VASTGESTELD",
        "dossier met termijnen (GET /api/v1/dossiers/{id}/)": lambda i: f"/api/v1/dossiers/{pks[i % len(pks)]}/",
    }
    proces = server_starten(args.poort, args.workers, args.threads)
    regels = []
    try:
        for naam, paden in scenario.items():
            for clients in args.clients:
                r = meten(args.poort, token, paden, clients=clients, verzoeken=args.verzoeken)
                regel = (f"| {naam} | {clients} | {r['p50']:.1f} | {r['p95']:.1f} | {r['rps']:.0f} | {r['fouten']} |")
                print(regel, flush=True)
                regels.append(regel)
    finally:
        proces.terminate()
        proces.wait(timeout=30)
    kop = [
        f"API onder belasting: {personen:,} rechthebbenden, {totaal:,} dossiers; gunicorn {args.workers} workers × "
        f"{args.threads} threads, PostgreSQL, 127.0.0.1; {args.verzoeken} verzoeken per meting.",
        "", "| verzoek | clients | p50 ms | p95 ms | verzoeken/s | fouten |", "|---|---|---|---|---|---|",
    ]
    Path(args.uitvoer).write_text("\n".join(kop + regels) + "\n")
    print(f"geschreven: {args.uitvoer}")


if __name__ == "__main__":
    main()
