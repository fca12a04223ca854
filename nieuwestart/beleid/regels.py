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
