"""Time to render beschikking documents: one PDF (median, p95) and a batch of 1,000.

    .venv/bin/python benchmarks/beschikking_bench.py [--herhalingen 50] [--batch 1000] [--processen 2]

Renders a realistic ``BeschikkingInhoud`` (5 leefgebieden, 8 voorzieningen with full motivations)
with the shipped templates, in this process, without a database: the same calls
``beschikking_vastleggen`` makes (``pdf_renderen``, ``docx_renderen``). Each letter in the batch
has other names and amounts, so nothing is rendered twice. Prints a Markdown table and writes it to
``benchmarks/results/beschikking-latest.md``. Target: median PDF render <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nieuwestart.conf.test")

DOEL_MEDIAAN_MS = 300.0

LEEFGEBIEDEN = (
    ("Wonen", "Passende woning"), ("Financiën", "Financieel vaardig en in balans"), ("Gezin", "Veilige leefomgeving"),
    ("Werk", "Werkzekerheid"), ("Zorg", "Positieve gezondheid"),
)
MOTIVERING = (
    "Deze hulp neemt een belangrijke drempel weg: {reden}. Wij vinden dit geschikt, omdat het direct bijdraagt "
    "aan uw doel. Het is nodig: u kunt dit niet zelf of op een andere manier regelen, ook niet met hulp uit uw "
    "netwerk. De kosten staan in verhouding tot wat het oplevert. Wij hebben gekeken naar uw vaardigheden, uw "
    "financiële ruimte, de grootte van uw gezin en of de hulp blijvend effect heeft."
)


def realistische_inhoud(nummer: int = 1):
    from nieuwestart.beschikkingen.inhoud import (
        BeschikkingInhoud, Beschikkingsoort, Besluit, Gezinslid, Leefgebiedregel, Persoon, Voorzieningregel,
    )

    leefgebieden = tuple(
        Leefgebiedregel(
            leefgebied=naam, doelstelling=doel,
            situatie=f"Bij de aanmelding was de situatie op het gebied van {naam.lower()} niet stabiel. "
                     "Er waren zorgen die elkaar versterkten en die het gezin niet zelf kon oplossen.",
            voldoet_aan_doelstelling=i == 3, hulpvraag=f"Hulp om de situatie op het gebied van {naam.lower()} stabiel te maken.",
            doelen=(f"Binnen een half jaar is de situatie op het gebied van {naam.lower()} stabiel.",
                    "De rechthebbende weet waar hij of zij terecht kan als het weer moeilijker wordt."),
        )
        for i, (naam, doel) in enumerate(LEEFGEBIEDEN)
    )
    redenen = ("de vaste lasten lopen op", "het gezin woont te krap", "er is geen overzicht over de post",
               "de kinderen missen rust en ruimte", "er is geen werkritme", "de spanning is hoog")
    voorzieningen = tuple(
        Voorzieningregel(
            omschrijving=f"Voorziening {i + 1}: {('Budgetcoaching', 'Verhuiskosten', 'Gezinscoach', 'Laptop voor opleiding', 'Traject naar werk', 'Psychologische hulp', 'Inrichting kinderkamer', 'Kinderopvang tijdens cursus')[i]}",
            leefgebied=LEEFGEBIEDEN[i % 5][0], doel=leefgebieden[i % 5].doelen[0], materieel=i in (1, 3, 6),
            besluit=Besluit.AFGEWEZEN if i in (4, 7) else Besluit.TOEGEKEND,
            aanbieder="Welzijn Flevoland" if i % 2 else "Stichting Samen Verder", product="Traject middel",
            hoeveelheid="12 gesprekken in 6 maanden", bedrag=Decimal(350 + 125 * i + nummer % 50),
            begindatum=date(2026, 12, 1), einddatum=date(2027, 11, 30),
            motivering=MOTIVERING.format(reden=redenen[i % len(redenen)]),
            reden_afwijzing="Dit valt buiten de brede ondersteuning: het is inkomensondersteuning. "
                            "Daarvoor kunt u terecht bij de gemeentelijke bijzondere bijstand." if i in (4, 7) else "",
        )
        for i in range(8)
    )
    return BeschikkingInhoud(
        soort=Beschikkingsoort.PLAN, kenmerk=f"NS-2026-{nummer:06d}-V1", datum=date(2026, 11, 23),
        gemeentenaam="Gemeente Dronten", dossiernummer=f"NS-2026-{nummer:06d}",
        rechthebbende=Persoon(f"Eva de Vries-{nummer}", date(1985, 3, 14) + timedelta(days=nummer % 3000),
                              (f"Dorpsstraat {nummer % 200 + 1}", "8251 AB Dronten")),
        versie=1, besloten_door="S. Jansen, consulent brede ondersteuning", bezwaartermijn_weken=6,
        bezwaar_instructie="Stuur uw bezwaar naar: College van burgemeester en wethouders, Postbus 100, "
                           "8250 AC Dronten. Of gebruik het formulier op de website van de gemeente.",
        huishouden=(Gezinslid("Noor de Vries", date(2012, 6, 1), "Kind"), Gezinslid("Sem de Vries", date(2015, 2, 3), "Kind")),
        eerste_gesprek=date(2026, 10, 1), leefgebieden=leefgebieden, voorzieningen=voorzieningen,
        vervolg="Uw consulent belt u binnen 2 weken om de eerste afspraken te maken. Over 3 maanden kijken wij "
                "samen met u hoe het gaat.",
    )


def _setup():
    import django

    django.setup()


def _een_pdf(nummer: int) -> float:
    from nieuwestart.beschikkingen.documenten import pdf_renderen
    from nieuwestart.beschikkingen.sjablonen import standaard_html

    inhoud = realistische_inhoud(nummer)
    start = time.perf_counter()
    pdf_renderen(inhoud, standaard_html())
    return time.perf_counter() - start


def _reeks(nummers: range) -> float:
    _setup()
    start = time.perf_counter()
    for n in nummers:
        _een_pdf(n)
    return time.perf_counter() - start


def p95(waarden: list[float]) -> float:
    return sorted(waarden)[max(0, int(round(0.95 * len(waarden))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--herhalingen", type=int, default=50)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--processen", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    _setup()
    from nieuwestart.beschikkingen.documenten import docx_renderen, pdf_renderen
    from nieuwestart.beschikkingen.sjablonen import standaard_docx, standaard_html

    inhoud = realistische_inhoud()
    pdf = pdf_renderen(inhoud, standaard_html())  # warm-up: fonts, CSS of the user agent
    for n in range(2, 4):
        _een_pdf(n)
    pdf_tijden = [_een_pdf(n) for n in range(10, 10 + args.herhalingen)]
    cpu_start = time.process_time()
    for n in range(10, 20):
        _een_pdf(n)
    cpu_ms = (time.process_time() - cpu_start) / 10 * 1000
    docx_tijden = []
    for n in range(args.herhalingen):
        start = time.perf_counter()
        docx_renderen(replace(inhoud, kenmerk=f"K-{n}"), standaard_docx())
        docx_tijden.append(time.perf_counter() - start)

    batch_seq = _reeks(range(1000, 1000 + args.batch))
    batch_par = None
    if args.processen > 1:
        stukken = [range(1000 + i, 1000 + args.batch, args.processen) for i in range(args.processen)]
        start = time.perf_counter()
        with ProcessPoolExecutor(args.processen) as pool:
            list(pool.map(_reeks, stukken))
        batch_par = time.perf_counter() - start

    from weasyprint import __version__ as weasy

    mediaan = statistics.median(pdf_tijden) * 1000
    regels = [
        f"Beschikking rendering ({date.today():%Y-%m-%d}; {platform.python_implementation()} {platform.python_version()}, "
        f"WeasyPrint {weasy}, {os.cpu_count()} cores; 5 leefgebieden, 8 voorzieningen, {len(pdf)//1024} kB, PDF/UA-1)",
        "",
        "| measurement | median | p95 | target |",
        "|---|---:|---:|---:|",
        f"| one PDF (wall, n={args.herhalingen}) | {mediaan:.0f} ms | {p95(pdf_tijden) * 1000:.0f} ms | ≤ {DOEL_MEDIAAN_MS:.0f} ms median |",
        f"| one PDF (CPU time, n=10) | {cpu_ms:.0f} ms | | |",
        f"| one DOCX (wall, n={args.herhalingen}) | {statistics.median(docx_tijden) * 1000:.0f} ms | {p95(docx_tijden) * 1000:.0f} ms | |",
        f"| batch of {args.batch} PDFs, 1 process | {batch_seq:.1f} s total | {batch_seq / args.batch * 1000:.0f} ms per letter | |",
    ]
    if batch_par is not None:
        regels.append(
            f"| batch of {args.batch} PDFs, {args.processen} processes | {batch_par:.1f} s total | "
            f"{batch_par / args.batch * 1000:.0f} ms per letter | |"
        )
    regels += ["", f"Median PDF render {'meets' if mediaan <= DOEL_MEDIAAN_MS else 'MISSES'} the target."]
    tekst = "\n".join(regels)
    print(tekst)
    uit = ROOT / "benchmarks" / "results"
    uit.mkdir(parents=True, exist_ok=True)
    (uit / "beschikking-latest.md").write_text(tekst + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
