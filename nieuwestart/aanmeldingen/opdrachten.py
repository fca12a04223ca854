"""Web uploads of portal files as background work: check, preview, confirm, import.

The upload request itself only reads the file's header: a debt list, a file of another kind or
an unreadable file is refused there and nothing is stored (``opdracht_aanmaken``). Otherwise an
``Importopdracht`` keeps the bytes and the preview and the import run in the task worker
(``tasks.py``, Django's tasks framework): they call the import functions of ``importeren``,
``statusupdates`` and ``kindverificatie``, which own all the rules.

Progress. The import is one database transaction, so nothing it does is visible (on SQLite not
even readable) until it commits. Progress therefore goes to the ``voortgang`` cache, which web
and worker processes share: rows done, rows expected (estimated cheaply from the bytes) and a
heartbeat that a small thread in the worker refreshes every few seconds. A running phase
whose heartbeat stopped means the worker died: the transaction was rolled back and nothing
changed, so the user may simply try again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from django.core.cache import caches
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nieuwestart.aanmeldingen.importeren import controleer_bestand
from nieuwestart.aanmeldingen.kolomkoppelingen import formaat_voor, koppeling_opslaan
from nieuwestart.aanmeldingen.models import (
    Fase,
    ImportDoel,
    Importbestand,
    Importopdracht,
)
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout, Tabel
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.logboek.services import openstaande_regels_vastleggen

logger = logging.getLogger(__name__)

__all__ = [
    "HARTSLAG_VERLOPEN",
    "Stand",
    "afbreken",
    "bevestigen",
    "ingelezen_bestanden",
    "inlezen",
    "kolommen_koppelen",
    "opdracht_aanmaken",
    "opdrachten_opschonen",
    "opnieuw_proberen",
    "stand_van",
    "voorbeeld_maken",
    "zichtbare_opdrachten",
]

VOORTGANG_CACHE = "voortgang"
HARTSLAG_INTERVAL = 5.0  # seconds between heartbeats while the worker runs
HARTSLAG_VERLOPEN = timedelta(minutes=2)  # no heartbeat for this long: the worker stopped
WACHTRIJ_LANG = timedelta(minutes=2)  # queued this long without a worker picking it up
PERSOONSGEGEVENS_BEWAREN = timedelta(days=1)
OPDRACHT_BEWAREN = timedelta(days=30)
MAX_WIJZIGINGEN = 10_000  # proposed contact updates kept for the preview (the commit uses the file)

MISLUKT_MELDING = (
    "Er ging iets mis bij het verwerken van het bestand. Er is niets veranderd. Probeer het later "
    "opnieuw of neem contact op met de functioneel beheerder."
)


# --- the kinds of file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Importsoort:
    doel: str
    voorbeeld: Callable
    uitvoeren: Callable
    met_team: bool = False  # contact list: new dossiers need a (fallback) team
    met_wijzigingen: bool = False  # contact list: proposed contact updates, taken over or not
    tellingen: tuple[str, ...] = ()  # counters of the preview/result, in display order


@cache
def importsoorten() -> dict[str, Importsoort]:
    from nieuwestart.aanmeldingen import importeren, kindverificatie, statusupdates

    return {
        ImportDoel.CONTACTLIJST: Importsoort(
            ImportDoel.CONTACTLIJST, importeren.voorbeeld, importeren.uitvoeren, met_team=True, met_wijzigingen=True,
            tellingen=("aantal_nieuw", "aantal_bijgewerkt", "aantal_ongewijzigd", "aantal_afgewezen"),
        ),
        ImportDoel.STATUSUPDATE: Importsoort(
            ImportDoel.STATUSUPDATE, statusupdates.voorbeeld_status, statusupdates.uitvoeren_status,
            tellingen=("aantal_nieuw_status", "aantal_ongewijzigd", "aantal_potentieel", "aantal_onbekend",
                       "aantal_afgewezen", "aantal_gebeurtenissen"),
        ),
        ImportDoel.KINDVERIFICATIE_ANTWOORD: Importsoort(
            ImportDoel.KINDVERIFICATIE_ANTWOORD, kindverificatie.voorbeeld_kindverificatie,
            kindverificatie.uitvoeren_kindverificatie,
            tellingen=("aantal_bevestigd", "aantal_niet_bevestigd", "aantal_ongewijzigd", "aantal_onbekend",
                       "aantal_afgewezen"),
        ),
    }


# Counter -> label on the screens (preview and result).
TELLING_NAMEN = {
    "aantal_nieuw": _("Nieuw"),
    "aantal_bijgewerkt": _("Bijgewerkt"),
    "aantal_ongewijzigd": _("Ongewijzigd"),
    "aantal_afgewezen": _("Afgewezen"),
    "aantal_nieuw_status": _("Nieuwe status"),
    "aantal_potentieel": _("Potentieel gedupeerd (niets vast te leggen)"),
    "aantal_onbekend": _("Niet bij ons bekend"),
    "aantal_gebeurtenissen": _("Vastleggingen in dossiers"),
    "aantal_bevestigd": _("Bevestigd"),
    "aantal_niet_bevestigd": _("Niet bevestigd"),
}
# The same counters on an Importbestand (the result of a contact list or a child verification).
_BESTAND_TELLINGEN = {
    ImportDoel.CONTACTLIJST: ("aantal_nieuw", "aantal_bijgewerkt", "aantal_ongewijzigd", "aantal_afgewezen"),
    ImportDoel.KINDVERIFICATIE_ANTWOORD: ("aantal_nieuw", "aantal_ongewijzigd", "aantal_onbekend", "aantal_afgewezen"),
    ImportDoel.STATUSUPDATE: ("aantal_nieuw", "aantal_ongewijzigd", "aantal_onbekend", "aantal_afgewezen"),
}
# An Importbestand of a child verification counts recorded verifications as "nieuw".
BESTAND_TELLING_NAMEN = {
    ImportDoel.KINDVERIFICATIE_ANTWOORD: {"aantal_nieuw": _("Verificaties vastgelegd")},
    ImportDoel.STATUSUPDATE: {"aantal_nieuw": _("Nieuwe status")},
}


def telling_naam(code: str, doel: str = "") -> str:
    naam = BESTAND_TELLING_NAMEN.get(doel, {}).get(code) or TELLING_NAMEN.get(code)
    return str(naam) if naam else code.removeprefix("aantal_").replace("_", " ").capitalize()


def _tellingen(obj, namen: tuple[str, ...]) -> list[list]:
    return [[naam, int(getattr(obj, naam))] for naam in namen if hasattr(obj, naam)]


# --- progress in the shared cache ---------------------------------------------------------------


def _sleutel(opdracht_id, deel: str) -> str:
    return f"importopdracht:{opdracht_id}:{deel}"


def _cache():
    return caches[VOORTGANG_CACHE]


@dataclass(frozen=True)
class Voortgang:
    gedaan: int = 0
    totaal: int | None = None
    hartslag: datetime | None = None

    @property
    def procent(self) -> int | None:
        if not self.totaal:
            return None
        return min(100, round(100 * self.gedaan / self.totaal))


def voortgang_lezen(opdracht_id) -> Voortgang:
    waarden = _cache().get_many([_sleutel(opdracht_id, d) for d in ("gedaan", "totaal", "hartslag")])
    hartslag = waarden.get(_sleutel(opdracht_id, "hartslag"))
    totaal = waarden.get(_sleutel(opdracht_id, "totaal"))
    gedaan = waarden.get(_sleutel(opdracht_id, "gedaan")) or 0
    return Voortgang(
        gedaan=min(gedaan, totaal) if totaal else gedaan,
        totaal=totaal,
        hartslag=datetime.fromtimestamp(hartslag, tz=timezone.get_current_timezone()) if hartslag else None,
    )


class _Hartslag:
    """While the worker runs a phase: progress counters and a heartbeat thread in the cache."""

    def __init__(self, opdracht_id, totaal: int | None) -> None:
        self.id = opdracht_id
        self.totaal = totaal
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._kloppen, name=f"hartslag-{opdracht_id}", daemon=True)

    def melden(self, gedaan: int) -> None:
        _cache().set(_sleutel(self.id, "gedaan"), int(gedaan))

    def _kloppen(self) -> None:
        while not self._stop.wait(HARTSLAG_INTERVAL):
            try:
                _cache().set(_sleutel(self.id, "hartslag"), time.time())
            except Exception:  # noqa: BLE001 - a missed heartbeat must never break the import
                logger.warning("Hartslag van importopdracht %s niet geschreven", self.id, exc_info=True)

    def __enter__(self) -> _Hartslag:
        _cache().set_many({
            _sleutel(self.id, "gedaan"): 0, _sleutel(self.id, "totaal"): self.totaal,
            _sleutel(self.id, "hartslag"): time.time(),
        })
        self._draad.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._draad.join(timeout=HARTSLAG_INTERVAL + 1)
        # A finished phase has no heartbeat: only a killed worker leaves a stale one behind.
        _cache().delete(_sleutel(self.id, "hartslag"))


def _voortgang_wissen(opdracht_id) -> None:
    _cache().delete_many([_sleutel(opdracht_id, d) for d in ("gedaan", "totaal", "hartslag")])


def schat_aantal_regels(inhoud: bytes, tabel: Tabel) -> int | None:
    """Data rows expected, cheaply: line breaks for CSV, the sheet's dimension for XLSX."""
    if tabel.soort == "csv":
        regels = inhoud.count(b"\n") + (0 if inhoud.rstrip(b"\x00").endswith(b"\n") else 1)
        return max(0, regels - tabel.kopregel)
    try:
        import io

        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        try:
            max_rij = wb.worksheets[0].max_row
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - only an estimate
        return None
    return max(0, max_rij - tabel.kopregel) if max_rij else None


