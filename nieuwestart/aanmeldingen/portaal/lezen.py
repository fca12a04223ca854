"""Reading Gegevensportaal files: CSV (any common delimiter and encoding) or XLSX.

Pure Python, no database. ``lees_tabel`` turns any bytes into either a ``Tabel`` or a
``BestandFout`` with a plain-Dutch message; rows are streamed from the bytes on demand
(a generator), never built into one big list.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

__all__ = ["BestandFout", "Tabel", "lees_tabel", "normaliseer_kop"]

_ZIP_MAGIC = b"PK\x03\x04"
# An encrypted (password-protected) XLSX and the old binary .xls are both OLE2 files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SCHEIDINGSTEKENS = (";", "\t", ",")  # order = preference on a tie
_MAX_TITELREGELS = 10
_MAX_VELD = 10_000  # characters in one cell
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class BestandFout(Exception):
    """The file cannot be read at all; ``melding`` is plain Dutch for the user."""

    def __init__(self, melding: str, code: str = "onleesbaar") -> None:
        super().__init__(melding)
        self.melding = melding
        self.code = code


def normaliseer_kop(tekst: object) -> str:
    """A header name (or choice value) compared loosely.

    Case, accents, surrounding and double spaces, underscores, dashes, dots and
    slashes do not matter: ``" Geboorte_Datum "`` and ``"geboorte-datum"`` are equal.
    """
    s = unicodedata.normalize("NFKD", str(tekst or ""))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return s.strip()


@dataclass
class Tabel:
    """A readable file: its headers and a fresh row iterator on every ``rijen()`` call."""

    bestandsnaam: str
    soort: str  # "csv" or "xlsx"
    kolommen: tuple[str, ...]  # normalised header names, unique
    originele_kolommen: tuple[str, ...]  # as in the file
    kopregel: int  # row number of the header as the user sees it (1 without title rows)
    titelregels: tuple[str, ...]  # text of rows above the header (e.g. "Schuldenlijst ...")
    inhoud_hash: str  # sha256 hex of the file's bytes
    codering: str | None = None
    scheidingsteken: str | None = None
    dubbele_kolommen: tuple[str, ...] = ()  # original names that occur more than once
    _ruw: Callable[[], Iterator[tuple[int, list[str]]]] = field(default=None, repr=False)

    def origineel(self, kolom: str) -> str:
        """The header as written in the file, for messages."""
        try:
            return self.originele_kolommen[self.kolommen.index(kolom)]
        except ValueError:
            return kolom

    def rijen(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number as in a spreadsheet, {normalised header: text}) per non-empty row.

        May raise ``BestandFout`` when the file turns out to be damaged further on.
        """
        n_kol = len(self.kolommen)
        for nummer, cellen in self._ruw():
            if nummer <= self.kopregel:
                continue
            if not any(cellen):
                continue
            rij = dict(zip(self.kolommen, cellen[:n_kol]))
            if len(cellen) < n_kol:
                for k in self.kolommen[len(cellen):]:
                    rij[k] = ""
            for i, waarde in enumerate(cellen[n_kol:], start=n_kol + 1):
                if waarde:
                    rij[f"kolom {i}"] = waarde
            yield nummer, rij


def lees_tabel(inhoud: bytes, bestandsnaam: str = "") -> Tabel:
    """Read a CSV or XLSX file; raises only ``BestandFout``."""
    try:
        return _lees_tabel(inhoud, bestandsnaam or "")
    except BestandFout:
        raise
    except Exception as exc:  # noqa: BLE001 - any other failure is an unreadable file
        raise BestandFout(
            "Het bestand kan niet worden gelezen. Sla het op als CSV (puntkomma of komma "
            "gescheiden) of als Excel-bestand (.xlsx) en probeer het opnieuw.",
            code="onleesbaar",
        ) from exc


