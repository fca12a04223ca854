"""Destroy personal data past its retention term. Without --uitvoeren it is a dry run."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from nieuwestart.aanmeldingen.opdrachten import opdrachten_opschonen
from nieuwestart.bewaartermijnen.models import Bewaarcategorie
from nieuwestart.bewaartermijnen.services import opschonen, opschoonplan


class Command(BaseCommand):
    help = "Toon (proefdraai) of vernietig dossiers waarvan de bewaartermijn voorbij is."

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true", help="Echt vernietigen. Zonder deze optie: proefdraai.")
        parser.add_argument("--peildatum", type=date.fromisoformat, default=None, help="Datum (JJJJ-MM-DD), standaard vandaag.")

    def handle(self, *args, uitvoeren=False, peildatum=None, **opties):
        peildatum = peildatum or timezone.localdate()
        plan = opschoonplan(peildatum=peildatum)
        kop = "Vernietigen" if uitvoeren else "Proefdraai: dit zou worden vernietigd"
        self.stdout.write(f"{kop} (peildatum {peildatum:%d-%m-%Y})")
        # Uploads of portal files keep their file and rejected rows one day at most.
        opdrachten = opdrachten_opschonen(nu=timezone.now(), uitvoeren=uitvoeren)
        self.stdout.write(f"- Ingelezen bestanden (web) met persoonsgegevens ouder dan een dag: {opdrachten}")
        if not plan.kandidaten:
            self.stdout.write("Niets te vernietigen.")
            return
        for categorie, kandidaten in sorted(plan.per_categorie().items()):
            naam = Bewaarcategorie(categorie).label
            self.stdout.write(f"- {naam}: {len(kandidaten)} dossier(s), bewaartermijn {plan.termijnen[categorie]} maanden na afsluiting")
            for k in kandidaten:
                self.stdout.write(f"    dossier-id {k.dossier_id}: afgesloten {k.afgesloten_op:%d-%m-%Y}, te vernietigen vanaf {k.vernietigen_vanaf:%d-%m-%Y}")
        if uitvoeren:
            registraties = opschonen(peildatum=peildatum, uitgevoerd_door="beheercommando opschonen")
            totaal = sum(r.aantal_dossiers for r in registraties)
            self.stdout.write(self.style.SUCCESS(f"{totaal} dossier(s) vernietigd; vastgelegd in {len(registraties)} vernietigingsregistratie(s)."))
