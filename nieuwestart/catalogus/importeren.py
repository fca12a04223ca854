"""Reading the sociale kaart from a spreadsheet (CSV or XLSX): a preview, then one transaction.

One row per product. A provider is found by name and a product by its provider and name (case
and extra spaces do not matter), so reading the same file twice changes nothing. Columns and
values are documented in ``docs/sociale-kaart.md``. The rules:

* a product column that is in the file sets the value, also when the cell is empty (the field's
  default, or empty text); a column that is not in the file leaves the field as it is;
* a provider's contact columns only fill in: an empty cell never clears what is known, and two
  rows that give the same provider different details are a conflict (the later row is refused);
* a trajectory (licht / middel / zwaar) with all its cells empty is removed, if its columns are
  in the file;
* nothing is ever deleted or set inactive because it is missing from the file.

``voorbeeld_maken`` only reads; ``voorbeeld_doorvoeren`` writes what a preview planned.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nieuwestart.aanmeldingen.portaal.lezen import BestandFout, Tabel, lees_tabel, normaliseer_kop
from nieuwestart.dossiers.models import Leefgebied

from .models import Aanbieder, Aard, Organisatiesoort, Product, Traject, Zwaarte
from .selectors import trajecten_in_gebruik

__all__ = ["BestandFout", "Importregel", "Importvoorbeeld", "KOLOMMEN", "voorbeeld_maken", "voorbeeld_doorvoeren"]


class Status:
    NIEUW = "NIEUW"
    GEWIJZIGD = "GEWIJZIGD"
    ONGEWIJZIGD = "ONGEWIJZIGD"
    AFGEWEZEN = "AFGEWEZEN"


AANBIEDER_VELDEN = ("soort", "telefoon", "email", "website", "adres")
PRODUCT_VELDEN = (
    "omschrijving", "categorie", "doelgroep", "leefgebied", "aard", "vrij_toegankelijk",
    "indicatief_tarief", "tarief_eenheid", "actief",
)
TRAJECT_VELDEN = ("intensiteit", "duur", "duur_weken")

# field -> the header names it is recognised by (compared after ``normaliseer_kop``: case,
# accents, spaces, dashes and underscores do not matter). The first is the documented name.
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "aanbieder": ("aanbieder", "naam aanbieder", "provider"),
    "soort": ("soort aanbieder", "soort organisatie", "provider type"),
    "telefoon": ("telefoon", "telefoonnummer", "phone"),
    "email": ("e-mail", "e-mailadres", "email address"),
    "website": ("website", "url"),
    "adres": ("adres", "address"),
    "product": ("product", "naam product", "productnaam"),
    "omschrijving": ("omschrijving", "beschrijving", "description"),
    "categorie": ("categorie", "category"),
    "doelgroep": ("doelgroep", "voor wie", "target group"),
    "leefgebied": ("leefgebied", "life domain"),
    "aard": ("materieel of immaterieel", "soort voorziening", "aard", "material or immaterial"),
    "vrij_toegankelijk": ("vrij toegankelijk", "free access"),
    "indicatief_tarief": ("tarief", "indicatief tarief", "rate"),
    "tarief_eenheid": ("tarief per", "rate per"),
    "actief": ("actief", "active"),
}
for _zwaarte, _engels in ((Zwaarte.LICHT, "light"), (Zwaarte.MIDDEL, "medium"), (Zwaarte.ZWAAR, "heavy")):
    _nl = _zwaarte.lower()
    KOLOMMEN[f"{_nl}_intensiteit"] = (f"{_nl} intensiteit", f"{_engels} intensity")
    KOLOMMEN[f"{_nl}_duur"] = (f"{_nl} duur", f"{_engels} duration")
    KOLOMMEN[f"{_nl}_duur_weken"] = (f"{_nl} weken", f"{_nl} duur weken", f"{_engels} weeks")
VERPLICHTE_KOLOMMEN = ("aanbieder", "product", "leefgebied")
_KOP_NAAR_VELD = {normaliseer_kop(kop): veld for veld, koppen in KOLOMMEN.items() for kop in koppen}

_JA = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_NEE = {"nee", "n", "no", "false", "onwaar", "0"}
# Words the Dronten map and common spreadsheets use for a leefgebied (seed 004 says "Gezondheid"
# and "Werk/dagbesteding").
_LEEFGEBIED_WOORDEN = {
    **{normaliseer_kop(w): w for w in Leefgebied.values},
    **{normaliseer_kop(label): waarde for waarde, label in Leefgebied.choices},
    "gezondheid": Leefgebied.ZORG, "health": Leefgebied.ZORG, "care": Leefgebied.ZORG,
    "werk dagbesteding": Leefgebied.WERK, "dagbesteding": Leefgebied.WERK, "work": Leefgebied.WERK,
    "finances": Leefgebied.FINANCIEN, "housing": Leefgebied.WONEN, "family": Leefgebied.GEZIN,
}
_AARD_WOORDEN = {
    "materieel": Aard.MATERIEEL, "material": Aard.MATERIEEL,
    "immaterieel": Aard.IMMATERIEEL, "immaterial": Aard.IMMATERIEEL,
    **{normaliseer_kop(label): waarde for waarde, label in Aard.choices},
}
_SOORT_WOORDEN = {
    **{normaliseer_kop(w): w for w in Organisatiesoort.values},
    **{normaliseer_kop(label): waarde for waarde, label in Organisatiesoort.choices},
    "welzijn": Organisatiesoort.WELZIJN, "vrijwilligers": Organisatiesoort.VRIJWILLIGERS,
    "gemeente": Organisatiesoort.GEMEENTE, "overig": Organisatiesoort.OVERIG, "anders": Organisatiesoort.OVERIG,
}


def naam_sleutel(naam: str) -> str:
    """How names are compared: case and extra spaces do not matter."""
    return " ".join(naam.split()).casefold()


def schone_naam(naam: str) -> str:
    return " ".join(naam.split())


# --- value parsing (pure) -------------------------------------------------------------------

class Waardefout(ValueError):
    """A cell that cannot be used; the message is plain Dutch."""


def lees_ja_nee(tekst: str, *, standaard: bool) -> bool:
    woord = normaliseer_kop(tekst)
    if not woord:
        return standaard
    if woord in _JA:
        return True
    if woord in _NEE:
        return False
    raise Waardefout(_("Vul ja of nee in (nu: %(waarde)s).") % {"waarde": tekst})


def lees_bedrag(tekst: str) -> Decimal | None:
    """An amount in euros as people type it: "€ 1.234,50", "1234.50", "12,5", "1.500" (Dutch: 1500)."""
    s = re.sub(r"[€\s]|eur(o)?", "", tekst.strip(), flags=re.IGNORECASE)
    if not s:
        return None
    if "," in s and "." in s:
        duizend, decimaal = (".", ",") if s.rfind(",") > s.rfind(".") else (",", ".")
        s = s.replace(duizend, "").replace(decimaal, ".")
    elif "," in s:
        s = s.replace(",", ".") if s.count(",") == 1 else s.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")  # Dutch thousands separator
    if s.endswith(("-", ".-")):
        s = s.rstrip("-").rstrip(".")
    fout = Waardefout(_("Vul een bedrag in euro in, zoals 125,50 (nu: %(waarde)s).") % {"waarde": tekst})
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        raise fout
    try:
        bedrag = Decimal(s)
    except InvalidOperation:
        raise fout from None
    if bedrag.as_tuple().exponent < -2:
        raise Waardefout(_("Een bedrag heeft hoogstens 2 cijfers achter de komma (nu: %(waarde)s).") % {"waarde": tekst})
    if bedrag >= Decimal("100000000"):
        raise Waardefout(_("Dit bedrag is te groot (nu: %(waarde)s).") % {"waarde": tekst})
    return bedrag.quantize(Decimal("0.01"))


def lees_weken(tekst: str) -> int | None:
    s = re.sub(r"\s*(weken|week|wk|weeks?)\.?$", "", tekst.strip(), flags=re.IGNORECASE)
    if not s:
        return None
    if not re.fullmatch(r"\d{1,3}", s) or not 1 <= int(s) <= 520:
        raise Waardefout(_("Vul een aantal weken in van 1 tot en met 520 (nu: %(waarde)s).") % {"waarde": tekst})
    return int(s)


def _keuze(tekst: str, woorden: dict, fout: str, standaard=None):
    woord = normaliseer_kop(tekst)
    if not woord:
        if standaard is None:
            raise Waardefout(fout)
        return standaard
    if woord not in woorden:
        raise Waardefout(fout)
    return woorden[woord]


def _website(tekst: str) -> str:
    tekst = tekst.strip()
    if tekst and not re.match(r"^[a-z][a-z0-9+.-]*://", tekst, flags=re.IGNORECASE):
        tekst = "https://" + tekst
    return tekst


# --- the preview ----------------------------------------------------------------------------

@dataclass
class Afwijzing:
    kolom: str  # the header as in the file ("" for the row as a whole)
    reden: str


@dataclass
class Importregel:
    rij: int
    aanbieder: str
    product: str
    status: str = Status.ONGEWIJZIGD
    wijzigingen: list[str] = field(default_factory=list)  # readable names of what changes
    afwijzingen: list[Afwijzing] = field(default_factory=list)
    # The plan (for accepted rows): aanbieder key, new provider values, product values, trajectories.
    aanbieder_sleutel: str = ""
    aanbieder_nieuw: dict | None = None
    aanbieder_wijzigingen: dict = field(default_factory=dict)
    product_pk: int | None = None
    product_waarden: dict = field(default_factory=dict)
    trajecten: dict = field(default_factory=dict)  # zwaarte -> {intensiteit, duur, duur_weken} or None

    def plan(self) -> dict:
        return {
            "rij": self.rij, "status": self.status, "aanbieder": self.aanbieder_sleutel,
            "aanbieder_nieuw": self.aanbieder_nieuw, "aanbieder_wijzigingen": self.aanbieder_wijzigingen,
            "product": self.product, "product_pk": self.product_pk, "waarden": self.product_waarden,
            "trajecten": self.trajecten,
        }


@dataclass
class Importvoorbeeld:
    bestandsnaam: str
    inhoud_hash: str
    regels: list[Importregel]
    onbekende_kolommen: list[str]

    def aantallen(self) -> dict[str, int]:
        tel = {Status.NIEUW: 0, Status.GEWIJZIGD: 0, Status.ONGEWIJZIGD: 0, Status.AFGEWEZEN: 0}
        for regel in self.regels:
            tel[regel.status] += 1
        tel["NIEUWE_AANBIEDERS"] = sum(1 for r in self.regels if r.aanbieder_nieuw is not None)
        tel["GEWIJZIGDE_AANBIEDERS"] = len({r.aanbieder_sleutel for r in self.regels if r.aanbieder_wijzigingen})
        return tel

    @property
    def heeft_wijzigingen(self) -> bool:
        return any(r.status in (Status.NIEUW, Status.GEWIJZIGD) for r in self.regels)

    def per_status(self, status: str) -> list[Importregel]:
        return [r for r in self.regels if r.status == status]

    def vingerafdruk(self) -> str:
        """A hash of exactly what committing would write: changes between preview and commit show."""
        plan = [r.plan() for r in self.regels if r.status in (Status.NIEUW, Status.GEWIJZIGD)]
        return hashlib.sha256(json.dumps(plan, sort_keys=True, default=str).encode()).hexdigest()


def _veldlabel(model, veld: str) -> str:
    return str(model._meta.get_field(veld).verbose_name)


def _controleer_veld(model, veld: str, waarde, kolom: str, afwijzingen: list[Afwijzing]):
    """Run the model field's own checks (length, e-mail, URL, choices); Django's message on failure."""
    try:
        return model._meta.get_field(veld).clean(waarde, None)
    except ValidationError as fout:
        afwijzingen.append(Afwijzing(kolom, " ".join(fout.messages)))
        return waarde


class _Lezer:
    """Turns one row into values, collecting a Dutch reason per unusable cell."""

    def __init__(self, tabel: Tabel, kolom_van: dict[str, str]):
        self.tabel = tabel
        self.kolom_van = kolom_van  # field -> normalised header in the file

    def heeft(self, veld: str) -> bool:
        return veld in self.kolom_van

    def kop(self, veld: str) -> str:
        return self.tabel.origineel(self.kolom_van[veld]) if veld in self.kolom_van else KOLOMMEN[veld][0]

    def tekst(self, rij: dict, veld: str) -> str:
        return (rij.get(self.kolom_van[veld], "") or "").strip() if veld in self.kolom_van else ""


def _product_waarden(lezer: _Lezer, rij: dict, afwijzingen: list[Afwijzing]) -> dict:
    waarden: dict = {}
    ontleders = {
        "leefgebied": lambda t: _keuze(
            t, _LEEFGEBIED_WOORDEN,
            _("Vul een leefgebied in: Wonen, Financiën, Gezin, Werk of Zorg (nu: %(waarde)s).") % {"waarde": t or "leeg"},
        ),
        "aard": lambda t: _keuze(
            t, _AARD_WOORDEN, _("Vul materieel of immaterieel in (nu: %(waarde)s).") % {"waarde": t},
            standaard=Aard.IMMATERIEEL,
        ),
        "vrij_toegankelijk": lambda t: lees_ja_nee(t, standaard=False),
        "actief": lambda t: lees_ja_nee(t, standaard=True),
        "indicatief_tarief": lees_bedrag,
    }
    for veld in PRODUCT_VELDEN:
        if not lezer.heeft(veld):
            continue
        tekst = lezer.tekst(rij, veld)
        try:
            waarde = ontleders[veld](tekst) if veld in ontleders else tekst
        except Waardefout as fout:
            afwijzingen.append(Afwijzing(lezer.kop(veld), str(fout)))
            continue
        waarden[veld] = _controleer_veld(Product, veld, waarde, lezer.kop(veld), afwijzingen)
    return waarden


def _trajecten(lezer: _Lezer, rij: dict, afwijzingen: list[Afwijzing]) -> dict:
    trajecten: dict = {}
    for zwaarte in Zwaarte.values:
        velden = {v: f"{zwaarte.lower()}_{v}" for v in TRAJECT_VELDEN}
        if not any(lezer.heeft(k) for k in velden.values()):
            continue
        waarden: dict = {}
        for veld, kolomveld in velden.items():
            if not lezer.heeft(kolomveld):
                continue
            tekst = lezer.tekst(rij, kolomveld)
            if veld == "duur_weken":
                try:
                    waarden[veld] = lees_weken(tekst)
                except Waardefout as fout:
                    afwijzingen.append(Afwijzing(lezer.kop(kolomveld), str(fout)))
                    continue
            else:
                waarden[veld] = _controleer_veld(Traject, veld, tekst, lezer.kop(kolomveld), afwijzingen)
        trajecten[zwaarte] = waarden if any(v not in ("", None) for v in waarden.values()) else None
    return trajecten


def _aanbieder_waarden(lezer: _Lezer, rij: dict, afwijzingen: list[Afwijzing]) -> dict:
    """Only the filled-in contact cells: an empty cell never clears a provider's details."""
    waarden: dict = {}
    for veld in AANBIEDER_VELDEN:
        tekst = lezer.tekst(rij, veld)
        if not tekst:
            continue
        if veld == "soort":
            try:
                waarde = _keuze(
                    tekst, _SOORT_WOORDEN,
                    _("Onbekende soort organisatie %(waarde)s. Kies uit: %(keuzes)s.")
                    % {"waarde": tekst, "keuzes": ", ".join(str(label) for _w, label in Organisatiesoort.choices)},
                )
            except Waardefout as fout:
                afwijzingen.append(Afwijzing(lezer.kop(veld), str(fout)))
                continue
        else:
            waarde = _website(tekst) if veld == "website" else tekst
        waarden[veld] = _controleer_veld(Aanbieder, veld, waarde, lezer.kop(veld), afwijzingen)
    return waarden


