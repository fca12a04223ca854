"""Each termination reason end to end, through the services: rules, transitions, events, terms, beschikking."""

from datetime import date

import pytest

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.beeindiging import selectors, services
from nieuwestart.beeindiging.models import Beeindiging
from nieuwestart.beschikkingen.documenten import docx_tekst
from nieuwestart.beschikkingen.services import verzending_vastleggen
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.termijnen.models import Termijn

from .conftest import niet_erkend

pytestmark = pytest.mark.django_db


def _beeindig(dossier, consulent, reden, vandaag, **extra):
    return services.beeindigen(dossier=dossier, reden=reden, einddatum=extra.pop("einddatum", vandaag), door=consulent,
                               vandaag=vandaag, **extra)


def _termijn(dossier, regel, sleutel=""):
    return Termijn.objects.get(dossier=dossier, regel=regel, sleutel=sleutel)


# --- NIET_ERKEND: the EMDR case of Handreiking §4.4 -----------------------------------------------

def test_emdr_case_niet_erkend_afbouw_honours_granted_sessions_and_blocks_new_provisions(met_plan, consulent):
    from nieuwestart.plannen import services as planservices

    dossier = met_plan
    # UHT's message on Thursday 3 December 2026: 30 days end on Saturday 2 January 2027, so the ATW
    # moves the end of the afbouw to Monday 4 January 2027.
    niet_erkend(dossier, date(2026, 12, 3))
    acclimatisatie = _termijn(dossier, "ACCLIMATISATIE")
    assert (acclimatisatie.oorspronkelijke_einddatum, acclimatisatie.einddatum) == (date(2027, 1, 2), date(2027, 1, 4))
    assert acclimatisatie.atw_verlengd

    services.afbouw_starten(dossier=dossier, door=consulent, datum=date(2026, 12, 7), vandaag=date(2026, 12, 7))
    dossier.refresh_from_db()
    assert dossier.status == "AFBOUW"
    assert dossier.gebeurtenissen.get(soort="AFBOUW_GESTART").gegevens == {"afbouw_tot": "2027-01-04"}

    # No new provisions during the afbouw: an addendum with a new provision is refused by the toets.
    addendum = planservices.planversie_aanmaken(dossier, consulent, vandaag=date(2026, 12, 8))
    doel = addendum.doelen.get(leefgebied="ZORG")
    nieuw = planservices.voorziening_toevoegen(doel, consulent, omschrijving="Extra EMDR-sessies", aard="IMMATERIEEL",
                                               bedrag="180.00", **_motivering())
    planservices.besluit_vastleggen(nieuw, "TOEGEKEND", door=consulent)
    with pytest.raises(RegelOvertreding) as exc:
        planservices.uitgeven(addendum, consulent, date(2026, 12, 8))
    assert str(R.GEEN_NIEUWE_VOORZIENING_NA_EINDE.naam) in exc.value.bericht
    assert "Extra EMDR-sessies" in exc.value.bericht and "'EMDR-therapie'" not in exc.value.bericht
    planservices.planversie_verwijderen(addendum, consulent)

    # The checklist of the acclimatisatiefase, ticked once each.
    for stap in ("GESPREK_VERVOLGHULP", "HERSTART_INVORDERING"):
        services.afbouwstap_afvinken(dossier=dossier, stap=stap, door=consulent, datum=date(2026, 12, 10), vandaag=date(2026, 12, 10))
    with pytest.raises(RegelOvertreding) as exc:
        services.afbouwstap_afvinken(dossier=dossier, stap="GESPREK_VERVOLGHULP", door=consulent, datum=date(2026, 12, 11),
                                     vandaag=date(2026, 12, 11))
    assert exc.value.regel is R.AFBOUWSTAP_EENMAAL
    assert dossier.gebeurtenissen.filter(soort="AFBOUWSTAP_GEDAAN").count() == 2

    # Ending after the afbouw's last day is refused (30 days, Handreiking §4.4).
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "NIET_ERKEND", date(2027, 1, 5))
    assert exc.value.regel is R.AFBOUW_BINNEN_DERTIG_DAGEN and "4 januari 2027" in exc.value.bericht
    # One session used in December; support ends on the last day of the afbouw.
    beeindiging = _beeindig(dossier, consulent, "NIET_ERKEND", date(2027, 1, 4))
    dossier.refresh_from_db()
    assert dossier.status == "BEEINDIGD"
    assert _termijn(dossier, "ACCLIMATISATIE").voldaan_op == date(2027, 1, 4)
    b = beeindiging.beschikking
    assert (b.soort, b.kenmerk, b.planversie_id, b.datum) == ("BEEINDIGING", f"{dossier.dossiernummer}-E1", None, date(2027, 1, 4))
    assert "niet erkend" in b.inhoud["reden_beeindiging"] and "3 december 2026" in b.inhoud["reden_beeindiging"]
    assert "30 dagen" in b.inhoud["reden_beeindiging"]
    # The remaining EMDR sessions are honoured: in the letter and still visible on the dossier.
    assert {v["omschrijving"] for v in b.inhoud["voorzieningen"]} == {"EMDR-therapie", "Budgetcoaching"}
    tekst = docx_tekst(bytes(b.docx))
    assert "EMDR-therapie" in tekst and "bezwaar" in tekst.lower() and "pauzeknop" in tekst
    sectie = selectors.dossiersectie(dossier, vandaag=date(2027, 1, 20), mag_wijzigen=True)
    assert [(v.omschrijving, loopt) for v, loopt in sectie.voorzieningen] == [("EMDR-therapie", True), ("Budgetcoaching", True)]
    assert dossier.gebeurtenissen.get(soort="BEEINDIGD").gegevens == {"reden": "NIET_ERKEND", "beschikking": b.kenmerk}

    # After the end no new provision either.
    addendum = planservices.planversie_aanmaken(dossier, consulent, vandaag=date(2027, 1, 5))
    nieuw = planservices.voorziening_toevoegen(addendum.doelen.get(leefgebied="ZORG"), consulent, omschrijving="Nazorggesprek",
                                               aard="IMMATERIEEL", bedrag="90.00", **_motivering())
    planservices.besluit_vastleggen(nieuw, "TOEGEKEND", door=consulent)
    with pytest.raises(RegelOvertreding) as exc:
        planservices.uitgeven(addendum, consulent, date(2027, 1, 5))
    assert str(R.GEEN_NIEUWE_VOORZIENING_NA_EINDE.naam) in exc.value.bericht

    # Sending the beschikking starts its bezwaartermijn, as for a plan.
    verzending_vastleggen(beschikking=b, verzonden_op=date(2027, 1, 5), via="POST", door=consulent, vandaag=date(2027, 1, 5))
    assert _termijn(dossier, "BEZWAARTERMIJN", b.kenmerk).einddatum == date(2027, 2, 16)


