"""Which letter template a new beschikking uses, the shipped defaults, and the upload check.

The application ships one HTML template (PDF) and one DOCX template for every kind of
beschikking, in ``templates/beschikkingen/brief/``. A functioneel beheerder may upload a new
version per kind (``Sjabloon``); the active one is used for new beschikkingen. An upload is
refused unless it renders the sample content below to a letter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from .inhoud import (
    BeschikkingInhoud,
    Beschikkingsoort,
    Besluit,
    Gezinslid,
    Leefgebiedregel,
    Persoon,
    Voorzieningregel,
)
from .models import Sjabloon, Sjabloonsoort

MAP = Path(__file__).parent / "templates" / "beschikkingen" / "brief"
STANDAARD_HTML = MAP / "beschikking.html"
STANDAARD_DOCX = MAP / "beschikking.docx"
# Raise when the shipped templates change, so a stored beschikking names the one it used.
STANDAARD_VERSIE = "standaard-1"


@cache
def standaard_html() -> str:
    return STANDAARD_HTML.read_text(encoding="utf-8")


@cache
def standaard_docx() -> bytes:
    return STANDAARD_DOCX.read_bytes()


@dataclass(frozen=True)
class GekozenSjablonen:
    html: str
    docx: bytes
    pdf_sjabloon: Sjabloon | None
    docx_sjabloon: Sjabloon | None

    @property
    def versielabel(self) -> str:
        pdf = self.pdf_sjabloon.versielabel if self.pdf_sjabloon else f"PDF_HTML-{STANDAARD_VERSIE}"
        docx = self.docx_sjabloon.versielabel if self.docx_sjabloon else f"DOCX-{STANDAARD_VERSIE}"
        return f"{pdf}; {docx}"


def sjablonen_voor(beschikkingsoort: str) -> GekozenSjablonen:
    """The active templates for a new beschikking of this kind (shipped default when none is active)."""
    actief = {s.soort: s for s in Sjabloon.objects.filter(beschikkingsoort=beschikkingsoort, actief=True)}
    pdf = actief.get(Sjabloonsoort.PDF_HTML)
    docx = actief.get(Sjabloonsoort.DOCX)
    return GekozenSjablonen(
        html=pdf.tekst if pdf else standaard_html(),
        docx=bytes(docx.bestand) if docx else standaard_docx(),
        pdf_sjabloon=pdf,
        docx_sjabloon=docx,
    )


def sjablonen_van(beschikking) -> GekozenSjablonen:
    """The templates a stored beschikking was made with (for a reissue or a check)."""
    pdf, docx = beschikking.pdf_sjabloon, beschikking.docx_sjabloon
    return GekozenSjablonen(
        html=pdf.tekst if pdf else standaard_html(),
        docx=bytes(docx.bestand) if docx else standaard_docx(),
        pdf_sjabloon=pdf,
        docx_sjabloon=docx,
    )


def voorbeeldinhoud(soort: str = Beschikkingsoort.PLAN, *, voorzieningen: int = 3, leefgebieden: int = 2) -> BeschikkingInhoud:
    """Synthetic content that uses every placeholder (upload check, benchmark, tests)."""
    gebieden = [
        ("Wonen", "Passende woning"), ("Financiën", "Financieel vaardig en in balans"),
        ("Gezin", "Veilige leefomgeving"), ("Werk", "Werkzekerheid"), ("Zorg", "Positieve gezondheid"),
    ]
    regels = tuple(
        Leefgebiedregel(
            leefgebied=naam, doelstelling=doel, situatie=f"Situatie bij aanmelding voor {naam.lower()}.",
            voldoet_aan_doelstelling=(i % 3 == 0) if i % 3 != 2 else None,
            hulpvraag=f"Hulpvraag over {naam.lower()}.", doelen=(f"Eerste doel voor {naam.lower()}", "Tweede doel"),
        )
        for i, (naam, doel) in enumerate((gebieden * 2)[:leefgebieden])
    )
    voorz = tuple(
        Voorzieningregel(
            omschrijving=f"Voorziening {i + 1}", leefgebied=gebieden[i % 5][0], doel=f"Doel {i + 1}",
            materieel=i % 2 == 0, besluit=Besluit.AFGEWEZEN if i % 4 == 3 else Besluit.TOEGEKEND,
            aanbieder="Voorbeeld Welzijn", product="Traject middel", hoeveelheid="12 gesprekken in 6 maanden",
            bedrag=Decimal("450.00") + i * 100 if i % 3 != 1 else None,
            begindatum=date(2026, 12, 1), einddatum=date(2027, 5, 31),
            motivering="Dit helpt om het doel te halen. Het is nodig en past bij uw situatie.",
            reden_afwijzing="Dit is een schuld uit het verleden. Die betaalt de gemeente niet." if i % 4 == 3 else "",
            hardheidsclausule="Uitzondering om een schrijnende situatie te voorkomen." if i == 2 else "",
            acute_noodsituatie="Dreigende huisuitzetting." if i == 4 else "",
        )
        for i in range(voorzieningen)
    )
    return BeschikkingInhoud(
        soort=Beschikkingsoort(soort), kenmerk="NS-2026-000001-V1", datum=date(2026, 11, 23),
        gemeentenaam="Gemeente Voorbeeld", dossiernummer="NS-2026-000001",
        rechthebbende=Persoon("Eva de Vries", date(1985, 3, 14), ("Dorpsstraat 1", "1234 AB Voorbeeld")),
        versie=0 if soort == Beschikkingsoort.BEEINDIGING else 1,
        besloten_door="S. de Vries, consulent brede ondersteuning",
        bezwaartermijn_weken=6,
        bezwaar_instructie="Stuur uw bezwaar naar: College van B en W, Postbus 1, 1234 AB Voorbeeld.",
        huishouden=(Gezinslid("Noor de Vries", date(2012, 6, 1), "Kind"),),
        eerste_gesprek=date(2026, 10, 1), op_hoofdlijnen=False,
        leefgebieden=regels, voorzieningen=voorz,
        vervolg="Uw consulent belt u binnen 2 weken om de eerste afspraak te maken.",
        wijzigt_kenmerk="NS-2026-000001-V1" if soort == Beschikkingsoort.ADDENDUM else "",
        reden_beeindiging="U heeft de doelen uit uw plan bereikt." if soort == Beschikkingsoort.BEEINDIGING else "",
        extra={"afdeling": "Team Brede Ondersteuning"} | (
            # What nieuwestart.beeindiging.inhoud fills in, so a local template may use it.
            {"einddatum": "23 november 2026", "reden": "De doelen van het plan zijn bereikt", "reden_code": "DOELEN_BEREIKT"}
            if soort == Beschikkingsoort.BEEINDIGING else {}
        ),
    )


class OngeldigSjabloon(Exception):
    """The uploaded template does not render; ``bericht`` says why in Dutch."""

    def __init__(self, bericht: str):
        self.bericht = bericht
        super().__init__(bericht)


def _fout_uitleggen(fout: Exception) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(fout, TemplateSyntaxError):
        return f"Fout in een opdracht op regel {fout.lineno}: {fout.message}"
    if isinstance(fout, UndefinedError):
        return f"Een veld bestaat niet: {fout.message}"
    if isinstance(fout, SecurityError):
        return "Het sjabloon probeert iets te doen wat niet mag."
    return f"Het bestand kan niet worden gelezen ({type(fout).__name__})."


def controleer_sjabloon(soort: str, *, tekst: str = "", bestand: bytes = b"", beschikkingsoort: str) -> None:
    """Render every kind of sample content with the template; raise ``OngeldigSjabloon`` otherwise."""
    from .documenten import docx_renderen, docx_tekst, html_renderen, pdf_renderen

    for voorbeeld in (voorbeeldinhoud(beschikkingsoort, voorzieningen=0, leefgebieden=0), voorbeeldinhoud(beschikkingsoort, voorzieningen=5, leefgebieden=5)):
        try:
            if soort == Sjabloonsoort.PDF_HTML:
                html = html_renderen(voorbeeld, tekst)
                pdf_renderen(voorbeeld, tekst)
                if voorbeeld.kenmerk not in html:
                    raise OngeldigSjabloon("Het kenmerk van de beschikking ({{ kenmerk }}) staat niet in de brief.")
            else:
                uit = docx_renderen(voorbeeld, bestand)
                if voorbeeld.kenmerk not in docx_tekst(uit):
                    raise OngeldigSjabloon("Het kenmerk van de beschikking ({{ kenmerk }}) staat niet in de brief.")
        except OngeldigSjabloon:
            raise
        except Exception as fout:  # noqa: BLE001 - any failure of an uploaded template is a refusal
            raise OngeldigSjabloon(_fout_uitleggen(fout)) from fout


# --- The shipped DOCX, built in code so its placeholders stay readable in review ---------------

DOCX_REGELS: tuple[tuple[str, str], ...] = (
    # (style, text); docxtpl's {%p ... %} tags sit alone in their paragraph.
    ("Title", "{{ gemeentenaam }}"),
    ("Normal", "{{ rechthebbende.naam }}"),
    ("Normal", "{%p for regel in rechthebbende.adresregels %}"),
    ("Normal", "{{ regel }}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", ""),
    ("Normal", "Datum: {{ datum | datum }}"),
    ("Normal", "Kenmerk: {{ kenmerk }}"),
    ("Normal", "Dossiernummer: {{ dossiernummer }}"),
    ("Normal", "{%p if wijzigt_kenmerk %}"),
    ("Normal", "Wijzigt besluit: {{ wijzigt_kenmerk }}"),
    ("Normal", "{%p endif %}"),
    ("Heading 1", "{{ titel }}"),
    ("Normal", "{{ aanhef }},"),
    ("Normal", "{%p if soort == 'BEEINDIGING' %}"),
    ("Normal", "U kreeg brede ondersteuning van de gemeente vanwege de problemen met de kinderopvangtoeslag. "
               "In deze brief leest u dat deze ondersteuning stopt, en waarom."),
    ("Heading 2", "Waarom stopt de ondersteuning?"),
    ("Normal", "{{ reden_beeindiging }}"),
    ("Normal", "{%p else %}"),
    ("Normal", "U krijgt brede ondersteuning van de gemeente, omdat u gedupeerde bent van de problemen met de "
               "kinderopvangtoeslag.{% if eerste_gesprek %} Op {{ eerste_gesprek | datum }} hadden wij ons eerste "
               "gesprek met u.{% endif %} Samen hebben wij bekeken wat u nodig heeft. Dat staat in uw plan van aanpak."
               "{% if soort == 'ADDENDUM' %} Wij hebben uw plan nu veranderd. In deze brief leest u wat er verandert."
               "{% else %} In deze brief leest u wat er in uw plan staat en welke hulp u krijgt.{% endif %}"),
    ("Normal", "{%p if op_hoofdlijnen %}"),
    ("Normal", "Dit is een eerste plan op hoofdlijnen. Wij werken het samen met u verder uit."),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p endif %}"),
    ("Heading 2", "Ons besluit"),
    ("Normal", "{%p if soort == 'BEEINDIGING' %}"),
    ("Normal", "Wij stoppen uw brede ondersteuning. Hierboven leest u waarom.{% if toegekend %} Hulp die u al kreeg, "
               "houdt u: {{ toegekend | length }} {{ 'voorziening' if toegekend | length == 1 else 'voorzieningen' }}. "
               "Die lopen door tot hun einddatum. U hoeft niets terug te betalen.{% endif %}"),
    ("Normal", "{%p else %}"),
    ("Normal", "{%p if toegekend %}"),
    ("Normal", "U krijgt {{ toegekend | length }} {{ 'voorziening' if toegekend | length == 1 else 'voorzieningen' }}."
               "{% if totaal_toegekend %} Samen kosten die {{ totaal_toegekend | bedrag }} (inclusief btw). "
               "U hoeft dit niet terug te betalen.{% endif %}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if afgewezen %}"),
    ("Normal", "U krijgt {{ afgewezen | length }} {{ 'voorziening' if afgewezen | length == 1 else 'voorzieningen' }} "
               "niet. Hieronder leest u waarom."),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p endif %}"),
    ("Heading 2", "Voor wie is dit besluit?"),
    ("Normal", "Dit besluit is voor {{ rechthebbende.naam }}, geboren op {{ rechthebbende.geboortedatum | datum }}"
               "{% if huishouden %}, en voor uw gezin zoals dat was toen u zich aanmeldde:{% else %}.{% endif %}"),
    ("List Bullet", "{%p for lid in huishouden %}"),
    ("List Bullet", "{{ lid.naam }} ({{ lid.relatie | lower }}), geboren op {{ lid.geboortedatum | datum }}"),
    ("List Bullet", "{%p endfor %}"),
    ("Normal", "{%p if leefgebieden %}"),
    ("Heading 2", "Uw situatie en uw doelen"),
    ("Normal", "{%p for lg in leefgebieden %}"),
    ("Heading 3", "{{ lg.leefgebied }}"),
    ("Normal", "Doel van de wet: {{ lg.doelstelling }}"),
    ("Normal", "Uw situatie: {{ lg.situatie or 'Niet besproken.' }}"),
    ("Normal", "Is dit doel al gehaald? {{ lg.voldoet_aan_doelstelling | janee }}"),
    ("Normal", "{%p if lg.hulpvraag %}"),
    ("Normal", "Uw hulpvraag: {{ lg.hulpvraag }}"),
    ("Normal", "{%p endif %}"),
    ("List Bullet", "{%p for doel in lg.doelen %}"),
    ("List Bullet", "{{ doel }}"),
    ("List Bullet", "{%p endfor %}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if voorzieningen %}"),
    ("Heading 2", "{{ 'Hulp die doorloopt' if soort == 'BEEINDIGING' else 'De voorzieningen' }}"),
    ("Normal", "{%p for v in voorzieningen %}"),
    ("Heading 3", "{{ loop.index }}. {{ v.omschrijving }}"),
    ("Normal", "Besluit: {{ 'u houdt dit.' if soort == 'BEEINDIGING' else ('u krijgt dit.' if v.besluit == 'TOEGEKEND' else 'u krijgt dit niet.') }}"),
    ("Normal", "Leefgebied en doel: {{ v.leefgebied }}: {{ v.doel }}"),
    ("Normal", "Soort: {{ 'Spullen of geld (materieel)' if v.materieel else 'Hulp of begeleiding (immaterieel)' }}"),
    ("Normal", "{%p if v.aanbieder or v.product %}"),
    ("Normal", "Wie helpt: {{ v.aanbieder }}{% if v.aanbieder and v.product %}: {% endif %}{{ v.product }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if v.hoeveelheid %}"),
    ("Normal", "Hoeveel: {{ v.hoeveelheid }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if v.bedrag is not none %}"),
    ("Normal", "Bedrag: {{ v.bedrag | bedrag }} (inclusief btw)"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if v.begindatum or v.einddatum %}"),
    ("Normal", "Periode:{% if v.begindatum %} van {{ v.begindatum | datum }}{% endif %}"
               "{% if v.einddatum %} tot en met {{ v.einddatum | datum }}{% endif %}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if v.besluit == 'TOEGEKEND' %}"),
    ("Normal", "Waarom u dit krijgt: {{ v.motivering }}"),
    ("Normal", "{%p else %}"),
    ("Normal", "Waarom u dit niet krijgt: {{ v.reden_afwijzing or v.motivering }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if v.acute_noodsituatie %}"),
    ("Normal", "Dringende situatie: {{ v.acute_noodsituatie }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if v.hardheidsclausule %}"),
    ("Normal", "Uitzondering op de regels (hardheidsclausule): {{ v.hardheidsclausule }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", "{%p endif %}"),
    ("Heading 2", "Waarop is dit besluit gebaseerd?"),
    ("Normal", "Wij nemen dit besluit op grond van {{ grondslag }}."),
    ("Heading 2", "Wat gebeurt er nu?"),
    ("Normal", "{%p if vervolg %}"),
    ("Normal", "{{ vervolg }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if soort != 'BEEINDIGING' %}"),
    ("Normal", "Alle besluiten over hulp neemt de gemeente binnen 2 jaar na het eerste gesprek. Hulp die u dan al "
               "heeft gekregen, mag langer doorlopen. Spullen of geld kan de gemeente alleen geven als het besluit "
               "daarover binnen een half jaar na het eerste gesprek is genomen."),
    ("Normal", "{%p endif %}"),
    ("Normal", "Met vriendelijke groet,"),
    ("Normal", "namens het college van burgemeester en wethouders van {{ gemeentenaam }},"),
    ("Normal", "{{ besloten_door }}"),
    ("Heading 2", "Bent u het niet eens met dit besluit?"),
    ("Normal", "Dan kunt u bezwaar maken. Dat doet u binnen {{ bezwaartermijn_weken }} weken. Die tijd begint op de "
               "dag nadat wij deze brief hebben verstuurd."),
    ("Normal", "{{ bezwaar_instructie }}"),
    ("Normal", "Schrijf in uw bezwaar: uw naam en adres, de datum, het kenmerk van deze brief ({{ kenmerk }}), "
               "waarom u het niet eens bent met het besluit, en uw handtekening."),
    ("Normal", "Heeft u vragen? Neem dan contact op met uw consulent. Wij helpen u ook graag bij het maken van bezwaar."),
)


def standaard_docx_bouwen() -> bytes:
    """The shipped DOCX template (run ``manage.py beschikkingsjabloon_maken`` after changing DOCX_REGELS)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = "{{ titel }} – {{ kenmerk }}"
    document.core_properties.language = "nl-NL"
    document.core_properties.author = "{{ gemeentenaam }}"
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    for stijl, tekst in DOCX_REGELS:
        document.add_paragraph(tekst, style=stijl)
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()
