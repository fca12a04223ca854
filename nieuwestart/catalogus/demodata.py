"""The demo sociale kaart: the youth-care products and providers of the Dronten social map.

Taken from the public seed ``004_…`` (the Dronten support desk description: "Producten Jeugdhulp",
the trajectories per product, the providers per product, and "Preventief aanbod jeugdhulp in
Dronten"). Where the seed gives a product only a description, the trajectory is filled in from
that description (e.g. "3 maanden wekelijks"). The seed gives no contact details, so none are
invented. The leefgebied per product is our reading of the seed, not the seed's own label.
``dronten_laden`` is idempotent: what exists (by name) is left as the beheerder may have changed it.
"""

from __future__ import annotations

from django.db import transaction

from nieuwestart.dossiers.models import Leefgebied

from .importeren import naam_sleutel
from .models import Aanbieder, Aard, Organisatiesoort, Product, Traject, Zwaarte

L, M, Z = Zwaarte.LICHT, Zwaarte.MIDDEL, Zwaarte.ZWAAR
GEZIN, ZORG, WERK, FIN, WONEN = (
    Leefgebied.GEZIN, Leefgebied.ZORG, Leefgebied.WERK, Leefgebied.FINANCIEN, Leefgebied.WONEN,
)

# Provider names as the seed spells them, one spelling per organisation (the seed writes
# "Triade Vitree", "Omega-groep" and "...Midden Nederland UA" for the same organisations).
SPECTRUM = "AB het Spectrum"
ALLERZORG = "Allerzorg"
ZORGPLEIN = "Behandelcentrum Zorgplein"
CONTEXT = "Context"
OMEGA = "Omega groep"
HEEREN_LOO = "’s Heeren Loo Zorggroep"
ICARE = "Icare Thuisbegeleiding"
SIPI = "SIPI (Stichting voor Interculturele Participatie en Integratie)"
BUITENSPORIG = "Buitensporig Zorg"
CZMN = "Coöperatie Zorgaanbieders Midden Nederland"
FOR_YOU = "For You begeleiding"
INTERAKT = "InteraktContour Groep"
PERSPECTIEV = "PerspectieV"
PHILADELPHIA = "Philadelphia Werk & Begeleiding Noord Ned."
KWINTES = "Stichting Kwintes"
KLIM_OP = "Pedagogische praktijk Klim-op"
VASTE_GROND = "Op Vaste Grond"
EIK = "Praktijk de Eik"
VITREE = "Stichting Vitree (Triade-Vitree)"
DICHTERBIJ = "Praktijk Dichterbij"
BOSMAN = "Dokter Bosman"
ELEOS = "Eleos GGZ"
TCF = "Therapeutisch Centrum Flevoland"
RID = "RID BV Regionaal Instituut voor Dyslexie"
IJSSELGROEP = "Stichting Psychologische Dienstverlening IJsselgroep"
BOER_EN_ZORG = "Coöperatie Boer en Zorg"
KLAVER4YOU = "Zorgcoöperatie Klaver4you"
BUURTDIENSTEN = "Buurtdiensten Nederland B.V."
HUMANITAS = "Humanitas"
MDF = "MDFlevoland"
INTRAVERTE = "Intraverte"
GGNET = "GGNet"
GEMEENTE = "Gemeente Dronten"

SOORTEN = {
    HUMANITAS: Organisatiesoort.VRIJWILLIGERS,
    MDF: Organisatiesoort.WELZIJN,
    GEMEENTE: Organisatiesoort.GEMEENTE,
}

KORT_LANG = "circa 6 maanden (kort) of circa 12 maanden (lang)"

