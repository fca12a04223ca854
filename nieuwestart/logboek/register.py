"""The default entry of the processing register (AVG art. 30).

Migration 0002 creates version 1 from a frozen copy of these values; the functioneel beheerder
adds later versions on the screen "Verwerkingsregister". ``services.huidige_activiteit``
recreates version 1 from here only when the table is empty (e.g. a flushed test database).
"""

from datetime import date

from .models import STANDAARD_RECHTSGROND

STANDAARD_ACTIVITEIT = "BREDE_ONDERSTEUNING"

STANDAARD_ACTIVITEIT_VELDEN = {
    "naam": "Uitvoeren brede ondersteuning Wht",
    "doel": (
        "Rechthebbenden en hun gezin brede ondersteuning bieden bij hun herstel op de vijf leefgebieden "
        "(wonen, financiën, gezin, werk en zorg): aanmelding, verificatie bij UHT, gesprekken, plan van aanpak, "
        "voorzieningen, beëindiging en nazorg."
    ),
    "rechtsgrond": STANDAARD_RECHTSGROND,
    "bewaartermijn": (
        "Selectielijst gemeenten 2020, procestype 8 'Voorzieningen verstrekken': 10 jaar na het einde van de "
        "voorziening; 5 jaar na een weigering; 1 jaar na een afgebroken aanvraag. Gegevens van mensen die geen "
        "rechthebbende blijken, niet langer dan nodig. Bezwaar en klachten (procestype 13): 5 jaar, 7 jaar bij "
        "financiële gevolgen."
    ),
    "categorieen_betrokkenen": (
        "Rechthebbenden (de vijf doelgroepen van Wht art. 2.21) en hun gezinsleden."
    ),
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