def _kolommen_koppelen(tabel: Tabel) -> tuple[dict[str, str], list[str]]:
    kolom_van: dict[str, str] = {}
    onbekend: list[str] = []
    dubbel: list[str] = list(tabel.dubbele_kolommen)
    for kolom in tabel.kolommen:
        veld = _KOP_NAAR_VELD.get(kolom)
        if veld is None:
            onbekend.append(tabel.origineel(kolom))
        elif veld in kolom_van:
            dubbel.append(tabel.origineel(kolom))
        else:
            kolom_van[veld] = kolom
    if dubbel:
        raise BestandFout(
            _("Deze kolommen staan er meer dan één keer in: %(kolommen)s. Houd er één over en probeer het opnieuw.")
            % {"kolommen": ", ".join(dubbel)},
            code="dubbele_kolom",
        )
    ontbrekend = [KOLOMMEN[v][0] for v in VERPLICHTE_KOLOMMEN if v not in kolom_van]
    if ontbrekend:
        raise BestandFout(
            _("Het bestand mist de kolom(men) %(kolommen)s. De eerste regel moet de kolomnamen bevatten; "
              "zie de uitleg op deze pagina.") % {"kolommen": ", ".join(ontbrekend)},
            code="kolom_ontbreekt",
        )
    return kolom_van, onbekend