# --- where an opdracht stands (for the screens) ------------------------------------------------


@dataclass(frozen=True)
class Stand:
    fase: str
    voortgang: Voortgang = field(default_factory=Voortgang)
    afgebroken: bool = False  # a running phase whose worker stopped: nothing changed
    wacht_lang: bool = False  # queued for a while and no worker picked it up

    @property
    def loopt(self) -> bool:
        return self.fase in (Fase.CONTROLEREN, Fase.BEVESTIGD, Fase.INLEZEN) and not self.afgebroken


def stand_van(opdracht: Importopdracht, *, nu: datetime | None = None) -> Stand:
    nu = nu or timezone.now()
    if opdracht.fase not in (Fase.CONTROLEREN, Fase.BEVESTIGD, Fase.INLEZEN):
        return Stand(opdracht.fase)
    voortgang = voortgang_lezen(opdracht.pk)
    sinds = opdracht.gewijzigd_op or nu
    if voortgang.hartslag is not None:
        return Stand(opdracht.fase, voortgang, afgebroken=nu - voortgang.hartslag > HARTSLAG_VERLOPEN)
    if opdracht.fase == Fase.INLEZEN:
        # Claimed by a worker, but its heartbeat is gone (or never came): it stopped.
        return Stand(opdracht.fase, voortgang, afgebroken=nu - sinds > HARTSLAG_VERLOPEN)
    return Stand(opdracht.fase, voortgang, wacht_lang=nu - sinds > WACHTRIJ_LANG)


