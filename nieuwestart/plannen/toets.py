"""The toets: which policy rules a plan version meets, warns about or is blocked by, and why.

``toets(plan)`` is a pure function over plain data (``PlanGegevens``): no database, no clock.
``selectors.toets_voor(planversie)`` builds that data from the database in a constant number of
queries. The rule definitions (code, Dutch name and explanation, source) are ``Beleidsregel``s in
``nieuwestart/beleid/regels.py``; this module evaluates them and writes the concrete Dutch
toelichting (which provision, which date).

Dates: a concept version is judged as if it were issued on ``peildatum`` (the beschikking is the
decision; ``services.uitgeven`` runs the toets with the issue date). The term ends come from the
terms engine (``Termijn`` rows of MATERIELE_VOORZIENINGEN, ALLE_BESLUITEN and PLAN_VAN_AANPAK) and
are the last day on which the act is still in time. A provision an addendum took over unchanged was
decided earlier and is not judged again.

Which provisions the rules judge:
* free-access provisions need no decision: only "a goal" is checked;
* a refusal (AFGEWEZEN) needs a reason; the necessity, term and exclusion rules judge what is
  granted or still undecided (refusing because a term passed is exactly what one may do);
* a block of a rule marked ``afwijkbaar`` becomes a warning when the provision carries the
  hardheidsclausule with a motivation AND the teamleider approved it (HARDHEIDSCLAUSULE);
  the exclusions damage compensation, lawyers' costs and income support cannot be overridden
  (out of scope of brede ondersteuning), nor can missing decisions, motivations or approvals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import Beleidsregel

from nieuwestart.dossiers.models import DossierStatus

from .mandaat import Mandaatgrenzen, benodigde_goedkeuringen, ontbrekende_goedkeuringen
from .models import Aard, Besluit, Categorie, Doelstelling, Goedkeuringsoort, Noodzaak, Planversiesoort

GEEN_NIEUWE_VOORZIENINGEN_BIJ = frozenset({
    DossierStatus.AFBOUW, DossierStatus.BEEINDIGD, DossierStatus.NAZORG, DossierStatus.AFGESLOTEN,
})


class Niveau(models.TextChoices):
    VOLDAAN = "VOLDAAN", gettext_lazy("Voldaan")
    WAARSCHUWING = "WAARSCHUWING", gettext_lazy("Let op")
    BLOKKADE = "BLOKKADE", gettext_lazy("Houdt het plan tegen")


@dataclass(frozen=True)
class Toetsuitkomst:
    regel: Beleidsregel
    niveau: Niveau
    toelichting: str
    voorziening_id: int | None = None

    @property
    def blokkeert(self) -> bool:
        return self.niveau == Niveau.BLOKKADE


@dataclass(frozen=True)
class VoorzieningGegevens:
    id: int | None
    omschrijving: str
    doel: str | None = "doel"  # the goal's description; None or "" = no (described) goal
    aard: str = Aard.IMMATERIEEL
    vrij_toegankelijk: bool = False
    categorie: str = Categorie.OVERIG
    bedrag: Decimal | None = None
    noodzaak: str = Noodzaak.NOODZAAK
    belemmering: str = "x"
    geschiktheid: str = "x"
    noodzakelijkheid: str = "x"
    evenredigheid: str = "x"
    weging: tuple[tuple[str, str], ...] = ()  # (label, text) of the weighing factors
    acute_noodsituatie: bool = False
    acute_noodsituatie_motivering: str = ""
    hardheidsclausule: bool = False
    hardheidsclausule_motivering: str = ""
    besluit: str = ""  # "", TOEGEKEND, AFGEWEZEN
    reden_afwijzing: str = ""
    ongewijzigd_overgenomen: bool = False
    goedgekeurd: frozenset[str] = frozenset()  # approval kinds that count
    gevraagd: frozenset[str] = frozenset()  # approval kinds asked and still open

    @property
    def materieel(self) -> bool:
        return self.aard == Aard.MATERIEEL


@dataclass(frozen=True)
class LeefgebiedGegevens:
    leefgebied: str  # code
    label: str
    voldoet: str = Doelstelling.ONBEKEND
    beschreven: bool = True  # situation or hulpvraag filled in
    heeft_doel: bool = False


@dataclass(frozen=True)
class PlanGegevens:
    soort: str
    peildatum: date
    dossierstatus: str = "EERSTE_GESPREK_GEVOERD"
    op_hoofdlijnen: bool = False
    eerste_gesprek: date | None = None
    plan_uiterlijk: date | None = None  # PLAN_VAN_AANPAK end
    materieel_uiterlijk: date | None = None  # MATERIELE_VOORZIENINGEN end
    besluiten_uiterlijk: date | None = None  # ALLE_BESLUITEN end
    mandaat: Mandaatgrenzen = field(default_factory=Mandaatgrenzen)
    leefgebieden: tuple[LeefgebiedGegevens, ...] = ()
    voorzieningen: tuple[VoorzieningGegevens, ...] = ()


def d(datum: date | None) -> str:
    return datum.strftime("%d-%m-%Y") if datum else "?"


def euro(bedrag: Decimal | None) -> str:
    bedrag = Decimal(bedrag or 0).quantize(Decimal("0.01"))
    geheel, _sep, cent = f"{bedrag:,.2f}".partition(".")
    return f"€ {geheel.replace(',', '.')},{cent}"


_GOEDKEURDER = {
    Goedkeuringsoort.VIER_OGEN: gettext_lazy("een tweede consulent"),
    Goedkeuringsoort.TEAMLEIDER: gettext_lazy("de teamleider"),
    Goedkeuringsoort.HARDHEIDSCLAUSULE: gettext_lazy("de teamleider (hardheidsclausule)"),
}


def _lijst(items: list[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + _(" en ") + items[-1]


class _Beoordeling:
    """Collects outcomes for one provision and applies the hardheidsclausule override."""

    def __init__(self, v: VoorzieningGegevens, uit: list[Toetsuitkomst]):
        self.v = v
        self.uit = uit
        self.hc_geldig = bool(
            v.hardheidsclausule and v.hardheidsclausule_motivering.strip()
            and Goedkeuringsoort.HARDHEIDSCLAUSULE in v.goedgekeurd
        )
        self.afgeweken: list[Beleidsregel] = []

    def voldaan(self, regel: Beleidsregel, tekst: str) -> None:
        self.uit.append(Toetsuitkomst(regel, Niveau.VOLDAAN, tekst, self.v.id))

    def waarschuwing(self, regel: Beleidsregel, tekst: str) -> None:
        self.uit.append(Toetsuitkomst(regel, Niveau.WAARSCHUWING, tekst, self.v.id))

    def blokkade(self, regel: Beleidsregel, tekst: str, *, afwijkbaar: bool) -> None:
        if afwijkbaar and self.hc_geldig:
            self.afgeweken.append(regel)
            tekst = tekst + " " + _("Afgeweken met de hardheidsclausule; de teamleider keurde dat goed.")
            self.uit.append(Toetsuitkomst(regel, Niveau.WAARSCHUWING, tekst, self.v.id))
            return
        if afwijkbaar and self.v.hardheidsclausule:
            tekst = tekst + " " + _("De hardheidsclausule geldt pas als er een motivering is en de teamleider die goedkeurt.")
        self.uit.append(Toetsuitkomst(regel, Niveau.BLOKKADE, tekst, self.v.id))


def toets(plan: PlanGegevens) -> list[Toetsuitkomst]:
    """Every rule's outcome for one plan version: plan-wide first, then per provision."""
    uit: list[Toetsuitkomst] = []
    _toets_plan(plan, uit)
    for v in plan.voorzieningen:
        _toets_voorziening(plan, v, uit)
    return uit


