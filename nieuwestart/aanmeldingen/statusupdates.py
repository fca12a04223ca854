"""Importing a UHT status update from the Gegevensportaal: preview (no writes), then commit.

Follows the contact-list import (``importeren``): ``voorbeeld_status`` reads and checks the file
and classifies every valid row against the database in batches; ``uitvoeren_status`` does the
same again inside one ``transaction.atomic()`` and writes. A status update is an administrative
fact from UHT, so it has no team: it is recorded in *every* open dossier of the person.

Per valid row:

- ``NIEUW_STATUS``: "erkend" / "niet erkend" not yet recorded with this decision date in (some
  of) the person's open dossiers; on commit a ``UHT_ERKEND`` / ``UHT_NIET_ERKEND`` event dated
  with UHT's decision date is written, which refreshes the terms (niet erkend starts the
  30-day ACCLIMATISATIE term; erkend makes it lapse).
- ``ONGEWIJZIGD``: the same status with the same date is already in every open dossier, or
  the row (``rij_sleutel``) was imported before.
- ``POTENTIEEL``: "potentieel gedupeerd": counted, nothing written.
- ``ONBEKEND``: no person with this BSN, or no open dossier: reported, never created.

A file seen before (content hash) changes nothing. A debt list raises ``DoelFout`` and nothing
is stored. Every person touched gets a processing-log line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db import transaction

from nieuwestart.aanmeldingen.importeren import controleer_bestand, eerder_ingelezen
from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel, Uitkomst
from nieuwestart.aanmeldingen.portaal.formaten import STATUSUPDATE
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import Afwijzing, Controle, DoelFout, GeldigeRij
from nieuwestart.beleid import regels
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Aanmeldingsbron, Dossier, DossierGebeurtenis, Rechthebbende
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.logboek.services import verwerking

__all__ = [
    "BATCH",
    "BestandFout",
    "DoelFout",
    "Onbekend",
    "StatusResultaat",
    "StatusUitkomst",
    "StatusVoorbeeld",
    "uitvoeren_status",
    "voorbeeld_status",
]

BATCH = 1000
LOGNAAM = "statusupdate_importeren"

# Status in the file -> event written in the dossier ("potentieel gedupeerd" writes nothing).
GEBEURTENIS_VOOR_STATUS: dict[str, GebeurtenisSoort] = {
    "ERKEND": GebeurtenisSoort.UHT_ERKEND,
    "NIET_ERKEND": GebeurtenisSoort.UHT_NIET_ERKEND,
}
POTENTIEEL = "POTENTIEEL_GEDUPEERD"

REDEN_ONBEKEND = "Dit BSN is bij ons niet bekend. Er is niets aangemaakt: een statusupdate maakt geen dossier."
REDEN_GEEN_OPEN_DOSSIER = "Deze persoon heeft bij ons geen open dossier. De status is niet vastgelegd."


class StatusUitkomst(StrEnum):
    NIEUW_STATUS = "NIEUW_STATUS"
    ONGEWIJZIGD = "ONGEWIJZIGD"
    POTENTIEEL = "POTENTIEEL"
    ONBEKEND = "ONBEKEND"


@dataclass(frozen=True)
class Onbekend:
    """A valid row whose status could not be recorded (reported; never a BSN or a name)."""

    regelnummer: int
    reden: str


@dataclass
class _Tellingen:
    aantal_nieuw_status: int = 0
    aantal_ongewijzigd: int = 0
    aantal_potentieel: int = 0
    aantal_onbekend: int = 0
    afwijzingen: list[Afwijzing] = field(default_factory=list)
    onbekend: list[Onbekend] = field(default_factory=list)

    @property
    def aantal_afgewezen(self) -> int:
        return len(self.afwijzingen)

    def tel(self, uitkomst: StatusUitkomst) -> None:
        naam = {
            StatusUitkomst.NIEUW_STATUS: "aantal_nieuw_status", StatusUitkomst.ONGEWIJZIGD: "aantal_ongewijzigd",
            StatusUitkomst.POTENTIEEL: "aantal_potentieel", StatusUitkomst.ONBEKEND: "aantal_onbekend",
        }[uitkomst]
        setattr(self, naam, getattr(self, naam) + 1)


@dataclass
class StatusVoorbeeld(_Tellingen):
    bestandsnaam: str = ""
    inhoud_hash: str = ""
    portaaldatum: date | None = None
    verloopdatum: date | None = None
    verlopen: bool = False
    al_geimporteerd: bool = False
    aantal_gebeurtenissen: int = 0  # events the commit would write (one per open dossier)
    waarschuwingen: list[str] = field(default_factory=list)
    kolomfouten: list[str] = field(default_factory=list)

    @property
    def kan_importeren(self) -> bool:
        return not self.kolomfouten


@dataclass
class StatusResultaat(_Tellingen):
    bestand: Importbestand | None = None
    al_geimporteerd: bool = False
    aantal_gebeurtenissen: int = 0  # events written


@dataclass
class _Beoordeling:
    rij: GeldigeRij
    uitkomst: StatusUitkomst
    persoon: Rechthebbende | None
    dossier_ids: list[int]  # the person's open dossiers
    te_schrijven: list[int]  # open dossiers that lack this status with this date
    sleutel_bekend: bool
    reden: str = ""


# --- reading and classifying --------------------------------------------------------


def _beoordeel(controle: Controle) -> Iterator[_Beoordeling | Afwijzing]:
    batch: list[GeldigeRij] = []
    for uit in controle.rijen():
        if isinstance(uit, Afwijzing):
            yield uit
            continue
        batch.append(uit)
        if len(batch) >= BATCH:
            yield from _beoordeel_batch(batch, controle)
            batch = []
    if batch:
        yield from _beoordeel_batch(batch, controle)


def _beoordeel_batch(batch: list[GeldigeRij], controle: Controle) -> Iterator[_Beoordeling | Afwijzing]:
    bekende_sleutels = set(
        Importregel.objects.filter(rij_sleutel__in=[r.rij_sleutel for r in batch]).values_list("rij_sleutel", flat=True)
    )
    personen = {p.bsn: p for p in Rechthebbende.objects.filter(bsn__in=[r.bsn for r in batch])}
    open_dossiers: dict[int, list[int]] = defaultdict(list)
    if personen:
        for d_id, p_id in (
            Dossier.objects.open().filter(rechthebbende_id__in=[p.pk for p in personen.values()])
            .order_by("pk").values_list("id", "rechthebbende_id")
        ):
            open_dossiers[p_id].append(d_id)
    # (dossier, soort, datum) already recorded, for the statuses in this batch.
    vastgelegd: set[tuple[int, str, date]] = set()
    alle_dossiers = [d for lijst in open_dossiers.values() for d in lijst]
    if alle_dossiers:
        vastgelegd = set(
            DossierGebeurtenis.objects.filter(
                dossier_id__in=alle_dossiers, soort__in=list(GEBEURTENIS_VOOR_STATUS.values()),
                datum__in={r.waarden["besluitdatum"] for r in batch},
            ).values_list("dossier_id", "soort", "datum")
        )
    bsn_kolom = controle.tabel.origineel(controle.koppeling.kolommen["bsn"])

    for rij in batch:
        w = rij.waarden
        sleutel_bekend = rij.rij_sleutel in bekende_sleutels
        persoon = personen.get(rij.bsn)
        if persoon is None:
            yield _Beoordeling(rij, StatusUitkomst.ONBEKEND, None, [], [], sleutel_bekend, REDEN_ONBEKEND)
            continue
        # The control columns are optional; when given they must fit the person we know.
        if (w.get("geboortedatum") and persoon.geboortedatum != w["geboortedatum"]) or (
            w.get("achternaam") and persoon.achternaam.strip().lower() != str(w["achternaam"]).strip().lower()
        ):
            yield Afwijzing(rij.regelnummer, bsn_kolom, "", str(regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS.uitleg))
            continue
        dossier_ids = open_dossiers.get(persoon.pk, [])
        if not dossier_ids:
            yield _Beoordeling(rij, StatusUitkomst.ONBEKEND, persoon, [], [], sleutel_bekend, REDEN_GEEN_OPEN_DOSSIER)
            continue
        soort = GEBEURTENIS_VOOR_STATUS.get(w["status"])
        if soort is None:
            yield _Beoordeling(rij, StatusUitkomst.POTENTIEEL, persoon, dossier_ids, [], sleutel_bekend)
            continue
        te_schrijven = [] if sleutel_bekend else [
            d for d in dossier_ids if (d, soort.value, w["besluitdatum"]) not in vastgelegd
        ]
        uitkomst = StatusUitkomst.NIEUW_STATUS if te_schrijven else StatusUitkomst.ONGEWIJZIGD
        yield _Beoordeling(rij, uitkomst, persoon, dossier_ids, te_schrijven, sleutel_bekend)


# --- preview ------------------------------------------------------------------------


def voorbeeld_status(
    *,
    inhoud: bytes,
    bestandsnaam: str,
    doel_gekozen,
    vandaag: date,
    mapping: Mapping[str, str] | None = None,
    portaaldatum: date | None = None,
) -> StatusVoorbeeld:
    """Read, check and classify a status update without writing anything.

    Raises ``DoelFout`` (a debt list, or not a status update) or ``BestandFout`` (unreadable).
    """
    controle = controleer_bestand(STATUSUPDATE, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum)
    al = eerder_ingelezen(ImportDoel.STATUSUPDATE, controle.inhoud_hash) is not None
    uit = StatusVoorbeeld(
        bestandsnaam=bestandsnaam, inhoud_hash=controle.inhoud_hash, portaaldatum=controle.portaaldatum,
        verloopdatum=controle.verloopdatum, verlopen=controle.verlopen, al_geimporteerd=al,
        waarschuwingen=list(controle.waarschuwingen), kolomfouten=list(controle.kolomfouten),
    )
    if al:
        uit.waarschuwingen.append("Dit bestand is al eerder ingelezen. Opnieuw inlezen verandert niets.")
        for rij in controle.rijen():
            if isinstance(rij, Afwijzing):
                uit.afwijzingen.append(rij)
            else:
                uit.aantal_ongewijzigd += 1
        return uit
    for item in _beoordeel(controle):
        if isinstance(item, Afwijzing):
            uit.afwijzingen.append(item)
            continue
        uit.tel(item.uitkomst)
        uit.aantal_gebeurtenissen += len(item.te_schrijven)
        if item.uitkomst == StatusUitkomst.ONBEKEND:
            uit.onbekend.append(Onbekend(item.rij.regelnummer, item.reden))
    return uit


# --- commit -------------------------------------------------------------------------


def uitvoeren_status(
    *,
    inhoud: bytes,
    bestandsnaam: str,
    doel_gekozen,
    door,
    vandaag: date,
    mapping: Mapping[str, str] | None = None,
    portaaldatum: date | None = None,
) -> StatusResultaat:
    """Check the file again and record the statuses in one transaction.

    The same file a second time returns the earlier ``Importbestand`` (``al_geimporteerd``) and
    changes nothing.
    """
    controle = controleer_bestand(STATUSUPDATE, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum)
    if not controle.kan_importeren:
        raise BestandFout(" ".join(controle.kolomfouten), code="kolommen")
    eerder = eerder_ingelezen(ImportDoel.STATUSUPDATE, controle.inhoud_hash)
    if eerder is not None:
        return StatusResultaat(bestand=eerder, al_geimporteerd=True)

    uit = StatusResultaat()
    with transaction.atomic():
        bestand = Importbestand.objects.create(
            inhoud_hash=controle.inhoud_hash, bestandsnaam=(bestandsnaam or "")[:255], doel=ImportDoel.STATUSUPDATE,
            portaaldatum=controle.portaaldatum, verloopdatum=controle.verloopdatum, door=door, team=None,
        )
        uit.bestand = bestand
        with verwerking(
            None, naam=LOGNAAM, betrokkenen=[], actor=door, object_type="importbestand", object_id=str(bestand.pk),
        ) as log:
            regels_nieuw: list[Importregel] = []
            for item in _beoordeel(controle):
                if isinstance(item, Afwijzing):
                    uit.afwijzingen.append(item)
                    continue
                uit.tel(item.uitkomst)
                if item.uitkomst == StatusUitkomst.ONBEKEND:
                    # Nothing is kept of a person who is not our client (no row key, no log line).
                    uit.onbekend.append(Onbekend(item.rij.regelnummer, item.reden))
                    continue
                uit.aantal_gebeurtenissen += _schrijf(item, bestand=bestand, door=door)
                log.betrokkene_toevoegen(item.rij.bsn)
                if not item.sleutel_bekend:
                    regels_nieuw.append(Importregel(
                        importbestand=bestand, rij_sleutel=item.rij.rij_sleutel, regelnummer=item.rij.regelnummer,
                        uitkomst=Uitkomst.NIEUW if item.uitkomst == StatusUitkomst.NIEUW_STATUS
                        else Uitkomst.ONGEWIJZIGD,
                        dossier_id=item.dossier_ids[0] if item.dossier_ids else None,
                    ))
                if len(regels_nieuw) >= BATCH:
                    Importregel.objects.bulk_create(regels_nieuw)
                    regels_nieuw = []
            Importregel.objects.bulk_create(regels_nieuw)
            bestand.aantal_nieuw = uit.aantal_nieuw_status
            bestand.aantal_ongewijzigd = uit.aantal_ongewijzigd + uit.aantal_potentieel
            bestand.aantal_afgewezen = uit.aantal_afgewezen
            bestand.aantal_onbekend = uit.aantal_onbekend
            bestand.save(update_fields=["aantal_nieuw", "aantal_ongewijzigd", "aantal_afgewezen", "aantal_onbekend"])
    return uit


def _schrijf(item: _Beoordeling, *, bestand: Importbestand, door) -> int:
    if not item.te_schrijven:
        return 0
    w = item.rij.waarden
    soort = GEBEURTENIS_VOOR_STATUS[w["status"]]
    gegevens = {"bron": Aanmeldingsbron.GEGEVENSPORTAAL.value, "importbestand": bestand.pk, "status": w["status"]}
    for dossier in Dossier.objects.filter(pk__in=item.te_schrijven).order_by("pk"):
        gebeurtenis_vastleggen(dossier, soort, door=door, datum=w["besluitdatum"], gegevens=dict(gegevens))
    return len(item.te_schrijven)
