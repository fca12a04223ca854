"""The transfer package as bytes: build it, and read it back with every check (no database here).

A package is a ZIP with ``manifest.json`` (format, schema version, every other file with its SHA-256 and
size), ``dossier.json`` (the dossier, valid against ``schema/overdrachtspakket-<versie>.schema.json``) and
the issued beschikkingen (``beschikkingen/<kenmerk>.pdf`` and ``.docx``). ``pakket_lezen`` refuses anything
that is not exactly that, with a plain-Dutch reason (``OngeldigPakket``). See docs/overdrachtspakket.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

FORMAAT = "nieuwestart-overdrachtspakket"
SCHEMAVERSIE = "1"
ONDERSTEUNDE_VERSIES = frozenset({"1"})
MANIFEST = "manifest.json"
DOSSIER = "dossier.json"
# Bounds against a ZIP bomb: a dossier has at most a few dozen letters.
MAX_BESTANDEN = 1000
MAX_UITGEPAKT = 300 * 1024 * 1024
_TOEGESTAAN = re.compile(r"^(manifest\.json|dossier\.json|beschikkingen/[A-Za-z0-9._-]+\.(pdf|docx))$")
_SCHEMAMAP = Path(__file__).parent / "schema"
# A fixed timestamp in the ZIP entries: the same dossier gives the same bytes (and checksum).
_ZIP_TIJD = (2020, 1, 1, 0, 0, 0)


class OngeldigPakket(Exception):
    """The package cannot be read; ``bericht`` says why, in Dutch, for the case worker."""

    def __init__(self, bericht: str):
        self.bericht = bericht
        super().__init__(bericht)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def schema(naam: str) -> dict[str, Any]:
    return json.loads((_SCHEMAMAP / naam).read_text(encoding="utf-8"))


def pakket_schema(versie: str = SCHEMAVERSIE) -> dict[str, Any]:
    return schema(f"overdrachtspakket-{versie}.schema.json")


def manifest_schema(versie: str = SCHEMAVERSIE) -> dict[str, Any]:
    return schema(f"overdrachtsmanifest-{versie}.schema.json")


def veilige_bestandsnaam(kenmerk: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", kenmerk)


def pakket_maken(gegevens: dict[str, Any], bestanden: dict[str, bytes]) -> bytes:
    """The ZIP: manifest first, then dossier.json and the documents, in a fixed order."""
    alle = {DOSSIER: json.dumps(gegevens, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"), **bestanden}
    manifest = {
        "formaat": FORMAAT,
        "schemaversie": SCHEMAVERSIE,
        "bestanden": [{"naam": n, "sha256": sha256(d), "grootte": len(d)} for n, d in sorted(alle.items())],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for naam, data in [(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")), *sorted(alle.items())]:
            z.writestr(zipfile.ZipInfo(naam, date_time=_ZIP_TIJD), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@dataclass(frozen=True)
class GelezenPakket:
    gegevens: dict[str, Any]
    bestanden: dict[str, bytes]
    sha256: str

    @property
    def schemaversie(self) -> str:
        return self.gegevens["schemaversie"]


def _schemafout(fout) -> str:
    pad = "/".join(str(p) for p in fout.absolute_path) or _("(het hele bestand)")
    return _("bij '%(pad)s': %(melding)s") % {"pad": pad, "melding": fout.message}


def _valideer(document: Any, schema_: dict[str, Any], *, wat: str) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    fout = best_match(Draft202012Validator(schema_).iter_errors(document))
    if fout is not None:
        raise OngeldigPakket(
            _("%(wat)s klopt niet met het schema van het overdrachtspakket, %(fout)s.") % {"wat": wat, "fout": _schemafout(fout)}
        )


def _json(data: bytes, *, wat: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OngeldigPakket(_("%(wat)s is geen geldige JSON. Het pakket is beschadigd.") % {"wat": wat}) from None


def _versie_controleren(versie: Any, *, wat: str) -> str:
    if not isinstance(versie, str) or versie not in ONDERSTEUNDE_VERSIES:
        raise OngeldigPakket(
            _("%(wat)s heeft schemaversie '%(versie)s'. Deze installatie leest alleen versie %(ok)s. Vraag de andere "
              "gemeente om een pakket in versie %(ok)s, of werk Nieuwe Start bij.")
            % {"wat": wat, "versie": versie, "ok": ", ".join(sorted(ONDERSTEUNDE_VERSIES))}
        )
    return versie


def pakket_lezen(data: bytes) -> GelezenPakket:
    """Open and check a package; ``OngeldigPakket`` with the first problem found."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise OngeldigPakket(_("Dit bestand is geen ZIP-bestand. Een overdrachtspakket is een ZIP-bestand met een manifest.")) from None
    with z:
        infos = z.infolist()
        if len(infos) > MAX_BESTANDEN or sum(i.file_size for i in infos) > MAX_UITGEPAKT:
            raise OngeldigPakket(_("Het pakket is te groot om in te lezen."))
        namen = [i.filename for i in infos]
        if len(set(namen)) != len(namen):
            raise OngeldigPakket(_("Het pakket bevat een bestand twee keer."))
        for naam in namen:
            if not _TOEGESTAAN.match(naam):
                raise OngeldigPakket(_("Het pakket bevat een onbekend bestand: %(naam)s.") % {"naam": naam})
        if MANIFEST not in namen:
            raise OngeldigPakket(_("Het manifest (manifest.json) ontbreekt. Zonder manifest is niet te controleren of het pakket compleet is."))
        try:
            inhoud = {naam: z.read(naam) for naam in namen}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise OngeldigPakket(_("Het pakket is beschadigd: een bestand erin is niet te lezen.")) from None
    manifest = _json(inhoud.pop(MANIFEST), wat=_("Het manifest"))
    if not isinstance(manifest, dict) or manifest.get("formaat") != FORMAAT:
        raise OngeldigPakket(_("Dit is geen overdrachtspakket van Nieuwe Start: het manifest noemt een ander formaat."))
    versie = _versie_controleren(manifest.get("schemaversie"), wat=_("Het manifest"))
    _valideer(manifest, manifest_schema(versie), wat=_("Het manifest"))
    verwacht = {b["naam"]: b for b in manifest["bestanden"]}
    for naam in sorted(verwacht):
        if naam not in inhoud:
            raise OngeldigPakket(
                _("Het bestand %(naam)s staat in het manifest, maar ontbreekt in het pakket.") % {"naam": naam}
            )
    for naam in sorted(inhoud):
        if naam not in verwacht:
            raise OngeldigPakket(
                _("Het bestand %(naam)s zit in het pakket, maar staat niet in het manifest.") % {"naam": naam}
            )
        if sha256(inhoud[naam]) != verwacht[naam]["sha256"] or len(inhoud[naam]) != verwacht[naam]["grootte"]:
            raise OngeldigPakket(
                _("Het bestand %(naam)s is veranderd nadat het pakket is gemaakt: het controlegetal (SHA-256) klopt niet.")
                % {"naam": naam}
            )
    if DOSSIER not in inhoud:
        raise OngeldigPakket(_("Het bestand dossier.json ontbreekt."))
    gegevens = _json(inhoud.pop(DOSSIER), wat="dossier.json")
    _versie_controleren(gegevens.get("schemaversie") if isinstance(gegevens, dict) else None, wat="dossier.json")
    if gegevens["schemaversie"] != versie:
        raise OngeldigPakket(_("Het manifest en dossier.json hebben een andere schemaversie."))
    _valideer(gegevens, pakket_schema(versie), wat="dossier.json")
    genoemd: dict[str, str] = {}
    for b in gegevens["beschikkingen"]:
        for soort in ("pdf", "docx"):
            genoemd[b[soort]["bestand"]] = b[soort]["sha256"]
    for naam, controlegetal in sorted(genoemd.items()):
        if naam not in inhoud or sha256(inhoud[naam]) != controlegetal:
            raise OngeldigPakket(
                _("De beschikking %(naam)s ontbreekt of is een ander bestand dan dossier.json noemt.") % {"naam": naam}
            )
    overbodig = sorted(set(inhoud) - set(genoemd))
    if overbodig:
        raise OngeldigPakket(_("Het bestand %(naam)s hoort bij geen enkele beschikking.") % {"naam": overbodig[0]})
    return GelezenPakket(gegevens=gegevens, bestanden=inhoud, sha256=sha256(data))
