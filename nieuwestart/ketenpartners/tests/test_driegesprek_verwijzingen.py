"""Driegesprek and referrals to chain partners: lifecycle, events on the timeline, the SBN term, and the screens."""

from datetime import date

import pytest
from django.urls import reverse

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as G
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.ketenpartners import services
from nieuwestart.ketenpartners.models import Contactmoment, Driegesprek, Verwijzing
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.termijnen.models import Termijn

VANDAAG = date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def soorten(dossier):
    return list(dossier.gebeurtenissen.order_by("id").values_list("soort", flat=True))


def test_driegesprek_requested_planned_held(maak_dossier, consulent):
    dossier = maak_dossier()
    d = services.driegesprek_aanvragen(
        dossier=dossier, door=consulent, initiatief="RECHTHEBBENDE", aangevraagd_op=date(2026, 10, 1),
        onderwerpen="Uitleg over de beoordeling; de schulden", zaakbehandelaar_uht="", vandaag=VANDAAG,
    )
    assert d.stand == "Aangevraagd"
    with pytest.raises(RegelOvertreding) as fout:
        services.driegesprek_plannen(driegesprek=d, door=consulent, gepland_op=date(2026, 9, 1), vorm="ONLINE", vandaag=VANDAAG)
    assert fout.value.regel is regels.DATUM_NIET_VOOR_AANVRAAG
    # A planned date may lie in the future; the PZB's name arrives later.
    d = services.driegesprek_plannen(driegesprek=d, door=consulent, gepland_op=date(2026, 12, 3), vorm="FYSIEK",
                                     zaakbehandelaar_uht="M. de Jong (PZB)", vandaag=VANDAAG)
    assert (d.gepland_op, d.zaakbehandelaar_uht, d.stand) == (date(2026, 12, 3), "M. de Jong (PZB)", "Gepland")
    with pytest.raises(RegelOvertreding) as fout:
        services.driegesprek_vastleggen(driegesprek=d, door=consulent, gehouden_op=date(2026, 11, 20), uitkomst="  ", vandaag=VANDAAG)
    assert fout.value.regel is regels.DRIEGESPREK_UITKOMST_NODIG
    with pytest.raises(RegelOvertreding):
        services.driegesprek_vastleggen(driegesprek=d, door=consulent, gehouden_op=date(2026, 12, 3), uitkomst="x", vandaag=VANDAAG)
    d = services.driegesprek_vastleggen(driegesprek=d, door=consulent, gehouden_op=date(2026, 11, 20),
                                        uitkomst="UHT legt de beoordeling uit; SBN-aanvraag samen indienen.", vandaag=VANDAAG)
    assert d.stand == "Gehouden"
    with pytest.raises(RegelOvertreding) as fout:
        services.driegesprek_plannen(driegesprek=d, door=consulent, gepland_op=date(2026, 12, 9), vorm="ONLINE", vandaag=VANDAAG)
    assert fout.value.regel is regels.DRIEGESPREK_AL_GEHOUDEN
    assert soorten(dossier)[-3:] == [G.DRIEGESPREK_AANGEVRAAGD, G.DRIEGESPREK_GEPLAND, G.DRIEGESPREK_GEHOUDEN]


