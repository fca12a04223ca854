"""Import a UHT status update from the Gegevensportaal from the command line: preview, then commit.

    manage.py portaal_statusupdate PAD [--dry-run] [--gebruiker NAAM]

The statuses are recorded in every open dossier of each person in the file (all teams).
Prints counts, rejected rows and unknown rows (regelnummer, kolom, reden): never a BSN or name.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nieuwestart.aanmeldingen import statusupdates
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.logboek.services import openstaande_regels_vastleggen

DOEL = "STATUSUPDATE"


class Command(BaseCommand):
    help = "Lees een statusupdate van UHT uit het Gegevensportaal in (eerst een voorbeeld; --dry-run schrijft niets)."

    def add_arguments(self, parser):
        parser.add_argument("pad")
        parser.add_argument("--dry-run", action="store_true", help="Alleen het voorbeeld tonen; niets opslaan.")
        parser.add_argument("--gebruiker", help="Gebruikersnaam die de import uitvoert (nodig zonder --dry-run).")

    def handle(self, *args, pad, dry_run, gebruiker, **opties):
        bestand = Path(pad)
        if not bestand.is_file():
            raise CommandError(f"Bestand niet gevonden: {pad}")
        door = None
        if gebruiker:
            door = get_user_model().objects.filter(username=gebruiker).first()
            if door is None:
                raise CommandError(f"Onbekende gebruiker: {gebruiker}")
        if not dry_run and door is None:
            raise CommandError("Geef met --gebruiker aan wie de import uitvoert (of gebruik --dry-run).")
        inhoud = bestand.read_bytes()
        vandaag = timezone.localdate()
        try:
            vb = statusupdates.voorbeeld_status(
                inhoud=inhoud, bestandsnaam=bestand.name, doel_gekozen=DOEL, vandaag=vandaag
            )
            self._toon(vb, "Voorbeeld")
            if not vb.kan_importeren:
                raise CommandError("Het bestand kan niet worden ingelezen: " + " ".join(vb.kolomfouten))
            if dry_run:
                self.stdout.write("Proefrun (--dry-run): er is niets opgeslagen.")
                return
            try:
                resultaat = statusupdates.uitvoeren_status(
                    inhoud=inhoud, bestandsnaam=bestand.name, doel_gekozen=DOEL, door=door, vandaag=vandaag
                )
            finally:
                openstaande_regels_vastleggen()
        except (DoelFout, BestandFout) as fout:
            raise CommandError(fout.melding) from fout
        if resultaat.al_geimporteerd:
            self.stdout.write("Dit bestand was al ingelezen; er is niets veranderd.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Ingelezen: {self._tellingen(resultaat)}; {resultaat.aantal_gebeurtenissen} status(sen) vastgelegd "
            "in dossiers."
        ))

    @staticmethod
    def _tellingen(x) -> str:
        return (
            f"{x.aantal_nieuw_status} nieuwe status, {x.aantal_ongewijzigd} ongewijzigd, "
            f"{x.aantal_potentieel} potentieel gedupeerd, {x.aantal_onbekend} onbekend, "
            f"{x.aantal_afgewezen} afgewezen"
        )

    def _toon(self, vb, kop: str) -> None:
        for melding in vb.waarschuwingen:
            self.stdout.write(f"Let op: {melding}")
        for melding in vb.kolomfouten:
            self.stdout.write(f"Fout: {melding}")
        self.stdout.write(f"{kop}: {self._tellingen(vb)}.")
        # Only where and why: never the value (it may be a BSN or a name).
        for afwijzing in vb.afwijzingen:
            self.stdout.write(f"Regel {afwijzing.regelnummer}, kolom '{afwijzing.kolom}': {afwijzing.reden}")
        for onbekend in vb.onbekend:
            self.stdout.write(f"Regel {onbekend.regelnummer}: {onbekend.reden}")