def _lees_tabel(inhoud: bytes, bestandsnaam: str) -> Tabel:
    if not isinstance(inhoud, (bytes, bytearray, memoryview)):
        raise BestandFout("Er is geen bestand ontvangen.", code="leeg")
    inhoud = bytes(inhoud)
    if not inhoud.strip():
        raise BestandFout(
            "Het bestand is leeg. Kies het goede bestand, of sla het opnieuw op en probeer het nog eens.", code="leeg"
        )
    inhoud_hash = hashlib.sha256(inhoud).hexdigest()
    if inhoud.startswith(_OLE_MAGIC):
        raise BestandFout(
            "Dit is een Excel-bestand met een wachtwoord of een oud Excel-bestand (.xls). "
            "Haal het wachtwoord eraf en sla het op als .xlsx of als CSV.",
            code="beveiligd_of_xls",
        )
    if inhoud.startswith(_ZIP_MAGIC):
        ruw = _xlsx_ruw(inhoud)
        soort, codering, scheiding = "xlsx", None, None
    else:
        if bestandsnaam.lower().endswith((".xlsx", ".xlsm")):
            raise BestandFout(
                "Dit bestand heet .xlsx maar is geen geldig Excel-bestand. Het is misschien "
                "beschadigd. Open het in Excel en sla het opnieuw op.",
                code="xlsx_kapot",
            )
        codering = _kies_codering(inhoud)
        scheiding = _snuffel_scheidingsteken(inhoud, codering)
        ruw = _csv_ruw(inhoud, codering, scheiding)
        soort = "csv"

    titels: list[tuple[int, list[str]]] = []
    kop: list[str] | None = None
    kopregel = 0
    for nummer, cellen in ruw():
        gevuld = [c for c in cellen if c]
        if not gevuld:
            continue
        if len(gevuld) == 1 and len(titels) < _MAX_TITELREGELS:
            titels.append((nummer, cellen))
            continue
        if len(gevuld) > 1:
            kop, kopregel = cellen, nummer
        break
    if kop is None:
        if not titels:
            raise BestandFout("Het bestand bevat geen kopregel met kolomnamen.", code="geen_kop")
        # Only single-cell rows: the first one is a one-column header after all.
        kopregel, kop = titels[0]
        titels = []
    # Drop trailing empty header cells (common in spreadsheets).
    while kop and not kop[-1]:
        kop = kop[:-1]
    originelen, genormaliseerd, dubbel = [], [], []
    gezien: set[str] = set()
    for i, naam in enumerate(kop, start=1):
        naam_n = normaliseer_kop(naam) or f"kolom {i}"
        if naam_n in gezien:
            dubbel.append(naam)
            naam_n = f"{naam_n} ({i})"
        gezien.add(naam_n)
        originelen.append(naam or f"kolom {i}")
        genormaliseerd.append(naam_n)
    return Tabel(
        bestandsnaam=bestandsnaam,
        soort=soort,
        kolommen=tuple(genormaliseerd),
        originele_kolommen=tuple(originelen),
        kopregel=kopregel,
        titelregels=tuple(next(c for c in cellen if c) for _, cellen in titels),
        inhoud_hash=inhoud_hash,
        codering=codering,
        scheidingsteken=scheiding,
        dubbele_kolommen=tuple(dubbel),
        _ruw=ruw,
    )


# --- CSV -----------------------------------------------------------------------------


def _kies_codering(inhoud: bytes) -> str:
    if inhoud.startswith(codecs.BOM_UTF8):
        codering = "utf-8-sig"
    elif inhoud.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codering = "utf-16"
    elif _is_utf8(inhoud):
        return "utf-8"
    else:
        codering = "cp1252"
    try:
        _controleer_decodeerbaar(inhoud, codering)
    except UnicodeDecodeError:
        raise BestandFout(
            "De tekens in het bestand kunnen niet worden gelezen. Sla het op als CSV in "
            "UTF-8 of als Excel-bestand (.xlsx).",
            code="codering",
        ) from None
    return codering