def test_sbn_referral_starts_the_half_year_term_from_recognition_and_submission_meets_it(maak_dossier, consulent):
    dossier = maak_dossier()
    # Recognised on 31 March 2026: six months ends 30 September (the last day of that month), no ATW (art. 4).
    v = services.verwijzing_maken(dossier=dossier, door=consulent, partner="SBN", datum=date(2026, 9, 10), reden="Schulden bij winkels",
                                  erkenningsdatum=date(2026, 3, 31), contactpersoon="SBN loket", vandaag=VANDAAG)
    t = Termijn.objects.get(dossier=dossier, regel="SBN_PRIVATE_SCHULDEN")
    assert (t.startdatum, t.einddatum, t.atw_verlengd, t.voldaan_op) == (date(2026, 3, 31), date(2026, 9, 30), False, None)
    services.contact_vastleggen(verwijzing=v, door=consulent, datum=date(2026, 9, 15), kanaal="TELEFOON",
                                verslag="Lijst van schulden doorgenomen", vandaag=VANDAAG)
    services.sbn_indiening_vastleggen(verwijzing=v, door=consulent, ingediend_op=date(2026, 9, 20), vandaag=VANDAAG)
    # The terms are stored anew on every event: read the row again.
    assert Termijn.objects.get(dossier=dossier, regel="SBN_PRIVATE_SCHULDEN").voldaan_op == date(2026, 9, 20)
    with pytest.raises(RegelOvertreding) as fout:
        services.sbn_indiening_vastleggen(verwijzing=v, door=consulent, ingediend_op=date(2026, 9, 21), vandaag=VANDAAG)
    assert fout.value.regel is regels.SBN_AL_INGEDIEND
    v = services.verwijzing_afronden(verwijzing=v, door=consulent, afgerond_op=date(2026, 10, 1), uitkomst="AFGEHANDELD", vandaag=VANDAAG)
    with pytest.raises(RegelOvertreding) as fout:
        services.contact_vastleggen(verwijzing=v, door=consulent, datum=date(2026, 10, 2), kanaal="EMAIL", verslag="x", vandaag=VANDAAG)
    assert fout.value.regel is regels.VERWIJZING_AL_AFGEROND
    assert soorten(dossier)[-5:] == [G.VERWIJZING_GEMAAKT, G.SBN_TERMIJN_GESTART, G.VERWIJZING_CONTACT, G.SBN_SCHULDEN_INGEDIEND, G.VERWIJZING_AFGEROND]


def test_sbn_term_uses_the_recognition_event_when_no_date_is_given_and_none_without_it(maak_dossier, consulent):
    met = maak_dossier()
    gebeurtenis_vastleggen(met, G.UHT_ERKEND, door=None, datum=date(2026, 5, 4))
    services.verwijzing_maken(dossier=met, door=consulent, partner="SBN", datum=date(2026, 9, 10), reden="x", vandaag=VANDAAG)
    assert Termijn.objects.get(dossier=met, regel="SBN_PRIVATE_SCHULDEN").einddatum == date(2026, 11, 4)
    zonder = maak_dossier(achternaam="Kok")
    services.verwijzing_maken(dossier=zonder, door=consulent, partner="SBN", datum=date(2026, 9, 10), reden="x", vandaag=VANDAAG)
    assert not Termijn.objects.filter(dossier=zonder, regel="SBN_PRIVATE_SCHULDEN").exists()
    # Only one SBN term per dossier, even with a second referral.
    services.verwijzing_maken(dossier=met, door=consulent, partner="SBN", datum=date(2026, 9, 11), reden="y",
                              erkenningsdatum=date(2026, 6, 1), vandaag=VANDAAG)
    assert Termijn.objects.filter(dossier=met, regel="SBN_PRIVATE_SCHULDEN").count() == 1


def test_other_chain_partners_and_the_collector_role(maak_dossier, consulent):
    dossier = maak_dossier()
    with pytest.raises(RegelOvertreding) as fout:
        services.verwijzing_maken(dossier=dossier, door=consulent, partner="GEMEENTE_INVORDERING", datum=date(2026, 9, 10),
                                  reden="Gemeentelijke belastingen", vandaag=VANDAAG)
    assert fout.value.regel is regels.INVORDERING_MAATREGEL_NODIG
    inv = services.verwijzing_maken(dossier=dossier, door=consulent, partner="GEMEENTE_INVORDERING", datum=date(2026, 9, 10),
                                    reden="Gemeentelijke belastingen", maatregel="KWIJTSCHELDEN", vandaag=VANDAAG)
    ot = services.verwijzing_maken(dossier=dossier, door=consulent, partner="OT_UITHUISPLAATSINGEN", datum=date(2026, 9, 12),
                                   reden="Contact met uithuisgeplaatste zoon herstellen", maatregel="PAUZEREN", vandaag=VANDAAG)
    otb = services.verwijzing_maken(dossier=dossier, door=consulent, partner="OT_BUITENLAND", datum=date(2026, 9, 14),
                                    reden="Ouder keert terug uit Turkije", vandaag=VANDAAG)
    assert inv.maatregel == "KWIJTSCHELDEN" and ot.maatregel == "" and otb.erkenningsdatum is None
    assert dossier.gebeurtenissen.filter(soort=G.VERWIJZING_GEMAAKT).count() == 3
    assert "kwijtschelden" in dossier.gebeurtenissen.filter(soort=G.VERWIJZING_GEMAAKT).first().toelichting
    with pytest.raises(RegelOvertreding) as fout:
        services.verwijzing_afronden(verwijzing=ot, door=consulent, afgerond_op=date(2026, 9, 1), uitkomst="HULP_GESTART", vandaag=VANDAAG)
    assert fout.value.regel is regels.DATUM_NIET_VOOR_AANVRAAG
    with pytest.raises(RegelOvertreding) as fout:
        services.sbn_indiening_vastleggen(verwijzing=ot, door=consulent, ingediend_op=date(2026, 9, 20), vandaag=VANDAAG)
    assert fout.value.regel is regels.SBN_ALLEEN_BIJ_SBN_VERWIJZING


