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

Every "niet erkend" event written also tells the case worker (``meldingen``): the dossier's
behandelaar, or the team's teamleider(s) when it has none, with the end of the afbouw. The
meldingen are written in the same transaction, a batch at a time.

A file seen before (content hash) changes nothing. A debt list raises ``DoelFout`` and nothing
is stored. Every person touched gets a processing-log line. Both functions take ``voortgang``,
called after every batch with the number of rows handled so far.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import batched
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db import transaction

from nieuwestart.aanmeldingen.importeren import Onbekend, Tellingen, Voortgang, controleer_bestand, eerder_ingelezen
from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel, Uitkomst
from nieuwestart.aanmeldingen.portaal.formaten import STATUSUPDATE
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import Afwijzing, Controle, DoelFout, GeldigeRij
from nieuwestart.beleid import regels
from nieuwestart.common.bulk import plannen_per_uitvoering
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Aanmeldingsbron, Dossier, DossierGebeurtenis, Rechthebbende
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.logboek.services import verwerking
from nieuwestart.meldingen.models import MeldingSoort
from nieuwestart.meldingen.services import TeMelden, melden, uht_niet_erkend_tekst
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.regels import TermijnSoort
from nieuwestart.termijnen.services import atw_kalender

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

REDEN_ONBEKEND = (
    "Dit BSN is bij ons niet bekend. Er is niets aangemaakt: een statusupdate maakt geen dossier. "
    "Controleer het BSN; hoort de persoon bij onze gemeente, meld hem of haar dan eerst aan."
)
REDEN_GEEN_OPEN_DOSSIER = "Deze persoon heeft bij ons geen open dossier. De status is niet vastgelegd."


class StatusUitkomst(StrEnum):
    NIEUW_STATUS = "NIEUW_STATUS"
    ONGEWIJZIGD = "ONGEWIJZIGD"
    POTENTIEEL = "POTENTIEEL"
    ONBEKEND = "ONBEKEND"


@dataclass
class _Tellingen(Tellingen):
    aantal_nieuw_status: int = 0
    aantal_ongewijzigd: int = 0
    aantal_potentieel: int = 0
    aantal_onbekend: int = 0


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
    aantal_meldingen: int = 0  # meldingen to case workers about "niet erkend"
    aantal_zonder_ontvanger: int = 0  # "niet erkend" in a dossier whose team has nobody to tell


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


def _beoordeel_per_batch(controle: Controle) -> Iterator[list[_Beoordeling | Afwijzing]]:
    """Per batch of rows, in file order; the database is asked once per batch."""
    for batch in batched(controle.rijen(), BATCH):
        yield list(_beoordeel_batch(batch, controle))