class TrajectInGebruik(Exception):
    def __init__(self, zwaarte: str):
        super().__init__(zwaarte)
        self.zwaarte = zwaarte


def traject_in_gebruik_melding(zwaarte: str) -> str:
    return _(
        "Het traject %(zwaarte)s staat in een plan van aanpak en kan daarom niet weg. Laat de vakken van dit "
        "traject gevuld; u mag de tekst wel aanpassen."
    ) % {"zwaarte": Zwaarte(zwaarte).label.lower()}


def _verschil(obj, waarden: dict) -> dict:
    return {veld: waarde for veld, waarde in waarden.items() if getattr(obj, veld) != waarde}


def _traject_verschil(product: Product | None, trajecten: dict, in_gebruik: set[int]) -> dict:
    bestaand = {t.zwaarte: t for t in product.trajecten.all()} if product else {}
    verschil = {}
    for zwaarte, waarden in trajecten.items():
        traject = bestaand.get(zwaarte)
        if waarden is None:
            if traject is not None:
                if traject.pk in in_gebruik:
                    raise TrajectInGebruik(zwaarte)
                verschil[zwaarte] = None
        elif traject is None or any(getattr(traject, v) != w for v, w in waarden.items()):
            verschil[zwaarte] = waarden
    return verschil


def voorbeeld_maken(inhoud: bytes, bestandsnaam: str = "") -> Importvoorbeeld:
    """What reading this file would change, row by row. Reads the database, writes nothing.

    Raises ``BestandFout`` (plain Dutch ``melding``) for a file that cannot be used at all.
    """
    tabel = lees_tabel(inhoud, bestandsnaam)
    kolom_van, onbekend = _kolommen_koppelen(tabel)
    lezer = _Lezer(tabel, kolom_van)

    aanbieders = {naam_sleutel(a.naam): a for a in Aanbieder.objects.all()}
    producten = {
        (p.aanbieder_id, naam_sleutel(p.naam)): p for p in Product.objects.prefetch_related("trajecten")
    }
    in_gebruik = trajecten_in_gebruik()
    # Per provider key: (row number, the contact values given) of the first accepted row naming it.
    gezien_aanbieders: dict[str, tuple[int, dict]] = {}
    gezien_producten: dict[tuple[str, str], int] = {}
    regels: list[Importregel] = []
    regel_van_rij: dict[int, Importregel] = {}

    for nummer, rij in tabel.rijen():
        afwijzingen: list[Afwijzing] = []
        for extra in (k for k in rij if k.startswith("kolom ") and k not in tabel.kolommen):
            afwijzingen.append(Afwijzing(extra, _("Boven deze cel staat geen kolomnaam. Zet er een kolomnaam boven, of haal de cel weg.")))
        aanbieder_naam = schone_naam(lezer.tekst(rij, "aanbieder"))
        product_naam = schone_naam(lezer.tekst(rij, "product"))
        regel = Importregel(rij=nummer, aanbieder=aanbieder_naam, product=product_naam)
        regels.append(regel)
        regel_van_rij[nummer] = regel
        if not aanbieder_naam:
            afwijzingen.append(Afwijzing(lezer.kop("aanbieder"), _("Vul de naam van de aanbieder in.")))
        else:
            _controleer_veld(Aanbieder, "naam", aanbieder_naam, lezer.kop("aanbieder"), afwijzingen)
        if not product_naam:
            afwijzingen.append(Afwijzing(lezer.kop("product"), _("Vul de naam van het product in.")))
        else:
            _controleer_veld(Product, "naam", product_naam, lezer.kop("product"), afwijzingen)
        aanbieder_waarden = _aanbieder_waarden(lezer, rij, afwijzingen)
        product_waarden = _product_waarden(lezer, rij, afwijzingen)
        trajecten = _trajecten(lezer, rij, afwijzingen)

        a_sleutel, p_sleutel = naam_sleutel(aanbieder_naam), naam_sleutel(product_naam)
        if not afwijzingen and (a_sleutel, p_sleutel) in gezien_producten:
            afwijzingen.append(Afwijzing(lezer.kop("product"), _(
                "Dit product van deze aanbieder staat al in rij %(rij)d. Elk product mag maar één keer in het bestand staan."
            ) % {"rij": gezien_producten[(a_sleutel, p_sleutel)]}))
        if not afwijzingen and a_sleutel in gezien_aanbieders:
            eerste_rij, eerder = gezien_aanbieders[a_sleutel]
            for veld, waarde in aanbieder_waarden.items():
                if veld in eerder and eerder[veld] != waarde:
                    afwijzingen.append(Afwijzing(lezer.kop(veld), _(
                        "Rij %(rij)d geeft voor deze aanbieder een ander %(veld)s. Maak ze gelijk of laat deze cel leeg."
                    ) % {"rij": eerste_rij, "veld": _veldlabel(Aanbieder, veld)}))
        aanbieder = aanbieders.get(a_sleutel)
        product = producten.get((aanbieder.pk, p_sleutel)) if aanbieder is not None else None
        traject_verschil: dict = {}
        if not afwijzingen and product is not None:
            try:
                traject_verschil = _traject_verschil(product, trajecten, in_gebruik)
            except TrajectInGebruik as fout:
                kolom = lezer.kop(f"{fout.zwaarte.lower()}_intensiteit")
                afwijzingen.append(Afwijzing(kolom, traject_in_gebruik_melding(fout.zwaarte)))
        if afwijzingen:
            regel.status = Status.AFGEWEZEN
            regel.afwijzingen = afwijzingen
            continue

        regel.aanbieder_sleutel = a_sleutel
        if a_sleutel not in gezien_aanbieders:
            gezien_aanbieders[a_sleutel] = (nummer, dict(aanbieder_waarden))
            if aanbieder is None:
                regel.aanbieder_nieuw = {"naam": aanbieder_naam, **aanbieder_waarden}
                regel.wijzigingen.append(_("nieuwe aanbieder"))
            else:
                regel.aanbieder_wijzigingen = _verschil(aanbieder, aanbieder_waarden)
        else:
            # A later row may fill in a detail the first row left empty.
            eerder = gezien_aanbieders[a_sleutel][1]
            aanvulling = {v: w for v, w in aanbieder_waarden.items() if v not in eerder}
            eerder.update(aanvulling)
            eerste = regel_van_rij[gezien_aanbieders[a_sleutel][0]]
            if eerste.aanbieder_nieuw is not None:
                eerste.aanbieder_nieuw.update(aanvulling)
            elif aanbieder is not None:
                regel.aanbieder_wijzigingen = _verschil(aanbieder, aanvulling)
        regel.wijzigingen += [_veldlabel(Aanbieder, v) for v in regel.aanbieder_wijzigingen]

        gezien_producten[(a_sleutel, p_sleutel)] = nummer
        if product is None:
            if "leefgebied" not in product_waarden:  # defensive: the column is required
                product_waarden["leefgebied"] = ""
            regel.status = Status.NIEUW
            regel.product_waarden = {"naam": product_naam, **product_waarden}
            regel.trajecten = {z: w for z, w in trajecten.items() if w is not None}
        else:
            regel.product_pk = product.pk
            regel.product_waarden = _verschil(product, product_waarden)
            regel.trajecten = traject_verschil
            regel.wijzigingen += [_veldlabel(Product, v) for v in regel.product_waarden]
            regel.wijzigingen += [
                _("traject %(zwaarte)s") % {"zwaarte": Zwaarte(z).label.lower()} for z in regel.trajecten
            ]
            regel.status = Status.GEWIJZIGD if regel.wijzigingen else Status.ONGEWIJZIGD
        if regel.status == Status.ONGEWIJZIGD and regel.aanbieder_wijzigingen:
            regel.status = Status.GEWIJZIGD

    return Importvoorbeeld(
        bestandsnaam=bestandsnaam, inhoud_hash=tabel.inhoud_hash, regels=regels, onbekende_kolommen=onbekend
    )


