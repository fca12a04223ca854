"""Each log becomes a few independent chains (parts, ``deel``), so concurrent writers do not queue.

Existing lines and heads become part 1; their hashes stay valid (part 1 keeps the log's own name in
the canonical form). The head table gets a surrogate key: the old one is renamed, copied and dropped.
"""

from django.db import migrations, models


def koppen_overnemen(apps, schema_editor):
    Oud = apps.get_model("logboek", "OudeKetenkop")
    Ketenkop = apps.get_model("logboek", "Ketenkop")
    Ketenkop.objects.bulk_create(
        Ketenkop(log=kop.log, deel=1, volgnummer=kop.volgnummer, hash=kop.hash) for kop in Oud.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [("logboek", "0002_standaard_activiteit_en_ketenkoppen")]

    operations = [
        migrations.RenameModel("Ketenkop", "OudeKetenkop"),
        migrations.CreateModel(
            name="Ketenkop",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("log", models.CharField(choices=[("verwerkingen", "Logboek dataverwerkingen"),
                                                  ("beveiliging", "Beveiligingslogboek")], max_length=20)),
                ("deel", models.PositiveSmallIntegerField(default=1)),
                ("volgnummer", models.BigIntegerField(default=0)),
                ("hash", models.CharField(default="0" * 64, max_length=64)),
            ],
            options={
                "verbose_name": "ketenkop",
                "verbose_name_plural": "ketenkoppen",
                "constraints": [models.UniqueConstraint(fields=("log", "deel"), name="ketenkop_per_deel")],
            },
        ),
        migrations.RunPython(koppen_overnemen, migrations.RunPython.noop),
        migrations.DeleteModel("OudeKetenkop"),
        migrations.AddField(
            model_name="verwerking", name="deel",
            field=models.PositiveSmallIntegerField(default=1, editable=False, verbose_name="deel van de keten"),
        ),
        migrations.AddField(
            model_name="beveiligingsgebeurtenis", name="deel",
            field=models.PositiveSmallIntegerField(default=1, editable=False, verbose_name="deel van de keten"),
        ),
        migrations.AlterField(
            model_name="verwerking", name="volgnummer",
            field=models.BigIntegerField(editable=False, verbose_name="volgnummer"),
        ),
        migrations.AlterField(
            model_name="beveiligingsgebeurtenis", name="volgnummer",
            field=models.BigIntegerField(editable=False, verbose_name="volgnummer"),
        ),
        migrations.AddConstraint(
            model_name="verwerking",
            constraint=models.UniqueConstraint(fields=("deel", "volgnummer"), name="verwerking_volgnummer_per_deel"),
        ),
        migrations.AddConstraint(
            model_name="beveiligingsgebeurtenis",
            constraint=models.UniqueConstraint(fields=("deel", "volgnummer"), name="beveiliging_volgnummer_per_deel"),
        ),
        migrations.AlterModelOptions(
            name="verwerking",
            options={"ordering": ["deel", "volgnummer"], "verbose_name": "verwerking", "verbose_name_plural": "verwerkingen"},
        ),
        migrations.AlterModelOptions(
            name="beveiligingsgebeurtenis",
            options={"ordering": ["deel", "volgnummer"], "verbose_name": "beveiligingsgebeurtenis",
                     "verbose_name_plural": "beveiligingsgebeurtenissen"},
        ),
    ]
