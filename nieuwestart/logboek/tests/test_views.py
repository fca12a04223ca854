"""The auditor screens and the processing register, through Django's test client."""

import csv
import io

import pytest
from django.urls import URLPattern, reverse

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.logboek import services, urls
from nieuwestart.logboek.models import Beveiligingsgebeurtenis, Resultaat, Status, Verwerking, Verwerkingsactiviteit
from nieuwestart.toegang.regels import INSTELLINGEN_BEHEREN, LOGBOEK_INZIEN, regel_van

from .conftest import BSN_A, BSN_B

pytestmark = pytest.mark.django_db

AUDITOR_SCHERMEN = ["logboek:overzicht", "logboek:dossier", "logboek:doorbrekingen", "logboek:betrokkene", "logboek:integriteit"]
BEHEER_SCHERMEN = ["logboek:verwerkingsregister", "logboek:activiteit_nieuw"]


def test_every_logboek_view_carries_exactly_the_expected_rule():
    regels = {p.name: regel_van(p.callback) for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert all(regels.values())
    assert {n for n, r in regels.items() if r is LOGBOEK_INZIEN} == {n.split(":")[1] for n in AUDITOR_SCHERMEN}
    assert {n for n, r in regels.items() if r is INSTELLINGEN_BEHEREN} == {
        "verwerkingsregister", "activiteit_nieuw", "activiteit_nieuwe_versie"}


@pytest.mark.parametrize("naam", AUDITOR_SCHERMEN)
def test_auditor_screens_are_for_the_auditor_only(client, auditor, consulent, beheerder, naam):
    client.force_login(auditor)
    assert client.get(reverse(naam)).status_code == 200
    for ander in (consulent, beheerder):
        client.force_login(ander)
        assert client.get(reverse(naam)).status_code == 403


@pytest.mark.parametrize("naam", BEHEER_SCHERMEN)
def test_the_register_is_for_the_functioneel_beheerder(client, auditor, consulent, beheerder, naam):
    client.force_login(beheerder)
    assert client.get(reverse(naam)).status_code == 200
    for ander in (auditor, consulent):
        client.force_login(ander)
        assert client.get(reverse(naam)).status_code == 403


def test_anonymous_users_go_to_the_login_page(client):
    antwoord = client.get(reverse("logboek:overzicht"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def test_dossier_screen_shows_who_viewed_or_changed_the_dossier_and_why(auditor_client, consulent):
    services.beveiligingsgebeurtenis_vastleggen(
        actie="dossier_bekijken", resultaat=Resultaat.GELUKT, object_type="dossier", object_id="NS-2026-000007", actor=consulent,
    )
    services.beveiligingsgebeurtenis_vastleggen(
        actie="dossier_doorbreken", resultaat=Resultaat.GELUKT, object_type="dossier", object_id="NS-2026-000007",
        actor=consulent, reden="Rechthebbende belde met spoedvraag over huisuitzetting",
    )
    services.beveiligingsgebeurtenis_vastleggen(
        actie="dossier_bekijken", resultaat=Resultaat.GELUKT, object_type="dossier", object_id="NS-2026-000008", actor=consulent,
    )
    html = auditor_client.get(reverse("logboek:dossier"), {"dossiernummer": "ns-2026-000007"}).content.decode()
    assert "2 regels gevonden" in html
    assert "Sanne de Vries (consulent)" in html
    assert "huisuitzetting" in html
    assert html.index("Dossier geopend buiten het eigen team") < html.index("Dossier bekeken")  # newest first
    assert "<caption" in html and 'scope="col"' in html
    # The auditor's own lookup is in the audit log, under the log, not under the dossier.
    assert Beveiligingsgebeurtenis.objects.filter(actie="logboek_dossier_ingezien", object_type="logboek").count() == 1


def test_break_the_glass_screen_lists_all_doorbrekingen_newest_first(auditor_client, consulent):
    for nummer in range(30):
        services.beveiligingsgebeurtenis_vastleggen(
            actie="dossier_doorbreken", resultaat=Resultaat.GELUKT, object_type="dossier",
            object_id=f"NS-2026-{nummer:06d}", actor=consulent, reden=f"reden {nummer}",
        )
    services.beveiligingsgebeurtenis_vastleggen(actie="dossier_bekijken", resultaat=Resultaat.GELUKT, actor=consulent)
    html = auditor_client.get(reverse("logboek:doorbrekingen")).content.decode()
    assert "30 doorbrekingen" in html
    assert "NS-2026-000029" in html and "NS-2026-000004" not in html  # page 1 of 2: newest 25
    assert "Pagina 1 van 2" in html
    assert "NS-2026-000004" in auditor_client.get(reverse("logboek:doorbrekingen"), {"pagina": 2}).content.decode()


def _verwerkingen_voor_a_en_b(consulent):
    with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A, BSN_B], object_type="dossier",
                             object_id="NS-2026-000001", actor=consulent):
        pass
    with services.verwerking(None, naam="document_downloaden", betrokkenen=[BSN_B], actor=consulent):
        pass


def test_inzageverzoek_screen_shows_every_line_about_the_person(auditor_client, consulent):
    _verwerkingen_voor_a_en_b(consulent)
    antwoord = auditor_client.post(reverse("logboek:betrokkene"), {"bsn": "123 456 782"})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "1 verwerking gevonden" in html
    assert "Dossier bekeken" in html and "Document gedownload" not in html
    assert "Sanne de Vries (consulent)" in html
    assert "Uitvoeren brede ondersteuning Wht" in html
    assert "no-store" in antwoord["Cache-Control"]
    # Looking is itself a processing of that person's data.
    regel = Verwerking.objects.filter(naam="inzageverzoek_inzien").get()
    assert regel.betrokkene_hash == services.betrokkene_hash(BSN_A)


def test_inzageverzoek_rejects_an_invalid_bsn_and_never_reads_it_from_the_url(auditor_client):
    html = auditor_client.post(reverse("logboek:betrokkene"), {"bsn": "123456789"}).content.decode()
    assert "11-proef" in html
    html = auditor_client.get(reverse("logboek:betrokkene"), {"bsn": BSN_A}).content.decode()
    assert "verwerkingen gevonden" not in html and "verwerking gevonden" not in html
    assert not Verwerking.objects.exists()


def test_inzageverzoek_export_as_csv_contains_the_rows_and_is_logged(auditor_client, auditor, consulent):
    _verwerkingen_voor_a_en_b(consulent)
    antwoord = auditor_client.post(reverse("logboek:betrokkene") + "?formaat=csv", {"bsn": BSN_B})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"] and BSN_B not in antwoord["Content-Disposition"]
    tekst = antwoord.content.decode("utf-8-sig")
    assert BSN_B not in tekst
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][:3] == ["Begin", "Einde", "Handeling"]
    handelingen = {r[2] for r in rijen[1:]}
    assert handelingen == {"Dossier bekeken", "Document gedownload"}
    assert all(r[4] == "Uitvoeren brede ondersteuning Wht" and r[7] == "Wet hersteloperatie toeslagen art. 2.21" for r in rijen[1:])
    assert {r[11] for r in rijen[1:]} == {"Sanne de Vries (consulent)"}

    export = Verwerking.objects.get(naam="inzageverzoek_export")
    assert export.betrokkene_hash == services.betrokkene_hash(BSN_B) and export.status == Status.OK
    audit = Beveiligingsgebeurtenis.objects.get(operation_id=export.operation_id)
    assert audit.actor == auditor and "CSV" in audit.reden