def _toets_plan(plan: PlanGegevens, uit: list[Toetsuitkomst]) -> None:
    beschreven = [lg for lg in plan.leefgebieden if lg.beschreven]
    if beschreven:
        uit.append(Toetsuitkomst(
            R.LEEFGEBIED_BESCHREVEN, Niveau.VOLDAAN,
            _("Beschreven: %(lijst)s.") % {"lijst": _lijst([lg.label for lg in beschreven])},
        ))
    else:
        uit.append(Toetsuitkomst(R.LEEFGEBIED_BESCHREVEN, Niveau.BLOKKADE, str(R.LEEFGEBIED_BESCHREVEN.uitleg)))

    zonder_doel = [lg for lg in plan.leefgebieden if lg.voldoet == Doelstelling.NEE and not lg.heeft_doel]
    if zonder_doel and not plan.op_hoofdlijnen:
        for lg in zonder_doel:
            uit.append(Toetsuitkomst(
                R.LEEFGEBIED_MET_DOEL, Niveau.WAARSCHUWING,
                _("%(leefgebied)s haalt de landelijke doelstelling niet, maar heeft nog geen doel.") % {"leefgebied": lg.label},
            ))
    else:
        uit.append(Toetsuitkomst(
            R.LEEFGEBIED_MET_DOEL, Niveau.VOLDAAN,
            _("Het plan is op hoofdlijnen: doelen kunnen later in een addendum.") if zonder_doel
            else _("Elk leefgebied dat de doelstelling niet haalt, heeft een doel."),
        ))

    if plan.soort == Planversiesoort.EERSTE_PLAN:
        if plan.plan_uiterlijk is None:
            uit.append(Toetsuitkomst(
                R.PLAN_BINNEN_ACHT_WEKEN, Niveau.WAARSCHUWING,
                _("De termijn voor het plan is niet bekend. Leg eerst het eerste gesprek vast."),
            ))
        elif plan.peildatum > plan.plan_uiterlijk:
            uit.append(Toetsuitkomst(
                R.PLAN_BINNEN_ACHT_WEKEN, Niveau.WAARSCHUWING,
                _("Het plan had er uiterlijk op %(uiterlijk)s moeten zijn (8 weken na het eerste gesprek op "
                  "%(gesprek)s). Het is %(dagen)s dagen te laat. U kunt het plan wel uitgeven.")
                % {"uiterlijk": d(plan.plan_uiterlijk), "gesprek": d(plan.eerste_gesprek),
                   "dagen": (plan.peildatum - plan.plan_uiterlijk).days},
            ))
        else:
            uit.append(Toetsuitkomst(
                R.PLAN_BINNEN_ACHT_WEKEN, Niveau.VOLDAAN,
                _("Op tijd: het plan moet er uiterlijk op %(uiterlijk)s zijn.") % {"uiterlijk": d(plan.plan_uiterlijk)},
            ))


