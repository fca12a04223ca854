"""Tables as CSV (``;``, UTF-8 with BOM, for Excel) and XLSX: shared by the SiSa export and every report.

Text cells never become formulas (``veilig_voor_spreadsheet``; XLSX text cells are typed as text).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


GETAL = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")


def veilige_cel(waarde) -> str:
    """A number (also a numeric string such as -12.50) stays as it is; other text never runs as a formula."""
    from nieuwestart.aanmeldingen.rapport import veilig_voor_spreadsheet

    if waarde is None:
        return ""
    tekst = str(waarde)
    if isinstance(waarde, (int, float, Decimal)) or GETAL.match(tekst):
        return tekst
    return veilig_voor_spreadsheet(tekst)


def tabel_csv(rijen: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for rij in rijen:
        schrijver.writerow([veilige_cel(v) for v in rij])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _als_getal(waarde):
    if isinstance(waarde, (int, float, Decimal)) and not isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, str) and GETAL.match(waarde):
        return Decimal(waarde)
    return None


def tabel_xlsx(bladen: Sequence[tuple[str, Iterable[Sequence]]]) -> bytes:
    """One sheet per (title, rows). Numbers (also numeric strings) stay numbers, all else is text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    # A fixed date: the same figures give the same file properties.
    wb.properties.created = datetime(2021, 1, 1)
    for titel, rijen in bladen:
        ws = wb.create_sheet(titel[:31])
        for rij in rijen:
            cellen = []
            for waarde in rij:
                getal = _als_getal(waarde)
                if getal is not None:
                    cellen.append(WriteOnlyCell(ws, value=getal))
                else:
                    cel = WriteOnlyCell(ws, value="" if waarde is None else str(waarde))
                    cel.data_type = "s"
                    cellen.append(cel)
            ws.append(cellen)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def download(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    soort = XLSX_MEDIA_TYPE if bestandsnaam.endswith(".xlsx") else CSV_MEDIA_TYPE
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
