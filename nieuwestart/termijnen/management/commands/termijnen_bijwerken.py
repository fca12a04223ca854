"""Nightly refresh of stored terms (run from cron / a scheduler once a day).

Events refresh a dossier's terms at once, and so does adding or removing an extra holiday
(``instellingen.services.extra_feestdag_toevoegen`` / ``extra_feestdag_verwijderen``
recompute the dossiers with a term ending near that date). This command catches what only
the passing of time changes: a window (6 months, 2 years) that closed yesterday stops being
the "next term". ``--alle`` recomputes every open dossier (e.g. after a bulk import).
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from nieuwestart.dossiers.models import Dossier
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.termijnen.regels import REGELS, TermijnAard
from nieuwestart.termijnen.services import atw_kalender, termijnen_bijwerken


class Command(BaseCommand):
    help = "Werk de opgeslagen termijnen bij: dossiers waarvan de eerstvolgende termijn voorbij is (of alle met --alle)."

    def add_arguments(self, parser):
        parser.add_argument("--alle", action="store_true", help="Alle open dossiers herberekenen.")

    def handle(self, *args, alle=False, **opties):
        vandaag = timezone.localdate()
        dossiers = Dossier.objects.open()
        if not alle:
            # An overdue action stays the next term until it is done; only a closed window
            # (6 months, 2 years, …) makes way for the next one.
            vensters = [r.code for r in REGELS if r.aard == TermijnAard.UITERSTE_DATUM]
            dossiers = dossiers.filter(volgende_termijn_einddatum__lt=vandaag, volgende_termijn_regel__in=vensters)
        kalender = atw_kalender()
        instellingen = gemeente_instellingen()
        aantal = 0
        for pk in dossiers.values_list("pk", flat=True).iterator(chunk_size=2000):
            with transaction.atomic():
                dossier = Dossier.objects.prefetch_related("gebeurtenissen").get(pk=pk)
                termijnen_bijwerken(dossier, vandaag=vandaag, kalender=kalender, instellingen=instellingen)
            aantal += 1
        self.stdout.write(f"{aantal} dossiers bijgewerkt.")
