"""Dutch text pools for synthetic dossiers: hulpvragen, notes, reasons.

Plain data, so the generator stays readable. Short sentences in plain Dutch (B1), the
way a consulent would write them; nothing here refers to a real person.
"""

from nieuwestart.dossiers.models import Leefgebied

HULPVRAGEN: dict[str, tuple[str, ...]] = {
    Leefgebied.WONEN: (
        "Huurachterstand; de verhuurder dreigt met ontruiming.",
        "Woont tijdelijk bij familie en zoekt een eigen woning.",
        "De woning is te klein voor het gezin.",
        "Vocht en schimmel in de woning; de verhuurder reageert niet.",
        "Wil verhuizen naar een woning dichter bij school en werk.",
    ),
    Leefgebied.FINANCIEN: (
        "Wil weer grip op de administratie en de post.",
        "Schulden bij meerdere schuldeisers; wil een overzicht en een plan.",
        "Wil advies over het goed besteden van de compensatie.",
        "Vaste lasten zijn hoger dan het inkomen.",
        "Durft de post niet meer open te maken; wil hulp bij het ordenen.",
    ),
    Leefgebied.GEZIN: (
        "Zoon heeft moeite op school; ouder wil opvoedondersteuning.",
        "Het contact met de ex-partner over de kinderen verloopt moeizaam.",
        "De kinderen merken de spanning thuis; wil gezinsbegeleiding.",
        "Wil hulp bij de terugkeer van een kind dat uit huis was geplaatst.",
        "Dochter wil een opleiding volgen maar mist de middelen.",
    ),
    Leefgebied.WERK: (
        "Wil een opleiding afmaken en een startkwalificatie halen.",
        "Zoekt werk na een lange periode thuis.",
        "Wil minder uren werken door overbelasting.",
        "Wil een rijbewijs halen voor werk in de zorg.",
        "Wil begeleiding bij het starten als zelfstandige.",
    ),
    Leefgebied.ZORG: (
        "Slaapt slecht en voelt zich somber; wil praten met een psycholoog.",
        "Lichamelijke klachten door jarenlange stress.",
        "Wil traumabehandeling (EMDR) na de gebeurtenissen met de toeslagen.",
        "Zorgverzekering dreigt te stoppen door een betalingsachterstand.",
        "Wil weer in beweging komen; de huisarts raadt begeleiding aan.",
    ),
}

AANWEZIGEN = (
    "ouder",
    "ouder en partner",
    "ouder en tolk",
    "ouder en zaakbehandelaar van UHT",
    "ouder, partner en oudste kind",
    "rechthebbende en vertrouwenspersoon",
)

ACUTE_SITUATIES = (
    "Ontruiming aangekondigd voor volgende maand.",
    "Afsluiting van gas en elektriciteit aangekondigd.",
    "Zorgverzekering wordt beëindigd door een betalingsachterstand.",
)

NOTITIES = (
    "Gebeld met de rechthebbende; afspraak bevestigd.",
    "Rechthebbende heeft aanvullende stukken gemaild.",
    "Overleg gehad met de zaakbehandelaar van UHT.",
    "Driegesprek voorbereid met ouder en zaakbehandelaar.",
    "Rechthebbende was niet bereikbaar; brief gestuurd.",
    "Huisbezoek afgelegd; situatie besproken.",
    "Contact gehad met de schuldhulpverlening over een warme overdracht.",
    "Rechthebbende geeft aan dat het beter gaat.",
)

OPSCHORTINGSREDENEN = (
    "De rechthebbende vraagt uitstel wegens een ziekenhuisopname.",
    "Wacht op aanvullende gegevens van de rechthebbende.",
    "Op verzoek van de rechthebbende: verhuizing.",
    "Overmacht: de tolk is langere tijd niet beschikbaar.",
)

MEDEDELINGEN = (
    "Door drukte lukt het niet binnen de termijn; de rechthebbende is gebeld en heeft een brief gekregen.",
    "De rechthebbende is op de hoogte gebracht van de nieuwe datum.",
)

# (code, toelichting) for the BEEINDIGD event; the reasons of domain.md §6.
BEEINDIGINGSREDENEN: dict[str, str] = {
    "DOELEN_BEREIKT": "De doelen van het plan van aanpak zijn bereikt.",
    "TWEE_JAAR_VERSTREKEN": "Twee jaar na het eerste gesprek; er worden geen nieuwe besluiten meer genomen.",
    "GEEN_BEHOEFTE_MEER": "De rechthebbende wil geen ondersteuning meer.",
    "GEEN_CONTACT": "Geen reactie op herhaalde oproepen binnen een redelijke termijn.",
    "NIET_ERKEND": "UHT heeft de aanvrager niet erkend; de afbouw is afgerond.",
}

NAZORG = (
    "Warme overdracht naar de schuldhulpverlening.",
    "Warme overdracht naar het Wmo-loket.",
    "Warme overdracht naar jeugdhulp (Jeugdwet).",
    "Nazorg: na drie maanden bellen hoe het gaat.",
)

CONTACTPERSONEN_UHT = (
    "Serviceteam gemeenten, medewerker A.",
    "Serviceteam gemeenten, medewerker B.",
    "Serviceteam gemeenten (telefonisch)",
)

# Surnames and first names that are common in the Netherlands but missing from
# Faker's nl_NL lists, so the data looks like the population the regeling serves.
EXTRA_ACHTERNAMEN = (
    "Yilmaz", "Kaya", "Demir", "Öztürk", "Şahin", "Çelik", "El Amrani", "Bouzid", "El Idrissi",
    "Benali", "Ouali", "Ramdin", "Biharie", "Sewnandan", "Mohan", "Nguyen", "Tahiri", "Aydın",
)
EXTRA_VOORNAMEN_VROUW = ("Fatima", "Ayşe", "Samira", "Naima", "Zeynep", "Sharmila", "Priya", "Latifa", "Yasmina")
EXTRA_VOORNAMEN_MAN = ("Mohamed", "Ahmed", "Mustafa", "Emre", "Youssef", "Rachid", "Ravi", "Karim", "Hamza")

TUSSENVOEGSELS = (
    ("van", 30), ("de", 25), ("van der", 12), ("van den", 10), ("van de", 8), ("den", 3),
    ("ter", 3), ("te", 2), ("van 't", 2), ("in 't", 1), ("op de", 1),
)