def _is_utf8(inhoud: bytes) -> bool:
    try:
        _controleer_decodeerbaar(inhoud, "utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _controleer_decodeerbaar(inhoud: bytes, codering: str) -> None:
    """Decode in chunks without keeping the text (also counts control characters)."""
    decoder = codecs.getincrementaldecoder(codering)(errors="strict")
    stuurtekens = 0
    totaal = 0
    blok = 1 << 20
    for start in range(0, len(inhoud), blok):
        tekst = decoder.decode(inhoud[start : start + blok], final=start + blok >= len(inhoud))
        totaal += len(tekst)
        stuurtekens += len(_STUURTEKENS.findall(tekst))
    nul_bytes = codering != "utf-16" and b"\x00" in inhoud[:4096]
    if totaal and (stuurtekens > 0.01 * totaal or nul_bytes):
        raise BestandFout(
            "Dit is geen CSV- of Excel-bestand (het bevat binaire gegevens). Kies het "
            "bestand uit het Gegevensportaal (.csv of .xlsx).",
            code="binair",
        )


def _snuffel_scheidingsteken(inhoud: bytes, codering: str) -> str:
    """The delimiter of the header line: the first line that has any candidate."""
    tekst = inhoud[:65536].decode(codering, errors="ignore")
    for regel in tekst.splitlines()[:_MAX_TITELREGELS + 2]:
        zonder_quotes = re.sub(r'"[^"]*"', "", regel)
        tellingen = {s: zonder_quotes.count(s) for s in _SCHEIDINGSTEKENS}
        beste = max(_SCHEIDINGSTEKENS, key=lambda s: tellingen[s])
        if tellingen[beste]:
            return beste
    return ";"


def _csv_ruw(inhoud: bytes, codering: str, scheiding: str):
    def ruw() -> Iterator[tuple[int, list[str]]]:
        stroom = io.TextIOWrapper(io.BytesIO(inhoud), encoding=codering, newline="")
        lezer = csv.reader(stroom, delimiter=scheiding, quotechar='"', strict=False)
        nummer = 0
        try:
            for cellen in lezer:
                nummer += 1
                # ``_schoon`` inlined: this runs for every cell of a 100,000-row file.
                yield nummer, [c.replace("\x00", "").strip()[:_MAX_VELD] for c in cellen]
        except (csv.Error, UnicodeDecodeError, ValueError) as exc:
            raise BestandFout(
                f"Het bestand is vanaf regel {nummer + 1} niet goed te lezen als CSV "
                "(bijvoorbeeld een aanhalingsteken dat niet wordt gesloten).",
                code="csv_kapot",
            ) from exc

    return ruw


def _schoon(waarde: str) -> str:
    waarde = waarde.replace("\x00", "").strip()
    if len(waarde) > _MAX_VELD:
        waarde = waarde[:_MAX_VELD]
    return waarde


# --- XLSX ----------------------------------------------------------------------------


_XLSX_KAPOT = (
    "Het Excel-bestand is beschadigd of heeft een wachtwoord. Open het in Excel, haal "
    "een eventueel wachtwoord eraf en sla het opnieuw op als .xlsx of als CSV."
)


def _open_werkboek(inhoud: bytes):
    import openpyxl  # local: only needed for spreadsheets

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            namen = set(z.namelist())
    except Exception as exc:  # noqa: BLE001
        raise BestandFout(_XLSX_KAPOT, code="xlsx_kapot") from exc
    if "xl/workbook.xml" not in namen and not any(n.startswith("xl/") for n in namen):
        raise BestandFout(
            "Dit is een ZIP-bestand maar geen Excel-bestand (.xlsx). Kies het bestand uit "
            "het Gegevensportaal (.csv of .xlsx).",
            code="geen_xlsx",
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        raise BestandFout(_XLSX_KAPOT, code="xlsx_kapot") from exc


def _xlsx_ruw(inhoud: bytes):
    _open_werkboek(inhoud).close()  # fail early on a broken workbook

    def ruw() -> Iterator[tuple[int, list[str]]]:
        wb = _open_werkboek(inhoud)
        try:
            try:
                blad = wb.worksheets[0]
            except IndexError:
                raise BestandFout("Het Excel-bestand heeft geen werkblad.", code="leeg") from None
            verwacht = 1
            for rij in blad.iter_rows(values_only=True):
                yield verwacht, [_cel(v) for v in rij]
                verwacht += 1
        except BestandFout:
            raise
        except Exception as exc:  # noqa: BLE001
            raise BestandFout(_XLSX_KAPOT, code="xlsx_kapot") from exc
        finally:
            wb.close()

    return ruw


def _cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return waarde.date().isoformat() if waarde.time() == time(0) else waarde.isoformat(sep=" ")
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer() and abs(waarde) < 1e15:
        return str(int(waarde))
    return _schoon(str(waarde))