# --- selectors ----------------------------------------------------------------------------------


def zichtbare_opdrachten(user):
    """An upload is seen by the person who made it, nobody else.

    The file itself (up to tens of MB) is never loaded for a page; ``met_bestand`` says whether
    it is still kept.
    """
    return (
        Importopdracht.objects.filter(door=user).select_related("team", "importbestand").defer("inhoud")
        .annotate(met_bestand=ExpressionWrapper(Q(inhoud__isnull=False), output_field=BooleanField()))
    )


def _met_bestand(opdracht: Importopdracht) -> bool:
    return Importopdracht.objects.filter(pk=opdracht.pk, inhoud__isnull=False).exists()


def ingelezen_bestanden(user):
    """Earlier imports the user may see: their teams' contact lists, every status update and
    child verification (those have no team), and their own."""
    return (
        Importbestand.objects.filter(Q(team__isnull=True) | Q(team__in=user.teams.all()) | Q(door=user))
        .select_related("door", "team")
        .order_by("-geimporteerd_op", "-pk")
    )


# --- the upload (synchronous: nothing is stored for a refused file) ---------------------------


def opdracht_aanmaken(
    *, inhoud: bytes, bestandsnaam: str, doel: str, door, team, portaaldatum: date | None, vandaag: date
) -> Importopdracht:
    """Check the header, keep the upload and start its preview in the background.

    Raises ``DoelFout`` (a debt list, the wrong kind of file) or ``BestandFout`` (unreadable)
    before anything is stored.
    """
    if doel not in importsoorten():
        raise DoelFout(str(_("Kies waarvoor u dit bestand inleest: contactlijst, statusupdate of antwoord kindverificatie.")))
    # The same check every import starts with; it reads the header only.
    tabel = controleer_bestand(formaat_voor(doel), inhoud, bestandsnaam, doel, vandaag, None, portaaldatum).tabel
    opdracht = Importopdracht.objects.create(
        doel=doel, bestandsnaam=(bestandsnaam or "bestand")[:255], inhoud=inhoud, grootte=len(inhoud), door=door,
        team=team if importsoorten()[doel].met_team else None, portaaldatum=portaaldatum,
        uitkomst={"regels_geschat": schat_aantal_regels(inhoud, tabel)},
    )
    _start_voorbeeld(opdracht.pk)
    return opdracht


