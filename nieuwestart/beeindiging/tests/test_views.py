"""The screens: the dossier section, the forms, refusals shown next to their field, the worklist block."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nieuwestart.beeindiging import services
from nieuwestart.beeindiging.models import Beeindiging, WarmeOverdracht

from .conftest import niet_erkend

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


def test_dossier_page_shows_the_section_and_the_actions(ingelogd, met_plan):
    pagina = ingelogd.get(reverse("dossiers:detail", args=[met_plan.pk])).content.decode()
    assert "Einde van de ondersteuning en nazorg" in pagina
    assert reverse("beeindiging:beeindigen", args=[met_plan.pk]) in pagina
    assert reverse("beeindiging:overdracht_nieuw", args=[met_plan.pk]) in pagina
    # Without UHT's "niet erkend" there is no afbouw to start.
    assert reverse("beeindiging:afbouw_starten", args=[met_plan.pk]) not in pagina


def test_afbouw_from_the_dossier_page_and_on_the_worklist(ingelogd, met_plan, consulent):
    vandaag = timezone.localdate()
    niet_erkend(met_plan, vandaag - timedelta(days=3))
    url = reverse("beeindiging:afbouw_starten", args=[met_plan.pk])
    # Straight after UHT's message the worklist shows the afbouw, not yet started, with its end date.
    werkvoorraad = ingelogd.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert "In afbouw (1)" in werkvoorraad and "De afbouw is nog niet gestart." in werkvoorraad and url in werkvoorraad
    pagina = ingelogd.get(reverse("dossiers:detail", args=[met_plan.pk])).content.decode()
    assert url in pagina
    antwoord = ingelogd.post(url, {"datum": vandaag.isoformat()})
    assert antwoord.status_code == 302
    met_plan.refresh_from_db()
    assert met_plan.status == "AFBOUW"

    werkvoorraad = ingelogd.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert "In afbouw (1)" in werkvoorraad and "Voorbereid op de herstart van de invordering" in werkvoorraad
    assert "De afbouw is nog niet gestart." not in werkvoorraad
    ingelogd.post(reverse("beeindiging:afbouwstap", args=[met_plan.pk]),
                  {"stap": "HERSTART_INVORDERING", "datum": vandaag.isoformat(), "toelichting": "Besproken"})
    werkvoorraad = ingelogd.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert "Voorbereid op de herstart van de invordering" not in werkvoorraad
    assert "Gesprek gevoerd over welke hulp hierna nodig is" in werkvoorraad
    pagina = ingelogd.get(reverse("dossiers:detail", args=[met_plan.pk])).content.decode()
    assert "(acclimatisatiefase)</h3>" in pagina and "Besproken" in pagina


def test_refused_ending_shows_the_rule_next_to_the_field(ingelogd, met_plan):
    vandaag = timezone.localdate()
    antwoord = ingelogd.post(reverse("beeindiging:beeindigen", args=[met_plan.pk]),
                             {"reden": "GEEN_CONTACT", "einddatum": vandaag.isoformat()})
    assert antwoord.status_code == 200
    assert "nodig zijn er 3" in antwoord.content.decode()
    assert not Beeindiging.objects.exists()


def test_end_with_a_warm_handover_then_close_after_a_waiver(ingelogd, met_plan):
    vandaag = timezone.localdate()
    antwoord = ingelogd.post(reverse("beeindiging:overdracht_nieuw", args=[met_plan.pk]), {
        "leefgebied": "FINANCIEN", "ontvanger": "SCHULDHULPVERLENING", "organisatie": "Schuldhulp gemeente",
        "contactpersoon": "J. Smit", "wat_overgedragen": "De schuldenlijst en de afspraken.", "toestemming": "on",
        "overgedragen_op": vandaag.isoformat(),
    })
    assert antwoord.status_code == 302
    o = WarmeOverdracht.objects.get()
    assert o.status == "OVERGEDRAGEN"
    antwoord = ingelogd.post(reverse("beeindiging:beeindigen", args=[met_plan.pk]), {
        "reden": "DOELEN_BEREIKT", "einddatum": vandaag.isoformat(), "bereikte_leefgebieden": ["ZORG"],
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    pagina = ingelogd.get(reverse("dossiers:detail", args=[met_plan.pk])).content.decode()
    beschikking = Beeindiging.objects.get().beschikking
    assert beschikking.kenmerk in pagina and "nog niet verzonden" in pagina
    assert "Eerste controle" in pagina and (vandaag + timedelta(weeks=4)).strftime("%-d") in pagina
    assert reverse("beeindiging:nazorg_starten", args=[met_plan.pk]) in pagina

    antwoord = ingelogd.post(reverse("beeindiging:afsluiten", args=[met_plan.pk]), {"datum": vandaag.isoformat()})
    assert antwoord.status_code == 200 and "De nazorg is niet gestart" in antwoord.content.decode()
    antwoord = ingelogd.post(reverse("beeindiging:afsluiten", args=[met_plan.pk]), {
        "datum": vandaag.isoformat(), "reden_zonder_nazorg": "Schuldhulp heeft de intake al gedaan; nazorg niet nodig.",
    })
    assert antwoord.status_code == 302
    met_plan.refresh_from_db()
    assert met_plan.status == "AFGESLOTEN"


def test_nazorgcontrole_form_offers_only_the_checks_still_open(ingelogd, met_plan, consulent):
    vandaag = timezone.localdate()
    o = services.overdracht_vastleggen(
        dossier=met_plan, door=consulent, vandaag=vandaag, overgedragen_op=vandaag, leefgebied="WONEN", ontvanger="WMO",
        contactpersoon="A. de Boer", wat_overgedragen="Aanvraag woningaanpassing", toestemming=True,
    )
    url = reverse("beeindiging:nazorgcontrole", args=[met_plan.pk, o.pk])
    ingelogd.post(url, {"moment": "EERSTE", "datum": vandaag.isoformat(), "uitkomst": "GESTART"})
    pagina = ingelogd.get(url).content.decode()
    assert 'value="TWEEDE"' in pagina and 'value="EERSTE"' not in pagina
    # A handover that was done cannot be edited any more.
    assert ingelogd.get(reverse("beeindiging:overdracht_bewerken", args=[met_plan.pk, o.pk])).status_code == 404


def test_other_team_needs_the_doorbreekfunctie(client, met_plan, ander_team):
    from nieuwestart.accounts.models import Rol
    from nieuwestart.conftest import maak_gebruiker

    client.force_login(maak_gebruiker("buiten", Rol.CONSULENT, teams=[ander_team]))
    antwoord = client.get(reverse("beeindiging:beeindigen", args=[met_plan.pk]))
    assert antwoord.status_code == 302 and "/doorbreken/" in antwoord["Location"]


def test_the_beeindigingsbeschikking_opens_like_a_plan_beschikking_and_is_sent(ingelogd, met_plan, consulent):
    vandaag = timezone.localdate()
    b = services.beeindigen(dossier=met_plan, reden="GEEN_BEHOEFTE_MEER", einddatum=vandaag, door=consulent, vandaag=vandaag,
                            toelichting="In het gesprek van vandaag: wil het verder zelf doen.").beschikking
    pagina = ingelogd.get(reverse("beschikkingen:detail", args=[met_plan.pk, b.pk]))
    assert pagina.status_code == 200 and b.kenmerk in pagina.content.decode()
    pdf = ingelogd.get(reverse("beschikkingen:pdf", args=[met_plan.pk, b.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    antwoord = ingelogd.post(reverse("beschikkingen:verzending", args=[met_plan.pk, b.pk]),
                             {"verzonden_op": vandaag.isoformat(), "via": "POST"})
    assert antwoord.status_code == 302
    from nieuwestart.termijnen.models import Termijn

    assert Termijn.objects.filter(dossier=met_plan, regel="BEZWAARTERMIJN", sleutel=b.kenmerk).exists()


def test_an_ended_dossier_shows_no_second_ending_form(ingelogd, met_plan, consulent):
    vandaag = timezone.localdate()
    services.beeindigen(dossier=met_plan, reden="VERHUISD", einddatum=vandaag, door=consulent, vandaag=vandaag,
                        nieuwe_gemeente="Almere")
    pagina = ingelogd.get(reverse("beeindiging:beeindigen", args=[met_plan.pk])).content.decode()
    assert "De ondersteuning is al beëindigd (status: beëindigd)." in pagina and 'name="reden"' not in pagina


def test_recognised_after_all_leaves_the_afbouw_block(met_plan, consulent):
    from nieuwestart.beeindiging.selectors import afbouwblok_voor
    from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
    from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen

    vandaag = timezone.localdate()
    niet_erkend(met_plan, vandaag - timedelta(days=5))
    assert [r.dossier.pk for r in afbouwblok_voor(consulent, vandaag=vandaag).regels] == [met_plan.pk]
    gebeurtenis_vastleggen(met_plan, GebeurtenisSoort.UHT_ERKEND, door=None, datum=vandaag)
    assert afbouwblok_voor(consulent, vandaag=vandaag).aantal == 0


def test_closing_or_aftercare_is_not_offered_before_the_end(ingelogd, met_plan):
    for naam in ("afsluiten", "nazorg_starten"):
        pagina = ingelogd.get(reverse(f"beeindiging:{naam}", args=[met_plan.pk])).content.decode()
        assert "na het beëindigen van de ondersteuning" in pagina and 'name="datum"' not in pagina