def _motivering():
    from nieuwestart.plannen.tests.conftest import MOTIVERING

    return MOTIVERING


def test_niet_erkend_needs_uhts_message_and_lapses_when_uht_recognises_after_all(met_plan, consulent):
    dossier = met_plan
    for actie in (
        lambda: services.afbouw_starten(dossier=dossier, door=consulent, datum=date(2026, 12, 1), vandaag=date(2026, 12, 1)),
        lambda: _beeindig(dossier, consulent, "NIET_ERKEND", date(2026, 12, 1)),
    ):
        with pytest.raises(RegelOvertreding) as exc:
            actie()
        assert exc.value.regel in (R.AFBOUW_NA_NIET_ERKEND, R.NIET_ERKEND_DOOR_UHT)
    niet_erkend(dossier, date(2026, 12, 3))
    gebeurtenis_vastleggen(dossier, GebeurtenisSoort.UHT_ERKEND, door=None, datum=date(2026, 12, 20))
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "NIET_ERKEND", date(2026, 12, 21))
    assert exc.value.regel is R.NIET_ERKEND_DOOR_UHT
    assert _termijn(dossier, "ACCLIMATISATIE").vervallen_op == date(2026, 12, 20)
    assert not Beeindiging.objects.exists()


# --- DOELEN_BEREIKT -------------------------------------------------------------------------------

