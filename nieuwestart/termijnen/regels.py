"""The terms of brede ondersteuning as declarative data: one ``TermijnRegel`` per term.

Each rule says which event starts the term, how long it runs, which events meet it or
make it moot, and whether the Algemene termijnenwet (ATW) and the Awb's notice (4:14)
and suspension (4:15) apply. Adding a term is adding one entry to ``REGELS``; the
computation itself lives in ``engine``. Pure: no clock, no database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.termijnen.kalender import AtwKalender, verleng_volgens_atw

if TYPE_CHECKING:
    from nieuwestart.termijnen.engine import Beleid

__all__ = [
    "REGELS",
    "Duur",
    "Eenheid",
    "TermijnAard",
    "TermijnRegel",
    "TermijnSoort",
    "Verdaging",
    "bereken_einddatum",
    "controleer_regels",
    "regel",
]


class TermijnSoort(models.TextChoices):
    EERSTE_GESPREK = "EERSTE_GESPREK", _("Eerste gesprek")
    PLAN_VAN_AANPAK = "PLAN_VAN_AANPAK", _("Plan van aanpak")
    MATERIELE_VOORZIENINGEN = "MATERIELE_VOORZIENINGEN", _("Besluit over spullen of geld")
    ALLE_BESLUITEN = "ALLE_BESLUITEN", _("Alle besluiten genomen")
    ACCLIMATISATIE = "ACCLIMATISATIE", _("Afbouw na niet erkend")
    BEZWAARTERMIJN = "BEZWAARTERMIJN", _("Bezwaar maken")
    BESLISTERMIJN_BEZWAAR = "BESLISTERMIJN_BEZWAAR", _("Beslissen op bezwaar")
    KINDREGELING_SCHULDENAANBOD = (
        "KINDREGELING_SCHULDENAANBOD",
        _("Aanmelden schuldhulp kindregeling"),
    )
    NAZORG_EERSTE_CONTROLE = "NAZORG_EERSTE_CONTROLE", _("Nazorg: eerste controle")
    NAZORG_TWEEDE_CONTROLE = "NAZORG_TWEEDE_CONTROLE", _("Nazorg: tweede controle")
    SBN_PRIVATE_SCHULDEN = "SBN_PRIVATE_SCHULDEN", _("Private schulden indienen bij SBN")
    # Computed for Gegevensportaal files, not for dossiers.
    PORTAALBESTAND = "PORTAALBESTAND", _("Portaalbestand beschikbaar")


class Eenheid(models.TextChoices):
    DAGEN = "DAGEN", _("dagen")
    WEKEN = "WEKEN", _("weken")
    MAANDEN = "MAANDEN", _("maanden")
    JAREN = "JAREN", _("jaren")


# ATW art. 4 lid 1: the ATW does not apply to terms longer than these, nor to terms in years.
_ATW_GRENS: dict[str, int] = {Eenheid.DAGEN: 90, Eenheid.WEKEN: 12, Eenheid.MAANDEN: 3}


@dataclass(frozen=True)
class Duur:
    """The length of a term: an amount and a unit, as the law or policy states it."""

    aantal: int
    eenheid: Eenheid

    def __post_init__(self) -> None:
        if self.aantal < 0:
            raise ValueError("A term cannot have a negative length")

    def __str__(self) -> str:
        return f"{self.aantal} {Eenheid(self.eenheid).label}"

    def tel_op(self, d: date) -> date:
        """The end of a term of this length that starts the day after ``d``."""
        if self.eenheid == Eenheid.DAGEN:
            return d + timedelta(days=self.aantal)
        if self.eenheid == Eenheid.WEKEN:
            return d + timedelta(weeks=self.aantal)
        # A month or year without the same day (31 August + 6 months) ends on the last
        # day of that month, as in civil law; relativedelta does exactly that.
        if self.eenheid == Eenheid.MAANDEN:
            return d + relativedelta(months=self.aantal)
        return d + relativedelta(years=self.aantal)

    @property
    def atw_van_toepassing(self) -> bool:
        """Whether the ATW may extend a term of this length (ATW art. 4 lid 1)."""
        grens = _ATW_GRENS.get(self.eenheid)
        return grens is not None and self.aantal <= grens


class TermijnAard(models.TextChoices):
    # Something must happen before the end; after it the term is overdue.
    ACTIE = "ACTIE", _("Actie nodig")
    # A window that closes; after the end it has passed, which is not an error.
    UITERSTE_DATUM = "UITERSTE_DATUM", _("Uiterste datum")


@dataclass(frozen=True)
class Verdaging:
    """A statutory extension the administration may give itself by an event (Awb 7:10 lid 3)."""

    door: GebeurtenisSoort
    duur: Duur
    maximaal: int


DuurBron = Duur | Callable[["Beleid"], Duur]


@dataclass(frozen=True)
class TermijnRegel:
    """One term: where it starts, how long it runs, and what meets or ends it.

    Instances: a rule without ``sleutel_veld`` has one instance, started by the first
    ``start_bij`` event. With ``sleutel_veld`` (e.g. ``"beschikking"``) each distinct value
    of that field in ``start_bij`` events starts its own instance, and ``voldaan_door`` /
    ``vervalt_door`` / verdaging events only count for the instance with the same value.
    ``start_bij`` is None for terms that do not start from a dossier event (portal files).
    """

    code: TermijnSoort
    naam: str
    uitleg: str
    grondslag: str
    aard: TermijnAard
    start_bij: GebeurtenisSoort | None
    duur: DuurBron
    voldaan_door: frozenset[GebeurtenisSoort] = frozenset()
    vervalt_door: frozenset[GebeurtenisSoort] = frozenset()
    sleutel_veld: str | None = None
    # Awb 4:14 lid 3: a notice VERWACHTE_DATUM_MEEGEDEELD sets a new end date.
    verdaagbaar: bool = False
    # Awb 4:15: OPSCHORTING_GESTART / OPSCHORTING_BEEINDIGD move the end.
    opschortbaar: bool = False
    # ATW art. 1 only extends terms set by or under law; a fact such as how long a file
    # stays in a portal is not a legal term and is never extended.
    atw_toepassen: bool = True
    # Awb 7:10 lid 1: the term starts at the end of another term of the same key
    # (the bezwaartermijn) instead of on the date of the ``start_bij`` event.
    start_na_einde_van: TermijnSoort | None = None
    # Awb 7:10 lid 1: a longer term when the start event has gegevens["adviescommissie"].
    duur_met_adviescommissie: Duur | None = None
    verdaging: Verdaging | None = None

    def duur_voor(self, beleid: Beleid) -> Duur:
        """The length of this term under the municipality's local policy."""
        if isinstance(self.duur, Duur):
            return self.duur
        return self.duur(beleid)

    def atw_van_toepassing(self, beleid: Beleid) -> bool:
        return self.atw_toepassen and self.duur_voor(beleid).atw_van_toepassing


