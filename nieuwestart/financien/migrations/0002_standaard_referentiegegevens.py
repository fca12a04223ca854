"""Default Spuk components and SiSa indicators. Reference data: the functioneel beheerder checks them
against the official SiSa list of the year (docs/financien.md); they are sensible defaults, not the law."""

from django.db import migrations

from nieuwestart.financien.referentiegegevens import standaard_laden


def laden(apps, schema_editor):
    standaard_laden(apps.get_model("financien", "SpukComponent"), apps.get_model("financien", "SisaIndicator"))


class Migration(migrations.Migration):
    dependencies = [("financien", "0001_initial")]
    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
