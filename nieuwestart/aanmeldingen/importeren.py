"""Importing a Gegevensportaal contact list: preview (no writes), then commit in one transaction.

``voorbeeld`` reads and checks the file (streaming, via ``portaal``), and classifies every valid
row against the database in batches: NIEUW, BIJGEWERKT (changed contact details, shown as
proposed updates) or ONGEWIJZIGD. ``uitvoeren`` does the same again inside one
``transaction.atomic()`` and writes, a batch at a time with bulk inserts: new persons and
dossiers (bron Gegevensportaal, verified by UHT, in the team the municipality's assignment rule
picks), accepted contact updates, ``Importbestand``/``Importregel`` and one processing-log block
with every imported person. A file seen before (content hash) changes nothing; rows seen before
(``rij_sleutel``) are skipped. A debt list raises ``DoelFout`` and nothing is stored. A known
person is matched by BSN in whichever team works with them (the importer has the
municipality-wide right ``PORTAALBESTANDEN_INLEZEN``); their dossier stays in its team.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import batched
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from nieuwestart.aanmeldingen.kolomkoppelingen import opgeslagen_mapping
from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel, Uitkomst
from nieuwestart.aanmeldingen.portaal.formaten import CONTACTLIJST
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout, lees_tabel, normaliseer_kop
from nieuwestart.aanmeldingen.portaal.valideren import Afwijzing, Controle, DoelFout, GeldigeRij, valideer
from nieuwestart.beleid import regels
from nieuwestart.common.bulk import plannen_per_uitvoering, rijen_invoegen
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import (
    Aanmeldingsbron,
    Contactkanaal,
    Dossier,
    DossierGebeurtenis,
    DossierStatus,
    Huishouden,
    Rechthebbende,
)
from nieuwestart.dossiers.services import volgende_dossiernummers
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.instellingen.teamtoewijzing import teamtoewijzer
from nieuwestart.logboek.services import verwerking
from nieuwestart.termijnen.engine import Gebeurtenis
from nieuwestart.termijnen.services import atw_kalender, nieuwe_termijnen_opslaan, termijnbeeld

__all__ = ["BATCH", "BestandFout", "DoelFout", "Onbekend", "Tellingen", "Voorbeeld", "Voortgang", "Wijziging", "uitvoeren", "voorbeeld"]

BATCH = 1000

# Called after every batch with the number of rows handled so far (progress bar, web page).
Voortgang = Callable[[int], None]

# Column in the contact list -> field of Rechthebbende that it updates when it differs.
CONTACTVELDEN: dict[str, str] = {
    "telefoonnummer": "telefoonnummer",
    "email": "email",
    "straat": "straat",
    "huisnummer": "huisnummer",
    "postcode": "postcode",
    "woonplaats": "woonplaats",
    "contactvoorkeur": "voorkeurskanaal",
}
# Column -> field, for the length check against the database (values the format allows but the
# table does not hold are rejected per row, not truncated).
_PERSOONSVELDEN: dict[str, str] = {
    "voornamen": "voornamen", "tussenvoegsel": "tussenvoegsel", "achternaam": "achternaam", **CONTACTVELDEN,
}


@dataclass(frozen=True)
class Wijziging:
    """A proposed update of a known person's contact details (shown in the preview)."""

    regelnummer: int
    veld: str
    oud: str
    nieuw: str
    bsn: str = ""  # never shown; whoever shows the change logs it for this person


@dataclass(frozen=True)
class Onbekend:
    """A valid row that could not be recorded (reported; never a BSN or a name)."""

    regelnummer: int
    reden: str


@dataclass
class Tellingen:
    """Counts of an import whose outcomes are named ``aantal_<outcome in lower case>``, plus the
    rejected and the unknown rows. Shared by the status-update and child-verification imports."""

    afwijzingen: list[Afwijzing] = field(default_factory=list)
    onbekend: list[Onbekend] = field(default_factory=list)

    @property
    def aantal_afgewezen(self) -> int:
        return len(self.afwijzingen)

    def tel(self, uitkomst: str) -> None:
        naam = f"aantal_{str(uitkomst).lower()}"
        setattr(self, naam, getattr(self, naam) + 1)