def _toets_voorziening(plan: PlanGegevens, v: VoorzieningGegevens, uit: list[Toetsuitkomst]) -> None:
    b = _Beoordeling(v, uit)
    naam = v.omschrijving
    fmt = {"naam": naam}

    # Goal: structural (a non-null foreign key), but the goal must say something.
    if v.doel and v.doel.strip():
        b.voldaan(R.VOORZIENING_HEEFT_DOEL, _("'%(naam)s' hoort bij het doel '%(doel)s'.") % {**fmt, "doel": v.doel})
    else:
        b.blokkade(R.VOORZIENING_HEEFT_DOEL, _("'%(naam)s' hoort niet bij een beschreven doel.") % fmt, afwijkbaar=False)

    if v.vrij_toegankelijk:
        return  # no decision needed (e.g. consultatiebureau)
    if v.ongewijzigd_overgenomen:
        b.voldaan(R.BESLUIT_VASTGELEGD, _("Over '%(naam)s' is eerder besloten; de voorziening is ongewijzigd.") % fmt)
        return

    # The flags need their motivation.
    if v.acute_noodsituatie and not v.acute_noodsituatie_motivering.strip():
        b.blokkade(R.ACUTE_NOODSITUATIE_GEMOTIVEERD,
                   _("Bij '%(naam)s' staat 'acute noodsituatie' aan, maar de beschrijving ontbreekt.") % fmt,
                   afwijkbaar=False)
    if v.hardheidsclausule:
        if not v.hardheidsclausule_motivering.strip():
            b.blokkade(R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER,
                       _("Bij '%(naam)s' staat de hardheidsclausule aan, maar de motivering ontbreekt.") % fmt,
                       afwijkbaar=False)
        elif Goedkeuringsoort.HARDHEIDSCLAUSULE not in v.goedgekeurd:
            b.blokkade(R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER,
                       _("De hardheidsclausule bij '%(naam)s' wacht op goedkeuring van de teamleider.") % fmt,
                       afwijkbaar=False)
        else:
            b.voldaan(R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER,
                      _("De teamleider keurde de hardheidsclausule bij '%(naam)s' goed.") % fmt)

    # The decision.
    if v.besluit == Besluit.AFGEWEZEN:
        if v.reden_afwijzing.strip():
            b.voldaan(R.BESLUIT_VASTGELEGD, _("'%(naam)s' wordt afgewezen, met reden.") % fmt)
        else:
            b.blokkade(R.BESLUIT_VASTGELEGD, _("'%(naam)s' wordt afgewezen, maar de reden ontbreekt.") % fmt,
                       afwijkbaar=False)
        return  # a refusal spends nothing and may be given after a term
    if v.besluit == Besluit.TOEGEKEND:
        b.voldaan(R.BESLUIT_VASTGELEGD, _("'%(naam)s' wordt toegekend.") % fmt)
    else:
        b.blokkade(R.BESLUIT_VASTGELEGD, _("Kies bij '%(naam)s': toekennen of afwijzen.") % fmt, afwijkbaar=False)

    # Motivation (Awb 3:46).
    ontbreekt = [label for label, tekst in (
        (_("welke belemmering het wegneemt"), v.belemmering), (_("geschiktheid"), v.geschiktheid),
        (_("noodzakelijkheid"), v.noodzakelijkheid), (_("evenredigheid"), v.evenredigheid),
    ) if not tekst.strip()]
    if not v.noodzaak:
        ontbreekt.append(_("noodzaak of wens"))
    if ontbreekt:
        b.blokkade(R.VOORZIENING_GEMOTIVEERD,
                   _("Bij '%(naam)s' ontbreekt: %(lijst)s.") % {**fmt, "lijst": _lijst(ontbreekt)}, afwijkbaar=False)
    else:
        niet_gewogen = [label for label, tekst in v.weging if not tekst.strip()]
        if niet_gewogen:
            b.waarschuwing(R.VOORZIENING_GEMOTIVEERD,
                           _("Bij '%(naam)s' is nog niet gewogen: %(lijst)s.") % {**fmt, "lijst": _lijst(niet_gewogen)})
        else:
            b.voldaan(R.VOORZIENING_GEMOTIVEERD, _("'%(naam)s' is gemotiveerd.") % fmt)

    # Material: necessary and within 6 months.
    if v.materieel:
        if v.noodzaak == Noodzaak.WENS:
            b.blokkade(R.MATERIEEL_ALLEEN_BIJ_NOODZAAK,
                       _("'%(naam)s' is materieel en staat als wens, niet als noodzaak.") % fmt, afwijkbaar=True)
        else:
            b.voldaan(R.MATERIEEL_ALLEEN_BIJ_NOODZAAK, _("'%(naam)s' is materieel en noodzakelijk.") % fmt)
        _termijn(b, R.MATERIEEL_BINNEN_ZES_MAANDEN, plan.materieel_uiterlijk, plan, naam,
                 _("6 maanden"))

    # Two years for every decision that grants something.
    _termijn(b, R.BESLUIT_BINNEN_TWEE_JAAR, plan.besluiten_uiterlijk, plan, naam, _("2 jaar"))

    _uitsluitingen(b, v, fmt)

    if plan.dossierstatus in GEEN_NIEUWE_VOORZIENINGEN_BIJ:
        b.blokkade(R.GEEN_NIEUWE_VOORZIENING_NA_EINDE,
                   _("Het dossier is in de afbouw of beëindigd. '%(naam)s' is een nieuwe voorziening. Wijs deze af, "
                     "of gebruik de hardheidsclausule met goedkeuring van de teamleider.") % fmt,
                   afwijkbaar=True)

    # Mandate.
    nodig = benodigde_goedkeuringen(v, plan.mandaat)
    mandaat_nodig = tuple(s for s in nodig if s != Goedkeuringsoort.HARDHEIDSCLAUSULE)
    ontbreekt_gk = ontbrekende_goedkeuringen(mandaat_nodig, v.goedgekeurd)
    bedrag = euro(v.bedrag)
    if ontbreekt_gk:
        wie = _lijst([_GOEDKEURDER[s] for s in ontbreekt_gk])
        status = _("gevraagd") if set(ontbreekt_gk) <= set(v.gevraagd) else _("nog niet gevraagd")
        b.blokkade(R.MANDAAT_GOEDKEURING,
                   _("'%(naam)s' kost %(bedrag)s. Goedkeuring van %(wie)s is nodig (%(status)s).")
                   % {**fmt, "bedrag": bedrag, "wie": wie, "status": status}, afwijkbaar=False)
    elif mandaat_nodig:
        b.voldaan(R.MANDAAT_GOEDKEURING, _("'%(naam)s' (%(bedrag)s) is goedgekeurd.") % {**fmt, "bedrag": bedrag})
    else:
        b.voldaan(R.MANDAAT_GOEDKEURING,
                  _("'%(naam)s' (%(bedrag)s) valt binnen het mandaat van de consulent.") % {**fmt, "bedrag": bedrag})


