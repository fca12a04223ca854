"""The screens through the test client: downloads (logged), recording sending and bezwaar, template beheer."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from nieuwestart.accounts.models import Rol
from nieuwestart.beschikkingen.models import Beschikking, Sjabloon
from nieuwestart.beschikkingen.sjablonen import standaard_docx, standaard_html
from nieuwestart.beschikkingen.testhulp import maak_beschikking
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.logboek.models import Beveiligingsgebeurtenis, Verwerking
from nieuwestart.logboek.services import betrokkene_hash

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(maak_dossier):
    return maak_dossier()


@pytest.fixture
def vandaag():
    return timezone.localdate()


@pytest.fixture
def beschikking(dossier, consulent, vandaag):
    return maak_beschikking(dossier, consulent, renderen=False, datum=vandaag - timedelta(days=30))


def _url(naam, b):
    return reverse(f"beschikkingen:{naam}", kwargs={"pk": b.dossier_id, "beschikking": b.pk})


def test_the_pdf_opens_in_the_browser_and_the_download_is_logged(client, consulent, dossier, beschikking):
    client.force_login(consulent)
    antwoord = client.get(_url("pdf", beschikking))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"].startswith("inline;") and beschikking.kenmerk in antwoord["Content-Disposition"]
    assert antwoord["Cache-Control"] == "no-store"
    assert antwoord.content == bytes(beschikking.pdf)
    regel = Verwerking.objects.filter(naam="beschikking_pdf_downloaden").get()
    assert regel.betrokkene_hash == betrokkene_hash(dossier.rechthebbende.bsn)


def test_the_docx_downloads_as_a_word_file(client, consulent, beschikking):
    client.force_login(consulent)
    antwoord = client.get(_url("docx", beschikking))
    assert antwoord.status_code == 200 and antwoord["Content-Disposition"].startswith("attachment;")
    assert "wordprocessingml" in antwoord["Content-Type"]
    assert Verwerking.objects.filter(naam="beschikking_docx_downloaden").exists()


def test_another_team_gets_the_documents_only_through_the_doorbreekfunctie(client, ander_team, beschikking):
    buiten = maak_gebruiker("buiten", Rol.CONSULENT, teams=[ander_team])
    client.force_login(buiten)
    antwoord = client.get(_url("pdf", beschikking))
    assert antwoord.status_code == 302 and "/doorbreken/" in antwoord["Location"]


def test_a_beschikking_is_only_reachable_under_its_own_dossier(client, consulent, maak_dossier, beschikking):
    ander = maak_dossier(achternaam="Bakker")
    client.force_login(consulent)
    url = reverse("beschikkingen:pdf", kwargs={"pk": ander.pk, "beschikking": beschikking.pk})
    assert client.get(url).status_code == 404


def test_a_teamleider_reads_but_does_not_record(client, team, beschikking):
    teamleider = maak_gebruiker("tl", Rol.TEAMLEIDER, teams=[team])
    client.force_login(teamleider)
    assert client.get(_url("detail", beschikking)).status_code == 200
    assert client.get(_url("verzending", beschikking)).status_code == 403


def test_the_detail_page_shows_the_hash_check(client, consulent, beschikking):
    client.force_login(consulent)
    inhoud = client.get(_url("detail", beschikking)).content.decode()
    assert "de SHA-256 klopt" in inhoud and beschikking.pdf_sha256 in inhoud
    assert Verwerking.objects.filter(naam="beschikking_bekijken").exists()


def test_recording_the_sending_starts_the_bezwaartermijn(client, consulent, dossier, beschikking, vandaag):
    client.force_login(consulent)
    verzonden = vandaag - timedelta(days=20)
    antwoord = client.post(_url("verzending", beschikking), {"verzonden_op": verzonden.isoformat(), "via": "POST"})
    assert antwoord.status_code == 302 and antwoord["Location"] == _url("detail", beschikking)
    assert DossierGebeurtenis.objects.filter(dossier=dossier, soort="BESCHIKKING_BEKENDGEMAAKT").exists()
    assert Verwerking.objects.filter(naam="beschikking_verzending_vastleggen").exists()
    pagina = client.get(_url("detail", beschikking)).content.decode()
    assert "Bezwaar mogelijk tot en met" in pagina


def test_a_refused_sending_date_shows_the_reason_next_to_the_field(client, consulent, beschikking, vandaag):
    client.force_login(consulent)
    antwoord = client.post(
        _url("verzending", beschikking), {"verzonden_op": (vandaag + timedelta(days=1)).isoformat(), "via": "POST"}
    )
    assert antwoord.status_code == 200
    assert "Deze datum ligt in de toekomst" in antwoord.content.decode()
    assert Beschikking.objects.get(pk=beschikking.pk).verzonden_op is None


def test_the_whole_bezwaar_flow_through_the_screens(client, consulent, dossier, beschikking, vandaag):
    client.force_login(consulent)
    client.post(_url("verzending", beschikking), {"verzonden_op": (vandaag - timedelta(days=20)).isoformat(), "via": "EMAIL"})
    antwoord = client.post(_url("bezwaar_registreren", beschikking), {"ontvangen_op": (vandaag - timedelta(days=5)).isoformat()})
    assert antwoord.status_code == 302
    assert "op tijd" in client.get(_url("detail", beschikking)).content.decode()
    antwoord = client.post(_url("bezwaar_verdagen", beschikking), {"verdaagd_op": vandaag.isoformat(), "reden": "Advies van de commissie"})
    assert antwoord.status_code == 302
    antwoord = client.post(_url("bezwaar_afhandelen", beschikking), {"uitkomst": "GEGROND", "datum": vandaag.isoformat(), "toelichting": "x"})
    assert antwoord.status_code == 302
    soorten = set(DossierGebeurtenis.objects.filter(dossier=dossier).values_list("soort", flat=True))
    assert {"BEZWAAR_ONTVANGEN", "BESLISTERMIJN_BEZWAAR_VERDAAGD", "BESLISSING_OP_BEZWAAR"} <= soorten
    # A second decision: the form is not offered any more.
    assert "Op dit bezwaar is al beslist" in client.get(_url("bezwaar_afhandelen", beschikking)).content.decode()


def test_verbal_agreement_through_the_screen(client, consulent, beschikking, vandaag):
    client.force_login(consulent)
    antwoord = client.post(_url("mondeling_akkoord", beschikking), {"datum": vandaag.isoformat(), "hoe": "Telefonisch"})
    assert antwoord.status_code == 302
    assert Beschikking.objects.get(pk=beschikking.pk).mondeling_akkoord_hoe == "Telefonisch"


def test_the_dossier_section_lists_beschikkingen_in_two_queries(consulent, dossier, vandaag, django_assert_num_queries):
    for i in range(3):
        maak_beschikking(dossier, consulent, renderen=False, kenmerk=f"K-V{i}", datum=vandaag - timedelta(days=40),
                         verzonden_op=vandaag - timedelta(days=30) if i else None)
    sjabloon = Template("{% load beschikkingen %}{% beschikkingen_sectie dossier True %}")
    with django_assert_num_queries(2):
        html = sjabloon.render(Context({"dossier": dossier}))
    assert all(f"K-V{i}" in html for i in range(3))
    assert "Nog niet" in html and "mogelijk tot en met" in html


def test_the_dossier_section_without_beschikkingen(consulent, dossier):
    html = Template("{% load beschikkingen %}{% beschikkingen_sectie dossier %}").render(Context({"dossier": dossier}))
    assert "Er zijn nog geen beschikkingen" in html


# --- Template beheer --------------------------------------------------------------------------

def test_beheer_lists_and_offers_the_defaults(client, beheerder):
    client.force_login(beheerder)
    antwoord = client.get(reverse("beschikkingen:sjablonen"))
    assert antwoord.status_code == 200 and "Er zijn nog geen eigen sjablonen" in antwoord.content.decode()
    assert client.get(reverse("beschikkingen:standaard_html")).content == standaard_html().encode()
    assert client.get(reverse("beschikkingen:standaard_docx")).content == standaard_docx()


def test_uploading_a_working_template_through_the_screen(client, beheerder):
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("brief.html", standaard_html().replace("Ons besluit", "Ons besluit (eigen)").encode())
    antwoord = client.post(reverse("beschikkingen:sjablonen"), {
        "soort": "PDF_HTML", "beschikkingsoort": "PLAN", "bestand": bestand, "omschrijving": "Eigen kop", "activeren": "on",
    })
    assert antwoord.status_code == 302
    sjabloon = Sjabloon.objects.get()
    assert sjabloon.actief and sjabloon.geupload_door == beheerder and "(eigen)" in sjabloon.tekst
    assert Beveiligingsgebeurtenis.objects.filter(actie="briefsjabloon_geupload").exists()
    assert client.get(reverse("beschikkingen:sjabloon_downloaden", args=[sjabloon.pk])).content == sjabloon.tekst.encode()


def test_a_broken_upload_shows_the_dutch_reason(client, beheerder):
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("brief.html", b"<p>{{ kenmerk }} {{ naam_rechthebbende }}</p>")
    antwoord = client.post(reverse("beschikkingen:sjablonen"), {"soort": "PDF_HTML", "beschikkingsoort": "PLAN", "bestand": bestand})
    assert antwoord.status_code == 400
    assert "Dit sjabloon kan niet worden gebruikt" in antwoord.content.decode()
    assert not Sjabloon.objects.exists()
    assert Beveiligingsgebeurtenis.objects.filter(actie="briefsjabloon_geweigerd", resultaat="GEWEIGERD").exists()


def test_a_file_of_the_wrong_kind_is_refused_by_the_form(client, beheerder):
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("brief.docx", b"PK")
    antwoord = client.post(reverse("beschikkingen:sjablonen"), {"soort": "PDF_HTML", "beschikkingsoort": "PLAN", "bestand": bestand})
    assert antwoord.status_code == 400 and "Kies een .html-bestand" in antwoord.content.decode()


def test_activating_and_going_back_to_the_default(client, beheerder):
    from nieuwestart.beschikkingen.services import sjabloon_uploaden

    sjabloon = sjabloon_uploaden(soort="PDF_HTML", beschikkingsoort="PLAN", inhoud=standaard_html().encode(),
                                 bestandsnaam="a.html", door=beheerder)
    client.force_login(beheerder)
    assert client.post(reverse("beschikkingen:sjabloon_activeren", args=[sjabloon.pk])).status_code == 302
    assert Sjabloon.objects.get().actief
    assert "Terug naar het standaardsjabloon" in client.get(reverse("beschikkingen:sjablonen")).content.decode()
    client.post(reverse("beschikkingen:standaard_gebruiken"), {"soort": "PDF_HTML", "beschikkingsoort": "PLAN"})
    assert not Sjabloon.objects.get().actief


def test_a_consulent_cannot_manage_templates(client, consulent):
    client.force_login(consulent)
    assert client.get(reverse("beschikkingen:sjablonen")).status_code == 403
