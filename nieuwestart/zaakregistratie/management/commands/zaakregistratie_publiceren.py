"""Catch up with the zaakregistratie: failed dossiers whose retry is due, and with --alles every
dossier never sent (e.g. after a bulk import). Run it nightly next to termijnen_bijwerken."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nieuwestart.zaakregistratie import publiceren
from nieuwestart.zaakregistratie.config import aan


class Command(BaseCommand):
    help = "Zet dossiers die (opnieuw) naar de zaakregistratie moeten in de wachtrij."

    def add_arguments(self, parser):
        parser.add_argument("--alles", action="store_true", help="Ook dossiers die nog nooit zijn verzonden.")
        parser.add_argument("--nu", action="store_true", help="Niet via de wachtrij, maar direct in dit proces.")
        parser.add_argument("--dossier", type=int, help="Alleen dit dossier (id).")

    def handle(self, *args, alles=False, nu=False, dossier=None, **opties):
        if not aan():
            raise CommandError("De koppeling met de zaakregistratie staat uit (NS_ZGW_ENABLED).")
        ids = [dossier] if dossier else publiceren.achterstand(nu=timezone.now(), alles=alles)
        for dossier_id in ids:
            if nu:
                uitkomst = publiceren.publiceren(dossier_id)
                self.stdout.write(f"{dossier_id}: {uitkomst.stand if uitkomst else '-'}")
            else:
                publiceren.inplannen(dossier_id)
        self.stdout.write(self.style.SUCCESS(f"{len(ids)} dossier(s) {'verzonden' if nu else 'in de wachtrij gezet'}."))
