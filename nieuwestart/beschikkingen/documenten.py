"""Render a ``BeschikkingInhoud`` to HTML, PDF (WeasyPrint) and DOCX (docxtpl). No database.

Both kinds of template use the same placeholders (Jinja syntax, documented in
``docs/beschikkingen.md``), rendered in Jinja's sandbox because the functioneel beheerder
uploads them: a template can read the letter's content, nothing else. The PDF may fetch no
outside resource (only ``data:`` URIs, e.g. an embedded logo) and is tagged as PDF/UA-1
(accessible); with the same content, template and WeasyPrint version its bytes are the same.
"""

from __future__ import annotations

import io
import logging
import threading
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .inhoud import BeschikkingInhoud, Beschikkingsoort, Besluit

# WeasyPrint logs every layout step at INFO; with the project's INFO root logger that is noise per letter.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
SOORT_TITEL = {
    Beschikkingsoort.PLAN: "Besluit over uw plan van aanpak",
    Beschikkingsoort.ADDENDUM: "Besluit over de wijziging van uw plan van aanpak",
    Beschikkingsoort.BEEINDIGING: "Besluit over het stoppen van uw ondersteuning",
}
GRONDSLAG = (
    "artikel 2.21 van de Wet hersteloperatie toeslagen (brede ondersteuning) en de "
    "beleidsregels brede ondersteuning van de gemeente"
)


def datum_nl(waarde: date | None) -> str:
    """23 november 2026 (plain Dutch, no weekday)."""
    if waarde is None:
        return ""
    return f"{waarde.day} {MAANDEN[waarde.month - 1]} {waarde.year}"


def bedrag_nl(waarde: Decimal | None) -> str:
    """€ 1.250,00 (Dutch notation); empty for no amount."""
    if waarde is None:
        return ""
    afgerond = Decimal(waarde).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    tekst = f"{afgerond:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


def ja_nee(waarde: bool | None) -> str:
    return {True: "ja", False: "nee"}.get(waarde, "niet besproken")


def _omgeving(*, autoescape: bool) -> SandboxedEnvironment:
    # StrictUndefined: a misspelt placeholder fails the upload check instead of printing nothing.
    env = SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(datum=datum_nl, bedrag=bedrag_nl, janee=ja_nee)
    return env


@cache
def _html_omgeving() -> SandboxedEnvironment:
    return _omgeving(autoescape=True)


def context_voor(inhoud: BeschikkingInhoud) -> dict[str, Any]:
    """The placeholders: every field of the content plus a few derived values (docs/beschikkingen.md)."""
    context: dict[str, Any] = {naam: getattr(inhoud, naam) for naam in inhoud.__dataclass_fields__}
    toegekend = [v for v in inhoud.voorzieningen if v.besluit == Besluit.TOEGEKEND]
    afgewezen = [v for v in inhoud.voorzieningen if v.besluit == Besluit.AFGEWEZEN]
    bedragen = [v.bedrag for v in toegekend if v.bedrag is not None]
    context.update(
        soort=str(inhoud.soort),
        titel=SOORT_TITEL[inhoud.soort],
        grondslag=GRONDSLAG,
        toegekend=toegekend,
        afgewezen=afgewezen,
        totaal_toegekend=sum(bedragen, Decimal("0")) if bedragen else None,
        aanhef=f"Beste {inhoud.rechthebbende.naam}",
    )
    return context


@lru_cache(maxsize=16)
def _html_sjabloon(tekst: str):
    # Compiling costs more than rendering (~60 ms for the default letter); a template text never changes.
    return _html_omgeving().from_string(tekst)


def html_renderen(inhoud: BeschikkingInhoud, sjabloon: str) -> str:
    return _html_sjabloon(sjabloon).render(context_voor(inhoud))


_per_thread = threading.local()


def _url_fetcher():
    """No file, http or other fetches from a template: only resources embedded as data: URIs.

    One fetcher per thread: building one sets up an SSL context, which costs ~40 ms per letter."""
    from weasyprint.urls import URLFetcher

    fetcher = getattr(_per_thread, "fetcher", None)
    if fetcher is None:
        fetcher = _per_thread.fetcher = URLFetcher(allowed_protocols={"data"})
    return fetcher


def _lettertypen():
    """One font configuration per thread: Pango's font and glyph caches stay warm between letters."""
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_per_thread, "lettertypen", None)
    if config is None:
        config = _per_thread.lettertypen = FontConfiguration()
    return config


def pdf_renderen(inhoud: BeschikkingInhoud, sjabloon: str) -> bytes:
    """The letter as a tagged PDF (PDF/UA-1). Deterministic for the same input and versions."""
    from weasyprint import HTML

    html = html_renderen(inhoud, sjabloon)
    return HTML(string=html, url_fetcher=_url_fetcher()).write_pdf(pdf_variant="pdf/ua-1", font_config=_lettertypen())


def docx_renderen(inhoud: BeschikkingInhoud, sjabloon: bytes) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(sjabloon))
    # A fresh environment per render: docxtpl sets attributes on the one it is given.
    document.render(context_voor(inhoud), jinja_env=_omgeving(autoescape=True), autoescape=True)
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def docx_tekst(docx: bytes) -> str:
    """All paragraph and table text of a DOCX, in order (for checks and tests)."""
    from docx import Document

    document = Document(io.BytesIO(docx))
    regels = [p.text for p in document.paragraphs]
    for tabel in document.tables:
        for rij in tabel.rows:
            regels.extend(cel.text for cel in rij.cells)
    return "\n".join(regels)