@dataclass
class Voorbeeld:
    bestandsnaam: str
    doel: str
    inhoud_hash: str
    portaaldatum: date | None
    verloopdatum: date | None
    verlopen: bool
    al_geimporteerd: bool
    aantal_nieuw: int = 0
    aantal_bijgewerkt: int = 0
    aantal_ongewijzigd: int = 0
    afwijzingen: list[Afwijzing] = field(default_factory=list)
    wijzigingen: list[Wijziging] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    kolomfouten: list[str] = field(default_factory=list)
    onbekende_kolommen: list[str] = field(default_factory=list)  # as in the file; ignored
    teamtoewijzing: str = ""  # Dutch: how new dossiers are assigned to a team
    nieuw_per_team: dict[str, int] = field(default_factory=dict)  # team name -> new dossiers

    @property
    def aantal_afgewezen(self) -> int:
        return len(self.afwijzingen)

    @property
    def kan_importeren(self) -> bool:
        return not self.kolomfouten


@dataclass
class _Beoordeling:
    rij: GeldigeRij
    uitkomst: Uitkomst
    persoon: Rechthebbende | None
    dossier_id: int | None
    wijzigingen: list[tuple[str, str, str]]  # (veld, oud, nieuw)
    sleutel_bekend: bool


# --- reading and classifying --------------------------------------------------------


def controleer_bestand(
    formaat, inhoud: bytes, bestandsnaam: str, doel_gekozen, vandaag: date, mapping, portaaldatum
) -> Controle:
    """Read and validate a portal file for one format (shared by every portal import).

    The municipality's saved column mappings apply to every file of the format; a one-off
    ``mapping`` for this upload wins over them.
    """
    tabel = lees_tabel(inhoud, bestandsnaam)
    samen = {**opgeslagen_mapping(formaat.code), **{normaliseer_kop(k): v for k, v in (mapping or {}).items()}}
    return valideer(
        tabel, formaat, doel_gekozen=doel_gekozen, mapping=samen, vandaag=vandaag, portaaldatum=portaaldatum
    )


def eerder_ingelezen(doel: str, inhoud_hash: str) -> Importbestand | None:
    """The earlier import of exactly this file for this purpose: importing it again changes nothing."""
    return Importbestand.objects.filter(doel=doel, inhoud_hash=inhoud_hash).first()


def _beoordeel_per_batch(controle: Controle) -> Iterator[list[_Beoordeling | Afwijzing]]:
    """The rows in file order, ``BATCH`` at a time; the database is asked once per batch."""
    for batch in batched(controle.rijen(), BATCH):
        yield _beoordeel_batch(list(batch), controle)