def _termijn(b: _Beoordeling, regel: Beleidsregel, uiterlijk: date | None, plan: PlanGegevens, naam: str, duur: str) -> None:
    if uiterlijk is None:
        b.waarschuwing(regel, _("De termijn is niet bekend. Leg eerst het eerste gesprek vast."))
        return
    fmt = {"naam": naam, "uiterlijk": d(uiterlijk), "gesprek": d(plan.eerste_gesprek), "duur": duur,
           "peildatum": d(plan.peildatum)}
    if plan.peildatum <= uiterlijk:
        b.voldaan(regel, _("Over '%(naam)s' kan worden besloten tot en met %(uiterlijk)s (%(duur)s na het "
                           "eerste gesprek op %(gesprek)s).") % fmt)
    else:
        b.blokkade(regel, _("Over '%(naam)s' kan niet meer worden besloten: dat kon tot en met %(uiterlijk)s "
                            "(%(duur)s na het eerste gesprek op %(gesprek)s). Het besluit zou vallen op %(peildatum)s. "
                            "Wijs de voorziening af, of gebruik de hardheidsclausule met goedkeuring van de teamleider.")
                   % fmt, afwijkbaar=True)


def _uitsluitingen(b: _Beoordeling, v: VoorzieningGegevens, fmt: dict) -> None:
    c = v.categorie
    acuut = v.acute_noodsituatie and v.acute_noodsituatie_motivering.strip()
    nooit = {
        Categorie.SCHADEVERGOEDING: R.GEEN_SCHADEVERGOEDING,
        Categorie.ADVOCAATKOSTEN: R.GEEN_ADVOCAATKOSTEN,
        Categorie.INKOMENSONDERSTEUNING: R.GEEN_INKOMENSONDERSTEUNING,
    }
    if c in nooit:
        b.blokkade(nooit[c], _("'%(naam)s' is %(soort)s. Dat valt niet onder brede ondersteuning.")
                   % {**fmt, "soort": Categorie(c).label.lower()}, afwijkbaar=False)
    elif c == Categorie.SCHULD_BETALEN:
        if acuut:
            b.voldaan(R.SCHULD_ALLEEN_BIJ_ACUTE_NOOD,
                      _("'%(naam)s' betaalt een schuld om een acute noodsituatie te voorkomen.") % fmt)
        else:
            b.blokkade(R.SCHULD_ALLEEN_BIJ_ACUTE_NOOD,
                       _("'%(naam)s' betaalt een schuld, maar er is geen beschreven acute noodsituatie.") % fmt,
                       afwijkbaar=True)
    elif c == Categorie.KOSTEN_VOOR_AANVRAAG:
        if acuut:
            b.voldaan(R.KOSTEN_VOOR_AANVRAAG_ALLEEN_BIJ_SPOED,
                      _("'%(naam)s' vergoedt kosten van vóór de aanvraag, door een beschreven spoedsituatie.") % fmt)
        else:
            b.blokkade(R.KOSTEN_VOOR_AANVRAAG_ALLEEN_BIJ_SPOED,
                       _("'%(naam)s' vergoedt kosten van vóór de aanvraag, zonder beschreven spoedsituatie.") % fmt,
                       afwijkbaar=True)
    elif c in (Categorie.AUTO, Categorie.VERBOUWING):
        if v.noodzaak == Noodzaak.NOODZAAK and v.noodzakelijkheid.strip():
            b.waarschuwing(R.AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG,
                           _("'%(naam)s' is %(soort)s. Dat kan alleen als het aantoonbaar nodig is. Controleer of de "
                             "motivering dat laat zien en of er geen goedkopere oplossing is.")
                           % {**fmt, "soort": Categorie(c).label.lower()})
        else:
            b.blokkade(R.AUTO_OF_VERBOUWING_ALLEEN_ALS_NODIG,
                       _("'%(naam)s' is %(soort)s, maar niet gemotiveerd als noodzaak.")
                       % {**fmt, "soort": Categorie(c).label.lower()}, afwijkbaar=True)