def _eerste_gesprek_duur(beleid: Beleid) -> Duur:
    # Handreiking §4.2 and model beleidsregels: the reasonable term is lokaal in te vullen.
    return Duur(beleid.eerste_gesprek_weken, Eenheid.WEKEN)


def _bezwaartermijn_duur(beleid: Beleid) -> Duur:
    # Awb 6:7 sets 6 weeks; a municipality may configure a longer term (domain.md).
    return Duur(beleid.bezwaartermijn_weken, Eenheid.WEKEN)


def _nazorg_eerste_duur(beleid: Beleid) -> Duur:
    # Local policy (GemeenteInstellingen); default 4 weeks after the warme overdracht.
    return Duur(beleid.nazorg_eerste_weken, Eenheid.WEKEN)


def _nazorg_tweede_duur(beleid: Beleid) -> Duur:
    # Local policy (GemeenteInstellingen); default 3 months after the warme overdracht.
    return Duur(beleid.nazorg_tweede_maanden, Eenheid.MAANDEN)


_STOPT = frozenset({GebeurtenisSoort.BEEINDIGD, GebeurtenisSoort.AFGESLOTEN})
# Closing the dossier or waiving aftercare ends every open aftercare check (these events carry no
# "overdracht" key, so they concern every instance).
_NAZORG_STOPT = frozenset({GebeurtenisSoort.NAZORG_AFGEZIEN, GebeurtenisSoort.AFGESLOTEN})

