"""Import a Gegevensportaal contact list from the command line: preview, then commit.

    manage.py portaal_importeren PAD --team "Team Noord" [--doel contactlijst] [--dry-run] [--gebruiker NAAM]

Prints counts and rejected rows (regelnummer, kolom, reden): never a BSN, name or contact detail.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nieuwestart.accounts.models import Team
from nieuwestart.aanmeldingen import importeren
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.logboek.services import openstaande_regels_vastleggen


class Command(BaseCommand):
    help = "Lees een contactlijst uit het Gegevensportaal in (eerst een voorbeeld; --dry-run schrijft niets)."

    def add_arguments(self, parser):
        parser.add_argument("pad")
        parser.add_argument("--team", required=True, help="Naam van het team dat de nieuwe dossiers krijgt.")
        parser.add_argument("--doel", default="contactlijst", help="Waarvoor het bestand is (alleen: contactlijst).")
        parser.add_argument("--dry-run", action="store_true", help="Alleen het voorbeeld tonen; niets opslaan.")
        parser.add_argument("--gebruiker", help="Gebruikersnaam die de import uitvoert (nodig zonder --dry-run).")

    def handle(self, *args, pad, team, doel, dry_run, gebruiker, **opties):
        bestand = Path(pad)
        if not bestand.is_file():
            raise CommandError(f"Bestand niet gevonden: {pad}")
        team_obj = Team.objects.filter(naam=team).first()
        if team_obj is None:
            raise CommandError(f"Onbekend team: {team}")
        door = None
        if gebruiker:
            door = get_user_model().objects.filter(username=gebruiker).first()
            if door is None:
                raise CommandError(f"Onbekende gebruiker: {gebruiker}")
        if not dry_run and door is None:
            raise CommandError("Geef met --gebruiker aan wie de import uitvoert (of gebruik --dry-run).")
        doel_gekozen = doel.strip().upper()
        inhoud = bestand.read_bytes()
        vandaag = timezone.localdate()
        try:
            vb = importeren.voorbeeld(
                inhoud=inhoud, bestandsnaam=bestand.name, doel_gekozen=doel_gekozen, team=team_obj, vandaag=vandaag
            )
            self._toon_voorbeeld(vb)
            if not vb.kan_importeren:
                raise CommandError("Het bestand kan niet worden ingelezen: " + " ".join(vb.kolomfouten))
            if dry_run:
                self.stdout.write("Proefrun (--dry-run): er is niets opgeslagen.")
                return
            try:
                resultaat = importeren.uitvoeren(
                    inhoud=inhoud, bestandsnaam=bestand.name, doel_gekozen=doel_gekozen, team=team_obj,
                    door=door, vandaag=vandaag,
                )
            finally:
                openstaande_regels_vastleggen()
        except (DoelFout, BestandFout) as fout:
            raise CommandError(fout.melding) from fout
        if vb.al_geimporteerd:
            self.stdout.write("Dit bestand was al ingelezen; er is niets veranderd.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Ingelezen: {resultaat.aantal_nieuw} nieuw, {resultaat.aantal_bijgewerkt} bijgewerkt, "
            f"{resultaat.aantal_ongewijzigd} ongewijzigd, {resultaat.aantal_afgewezen} afgewezen."
        ))

    def _toon_voorbeeld(self, vb):
        for melding in vb.waarschuwingen:
            self.stdout.write(f"Let op: {melding}")
        for melding in vb.kolomfouten:
            self.stdout.write(f"Fout: {melding}")
        self.stdout.write(
            f"Voorbeeld: {vb.aantal_nieuw} nieuw, {vb.aantal_bijgewerkt} bijgewerkt, "
            f"{vb.aantal_ongewijzigd} ongewijzigd, {vb.aantal_afgewezen} afgewezen."
        )
        if vb.wijzigingen:
            self.stdout.write(f"Voorgestelde wijzigingen van contactgegevens: {len(vb.wijzigingen)}.")
        # Only where and why: never the value (it may be a BSN or a name).
        for afwijzing in vb.afwijzingen:
            self.stdout.write(f"Regel {afwijzing.regelnummer}, kolom '{afwijzing.kolom}': {afwijzing.reden}")
