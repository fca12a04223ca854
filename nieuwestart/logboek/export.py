"""The inzageverzoek export: every processing line about one person, as CSV or XLSX.

The columns answer AVG art. 15: what was done, when, for which purpose, on which legal basis,
how long it is kept, and by whom. The BSN itself is not in the file (the auditor knows whose
request it is); names of files never contain it either.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import operatie_naam

FORMATEN = ("csv", "xlsx")


def kolommen() -> list[str]:
    return [
        _("Begin"), _("Einde"), _("Handeling"), _("Status"), _("Verwerkingsactiviteit"), _("Versie"),
        _("Doel"), _("Rechtsgrond"), _("Bewaartermijn"), _("Soort object"), _("Object"), _("Medewerker"),
        _("Reden"), _("Trace-id"), _("Operatie-id"),
    ]


def _tijd(waarde):
    return timezone.localtime(waarde).replace(tzinfo=None) if waarde else None


def rijen(verwerkingen: Iterable) -> Iterable[list]:
    for v in verwerkingen:
        a = v.activiteit
        yield [
            _tijd(v.gestart_op), _tijd(v.beeindigd_op), operatie_naam(v.naam), v.get_status_display(),
            a.naam, a.versie, a.doel, a.rechtsgrond, a.bewaartermijn, v.object_type, v.object_id,
            getattr(v, "actor_naam", "") or "", getattr(v, "reden", "") or "", v.trace_id, v.operation_id,
        ]


def _veilig_voor_spreadsheet(waarde):
    # A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection).
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + waarde
    return waarde


def als_csv(verwerkingen: Iterable) -> bytes:
    """Semicolon-separated with a UTF-8 BOM: opens correctly in Dutch Excel and LibreOffice."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen())
    for rij in rijen(verwerkingen):
        schrijver.writerow([
            w.strftime("%Y-%m-%d %H:%M:%S") if hasattr(w, "strftime") else _veilig_voor_spreadsheet(w) for w in rij
        ])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def als_xlsx(verwerkingen: Iterable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    werkboek = Workbook()
    blad = werkboek.active
    blad.title = _("Verwerkingen")[:31]
    blad.append(kolommen())
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in rijen(verwerkingen):
        blad.append(rij)
        for cel in blad[blad.max_row]:
            if cel.data_type == "f":  # text that starts with '=' is text here, never a formula
                cel.data_type = "s"
            if hasattr(cel.value, "year"):
                cel.number_format = "dd-mm-yyyy hh:mm:ss"
    blad.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()
