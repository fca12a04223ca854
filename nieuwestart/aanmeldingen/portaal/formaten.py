"""The column sets Nieuwe Start accepts from the Gegevensportaal, as data.

One declarative ``Formaat`` per file kind. The real portal layout is not public, so the
names below are our own, with the aliases municipal files use. ``docs/import-formats.md``
describes the same sets for people; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from nieuwestart.aanmeldingen.portaal.lezen import Tabel, normaliseer_kop
from nieuwestart.dossiers.models import Contactkanaal, Doelgroep

__all__ = [
    "CONTACTLIJST",
    "FORMATEN",
    "KINDVERIFICATIE_ANTWOORD",
    "KINDVERIFICATIE_VRAAG",
    "SCHULD_MARKERS",
    "STATUSUPDATE",
    "Doel",
    "Formaat",
    "Herkenning",
    "Kolom",
    "Kolomtype",
    "Koppeling",
    "herken_doel",
    "koppel_kolommen",
]


class Doel(StrEnum):
    """What a file is for. Only the first three can be imported."""

    CONTACTLIJST = "CONTACTLIJST"
    STATUSUPDATE = "STATUSUPDATE"
    KINDVERIFICATIE_ANTWOORD = "KINDVERIFICATIE_ANTWOORD"
    SCHULDENLIJST = "SCHULDENLIJST"
    ONBEKEND = "ONBEKEND"

    @property
    def omschrijving(self) -> str:
        return _DOEL_NAMEN[self]


_DOEL_NAMEN = {
    Doel.CONTACTLIJST: "contactlijst voor brede ondersteuning",
    Doel.STATUSUPDATE: "statusupdate van UHT",
    Doel.KINDVERIFICATIE_ANTWOORD: "antwoordbestand kindverificatie",
    Doel.SCHULDENLIJST: "schuldenlijst",
    Doel.ONBEKEND: "onbekend soort bestand",
}


class Kolomtype(StrEnum):
    BSN = "bsn"
    TEKST = "tekst"
    DATUM = "datum"
    KEUZE = "keuze"
    TELEFOON = "telefoon"
    EMAIL = "email"
    POSTCODE = "postcode"


@dataclass(frozen=True)
class Kolom:
    naam: str  # canonical name (snake_case)
    omschrijving: str  # Dutch, for the docs and the upload screen
    type: Kolomtype = Kolomtype.TEKST
    verplicht: bool = False
    aliassen: tuple[str, ...] = ()
    # KEUZE: canonical value -> accepted spellings (compared with ``normaliseer_kop``).
    keuzes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # DATUM: the earliest plausible date (never later than today).
    vroegst: date | None = None
    max_lengte: int = 200

    @property
    def herkenbare_namen(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normaliseer_kop(n) for n in (self.naam, *self.aliassen)))

    def keuze_voor(self, waarde: str) -> str | None:
        """The canonical value for a spelling, or None (memoised per raw spelling)."""
        gezien = _GEZIEN.setdefault(id(self), {})
        try:
            return gezien[waarde]
        except KeyError:
            uit = _keuze_index(self).get(normaliseer_kop(waarde))
            if len(gezien) < 10_000:
                gezien[waarde] = uit
            return uit


_KEUZE_CACHE: dict[int, dict[str, str]] = {}
_GEZIEN: dict[int, dict[str, str | None]] = {}


def _keuze_index(kolom: Kolom) -> dict[str, str]:
    index = _KEUZE_CACHE.get(id(kolom))
    if index is None:
        index = {}
        for waarde, spellingen in kolom.keuzes.items():
            for s in (waarde, *spellingen):
                index[normaliseer_kop(s)] = str(getattr(waarde, "value", waarde))
        _KEUZE_CACHE[id(kolom)] = index
    return index


@dataclass(frozen=True)
class Formaat:
    code: Doel
    naam: str
    omschrijving: str
    kolommen: tuple[Kolom, ...]
    # Canonical columns whose values, with the kind, identify a row across files.
    sleutel_kolommen: tuple[str, ...] = ("bsn",)
    alleen_export: bool = False

    def kolom(self, naam: str) -> Kolom:
        for k in self.kolommen:
            if k.naam == naam:
                return k
        raise KeyError(naam)

    @property
    def verplichte(self) -> tuple[Kolom, ...]:
        return tuple(k for k in self.kolommen if k.verplicht)

    @property
    def kopregel(self) -> tuple[str, ...]:
        """Header names as Nieuwe Start writes them (for templates and exports)."""
        return tuple(k.naam for k in self.kolommen)


GEBOORTE_VROEGST = date(1900, 1, 1)
# UHT decisions, registrations and payments are all after the start of the toeslagenaffaire.
BESLUIT_VROEGST = date(2000, 1, 1)

_BSN = Kolom(
    "bsn",
    "Burgerservicenummer van de rechthebbende (9 cijfers, 11-proef).",
    Kolomtype.BSN,
    verplicht=True,
    aliassen=("burgerservicenummer", "bsn nummer", "bsnnummer", "bsn aanvrager", "sofinummer",
              "bsn ouder", "bsn rechthebbende"),
)

_DOELGROEP_KEUZES: dict[str, tuple[str, ...]] = {
    Doelgroep.AANGEMELDE_AANVRAGER: (
        "aangemelde aanvrager", "aangemelde aanvrager zonder eindbeoordeling", "aanvrager",
        "aangemeld", "potentieel gedupeerd", "potentieel gedupeerde", "potentieel gedupeerde ouder",
    ),
    Doelgroep.ERKENDE_OUDER: (
        "erkend gedupeerde ouder", "erkende ouder", "gedupeerde ouder", "erkend gedupeerd",
        "gedupeerd", "erkend",
    ),
    Doelgroep.ERKENDE_EX_PARTNER: (
        "erkend gedupeerde ex toeslagpartner", "ex toeslagpartner", "ex partner",
        "erkende ex partner", "erkend gedupeerde ex partner", "extoeslagpartner", "expartner",
    ),
    Doelgroep.KIND_KINDREGELING: (
        "kind", "kind kindregeling", "kind dat de kindregeling ontving", "kindregeling",
    ),
    Doelgroep.NABESTAANDE: ("nabestaande", "erkende nabestaande", "erkend nabestaande"),
}

_CONTACTKANAAL_KEUZES: dict[str, tuple[str, ...]] = {
    Contactkanaal.TELEFOON: ("telefoon", "telefonisch", "bellen", "tel", "mobiel"),
    Contactkanaal.EMAIL: ("email", "e mail", "mail"),
    Contactkanaal.POST: ("post", "brief", "per post", "brief per post"),
    Contactkanaal.BEZOEK: ("bezoek", "huisbezoek", "afspraak"),
}

CONTACTLIJST = Formaat(
    code=Doel.CONTACTLIJST,
    naam="Contactlijst brede ondersteuning",
    omschrijving=(
        "Ouders en erkende ex-toeslagpartners die UHT hebben gevraagd door de gemeente "
        "benaderd te worden voor brede ondersteuning."
    ),
    kolommen=(
        _BSN,
        Kolom("voornamen", "Voornamen.", verplicht=True,
              aliassen=("voornaam", "voorletters en voornamen", "roepnaam")),
        Kolom("tussenvoegsel", "Tussenvoegsel (van, de, ...).",
              aliassen=("tussenvoegsels", "voorvoegsel", "voorvoegsels")),
        Kolom("achternaam", "Achternaam (geslachtsnaam).", verplicht=True,
              aliassen=("geslachtsnaam", "naam", "familienaam", "achternaam aanvrager")),
        Kolom("geboortedatum", "Geboortedatum (dd-mm-jjjj of jjjj-mm-dd).", Kolomtype.DATUM,
              verplicht=True, aliassen=("geb datum", "gebdatum", "geboorte datum", "datum geboorte"),
              vroegst=GEBOORTE_VROEGST),
        Kolom("doelgroep", "Doelgroep volgens de Wht (bijv. aangemelde aanvrager, erkend "
              "gedupeerde ouder, ex-toeslagpartner).", Kolomtype.KEUZE, verplicht=True,
              aliassen=("categorie", "soort rechthebbende", "type", "groep"),
              keuzes=_DOELGROEP_KEUZES),
        Kolom("straat", "Straatnaam.", aliassen=("straatnaam", "adres")),
        Kolom("huisnummer", "Huisnummer met eventuele toevoeging.",
              aliassen=("huisnr", "nummer", "huisnummer toevoeging", "huisnummer en toevoeging")),
        Kolom("postcode", "Postcode (1234 AB).", Kolomtype.POSTCODE, aliassen=("pc",)),
        Kolom("woonplaats", "Woonplaats.", aliassen=("plaats", "plaatsnaam")),
        Kolom("telefoonnummer", "Telefoonnummer.", Kolomtype.TELEFOON,
              aliassen=("telefoon", "tel", "telnr", "mobiel", "mobiel nummer", "telefoonnr")),
        Kolom("email", "E-mailadres.", Kolomtype.EMAIL,
              aliassen=("e mail", "e mailadres", "emailadres", "mail", "mailadres")),
        Kolom("contactvoorkeur", "Hoe de persoon benaderd wil worden (telefoon, e-mail, post, "
              "bezoek).", Kolomtype.KEUZE, aliassen=("voorkeur contact", "contactkanaal",
              "contact voorkeur"), keuzes=_CONTACTKANAAL_KEUZES),
        Kolom("aanmelddatum", "Datum waarop de persoon zich bij UHT meldde.", Kolomtype.DATUM,
              aliassen=("datum aanmelding", "aanmeld datum", "datum aanmelding uht"),
              vroegst=BESLUIT_VROEGST),
        Kolom("opmerking", "Vrije opmerking.", aliassen=("opmerkingen", "toelichting"),
              max_lengte=1000),
    ),
    sleutel_kolommen=("bsn",),
)

_STATUS_KEUZES: dict[str, tuple[str, ...]] = {
    "POTENTIEEL_GEDUPEERD": ("potentieel gedupeerd", "potentieel gedupeerde", "aangemeld",
                             "in behandeling", "geen eindbeoordeling"),
    "ERKEND": ("erkend", "gedupeerd", "erkend gedupeerd", "erkend gedupeerde", "toegekend"),
    "NIET_ERKEND": ("niet erkend", "niet gedupeerd", "niet gedupeerde", "niet erkend gedupeerd",
                    "afgewezen", "geen gedupeerde", "ingetrokken"),
}

STATUSUPDATE = Formaat(
    code=Doel.STATUSUPDATE,
    naam="Statusupdate UHT",
    omschrijving=(
        "De status van aangemelde ouders na de integrale beoordeling door UHT: potentieel "
        "gedupeerd, erkend of niet erkend, met de datum van het besluit."
    ),
    kolommen=(
        _BSN,
        Kolom("status", "Potentieel gedupeerd, erkend of niet erkend.", Kolomtype.KEUZE,
              verplicht=True, aliassen=("status uht", "beoordeling",
              "uitkomst integrale beoordeling", "statusaanduiding"), keuzes=_STATUS_KEUZES),
        Kolom("besluitdatum", "Datum van het besluit van UHT.", Kolomtype.DATUM, verplicht=True,
              aliassen=("datum besluit", "beslisdatum", "datum beslissing", "statusdatum",
                        "datum status", "datum integrale beoordeling", "besluit datum"),
              vroegst=BESLUIT_VROEGST),
        Kolom("doelgroep", "Doelgroep volgens de Wht.", Kolomtype.KEUZE,
              aliassen=("categorie", "soort rechthebbende"), keuzes=_DOELGROEP_KEUZES),
        Kolom("achternaam", "Achternaam, ter controle.", aliassen=("geslachtsnaam", "naam")),
        Kolom("geboortedatum", "Geboortedatum, ter controle.", Kolomtype.DATUM,
              aliassen=("geb datum", "gebdatum", "geboorte datum"), vroegst=GEBOORTE_VROEGST),
    ),
    sleutel_kolommen=("bsn", "status", "besluitdatum"),
)

_UITKOMST_KEUZES: dict[str, tuple[str, ...]] = {
    "BEVESTIGD": ("bevestigd", "ja", "j", "akkoord", "geverifieerd", "rechthebbende",
                  "kindregeling ontvangen"),
    "NIET_BEVESTIGD": ("niet bevestigd", "nee", "n", "niet geverifieerd", "onbekend bij uht",
                       "geen rechthebbende", "geen kindregeling"),
}

KINDVERIFICATIE_ANTWOORD = Formaat(
    code=Doel.KINDVERIFICATIE_ANTWOORD,
    naam="Kindverificatie antwoord",
    omschrijving=(
        "Het antwoord van het UHT Serviceteam gemeenten op het vraagbestand: per kind of het "
        "de kindregeling heeft ontvangen (bevestigd of niet bevestigd)."
    ),
    kolommen=(
        Kolom("bsn", "BSN van het kind.", Kolomtype.BSN, verplicht=True,
              aliassen=("bsn kind", "burgerservicenummer", "burgerservicenummer kind")),
        Kolom("uitkomst", "Bevestigd of niet bevestigd.", Kolomtype.KEUZE, verplicht=True,
              aliassen=("verificatie", "resultaat", "antwoord", "uitkomst verificatie"),
              keuzes=_UITKOMST_KEUZES),
        Kolom("referentie", "Het kenmerk uit ons vraagbestand.",
              aliassen=("kenmerk", "ons kenmerk", "referentienummer")),
        Kolom("uitbetaaldatum_kindregeling", "Datum waarop de kindregeling is uitbetaald.",
              Kolomtype.DATUM, aliassen=("datum uitbetaling", "datum uitbetaling kindregeling",
              "uitbetaald op", "betaaldatum"), vroegst=BESLUIT_VROEGST),
        Kolom("verificatiedatum", "Datum van de verificatie door UHT.", Kolomtype.DATUM,
              aliassen=("datum verificatie", "datum antwoord"), vroegst=BESLUIT_VROEGST),
        Kolom("achternaam", "Achternaam, ter controle.", aliassen=("geslachtsnaam", "naam")),
        Kolom("geboortedatum", "Geboortedatum, ter controle.", Kolomtype.DATUM,
              aliassen=("geb datum", "geboorte datum"), vroegst=GEBOORTE_VROEGST),
        Kolom("opmerking", "Toelichting van UHT.", aliassen=("opmerkingen", "toelichting"),
              max_lengte=1000),
        # The other columns of our question file, so a filled-in question file reads without
        # warnings. Only for the reader; never compared or stored.
        Kolom("voornamen", "Uit ons vraagbestand; wordt niet gebruikt.", aliassen=("voornaam",)),
        Kolom("tussenvoegsel", "Uit ons vraagbestand; wordt niet gebruikt.", aliassen=("tussenvoegsels",)),
        Kolom("aanmelddatum", "Uit ons vraagbestand; wordt niet gebruikt.",
              aliassen=("datum aanmelding",)),
        Kolom("gemeente", "Uit ons vraagbestand; wordt niet gebruikt.", aliassen=("gemeentenaam",)),
    ),
    sleutel_kolommen=("bsn", "uitkomst", "verificatiedatum"),
)

# What we send: children who applied directly and await verification (export only; written by
# ``aanmeldingen.kindverificatie.vraagbestand`` in the order of ``kopregel``).
KINDVERIFICATIE_VRAAG = Formaat(
    code=Doel.ONBEKEND,
    naam="Kindverificatie vraag (export)",
    omschrijving=(
        "Het vraagbestand voor het UHT Serviceteam gemeenten: kinderen die zich zelf bij de "
        "gemeente meldden en nog geverifieerd moeten worden."
    ),
    kolommen=(
        Kolom("referentie", "Ons kenmerk; UHT zet het terug in het antwoordbestand.",
              verplicht=True),
        Kolom("bsn", "BSN van het kind.", Kolomtype.BSN, verplicht=True),
        Kolom("voornamen", "Voornamen.", verplicht=True),
        Kolom("tussenvoegsel", "Tussenvoegsel."),
        Kolom("achternaam", "Achternaam.", verplicht=True),
        Kolom("geboortedatum", "Geboortedatum (dd-mm-jjjj).", Kolomtype.DATUM, verplicht=True),
        Kolom("aanmelddatum", "Datum waarop het kind zich bij de gemeente meldde (dd-mm-jjjj).",
              Kolomtype.DATUM, verplicht=True),
        Kolom("gemeente", "Naam van de gemeente die vraagt.", verplicht=True),
        # Left empty for UHT: the filled-in file is a valid answer file (KINDVERIFICATIE_ANTWOORD).
        Kolom("uitkomst", "Leeg; UHT vult in: bevestigd of niet bevestigd."),
        Kolom("verificatiedatum", "Leeg; UHT vult in: datum van de verificatie.", Kolomtype.DATUM),
        Kolom("uitbetaaldatum_kindregeling", "Leeg; UHT vult in: datum waarop de kindregeling is "
              "uitbetaald.", Kolomtype.DATUM),
        Kolom("opmerking", "Leeg; UHT kan hier een toelichting geven."),
    ),
    sleutel_kolommen=("referentie",),
    alleen_export=True,
)

FORMATEN: dict[Doel, Formaat] = {
    f.code: f for f in (CONTACTLIJST, STATUSUPDATE, KINDVERIFICATIE_ANTWOORD)
}

# Words that mark debt data. Compared against normalised headers, title rows and the name.
SCHULD_MARKERS: tuple[str, ...] = (
    "schuld", "vordering", "schuldeiser", "crediteur", "openstaand bedrag", "openstaande",
    "incasso", "deurwaarder", "betalingsachterstand", "achterstand", "aflossing",
    "schuldenlijst", "hoofdsom",
)


@dataclass(frozen=True)
class Koppeling:
    """Which file column feeds which canonical column."""

    kolommen: dict[str, str]  # canonical name -> normalised header in the file
    ontbrekend: tuple[str, ...]  # required canonical names not found
    onbekend: tuple[str, ...]  # normalised headers not used
    dubbel: tuple[str, ...]  # canonical names fed by more than one file column


def koppel_kolommen(
    kolommen: tuple[str, ...], formaat: Formaat, mapping: Mapping[str, str] | None = None
) -> Koppeling:
    """Match file headers to a format: the municipality's mapping first, then aliases."""
    eigen = {normaliseer_kop(k): v for k, v in (mapping or {}).items()}
    canoniek = {k.naam for k in formaat.kolommen}
    per_alias: dict[str, str] = {}
    for k in formaat.kolommen:
        for n in k.herkenbare_namen:
            per_alias.setdefault(n, k.naam)
    gekoppeld: dict[str, str] = {}
    onbekend: list[str] = []
    dubbel: list[str] = []
    for kop in kolommen:
        doel = eigen.get(kop)
        if doel not in canoniek:
            doel = per_alias.get(kop)
        if doel is None:
            onbekend.append(kop)
        elif doel in gekoppeld:
            # A municipality's mapping beats an alias match of another column.
            if eigen.get(kop) == doel and eigen.get(gekoppeld[doel]) != doel:
                onbekend.append(gekoppeld[doel])
                gekoppeld[doel] = kop
            else:
                dubbel.append(doel)
                onbekend.append(kop)
        else:
            gekoppeld[doel] = kop
    ontbrekend = tuple(k.naam for k in formaat.kolommen if k.verplicht and k.naam not in gekoppeld)
    return Koppeling(gekoppeld, ontbrekend, tuple(onbekend), tuple(dict.fromkeys(dubbel)))