def _beoordeel_batch(batch: list[GeldigeRij | Afwijzing], controle: Controle) -> list[_Beoordeling | Afwijzing]:
    geldig = [r for r in batch if isinstance(r, GeldigeRij)]
    if not geldig:
        return list(batch)
    bekende_sleutels = set(
        Importregel.objects.filter(rij_sleutel__in=[r.rij_sleutel for r in geldig]).values_list("rij_sleutel", flat=True)
    )
    personen = {p.bsn: p for p in Rechthebbende.objects.filter(bsn__in=[r.bsn for r in geldig])}
    open_dossiers: dict[tuple[int, str], int] = {}
    if personen:
        for d in Dossier.objects.open().filter(rechthebbende_id__in=[p.pk for p in personen.values()]).values(
            "id", "rechthebbende_id", "doelgroep"
        ):
            open_dossiers[(d["rechthebbende_id"], d["doelgroep"])] = d["id"]
    bsn_kolom = controle.tabel.origineel(controle.koppeling.kolommen["bsn"])

    uit: list[_Beoordeling | Afwijzing] = []
    for rij in batch:
        if isinstance(rij, Afwijzing):
            uit.append(rij)
            continue
        te_lang = _te_lange_waarde(rij, controle)
        if te_lang is not None:
            uit.append(te_lang)
            continue
        sleutel_bekend = rij.rij_sleutel in bekende_sleutels
        persoon = personen.get(rij.bsn)
        if persoon is None:
            uitkomst = Uitkomst.ONGEWIJZIGD if sleutel_bekend else Uitkomst.NIEUW
            uit.append(_Beoordeling(rij, uitkomst, None, None, [], sleutel_bekend))
            continue
        # A known person is matched whichever team works with them: the portal list is the
        # municipality's intake (rule PORTAALBESTANDEN_INLEZEN), and their dossier stays where it is.
        w = rij.waarden
        if persoon.geboortedatum != w["geboortedatum"] or (
            persoon.achternaam.strip().lower() != str(w["achternaam"] or "").strip().lower()
        ):
            uit.append(Afwijzing(rij.regelnummer, bsn_kolom, "", str(regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS.uitleg)))
            continue
        wijzigingen = [
            (veld, getattr(persoon, veld), w[kolom])
            for kolom, veld in CONTACTVELDEN.items()
            if w.get(kolom) and w[kolom] != getattr(persoon, veld)
        ]
        dossier_id = open_dossiers.get((persoon.pk, w["doelgroep"]))
        if dossier_id is None and not sleutel_bekend:
            uitkomst = Uitkomst.NIEUW
        elif wijzigingen:
            uitkomst = Uitkomst.BIJGEWERKT
        else:
            uitkomst = Uitkomst.ONGEWIJZIGD
        uit.append(_Beoordeling(rij, uitkomst, persoon, dossier_id, wijzigingen, sleutel_bekend))
    return uit


# Column -> (field, max length), read from the model once.
_MAX_LENGTES: dict[str, tuple[str, int]] = {
    kolom: (veld, Rechthebbende._meta.get_field(veld).max_length) for kolom, veld in _PERSOONSVELDEN.items()
}


def _te_lange_waarde(rij: GeldigeRij, controle: Controle) -> Afwijzing | None:
    for kolom, (_veld, max_lengte) in _MAX_LENGTES.items():
        waarde = rij.waarden.get(kolom)
        if waarde and max_lengte and len(str(waarde)) > max_lengte:
            kop = controle.koppeling.kolommen.get(kolom)
            return Afwijzing(
                rij.regelnummer, controle.tabel.origineel(kop) if kop else kolom, str(waarde)[:39] + "…",
                f"Deze tekst is te lang (meer dan {max_lengte} tekens). Maak hem korter en lees het bestand opnieuw in.",
            )
    return None


# --- preview ------------------------------------------------------------------------