def test_inzageverzoek_export_as_xlsx_contains_the_rows(auditor_client, consulent):
    from openpyxl import load_workbook

    _verwerkingen_voor_a_en_b(consulent)
    antwoord = auditor_client.post(reverse("logboek:betrokkene") + "?formaat=xlsx", {"bsn": BSN_B})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("Begin", "Einde", "Handeling")
    assert {r[2] for r in rijen[1:]} == {"Dossier bekeken", "Document gedownload"}
    assert all(hasattr(r[0], "year") for r in rijen[1:])
    assert Verwerking.objects.filter(naam="inzageverzoek_export").count() == 1


def test_integrity_screen_shows_the_result(auditor_client):
    with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A, BSN_B]):
        pass
    html = auditor_client.get(reverse("logboek:integriteit")).content.decode()
    assert "Beide logboeken zijn in orde." in html
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM logboek_verwerking WHERE volgnummer = 1")
    html = auditor_client.get(reverse("logboek:integriteit")).content.decode()
    assert "Niet in orde" in html and "beveiligingsincident" in html
    assert Beveiligingsgebeurtenis.objects.filter(actie="logboek_integriteit_gecontroleerd", resultaat=Resultaat.MISLUKT).exists()


def test_register_form_creates_version_2_and_leaves_version_1_unchanged(client, beheerder):
    client.force_login(beheerder)
    v1_voor = Verwerkingsactiviteit.objects.filter(code="BREDE_ONDERSTEUNING", versie=1).values().get()
    url = reverse("logboek:activiteit_nieuwe_versie", args=["BREDE_ONDERSTEUNING"])
    formulier = client.get(url).context["form"]
    assert formulier.initial["doel"] == v1_voor["doel"]  # previous values as initial data
    gegevens = {veld: formulier.initial[veld] for veld in services.REGISTER_VELDEN}
    gegevens["doel"] = "Brede ondersteuning en nazorg bieden."
    gegevens["geldig_vanaf"] = gegevens["geldig_vanaf"].isoformat()
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302

    v2 = Verwerkingsactiviteit.objects.get(code="BREDE_ONDERSTEUNING", versie=2)
    assert v2.doel == "Brede ondersteuning en nazorg bieden." and v2.aangemaakt_door == beheerder
    assert v2.bewaartermijn == v1_voor["bewaartermijn"]
    assert Verwerkingsactiviteit.objects.filter(code="BREDE_ONDERSTEUNING", versie=1).values().get() == v1_voor
    assert Beveiligingsgebeurtenis.objects.filter(actie="verwerkingsregister_gewijzigd", object_id="BREDE_ONDERSTEUNING v2").exists()
    html = client.get(reverse("logboek:verwerkingsregister")).content.decode()
    assert "Brede ondersteuning en nazorg bieden." in html


