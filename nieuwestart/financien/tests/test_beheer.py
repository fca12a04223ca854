"""The functioneel beheerder maintains Spuk components and SiSa indicators; the SiSa figures follow."""

import pytest

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.financien.models import SisaIndicator, SpukComponent
from nieuwestart.financien.sisa import sisa_cijfers

pytestmark = pytest.mark.django_db


def test_beheerder_adds_a_component_and_an_indicator(client):
    client.force_login(maak_gebruiker("beheer", Rol.FUNCTIONEEL_BEHEERDER))
    antwoord = client.post("/beheer/spuk/componenten/nieuw/", {
        "code": "D", "naam": "Driegesprekken", "omschrijving": "", "soort": "OVERIG", "actief": "on", "volgorde": "40"})
    assert antwoord.status_code == 302
    d = SpukComponent.objects.get(code="D")
    # An indicator that computes a component's costs needs a component: refused next to the form.
    html = client.post("/beheer/spuk/indicatoren/nieuw/", {
        "code": "B2-D-KOSTEN", "omschrijving": "Besteding driegesprekken", "maatstaf": "KOSTEN_COMPONENT",
        "actief": "on", "volgorde": "40"}).content.decode()
    assert not SisaIndicator.objects.filter(code="B2-D-KOSTEN").exists()
    assert "Kies de component waarvan deze indicator de kosten telt." in html
    assert client.post("/beheer/spuk/indicatoren/nieuw/", {
        "code": "B2-D-KOSTEN", "omschrijving": "Besteding driegesprekken", "maatstaf": "KOSTEN_COMPONENT",
        "component": d.pk, "actief": "on", "volgorde": "40"}).status_code == 302
    cijfers = sisa_cijfers(2026)
    assert "D" in [c["code"] for c in cijfers["componenten"]]
    assert {"code": "B2-D-KOSTEN", "omschrijving": "Besteding driegesprekken", "waarde": "0.00", "eenheid": "EUR"} in cijfers["indicatoren"]
    # Switched off, the indicator is no longer in the accountability.
    ind = SisaIndicator.objects.get(code="B2-D-KOSTEN")
    client.post(f"/beheer/spuk/indicatoren/{ind.pk}/", {
        "code": "B2-D-KOSTEN", "omschrijving": "Besteding driegesprekken", "maatstaf": "KOSTEN_COMPONENT",
        "component": d.pk, "volgorde": "40"})
    assert "B2-D-KOSTEN" not in [i["code"] for i in sisa_cijfers(2026)["indicatoren"]]


@pytest.mark.django_db
def test_issuing_never_fails_on_missing_reference_data_the_defaults_come_back():
    from nieuwestart.financien.models import SisaIndicator, SpukComponent
    from nieuwestart.financien.services import component_voor

    SisaIndicator.objects.all().delete()
    SpukComponent.objects.all().delete()
    assert component_voor("VOORZIENINGEN").code == "A"
    assert component_voor("SCHULDEN_KINDEREN").code == "C"
    assert SisaIndicator.objects.filter(code="B2-PLANNEN").exists()