REGELS: tuple[TermijnRegel, ...] = (
    TermijnRegel(
        code=TermijnSoort.EERSTE_GESPREK,
        naam=_("Eerste gesprek"),
        uitleg=_(
            "Na de aanmelding voert de gemeente binnen een redelijke termijn een eerste "
            "gesprek. De wet (Awb) vindt 8 weken redelijk. De gemeente kan zelf een "
            "termijn kiezen of een nieuwe datum doorgeven."
        ),
        grondslag="Awb art. 4:13 en 4:14; lokaal beleid",
        aard=TermijnAard.ACTIE,
        start_bij=GebeurtenisSoort.AANGEMELD,
        duur=_eerste_gesprek_duur,
        voldaan_door=frozenset({GebeurtenisSoort.EERSTE_GESPREK_GEVOERD}),
        vervalt_door=_STOPT,
        verdaagbaar=True,
        opschortbaar=True,
    ),
    TermijnRegel(
        code=TermijnSoort.PLAN_VAN_AANPAK,
        naam=_("Plan van aanpak"),
        uitleg=_(
            "Binnen 8 weken na het eerste gesprek legt de gemeente het plan van aanpak "
            "vast. Het eerste plan mag nog op hoofdlijnen zijn."
        ),
        grondslag="Handreiking §4.3",
        aard=TermijnAard.ACTIE,
        start_bij=GebeurtenisSoort.EERSTE_GESPREK_GEVOERD,
        duur=Duur(8, Eenheid.WEKEN),
        voldaan_door=frozenset({GebeurtenisSoort.PLAN_VASTGESTELD}),
        vervalt_door=_STOPT,
        verdaagbaar=True,
        opschortbaar=True,
    ),
    TermijnRegel(
        code=TermijnSoort.MATERIELE_VOORZIENINGEN,
        naam=_("Besluit over spullen of geld"),
        uitleg=_(
            "Spullen of geld (materiële voorzieningen) kan de gemeente alleen geven als dat "
            "nodig is. Het besluit daarover neemt zij binnen een half jaar na het eerste "
            "gesprek. Daarna kan dat niet meer."
        ),
        grondslag="Handreiking §4.3; model beleidsregels",
        aard=TermijnAard.UITERSTE_DATUM,
        start_bij=GebeurtenisSoort.EERSTE_GESPREK_GEVOERD,
        # ATW art. 4: more than 3 months, so never extended.
        duur=Duur(6, Eenheid.MAANDEN),
        vervalt_door=_STOPT,
    ),
    TermijnRegel(
        code=TermijnSoort.ALLE_BESLUITEN,
        naam=_("Alle besluiten genomen"),
        uitleg=_(
            "De gemeente neemt alle besluiten over hulp binnen 2 jaar na het eerste "
            "gesprek. Hulp die al is toegekend, mag daarna nog doorlopen."
        ),
        grondslag="Handreiking §4.3 en §4.4",
        aard=TermijnAard.UITERSTE_DATUM,
        start_bij=GebeurtenisSoort.EERSTE_GESPREK_GEVOERD,
        # ATW art. 4: a term in years, so never extended.
        duur=Duur(2, Eenheid.JAREN),
        vervalt_door=_STOPT,
    ),
    TermijnRegel(
        code=TermijnSoort.ACCLIMATISATIE,
        naam=_("Afbouw na niet erkend"),
        uitleg=_(
            "Als UHT iemand niet erkent als gedupeerde, bouwt de gemeente de hulp binnen "
            "30 dagen af. Hulp die al is toegekend, gaat gewoon door."
        ),
        grondslag="Handreiking §4.4",
        aard=TermijnAard.ACTIE,
        start_bij=GebeurtenisSoort.UHT_NIET_ERKEND,
        duur=Duur(30, Eenheid.DAGEN),
        voldaan_door=frozenset({GebeurtenisSoort.BEEINDIGD}),
        # Recognised after all (e.g. after an objection at UHT): the right to support
        # stays (Handreiking §4.4), so the wind-down is moot.
        vervalt_door=frozenset({GebeurtenisSoort.UHT_ERKEND, GebeurtenisSoort.AFGESLOTEN}),
    ),
    TermijnRegel(
        code=TermijnSoort.BEZWAARTERMIJN,
        naam=_("Bezwaar maken"),
        uitleg=_(
            "Wie het niet eens is met een besluit, kan bezwaar maken. Dat kan tot 6 weken "
            "na de dag waarop het besluit bekend is gemaakt, of langer als de gemeente dat "
            "heeft gekozen."
        ),
        grondslag="Awb art. 6:7 en 6:8",
        aard=TermijnAard.UITERSTE_DATUM,
        start_bij=GebeurtenisSoort.BESCHIKKING_BEKENDGEMAAKT,
        duur=_bezwaartermijn_duur,
        # The window was used; an objection received after the end shows as te laat
        # (Awb 6:9 and 6:11 decide whether it is still admissible, not this engine).
        voldaan_door=frozenset({GebeurtenisSoort.BEZWAAR_ONTVANGEN}),
        sleutel_veld="beschikking",
    ),
    TermijnRegel(
        code=TermijnSoort.BESLISTERMIJN_BEZWAAR,
        naam=_("Beslissen op bezwaar"),
        uitleg=_(
            "Na een bezwaar beslist de gemeente binnen 6 weken na het einde van de "
            "bezwaartermijn. Met een adviescommissie is dat 12 weken. De gemeente mag dit "
            "één keer met 6 weken uitstellen."
        ),
        grondslag="Awb art. 7:10",
        aard=TermijnAard.ACTIE,
        start_bij=GebeurtenisSoort.BEZWAAR_ONTVANGEN,
        duur=Duur(6, Eenheid.WEKEN),
        voldaan_door=frozenset({GebeurtenisSoort.BESLISSING_OP_BEZWAAR}),
        sleutel_veld="beschikking",
        start_na_einde_van=TermijnSoort.BEZWAARTERMIJN,
        duur_met_adviescommissie=Duur(12, Eenheid.WEKEN),
        # Awb 7:10 lid 3: at most once, by at most 6 weeks. Further delay with the
        # consent of all parties (lid 4) is not modelled.
        verdaging=Verdaging(
            door=GebeurtenisSoort.BESLISTERMIJN_BEZWAAR_VERDAAGD,
            duur=Duur(6, Eenheid.WEKEN),
            maximaal=1,
        ),
    ),
    TermijnRegel(
        code=TermijnSoort.KINDREGELING_SCHULDENAANBOD,
        naam=_("Aanmelden schuldhulp kindregeling"),
        uitleg=_(
            "Kinderen van 18 jaar of ouder met problematische schulden kunnen zich tot "
            "1 jaar na de uitbetaling van de kindregeling aanmelden voor extra hulp bij "
            "schulden."
        ),
        grondslag="Kindregeling: aanvullend schuldhulpverleningsaanbod",
        aard=TermijnAard.UITERSTE_DATUM,
        start_bij=GebeurtenisSoort.KINDREGELING_UITBETAALD,
        # ATW art. 4: a term in years, so never extended.
        duur=Duur(1, Eenheid.JAREN),
        # A referral to the offer (nieuwestart.ketenpartners) uses the window.
        voldaan_door=frozenset({GebeurtenisSoort.KINDREGELING_SCHULDHULP_AANGEMELD}),
    ),
    TermijnRegel(
        code=TermijnSoort.SBN_PRIVATE_SCHULDEN,
        naam=_("Private schulden indienen bij SBN"),
        uitleg=_(
            "Een erkend gedupeerde ouder heeft een half jaar na de erkenning door UHT om opeisbare "
            "private schulden (bij winkels, banken en andere bedrijven) in te dienen bij Sociale Banken "
            "Nederland (SBN). SBN betaalt die schulden dan aan de schuldeisers."
        ),
        grondslag="Handreiking §6 (Sociale Banken Nederland)",
        aard=TermijnAard.UITERSTE_DATUM,
        # Recorded by the SBN referral, dated on the day of recognition (ketenpartners.services).
        start_bij=GebeurtenisSoort.SBN_TERMIJN_GESTART,
        # ATW art. 4: longer than 3 months, so never extended.
        duur=Duur(6, Eenheid.MAANDEN),
        voldaan_door=frozenset({GebeurtenisSoort.SBN_SCHULDEN_INGEDIEND}),
    ),
    TermijnRegel(
        code=TermijnSoort.NAZORG_EERSTE_CONTROLE,
        naam=_("Nazorg: eerste controle"),
        uitleg=_(
            "Na een warme overdracht gaat de consulent na of de nieuwe hulp echt is begonnen. "
            "De eerste keer is 4 weken na de overdracht, of na de termijn die de gemeente koos."
        ),
        grondslag="Handreiking §4.5; lokaal beleid",
        aard=TermijnAard.ACTIE,
        start_bij=GebeurtenisSoort.WARME_OVERDRACHT,
        duur=_nazorg_eerste_duur,
        voldaan_door=frozenset({GebeurtenisSoort.NAZORGCONTROLE_EERSTE}),
        vervalt_door=_NAZORG_STOPT,
        sleutel_veld="overdracht",
        # A working agreement of the municipality, not a term set by law: the ATW does not
        # apply (ATW art. 1 lid 1). The worklist shows it ahead of the day anyway.
        atw_toepassen=False,
    ),
    TermijnRegel(
        code=TermijnSoort.NAZORG_TWEEDE_CONTROLE,
        naam=_("Nazorg: tweede controle"),
        uitleg=_(
            "Een tweede keer gaat de consulent na of de nieuwe hulp loopt: 3 maanden na de "
            "overdracht, of na de termijn die de gemeente koos. Daarna kan de nazorg stoppen."
        ),
        grondslag="Handreiking §4.5; lokaal beleid",
        aard=TermijnAard.ACTIE,
        start_bij=GebeurtenisSoort.WARME_OVERDRACHT,
        duur=_nazorg_tweede_duur,
        voldaan_door=frozenset({GebeurtenisSoort.NAZORGCONTROLE_TWEEDE}),
        vervalt_door=_NAZORG_STOPT,
        sleutel_veld="overdracht",
        atw_toepassen=False,
    ),
    TermijnRegel(
        code=TermijnSoort.PORTAALBESTAND,
        naam=_("Portaalbestand beschikbaar"),
        uitleg=_(
            "Een bestand in het Gegevensportaal van de Belastingdienst blijft 30 dagen "
            "beschikbaar. Daarna is het verlopen en staat het niet meer in het portaal."
        ),
        grondslag="Handreiking §2.3",
        aard=TermijnAard.UITERSTE_DATUM,
        # Not a dossier term: computed per portal file with ``bereken_einddatum``.
        start_bij=None,
        duur=Duur(30, Eenheid.DAGEN),
        # How long the Belastingdienst keeps a file online is a fact of its portal, not
        # a term set by law, so the ATW does not extend it (ATW art. 1 lid 1).
        atw_toepassen=False,
    ),
)

