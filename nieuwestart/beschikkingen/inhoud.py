"""What a beschikking says, as plain data: the one interface between the plan and its documents.

The plan (``nieuwestart.plannen``) fills a ``BeschikkingInhoud`` from an issued plan version;
``nieuwestart.beschikkingen`` renders it to PDF and DOCX and stores it. Nothing here reads the
database, so the rendering is tested and benchmarked with hand-made content. A later issue
(termination) fills the same structure with ``soort=BEEINDIGING``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Beschikkingsoort(StrEnum):
    PLAN = "PLAN"  # the first plan van aanpak
    ADDENDUM = "ADDENDUM"  # a later version that changes the legal position
    BEEINDIGING = "BEEINDIGING"  # end of support (issue 6)


class Besluit(StrEnum):
    TOEGEKEND = "TOEGEKEND"
    AFGEWEZEN = "AFGEWEZEN"


@dataclass(frozen=True)
class Persoon:
    naam: str  # "Eva de Vries"
    geboortedatum: date
    adresregels: tuple[str, ...] = ()  # ("Dorpsstraat 1", "1234 AB Dronten")


@dataclass(frozen=True)
class Gezinslid:
    naam: str
    geboortedatum: date
    relatie: str  # Dutch label, e.g. "Kind"


@dataclass(frozen=True)
class Leefgebiedregel:
    leefgebied: str  # Dutch label, e.g. "Financiën"
    doelstelling: str  # the national goal, e.g. "Financieel vaardig en in balans"
    situatie: str  # the situation at registration
    voldoet_aan_doelstelling: bool | None  # jointly decided; None = not discussed
    hulpvraag: str
    doelen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voorzieningregel:
    omschrijving: str
    leefgebied: str  # Dutch label
    doel: str  # the goal it serves
    materieel: bool
    besluit: Besluit
    aanbieder: str = ""  # provider (social map) or free text
    product: str = ""
    hoeveelheid: str = ""  # quantity / period in words, e.g. "12 gesprekken in 6 maanden"
    bedrag: Decimal | None = None  # euros incl. VAT; None for free-access or no cost
    begindatum: date | None = None
    einddatum: date | None = None
    motivering: str = ""  # obstacle removed, geschiktheid, noodzakelijkheid, evenredigheid, weighing
    reden_afwijzing: str = ""  # for AFGEWEZEN
    hardheidsclausule: str = ""  # motivation when the hardheidsclausule was applied
    acute_noodsituatie: str = ""  # motivation when an acute emergency was flagged


@dataclass(frozen=True)
class BeschikkingInhoud:
    soort: Beschikkingsoort
    kenmerk: str  # unique reference on the letter, e.g. "NS-2026-000123-V2"
    datum: date  # date of the decision
    gemeentenaam: str
    dossiernummer: str
    rechthebbende: Persoon
    versie: int  # plan version (1 = first plan); 0 for a termination
    besloten_door: str  # name and function of who decided "namens het college" (mandate)
    bezwaartermijn_weken: int
    bezwaar_instructie: str  # where and how to object (the municipality's address / form), plain Dutch
    huishouden: tuple[Gezinslid, ...] = ()
    eerste_gesprek: date | None = None
    op_hoofdlijnen: bool = False
    leefgebieden: tuple[Leefgebiedregel, ...] = ()
    voorzieningen: tuple[Voorzieningregel, ...] = ()
    vervolg: str = ""  # what happens next and the terms that run, plain Dutch
    wijzigt_kenmerk: str = ""  # ADDENDUM: the kenmerk of the beschikking it changes
    reden_beeindiging: str = ""  # BEEINDIGING
    extra: dict[str, str] = field(default_factory=dict)  # extra placeholders for local templates