def test_screens_record_a_driegesprek_and_referral_and_the_dossier_page_shows_them(client, maak_dossier, consulent):
    dossier = maak_dossier()
    client.force_login(consulent)
    antwoord = client.post(reverse("ketenpartners:driegesprek_nieuw", args=[dossier.pk]), {
        "initiatief": "GEMEENTE", "aangevraagd_op": "2026-11-02", "zaakbehandelaar_uht": "A. Pzb", "onderwerpen": "Erkenning bespreken",
    })
    assert antwoord.status_code == 302
    d = Driegesprek.objects.get(dossier=dossier)
    antwoord = client.post(reverse("ketenpartners:driegesprek_verslag", args=[dossier.pk, d.pk]), {"gehouden_op": "2026-11-10", "uitkomst": ""})
    # Without an outcome the form comes back with an error next to the field, and nothing is recorded.
    assert antwoord.status_code == 200 and 'aria-invalid="true"' in antwoord.content.decode()
    d.refresh_from_db()
    assert d.gehouden_op is None
    antwoord = client.post(reverse("ketenpartners:verwijzing_nieuw", args=[dossier.pk]), {
        "partner": "SBN", "datum": "2026-11-03", "reden": "Private schulden", "erkenningsdatum": "2026-06-15", "maatregel": "",
    })
    assert antwoord.status_code == 302
    v = Verwijzing.objects.get(dossier=dossier)
    client.post(reverse("ketenpartners:verwijzing_contact", args=[dossier.pk, v.pk]),
                {"datum": "2026-11-04", "kanaal": "EMAIL", "verslag": "Formulier gestuurd"})
    assert Contactmoment.objects.filter(verwijzing=v).count() == 1
    voor = Verwerking.objects.count()
    pagina = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Driegesprekken" in pagina and "Erkenning bespreken" in pagina
    assert "Sociale Banken Nederland" in pagina and "Formulier gestuurd" in pagina
    assert "Private schulden indienen bij SBN" in pagina  # the term, computed from the recognition date
    assert "15 december 2026" in pagina
    assert betrokkene_hash(dossier.rechthebbende.bsn) in set(Verwerking.objects.order_by("id")[voor:].values_list("betrokkene_hash", flat=True))


def test_another_teams_consulent_cannot_add_a_referral(client, maak_dossier, ander_team):
    from nieuwestart.accounts.models import Rol
    from nieuwestart.conftest import maak_gebruiker

    dossier = maak_dossier()
    ander = maak_gebruiker("ander", Rol.CONSULENT, teams=[ander_team])
    client.force_login(ander)
    antwoord = client.post(reverse("ketenpartners:verwijzing_nieuw", args=[dossier.pk]),
                           {"partner": "OT_BUITENLAND", "datum": "2026-11-03", "reden": "x"})
    assert antwoord.status_code == 302 and "/doorbreken/" in antwoord["Location"]
    assert not Verwijzing.objects.exists()
