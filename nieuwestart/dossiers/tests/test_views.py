"""The worklist, the dossier page and the dossier forms, through Django's test client."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers import services
from nieuwestart.dossiers.models import DossierStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


def vandaag():
    return timezone.localdate()


def test_anonymous_users_are_sent_to_the_login_page(client):
    antwoord = client.get(reverse("dossiers:werkvoorraad"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


def test_worklist_shows_overdue_first_and_highlights_terms_due_within_14_days(ingelogd, maak_dossier):
    t = vandaag()
    later = maak_dossier(achternaam="Later", aanmelddatum=t - timedelta(days=7), vandaag=t)
    te_laat = maak_dossier(achternaam="Telaat", aanmelddatum=t - timedelta(weeks=10), vandaag=t)
    bijna = maak_dossier(achternaam="Bijna", aanmelddatum=t - timedelta(weeks=7), vandaag=t)
    html = ingelogd.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert html.index("Telaat") < html.index("Bijna") < html.index("Later")
    assert "ns-rij--te-laat" in html and "ns-rij--bijna" in html
    assert "Te laat" in html and "Bijna verlopen" in html
    # BSNs are masked in lists.
    assert later.rechthebbende.bsn not in html
    assert later.rechthebbende.gemaskeerd_bsn in html
    assert {te_laat.pk, bijna.pk}


def test_worklist_search_by_name_dossiernummer_and_bsn(ingelogd, maak_dossier):
    a = maak_dossier(achternaam="Visser", voornamen="Anna")
    b = maak_dossier(achternaam="Mulder", voornamen="Bram")
    url = reverse("dossiers:werkvoorraad")
    assert "Mulder" not in ingelogd.get(url, {"zoek": "viss"}).content.decode()
    assert "Visser" in ingelogd.get(url, {"zoek": "anna visser"}).content.decode()
    assert "Visser" not in ingelogd.get(url, {"zoek": b.dossiernummer}).content.decode()
    resultaat = ingelogd.get(url, {"zoek": b.rechthebbende.bsn}).content.decode()
    assert "Mulder" in resultaat and "Visser" not in resultaat
    assert a.pk != b.pk


def test_worklist_filters_by_status_doelgroep_and_scope(ingelogd, maak_dossier, consulent, team):
    collega = maak_gebruiker("collega", Rol.CONSULENT, teams=[team])
    eigen = maak_dossier(achternaam="Eigen")
    maak_dossier(achternaam="Vancollega", door=collega, doelgroep="ERKENDE_EX_PARTNER")
    services.verificatie_vastleggen(dossier=eigen, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=vandaag())
    url = reverse("dossiers:werkvoorraad")
    standaard = ingelogd.get(url).content.decode()
    assert "Eigen" in standaard and "Vancollega" not in standaard
    team_breed = ingelogd.get(url, {"reikwijdte": "team"}).content.decode()
    assert "Vancollega" in team_breed
    status = ingelogd.get(url, {"reikwijdte": "team", "status": DossierStatus.GEVERIFIEERD}).content.decode()
    assert "Eigen" in status and "Vancollega" not in status
    doelgroep = ingelogd.get(url, {"reikwijdte": "team", "doelgroep": "ERKENDE_EX_PARTNER"}).content.decode()
    assert "Vancollega" in doelgroep and "Eigen" not in doelgroep


def test_worklist_htmx_request_returns_only_the_table(ingelogd, maak_dossier):
    maak_dossier()
    antwoord = ingelogd.get(reverse("dossiers:werkvoorraad"), HTTP_HX_REQUEST="true")
    html = antwoord.content.decode()
    assert "<table" in html and "<html" not in html


def test_dossiers_of_another_team_open_only_by_breaking_the_glass_with_a_reason(client, maak_dossier, ander_team):
    from nieuwestart.logboek.models import Beveiligingsgebeurtenis

    buiten = maak_gebruiker("buiten", Rol.CONSULENT, teams=[ander_team])
    dossier = maak_dossier()
    client.force_login(buiten)
    assert "Jansen" not in client.get(reverse("dossiers:werkvoorraad"), {"reikwijdte": "team"}).content.decode()
    detail = reverse("dossiers:detail", args=[dossier.pk])
    antwoord = client.get(detail)
    assert antwoord.status_code == 302 and "/doorbreken/" in antwoord["Location"]
    formulier = client.get(antwoord["Location"]).content.decode()
    assert "Eva" not in formulier and dossier.dossiernummer in formulier  # no personal data before the reason
    te_kort = client.post(reverse("dossiers:doorbreken", args=[dossier.pk]), {"reden": "kort", "next": detail})
    assert "minstens 10 tekens" in te_kort.content.decode()
    reden = "Vervanging van collega Sanne tijdens haar verlof"
    assert client.post(reverse("dossiers:doorbreken", args=[dossier.pk]), {"reden": reden, "next": detail})["Location"] == detail
    assert "Eva Jansen" in client.get(detail).content.decode()
    doorbraak = Beveiligingsgebeurtenis.objects.get(actie="dossier_doorbreken")
    assert (doorbraak.reden, doorbraak.object_id, doorbraak.actor) == (reden, dossier.dossiernummer, buiten)
    # Every later read in that dossier carries the reason for the auditor.
    assert Beveiligingsgebeurtenis.objects.filter(actie="dossier_bekijken", reden=reden).exists()


def test_roles_without_dossier_work_cannot_open_dossiers(client, maak_dossier, team):
    dossier = maak_dossier()
    for rol in (Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR, Rol.BELEIDSMEDEWERKER):
        gebruiker = maak_gebruiker(f"g-{rol.value}", rol, teams=[team])
        client.force_login(gebruiker)
        assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 403
        assert client.get(reverse("dossiers:doorbreken", args=[dossier.pk])).status_code == 403


def test_full_bsn_only_on_an_explicit_logged_action(ingelogd, maak_dossier):
    from nieuwestart.logboek.models import Verwerking
    from nieuwestart.logboek.services import betrokkene_hash

    dossier = maak_dossier()
    assert dossier.rechthebbende.bsn not in ingelogd.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    antwoord = ingelogd.post(reverse("dossiers:bsn_tonen", args=[dossier.pk]), HTTP_HX_REQUEST="true")
    assert antwoord.content.decode().strip() == f'<span id="bsn-waarde">{dossier.rechthebbende.bsn}</span>'
    regel = Verwerking.objects.filter(naam="bsn_tonen").get()
    assert regel.betrokkene_hash == betrokkene_hash(dossier.rechthebbende.bsn)


def test_dossier_page_shows_person_household_terms_with_their_rule_and_the_timeline(ingelogd, maak_dossier):
    from nieuwestart.aanmeldingen.services import NieuwGezinslid

    dossier = maak_dossier(gezinsleden=[NieuwGezinslid("Noor", "Jansen", date(2015, 6, 1), "KIND")])
    html = ingelogd.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Eva Jansen" in html and dossier.dossiernummer in html
    assert "Noor Jansen" in html
    assert "Eerste gesprek" in html
    assert "Awb art. 4:13" in html  # the rule the term comes from
    assert "redelijke termijn" in html
    assert "Aangemeld" in html
    assert dossier.rechthebbende.bsn not in html


def test_dossier_page_query_count_does_not_grow_with_events(ingelogd, maak_dossier, consulent, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossier = maak_dossier()
    url = reverse("dossiers:detail", args=[dossier.pk])
    with CaptureQueriesContext(connection) as weinig:
        ingelogd.get(url)
    for dag in range(2, 16):
        services.termijn_opschorten(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK",
                                    datum=date(2026, 9, dag), reden=f"reden {dag}", vandaag=vandaag())
        services.opschorting_beeindigen(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK",
                                        datum=date(2026, 9, dag), vandaag=vandaag())
    with CaptureQueriesContext(connection) as veel:
        ingelogd.get(url)
    assert dossier.gebeurtenissen.count() == 29
    assert len(veel) == len(weinig)


def test_verification_form_records_and_redirects(ingelogd, maak_dossier):
    dossier = maak_dossier()
    antwoord = ingelogd.post(reverse("dossiers:verificatie", args=[dossier.pk]), {
        "datum": "2026-09-02", "uitkomst": "BEVESTIGD", "contactpersoon_uht": "J. de Boer", "toelichting": "",
    })
    assert antwoord.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.GEVERIFIEERD


def test_eerste_gesprek_form_shows_the_refusal_in_dutch_next_to_the_form(ingelogd, maak_dossier):
    dossier = maak_dossier()
    antwoord = ingelogd.post(reverse("dossiers:eerste_gesprek", args=[dossier.pk]), {
        "datum": "2026-09-10", "hulpvraag_WONEN": "Huurachterstand",
    })
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "UHT eerst bevestigen" in html
    assert "Controleer het formulier" in html


def test_eerste_gesprek_form_marks_the_date_field_when_before_registration(ingelogd, maak_dossier, consulent):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    services.verificatie_vastleggen(dossier=dossier, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=vandaag())
    html = ingelogd.post(reverse("dossiers:eerste_gesprek", args=[dossier.pk]), {
        "datum": "2026-08-20", "hulpvraag_WONEN": "Huurachterstand",
    }).content.decode()
    assert 'id="id_datum_error"' in html
    assert "vóór de aanmelding" in html
    assert 'aria-invalid="true"' in html


def test_directe_aanmelding_form_rejects_an_invalid_bsn_next_to_the_field(ingelogd, team):
    html = ingelogd.post(reverse("aanmeldingen:directe_aanmelding"), {
        "bsn": "123456789", "voornamen": "Eva", "achternaam": "Jansen", "geboortedatum": "1985-03-14",
        "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON", "doelgroep": "ERKENDE_OUDER",
        "aanmelddatum": "2026-09-01", "team": team.pk, "gezinsleden-TOTAL_FORMS": "0", "gezinsleden-INITIAL_FORMS": "0",
    }).content.decode()
    assert 'id="id_bsn_error"' in html and "11-proef" in html


def test_directe_aanmelding_form_with_a_household_member(ingelogd, team):
    from nieuwestart.dossiers.models import Dossier

    antwoord = ingelogd.post(reverse("aanmeldingen:directe_aanmelding"), {
        "bsn": "123456782", "voornamen": "Eva", "achternaam": "Jansen", "geboortedatum": "1985-03-14",
        "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON", "doelgroep": "ERKENDE_OUDER",
        "aanmelddatum": "2026-09-01", "team": team.pk, "woont_bij_ouder": "on",
        "gezinsleden-TOTAL_FORMS": "1", "gezinsleden-INITIAL_FORMS": "0",
        "gezinsleden-0-voornamen": "Noor", "gezinsleden-0-achternaam": "Jansen",
        "gezinsleden-0-geboortedatum": "2015-06-01", "gezinsleden-0-relatie": "KIND", "gezinsleden-0-inwonend": "on",
    })
    dossier = Dossier.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert dossier.huishouden.leden.get().voornamen == "Noor"


def test_adding_a_household_row_keeps_what_was_typed_and_saves_nothing(ingelogd, team):
    from nieuwestart.dossiers.models import Dossier

    html = ingelogd.post(reverse("aanmeldingen:directe_aanmelding"), {
        "actie": "gezinslid_toevoegen", "bsn": "123456782", "voornamen": "Eva",
        "gezinsleden-TOTAL_FORMS": "0", "gezinsleden-INITIAL_FORMS": "0",
    }).content.decode()
    assert 'value="Eva"' in html and "Gezinslid 1" in html
    assert "Controleer het formulier" not in html
    assert not Dossier.objects.exists()


def test_only_the_functioneel_beheerder_edits_the_local_settings(client, consulent, beheerder):
    url = reverse("instellingen:bewerken")
    client.force_login(consulent)
    assert client.get(url).status_code == 403
    client.force_login(beheerder)
    antwoord = client.post(url, {"gemeentenaam": "Gemeente Zaanstad", "gemeentecode": "0479",
                                 "eerste_gesprek_weken": "6", "bezwaartermijn_weken": "6"})
    assert antwoord.status_code == 302
    from nieuwestart.instellingen.selectors import gemeente_instellingen

    instellingen = gemeente_instellingen()
    assert (instellingen.gemeentenaam, instellingen.eerste_gesprek_weken, instellingen.gewijzigd_door) == (
        "Gemeente Zaanstad", 6, beheerder)


def test_settings_refuse_a_term_longer_than_the_awb_allows(client, beheerder):
    client.force_login(beheerder)
    html = client.post(reverse("instellingen:bewerken"), {"gemeentenaam": "X", "gemeentecode": "12",
                                                          "eerste_gesprek_weken": "10", "bezwaartermijn_weken": "6"}).content.decode()
    assert "niet langer zijn dan 8 weken" in html
    assert "4 cijfers" in html


def test_a_communicated_new_date_replaces_the_eerste_gesprek_term(ingelogd, maak_dossier):
    from nieuwestart.termijnen.models import Termijn

    t = vandaag()
    dossier = maak_dossier(aanmelddatum=t - timedelta(weeks=6), vandaag=t)
    nieuw = t + timedelta(weeks=4)
    antwoord = ingelogd.post(reverse("dossiers:verwachte_datum", args=[dossier.pk]), {
        "termijn": "EERSTE_GESPREK", "datum": t.isoformat(), "nieuwe_datum": nieuw.isoformat(),
        "toelichting": "Tolk pas later beschikbaar",
    })
    assert antwoord.status_code == 302
    termijn = Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK")
    assert termijn.einddatum == nieuw and termijn.verdaagd_tot == nieuw
    html = ingelogd.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Nieuwe datum meegedeeld (Awb artikel 4:14)" in html


def test_a_long_timeline_is_shortened_with_a_link_to_all_of_it(ingelogd, maak_dossier, consulent):
    dossier = maak_dossier()
    for i in range(28):
        dag = date(2026, 9, 2) + timedelta(days=i)
        services.termijn_opschorten(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK",
                                    datum=dag, reden=f"reden-{i:02d}", vandaag=vandaag())
        services.opschorting_beeindigen(dossier=dossier, door=consulent, termijn="EERSTE_GESPREK", datum=dag, vandaag=vandaag())
    url = reverse("dossiers:detail", args=[dossier.pk])
    kort = ingelogd.get(url).content.decode()
    assert "Toon de hele tijdlijn" in kort and "reden-27" in kort and "reden-00" not in kort
    alles = ingelogd.get(url, {"tijdlijn": "alles"}).content.decode()
    assert "reden-00" in alles and "Toon de hele tijdlijn" not in alles


@pytest.mark.parametrize("params", [
    {"status": "FOO"}, {"team": "abc"}, {"pagina": "abc"}, {"pagina": "999"}, {"reikwijdte": "x"},
    {"zoek": "NS-"}, {"zoek": "%_"}, {"doelgroep": "<script>"},
])
def test_odd_worklist_parameters_never_break_the_page(ingelogd, maak_dossier, params):
    maak_dossier()
    assert ingelogd.get(reverse("dossiers:werkvoorraad"), params).status_code == 200


def test_odd_form_posts_get_a_form_back_not_an_error(ingelogd, maak_dossier):
    dossier = maak_dossier()
    assert ingelogd.post(reverse("dossiers:eerste_gesprek", args=[dossier.pk]), {}).status_code == 200
    assert ingelogd.post(reverse("dossiers:verwachte_datum", args=[dossier.pk]), {"termijn": "BOGUS", "datum": "x"}).status_code == 200
    assert ingelogd.get(reverse("dossiers:detail", args=[dossier.pk]), {"tijdlijn": "x"}).status_code == 200
    for actie in ("aanmelden", "gezinslid_toevoegen"):
        antwoord = ingelogd.post(reverse("aanmeldingen:directe_aanmelding"), {"actie": actie, "gezinsleden-TOTAL_FORMS": "abc"})
        assert antwoord.status_code == 200