def _start_voorbeeld(opdracht_id) -> None:
    from nieuwestart.aanmeldingen import tasks

    _voortgang_wissen(opdracht_id)
    tasks.importvoorbeeld_maken.enqueue(str(opdracht_id))


def _start_inlezen(opdracht_id) -> None:
    from nieuwestart.aanmeldingen import tasks

    _voortgang_wissen(opdracht_id)
    tasks.importopdracht_inlezen.enqueue(str(opdracht_id))


# --- the work (run by the task worker) ----------------------------------------------------------


def _argumenten(opdracht: Importopdracht, *, vandaag: date, hartslag: _Hartslag) -> dict:
    soort = importsoorten()[opdracht.doel]
    kwargs = {
        "inhoud": bytes(opdracht.inhoud), "bestandsnaam": opdracht.bestandsnaam, "doel_gekozen": opdracht.doel,
        "vandaag": vandaag, "mapping": dict(opdracht.mapping or {}), "portaaldatum": opdracht.portaaldatum,
        "voortgang": hartslag.melden,
    }
    if soort.met_team:
        kwargs["team"] = opdracht.team
    return kwargs


def _kolominfo(opdracht: Importopdracht, *, vandaag: date) -> dict:
    """Unknown headers (to offer a mapping for) and missing required columns (header only)."""
    controle = controleer_bestand(
        formaat_voor(opdracht.doel), bytes(opdracht.inhoud), opdracht.bestandsnaam, opdracht.doel, vandaag,
        opdracht.mapping, opdracht.portaaldatum,
    )
    return {
        "onbekende_kolommen": [[kop, controle.tabel.origineel(kop)] for kop in controle.koppeling.onbekend],
        "ontbrekende_kolommen": list(controle.koppeling.ontbrekend),
    }


def _rijen(uitkomst) -> list[dict]:
    """Rejected rows and rows that could not be processed, in file order (for the screen and report)."""
    rijen = [
        {"regel": a.regelnummer, "kolom": a.kolom, "waarde": a.waarde_kort, "reden": a.reden}
        for a in getattr(uitkomst, "afwijzingen", None) or []
    ]
    rijen += [
        {"regel": o.regelnummer, "kolom": "", "waarde": "", "reden": o.reden}
        for o in getattr(uitkomst, "onbekend", None) or []
    ]
    return sorted(rijen, key=lambda r: r["regel"])


def _mislukt(opdracht_id, melding: str) -> None:
    Importopdracht.objects.filter(pk=opdracht_id).update(
        fase=Fase.MISLUKT, foutmelding=melding, inhoud=None, afwijzingen=[], wijzigingen=[],
        gewijzigd_op=timezone.now(),
    )


