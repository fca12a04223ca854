"""Replaceable letter templates: versions, activation, and the check that refuses a broken upload."""

import io

import pytest

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.beschikkingen import services
from nieuwestart.beschikkingen.documenten import docx_tekst
from nieuwestart.beschikkingen.models import Sjabloon
from nieuwestart.beschikkingen.sjablonen import sjablonen_voor, standaard_docx, standaard_html
from nieuwestart.beschikkingen.testhulp import maak_beschikking

pytestmark = pytest.mark.django_db

EIGEN_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{{ titel }}</title></head>
<body><h1>Gemeente Eigen – {{ titel }}</h1><p>Kenmerk {{ kenmerk }}, {{ datum | datum }}</p>
{% for v in voorzieningen %}<p>{{ v.omschrijving }}</p>{% endfor %}
<p>Bezwaar binnen {{ bezwaartermijn_weken }} weken.</p></body></html>"""


def _upload(beheerder, inhoud, *, soort="PDF_HTML", beschikkingsoort="PLAN", activeren=False):
    return services.sjabloon_uploaden(
        soort=soort, beschikkingsoort=beschikkingsoort, inhoud=inhoud, bestandsnaam="eigen", door=beheerder,
        activeren=activeren,
    )


def test_without_uploads_the_shipped_templates_are_used(db):
    gekozen = sjablonen_voor("PLAN")
    assert gekozen.pdf_sjabloon is None and gekozen.html == standaard_html() and gekozen.docx == standaard_docx()


def test_an_uploaded_and_activated_template_is_used_for_new_beschikkingen_only(beheerder, maak_dossier, consulent):
    dossier = maak_dossier()
    oud = maak_beschikking(dossier, consulent, kenmerk="OUD-V1")
    sjabloon = _upload(beheerder, EIGEN_HTML.encode(), activeren=True)
    assert sjabloon.versie == 1 and sjabloon.actief
    nieuw = maak_beschikking(dossier, consulent, kenmerk="NIEUW-V2")
    assert nieuw.pdf_sjabloon == sjabloon and nieuw.sjabloonversie.startswith("PDF_HTML-PLAN-v1")
    oud.refresh_from_db()
    assert oud.pdf_sjabloon is None and services.pdf_ongewijzigd(oud)
    # An addendum has its own template: still the shipped one.
    assert sjablonen_voor("ADDENDUM").pdf_sjabloon is None


def test_versions_count_up_and_only_one_is_active(beheerder):
    een = _upload(beheerder, EIGEN_HTML.encode(), activeren=True)
    twee = _upload(beheerder, EIGEN_HTML.replace("Eigen", "Twee").encode(), activeren=True)
    een.refresh_from_db()
    assert twee.versie == 2 and twee.actief and not een.actief
    services.sjabloon_activeren(sjabloon=een)
    twee.refresh_from_db()
    assert not twee.actief and Sjabloon.objects.get(actief=True) == een
    services.standaard_sjabloon_gebruiken(soort="PDF_HTML", beschikkingsoort="PLAN")
    assert not Sjabloon.objects.filter(actief=True).exists()


def test_a_template_never_changes_once_stored(beheerder):
    sjabloon = _upload(beheerder, EIGEN_HTML.encode())
    sjabloon.tekst = "iets anders"
    with pytest.raises(PermissionError):
        sjabloon.save()
    with pytest.raises(PermissionError):
        sjabloon.delete()


@pytest.mark.parametrize("html,in_bericht", [
    ("<p>{{ kenmerk }</p>", "regel 1"),                           # syntax error
    ("<p>{{ kenmerk }} {{ bestaat_niet }}</p>", "bestaat niet"),  # unknown placeholder
    ("<p>{% for v in voorzieningen %}{{ v.omschrijving }}</p>", "regel"),  # unclosed block
    ("<p>{{ kenmerk.__class__.__mro__ }}</p>", "niet mag"),       # sandbox
    ("<p>Geen kenmerk</p>", "kenmerk"),                           # the letter must name its kenmerk
])
def test_a_broken_template_is_refused_with_a_dutch_reason(beheerder, html, in_bericht):
    with pytest.raises(RegelOvertreding) as fout:
        _upload(beheerder, html.encode())
    assert fout.value.regel is regels.SJABLOON_WERKT and fout.value.veld == "bestand"
    assert in_bericht in fout.value.bericht and "kan niet worden gebruikt" in fout.value.bericht
    assert not Sjabloon.objects.exists()


def test_a_template_that_is_not_utf8_is_refused(beheerder):
    with pytest.raises(RegelOvertreding) as fout:
        _upload(beheerder, "<p>{{ kenmerk }} é</p>".encode("latin-1"))
    assert "UTF-8" in fout.value.bericht


def test_a_template_may_not_fetch_files_from_the_server(beheerder, tmp_path):
    """Only data: URIs are fetched; a file: or http: image is skipped, not read."""
    from nieuwestart.beschikkingen.documenten import _url_fetcher

    with pytest.raises(ValueError):
        _url_fetcher().fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        _url_fetcher().fetch("http://127.0.0.1/geheim")
    assert _url_fetcher().fetch("data:text/plain,hallo").read() == b"hallo"


def _docx_met(*regels_tekst: str) -> bytes:
    from docx import Document

    document = Document()
    for tekst in regels_tekst:
        document.add_paragraph(tekst)
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def test_a_docx_template_is_checked_and_used(beheerder, maak_dossier, consulent):
    _upload(beheerder, _docx_met("Eigen brief {{ kenmerk }}", "{{ titel }}"), soort="DOCX", activeren=True)
    b = maak_beschikking(maak_dossier(), consulent)
    assert "Eigen brief " + b.kenmerk in docx_tekst(bytes(b.docx))


@pytest.mark.parametrize("inhoud,in_bericht", [
    (b"geen docx", "kan niet worden gelezen"),
    (None, "bestaat niet"),
])
def test_a_broken_docx_template_is_refused(beheerder, inhoud, in_bericht):
    inhoud = inhoud or _docx_met("{{ kenmerk }} {{ onbekend_veld }}")
    with pytest.raises(RegelOvertreding) as fout:
        _upload(beheerder, inhoud, soort="DOCX")
    assert in_bericht in fout.value.bericht