# --- summaries for the panel and the issue refusal ---------------------------------------------

def blokkades(uitkomsten: Iterable[Toetsuitkomst]) -> list[Toetsuitkomst]:
    return [u for u in uitkomsten if u.niveau == Niveau.BLOKKADE]


def waarschuwingen(uitkomsten: Iterable[Toetsuitkomst]) -> list[Toetsuitkomst]:
    return [u for u in uitkomsten if u.niveau == Niveau.WAARSCHUWING]


def per_regel(uitkomsten: Iterable[Toetsuitkomst]) -> list[tuple[Beleidsregel, Niveau, list[Toetsuitkomst]]]:
    """Group by rule (in the order of ``PLAN_TOETSREGELS``) with the worst level: the panel's rows."""
    ernst = {Niveau.VOLDAAN: 0, Niveau.WAARSCHUWING: 1, Niveau.BLOKKADE: 2}
    groepen: dict[str, list[Toetsuitkomst]] = {}
    for u in uitkomsten:
        groepen.setdefault(u.regel.code, []).append(u)
    rijen = []
    for regel in R.PLAN_TOETSREGELS:
        lijst = groepen.get(regel.code)
        if lijst:
            rijen.append((regel, max((u.niveau for u in lijst), key=lambda n: ernst[Niveau(n)]), lijst))
    return rijen
