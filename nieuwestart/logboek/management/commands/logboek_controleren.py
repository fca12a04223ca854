"""Check both hash chains; a broken chain exits non-zero (for cron / monitoring)."""

from django.core.management.base import BaseCommand, CommandError

from nieuwestart.logboek.models import Resultaat
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen, controleer_integriteit


class Command(BaseCommand):
    help = "Controleert of de logboeken (dataverwerkingen en beveiliging) onveranderd zijn. Geeft exit-code 1 bij een gebroken keten."

    def add_arguments(self, parser):
        parser.add_argument(
            "--niet-vastleggen", action="store_true",
            help="Leg de controle zelf niet vast in het beveiligingslogboek.",
        )

    def handle(self, *args, **opties):
        rapport = controleer_integriteit()
        self.stdout.write(rapport.als_tekst())
        if not opties["niet_vastleggen"]:
            beveiligingsgebeurtenis_vastleggen(
                actie="logboek_integriteit_gecontroleerd", resultaat=Resultaat.GELUKT if rapport.ok else Resultaat.MISLUKT,
                object_type="logboek", actor_naam="manage.py logboek_controleren", reden=rapport.als_tekst(),
            )
        if not rapport.ok:
            gebroken = ", ".join(
                f"{k.titel} bij volgnummer {k.plaats}" for k in rapport.ketens if not k.ok
            )
            raise CommandError(f"Logboek niet in orde: {gebroken}. Behandel dit als beveiligingsincident.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Alle logboeken zijn in orde."))