def test_doelen_bereikt_needs_every_goal_reached_or_handed_over(met_plan, consulent):
    dossier = met_plan
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "DOELEN_BEREIKT", date(2027, 3, 1), bereikte_leefgebieden=["ZORG"])
    assert exc.value.regel is R.DOELEN_BEREIKT_OF_OVERGEDRAGEN and "Financiën" in exc.value.bericht
    # A warme overdracht of FINANCIEN counts as reaching that goal (Handreiking §4.4).
    services.overdracht_vastleggen(
        dossier=dossier, door=consulent, vandaag=date(2027, 2, 15), overgedragen_op=date(2027, 2, 15), leefgebied="FINANCIEN",
        ontvanger="SCHULDHULPVERLENING", organisatie="Schuldhulp gemeente", contactpersoon="J. Smit",
        wat_overgedragen="Overzicht van de schulden en de afspraken met de bank.", toestemming=True,
    )
    beeindiging = _beeindig(dossier, consulent, "DOELEN_BEREIKT", date(2027, 3, 1), bereikte_leefgebieden=["ZORG"])
    assert beeindiging.leefgebieden == {"FINANCIEN": "OVERGEDRAGEN", "ZORG": "BEREIKT"}
    reden = beeindiging.beschikking.inhoud["reden_beeindiging"]
    assert "Zorg: het doel is bereikt." in reden and "Schuldhulp gemeente" in reden
    assert "Schuldhulp gemeente (J. Smit)" in beeindiging.beschikking.inhoud["vervolg"]
    # Provisions that ended before the end of support are not "still running" in the letter.
    assert {v["omschrijving"] for v in beeindiging.beschikking.inhoud["voorzieningen"]} == set()


def test_doelen_bereikt_needs_an_issued_plan(dossier, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "DOELEN_BEREIKT", date(2026, 11, 23), bereikte_leefgebieden=["ZORG"])
    assert exc.value.regel is R.DOELEN_BEREIKT_OF_OVERGEDRAGEN


# --- TWEE_JAAR_VERSTREKEN ------------------------------------------------------------------------

def test_twee_jaar_only_from_two_years_after_the_eerste_gesprek(met_plan, consulent):
    dossier = met_plan
    # Eerste gesprek 15 September 2026: two years (no ATW: a term in years) end on 15 September 2028.
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "TWEE_JAAR_VERSTREKEN", date(2028, 9, 14))
    assert exc.value.regel is R.TWEE_JAAR_NA_EERSTE_GESPREK and "15-09-2028" in exc.value.bericht
    beeindiging = _beeindig(dossier, consulent, "TWEE_JAAR_VERSTREKEN", date(2028, 9, 15))
    reden = beeindiging.beschikking.inhoud["reden_beeindiging"]
    assert "15 september 2026" in reden and "geen nieuwe besluiten" in reden


# --- GEEN_BEHOEFTE_MEER --------------------------------------------------------------------------