_PER_CODE: dict[str, TermijnRegel] = {r.code: r for r in REGELS}


def regel(code: TermijnSoort | str) -> TermijnRegel:
    """The rule of a term code; KeyError for an unknown code."""
    try:
        return _PER_CODE[code]
    except KeyError:
        raise KeyError(f"No TermijnRegel for code {code!r}") from None


def controleer_regels(regels: tuple[TermijnRegel, ...]) -> None:
    """Raise ValueError when a rule set cannot be computed (run at import for ``REGELS``)."""
    gezien: set[str] = set()
    for r in regels:
        if r.code in gezien:
            raise ValueError(f"Duplicate TermijnRegel {r.code}")
        if r.start_na_einde_van is not None:
            # The engine computes rules in order; the term this one starts after must
            # already be known, and must be keyed the same way.
            if r.start_na_einde_van not in gezien:
                raise ValueError(f"{r.code}: {r.start_na_einde_van} must come earlier in REGELS")
            bron = next(b for b in regels if b.code == r.start_na_einde_van)
            if bron.sleutel_veld != r.sleutel_veld:
                raise ValueError(f"{r.code}: sleutel_veld differs from {bron.code}")
        gezien.add(r.code)


controleer_regels(REGELS)


def bereken_einddatum(
    regel: TermijnRegel, startdatum: date, *, beleid: Beleid, kalender: AtwKalender
) -> date:
    """The end of one term from a known start, without events (e.g. a portal file).

    The term starts the day after ``startdatum``; the ATW extends it when the rule
    and its length allow (ATW art. 1, 2 and 4).
    """
    duur = regel.duur_voor(beleid)
    einde = duur.tel_op(startdatum)
    if regel.atw_van_toepassing(beleid):
        return verleng_volgens_atw(startdatum, einde, kalender)
    return einde