@dataclass(frozen=True)
class Herkenning:
    doel: Doel
    reden: str  # Dutch


def schuld_marker(tabel: Tabel) -> str | None:
    """The reason a file looks like a debt list, or None."""
    for kop, origineel in zip(tabel.kolommen, tabel.originele_kolommen, strict=True):
        for m in SCHULD_MARKERS:
            if m in kop:
                return f"de kolom '{origineel}' hoort bij schuldgegevens"
    for titel in tabel.titelregels:
        t = normaliseer_kop(titel)
        for m in SCHULD_MARKERS:
            if m in t:
                return f"de titelregel '{titel[:60]}' noemt schulden"
    naam = normaliseer_kop(tabel.bestandsnaam)
    if "schuld" in naam:
        return f"de bestandsnaam '{tabel.bestandsnaam[:60]}' noemt schulden"
    return None


def herken_doel(tabel: Tabel, mapping: Mapping[str, str] | None = None) -> Herkenning:
    """What the file is, from its headers (and title rows and name for debt lists)."""
    reden = schuld_marker(tabel)
    if reden:
        return Herkenning(Doel.SCHULDENLIJST, f"Dit is een schuldenlijst: {reden}.")
    passend: list[tuple[int, Formaat]] = []
    for formaat in FORMATEN.values():
        k = koppel_kolommen(tabel.kolommen, formaat, mapping)
        if not k.ontbrekend:
            passend.append((len(k.kolommen), formaat))
    if not passend:
        return Herkenning(
            Doel.ONBEKEND,
            "De kolommen passen bij geen van de bekende bestanden (contactlijst, "
            "statusupdate, antwoord kindverificatie).",
        )
    passend.sort(key=lambda p: (-p[0], list(FORMATEN).index(p[1].code)))
    beste = passend[0][1]
    return Herkenning(beste.code, f"De kolommen passen bij een {beste.code.omschrijving}.")
