"""`manage.py check --deploy` with the production settings and a realistic environment is clean."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NS_"))}
    # A fresh checkout has no var/ folder: give the check a database it can open.
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'check.sqlite3'}")
    env |= {
        "DJANGO_SETTINGS_MODULE": "nieuwestart.conf.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "nieuwestart.gemeente.example,www.nieuwestart.gemeente.example",
        # The key for the BSN hash in the processing log (docs/logboeken.md), from the vault.
        "NS_LOGBOEK_SLEUTEL": secrets.token_urlsafe(48),
    }
    uit = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "System check identified no issues (0 silenced)." in uit.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NS_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "nieuwestart.conf.production", "DJANGO_ALLOWED_HOSTS": "x.example"}
    uit = subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env,
                         capture_output=True, text=True, timeout=120)
    assert uit.returncode != 0 and "DJANGO_SECRET_KEY" in uit.stderr