def test_geen_behoefte_meer_records_how_the_wish_was_expressed(met_plan, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(met_plan, consulent, "GEEN_BEHOEFTE_MEER", date(2026, 12, 1))
    assert exc.value.regel is R.WENS_RECHTHEBBENDE_VASTLEGGEN and exc.value.veld == "toelichting"
    b = _beeindig(met_plan, consulent, "GEEN_BEHOEFTE_MEER", date(2026, 12, 1),
                  toelichting="Telefonisch op 30 november: wil het verder zelf doen.")
    assert b.beschikking is not None and "geen brede ondersteuning meer wilt" in b.beschikking.inhoud["reden_beeindiging"]
    assert b.toelichting.startswith("Telefonisch")


# --- GEEN_CONTACT --------------------------------------------------------------------------------

def _poging(dossier, consulent, datum, kanaal, uitkomst="GEEN_REACTIE"):
    return services.contactpoging_vastleggen(dossier=dossier, datum=datum, kanaal=kanaal, uitkomst=uitkomst, door=consulent,
                                             vandaag=datum)


def test_geen_contact_after_enough_documented_attempts(met_plan, consulent):
    dossier = met_plan
    _poging(dossier, consulent, date(2026, 12, 1), "TELEFOON")
    _poging(dossier, consulent, date(2026, 12, 8), "TELEFOON")
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "GEEN_CONTACT", date(2027, 1, 15))
    assert exc.value.regel is R.CONTACTPOGINGEN_VOOR_BEEINDIGING
    assert "2 pogingen" in exc.value.bericht and "twee manieren" in exc.value.bericht and "brief of e-mail" in exc.value.bericht
    _poging(dossier, consulent, date(2026, 12, 15), "POST")
    # 14 days to answer the letter: not before 29 December.
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(dossier, consulent, "GEEN_CONTACT", date(2026, 12, 28))
    assert "29-12-2026" in exc.value.bericht
    b = _beeindig(dossier, consulent, "GEEN_CONTACT", date(2026, 12, 29))
    assert "3 keer" in b.beschikking.inhoud["reden_beeindiging"] and "15 december 2026 (brief per post)" in b.beschikking.inhoud["reden_beeindiging"]
    assert dossier.gebeurtenissen.filter(soort="CONTACTPOGING").count() == 3


def test_attempts_before_a_real_contact_do_not_count():
    from types import SimpleNamespace as P

    pogingen = [
        P(pk=1, datum=date(2026, 12, 1), kanaal="TELEFOON", uitkomst="GEEN_REACTIE"),
        P(pk=2, datum=date(2026, 12, 2), kanaal="POST", uitkomst="GEEN_REACTIE"),
        P(pk=3, datum=date(2026, 12, 3), kanaal="EMAIL", uitkomst="GEEN_REACTIE"),
    ]
    assert services.tekort_aan_contactpogingen(pogingen, minimaal=3, einddatum=date(2027, 1, 1)) == []
    bereikt = P(pk=4, datum=date(2026, 12, 10), kanaal="TELEFOON", uitkomst="BEREIKT")
    tekort = services.tekort_aan_contactpogingen(pogingen + [bereikt], minimaal=3, einddatum=date(2027, 1, 1))
    assert len(tekort) == 3  # none counts any more: too few, one way, nothing in writing
    assert services.tekort_aan_contactpogingen(pogingen, minimaal=4, einddatum=date(2027, 1, 1))


# --- VERHUISD and OVERLEDEN: no beschikking -------------------------------------------------------

def test_verhuisd_ends_without_a_beschikking_and_tells_listeners(met_plan, consulent, django_capture_on_commit_callbacks):
    ontvangen = []
    services.beeindigd.connect(lambda **kw: ontvangen.append((kw["reden"], kw["dossier"].pk)), weak=False, dispatch_uid="test")
    try:
        with pytest.raises(RegelOvertreding) as exc:
            _beeindig(met_plan, consulent, "VERHUISD", date(2026, 12, 1))
        assert exc.value.regel is R.NIEUWE_GEMEENTE_BIJ_VERHUIZING
        with django_capture_on_commit_callbacks(execute=True):
            b = _beeindig(met_plan, consulent, "VERHUISD", date(2026, 12, 1), nieuwe_gemeente="Zwolle")
    finally:
        services.beeindigd.disconnect(dispatch_uid="test")
    assert b.beschikking is None and b.nieuwe_gemeente == "Zwolle"
    assert ontvangen == [("VERHUISD", met_plan.pk)]
    assert met_plan.gebeurtenissen.get(soort="BEEINDIGD").gegevens == {"reden": "VERHUISD", "nieuwe_gemeente": "Zwolle"}


