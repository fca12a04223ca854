"""The rejection report of an upload as CSV or XLSX: row number, column, value and Dutch reason.

Values come from the uploaded file, so a cell starting with ``=``, ``+``, ``-`` or ``@`` is written
as text (prefixed with ``'``): a spreadsheet must never run it as a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Mapping

from nieuwestart.common.bsn import is_geldig_bsn, normaliseer_bsn

__all__ = ["KOPREGEL", "bsns_in", "rapport_csv", "rapport_xlsx"]

KOPREGEL = ("Regel", "Kolom", "Waarde", "Reden")
_VELDEN = ("regel", "kolom", "waarde", "reden")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def veilig_voor_spreadsheet(waarde: object) -> object:
    """A text starting with = + - @ tab or CR would run as a formula in Excel: prefix a quote."""
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + waarde
    return waarde


def rapport_csv(rijen: Iterable[Mapping]) -> bytes:
    """``;``-separated, UTF-8 with BOM, so Excel opens it with accents intact."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOPREGEL)
    for rij in rijen:
        schrijver.writerow([veilig_voor_spreadsheet(rij.get(v, "")) for v in _VELDEN])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def rapport_xlsx(rijen: Iterable[Mapping]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Afgewezen regels")
    for letter, breedte in zip("ABCD", (8, 24, 30, 90), strict=True):
        ws.column_dimensions[letter].width = breedte
    ws.append(list(KOPREGEL))
    for rij in rijen:
        cellen = []
        for veld in _VELDEN:
            waarde = rij.get(veld, "")
            cel = WriteOnlyCell(ws, value=waarde if veld == "regel" else str(waarde or ""))
            if veld != "regel":
                cel.data_type = "s"  # always text: no formula, a BSN keeps its leading zero
            cellen.append(cel)
        ws.append(cellen)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def bsns_in(rijen: Iterable[Mapping]) -> list[str]:
    """The valid BSNs among the reported values: the data subjects of a download."""
    gevonden: dict[str, None] = {}
    for rij in rijen:
        waarde = normaliseer_bsn(str(rij.get("waarde") or ""))
        if is_geldig_bsn(waarde):
            gevonden[waarde] = None
    return list(gevonden)