@transaction.atomic
def voorbeeld_doorvoeren(voorbeeld: Importvoorbeeld, *, door) -> dict[str, int]:
    """Write what the preview planned, in one transaction. Call it on a preview made in the same
    transaction (``services.catalogus_inlezen`` does), so it plans against the rows it changes."""
    aanbieders = {naam_sleutel(a.naam): a for a in Aanbieder.objects.select_for_update()}
    for regel in voorbeeld.regels:
        if regel.status not in (Status.NIEUW, Status.GEWIJZIGD):
            continue
        if regel.aanbieder_nieuw is not None:
            aanbieder = Aanbieder(gewijzigd_door=door, **regel.aanbieder_nieuw)
            aanbieder.full_clean()
            aanbieder.save()
            aanbieders[regel.aanbieder_sleutel] = aanbieder
        elif regel.aanbieder_wijzigingen:
            aanbieder = aanbieders[regel.aanbieder_sleutel]
            for veld, waarde in regel.aanbieder_wijzigingen.items():
                setattr(aanbieder, veld, waarde)
            aanbieder.gewijzigd_door = door
            aanbieder.full_clean()
            aanbieder.save()
        aanbieder = aanbieders[regel.aanbieder_sleutel]
        if regel.product_pk is None:
            product = Product(aanbieder=aanbieder, gewijzigd_door=door, **regel.product_waarden)
            product.full_clean()
            product.save()
        else:
            product = Product.objects.select_for_update().get(pk=regel.product_pk)
            if regel.product_waarden:
                for veld, waarde in regel.product_waarden.items():
                    setattr(product, veld, waarde)
            product.gewijzigd_door = door
            product.full_clean()
            product.save()
        for zwaarte, waarden in regel.trajecten.items():
            if waarden is None:
                Traject.objects.filter(product=product, zwaarte=zwaarte).delete()
            else:
                traject = Traject.objects.filter(product=product, zwaarte=zwaarte).first() or Traject(
                    product=product, zwaarte=zwaarte
                )
                for veld, waarde in waarden.items():
                    setattr(traject, veld, waarde)
                traject.full_clean()
                traject.save()
    return voorbeeld.aantallen()