def test_overleden_keeps_the_households_right_for_the_survivors_path(met_plan, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(met_plan, consulent, "OVERLEDEN", date(2026, 12, 1))
    assert exc.value.regel is R.OVERLIJDEN_MET_DATUM
    b = _beeindig(met_plan, consulent, "OVERLEDEN", date(2026, 12, 1), overlijdensdatum=date(2026, 11, 28),
                  huishouden_gaat_door=True)
    assert b.beschikking is None and b.overlijdensdatum == date(2026, 11, 28)
    assert list(selectors.beeindigingen_met_nabestaanden()) == [b]
    assert selectors.dossiersectie(met_plan, vandaag=date(2026, 12, 2), mag_wijzigen=True).nabestaanden


def test_the_ended_dossier_links_the_survivors_dossier(met_plan, consulent, maak_dossier):
    from nieuwestart.ketenpartners.models import OverledenAanvrager

    _beeindig(met_plan, consulent, "OVERLEDEN", date(2026, 12, 1), overlijdensdatum=date(2026, 11, 28),
              huishouden_gaat_door=True)
    sectie = selectors.dossiersectie(met_plan, vandaag=date(2026, 12, 2), mag_wijzigen=True)
    assert sectie.nabestaandendossiers == ()
    nabestaande = maak_dossier(achternaam="Kind", doelgroep="NABESTAANDE")
    OverledenAanvrager.objects.create(
        dossier=nabestaande, rechthebbende=met_plan.rechthebbende, naam="Overleden ouder",
        overlijdensdatum=date(2026, 11, 28), relatie="KIND", vastgelegd_door=consulent,
    )
    sectie = selectors.dossiersectie(met_plan, vandaag=date(2026, 12, 2), mag_wijzigen=True)
    assert [d.pk for d in sectie.nabestaandendossiers] == [nabestaande.pk]


def test_ending_twice_or_in_the_future_is_refused(met_plan, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(met_plan, consulent, "VERHUISD", date(2026, 12, 1), einddatum=date(2026, 12, 2), nieuwe_gemeente="Urk")
    assert exc.value.regel is R.DATUM_NIET_IN_TOEKOMST
    _beeindig(met_plan, consulent, "VERHUISD", date(2026, 12, 1), nieuwe_gemeente="Urk")
    with pytest.raises(RegelOvertreding) as exc:
        _beeindig(met_plan, consulent, "GEEN_BEHOEFTE_MEER", date(2026, 12, 2), toelichting="Wil stoppen, zei ze aan de telefoon.")
    assert exc.value.regel.code == "STATUS_STAAT_DIT_NIET_TOE"
    assert Beeindiging.objects.count() == 1


def test_a_replaced_template_for_beeindiging_is_used_and_may_name_the_end_date(met_plan, consulent, beheerder):
    from nieuwestart.beschikkingen.services import sjabloon_uploaden
    from nieuwestart.beschikkingen.sjablonen import standaard_html

    html = standaard_html().replace("<h2>Ons besluit</h2>", "<h2>Ons besluit</h2><p>Laatste dag: {{ extra.einddatum }}.</p>")
    sjabloon = sjabloon_uploaden(soort="PDF_HTML", beschikkingsoort="BEEINDIGING", inhoud=html.encode(),
                                 bestandsnaam="stoppen.html", door=beheerder, activeren=True)
    b = _beeindig(met_plan, consulent, "GEEN_BEHOEFTE_MEER", date(2026, 12, 1),
                  toelichting="Per e-mail van 30 november: wil stoppen.").beschikking
    assert b.pdf_sjabloon == sjabloon and b.inhoud["extra"]["einddatum"] == "1 december 2026"
    from nieuwestart.beschikkingen.documenten import html_renderen
    from nieuwestart.beschikkingen.serialisatie import inhoud_uit_json

    assert "Laatste dag: 1 december 2026." in html_renderen(inhoud_uit_json(b.inhoud), html)


def test_a_dossier_ended_before_reasons_were_recorded_does_not_say_support_runs(dossier, consulent):
    from nieuwestart.dossiers.transitions import voer_transitie_uit

    voer_transitie_uit(dossier, "beeindigen", door=consulent, datum=date(2026, 11, 20))
    sectie = selectors.dossiersectie(dossier, vandaag=date(2026, 11, 23), mag_wijzigen=True)
    assert sectie.beeindiging is None and sectie.beeindigd_zonder_vastlegging