def voorbeeld_maken(opdracht_id: str, *, vandaag: date | None = None) -> None:
    """Run the preview of one upload and keep its outcome (the task ``importvoorbeeld_maken``)."""
    opdracht = Importopdracht.objects.filter(pk=opdracht_id, fase=Fase.CONTROLEREN).first()
    if opdracht is None or opdracht.inhoud is None:
        return  # cancelled, or already done
    soort = importsoorten()[opdracht.doel]
    vandaag = vandaag or timezone.localdate()
    with _Hartslag(opdracht.pk, opdracht.uitkomst.get("regels_geschat")) as hartslag:
        try:
            vb = soort.voorbeeld(**_argumenten(opdracht, vandaag=vandaag, hartslag=hartslag))
            kolommen = _kolominfo(opdracht, vandaag=vandaag)
        except (DoelFout, BestandFout) as fout:
            _mislukt(opdracht.pk, fout.melding)
            return
        except Exception:
            logger.exception("Voorbeeld van importopdracht %s mislukt", opdracht.pk)
            _mislukt(opdracht.pk, MISLUKT_MELDING)
            raise
        uitkomst = {
            "regels_geschat": opdracht.uitkomst.get("regels_geschat"),
            "tellingen": _tellingen(vb, soort.tellingen),
            "waarschuwingen": list(vb.waarschuwingen),
            "kolomfouten": list(vb.kolomfouten),
            "kan_importeren": bool(vb.kan_importeren),
            "al_geimporteerd": bool(vb.al_geimporteerd),
            "portaaldatum": vb.portaaldatum.isoformat() if vb.portaaldatum else None,
            "verloopdatum": vb.verloopdatum.isoformat() if vb.verloopdatum else None,
            "verlopen": bool(vb.verlopen),
            "teamtoewijzing": str(getattr(vb, "teamtoewijzing", "") or ""),
            "nieuw_per_team": dict(getattr(vb, "nieuw_per_team", None) or {}),
            **kolommen,
        }
        wijzigingen = [
            {"regel": w.regelnummer, "veld": w.veld, "oud": w.oud, "nieuw": w.nieuw, "bsn": w.bsn}
            for w in (getattr(vb, "wijzigingen", None) or [])[:MAX_WIJZIGINGEN]
        ]
        # Only if nobody cancelled meanwhile; still inside the heartbeat, so the page never sees
        # a running phase without one.
        Importopdracht.objects.filter(pk=opdracht.pk, fase=Fase.CONTROLEREN).update(
            fase=Fase.VOORBEELD, uitkomst=uitkomst, afwijzingen=_rijen(vb), wijzigingen=wijzigingen,
            gewijzigd_op=timezone.now(),
        )


def inlezen(opdracht_id: str, *, vandaag: date | None = None) -> None:
    """Import one confirmed upload in one transaction (the task ``importopdracht_inlezen``)."""
    # Claim it: a second task for the same opdracht (a double click) finds nothing to do.
    begonnen = timezone.now()
    if not Importopdracht.objects.filter(pk=opdracht_id, fase=Fase.BEVESTIGD).update(
        fase=Fase.INLEZEN, gewijzigd_op=begonnen
    ):
        return
    opdracht = Importopdracht.objects.get(pk=opdracht_id)
    if opdracht.inhoud is None:
        _mislukt(opdracht.pk, "Het bestand is niet meer bewaard. Lees het opnieuw in.")
        return
    soort = importsoorten()[opdracht.doel]
    vandaag = vandaag or timezone.localdate()
    with _Hartslag(opdracht.pk, opdracht.uitkomst.get("regels_geschat")) as hartslag:
        try:
            kwargs = _argumenten(opdracht, vandaag=vandaag, hartslag=hartslag)
            kwargs["door"] = opdracht.door
            if soort.met_wijzigingen:
                kwargs["wijzigingen_overnemen"] = opdracht.wijzigingen_overnemen
            uit = soort.uitvoeren(**kwargs)
        except (DoelFout, BestandFout) as fout:
            _mislukt(opdracht.pk, fout.melding)
            return
        except Exception:
            logger.exception("Inlezen van importopdracht %s mislukt", opdracht.pk)
            _mislukt(opdracht.pk, MISLUKT_MELDING)
            raise
        finally:
            # Failure lines of the processing log whose transaction rolled back.
            openstaande_regels_vastleggen()
        bestand = uit if isinstance(uit, Importbestand) else getattr(uit, "bestand", None)
        namen = _BESTAND_TELLINGEN.get(opdracht.doel, ()) if isinstance(uit, Importbestand) else soort.tellingen
        # The same file imported before (by anyone): the import returned that earlier result.
        al = bool(getattr(uit, "al_geimporteerd", False)) or bool(bestand and bestand.geimporteerd_op < begonnen)
        velden = {
            "fase": Fase.KLAAR, "importbestand": bestand, "inhoud": None, "wijzigingen": [],
            "resultaat": {"tellingen": _tellingen(uit, namen), "al_geimporteerd": al}, "gewijzigd_op": timezone.now(),
        }
        if hasattr(uit, "afwijzingen"):
            velden["afwijzingen"] = _rijen(uit)  # what the commit itself rejected
        Importopdracht.objects.filter(pk=opdracht.pk).update(**velden)


# --- what the user does ---------------------------------------------------------------------------


def bevestigen(opdracht: Importopdracht, *, wijzigingen_overnemen: bool = True) -> bool:
    """Confirm a preview: the import starts in the background. False when there is nothing to confirm."""
    if not opdracht.uitkomst.get("kan_importeren") or opdracht.uitkomst.get("al_geimporteerd"):
        return False
    if not Importopdracht.objects.filter(pk=opdracht.pk, fase=Fase.VOORBEELD).update(
        fase=Fase.BEVESTIGD, wijzigingen_overnemen=wijzigingen_overnemen, gewijzigd_op=timezone.now()
    ):
        return False
    _start_inlezen(opdracht.pk)
    return True