def _beoordeel_batch(
    rijen: list[GeldigeRij | Afwijzing], controle: Controle
) -> Iterator[_Beoordeling | Afwijzing]:
    batch = [r for r in rijen if isinstance(r, GeldigeRij)]
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

    for rij in rijen:
        if isinstance(rij, Afwijzing):
            yield rij
            continue
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
    voortgang: Voortgang | None = None,
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
    verwerkt = 0
    # A file imported before is only checked, not classified against the database.
    for batch in batched(controle.rijen(), BATCH) if al else _beoordeel_per_batch(controle):
        for item in batch:
            if isinstance(item, Afwijzing):
                uit.afwijzingen.append(item)
            elif al:
                uit.aantal_ongewijzigd += 1
            else:
                uit.tel(item.uitkomst)
                uit.aantal_gebeurtenissen += len(item.te_schrijven)
                if item.uitkomst == StatusUitkomst.ONBEKEND:
                    uit.onbekend.append(Onbekend(item.rij.regelnummer, item.reden))
        verwerkt += len(batch)
        if voortgang is not None:
            voortgang(verwerkt)
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
    voortgang: Voortgang | None = None,
) -> StatusResultaat:
    """Check the file again and record the statuses (and the meldingen) in one transaction.

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
        plannen_per_uitvoering()  # the tables grow inside this transaction
        bestand = Importbestand.objects.create(
            inhoud_hash=controle.inhoud_hash, bestandsnaam=(bestandsnaam or "")[:255], doel=ImportDoel.STATUSUPDATE,
            portaaldatum=controle.portaaldatum, verloopdatum=controle.verloopdatum, door=door, team=None,
        )
        uit.bestand = bestand
        schrijver = _Schrijver(bestand=bestand, door=door)
        with verwerking(
            None, naam=LOGNAAM, betrokkenen=[], actor=door, object_type="importbestand", object_id=str(bestand.pk),
        ) as log:
            verwerkt = 0
            for batch in _beoordeel_per_batch(controle):
                schrijver.schrijf(batch, uit, log)
                verwerkt += len(batch)
                if voortgang is not None:
                    voortgang(verwerkt)
            bestand.aantal_nieuw = uit.aantal_nieuw_status
            bestand.aantal_ongewijzigd = uit.aantal_ongewijzigd + uit.aantal_potentieel
            bestand.aantal_afgewezen = uit.aantal_afgewezen
            bestand.aantal_onbekend = uit.aantal_onbekend
            bestand.save(update_fields=["aantal_nieuw", "aantal_ongewijzigd", "aantal_afgewezen", "aantal_onbekend"])
    return uit


class _Schrijver:
    """Writes one batch: the events (each refreshes its dossier's terms), the row keys, the meldingen."""

    def __init__(self, *, bestand: Importbestand, door):
        self.bestand = bestand
        self.door = door
        # Read once per import, not per event.
        self.kalender = atw_kalender()
        self.instellingen = gemeente_instellingen()

    def schrijf(self, batch: list[_Beoordeling | Afwijzing], uit: StatusResultaat, log) -> None:
        regels_nieuw: list[Importregel] = []
        niet_erkend: list[DossierGebeurtenis] = []
        # The dossiers this batch writes events in, read once (not once per row).
        dossiers = Dossier.objects.in_bulk(
            [pk for item in batch if not isinstance(item, Afwijzing) for pk in item.te_schrijven]
        )
        for item in batch:
            if isinstance(item, Afwijzing):
                uit.afwijzingen.append(item)
                continue
            uit.tel(item.uitkomst)
            if item.uitkomst == StatusUitkomst.ONBEKEND:
                # Nothing is kept of a person who is not our client (no row key, no log line).
                uit.onbekend.append(Onbekend(item.rij.regelnummer, item.reden))
                continue
            geschreven = self._gebeurtenissen(item, dossiers)
            uit.aantal_gebeurtenissen += len(geschreven)
            niet_erkend += [g for g in geschreven if g.soort == GebeurtenisSoort.UHT_NIET_ERKEND]
            log.betrokkene_toevoegen(item.rij.bsn)
            if not item.sleutel_bekend:
                regels_nieuw.append(Importregel(
                    importbestand=self.bestand, rij_sleutel=item.rij.rij_sleutel, regelnummer=item.rij.regelnummer,
                    uitkomst=Uitkomst.NIEUW if item.uitkomst == StatusUitkomst.NIEUW_STATUS else Uitkomst.ONGEWIJZIGD,
                    dossier_id=item.dossier_ids[0] if item.dossier_ids else None,
                ))
        Importregel.objects.bulk_create(regels_nieuw)
        self._meld_niet_erkend(niet_erkend, uit)

    def _gebeurtenissen(self, item: _Beoordeling, dossiers: dict[int, Dossier]) -> list[DossierGebeurtenis]:
        if not item.te_schrijven:
            return []
        w = item.rij.waarden
        soort = GEBEURTENIS_VOOR_STATUS[w["status"]]
        gegevens = {
            "bron": Aanmeldingsbron.GEGEVENSPORTAAL.value, "importbestand": self.bestand.pk, "status": w["status"],
        }
        return [
            gebeurtenis_vastleggen(
                dossier, soort, door=self.door, datum=w["besluitdatum"], gegevens=dict(gegevens),
                kalender=self.kalender, instellingen=self.instellingen,
            )
            for dossier in (dossiers[pk] for pk in sorted(item.te_schrijven))
        ]

    @staticmethod
    def _meld_niet_erkend(gebeurtenissen: list[DossierGebeurtenis], uit: StatusResultaat) -> None:
        """Tell the case workers, with the end of the afbouw as the terms engine just stored it."""
        if not gebeurtenissen:
            return
        afbouw_tot = dict(
            Termijn.objects.filter(
                dossier_id__in=[g.dossier_id for g in gebeurtenissen], regel=TermijnSoort.ACCLIMATISATIE,
                voldaan_op__isnull=True, vervallen_op__isnull=True,
            ).values_list("dossier_id", "einddatum")
        )
        meldingen = melden(
            TeMelden(
                dossier=g.dossier, soort=MeldingSoort.UHT_NIET_ERKEND, gebeurtenis=g,
                tekst=uht_niet_erkend_tekst(
                    dossiernummer=g.dossier.dossiernummer, afbouw_tot=afbouw_tot.get(g.dossier_id)
                ),
            )
            for g in gebeurtenissen
        )
        uit.aantal_meldingen += len(meldingen)
        gemeld = {m.dossier_id for m in meldingen}
        uit.aantal_zonder_ontvanger += sum(1 for g in gebeurtenissen if g.dossier_id not in gemeld)
