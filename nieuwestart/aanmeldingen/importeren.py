"""Importing a Gegevensportaal contact list: preview (no writes), then commit in one transaction.

``voorbeeld`` reads and checks the file (streaming, via ``portaal``), and classifies every valid
row against the database in batches: NIEUW, BIJGEWERKT (changed contact details, shown as
proposed updates) or ONGEWIJZIGD. ``uitvoeren`` does the same again inside one
``transaction.atomic()`` and writes: new persons and dossiers (bron Gegevensportaal, verified
by UHT), accepted contact updates, ``Importbestand``/``Importregel`` and one processing-log
block with every imported person. A file seen before (content hash) changes nothing; rows seen
before (``rij_sleutel``) are skipped. A debt list raises ``DoelFout`` and nothing is stored.
A person known in another team is not touched: access follows the team.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel, Uitkomst
from nieuwestart.aanmeldingen.portaal.formaten import CONTACTLIJST
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout, lees_tabel
from nieuwestart.aanmeldingen.portaal.valideren import Afwijzing, Controle, DoelFout, GeldigeRij, valideer
from nieuwestart.aanmeldingen.services import dossier_openen
from nieuwestart.beleid import regels
from nieuwestart.dossiers.models import Aanmeldingsbron, Contactkanaal, Dossier, DossierStatus, Rechthebbende
from nieuwestart.dossiers.transitions import voer_transitie_uit
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.logboek.services import verwerking
from nieuwestart.termijnen.services import atw_kalender

__all__ = ["BATCH", "BestandFout", "DoelFout", "Voorbeeld", "Wijziging", "uitvoeren", "voorbeeld"]

BATCH = 1000

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
    """Read and validate a portal file for one format (shared by every portal import)."""
    tabel = lees_tabel(inhoud, bestandsnaam)
    return valideer(
        tabel, formaat, doel_gekozen=doel_gekozen, mapping=mapping, vandaag=vandaag, portaaldatum=portaaldatum
    )


def eerder_ingelezen(doel: str, inhoud_hash: str) -> Importbestand | None:
    """The earlier import of exactly this file for this purpose: importing it again changes nothing."""
    return Importbestand.objects.filter(doel=doel, inhoud_hash=inhoud_hash).first()


def _beoordeel(controle: Controle, team) -> Iterator[_Beoordeling | Afwijzing]:
    """Per row an ``Afwijzing`` or a ``_Beoordeling``; the database is asked per batch of rows."""
    batch: list[GeldigeRij] = []
    for uit in controle.rijen():
        if isinstance(uit, Afwijzing):
            yield uit
            continue
        batch.append(uit)
        if len(batch) >= BATCH:
            yield from _beoordeel_batch(batch, controle, team)
            batch = []
    if batch:
        yield from _beoordeel_batch(batch, controle, team)


def _beoordeel_batch(batch: list[GeldigeRij], controle: Controle, team) -> Iterator[_Beoordeling | Afwijzing]:
    bekende_sleutels = set(
        Importregel.objects.filter(rij_sleutel__in=[r.rij_sleutel for r in batch]).values_list("rij_sleutel", flat=True)
    )
    personen = {p.bsn: p for p in Rechthebbende.objects.filter(bsn__in=[r.bsn for r in batch])}
    teams: dict[int, set[int]] = defaultdict(set)
    open_dossiers: dict[tuple[int, str], int] = {}
    if personen:
        for d in Dossier.objects.filter(rechthebbende_id__in=[p.pk for p in personen.values()]).values(
            "id", "rechthebbende_id", "team_id", "doelgroep", "status"
        ):
            teams[d["rechthebbende_id"]].add(d["team_id"])
            if d["status"] != DossierStatus.AFGESLOTEN:
                open_dossiers[(d["rechthebbende_id"], d["doelgroep"])] = d["id"]
    bsn_kolom = controle.tabel.origineel(controle.koppeling.kolommen["bsn"])

    for rij in batch:
        te_lang = _te_lange_waarde(rij, controle)
        if te_lang is not None:
            yield te_lang
            continue
        sleutel_bekend = rij.rij_sleutel in bekende_sleutels
        persoon = personen.get(rij.bsn)
        if persoon is None:
            uitkomst = Uitkomst.ONGEWIJZIGD if sleutel_bekend else Uitkomst.NIEUW
            yield _Beoordeling(rij, uitkomst, None, None, [], sleutel_bekend)
            continue
        persoon_teams = teams.get(persoon.pk, set())
        if persoon_teams and team.pk not in persoon_teams:
            # Access follows the team: another team's client is neither shown nor changed here.
            yield Afwijzing(rij.regelnummer, bsn_kolom, "", str(regels.BEKEND_IN_ANDER_TEAM.uitleg))
            continue
        w = rij.waarden
        if persoon.geboortedatum != w["geboortedatum"] or (
            persoon.achternaam.strip().lower() != str(w["achternaam"] or "").strip().lower()
        ):
            yield Afwijzing(rij.regelnummer, bsn_kolom, "", str(regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS.uitleg))
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
        yield _Beoordeling(rij, uitkomst, persoon, dossier_id, wijzigingen, sleutel_bekend)


def _te_lange_waarde(rij: GeldigeRij, controle: Controle) -> Afwijzing | None:
    for kolom, veld in _PERSOONSVELDEN.items():
        waarde = rij.waarden.get(kolom)
        max_lengte = Rechthebbende._meta.get_field(veld).max_length
        if waarde and max_lengte and len(str(waarde)) > max_lengte:
            kop = controle.koppeling.kolommen.get(kolom)
            return Afwijzing(
                rij.regelnummer, controle.tabel.origineel(kop) if kop else kolom, str(waarde)[:39] + "…",
                f"Deze tekst is te lang (meer dan {max_lengte} tekens).",
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
) -> Voorbeeld:
    """Read, check and classify a contact list without writing anything.

    Raises ``DoelFout`` (a debt list, or not a contact list) or ``BestandFout`` (unreadable).
    """
    controle = controleer_bestand(CONTACTLIJST, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum)
    al = eerder_ingelezen(ImportDoel.CONTACTLIJST, controle.inhoud_hash) is not None
    uit = Voorbeeld(
        bestandsnaam=bestandsnaam, doel=ImportDoel.CONTACTLIJST, inhoud_hash=controle.inhoud_hash,
        portaaldatum=controle.portaaldatum, verloopdatum=controle.verloopdatum, verlopen=controle.verlopen,
        al_geimporteerd=al, waarschuwingen=list(controle.waarschuwingen), kolomfouten=list(controle.kolomfouten),
    )
    if al:
        uit.waarschuwingen.append(
            "Dit bestand is al eerder ingelezen. Opnieuw inlezen verandert niets."
        )
        for rij in controle.rijen():
            if isinstance(rij, Afwijzing):
                uit.afwijzingen.append(rij)
            else:
                uit.aantal_ongewijzigd += 1
        return uit
    for item in _beoordeel(controle, team):
        if isinstance(item, Afwijzing):
            uit.afwijzingen.append(item)
            continue
        _tel(uit, item.uitkomst)
        uit.wijzigingen.extend(Wijziging(item.rij.regelnummer, v, o, n) for v, o, n in item.wijzigingen)
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
) -> Importbestand:
    """Check the file again and import it in one transaction; returns the ``Importbestand``.

    The same file a second time returns the earlier ``Importbestand`` and changes nothing.
    """
    controle = controleer_bestand(CONTACTLIJST, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum)
    if not controle.kan_importeren:
        raise BestandFout(" ".join(controle.kolomfouten), code="kolommen")
    eerder = eerder_ingelezen(ImportDoel.CONTACTLIJST, controle.inhoud_hash)
    if eerder is not None:
        return eerder
    # The municipality received the registration on the portal date (the terms run from it).
    datum = controle.portaaldatum if controle.portaaldatum and controle.portaaldatum <= vandaag else vandaag

    # Read once per import, not per row (the terms of every new dossier use them).
    instellingen = gemeente_instellingen()
    kalender = atw_kalender()
    with transaction.atomic():
        bestand = Importbestand.objects.create(
            inhoud_hash=controle.inhoud_hash, bestandsnaam=(bestandsnaam or "")[:255], doel=ImportDoel.CONTACTLIJST,
            portaaldatum=controle.portaaldatum, verloopdatum=controle.verloopdatum, door=door, team=team,
        )
        with verwerking(
            None, naam="portaalbestand_importeren", betrokkenen=[], actor=door,
            object_type="importbestand", object_id=str(bestand.pk),
        ) as log:
            regels_nieuw: list[Importregel] = []
            for item in _beoordeel(controle, team):
                if isinstance(item, Afwijzing):
                    bestand.aantal_afgewezen += 1
                    continue
                dossier_id = _verwerk_rij(
                    item, bestand=bestand, team=team, door=door, datum=datum,
                    wijzigingen_overnemen=wijzigingen_overnemen, instellingen=instellingen, kalender=kalender,
                )
                uitkomst = item.uitkomst
                if uitkomst == Uitkomst.BIJGEWERKT and not wijzigingen_overnemen:
                    uitkomst = Uitkomst.ONGEWIJZIGD
                _tel(bestand, uitkomst)
                log.betrokkene_toevoegen(item.rij.bsn)
                if not item.sleutel_bekend:
                    regels_nieuw.append(Importregel(
                        importbestand=bestand, rij_sleutel=item.rij.rij_sleutel,
                        regelnummer=item.rij.regelnummer, uitkomst=uitkomst, dossier_id=dossier_id,
                    ))
                if len(regels_nieuw) >= BATCH:
                    Importregel.objects.bulk_create(regels_nieuw)
                    regels_nieuw = []
            Importregel.objects.bulk_create(regels_nieuw)
            bestand.save(update_fields=["aantal_nieuw", "aantal_bijgewerkt", "aantal_ongewijzigd", "aantal_afgewezen"])
    return bestand


def _verwerk_rij(
    item: _Beoordeling, *, bestand, team, door, datum: date, wijzigingen_overnemen: bool, instellingen, kalender
) -> int | None:
    w = item.rij.waarden
    persoon = item.persoon
    if persoon is not None and item.wijzigingen and wijzigingen_overnemen:
        for veld, _oud, nieuw in item.wijzigingen:
            setattr(persoon, veld, nieuw)
        persoon.save(update_fields=[veld for veld, _o, _n in item.wijzigingen])
    if item.uitkomst != Uitkomst.NIEUW:
        return item.dossier_id
    if persoon is None:
        persoon = Rechthebbende.objects.create(
            bsn=item.rij.bsn,
            voornamen=w["voornamen"],
            tussenvoegsel=w.get("tussenvoegsel") or "",
            achternaam=w["achternaam"],
            geboortedatum=w["geboortedatum"],
            telefoonnummer=w.get("telefoonnummer") or "",
            email=w.get("email") or "",
            straat=w.get("straat") or "",
            huisnummer=w.get("huisnummer") or "",
            postcode=w.get("postcode") or "",
            woonplaats=w.get("woonplaats") or "",
            voorkeurskanaal=w.get("contactvoorkeur") or Contactkanaal.TELEFOON,
        )
    dossier = dossier_openen(
        rechthebbende=persoon, door=door, doelgroep=w["doelgroep"], bron=Aanmeldingsbron.GEGEVENSPORTAAL,
        aanmelddatum=datum, team=team, behandelaar=None, gezinsleden=[],
        instellingen=instellingen, kalender=kalender, termijnen_bijwerken=False,
    )
    gegevens = {"bron": Aanmeldingsbron.GEGEVENSPORTAAL.value, "importbestand": bestand.pk}
    if w.get("aanmelddatum"):
        gegevens["aanmelddatum_uht"] = w["aanmelddatum"].isoformat()
    # UHT put the person on the list, so the entitlement is already confirmed.
    voer_transitie_uit(
        dossier, "verificatie_bevestigen", door=door, datum=datum, gegevens=gegevens,
        instellingen=instellingen, kalender=kalender,
    )
    return dossier.pk
