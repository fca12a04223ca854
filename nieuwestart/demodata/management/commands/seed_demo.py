"""``manage.py seed_demo``: fill the database with synthetic demo or national-scale data.

The logic lives in ``nieuwestart.demodata.generator``; this command only reads options
and prints what was made.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nieuwestart.demodata import generator


class Command(BaseCommand):
    help = (
        "Maak synthetische testgegevens: --scale demo (standaard; gebruikers per rol en ongeveer 80 dossiers) "
        "of --scale national (150.000 rechthebbenden en 200.000 dossiers, voor benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=("demo", "national"), default="demo")
        parser.add_argument("--seed", type=int, default=generator.STANDAARD_SEED,
                            help="Zelfde seed en datum geven dezelfde gegevens (standaard %(default)s).")
        parser.add_argument("--today", type=date.fromisoformat, default=None,
                            help="De datum 'vandaag' (JJJJ-MM-DD); standaard de datum van vandaag.")
        parser.add_argument("--reset", action="store_true",
                            help="Wis eerst ALLE rechthebbenden en dossiers (ruwe SQL: het gebeurtenissenlog is alleen-toevoegen); "
                                 "gebruikers en teams blijven en worden hergebruikt.")
        parser.add_argument("--rechthebbenden", type=int, default=150_000, help="Alleen bij --scale national.")
        parser.add_argument("--dossiers", type=int, default=200_000, help="Alleen bij --scale national.")
        parser.add_argument("--teams", type=int, default=40, help="Alleen bij --scale national.")
        parser.add_argument("--consulenten", type=int, default=300, help="Alleen bij --scale national.")
        parser.add_argument("--workers", type=int, default=2,
                            help="Werkprocessen voor plannen en termijnen bij --scale national (0: alles in één proces).")
        parser.add_argument("--voorzieningen", type=int, default=0,
                            help="Alleen bij --scale national: schrijf uitgegeven plannen met ongeveer zoveel voorzieningen "
                                 "en hun kosten (bijvoorbeeld 1000000; duurt enkele minuten). Standaard 0: geen.")

    def handle(self, *args, **opties):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demodata hoort niet in productie.")
        vandaag = opties["today"] or timezone.localdate()
        if opties["scale"] == "demo":
            rapport = generator.seed_demo(seed=opties["seed"], vandaag=vandaag, reset=opties["reset"])
        else:
            try:
                rapport = generator.seed_national(
                    rechthebbenden=opties["rechthebbenden"], dossiers=opties["dossiers"], seed=opties["seed"],
                    vandaag=vandaag, teams=opties["teams"], consulenten=opties["consulenten"],
                    workers=opties["workers"], reset=opties["reset"], voorzieningen=opties["voorzieningen"],
                )
            except ValueError as fout:
                raise CommandError(str(fout)) from fout
        if rapport.overgeslagen:
            self.stdout.write(self.style.WARNING(rapport.overgeslagen))
            return
        for regel in rapport.regels():
            self.stdout.write(regel)
        if opties["scale"] == "national":
            self.stdout.write(
                f"Gebruikers: {generator.LANDELIJK_PREFIX}consulent-001 … en {generator.LANDELIJK_PREFIX}teamleider-01 …, "
                f"wachtwoord {generator.DEMO_WACHTWOORD}."
            )
        if rapport.gebruikers:
            self.stdout.write("")
            self.stdout.write(f"Inloggen met wachtwoord {generator.DEMO_WACHTWOORD}:")
            for username, naam, rol, teams in rapport.gebruikers:
                self.stdout.write(f"  {username:<12} {naam:<20} {rol:<32} {teams}")
        if rapport.api_sleutel:
            self.stdout.write("")
            self.stdout.write(f"API-sleutel van de demo-applicatie (eenmalig getoond): {rapport.api_sleutel}")
            self.stdout.write(f"  curl -H 'Authorization: Bearer {rapport.api_sleutel}' http://127.0.0.1:8000/api/v1/dossiers/")
        self.stdout.write(self.style.SUCCESS("Klaar."))
