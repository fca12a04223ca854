"""Read the answer file of the child verification (UHT Serviceteam gemeenten): preview, then commit.

    manage.py portaal_kindverificatie PAD [--dry-run] --door NAAM [--voortgang]

(``--gebruiker NAAM`` works too, like the other portal commands.) Each answer is recorded in the
child's dossier as a verification; rows without a child awaiting it are reported, never created.
Prints counts, rejected rows and unknown rows (regelnummer, kolom, reden): never a BSN or name.
"""

from nieuwestart.aanmeldingen import kindverificatie
from nieuwestart.aanmeldingen.management.portaalcommando import PortaalCommando


class Command(PortaalCommando):
    help = (
        "Lees het antwoordbestand van de kindverificatie in (eerst een voorbeeld; --dry-run schrijft niets)."
    )

    def extra_argumenten(self, parser):
        parser.add_argument("--door", help="Gebruikersnaam die het bestand inleest (hetzelfde als --gebruiker).")

    def handle(self, *args, door=None, gebruiker=None, **opties):
        return super().handle(*args, gebruiker=gebruiker or door, **opties)

    def gedeelde_argumenten(self, opties):
        return {"doel_gekozen": "KINDVERIFICATIE_ANTWOORD"}

    def voorbeeld(self, **kwargs):
        return kindverificatie.voorbeeld_kindverificatie(**kwargs)

    def uitvoeren(self, **kwargs):
        return kindverificatie.uitvoeren_kindverificatie(**kwargs)

    def tellingen(self, x):
        return (
            f"{x.aantal_bevestigd} bevestigd, {x.aantal_niet_bevestigd} niet bevestigd, "
            f"{x.aantal_ongewijzigd} ongewijzigd, {x.aantal_onbekend} onbekend, {x.aantal_afgewezen} afgewezen"
        )

    def toelichting(self, vb):
        for onbekend in vb.onbekend:
            yield f"Regel {onbekend.regelnummer}: {onbekend.reden}"

    def resultaat(self, bestand):
        return (
            f"Ingelezen: {bestand.aantal_nieuw} verificatie(s) vastgelegd in dossiers, "
            f"{bestand.aantal_ongewijzigd} ongewijzigd, {bestand.aantal_onbekend} onbekend, "
            f"{bestand.aantal_afgewezen} afgewezen."
        )
