"""The policy rules of brede ondersteuning, in one place.

Each rule has a code a newcomer can search for, a short Dutch name and a plain-Dutch
explanation that the user sees when the rule stops them. Services call ``controleer``
helpers below; a broken rule raises ``RegelOvertreding``, which views show next to the
field it names. Later issues (plan, voorzieningen, mandaat) add their rules here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Beleidsregel:
    code: str
    naam: str
    uitleg: str
    bron: str


class RegelOvertreding(Exception):
    """A policy rule refuses an action. ``veld`` names the form field it concerns, if any."""

    def __init__(self, regel: Beleidsregel, bericht: str | None = None, *, veld: str | None = None):
        self.regel = regel
        self.bericht = str(bericht or regel.uitleg)
        self.veld = veld
        super().__init__(self.bericht)


GEBOORTEDATUM_NIET_IN_TOEKOMST = Beleidsregel(
    code="GEBOORTEDATUM_NIET_IN_TOEKOMST",
    naam=_("Geboortedatum ligt niet in de toekomst"),
    uitleg=_("De geboortedatum ligt in de toekomst. Controleer de datum."),
    bron="gegevenskwaliteit",
)
EEN_OPEN_DOSSIER_PER_DOELGROEP = Beleidsregel(
    code="EEN_OPEN_DOSSIER_PER_DOELGROEP",
    naam=_("Eén open dossier per persoon en doelgroep"),
    uitleg=_(
        "Deze persoon heeft al een open dossier voor deze doelgroep. "
        "Werk in dat dossier verder, of sluit het eerst af."
    ),
    bron="Handreiking §4.1",
)
KIND_ONDER_18_VIA_OUDER = Beleidsregel(
    code="KIND_ONDER_18_VIA_OUDER",
    naam=_("Kinderen onder 18 krijgen hulp via het plan van de ouder"),
    uitleg=_(
        "Een kind jonger dan 18 dat thuis woont, krijgt geen eigen dossier. "
        "Het kind krijgt hulp via het plan van aanpak van de ouder. "
        "Voeg het kind toe als gezinslid in het dossier van de ouder."
    ),
    bron="Handreiking §2.2; Handvatten plan van aanpak (kinderen)",
)
AANMELDDATUM_NIET_IN_TOEKOMST = Beleidsregel(
    code="AANMELDDATUM_NIET_IN_TOEKOMST",
    naam=_("Aanmelddatum ligt niet in de toekomst"),
    uitleg=_("De datum van aanmelding ligt in de toekomst. Vul de dag in waarop de persoon zich meldde."),
    bron="gegevenskwaliteit",
)
VERIFICATIE_VOOR_EERSTE_GESPREK = Beleidsregel(
    code="VERIFICATIE_VOOR_EERSTE_GESPREK",
    naam=_("Eerst verificatie bij UHT, dan het eerste gesprek"),
    uitleg=_(
        "Bij een directe aanmelding moet UHT eerst bevestigen dat de persoon recht heeft op brede ondersteuning. "
        "Leg de verificatie vast met uitkomst 'bevestigd'. Daarna kunt u het eerste gesprek vastleggen."
    ),
    bron="Handreiking §4.1",
)
DATUM_NIET_VOOR_AANMELDING = Beleidsregel(
    code="DATUM_NIET_VOOR_AANMELDING",
    naam=_("Niet vóór de aanmelding"),
    uitleg=_("Deze datum ligt vóór de aanmelding. Dat kan niet. Controleer de datum."),
    bron="gegevenskwaliteit",
)
DATUM_NIET_IN_TOEKOMST = Beleidsregel(
    code="DATUM_NIET_IN_TOEKOMST",
    naam=_("Gebeurtenissen liggen niet in de toekomst"),
    uitleg=_("Deze datum ligt in de toekomst. Leg alleen vast wat al is gebeurd."),
    bron="gegevenskwaliteit",
)
HULPVRAAG_NODIG = Beleidsregel(
    code="HULPVRAAG_NODIG",
    naam=_("Het eerste gesprek legt de hulpvraag vast"),
    uitleg=_("Vul voor minstens één leefgebied de hulpvraag in. Het plan van aanpak bouwt daarop voort."),
    bron="Handreiking §4.2",
)
ACUTE_SITUATIE_TOELICHTEN = Beleidsregel(
    code="ACUTE_SITUATIE_TOELICHTEN",
    naam=_("Een acute situatie wordt beschreven"),
    uitleg=_("Beschrijf wat er acuut is, bijvoorbeeld een dreigende huisuitzetting of afsluiting van energie."),
    bron="Handreiking §4.2; model beleidsregels (bedreigende situatie)",
)

ALLE_REGELS: tuple[Beleidsregel, ...] = (
    GEBOORTEDATUM_NIET_IN_TOEKOMST,
    EEN_OPEN_DOSSIER_PER_DOELGROEP,
    KIND_ONDER_18_VIA_OUDER,
    AANMELDDATUM_NIET_IN_TOEKOMST,
    VERIFICATIE_VOOR_EERSTE_GESPREK,
    DATUM_NIET_VOOR_AANMELDING,
    DATUM_NIET_IN_TOEKOMST,
    HULPVRAAG_NODIG,
    ACUTE_SITUATIE_TOELICHTEN,
)


def leeftijd_op(geboortedatum: date, peildatum: date) -> int:
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def controleer_niet_in_toekomst(datum: date, *, vandaag: date, regel: Beleidsregel, veld: str) -> None:
    if datum > vandaag:
        raise RegelOvertreding(regel, veld=veld)


def controleer_niet_voor(datum: date, *, grens: date, veld: str) -> None:
    if datum < grens:
        raise RegelOvertreding(
            DATUM_NIET_VOOR_AANMELDING,
            _("Deze datum ligt vóór de aanmelding op %(datum)s. Controleer de datum.")
            % {"datum": grens.strftime("%d-%m-%Y")},
            veld=veld,
        )


def controleer_kind_onder_18_via_ouder(
    *, doelgroep: str, geboortedatum: date, peildatum: date, woont_bij_ouder: bool
) -> None:
    # A child under 18 who does not live at home (e.g. placed out of home) may get its own dossier.
    if doelgroep == "KIND_KINDREGELING" and woont_bij_ouder and leeftijd_op(geboortedatum, peildatum) < 18:
        raise RegelOvertreding(KIND_ONDER_18_VIA_OUDER, veld="doelgroep")


NIEUWE_DATUM_NA_BERICHT = Beleidsregel(
    code="NIEUWE_DATUM_NA_BERICHT",
    naam=_("Een nieuwe datum ligt na het bericht"),
    uitleg=_("De nieuwe datum moet later zijn dan de dag waarop u het de rechthebbende liet weten."),
    bron="Awb art. 4:14",
)
OPSCHORTING_MET_REDEN = Beleidsregel(
    code="OPSCHORTING_MET_REDEN",
    naam=_("Een opschorting heeft een reden"),
    uitleg=_(
        "Schrijf op waarom de termijn stilstaat, bijvoorbeeld: de rechthebbende vroeg om uitstel, "
        "of er ontbreken gegevens (Awb artikel 4:15)."
    ),
    bron="Awb art. 4:15",
)

BEKEND_IN_ANDER_TEAM = Beleidsregel(
    code="BEKEND_IN_ANDER_TEAM",
    naam=_("Een bekende persoon wordt aangemeld door het eigen team"),
    uitleg=_(
        "Dit BSN is al bekend bij een ander team. U kunt deze persoon daarom hier niet aanmelden. "
        "Vraag uw teamleider om het dossier over te dragen aan uw team."
    ),
    bron="privacy: toegang volgt het team",
)
BSN_HOORT_BIJ_ANDERE_GEGEVENS = Beleidsregel(
    code="BSN_HOORT_BIJ_ANDERE_GEGEVENS",
    naam=_("BSN, naam en geboortedatum horen bij elkaar"),
    uitleg=_(
        "Dit BSN is al bekend, maar met een andere achternaam of geboortedatum. "
        "Controleer het BSN en de gegevens op typfouten."
    ),
    bron="gegevenskwaliteit",
)
OPSCHORTING_NIET_LOPEND = Beleidsregel(
    code="OPSCHORTING_NIET_LOPEND",
    naam=_("Alleen een lopende opschorting kan stoppen"),
    uitleg=_("Deze termijn staat niet stil. Er is dus geen opschorting om te beëindigen."),
    bron="Awb art. 4:15",
)
TERMIJN_NIET_OPEN = Beleidsregel(
    code="TERMIJN_NIET_OPEN",
    naam=_("Alleen een lopende termijn kan veranderen"),
    uitleg=_("Deze termijn loopt (nog) niet in dit dossier, of is al gehaald of vervallen. Kies een andere termijn."),
    bron="Awb art. 4:14 en 4:15",
)
NIEUWE_DATUM_BINNEN_TERMIJN = Beleidsregel(
    code="NIEUWE_DATUM_BINNEN_TERMIJN",
    naam=_("Een nieuwe datum meedelen kan alleen binnen de termijn"),
    uitleg=_(
        "De termijn was al voorbij op de dag dat u het meedeelde. Een nieuwe datum telt dan niet meer "
        "(Awb artikel 4:14). De rechthebbende kan de gemeente in gebreke stellen."
    ),
    bron="Awb art. 4:14 lid 3",
)

VERIFICATIE_AL_GEDAAN = Beleidsregel(
    code="VERIFICATIE_AL_GEDAAN",
    naam=_("Verificatie alleen bij een nieuwe aanmelding"),
    uitleg=_("De verificatie hoeft niet meer: het recht is al bevestigd of het dossier is verder."),
    bron="Handreiking §4.1",
)

ALLE_REGELS = ALLE_REGELS + (
    VERIFICATIE_AL_GEDAAN,
    NIEUWE_DATUM_NA_BERICHT, OPSCHORTING_MET_REDEN, BEKEND_IN_ANDER_TEAM, BSN_HOORT_BIJ_ANDERE_GEGEVENS,
    OPSCHORTING_NIET_LOPEND, TERMIJN_NIET_OPEN, NIEUWE_DATUM_BINNEN_TERMIJN,
)

# Team assignment of new registrations from portal files (nieuwestart.instellingen.teamtoewijzing).
POSTCODEGEBIEDEN_OVERLAPPEN_NIET = Beleidsregel(
    code="POSTCODEGEBIEDEN_OVERLAPPEN_NIET",
    naam=_("Postcodegebieden overlappen niet"),
    uitleg=_(
        "Elke postcode hoort bij één team. Dit gebied overlapt met een gebied dat er al is. "
        "Pas 'van postcode' of 'tot en met postcode' aan, of verwijder eerst het andere gebied."
    ),
    bron="lokaal beleid: teamtoewijzing",
)
ALLE_REGELS = ALLE_REGELS + (POSTCODEGEBIEDEN_OVERLAPPEN_NIET,)

# --- Plan van aanpak (issue 5; evaluated in nieuwestart.plannen.toets and .services) ------------
# The toets: each rule gives VOLDAAN / WAARSCHUWING / BLOKKADE per plan version or provision.
VOORZIENING_HEEFT_DOEL = Beleidsregel(
    code="VOORZIENING_HEEFT_DOEL",
    naam=_("Elke voorziening hoort bij een doel"),
    uitleg=_(
        "Er is geen voorziening zonder doel. Koppel elke voorziening aan één doel in het plan, "
        "en beschrijf dat doel."
    ),
    bron="Handreiking §4.3; Handvatten plan van aanpak",
)
VOORZIENING_GEMOTIVEERD = Beleidsregel(
    code="VOORZIENING_GEMOTIVEERD",
    naam=_("Elke voorziening is gemotiveerd"),
    uitleg=_(
        "Het plan is een besluit. Schrijf daarom bij elke voorziening welke belemmering zij wegneemt, "
        "waarom zij geschikt is, of zij noodzakelijk is (noodzaak of wens) en of zij in verhouding staat "
        "tot het probleem. Weeg ook de vaardigheden, de draagkracht, het huishouden, de duurzaamheid "
        "en hoe de voorziening het doel mogelijk maakt."
    ),
    bron="Awb art. 3:46; model beleidsregels (afwegingskader)",
)
MATERIEEL_ALLEEN_BIJ_NOODZAAK = Beleidsregel(
    code="MATERIEEL_ALLEEN_BIJ_NOODZAAK",
    naam=_("Spullen of geld alleen als het nodig is"),
    uitleg=_(
        "Een materiële voorziening (spullen of geld) kan alleen als die noodzakelijk is. "
        "Een wens is niet genoeg."
    ),
    bron="Handreiking §4.3; model beleidsregels",
)
MATERIEEL_BINNEN_ZES_MAANDEN = Beleidsregel(
    code="MATERIEEL_BINNEN_ZES_MAANDEN",
    naam=_("Besluit over spullen of geld binnen 6 maanden"),
    uitleg=_(
        "Over een materiële voorziening besluit de gemeente binnen 6 maanden na het eerste gesprek. "
        "Daarna kan dat niet meer."
    ),
    bron="Handreiking §4.3; model beleidsregels",
)
BESLUIT_BINNEN_TWEE_JAAR = Beleidsregel(
    code="BESLUIT_BINNEN_TWEE_JAAR",
    naam=_("Besluiten binnen 2 jaar"),
    uitleg=_(
        "De gemeente neemt alle besluiten over hulp binnen 2 jaar na het eerste gesprek. "
        "Hulp die op tijd is toegekend, mag daarna doorlopen."
    ),
    bron="Handreiking §4.3 en §4.4",
)
GEEN_SCHADEVERGOEDING = Beleidsregel(
    code="GEEN_SCHADEVERGOEDING",
    naam=_("Geen vergoeding van schade"),
    uitleg=_(
        "Brede ondersteuning vergoedt geen schade uit het verleden. Dat doet UHT. "
        "Ook de hardheidsclausule maakt dit niet mogelijk."
    ),
    bron="Handreiking §3.3; model beleidsregels",
)
SCHULD_ALLEEN_BIJ_ACUTE_NOOD = Beleidsregel(
    code="SCHULD_ALLEEN_BIJ_ACUTE_NOOD",
    naam=_("Een schuld betalen alleen bij acute nood"),
    uitleg=_(
        "De gemeente betaalt geen schulden. Alleen om een acute noodsituatie te voorkomen, zoals een "
        "huisuitzetting of het afsluiten van energie, kan het wel. Zet dan 'acute noodsituatie' aan "
        "en beschrijf de situatie."
    ),
    bron="Handreiking §3.3; model beleidsregels (bedreigende situatie)",
)
GEEN_ADVOCAATKOSTEN = Beleidsregel(
    code="GEEN_ADVOCAATKOSTEN",
    naam=_("Geen kosten van een advocaat voor het financiële herstel"),
    uitleg=_(
        "Kosten van een advocaat voor het financiële herstel vallen niet onder brede ondersteuning. "
        "Ook de hardheidsclausule maakt dit niet mogelijk."
    ),
    bron="Handreiking §3.3; model beleidsregels",
)
GEEN_INKOMENSONDERSTEUNING = Beleidsregel(
    code="GEEN_INKOMENSONDERSTEUNING",
    naam=_("Geen inkomensondersteuning"),
    uitleg=_(
        "Brede ondersteuning is geen inkomen. Verwijs voor inkomen naar de Participatiewet of de "
        "bijzondere bijstand. Ook de hardheidsclausule maakt dit niet mogelijk."
    ),
    bron="Handreiking §3.3; model beleidsregels",
)
KOSTEN_VOOR_AANVRAAG_ALLEEN_BIJ_SPOED = Beleidsregel(
    code="KOSTEN_VOOR_AANVRAAG_ALLEEN_BIJ_SPOED",
    naam=_("Kosten van vóór de aanvraag alleen bij spoed"),
    uitleg=_(
        "Kosten die iemand maakte vóór de aanvraag, vergoedt de gemeente niet. Het kan alleen als er "
        "aantoonbaar een dringende of bedreigende situatie was, zodat eerst aanvragen niet kon. "
        "Zet dan 'acute noodsituatie' aan en beschrijf de situatie."
    ),
    bron="model beleidsregels",
)
AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG = Beleidsregel(
    code="AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG",
    naam=_("Een auto of verbouwing alleen als het aantoonbaar nodig is"),
    uitleg=_(
        "Een auto of een verbouwing geeft de gemeente in principe niet. Het kan alleen als het "
        "aantoonbaar nodig is: een auto voor werk, school of meedoen; een verbouwing om het "
        "basisniveau te herstellen. Kies de goedkoopste passende oplossing, bijvoorbeeld een (elektrische) fiets."
    ),
    bron="model beleidsregels",
)
GEEN_NIEUWE_VOORZIENING_NA_EINDE = Beleidsregel(
    code="GEEN_NIEUWE_VOORZIENING_NA_EINDE",
    naam=_("Geen nieuwe voorzieningen tijdens afbouw of na het einde"),
    uitleg=_(
        "Tijdens de afbouw en na het einde van de ondersteuning komen er geen nieuwe voorzieningen bij. "
        "Wat al is toegekend, loopt wel door."
    ),
    bron="Handreiking §4.4",
)
PLAN_BINNEN_ACHT_WEKEN = Beleidsregel(
    code="PLAN_BINNEN_ACHT_WEKEN",
    naam=_("Het eerste plan binnen 8 weken"),
    uitleg=_(
        "Het eerste plan van aanpak is er binnen 8 weken na het eerste gesprek. Het mag op hoofdlijnen zijn. "
        "Is het later, dan kunt u het plan toch uitgeven."
    ),
    bron="Handreiking §4.3",
)
BESLUIT_VASTGELEGD = Beleidsregel(
    code="BESLUIT_VASTGELEGD",
    naam=_("Over elke voorziening is besloten"),
    uitleg=_(
        "Kies bij elke voorziening die niet vrij toegankelijk is: toekennen of afwijzen. "
        "Schrijf bij een afwijzing waarom."
    ),
    bron="Awb art. 1:3 en 3:46",
)
ACUTE_NOODSITUATIE_GEMOTIVEERD = Beleidsregel(
    code="ACUTE_NOODSITUATIE_GEMOTIVEERD",
    naam=_("Een acute noodsituatie wordt beschreven"),
    uitleg=_(
        "Beschrijf wat de acute noodsituatie is, bijvoorbeeld een dreigende huisuitzetting, afsluiting "
        "van gas, water of stroom, of het einde van de zorgverzekering."
    ),
    bron="model beleidsregels (bedreigende situatie)",
)
HARDHEIDSCLAUSULE_MET_TEAMLEIDER = Beleidsregel(
    code="HARDHEIDSCLAUSULE_MET_TEAMLEIDER",
    naam=_("Afwijken kan alleen met de hardheidsclausule"),
    uitleg=_(
        "Van een regel afwijken kan alleen met de hardheidsclausule: in een schrijnende situatie die niemand "
        "voorzag. Schrijf op waarom. De teamleider moet het goedkeuren."
    ),
    bron="Awb art. 4:84; model beleidsregels (hardheidsclausule)",
)
MANDAAT_GOEDKEURING = Beleidsregel(
    code="MANDAAT_GOEDKEURING",
    naam=_("De juiste persoon keurt goed (mandaat)"),
    uitleg=_(
        "Wie mag besluiten, hangt af van het totaalbedrag van de voorziening. Tot en met het eerste bedrag "
        "beslist de consulent. Daarboven, tot en met het tweede bedrag, keurt een tweede consulent goed "
        "(vier ogen). Nooit dezelfde persoon. Boven het tweede bedrag keurt de teamleider goed. "
        "De bedragen stelt de gemeente zelf in."
    ),
    bron="Handvatten plan van aanpak §4.2; lokaal beleid (mandaat)",
)
LEEFGEBIED_MET_DOEL = Beleidsregel(
    code="LEEFGEBIED_MET_DOEL",
    naam=_("Een leefgebied dat het doel niet haalt, krijgt een doel"),
    uitleg=_(
        "Haalt de situatie op een leefgebied de landelijke doelstelling niet? Schrijf dan een concreet doel "
        "voor dat leefgebied, of leg uit waarom niet."
    ),
    bron="Handreiking §4.3",
)
LEEFGEBIED_BESCHREVEN = Beleidsregel(
    code="LEEFGEBIED_BESCHREVEN",
    naam=_("Het plan beschrijft de leefgebieden"),
    uitleg=_("Beschrijf voor minstens één leefgebied de situatie bij de aanmelding en de hulpvraag."),
    bron="Handreiking §4.3",
)
# Refusals by the plan services.
PLAN_NA_EERSTE_GESPREK = Beleidsregel(
    code="PLAN_NA_EERSTE_GESPREK",
    naam=_("Eerst het eerste gesprek, dan het plan"),
    uitleg=_("Leg eerst het eerste gesprek vast. Daarna kunt u het plan van aanpak schrijven."),
    bron="Handreiking §4.2 en §4.3",
)
EEN_CONCEPT_PER_PLAN = Beleidsregel(
    code="EEN_CONCEPT_PER_PLAN",
    naam=_("Eén conceptversie tegelijk"),
    uitleg=_("Er is al een conceptversie van het plan. Werk daarin verder, of geef die eerst uit."),
    bron="levensloop van het plan",
)
UITGEGEVEN_PLAN_VERANDERT_NIET = Beleidsregel(
    code="UITGEGEVEN_PLAN_VERANDERT_NIET",
    naam=_("Een uitgegeven plan verandert niet"),
    uitleg=_(
        "Deze versie van het plan is uitgegeven. Die kunt u niet meer veranderen. "
        "Maak een addendum als er iets verandert."
    ),
    bron="Awb (een beschikking is bekendgemaakt); Handreiking §4.3 (addendum)",
)
DOEL_MET_VOORZIENINGEN_BLIJFT = Beleidsregel(
    code="DOEL_MET_VOORZIENINGEN_BLIJFT",
    naam=_("Een doel met voorzieningen blijft"),
    uitleg=_(
        "Bij dit doel horen nog voorzieningen. Verwijder die eerst, of koppel ze aan een ander doel."
    ),
    bron="Handreiking §4.3 (geen voorziening zonder doel)",
)
GOEDKEURING_DOOR_ANDER = Beleidsregel(
    code="GOEDKEURING_DOOR_ANDER",
    naam=_("Goedkeuren doet iemand anders"),
    uitleg=_("U vroeg deze goedkeuring zelf. Een ander moet goedkeuren: dat is het vier-ogenprincipe."),
    bron="Handvatten plan van aanpak §4.2 (vier ogen)",
)
GOEDKEURING_BEVOEGD = Beleidsregel(
    code="GOEDKEURING_BEVOEGD",
    naam=_("Alleen wie bevoegd is, keurt goed"),
    uitleg=_(
        "Een tweede consulent of de teamleider van het team van het dossier keurt een vier-ogengoedkeuring goed. "
        "Boven het mandaat van de tweede consulent, en bij de hardheidsclausule, keurt de teamleider van dat team goed."
    ),
    bron="Handvatten plan van aanpak §4.2; lokaal beleid (mandaat)",
)
GOEDKEURING_NODIG = Beleidsregel(
    code="GOEDKEURING_NODIG",
    naam=_("Goedkeuring vragen als die nodig is"),
    uitleg=_(
        "Deze voorziening heeft deze goedkeuring niet nodig, of de goedkeuring is al gevraagd of gegeven."
    ),
    bron="Handvatten plan van aanpak §4.2",
)
GOEDKEURING_OPEN = Beleidsregel(
    code="GOEDKEURING_OPEN",
    naam=_("Alleen een open verzoek kan worden beoordeeld"),
    uitleg=_("Dit verzoek is al beoordeeld, of de voorziening is daarna veranderd. Vraag zo nodig opnieuw."),
    bron="levensloop van het plan",
)
TERUGSTUREN_MET_OPMERKING = Beleidsregel(
    code="TERUGSTUREN_MET_OPMERKING",
    naam=_("Terugsturen met uitleg"),
    uitleg=_("Schrijf op wat er anders moet. Dan weet de consulent wat te doen."),
    bron="levensloop van het plan",
)
UITGEVEN_ZONDER_BLOKKADE = Beleidsregel(
    code="UITGEVEN_ZONDER_BLOKKADE",
    naam=_("Uitgeven kan als alles klopt"),
    uitleg=_(
        "U kunt het plan pas uitgeven als geen enkele regel het tegenhoudt en elke voorziening "
        "is goedgekeurd door wie dat moet doen."
    ),
    bron="levensloop van het plan",
)
VOORZIENING_GEGEVENS_KLOPPEN = Beleidsregel(
    code="VOORZIENING_GEGEVENS_KLOPPEN",
    naam=_("De gegevens van de voorziening kloppen"),
    uitleg=_("Controleer de gegevens van de voorziening."),
    bron="gegevenskwaliteit",
)

PLAN_TOETSREGELS: tuple[Beleidsregel, ...] = (
    LEEFGEBIED_BESCHREVEN, LEEFGEBIED_MET_DOEL, PLAN_BINNEN_ACHT_WEKEN,
    VOORZIENING_HEEFT_DOEL, BESLUIT_VASTGELEGD, VOORZIENING_GEMOTIVEERD,
    MATERIEEL_ALLEEN_BIJ_NOODZAAK, MATERIEEL_BINNEN_ZES_MAANDEN, BESLUIT_BINNEN_TWEE_JAAR,
    GEEN_SCHADEVERGOEDING, SCHULD_ALLEEN_BIJ_ACUTE_NOOD, GEEN_ADVOCAATKOSTEN, GEEN_INKOMENSONDERSTEUNING,
    KOSTEN_VOOR_AANVRAAG_ALLEEN_BIJ_SPOED, AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG,
    GEEN_NIEUWE_VOORZIENING_NA_EINDE, ACUTE_NOODSITUATIE_GEMOTIVEERD, HARDHEIDSCLAUSULE_MET_TEAMLEIDER,
    MANDAAT_GOEDKEURING,
)
ALLE_REGELS = ALLE_REGELS + PLAN_TOETSREGELS + (
    PLAN_NA_EERSTE_GESPREK, EEN_CONCEPT_PER_PLAN, UITGEGEVEN_PLAN_VERANDERT_NIET, DOEL_MET_VOORZIENINGEN_BLIJFT,
    GOEDKEURING_DOOR_ANDER, GOEDKEURING_BEVOEGD, GOEDKEURING_NODIG, GOEDKEURING_OPEN, TERUGSTUREN_MET_OPMERKING,
    UITGEVEN_ZONDER_BLOKKADE, VOORZIENING_GEGEVENS_KLOPPEN,
)

# Beschikkingen and bezwaar (nieuwestart.beschikkingen).
BESCHIKKING_AL_VERZONDEN = Beleidsregel(
    code="BESCHIKKING_AL_VERZONDEN",
    naam=_("Een beschikking wordt één keer verzonden"),
    uitleg=_(
        "De verzending van deze beschikking is al vastgelegd. De bezwaartermijn loopt vanaf die dag. "
        "Is er iets misgegaan? Maak dan een nieuwe beschikking."
    ),
    bron="Awb art. 3:41 en 6:8",
)
DATUM_NIET_VOOR_BESLUIT = Beleidsregel(
    code="DATUM_NIET_VOOR_BESLUIT",
    naam=_("Niet vóór de datum van het besluit"),
    uitleg=_("Deze datum ligt vóór de datum van het besluit. Dat kan niet. Controleer de datum."),
    bron="gegevenskwaliteit",
)
MONDELING_AKKOORD_AL_VASTGELEGD = Beleidsregel(
    code="MONDELING_AKKOORD_AL_VASTGELEGD",
    naam=_("Een mondeling akkoord wordt één keer vastgelegd"),
    uitleg=_("Het mondelinge akkoord met deze beschikking is al vastgelegd."),
    bron="Handreiking §4.3",
)
BEZWAAR_NA_VERZENDING = Beleidsregel(
    code="BEZWAAR_NA_VERZENDING",
    naam=_("Eerst de verzending, dan het bezwaar"),
    uitleg=_(
        "Leg eerst vast wanneer de beschikking is verstuurd. Pas dan weet het systeem tot wanneer "
        "iemand bezwaar kan maken, en of het bezwaar op tijd is."
    ),
    bron="Awb art. 6:8",
)
EEN_BEZWAAR_PER_BESCHIKKING = Beleidsregel(
    code="EEN_BEZWAAR_PER_BESCHIKKING",
    naam=_("Eén bezwaar per beschikking"),
    uitleg=_(
        "Tegen deze beschikking is al een bezwaar geregistreerd. Voeg nieuwe stukken toe aan dat bezwaar."
    ),
    bron="Awb art. 7:10",
)
POST_VOOR_ONTVANGST = Beleidsregel(
    code="POST_VOOR_ONTVANGST",
    naam=_("Op de post vóór ontvangst"),
    uitleg=_("De dag waarop het bezwaar op de post is gedaan, ligt na de dag van ontvangst. Controleer de datums."),
    bron="Awb art. 6:9",
)
BEZWAAR_AL_AFGEHANDELD = Beleidsregel(
    code="BEZWAAR_AL_AFGEHANDELD",
    naam=_("Een afgehandeld bezwaar verandert niet meer"),
    uitleg=_("Op dit bezwaar is al beslist. Dat besluit verandert hier niet meer."),
    bron="Awb art. 7:11",
)
BESLISTERMIJN_EENMAAL_VERDAGEN = Beleidsregel(
    code="BESLISTERMIJN_EENMAAL_VERDAGEN",
    naam=_("De beslissing op bezwaar één keer uitstellen"),
    uitleg=_(
        "De gemeente mag de beslissing op bezwaar maar één keer uitstellen, met ten hoogste 6 weken. "
        "Dat is al gebeurd. Langer uitstel kan alleen als iedereen het daarmee eens is."
    ),
    bron="Awb art. 7:10 lid 3 en 4",
)
VERDAGEN_BINNEN_BESLISTERMIJN = Beleidsregel(
    code="VERDAGEN_BINNEN_BESLISTERMIJN",
    naam=_("Uitstellen kan alleen binnen de beslistermijn"),
    uitleg=_(
        "De termijn om op het bezwaar te beslissen was op die dag al voorbij. Uitstellen kan dan niet meer. "
        "Beslis zo snel mogelijk."
    ),
    bron="Awb art. 7:10 lid 3",
)
VERDAGING_MET_REDEN = Beleidsregel(
    code="VERDAGING_MET_REDEN",
    naam=_("Uitstel met een reden"),
    uitleg=_("Schrijf op waarom de beslissing later komt. Die reden staat ook in de brief aan de indiener."),
    bron="Awb art. 7:10 lid 3",
)
SJABLOON_WERKT = Beleidsregel(
    code="SJABLOON_WERKT",
    naam=_("Een nieuw sjabloon maakt een goede brief"),
    uitleg=_(
        "Met dit sjabloon lukt het niet om een voorbeeldbrief te maken. Controleer de velden tussen "
        "{{ en }} en de opdrachten tussen {% en %} met de lijst in de handleiding."
    ),
    bron="beheer van briefsjablonen",
)
ALLE_REGELS = ALLE_REGELS + (
    BESCHIKKING_AL_VERZONDEN, DATUM_NIET_VOOR_BESLUIT, MONDELING_AKKOORD_AL_VASTGELEGD, BEZWAAR_NA_VERZENDING,
    EEN_BEZWAAR_PER_BESCHIKKING, POST_VOOR_ONTVANGST, BEZWAAR_AL_AFGEHANDELD, BESLISTERMIJN_EENMAAL_VERDAGEN,
    VERDAGEN_BINNEN_BESLISTERMIJN, VERDAGING_MET_REDEN, SJABLOON_WERKT,
)

# Beëindiging, afbouw, warme overdracht, nazorg and afsluiten (nieuwestart.beeindiging).
AFBOUW_NA_NIET_ERKEND = Beleidsregel(
    code="AFBOUW_NA_NIET_ERKEND",
    naam=_("Afbouw alleen als UHT de aanvrager niet erkent"),
    uitleg=_(
        "De afbouw van 30 dagen (acclimatisatiefase) begint pas als UHT heeft laten weten dat de aanvrager "
        "niet is erkend als gedupeerde. Dat bericht staat niet in dit dossier, of UHT heeft daarna toch erkend."
    ),
    bron="Handreiking §4.4",
)
AFBOUW_BINNEN_DERTIG_DAGEN = Beleidsregel(
    code="AFBOUW_BINNEN_DERTIG_DAGEN",
    naam=_("De afbouw na 'niet erkend' duurt hoogstens 30 dagen"),
    uitleg=_(
        "Na het bericht van UHT dat de aanvrager niet is erkend, bouwt de gemeente de hulp binnen 30 dagen af "
        "(acclimatisatiefase). De laatste dag van de ondersteuning ligt dus uiterlijk op de einddatum van de "
        "afbouw. Kies die datum of een eerdere."
    ),
    bron="Handreiking §4.4; Algemene termijnenwet",
)
NIET_ERKEND_DOOR_UHT = Beleidsregel(
    code="NIET_ERKEND_DOOR_UHT",
    naam=_("Stoppen wegens 'niet erkend' alleen na het bericht van UHT"),
    uitleg=_(
        "Deze reden kan alleen als UHT heeft laten weten dat de aanvrager niet is erkend, en daarna niet toch "
        "heeft erkend. Lees eerst de statusupdate van UHT in, of kies een andere reden."
    ),
    bron="Handreiking §4.4",
)
DOELEN_BEREIKT_OF_OVERGEDRAGEN = Beleidsregel(
    code="DOELEN_BEREIKT_OF_OVERGEDRAGEN",
    naam=_("Doelen bereikt: elk leefgebied is klaar of overgedragen"),
    uitleg=_(
        "Stoppen omdat de doelen zijn bereikt kan als in elk leefgebied met een doel het doel is bereikt, "
        "of als de hulp warm is overgedragen aan reguliere hulp. Een overdracht telt als bereikt doel."
    ),
    bron="Handreiking §4.4",
)
TWEE_JAAR_NA_EERSTE_GESPREK = Beleidsregel(
    code="TWEE_JAAR_NA_EERSTE_GESPREK",
    naam=_("Stoppen na twee jaar kan pas als die twee jaar voorbij zijn"),
    uitleg=_(
        "De brede ondersteuning stopt twee jaar na het eerste gesprek. Die datum is nog niet bereikt. "
        "Hulp die al is toegekend, loopt na die datum gewoon door."
    ),
    bron="Handreiking §4.3 en §4.4",
)
WENS_RECHTHEBBENDE_VASTLEGGEN = Beleidsregel(
    code="WENS_RECHTHEBBENDE_VASTLEGGEN",
    naam=_("Schrijf op hoe de rechthebbende liet weten te willen stoppen"),
    uitleg=_(
        "De rechthebbende wil geen ondersteuning meer. Schrijf op wanneer en hoe hij of zij dat liet weten, "
        "bijvoorbeeld in een gesprek of in een e-mail."
    ),
    bron="Handvatten plan van aanpak §6",
)
CONTACTPOGINGEN_VOOR_BEEINDIGING = Beleidsregel(
    code="CONTACTPOGINGEN_VOOR_BEEINDIGING",
    naam=_("Eerst genoeg pogingen om contact te krijgen"),
    uitleg=_(
        "De ondersteuning stopt wegens geen reactie pas na genoeg pogingen om contact te krijgen: zoveel als de "
        "gemeente heeft gekozen (standaard 3), op minstens twee manieren, met minstens één brief of e-mail "
        "met een oproep. Na de laatste poging krijgt de rechthebbende 14 dagen om te reageren."
    ),
    bron="model beleidsregels (niet binnen redelijke termijn gebruik maken; niet reageren op oproep)",
)
NIEUWE_GEMEENTE_BIJ_VERHUIZING = Beleidsregel(
    code="NIEUWE_GEMEENTE_BIJ_VERHUIZING",
    naam=_("Bij een verhuizing: naar welke gemeente"),
    uitleg=_("Vul in naar welke gemeente de rechthebbende is verhuisd. Die gemeente neemt het dossier over."),
    bron="Handreiking §4.4; overdracht tussen gemeenten",
)
OVERLIJDEN_MET_DATUM = Beleidsregel(
    code="OVERLIJDEN_MET_DATUM",
    naam=_("Bij overlijden: de datum van overlijden"),
    uitleg=_("Vul de datum van overlijden in. Die ligt niet na de einddatum van de ondersteuning."),
    bron="Handreiking §4.6",
)
AFBOUWSTAP_EENMAAL = Beleidsregel(
    code="AFBOUWSTAP_EENMAAL",
    naam=_("Een stap van de afbouw wordt één keer afgevinkt"),
    uitleg=_("Deze stap is al afgevinkt. Wilt u iets toevoegen? Schrijf een notitie in het dossier."),
    bron="Handreiking §4.4",
)
OVERDRACHT_MET_TOESTEMMING = Beleidsregel(
    code="OVERDRACHT_MET_TOESTEMMING",
    naam=_("Overdragen met toestemming van de rechthebbende"),
    uitleg=_(
        "Bij een warme overdracht deelt u gegevens met een andere organisatie. Dat mag alleen als de "
        "rechthebbende daarmee akkoord is. Vraag dat eerst en leg het vast."
    ),
    bron="AVG art. 6; Handreiking §4.5",
)
OVERDRACHT_COMPLEET = Beleidsregel(
    code="OVERDRACHT_COMPLEET",
    naam=_("Een overdracht is pas gedaan als vastligt aan wie, wanneer en wat"),
    uitleg=_(
        "Vul in aan welke dienst of organisatie u overdraagt, wie daar de contactpersoon is, op welke dag u "
        "overdroeg en wat u heeft overgedragen. Dan kan de nazorg nagaan of de hulp begint."
    ),
    bron="Handreiking §4.5 (warme overdracht)",
)
OVERDRACHT_STATUS_VOLGORDE = Beleidsregel(
    code="OVERDRACHT_STATUS_VOLGORDE",
    naam=_("Een overdracht gaat van voorgesteld naar overgedragen naar gestart"),
    uitleg=_(
        "Deze stap past niet bij de stand van de overdracht. Een voorstel wordt eerst overgedragen; daarna "
        "legt de nazorg vast of de hulp is gestart."
    ),
    bron="Handreiking §4.5",
)
NAZORG_NA_OVERDRACHT = Beleidsregel(
    code="NAZORG_NA_OVERDRACHT",
    naam=_("Nazorg volgt op een warme overdracht"),
    uitleg=_(
        "Nazorg is nagaan of reguliere hulp na een warme overdracht echt begint. Er is nog geen overdracht "
        "gedaan. Leg eerst de overdracht vast, of sluit het dossier af met de reden waarom nazorg niet nodig is."
    ),
    bron="Handreiking §4.5",
)
NAZORGCONTROLE_EENMAAL = Beleidsregel(
    code="NAZORGCONTROLE_EENMAAL",
    naam=_("Elke nazorgcontrole één keer, na de overdracht"),
    uitleg=_(
        "Een nazorgcontrole hoort bij een overdracht die is gedaan, en elke controle wordt één keer vastgelegd. "
        "De datum ligt niet vóór de overdracht."
    ),
    bron="Handreiking §4.5",
)
AFSLUITEN_NA_NAZORG = Beleidsregel(
    code="AFSLUITEN_NA_NAZORG",
    naam=_("Afsluiten als de nazorg klaar is, of met een reden zonder"),
    uitleg=_(
        "Een dossier sluit u af als de nazorg klaar is: bij elke warme overdracht zijn beide nazorgcontroles "
        "vastgelegd en is bekend of de hulp is gestart. Is nazorg niet (meer) nodig? Schrijf dan op waarom."
    ),
    bron="Handreiking §4.5",
)
ALLE_REGELS = ALLE_REGELS + (
    AFBOUW_NA_NIET_ERKEND, NIET_ERKEND_DOOR_UHT, DOELEN_BEREIKT_OF_OVERGEDRAGEN, TWEE_JAAR_NA_EERSTE_GESPREK,
    WENS_RECHTHEBBENDE_VASTLEGGEN, CONTACTPOGINGEN_VOOR_BEEINDIGING, NIEUWE_GEMEENTE_BIJ_VERHUIZING,
    OVERLIJDEN_MET_DATUM, AFBOUWSTAP_EENMAAL, OVERDRACHT_MET_TOESTEMMING, OVERDRACHT_COMPLEET,
    OVERDRACHT_STATUS_VOLGORDE, NAZORG_NA_OVERDRACHT, NAZORGCONTROLE_EENMAAL, AFSLUITEN_NA_NAZORG,
)
# --- Special groups, chain partners and transfer (issue 6: ketenpartners, overdracht) -----------

NABESTAANDE_BEHOUDT_RECHT = Beleidsregel(
    code="NABESTAANDE_BEHOUDT_RECHT",
    naam=_("Overleden na de aanmelding: het gezin houdt het recht"),
    uitleg=_(
        "Is de ouder overleden nadat hij of zij zich bij UHT had aangemeld als mogelijk gedupeerde? Dan heeft "
        "het gezin door die aanmelding al recht op brede ondersteuning. Is de ouder overleden vóór de aanmelding? "
        "Dan heeft de nabestaande pas recht als UHT hem of haar als begunstigde of nabestaande heeft aangemerkt. "
        "Leg dan eerst de verificatie bij UHT vast."
    ),
    bron="Handreiking §4.6",
)
DOELGROEP_PAST_BIJ_STAP = Beleidsregel(
    code="DOELGROEP_PAST_BIJ_STAP",
    naam=_("De stap past bij de doelgroep van het dossier"),
    uitleg=_("Deze stap hoort bij een andere doelgroep dan die van dit dossier."),
    bron="Handreiking §2.2 en §4.6",
)
KINDREGELING_EEN_UITBETALING = Beleidsregel(
    code="KINDREGELING_EEN_UITBETALING",
    naam=_("De kindregeling wordt één keer uitbetaald"),
    uitleg=_(
        "De datum van uitbetaling van de kindregeling staat al in dit dossier. De termijn voor de extra hulp bij "
        "schulden loopt vanaf die datum."
    ),
    bron="Kindregeling: aanvullend schuldhulpverleningsaanbod",
)
OVERLEDENE_IS_NIET_NABESTAANDE = Beleidsregel(
    code="OVERLEDENE_IS_NIET_NABESTAANDE",
    naam=_("De overledene is een ander dan de nabestaande"),
    uitleg=_("De overleden aanvrager kan niet dezelfde persoon zijn als de nabestaande van dit dossier."),
    bron="gegevenskwaliteit",
)
NABESTAANDE_EEN_KOPPELING = Beleidsregel(
    code="NABESTAANDE_EEN_KOPPELING",
    naam=_("Een nabestaandendossier hoort bij één overleden aanvrager"),
    uitleg=_("Dit dossier is al gekoppeld aan een overleden aanvrager."),
    bron="Handreiking §4.6",
)
DRIEGESPREK_UITKOMST_NODIG = Beleidsregel(
    code="DRIEGESPREK_UITKOMST_NODIG",
    naam=_("Van een driegesprek wordt de uitkomst vastgelegd"),
    uitleg=_("Schrijf op wat er in het driegesprek is afgesproken, ook als het kort is."),
    bron="Handreiking §6 (driegesprek)",
)
DRIEGESPREK_AL_GEHOUDEN = Beleidsregel(
    code="DRIEGESPREK_AL_GEHOUDEN",
    naam=_("Een gehouden driegesprek verandert niet meer"),
    uitleg=_("Dit driegesprek is al gehouden en vastgelegd. Vraag een nieuw driegesprek aan als dat nodig is."),
    bron="levensloop van het driegesprek",
)
DATUM_NIET_VOOR_AANVRAAG = Beleidsregel(
    code="DATUM_NIET_VOOR_AANVRAAG",
    naam=_("Niet vóór de aanvraag of verwijzing"),
    uitleg=_("Deze datum ligt vóór de aanvraag of verwijzing. Dat kan niet. Controleer de datum."),
    bron="gegevenskwaliteit",
)
VERWIJZING_AL_AFGEROND = Beleidsregel(
    code="VERWIJZING_AL_AFGEROND",
    naam=_("Een afgeronde verwijzing verandert niet meer"),
    uitleg=_("Deze verwijzing is al afgerond. Maak een nieuwe verwijzing als er weer contact nodig is."),
    bron="levensloop van de verwijzing",
)
SBN_ALLEEN_BIJ_SBN_VERWIJZING = Beleidsregel(
    code="SBN_ALLEEN_BIJ_SBN_VERWIJZING",
    naam=_("Indienen bij SBN hoort bij een verwijzing naar SBN"),
    uitleg=_("Het indienen van private schulden legt u vast bij een verwijzing naar Sociale Banken Nederland."),
    bron="Handreiking §6 (Sociale Banken Nederland)",
)
SBN_AL_INGEDIEND = Beleidsregel(
    code="SBN_AL_INGEDIEND",
    naam=_("Het indienen bij SBN wordt één keer vastgelegd"),
    uitleg=_("In dit dossier staat al dat de private schulden bij SBN zijn ingediend."),
    bron="Handreiking §6 (Sociale Banken Nederland)",
)
INVORDERING_MAATREGEL_NODIG = Beleidsregel(
    code="INVORDERING_MAATREGEL_NODIG",
    naam=_("Bij publieke schulden van de gemeente kiest u pauzeren of kwijtschelden"),
    uitleg=_(
        "Kies wat de gemeente als invorderaar doet: de invordering pauzeren, of de schulden kwijtschelden "
        "die op 1 januari 2021 opeisbaar waren (na erkenning)."
    ),
    bron="Handreiking §6 (gemeenten in de rol van invorderaar)",
)
OVERDRACHT_PAKKET_ONGELDIG = Beleidsregel(
    code="OVERDRACHT_PAKKET_ONGELDIG",
    naam=_("Een overdrachtspakket is compleet en ongewijzigd"),
    uitleg=_(
        "Dit bestand is geen geldig overdrachtspakket, of het is na het maken veranderd. Er is niets ingelezen. "
        "Vraag de andere gemeente om het pakket opnieuw te maken en te sturen."
    ),
    bron="docs/overdrachtspakket.md; BIO (integriteit)",
)
OVERDRACHT_AL_OPEN_DOSSIER = Beleidsregel(
    code="OVERDRACHT_AL_OPEN_DOSSIER",
    naam=_("Een overgedragen dossier komt niet dubbel"),
    uitleg=_(
        "Deze persoon heeft in deze gemeente al een open dossier voor dezelfde doelgroep, of dit pakket is al "
        "ingelezen. Er is niets ingelezen. Werk verder in het bestaande dossier."
    ),
    bron="Handreiking §4.1",
)
OVERDRACHT_ALLEEN_LOPEND_DOSSIER = Beleidsregel(
    code="OVERDRACHT_ALLEEN_LOPEND_DOSSIER",
    naam=_("Alleen een lopend dossier wordt overgedragen"),
    uitleg=_("Dit dossier is al afgesloten of al overgedragen. Een nieuwe overdracht kan niet."),
    bron="domain.md: een rechthebbende die verhuist neemt het dossier mee",
)
ALLE_REGELS = ALLE_REGELS + (
    NABESTAANDE_BEHOUDT_RECHT, DOELGROEP_PAST_BIJ_STAP, KINDREGELING_EEN_UITBETALING, OVERLEDENE_IS_NIET_NABESTAANDE,
    NABESTAANDE_EEN_KOPPELING, DRIEGESPREK_UITKOMST_NODIG, DRIEGESPREK_AL_GEHOUDEN, DATUM_NIET_VOOR_AANVRAAG,
    VERWIJZING_AL_AFGEROND, SBN_ALLEEN_BIJ_SBN_VERWIJZING, SBN_AL_INGEDIEND, INVORDERING_MAATREGEL_NODIG,
    OVERDRACHT_PAKKET_ONGELDIG, OVERDRACHT_AL_OPEN_DOSSIER, OVERDRACHT_ALLEEN_LOPEND_DOSSIER,
)


def nabestaande_behoudt_recht(*, overlijdensdatum: date, aangemeld_bij_uht_op: date | None) -> bool:
    """Handreiking §4.6: a parent who died after registering with UHT leaves the family the right.

    Registration and death on the same day count as 'after': the registration was made.
    Unknown registration date: no right yet from this rule (UHT's marking decides).
    """
    return aangemeld_bij_uht_op is not None and overlijdensdatum >= aangemeld_bij_uht_op
# --- Costs, Spuk and SiSa (issue 7) ---
AFGESLOTEN_JAAR_VERANDERT_NIET = Beleidsregel(
    code="AFGESLOTEN_JAAR_VERANDERT_NIET",
    naam=_("Een afgesloten SiSa-jaar verandert niet"),
    uitleg=_(
        "Dit jaar is al afgesloten voor de SiSa-verantwoording. Boek de kosten op een datum in een jaar "
        "dat nog open is, bijvoorbeeld als correctie in het huidige jaar."
    ),
    bron="Spuk-verantwoording via SiSa (jaarlijks)",
)
JAAR_AFSLUITEN_NA_AFLOOP = Beleidsregel(
    code="JAAR_AFSLUITEN_NA_AFLOOP",
    naam=_("Alleen een voorbij jaar kan worden afgesloten"),
    uitleg=_("U kunt een jaar pas afsluiten als het voorbij is. Tot die tijd kunnen er nog kosten bijkomen."),
    bron="Spuk-verantwoording via SiSa (jaarlijks)",
)
BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING = Beleidsregel(
    code="BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING",
    naam=_("Betalen alleen voor een toegekende voorziening"),
    uitleg=_(
        "Deze voorziening is afgewezen of vervallen. Er mag alleen betaald worden voor wat in een "
        "beschikking is toegekend. Kosten van vóór of zonder plan worden niet vergoed."
    ),
    bron="model beleidsregels brede ondersteuning; Handreiking §4.4",
)
BENCHMARK_FORMAAT_BEKEND = Beleidsregel(
    code="BENCHMARK_FORMAAT_BEKEND",
    naam=_("Een vergelijkingsbestand heeft een bekend formaat"),
    uitleg=_(
        "Dit bestand is geen vergelijkingsbestand van Nieuwe Start in een formaat dat wij kennen. "
        "Vraag de afzender om een export volgens docs/benchmark-formaat.md."
    ),
    bron="docs/benchmark-formaat.md",
)
ALLE_REGELS = ALLE_REGELS + (
    AFGESLOTEN_JAAR_VERANDERT_NIET, JAAR_AFSLUITEN_NA_AFLOOP, BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING,
    BENCHMARK_FORMAAT_BEKEND,
)
