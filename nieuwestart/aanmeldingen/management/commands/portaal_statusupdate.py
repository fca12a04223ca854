"""Import a UHT status update from the Gegevensportaal from the command line: preview, then commit.

    manage.py portaal_statusupdate PAD [--dry-run] [--gebruiker NAAM] [--voortgang]

The statuses are recorded in every open dossier of each person in the file (all teams); every
"niet erkend" also becomes a melding for the case worker. Prints counts, rejected rows and
unknown rows (regelnummer, kolom, reden): never a BSN or name.
"""

from nieuwestart.aanmeldingen import statusupdates
from nieuwestart.aanmeldingen.management.portaalcommando import PortaalCommando


class Command(PortaalCommando):
    help = "Lees een statusupdate van UHT uit het Gegevensportaal in (eerst een voorbeeld; --dry-run schrijft niets)."

    def gedeelde_argumenten(self, opties):
        return {"doel_gekozen": "STATUSUPDATE"}

    def voorbeeld(self, **kwargs):
        return statusupdates.voorbeeld_status(**kwargs)

    def uitvoeren(self, **kwargs):
        return statusupdates.uitvoeren_status(**kwargs)

    def tellingen(self, x):
        return (
            f"{x.aantal_nieuw_status} nieuwe status, {x.aantal_ongewijzigd} ongewijzigd, "
            f"{x.aantal_potentieel} potentieel gedupeerd, {x.aantal_onbekend} onbekend, "
            f"{x.aantal_afgewezen} afgewezen"
        )

    def toelichting(self, vb):
        for onbekend in vb.onbekend:
            yield f"Regel {onbekend.regelnummer}: {onbekend.reden}"

    def resultaat(self, r):
        tekst = (
            f"Ingelezen: {self.tellingen(r)}; {r.aantal_gebeurtenissen} status(sen) vastgelegd in dossiers; "
            f"{r.aantal_meldingen} melding(en) voor consulenten of teamleiders."
        )
        if r.aantal_zonder_ontvanger:
            tekst += (
                f" Let op: bij {r.aantal_zonder_ontvanger} dossier(s) is niemand in het team om te melden "
                "(geen consulent en geen teamleider)."
            )
        return tekst
