"""Write the shipped DOCX letter template from ``sjablonen.DOCX_REGELS`` (run after changing them)."""

from django.core.management.base import BaseCommand

from nieuwestart.beschikkingen.sjablonen import STANDAARD_DOCX, standaard_docx_bouwen


class Command(BaseCommand):
    help = "Maak het standaard Word-sjabloon voor beschikkingen opnieuw (templates/beschikkingen/brief/beschikking.docx)."

    def handle(self, *args, **options):
        STANDAARD_DOCX.write_bytes(standaard_docx_bouwen())
        self.stdout.write(f"Geschreven: {STANDAARD_DOCX}")
