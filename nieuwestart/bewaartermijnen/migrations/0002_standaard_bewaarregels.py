"""Default retention rules from domain.md (Selectielijst gemeenten 2020). Editable in the app."""

from django.db import migrations

STANDAARD = [
    ("VOORZIENING_VERSTREKT", 120, "Selectielijst 2020, procestype 8: 10 jaar na einde voorziening"),
    ("VOORZIENING_GEWEIGERD", 60, "Selectielijst 2020, procestype 8: 5 jaar na weigering"),
    ("ONDERSTEUNING_BEEINDIGD", 120, "Selectielijst 2020, procestype 8: 10 jaar na beëindiging"),
    ("AFGEBROKEN", 12, "Selectielijst 2020, procestype 8: 1 jaar na afbreken"),
    ("GEEN_RECHTHEBBENDE", 3, "AVG art. 5 lid 1 onder e: niet langer dan nodig (lokale keuze)"),
    ("BEZWAAR", 60, "Selectielijst 2020, procestype 13: 5 jaar"),
    ("BEZWAAR_FINANCIEEL", 84, "Selectielijst 2020, procestype 13: 7 jaar bij financiële gevolgen"),
    ("BEZWAAR_NIET_ONTVANKELIJK", 12, "Selectielijst 2020, procestype 13: 1 jaar bij niet-ontvankelijk"),
]


def maak(apps, schema_editor):
    Bewaarregel = apps.get_model("bewaartermijnen", "Bewaarregel")
    for categorie, maanden, bron in STANDAARD:
        Bewaarregel.objects.get_or_create(categorie=categorie, defaults={"termijn_maanden": maanden, "bron": bron})


class Migration(migrations.Migration):
    dependencies = [("bewaartermijnen", "0001_initial")]
    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]