def voorbeeld(
    *,
    inhoud: bytes,
    bestandsnaam: str,
    doel_gekozen,
    team,
    vandaag: date,
    mapping: Mapping[str, str] | None = None,
    portaaldatum: date | None = None,
    voortgang: Voortgang | None = None,
) -> Voorbeeld:
    """Read, check and classify a contact list without writing anything.

    Raises ``DoelFout`` (a debt list, or not a contact list) or ``BestandFout`` (unreadable).
    ``team`` is the fallback when the municipality set no team-assignment rule.
    """
    controle = controleer_bestand(CONTACTLIJST, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum)
    al = eerder_ingelezen(ImportDoel.CONTACTLIJST, controle.inhoud_hash) is not None
    toewijzer = teamtoewijzer(standaard_team=team)
    uit = Voorbeeld(
        bestandsnaam=bestandsnaam, doel=ImportDoel.CONTACTLIJST, inhoud_hash=controle.inhoud_hash,
        portaaldatum=controle.portaaldatum, verloopdatum=controle.verloopdatum, verlopen=controle.verlopen,
        al_geimporteerd=al, waarschuwingen=list(controle.waarschuwingen), kolomfouten=list(controle.kolomfouten),
        onbekende_kolommen=list(controle.onbekende_kolommen), teamtoewijzing=toewijzer.uitleg,
    )
    if al:
        uit.waarschuwingen.append(
            "Dit bestand is al eerder ingelezen. Opnieuw inlezen verandert niets."
        )
    verwerkt = 0
    for batch in _beoordeel_per_batch(controle) if not al else batched(controle.rijen(), BATCH):
        for item in batch:
            if isinstance(item, Afwijzing):
                uit.afwijzingen.append(item)
            elif al:
                uit.aantal_ongewijzigd += 1
            else:
                _tel(uit, item.uitkomst)
                uit.wijzigingen.extend(
                    Wijziging(item.rij.regelnummer, v, o, n, item.rij.bsn) for v, o, n in item.wijzigingen
                )
                if item.uitkomst == Uitkomst.NIEUW:
                    naam = toewijzer.team_voor(postcode=item.rij.waarden.get("postcode")).naam
                    uit.nieuw_per_team[naam] = uit.nieuw_per_team.get(naam, 0) + 1
        verwerkt += len(batch)
        if voortgang is not None:
            voortgang(verwerkt)
    return uit


def _tel(doel, uitkomst: Uitkomst) -> None:
    naam = {Uitkomst.NIEUW: "aantal_nieuw", Uitkomst.BIJGEWERKT: "aantal_bijgewerkt",
            Uitkomst.ONGEWIJZIGD: "aantal_ongewijzigd"}[uitkomst]
    setattr(doel, naam, getattr(doel, naam) + 1)


# --- commit -------------------------------------------------------------------------


def uitvoeren(
    *,
    inhoud: bytes,
    bestandsnaam: str,
    doel_gekozen,
    team,
    door,
    vandaag: date,
    mapping: Mapping[str, str] | None = None,
    wijzigingen_overnemen: bool = True,
    portaaldatum: date | None = None,
    voortgang: Voortgang | None = None,
) -> Importbestand:
    """Check the file again and import it in one transaction; returns the ``Importbestand``.

    The same file a second time returns the earlier ``Importbestand`` and changes nothing.
    ``team`` is the fallback when the municipality set no team-assignment rule.
    """
    controle = controleer_bestand(CONTACTLIJST, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum)
    if not controle.kan_importeren:
        raise BestandFout(" ".join(controle.kolomfouten), code="kolommen")
    eerder = eerder_ingelezen(ImportDoel.CONTACTLIJST, controle.inhoud_hash)
    if eerder is not None:
        return eerder
    # The municipality received the registration on the portal date (the terms run from it).
    datum = controle.portaaldatum if controle.portaaldatum and controle.portaaldatum <= vandaag else vandaag

    with transaction.atomic():
        plannen_per_uitvoering()
        bestand = Importbestand.objects.create(
            inhoud_hash=controle.inhoud_hash, bestandsnaam=(bestandsnaam or "")[:255], doel=ImportDoel.CONTACTLIJST,
            portaaldatum=controle.portaaldatum, verloopdatum=controle.verloopdatum, door=door, team=team,
        )
        schrijver = _Schrijver(
            bestand=bestand, door=door, datum=datum, vandaag=vandaag, wijzigingen_overnemen=wijzigingen_overnemen,
            toewijzer=teamtoewijzer(standaard_team=team),
        )
        with verwerking(
            None, naam="portaalbestand_importeren", betrokkenen=[], actor=door,
            object_type="importbestand", object_id=str(bestand.pk),
        ) as log:
            verwerkt = 0
            for batch in _beoordeel_per_batch(controle):
                schrijver.schrijf(batch, log)
                verwerkt += len(batch)
                if voortgang is not None:
                    voortgang(verwerkt)
            schrijver.toewijzer.opslaan()
            bestand.save(update_fields=["aantal_nieuw", "aantal_bijgewerkt", "aantal_ongewijzigd", "aantal_afgewezen"])
    return bestand


