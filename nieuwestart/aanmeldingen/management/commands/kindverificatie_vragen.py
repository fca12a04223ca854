"""Write the question file of the child verification for the UHT Serviceteam gemeenten.

    manage.py kindverificatie_vragen --uit vragen.xlsx|vragen.csv [--door NAAM] [--alleen-nieuw] [--voortgang]

Every child of every team who registered directly and still awaits verification is in the file;
each of their dossiers records that the question was asked, and the processing log gets one line
per child. Prints only the count, never a BSN or name.
"""

from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nieuwestart.aanmeldingen import kindverificatie
from nieuwestart.aanmeldingen.management.voortgang import Voortgangsbalk
from nieuwestart.logboek.services import openstaande_regels_vastleggen


class Command(BaseCommand):
    help = "Maak het vraagbestand voor de kindverificatie bij het UHT Serviceteam gemeenten (.xlsx of .csv)."

    def add_arguments(self, parser):
        parser.add_argument("--uit", required=True, help="Pad van het nieuwe bestand; eindigt op .xlsx of .csv.")
        parser.add_argument("--door", help="Gebruikersnaam die het bestand maakt (voor het logboek).")
        parser.add_argument(
            "--alleen-nieuw", action="store_true", help="Alleen kinderen die nog niet in een vraagbestand stonden."
        )
        parser.add_argument(
            "--voortgang", action="store_true", help="Toon de voortgang (op stderr), ook als dat geen terminal is."
        )

    def handle(self, *args, uit, door, alleen_nieuw, voortgang, **opties):
        pad = Path(uit)
        soort = pad.suffix.lower().lstrip(".")
        if soort not in ("xlsx", "csv"):
            raise CommandError("Kies een bestandsnaam die eindigt op .xlsx of .csv.")
        if pad.exists():
            raise CommandError(f"Dit bestand bestaat al; kies een andere naam: {uit}")
        if not pad.parent.is_dir():
            raise CommandError(f"Deze map bestaat niet: {pad.parent}")
        gebruiker = None
        if door:
            gebruiker = get_user_model().objects.filter(username=door).first()
            if gebruiker is None:
                raise CommandError(f"Onbekende gebruiker: {door}")
        terminal = self.stderr.isatty()
        balk = (
            Voortgangsbalk(
                self._naar_stderr, kop="Vraagbestand", terminal=terminal,
                totaal=kindverificatie.wachtende_kinderen(alleen_nieuw=alleen_nieuw).count(),
            )
            if voortgang or terminal else nullcontext()
        )
        try:
            with pad.open("xb") as bestand, balk as b:
                resultaat = kindverificatie.vraagbestand(
                    bestand, soort=soort, door=gebruiker, vandaag=timezone.localdate(), alleen_nieuw=alleen_nieuw,
                    voortgang=b,
                )
        except BaseException:
            pad.unlink(missing_ok=True)  # no half-written file with personal data
            raise
        finally:
            openstaande_regels_vastleggen()
        if resultaat.aantal == 0:
            self.stdout.write(f"Er wachten geen kinderen op verificatie. {pad.name} bevat alleen de kopregel.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Vraagbestand gemaakt: {pad.name} met {resultaat.aantal} kind(eren). In elk dossier staat nu dat de "
            "verificatie is gevraagd. Stuur het bestand via een beveiligde weg naar het UHT Serviceteam gemeenten."
        ))

    def _naar_stderr(self, tekst: str) -> None:
        self.stderr.write(tekst, style_func=lambda s: s, ending="")
        self.stderr.flush()
