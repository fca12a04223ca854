"""Import a Gegevensportaal contact list from the command line: preview, then commit.

    manage.py portaal_importeren PAD --team "Team Noord" [--doel contactlijst] [--dry-run] [--gebruiker NAAM]
                                     [--voortgang]

Prints counts and rejected rows (regelnummer, kolom, reden): never a BSN, name or contact detail.
"""

from django.core.management.base import CommandError

from nieuwestart.accounts.models import Team
from nieuwestart.aanmeldingen import importeren
from nieuwestart.aanmeldingen.management.portaalcommando import PortaalCommando


class Command(PortaalCommando):
    help = "Lees een contactlijst uit het Gegevensportaal in (eerst een voorbeeld; --dry-run schrijft niets)."

    def extra_argumenten(self, parser):
        parser.add_argument(
            "--team", required=True,
            help="Naam van het team dat de nieuwe dossiers krijgt als de gemeente geen toewijzingsregel heeft ingesteld.",
        )
        parser.add_argument("--doel", default="contactlijst", help="Waarvoor het bestand is (alleen: contactlijst).")

    def gedeelde_argumenten(self, opties):
        team = Team.objects.filter(naam=opties["team"]).first()
        if team is None:
            raise CommandError(f"Onbekend team: {opties['team']}")
        return {"team": team, "doel_gekozen": opties["doel"].strip().upper()}

    def voorbeeld(self, **kwargs):
        return importeren.voorbeeld(**kwargs)

    def uitvoeren(self, **kwargs):
        return importeren.uitvoeren(**kwargs)

    def tellingen(self, x):
        return (
            f"{x.aantal_nieuw} nieuw, {x.aantal_bijgewerkt} bijgewerkt, {x.aantal_ongewijzigd} ongewijzigd, "
            f"{x.aantal_afgewezen} afgewezen"
        )

    def toelichting(self, vb):
        if vb.teamtoewijzing:
            yield f"Toewijzing aan teams: {vb.teamtoewijzing}"
        for naam, aantal in sorted(vb.nieuw_per_team.items()):
            yield f"  {naam}: {aantal} nieuw"
        if vb.wijzigingen:
            yield f"Voorgestelde wijzigingen van contactgegevens: {len(vb.wijzigingen)}."