# (categorie, product, leefgebied, doelgroep, omschrijving, {zwaarte: (intensiteit, duur, weken)},
#  providers, extra): "extra" holds aard / vrij_toegankelijk where they differ from the default.
PRODUCTEN: list[tuple] = [
    ("Begeleiding", "Begeleidingstraject doelgroep 18-", GEZIN, "Kinderen en ouders, tot 18 jaar",
     "Praktische hulp bij het aanleren en oefenen van vaardigheden voor zelfredzaamheid en meedoen; "
     "zo nodig met persoonlijke verzorging. Daarnaast een offertetraject (kortdurend tot 25 uur, of "
     "stabilisatie tot 3 jaar).",
     {L: ("1 tot 2 contacturen per week", KORT_LANG, None),
      M: ("2,1 tot 4 contacturen per week", KORT_LANG, None),
      Z: ("4,1 tot 6 uur per week", KORT_LANG, None)},
     [SPECTRUM, ALLERZORG, ZORGPLEIN, CONTEXT, OMEGA, HEEREN_LOO, ICARE, SIPI, BUITENSPORIG], {}),
    ("Begeleiding", "Begeleidingstraject doelgroep 16-27 jaar", GEZIN, "Jongeren en jongvolwassenen van 16 tot 27 jaar",
     "Begeleiding naar zelfstandig volwassen meedoen, ook school, werk en zelfstandig wonen. Minder dan 1 of meer "
     "dan 6 contacturen per week: uurtarief.",
     {L: ("1 tot 2 contacturen per week", "", None),
      M: ("2,1 tot 4 contacturen per week", "", None),
      Z: ("4,1 tot 6 contacturen per week", "", None)},
     [ALLERZORG, CZMN, FOR_YOU, INTERAKT, PERSPECTIEV, PHILADELPHIA, HEEREN_LOO, ICARE, KWINTES, SIPI], {}),
    ("Behandeling", "Behandeling individueel", ZORG, "Kinderen en jongeren tot 18 jaar",
     "Behandeling bij lichte tot matige psychische problemen, gedragsproblemen of opvoedingsproblemen. "
     "Ook een intensief traject (circa 72 contacturen) en een offerte op uurtarief.",
     {L: ("Circa 12 contacturen met de jongere", "", None),
      M: ("Circa 24 contacturen met de jongere", "", None),
      Z: ("Circa 48 contacturen met jongere en gezin", "", None)},
     [SPECTRUM, ZORGPLEIN, CONTEXT, KLIM_OP, VASTE_GROND, EIK, HEEREN_LOO, VITREE, SIPI], {}),
    ("Behandeling", "Behandeling groep", ZORG, "Jonge kinderen tot 5 jaar",
     "Behandeling in een groep (KBC) door een team van professionals; gericht op herstel en de overstap naar "
     "school. Per levensjaar hoogstens 2 dagdelen per week.",
     {L: ("Observatietraject: de ontwikkeling van het kind goed in beeld", "maximaal 6 maanden", 26),
      M: ("Traject voor de overstap naar (speciaal) onderwijs", "maximaal 12 maanden", 52),
      Z: ("Specialistisch traject bij een forse ontwikkelingsachterstand", "langdurig", None)},
     [VITREE], {}),
    ("Behandeling", "Behandeling gezinsgericht", GEZIN, "Jeugdigen en hun gezin",
     "Jeugd- en opvoedhulp in het gezin bij (een vermoeden van) een psychiatrische stoornis of een stagnerende "
     "ontwikkeling met opvoedproblemen. Bij uitzondering een offertetraject tot 200 uur.",
     {L: ("Circa 36 contacturen met jongere en gezin", "", None),
      M: ("Circa 72 contacturen met jongere en gezin", "", None),
      Z: ("Circa 108 contacturen met jongere en gezin", "", None)},
     [SPECTRUM, ZORGPLEIN, CONTEXT, KLIM_OP, VASTE_GROND, DICHTERBIJ, HEEREN_LOO, VITREE, SIPI], {}),
    ("Behandeling", "Behandeling specialistische jGGZ", ZORG, "Jeugdigen",
     "Specialistische jeugd-GGZ, GGZ-diagnostiek en medicatiecontrole. Ook een offerte voor medicatiecontrole "
     "na behandeling of zeer ernstige problematiek.",
     {L: ("Diagnostiek en psycho-educatie, of een korte of laagfrequente behandeling", "kortdurend", None),
      M: ("Diagnostiek met een korte of laagfrequente behandeling, of langdurige behandeling bij licht tot matig "
          "ernstige problemen", "", None),
      Z: ("Diagnostiek en langdurige behandeling, of intensieve behandeling van meerdere uren per week bij "
          "ernstige problemen", "langdurig", None)},
     [ZORGPLEIN, BOSMAN, ELEOS, TCF], {}),
    ("Behandeling", "Diagnostiek voor inwoners met LVB", ZORG, "Jeugdigen met een licht verstandelijke beperking",
     "Onderzoek naar (een vermoeden van) een psychische stoornis, om tot een diagnose te komen.",
     {}, [HEEREN_LOO], {}),
    ("Behandeling", "Dyslexiezorg", ZORG, "Jeugdigen van 7 tot 13 jaar",
     "Diagnostiek en behandeling volgens het landelijke protocol, samen met ouders en school.",
     {L: ("Diagnostiek en behandeling, hoogstens 5050 minuten", "24 maanden", 104)},
     [RID, IJSSELGROEP], {}),
    ("Kortdurend verblijf", "Kortdurend verblijf doelgroep 18-", GEZIN, "Kinderen en jongeren tot 18 jaar",
     "Logeren bij een instelling of logeerhuis, hoogstens drie etmalen per week, om ouders te ontlasten. Inclusief "
     "hoogstens 2 uur begeleiding per etmaal en vervoer als het netwerk dat niet kan.",
     {L: ("24 etmalen", "", None), M: ("48 etmalen", "", None), Z: ("78 etmalen", "", None)},
     [ZORGPLEIN, BOER_EN_ZORG, KLAVER4YOU], {}),
    ("Dagbesteding en begeleiding groep", "Begeleiding groep doelgroep 18-", GEZIN, "Kinderen en jongeren tot 18 jaar",
     "Ontlastingszorg overdag in een groep, zonder overnachting; ouders leren mee. Offerte: hoogstens 192 dagdelen "
     "in hoogstens 36 maanden.",
     {L: ("48 dagdelen", "", None), M: ("96 dagdelen", "", None), Z: ("144 dagdelen", "", None)},
     [ZORGPLEIN, BOER_EN_ZORG, KLAVER4YOU], {}),
    ("Dagbesteding en begeleiding groep", "Dagbesteding doelgroep 16-27", WERK, "Jongeren van 16 tot 27 jaar",
     "Activiteiten in een groep voor stappen naar meedoen, school of werk, een zinvolle dag en ontlasting van "
     "mantelzorgers.",
     {L: ("4 tot 8 dagdelen per maand", "", None), M: ("13 tot 17 dagdelen per maand", "", None),
      Z: ("21 tot 26 dagdelen per maand", "", None)},
     [INTERAKT, BOER_EN_ZORG, CZMN, KWINTES, VITREE], {}),
    ("Meervoudige complexe problematiek", "Meervoudige complexe problematiek: inzet begeleiding", GEZIN,
     "Gezinnen met problemen op meerdere leefgebieden",
     "Begeleiding van het gezin en de inwoner, continuïteit en een eerste aanspreekpunt, samen met de regisseur.",
     {}, [SPECTRUM, BUURTDIENSTEN, CZMN, KLAVER4YOU, OMEGA, ICARE], {}),
    ("Meervoudige complexe problematiek", "Meervoudige complexe problematiek: inzet regisseur", GEZIN,
     "Gezinnen met problemen op meerdere leefgebieden",
     "Bij uitzondering neemt een aanbieder de rol van regisseur over van de gemeente.",
     {}, [SPECTRUM, BUURTDIENSTEN, CZMN, KLAVER4YOU, OMEGA, ICARE], {}),
    # Preventief aanbod jeugdhulp in Dronten: no beschikking needed.
    ("Preventief aanbod", "Opvoedondersteuning bij het jonge kind", GEZIN, "Gezinnen met een kind van 0 tot en met 7 jaar",
     "Een vrijwilliger steunt ouders bij de opvoeding en vergroot hun zelfvertrouwen.",
     {L: ("Een vrijwilliger komt een dagdeel per week langs", "", None)}, [HUMANITAS], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Individuele maatjes", GEZIN, "Jeugdigen van 8 tot 18 jaar",
     "Een maatje helpt een eigen sociaal netwerk op te bouwen; zorgintensieve gezinnen worden ontlast.",
     {L: ("Wekelijks of om de week contact met een maatje", "", None)}, [HUMANITAS], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Kortdurende ambulante begeleiding", GEZIN, "Gezinnen met kinderen tot 18 jaar",
     "Duidelijkheid over de hulpvraag en advies over passende hulp; steun bij enkelvoudige opvoedproblemen.",
     {L: ("Minstens één keer per week bij het gezin thuis", "3 maanden", 13)}, [VITREE], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Levensloopregie bij autisme", GEZIN, "Gezinnen met een kind met autisme",
     "Een levensloopregisseur maakt met het gezin een levensloopplan en blijft op de achtergrond beschikbaar.",
     {L: ("Levensloopplan, daarna op afroep", "lange termijn", None)}, [OMEGA], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Gezinsadviseur", GEZIN, "Gezinnen met kinderen van 0 tot 23 jaar",
     "Laagdrempelige steun bij opvoeding, veiligheid en stabiliteit en het organiseren van het huishouden.",
     {L: ("Laagdrempelige ondersteuning", "", None)}, [MDF], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Gezinscoach", GEZIN, "Gezinnen met kinderen van 0 tot 23 jaar",
     "Hulp bij meervoudige problemen zoals opvoedings-, gedrags- en ontwikkelingsproblemen.",
     {M: ("Hulpverlening, praktische steun en advies", "", None)}, [MDF], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Schoolmaatschappelijk werk in het primair onderwijs", GEZIN, "Kinderen in het primair onderwijs",
     "Korte hulp aan leerlingen en ouders, steun aan leerkrachten en verwijzing naar andere hulp.",
     {L: ("Laagdrempelige, kortdurende hulpverlening", "kortdurend", None)}, [MDF], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Twee huizen training", GEZIN, "Kinderen van 8 tot 12 jaar met gescheiden ouders",
     "Groepstraining waarin kinderen praten over de scheiding van hun ouders.",
     {L: ("Kennismaking, 7 bijeenkomsten van anderhalf uur, 2 ouderbijeenkomsten en evaluatie", "", None)},
     [MDF], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "PMT op het primair onderwijs", ZORG, "Kinderen in de basisschoolleeftijd",
     "Psychomotorische therapie bij sociaal-emotionele hulpvragen, als de zorgverzekering die niet (volledig) "
     "vergoedt en ouders de kosten niet kunnen dragen.",
     {L: ("Beweeginterventies, bijvoorbeeld in een spel", "", None)}, [INTRAVERTE], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "GGZ op het voortgezet onderwijs", ZORG, "Jongeren van 12 tot en met 20 jaar",
     "Korte interventies bij lichte psychische problemen, zodat doorverwijzing naar gespecialiseerde GGZ niet nodig is.",
     {L: ("Wekelijks contact, alleen of in een groep", "kortdurend", None)}, [INTRAVERTE], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Individuele ambulante ondersteuning op school", GEZIN, "Kinderen van 0 tot 18 jaar",
     "Laagdrempelige steun op school, bijvoorbeeld bij sociale vaardigheden, pesten of faalangst.",
     {L: ("Startgesprek en samen gestelde doelen: één kind, één plan", "", None)}, [VITREE], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Interculturele traumatraining in groepsverband", ZORG,
     "Kinderen van asielzoekers en vluchtelingen",
     "Verwerken van ingrijpende gebeurtenissen met creatieve werkvormen en gesprekken.",
     {L: ("6 bijeenkomsten in een groep van 8 tot 12 kinderen", "", None)}, [GGNET], {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Ouderschapsbemiddeling", GEZIN, "Ouders in een complexe echtscheiding",
     "Ouders leren beter samen te praten en maken duidelijke afspraken over de zorg voor hun kinderen.",
     {L: ("Gesprekken met een ouderschapsbemiddelaar", "een aantal maanden", None)}, [VITREE],
     {"vrij_toegankelijk": True}),
    ("Preventief aanbod", "Basis Jeugd-GGZ", ZORG, "Jeugdigen tot en met 18 jaar",
     "Korte behandeling bij lichte tot matige psychische problemen, zoals stress, somberheid of angst.",
     {L: ("Ongeveer 10 gesprekken, wekelijks of om de week", "kortdurend", None)}, [INTRAVERTE],
     {"vrij_toegankelijk": True}),
    # The steunpunt toeslagenaffaire itself (seed 004, Inleiding): brede ondersteuning per leefgebied,
    # carried out for the municipality by MDF, and material costs when a goal needs them.
    ("Steunpunt toeslagenaffaire", "Brede ondersteuning wonen", WONEN, "(Mogelijk) gedupeerde ouders en hun gezin",
     "Ondersteuning naar een veilige en betaalbare plek om te wonen.", {}, [MDF], {}),
    ("Steunpunt toeslagenaffaire", "Brede ondersteuning financiën", FIN, "(Mogelijk) gedupeerde ouders en hun gezin",
     "Ondersteuning om een financieel gezonde huishouding te voeren.", {}, [MDF], {}),
    ("Steunpunt toeslagenaffaire", "Brede ondersteuning gezin", GEZIN, "(Mogelijk) gedupeerde ouders en hun gezin",
     "Ondersteuning bij samenleven en opgroeien in een veilige omgeving.", {}, [MDF], {}),
    ("Steunpunt toeslagenaffaire", "Brede ondersteuning gezondheid", ZORG, "(Mogelijk) gedupeerde ouders en hun gezin",
     "Ondersteuning bij welzijn vanuit lichamelijke en geestelijke gezondheid.", {}, [MDF], {}),
    ("Steunpunt toeslagenaffaire", "Brede ondersteuning werk en dagbesteding", WERK,
     "(Mogelijk) gedupeerde ouders en hun gezin",
     "Ondersteuning naar duurzaam meedoen in werk, met minstens een startkwalificatie.", {}, [MDF], {}),
    ("Steunpunt toeslagenaffaire", "Vergoeding van materiële kosten", FIN, "(Mogelijk) gedupeerde ouders en hun gezin",
     "Alleen als het nodig is om een doel uit het plan van aanpak te bereiken; niet als het alleen gewenst is.",
     {}, [GEMEENTE], {"aard": Aard.MATERIEEL}),
]


def _aanbieder_namen() -> list[str]:
    namen: list[str] = []
    for *_r, aanbieders, _extra in PRODUCTEN:
        namen += [n for n in aanbieders if n not in namen]
    return namen


@transaction.atomic
def dronten_laden() -> dict[str, int]:
    """Add the Dronten providers, products and trajectories that are not there yet; return how
    many rows were added per table (zero the second time)."""
    aantallen = {"catalogus.Aanbieder": 0, "catalogus.Product": 0, "catalogus.Traject": 0}
    bestaand = {naam_sleutel(a.naam): a for a in Aanbieder.objects.all()}
    for naam in _aanbieder_namen():
        if naam_sleutel(naam) not in bestaand:
            bestaand[naam_sleutel(naam)] = Aanbieder.objects.create(
                naam=naam, soort=SOORTEN.get(naam, Organisatiesoort.ZORGAANBIEDER)
            )
            aantallen["catalogus.Aanbieder"] += 1
    producten = {(p.aanbieder_id, naam_sleutel(p.naam)) for p in Product.objects.all()}
    trajecten = []
    for categorie, naam, leefgebied, doelgroep, omschrijving, per_zwaarte, aanbieders, extra in PRODUCTEN:
        for aanbieder_naam in aanbieders:
            aanbieder = bestaand[naam_sleutel(aanbieder_naam)]
            if (aanbieder.pk, naam_sleutel(naam)) in producten:
                continue
            product = Product.objects.create(
                aanbieder=aanbieder, naam=naam, categorie=categorie, leefgebied=leefgebied, doelgroep=doelgroep,
                omschrijving=omschrijving, **extra,
            )
            aantallen["catalogus.Product"] += 1
            trajecten += [
                Traject(product=product, zwaarte=zwaarte, intensiteit=intensiteit, duur=duur, duur_weken=weken)
                for zwaarte, (intensiteit, duur, weken) in per_zwaarte.items()
            ]
    Traject.objects.bulk_create(trajecten)
    aantallen["catalogus.Traject"] = len(trajecten)
    return aantallen
