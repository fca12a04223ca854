"""kill -9 in the middle of the contact-list commit leaves the database exactly as before.

Runs against a FILE-based SQLite database (WAL mode, as in production on the embedded
database), not the in-memory test database: ``manage.py migrate``, the set-up, the import
and the checks each run in their own subprocess with ``nieuwestart.conf.dev``. The import
(``manage.py portaal_importeren``) is killed with SIGKILL once it is demonstrably inside the
commit: its ``Voorbeeld:`` line has been printed (the preview writes nothing), a probe
connection then finds the database write-locked (``uitvoeren`` runs in one IMMEDIATE
transaction, which takes the write lock at BEGIN), and the import has held that lock for
another 1.5 s, writing rows, and is still running. If it finished first, the test retries
once with a file three times larger. A fresh process
then checks that no Importbestand, Rechthebbende, Dossier or DossierGebeurtenis was left and
that ``manage.py logboek_controleren`` still finds intact chains.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nieuwestart.common.bsn import genereer_bsn

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "manage.py"
TEAM = "Team Afgebroken"
GEBRUIKER = "import-afgebroken"
KOP = "BSN;Voornamen;Achternaam;Geboortedatum;Doelgroep;Postcode;Telefoonnummer"
NA_SLOT = 1.5  # seconds the import has held the write transaction (writing rows) when we kill it

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")),
    reason="Gaat over de ingebouwde SQLite-database (WAL); op PostgreSQL niet van toepassing.",
)


def _omgeving(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="nieuwestart.conf.dev",
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_DEBUG="0",  # no query log: memory stays flat during the 20,000-row commit
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def _draai(env, *args, check=True, timeout=120) -> subprocess.CompletedProcess:
    uit = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if check and uit.returncode != 0:
        pytest.fail(f"{args} gaf exit-code {uit.returncode}:\n{uit.stdout}\n{uit.stderr}")
    return uit


TELLEN = """
import json
from nieuwestart.aanmeldingen.models import Importbestand, Importregel
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, Rechthebbende
from nieuwestart.logboek.models import Verwerking
print("TELLING=" + json.dumps({m.__name__: m.objects.count() for m in
      (Importbestand, Importregel, Rechthebbende, Dossier, DossierGebeurtenis, Verwerking)}))
"""

OPZETTEN = f"""
from nieuwestart.accounts.models import Team, User
team = Team.objects.create(naam={TEAM!r})
u = User.objects.create_user({GEBRUIKER!r}, password="niet-geheim-wachtwoord-1")
u.teams.add(team)
"""


def _tellingen(env) -> dict[str, int]:
    uit = _draai(env, str(MANAGE), "shell", "-c", TELLEN)
    regel = next(r for r in uit.stdout.splitlines() if r.startswith("TELLING="))
    return json.loads(regel.removeprefix("TELLING="))


def _contactlijst(pad: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    gezien: set[str] = set()
    regels = [KOP]
    while len(gezien) < n:
        bsn = genereer_bsn(rng)
        if bsn in gezien:
            continue
        gezien.add(bsn)
        regels.append(f"{bsn};Eva;Jansen;01-02-1990;erkend gedupeerde ouder;1234 AB;0612345678")
    pad.write_text("\r\n".join(regels) + "\r\n", encoding="utf-8")


def _schrijfslot_bezet(db: Path) -> bool:
    """True while another connection holds the write transaction (BEGIN IMMEDIATE fails at once)."""
    verbinding = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        verbinding.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as fout:
        return "locked" in str(fout)
    else:
        verbinding.execute("ROLLBACK")
        return False
    finally:
        verbinding.close()


def _start_en_kill(env, db: Path, bestand: Path) -> tuple[bool, str]:
    """Start the import; SIGKILL it inside the commit. Returns (killed_in_commit, output)."""
    proces = subprocess.Popen(
        [sys.executable, str(MANAGE), "portaal_importeren", str(bestand), "--team", TEAM, "--gebruiker", GEBRUIKER],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    uitvoer: list[str] = []
    try:
        # 1. The preview line: from here on the process is in ``uitvoeren`` (one transaction).
        assert proces.stdout is not None
        for regel in proces.stdout:
            uitvoer.append(regel)
            if regel.startswith("Voorbeeld:"):
                break
        else:
            proces.wait(timeout=30)
            return False, "".join(uitvoer)
        # 2. The import takes the write lock at BEGIN of its transaction; give it 1.5 s of writing.
        grens = time.monotonic() + 60
        while time.monotonic() < grens and proces.poll() is None and not _schrijfslot_bezet(db):
            time.sleep(0.02)
        time.sleep(NA_SLOT)
        if proces.poll() is not None or not _schrijfslot_bezet(db):
            uitvoer.append(proces.stdout.read())
            return False, "".join(uitvoer)
        proces.send_signal(signal.SIGKILL)
        proces.wait(timeout=30)
        return proces.returncode == -signal.SIGKILL, "".join(uitvoer)
    finally:
        if proces.poll() is None:
            proces.kill()
            proces.wait()
        if proces.stdout:
            proces.stdout.close()


def test_kill_9_midden_in_de_commit_laat_de_database_zoals_hij_was(tmp_path):
    db = tmp_path / "db.sqlite3"
    env = _omgeving(db)
    _draai(env, str(MANAGE), "migrate", "--no-input", timeout=180)
    _draai(env, str(MANAGE), "shell", "-c", OPZETTEN)
    voor = _tellingen(env)
    assert voor["Importbestand"] == 0 and voor["Dossier"] == 0

    gedood = False
    uitvoer = ""
    for poging, rijen in enumerate((20_000, 60_000)):
        bestand = tmp_path / f"contactlijst_poging{poging}.csv"
        _contactlijst(bestand, rijen, seed=4 + poging)
        gedood, uitvoer = _start_en_kill(env, db, bestand)
        if gedood:
            break
        # It finished (or never reached the commit) before we could kill it: that import is
        # now in the database, so the "before" counts are taken again for the larger retry.
        voor = _tellingen(env)
    assert gedood, f"De import was klaar voordat hij kon worden afgebroken:\n{uitvoer}"

    na = _tellingen(env)  # a fresh process: SQLite rolls back the unfinished transaction (WAL)
    assert na == voor
    controle = _draai(env, str(MANAGE), "logboek_controleren", check=False)
    assert controle.returncode == 0, controle.stdout + controle.stderr