class _Schrijver:
    """Writes one batch of classified rows with a handful of bulk inserts.

    A new registration from the portal is, row for row, what ``dossier_openen`` followed by the
    ``verificatie_bevestigen`` transition writes (UHT put the person on the list, so the right is
    confirmed): a dossier with status geverifieerd, its household, the AANGEMELD and GEVERIFIEERD
    events, and the terms that follow from them. Every new dossier of one import has the same
    events and dates, so their terms are computed once with the pure engine
    (``termijnen.services.termijnbeeld``) instead of once per dossier.
    """

    def __init__(self, *, bestand, door, datum: date, vandaag: date, wijzigingen_overnemen: bool, toewijzer):
        self.bestand = bestand
        self.door = door
        self.datum = datum
        self.wijzigingen_overnemen = wijzigingen_overnemen
        self.toewijzer = toewijzer
        # Read once per import, not per row.
        instellingen = gemeente_instellingen()
        # The eerste-gesprek term in force at registration is stored on the event (as dossier_openen does).
        self.gegevens_aangemeld = {
            "bron": Aanmeldingsbron.GEGEVENSPORTAAL.value, "eerste_gesprek_weken": instellingen.eerste_gesprek_weken,
        }
        self.beeld = termijnbeeld(
            [
                Gebeurtenis(id=1, soort=GebeurtenisSoort.AANGEMELD, datum=datum, gegevens=self.gegevens_aangemeld),
                Gebeurtenis(id=2, soort=GebeurtenisSoort.GEVERIFIEERD, datum=datum, gegevens={}),
            ],
            kalender=atw_kalender(), instellingen=instellingen, vandaag=vandaag,
        )

    def schrijf(self, batch: list[_Beoordeling | Afwijzing], log) -> None:
        bestand = self.bestand
        nieuw: list[_Beoordeling] = []
        bijgewerkte_personen: list[tuple[Rechthebbende, list[str]]] = []
        for item in batch:
            if isinstance(item, Afwijzing):
                bestand.aantal_afgewezen += 1
                continue
            log.betrokkene_toevoegen(item.rij.bsn)
            uitkomst = item.uitkomst
            if item.persoon is not None and item.wijzigingen:
                if self.wijzigingen_overnemen:
                    for veld, _oud, waarde in item.wijzigingen:
                        setattr(item.persoon, veld, waarde)
                    bijgewerkte_personen.append((item.persoon, [veld for veld, _o, _n in item.wijzigingen]))
                elif uitkomst == Uitkomst.BIJGEWERKT:
                    uitkomst = Uitkomst.ONGEWIJZIGD
            item.uitkomst = uitkomst
            _tel(bestand, uitkomst)
            if uitkomst == Uitkomst.NIEUW:
                nieuw.append(item)
        for persoon, velden in bijgewerkte_personen:  # rare: a few per file
            persoon.save(update_fields=velden)
        dossier_per_regel = self._nieuwe_dossiers(nieuw)
        rijen_invoegen(Importregel, ("importbestand_id", "rij_sleutel", "regelnummer", "uitkomst", "dossier_id"), (
            (bestand.pk, item.rij.rij_sleutel, item.rij.regelnummer, item.uitkomst,
             dossier_per_regel.get(item.rij.regelnummer, item.dossier_id))
            for item in batch
            if not isinstance(item, Afwijzing) and not item.sleutel_bekend
        ))

    def _nieuwe_dossiers(self, nieuw: list[_Beoordeling]) -> dict[int, int]:
        """Create persons (when unknown), dossiers, households, events and terms; row number -> dossier id.

        Plain inserts (``common.bulk``); the ids of new persons and dossiers are read back by
        their unique BSN and dossiernummer, one query each per batch.
        """
        if not nieuw:
            return {}
        nu = timezone.now()
        onbekend = [item for item in nieuw if item.persoon is None]
        rijen_invoegen(Rechthebbende, (*_PERSOONSKOLOMMEN, "aangemaakt_op"), (
            (*_persoonswaarden(item.rij.waarden, item.rij.bsn), nu) for item in onbekend
        ))
        persoon_ids = dict(
            Rechthebbende.objects.filter(bsn__in=[i.rij.bsn for i in onbekend]).values_list("bsn", "id")
        ) if onbekend else {}
        for item in nieuw:
            if item.persoon is not None:
                persoon_ids[item.rij.bsn] = item.persoon.pk
        nummers = volgende_dossiernummers(self.datum.year, len(nieuw))
        beeld = self.beeld
        rijen_invoegen(Dossier, _DOSSIERKOLOMMEN, (
            (nummer, persoon_ids[item.rij.bsn], item.rij.waarden["doelgroep"], DossierStatus.GEVERIFIEERD.value,
             Aanmeldingsbron.GEGEVENSPORTAAL.value, self.datum, None,
             self.toewijzer.team_voor(postcode=item.rij.waarden.get("postcode")).pk,
             beeld.volgende_einddatum, beeld.volgende_regel, nu, nu)
            for nummer, item in zip(nummers, nieuw, strict=True)
        ))
        dossier_ids = dict(Dossier.objects.filter(dossiernummer__in=nummers).values_list("dossiernummer", "id"))
        ids = [dossier_ids[nummer] for nummer in nummers]
        rijen_invoegen(Huishouden, ("dossier_id", "peildatum"), ((d, self.datum) for d in ids))
        door_id = self.door.pk if self.door else None
        gebeurtenissen = []
        for dossier_id, item in zip(ids, nieuw, strict=True):
            geverifieerd = {"bron": Aanmeldingsbron.GEGEVENSPORTAAL.value, "importbestand": self.bestand.pk}
            if item.rij.waarden.get("aanmelddatum"):
                geverifieerd["aanmelddatum_uht"] = item.rij.waarden["aanmelddatum"].isoformat()
            gebeurtenissen.append((dossier_id, GebeurtenisSoort.AANGEMELD.value, self.datum, nu, door_id,
                                   self.gegevens_aangemeld, ""))
            gebeurtenissen.append((dossier_id, GebeurtenisSoort.GEVERIFIEERD.value, self.datum, nu, door_id,
                                   geverifieerd, ""))
        rijen_invoegen(DossierGebeurtenis, _GEBEURTENISKOLOMMEN, gebeurtenissen)
        nieuwe_termijnen_opslaan((d, beeld) for d in ids)
        return {item.rij.regelnummer: d for item, d in zip(nieuw, ids, strict=True)}


_PERSOONSKOLOMMEN = (
    "bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "telefoonnummer", "email", "straat",
    "huisnummer", "postcode", "woonplaats", "voorkeurskanaal",
)
_DOSSIERKOLOMMEN = (
    "dossiernummer", "rechthebbende_id", "doelgroep", "status", "bron", "aanmelddatum", "behandelaar_id", "team_id",
    "volgende_termijn_einddatum", "volgende_termijn_regel", "aangemaakt_op", "gewijzigd_op",
)
_GEBEURTENISKOLOMMEN = ("dossier_id", "soort", "datum", "vastgelegd_op", "door_id", "gegevens", "toelichting")


def _persoonswaarden(w: Mapping, bsn: str) -> tuple:
    """The values of ``_PERSOONSKOLOMMEN`` for a new person from a valid row."""
    return (
        bsn, w["voornamen"], w.get("tussenvoegsel") or "", w["achternaam"], w["geboortedatum"],
        w.get("telefoonnummer") or "", w.get("email") or "", w.get("straat") or "", w.get("huisnummer") or "",
        w.get("postcode") or "", w.get("woonplaats") or "", w.get("contactvoorkeur") or Contactkanaal.TELEFOON.value,
    )