def afbreken(opdracht: Importopdracht) -> bool:
    """Cancel an upload before its import started (or after its worker stopped); its file and
    outcome are cleared at once."""
    fasen = [Fase.CONTROLEREN, Fase.VOORBEELD, Fase.BEVESTIGD]
    if stand_van(opdracht).afgebroken:
        fasen.append(Fase.INLEZEN)  # its worker stopped: nothing changed, so it may be dropped
    gewijzigd = Importopdracht.objects.filter(pk=opdracht.pk, fase__in=fasen).update(fase=Fase.AFGEBROKEN, inhoud=None, afwijzingen=[], wijzigingen=[], gewijzigd_op=timezone.now())
    if gewijzigd:
        _voortgang_wissen(opdracht.pk)
    return bool(gewijzigd)


def opnieuw_proberen(opdracht: Importopdracht, *, nu: datetime | None = None) -> bool:
    """Start a phase again whose worker stopped (nothing changed: its transaction rolled back)."""
    if not stand_van(opdracht, nu=nu).afgebroken or not _met_bestand(opdracht):
        return False
    if opdracht.fase == Fase.INLEZEN:
        if not Importopdracht.objects.filter(pk=opdracht.pk, fase=Fase.INLEZEN).update(
            fase=Fase.BEVESTIGD, gewijzigd_op=timezone.now()
        ):
            return False
        _start_inlezen(opdracht.pk)
        return True
    # The preview writes nothing: simply run it again.
    Importopdracht.objects.filter(pk=opdracht.pk).update(gewijzigd_op=timezone.now())
    _start_voorbeeld(opdracht.pk)
    return True


def kolommen_koppelen(opdracht: Importopdracht, *, koppelingen: dict[str, str], bewaren: bool, door) -> bool:
    """Read unknown headers as the chosen columns and check the file again.

    ``koppelingen``: normalised header -> canonical column. With ``bewaren`` the mapping is saved
    for every later file of this kind (``Kolomkoppeling``).
    """
    if opdracht.fase != Fase.VOORBEELD or not _met_bestand(opdracht):
        return False
    origineel = dict(opdracht.uitkomst.get("onbekende_kolommen") or [])
    if bewaren:
        for kop, kolom in koppelingen.items():
            koppeling_opslaan(doel=opdracht.doel, kop=origineel.get(kop, kop), kolom=kolom, door=door)
    mapping = {**(opdracht.mapping or {}), **koppelingen}
    if not Importopdracht.objects.filter(pk=opdracht.pk, fase=Fase.VOORBEELD).update(
        fase=Fase.CONTROLEREN, mapping=mapping, afwijzingen=[], wijzigingen=[],
        uitkomst={"regels_geschat": opdracht.uitkomst.get("regels_geschat")}, gewijzigd_op=timezone.now(),
    ):
        return False
    _start_voorbeeld(opdracht.pk)
    return True


# --- retention ------------------------------------------------------------------------------------


def opdrachten_opschonen(*, nu: datetime, uitvoeren: bool = True) -> int:
    """Clear the personal data of uploads older than a day; delete uploads older than 30 days.

    An upload left unconfirmed for a day is cancelled. Returns how many uploads had personal
    data to clear (or would have, with ``uitvoeren=False``).
    """
    oud = Importopdracht.objects.filter(aangemaakt_op__lt=nu - PERSOONSGEGEVENS_BEWAREN)
    met_gegevens = oud.filter(Q(inhoud__isnull=False) | ~Q(afwijzingen=[]) | ~Q(wijzigingen=[]))
    aantal = met_gegevens.count()
    if not uitvoeren:
        return aantal
    oud.filter(fase__in=[Fase.CONTROLEREN, Fase.VOORBEELD, Fase.BEVESTIGD, Fase.INLEZEN]).update(
        fase=Fase.AFGEBROKEN, foutmelding=str(_("Niet binnen een dag ingelezen. Het bestand is verwijderd. Lees het opnieuw in als u het nog nodig heeft.")),
    )
    met_gegevens.update(inhoud=None, afwijzingen=[], wijzigingen=[])
    Importopdracht.objects.filter(aangemaakt_op__lt=nu - OPDRACHT_BEWAREN).delete()
    return aantal
