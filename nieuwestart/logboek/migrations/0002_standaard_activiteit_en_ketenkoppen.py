"""The default processing activity (BREDE_ONDERSTEUNING v1) and the heads of both hash chains.

The values are a frozen copy (a migration must not change when the code does).
"""

from datetime import date

from django.db import migrations

ACTIVITEIT = {
    "code": "BREDE_ONDERSTEUNING",
    "versie": 1,
    "naam": "Uitvoeren brede ondersteuning Wht",
    "doel": (
        "Rechthebbenden en hun gezin brede ondersteuning bieden bij hun herstel op de vijf leefgebieden "
        "(wonen, financiën, gezin, werk en zorg): aanmelding, verificatie bij UHT, gesprekken, plan van aanpak, "
        "voorzieningen, beëindiging en nazorg."
    ),
    "rechtsgrond": "Wet hersteloperatie toeslagen art. 2.21",
    "bewaartermijn": (
        "Selectielijst gemeenten 2020, procestype 8 'Voorzieningen verstrekken': 10 jaar na het einde van de "
        "voorziening; 5 jaar na een weigering; 1 jaar na een afgebroken aanvraag. Gegevens van mensen die geen "
        "rechthebbende blijken, niet langer dan nodig. Bezwaar en klachten (procestype 13): 5 jaar, 7 jaar bij "
        "financiële gevolgen."
    ),
    "categorieen_betrokkenen": "Rechthebbenden (de vijf doelgroepen van Wht art. 2.21) en hun gezinsleden.",
    "categorieen_gegevens": (
        "BSN, naam, geboortedatum, adres en contactgegevens, samenstelling van het gezin, hulpvragen per "
        "leefgebied, plan van aanpak, voorzieningen en beschikkingen; zo nodig gegevens over gezondheid."
    ),
    "categorieen_ontvangers": (
        "UHT Serviceteam gemeenten (verificatie), aanbieders van voorzieningen, ketenpartners bij een warme "
        "overdracht."
    ),
    "geldig_vanaf": date(2024, 1, 1),
}


def aanmaken(apps, schema_editor):
    Verwerkingsactiviteit = apps.get_model("logboek", "Verwerkingsactiviteit")
    Ketenkop = apps.get_model("logboek", "Ketenkop")
    velden = dict(ACTIVITEIT)
    Verwerkingsactiviteit.objects.get_or_create(code=velden.pop("code"), versie=velden.pop("versie"), defaults=velden)
    for log in ("verwerkingen", "beveiliging"):
        Ketenkop.objects.get_or_create(log=log, defaults={"volgnummer": 0, "hash": "0" * 64})


class Migration(migrations.Migration):
    dependencies = [("logboek", "0001_initial")]
    operations = [migrations.RunPython(aanmaken, migrations.RunPython.noop)]
