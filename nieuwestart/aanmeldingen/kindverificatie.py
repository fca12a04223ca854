"""Child verification with the UHT Serviceteam gemeenten: the question file we send, the answer we read.

Children who received the kindregeling have no portal list: they report to the municipality
themselves (bron DIRECT) and UHT must confirm their right (domain.md, doelgroep
``KIND_KINDREGELING``). The municipality sends a question file and gets an answer file back.

- ``vraagbestand`` writes the question file (CSV or XLSX, the columns of
  ``formaten.KINDVERIFICATIE_VRAAG``) for every child still awaiting verification, records a
  ``KINDVERIFICATIE_GEVRAAGD`` event in each dossier and one processing-log block with every
  child. Its last columns are left empty for UHT, so the filled-in file is an answer file.
- ``voorbeeld_kindverificatie`` / ``uitvoeren_kindverificatie`` read the answer file exactly like
  the status update (``statusupdates``): a preview without writes, then a commit in one
  ``transaction.atomic()``. Per valid row, matched on the child's BSN (and our kenmerk, the
  dossiernummer, when the row has one):

  - ``BEVESTIGD``: recorded with ``dossiers.services.verificatie_vastleggen``, which moves the
    dossier to geverifieerd (events and terms follow); a payment date in the row adds a
    ``KINDREGELING_UITBETAALD`` event.
  - ``NIET_BEVESTIGD``: recorded the same way; the dossier keeps waiting (status aangemeld).
  - ``ONGEWIJZIGD``: already verified that way, or the row (``rij_sleutel``) was read before.
  - ``ONBEKEND``: no child dossier awaiting this answer: reported with the row number and a
    Dutch reason; nothing is created.

A file seen before (content hash) changes nothing. A debt list raises ``DoelFout`` and nothing is
stored. Every child whose dossier the answer touched gets a processing-log line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import batched
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import BinaryIO

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from nieuwestart.aanmeldingen.importeren import Onbekend, Tellingen, controleer_bestand, eerder_ingelezen
from nieuwestart.aanmeldingen.rapport import veilig_voor_spreadsheet
from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel, Uitkomst
from nieuwestart.aanmeldingen.portaal.formaten import KINDVERIFICATIE_ANTWOORD, KINDVERIFICATIE_VRAAG
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import Afwijzing, Controle, DoelFout, GeldigeRij
from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.common.bulk import plannen_per_uitvoering
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import (
    Aanmeldingsbron,
    Doelgroep,
    Dossier,
    DossierGebeurtenis,
    DossierStatus,
    Rechthebbende,
    Verificatie,
    VerificatieUitkomst,
)
from nieuwestart.dossiers.services import verificatie_vastleggen
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.logboek.services import verwerking

__all__ = [
    "BATCH",
    "BestandFout",
    "DoelFout",
    "KindUitkomst",
    "KindVoorbeeld",
    "Onbekend",
    "Vraagbestand",
    "uitvoeren_kindverificatie",
    "vraagbestand",
    "voorbeeld_kindverificatie",
    "wachtende_kinderen",
]

BATCH = 1000
LOGNAAM_VRAGEN = "kindverificatie_vragen"
LOGNAAM_ANTWOORD = "kindverificatie_importeren"
CONTACTPERSOON_UHT = "UHT Serviceteam gemeenten (antwoordbestand)"

# Called after every batch with the number of rows handled so far (progress bar, web page).
Voortgang = Callable[[int], None]

REDEN_ONBEKEND = (
    "Dit BSN is bij ons niet bekend. Er is niets aangemaakt: een antwoordbestand maakt geen dossier."
)
REDEN_GEEN_KINDDOSSIER = (
    "Deze persoon heeft bij ons geen open dossier als kind dat de kindregeling ontving. "
    "Er is niets vastgelegd."
)
REDEN_AL_BEVESTIGD = (
    "Het recht van dit kind is al bevestigd. Het antwoord 'niet bevestigd' is niet vastgelegd. "
    "Neem contact op met het UHT Serviceteam gemeenten als u denkt dat er iets niet klopt."
)
REDEN_KENMERK = (
    "Het kenmerk hoort niet bij het dossier van dit BSN. Controleer het BSN en het kenmerk. "
    "Er is niets vastgelegd."
)


class KindUitkomst(StrEnum):
    BEVESTIGD = "BEVESTIGD"
    NIET_BEVESTIGD = "NIET_BEVESTIGD"
    ONGEWIJZIGD = "ONGEWIJZIGD"
    ONBEKEND = "ONBEKEND"


# --- the question file ----------------------------------------------------------------------


def wachtende_kinderen(team_ids: Iterable[int] | None = None, *, alleen_nieuw: bool = False) -> QuerySet[Dossier]:
    """Children awaiting verification by UHT: doelgroep kind, registered directly, still aangemeld.

    A child UHT already answered "niet bevestigd" for is not asked again (a case worker can still
    record a verification by phone). ``team_ids``: only these teams (None: every team, for the
    command line). ``alleen_nieuw``: leave out children already in an earlier question file.
    """
    qs = Dossier.objects.filter(
        doelgroep=Doelgroep.KIND_KINDREGELING, bron=Aanmeldingsbron.DIRECT, status=DossierStatus.AANGEMELD,
    ).exclude(
        Exists(Verificatie.objects.filter(dossier=OuterRef("pk"), uitkomst=VerificatieUitkomst.NIET_BEVESTIGD))
    )
    if team_ids is not None:
        qs = qs.filter(team_id__in=list(team_ids))
    if alleen_nieuw:
        qs = qs.exclude(Exists(DossierGebeurtenis.objects.filter(
            dossier=OuterRef("pk"), soort=GebeurtenisSoort.KINDVERIFICATIE_GEVRAAGD,
        )))
    return qs


@dataclass(frozen=True)
class Vraagbestand:
    aantal: int  # children in the file
    soort: str  # "csv" or "xlsx"
    bestandsnaam: str  # a suggested name, e.g. for a download

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self.soort]


_MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_VELDEN = (
    "pk", "dossiernummer", "aanmelddatum", "rechthebbende__bsn", "rechthebbende__voornamen",
    "rechthebbende__tussenvoegsel", "rechthebbende__achternaam", "rechthebbende__geboortedatum",
)


def vraagbestand(
    uit: BinaryIO,
    *,
    soort: str,
    door,
    vandaag: date,
    team_ids: Iterable[int] | None = None,
    alleen_nieuw: bool = False,
    request=None,
    voortgang: Voortgang | None = None,
) -> Vraagbestand:
    """Write the question file to ``uit`` (anything with ``write(bytes)``) and record that it was asked.

    ``soort``: "csv" (``;``, UTF-8 with BOM, dd-mm-jjjj) or "xlsx". The children are read in
    batches of ``BATCH``; each batch is written, gets its events, and is dropped.
    """
    soort = soort.lower().lstrip(".")
    if soort not in _MEDIA_TYPES:
        raise ValueError(f"Unknown question file kind: {soort!r}")
    bestandsnaam = f"kindverificatie_vraag_{vandaag:%Y-%m-%d}.{soort}"
    gemeente = gemeente_instellingen().gemeentenaam
    schrijver = _CsvSchrijver(uit) if soort == "csv" else _XlsxSchrijver(uit)
    qs = wachtende_kinderen(team_ids, alleen_nieuw=alleen_nieuw)
    aantal = 0
    with transaction.atomic(), verwerking(
        request, naam=LOGNAAM_VRAGEN, betrokkenen=[], actor=door,
        object_type="kindverificatie_vraag", object_id=bestandsnaam,
    ) as log:
        for batch in _per_batch(qs):
            for r in batch:
                schrijver.rij(_vraagrij(r, gemeente))
                log.betrokkene_toevoegen(r["rechthebbende__bsn"])
            DossierGebeurtenis.objects.bulk_create(
                DossierGebeurtenis(
                    dossier_id=r["pk"], soort=GebeurtenisSoort.KINDVERIFICATIE_GEVRAAGD, datum=vandaag, door=door,
                    gegevens={"bestandsnaam": bestandsnaam},
                )
                for r in batch
            )
            aantal += len(batch)
            if voortgang is not None:
                voortgang(aantal)
        schrijver.sluit()
    return Vraagbestand(aantal=aantal, soort=soort, bestandsnaam=bestandsnaam)


def _per_batch(qs: QuerySet[Dossier]) -> Iterator[list[dict]]:
    """Keyset pages of plain values: never the whole selection in memory, and safe to write in between."""
    laatste = 0
    while True:
        batch = list(qs.filter(pk__gt=laatste).order_by("pk").values(*_VELDEN)[:BATCH])
        if not batch:
            return
        yield batch
        laatste = batch[-1]["pk"]


def _vraagrij(r: Mapping, gemeente: str) -> dict[str, object]:
    return {
        "referentie": r["dossiernummer"],
        "bsn": r["rechthebbende__bsn"],
        "voornamen": r["rechthebbende__voornamen"],
        "tussenvoegsel": r["rechthebbende__tussenvoegsel"],
        "achternaam": r["rechthebbende__achternaam"],
        "geboortedatum": r["rechthebbende__geboortedatum"],
        "aanmelddatum": r["aanmelddatum"],
        "gemeente": gemeente,
    }


class _CsvSchrijver:
    """``;``-separated, UTF-8 with BOM (Excel opens it with the accents intact), Dutch dates."""

    def __init__(self, uit: BinaryIO) -> None:
        self.uit = uit
        self.buffer = io.StringIO()
        self.csv = csv.writer(self.buffer, delimiter=";", lineterminator="\r\n")
        uit.write(codecs.BOM_UTF8)
        self._schrijf(KINDVERIFICATIE_VRAAG.kopregel)

    def rij(self, waarden: Mapping[str, object]) -> None:
        self._schrijf(_csv_waarde(waarden.get(k)) for k in KINDVERIFICATIE_VRAAG.kopregel)

    def _schrijf(self, cellen: Iterable[str]) -> None:
        self.csv.writerow(cellen)
        self.uit.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()

    def sluit(self) -> None:
        pass


def _csv_waarde(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    return veilig_voor_spreadsheet(str(waarde))


class _XlsxSchrijver:
    """A write-only workbook: rows go to a temporary file, not into memory."""

    def __init__(self, uit: BinaryIO) -> None:
        from openpyxl import Workbook  # local: only needed for spreadsheets

        self.uit = uit
        self.wb = Workbook(write_only=True)
        self.ws = self.wb.create_sheet("Kindverificatie")
        for letter, breedte in zip("ABCDEFGHIJKL", (16, 12, 24, 12, 24, 14, 14, 22, 18, 16, 26, 30), strict=False):
            self.ws.column_dimensions[letter].width = breedte
        self.ws.append(list(KINDVERIFICATIE_VRAAG.kopregel))

    def rij(self, waarden: Mapping[str, object]) -> None:
        self.ws.append([self._cel(waarden.get(k)) for k in KINDVERIFICATIE_VRAAG.kopregel])

    def _cel(self, waarde: object):
        from openpyxl.cell import WriteOnlyCell

        if waarde is None:
            return None
        cel = WriteOnlyCell(self.ws, value=waarde)
        if isinstance(waarde, date):
            cel.number_format = "DD-MM-YYYY"
        else:
            # Always text: keeps a BSN's leading zero, and a name starting with = is no formula.
            cel.value = str(waarde)
            cel.data_type = "s"
        return cel

    def sluit(self) -> None:
        self.wb.save(self.uit)


# --- the answer file: reading and classifying -----------------------------------------------


@dataclass
class _Tellingen(Tellingen):
    aantal_bevestigd: int = 0
    aantal_niet_bevestigd: int = 0
    aantal_ongewijzigd: int = 0
    aantal_onbekend: int = 0


@dataclass
class KindVoorbeeld(_Tellingen):
    bestandsnaam: str = ""
    doel: str = ImportDoel.KINDVERIFICATIE_ANTWOORD
    inhoud_hash: str = ""
    portaaldatum: date | None = None
    verloopdatum: date | None = None
    verlopen: bool = False
    al_geimporteerd: bool = False
    waarschuwingen: list[str] = field(default_factory=list)
    kolomfouten: list[str] = field(default_factory=list)
    onbekende_kolommen: list[str] = field(default_factory=list)

    @property
    def aantal_vast_te_leggen(self) -> int:
        """Verifications the commit would record."""
        return self.aantal_bevestigd + self.aantal_niet_bevestigd

    @property
    def kan_importeren(self) -> bool:
        return not self.kolomfouten


@dataclass
class _Beoordeling:
    rij: GeldigeRij
    uitkomst: KindUitkomst
    dossier_id: int | None  # the child's open dossier (None: not our child)
    sleutel_bekend: bool
    datum: date | None = None  # the verification date to record
    betaling_vastleggen: bool = False  # add a KINDREGELING_UITBETAALD event
    reden: str = ""


def _beoordeel_per_batch(controle: Controle, vandaag: date) -> Iterator[list[_Beoordeling | Afwijzing]]:
    """The rows in file order, ``BATCH`` at a time; the database is asked once per batch."""
    for batch in batched(controle.rijen(), BATCH):
        yield _beoordeel_batch(list(batch), controle, vandaag)


def _beoordeel_batch(
    batch: list[GeldigeRij | Afwijzing], controle: Controle, vandaag: date
) -> list[_Beoordeling | Afwijzing]:
    geldig = [r for r in batch if isinstance(r, GeldigeRij)]
    if not geldig:
        return list(batch)
    bekende_sleutels = set(
        Importregel.objects.filter(rij_sleutel__in=[r.rij_sleutel for r in geldig])
        .values_list("rij_sleutel", flat=True)
    )
    personen = {
        p["bsn"]: p for p in Rechthebbende.objects.filter(bsn__in=[r.bsn for r in geldig]).values(
            "id", "bsn", "achternaam", "geboortedatum",
        )
    }
    # At most one open dossier per person and doelgroep (a database constraint).
    dossiers = {
        d["rechthebbende_id"]: d
        for d in Dossier.objects.open().filter(
            rechthebbende_id__in=[p["id"] for p in personen.values()], doelgroep=Doelgroep.KIND_KINDREGELING,
        ).values("id", "rechthebbende_id", "dossiernummer", "status", "aanmelddatum")
    } if personen else {}
    dossier_ids = [d["id"] for d in dossiers.values()]
    laatste_verificatie: dict[int, str] = {}
    betalingen: set[tuple[int, date]] = set()
    if dossier_ids:
        for d_id, uitkomst in Verificatie.objects.filter(dossier_id__in=dossier_ids).order_by(
            "dossier_id", "datum", "id"
        ).values_list("dossier_id", "uitkomst"):
            laatste_verificatie[d_id] = uitkomst  # the last one wins
        betalingen = set(DossierGebeurtenis.objects.filter(
            dossier_id__in=dossier_ids, soort=GebeurtenisSoort.KINDREGELING_UITBETAALD,
        ).values_list("dossier_id", "datum"))

    uit: list[_Beoordeling | Afwijzing] = []
    for rij in batch:
        if isinstance(rij, Afwijzing):
            uit.append(rij)
        else:
            uit.append(_beoordeel_rij(
                rij, controle, vandaag, personen=personen, dossiers=dossiers, bekende_sleutels=bekende_sleutels,
                laatste_verificatie=laatste_verificatie, betalingen=betalingen,
            ))
    return uit


def _beoordeel_rij(
    rij: GeldigeRij, controle: Controle, vandaag: date, *, personen, dossiers, bekende_sleutels,
    laatste_verificatie, betalingen,
) -> _Beoordeling | Afwijzing:
    w = rij.waarden
    sleutel_bekend = rij.rij_sleutel in bekende_sleutels
    persoon = personen.get(rij.bsn)
    if persoon is None:
        return _Beoordeling(rij, KindUitkomst.ONBEKEND, None, sleutel_bekend, reden=REDEN_ONBEKEND)
    # The control columns are optional; when given they must fit the child we know.
    if (w.get("geboortedatum") and persoon["geboortedatum"] != w["geboortedatum"]) or (
        w.get("achternaam") and persoon["achternaam"].strip().lower() != str(w["achternaam"]).strip().lower()
    ):
        return Afwijzing(rij.regelnummer, _kolom(controle, "bsn"), "", str(regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS.uitleg))
    dossier = dossiers.get(persoon["id"])
    if dossier is None:
        return _Beoordeling(rij, KindUitkomst.ONBEKEND, None, sleutel_bekend, reden=REDEN_GEEN_KINDDOSSIER)
    referentie = str(w.get("referentie") or "").strip().upper()
    if referentie and referentie != dossier["dossiernummer"].upper():
        return Afwijzing(rij.regelnummer, _kolom(controle, "referentie"), str(w["referentie"])[:40], REDEN_KENMERK)
    if sleutel_bekend:
        return _Beoordeling(rij, KindUitkomst.ONGEWIJZIGD, dossier["id"], True)

    wacht = dossier["status"] == DossierStatus.AANGEMELD
    if w["uitkomst"] == VerificatieUitkomst.BEVESTIGD:
        if not wacht:
            return _Beoordeling(rij, KindUitkomst.ONGEWIJZIGD, dossier["id"], False)
        uitkomst = KindUitkomst.BEVESTIGD
    else:
        if not wacht:
            return _Beoordeling(rij, KindUitkomst.ONBEKEND, dossier["id"], False, reden=REDEN_AL_BEVESTIGD)
        if laatste_verificatie.get(dossier["id"]) == VerificatieUitkomst.NIET_BEVESTIGD:
            return _Beoordeling(rij, KindUitkomst.ONGEWIJZIGD, dossier["id"], False)
        uitkomst = KindUitkomst.NIET_BEVESTIGD

    datum = w.get("verificatiedatum") or vandaag
    try:
        regels.controleer_niet_voor(datum, grens=dossier["aanmelddatum"], veld="verificatiedatum")
    except RegelOvertreding as fout:
        return Afwijzing(rij.regelnummer, _kolom(controle, "verificatiedatum"), f"{datum:%d-%m-%Y}", fout.bericht)
    betaald = w.get("uitbetaaldatum_kindregeling")
    betaling = bool(
        uitkomst == KindUitkomst.BEVESTIGD and betaald and (dossier["id"], betaald) not in betalingen
    )
    return _Beoordeling(rij, uitkomst, dossier["id"], False, datum=datum, betaling_vastleggen=betaling)


def _kolom(controle: Controle, naam: str) -> str:
    """The header as named in the file, for a rejection."""
    kop = controle.koppeling.kolommen.get(naam)
    return controle.tabel.origineel(kop) if kop else naam


# --- preview --------------------------------------------------------------------------------


def voorbeeld_kindverificatie(
    *,
    inhoud: bytes,
    bestandsnaam: str,
    doel_gekozen,
    vandaag: date,
    mapping: Mapping[str, str] | None = None,
    portaaldatum: date | None = None,
    voortgang: Voortgang | None = None,
) -> KindVoorbeeld:
    """Read, check and classify an answer file without writing anything.

    Raises ``DoelFout`` (a debt list, or not an answer file) or ``BestandFout`` (unreadable).
    """
    controle = controleer_bestand(
        KINDVERIFICATIE_ANTWOORD, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum
    )
    al = eerder_ingelezen(ImportDoel.KINDVERIFICATIE_ANTWOORD, controle.inhoud_hash) is not None
    uit = KindVoorbeeld(
        bestandsnaam=bestandsnaam, inhoud_hash=controle.inhoud_hash, portaaldatum=controle.portaaldatum,
        verloopdatum=controle.verloopdatum, verlopen=controle.verlopen, al_geimporteerd=al,
        waarschuwingen=list(controle.waarschuwingen), kolomfouten=list(controle.kolomfouten),
        onbekende_kolommen=list(controle.onbekende_kolommen),
    )
    if al:
        uit.waarschuwingen.append("Dit bestand is al eerder ingelezen. Opnieuw inlezen verandert niets.")
    verwerkt = 0
    for batch in batched(controle.rijen(), BATCH) if al else _beoordeel_per_batch(controle, vandaag):
        for item in batch:
            if isinstance(item, Afwijzing):
                uit.afwijzingen.append(item)
            elif al:
                uit.aantal_ongewijzigd += 1
            else:
                uit.tel(item.uitkomst)
                if item.uitkomst == KindUitkomst.ONBEKEND:
                    uit.onbekend.append(Onbekend(item.rij.regelnummer, item.reden))
        verwerkt += len(batch)
        if voortgang is not None:
            voortgang(verwerkt)
    return uit


# --- commit ---------------------------------------------------------------------------------


def uitvoeren_kindverificatie(
    *,
    inhoud: bytes,
    bestandsnaam: str,
    doel_gekozen,
    door,
    vandaag: date,
    mapping: Mapping[str, str] | None = None,
    portaaldatum: date | None = None,
    voortgang: Voortgang | None = None,
) -> Importbestand:
    """Check the file again and record the verifications in one transaction; returns the ``Importbestand``.

    ``aantal_nieuw`` counts the verifications recorded (bevestigd and niet bevestigd),
    ``aantal_onbekend`` the rows without a child awaiting them. The same file a second time
    returns the earlier ``Importbestand`` and changes nothing.
    """
    controle = controleer_bestand(
        KINDVERIFICATIE_ANTWOORD, inhoud, bestandsnaam, doel_gekozen, vandaag, mapping, portaaldatum
    )
    if not controle.kan_importeren:
        raise BestandFout(" ".join(controle.kolomfouten), code="kolommen")
    eerder = eerder_ingelezen(ImportDoel.KINDVERIFICATIE_ANTWOORD, controle.inhoud_hash)
    if eerder is not None:
        return eerder

    tellingen = _Tellingen()
    with transaction.atomic():
        plannen_per_uitvoering()  # the tables grow inside this transaction
        bestand = Importbestand.objects.create(
            inhoud_hash=controle.inhoud_hash, bestandsnaam=(bestandsnaam or "")[:255],
            doel=ImportDoel.KINDVERIFICATIE_ANTWOORD, portaaldatum=controle.portaaldatum,
            verloopdatum=controle.verloopdatum, door=door, team=None,
        )
        with verwerking(
            None, naam=LOGNAAM_ANTWOORD, betrokkenen=[], actor=door,
            object_type="importbestand", object_id=str(bestand.pk),
        ) as log:
            verwerkt = 0
            for batch in _beoordeel_per_batch(controle, vandaag):
                _schrijf_batch(batch, bestand=bestand, door=door, vandaag=vandaag, tellingen=tellingen, log=log)
                verwerkt += len(batch)
                if voortgang is not None:
                    voortgang(verwerkt)
            bestand.aantal_nieuw = tellingen.aantal_bevestigd + tellingen.aantal_niet_bevestigd
            bestand.aantal_ongewijzigd = tellingen.aantal_ongewijzigd
            bestand.aantal_afgewezen = tellingen.aantal_afgewezen
            bestand.aantal_onbekend = tellingen.aantal_onbekend
            bestand.save(update_fields=["aantal_nieuw", "aantal_ongewijzigd", "aantal_afgewezen", "aantal_onbekend"])
    return bestand


_VASTLEGGEN = frozenset({KindUitkomst.BEVESTIGD, KindUitkomst.NIET_BEVESTIGD})


def _schrijf_batch(batch, *, bestand: Importbestand, door, vandaag: date, tellingen: _Tellingen, log) -> None:
    dossiers = Dossier.objects.in_bulk([
        item.dossier_id for item in batch if isinstance(item, _Beoordeling) and item.uitkomst in _VASTLEGGEN
    ])
    regels_nieuw: list[Importregel] = []
    for item in batch:
        if isinstance(item, Afwijzing):
            tellingen.afwijzingen.append(item)
            continue
        tellingen.tel(item.uitkomst)
        if item.dossier_id is None:
            # Not our child: nothing is kept (no row key, no log line).
            continue
        log.betrokkene_toevoegen(item.rij.bsn)
        if item.uitkomst == KindUitkomst.ONBEKEND:
            continue  # a child already confirmed: the answer is reported, not recorded
        if item.uitkomst in _VASTLEGGEN:
            _verificatie_schrijven(item, dossiers[item.dossier_id], bestand=bestand, door=door, vandaag=vandaag)
        if not item.sleutel_bekend:
            regels_nieuw.append(Importregel(
                importbestand=bestand, rij_sleutel=item.rij.rij_sleutel, regelnummer=item.rij.regelnummer,
                uitkomst=Uitkomst.ONGEWIJZIGD if item.uitkomst == KindUitkomst.ONGEWIJZIGD else Uitkomst.NIEUW,
                dossier_id=item.dossier_id,
            ))
    Importregel.objects.bulk_create(regels_nieuw)


def _verificatie_schrijven(
    item: _Beoordeling, dossier: Dossier, *, bestand: Importbestand, door, vandaag: date
) -> None:
    w = item.rij.waarden
    toelichting = f"Uit het antwoordbestand kindverificatie '{bestand.bestandsnaam}'."
    if w.get("opmerking"):
        toelichting += f" Toelichting van UHT: {w['opmerking']}"
    if item.betaling_vastleggen:
        # Before the verification, which refreshes the terms once for both events.
        gebeurtenis_vastleggen(
            dossier, GebeurtenisSoort.KINDREGELING_UITBETAALD, door=door, datum=w["uitbetaaldatum_kindregeling"],
            gegevens={"bron": "KINDVERIFICATIE", "importbestand": bestand.pk}, termijnen_bijwerken=False,
        )
    verificatie_vastleggen(
        dossier=dossier, door=door, datum=item.datum, uitkomst=str(item.uitkomst),
        contactpersoon_uht=CONTACTPERSOON_UHT, toelichting=toelichting, vandaag=vandaag,
    )
