"""A text progress bar for the portal commands, and a cheap estimate of a file's row count.

On a terminal the bar redraws one line (``\\r``); elsewhere (``--voortgang`` into a log file)
every update is a line of its own. Only counts are shown, never a value from the file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

__all__ = ["Voortgangsbalk", "schat_aantal_regels"]


def schat_aantal_regels(inhoud: bytes) -> int | None:
    """About how many data rows the file has (the header not counted); None when unknown.

    Approximate on purpose: title rows, empty rows and line breaks inside quoted CSV cells are
    counted as rows. The bar never shows more than 100%.
    """
    if inhoud.startswith(b"PK\x03\x04"):
        return _xlsx_max_row(inhoud)
    regels = inhoud.count(b"\n") + (0 if inhoud.endswith(b"\n") else 1)
    return max(regels - 1, 0)


def _xlsx_max_row(inhoud: bytes) -> int | None:
    import openpyxl  # local: only needed for spreadsheets

    try:
        wb = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None  # the import itself explains what is wrong with the file
    try:
        # read_only takes the sheet's stored dimension: no need to read the rows.
        max_row = wb.worksheets[0].max_row if wb.worksheets else None
    finally:
        wb.close()
    return max(max_row - 1, 0) if max_row else None


class Voortgangsbalk:
    """``balk(verwerkt)`` draws ``Inlezen: [#######-------------]  35% (3500 van ongeveer 10000 regels)``.

    Use as a context manager so the line is ended however the import ends.
    """

    def __init__(
        self, schrijf: Callable[[str], None], *, kop: str, totaal: int | None, terminal: bool, breedte: int = 30
    ):
        self.schrijf = schrijf
        self.kop = kop
        self.totaal = totaal
        self.terminal = terminal
        self.breedte = breedte
        self._getekend = False

    def __enter__(self) -> Voortgangsbalk:
        return self

    def __exit__(self, *exc) -> None:
        if self._getekend and self.terminal:
            self.schrijf("\n")

    def __call__(self, verwerkt: int) -> None:
        self.schrijf(("\r" if self.terminal else "") + self.regel(verwerkt) + ("" if self.terminal else "\n"))
        self._getekend = True

    def regel(self, verwerkt: int) -> str:
        if not self.totaal:
            return f"{self.kop}: {verwerkt} regels"
        totaal = max(self.totaal, verwerkt)  # the estimate may be low
        vol = self.breedte * verwerkt // totaal
        procent = 100 * verwerkt // totaal
        return (
            f"{self.kop}: [{'#' * vol}{'-' * (self.breedte - vol)}] {procent:3d}% "
            f"({verwerkt} van ongeveer {totaal} regels)"
        )