def test_register_refuses_a_version_that_starts_before_the_previous_one(client, beheerder):
    client.force_login(beheerder)
    url = reverse("logboek:activiteit_nieuwe_versie", args=["BREDE_ONDERSTEUNING"])
    gegevens = {veld: client.get(url).context["form"].initial[veld] for veld in services.REGISTER_VELDEN}
    gegevens["geldig_vanaf"] = "2020-01-01"
    html = client.post(url, gegevens).content.decode()
    assert "kan niet eerder ingaan" in html
    assert not Verwerkingsactiviteit.objects.filter(versie=2).exists()


def test_register_new_activity_gets_version_1_and_refuses_existing_codes(client, beheerder):
    client.force_login(beheerder)
    gegevens = {
        "code": "schuldhulp_doorverwijzing", "naam": "Doorverwijzen naar schuldhulpverlening", "doel": "Warme overdracht",
        "rechtsgrond": "Wet gemeentelijke schuldhulpverlening", "bewaartermijn": "5 jaar",
        "categorieen_betrokkenen": "Rechthebbenden", "categorieen_gegevens": "NAW", "geldig_vanaf": "2026-01-01",
    }
    assert client.post(reverse("logboek:activiteit_nieuw"), gegevens).status_code == 302
    assert Verwerkingsactiviteit.objects.get(code="SCHULDHULP_DOORVERWIJZING").versie == 1
    html = client.post(reverse("logboek:activiteit_nieuw"), {**gegevens, "code": "BREDE_ONDERSTEUNING"}).content.decode()
    assert "bestaat al" in html


def test_an_unknown_register_code_is_404(client, beheerder):
    client.force_login(beheerder)
    assert client.get(reverse("logboek:activiteit_nieuwe_versie", args=["ONBEKEND"])).status_code == 404


def test_other_roles_do_not_see_the_screens_through_a_second_role(client):
    beleid = maak_gebruiker("beleid", Rol.BELEIDSMEDEWERKER, Rol.TEAMLEIDER)
    client.force_login(beleid)
    assert client.get(reverse("logboek:betrokkene")).status_code == 403
