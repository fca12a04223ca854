from datetime import date

import pytest

from nieuwestart.aanmeldingen.services import NieuwGezinslid
from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus, Rechthebbende
from nieuwestart.instellingen.services import instellingen_wijzigen
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db


def test_registration_creates_dossier_household_and_first_event(maak_dossier, consulent):
    kind = NieuwGezinslid(voornamen="Noor", achternaam="Jansen", geboortedatum=date(2015, 6, 1), relatie="KIND")
    dossier = maak_dossier(gezinsleden=[kind])
    assert dossier.status == DossierStatus.AANGEMELD
    assert dossier.dossiernummer == "NS-2026-000001"
    assert dossier.behandelaar == consulent
    assert [lid.voornamen for lid in dossier.huishouden.leden.all()] == ["Noor"]
    assert dossier.huishouden.peildatum == date(2026, 9, 1)
    gebeurtenis = DossierGebeurtenis.objects.get(dossier=dossier)
    assert gebeurtenis.soort == "AANGEMELD"
    assert gebeurtenis.gegevens == {"bron": "DIRECT", "eerste_gesprek_weken": 8}


def test_eerste_gesprek_term_runs_from_registration_and_is_extended_past_the_weekend(maak_dossier):
    # 29 Aug 2026 + 8 weeks = Saturday 24 Oct 2026 -> Monday 26 Oct (Algemene termijnenwet art. 1).
    dossier = maak_dossier(aanmelddatum=date(2026, 8, 29))
    termijn = Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK")
    assert termijn.oorspronkelijke_einddatum == date(2026, 10, 24)
    assert termijn.einddatum == date(2026, 10, 26)
    assert termijn.atw_verlengd
    dossier.refresh_from_db()
    assert dossier.volgende_termijn_einddatum == date(2026, 10, 26)
    assert dossier.volgende_termijn_regel == "EERSTE_GESPREK"


def test_changed_local_term_applies_to_new_registrations_only(maak_dossier, beheerder):
    eerder = maak_dossier(aanmelddatum=date(2026, 9, 1))
    instellingen_wijzigen(door=beheerder, eerste_gesprek_weken=4)
    later = maak_dossier(aanmelddatum=date(2026, 9, 1), achternaam="Bakker")
    assert Termijn.objects.get(dossier=eerder, regel="EERSTE_GESPREK").einddatum == date(2026, 10, 27)
    assert Termijn.objects.get(dossier=later, regel="EERSTE_GESPREK").einddatum == date(2026, 9, 29)


def test_a_second_open_dossier_for_the_same_person_and_doelgroep_is_refused(maak_dossier):
    maak_dossier(bsn="123456782")
    with pytest.raises(RegelOvertreding) as exc:
        maak_dossier(bsn="123456782")
    assert exc.value.regel is regels.EEN_OPEN_DOSSIER_PER_DOELGROEP
    assert "al een open dossier" in exc.value.bericht
    assert Dossier.objects.count() == 1


def test_the_same_person_in_another_doelgroep_reuses_the_rechthebbende(maak_dossier):
    maak_dossier(bsn="123456782", doelgroep="AANGEMELDE_AANVRAGER")
    maak_dossier(bsn="123456782", doelgroep="ERKENDE_EX_PARTNER")
    assert Rechthebbende.objects.count() == 1
    assert Dossier.objects.count() == 2


def test_a_child_under_18_living_at_home_gets_no_own_dossier(maak_dossier):
    with pytest.raises(RegelOvertreding) as exc:
        maak_dossier(doelgroep="KIND_KINDREGELING", geboortedatum=date(2010, 1, 1))
    assert exc.value.regel is regels.KIND_ONDER_18_VIA_OUDER
    assert exc.value.veld == "doelgroep"
    assert not Dossier.objects.exists()


def test_a_child_of_18_gets_an_own_dossier(maak_dossier):
    dossier = maak_dossier(doelgroep="KIND_KINDREGELING", geboortedatum=date(2008, 9, 1))
    assert dossier.doelgroep == "KIND_KINDREGELING"


def test_birth_date_in_the_future_is_refused_and_nothing_is_saved(maak_dossier):
    with pytest.raises(RegelOvertreding) as exc:
        maak_dossier(geboortedatum=date(2027, 1, 1))
    assert exc.value.veld == "geboortedatum"
    assert not Rechthebbende.objects.exists()


def test_household_member_born_in_the_future_names_the_row(maak_dossier):
    lid = NieuwGezinslid(voornamen="X", achternaam="Y", geboortedatum=date(2030, 1, 1), relatie="KIND")
    with pytest.raises(RegelOvertreding) as exc:
        maak_dossier(gezinsleden=[lid])
    assert exc.value.veld == "gezinsleden-0-geboortedatum"
    assert not Dossier.objects.exists()


def test_a_person_known_in_another_team_cannot_be_registered_here(maak_dossier, ander_team):
    maak_dossier(bsn="123456782", doelgroep="AANGEMELDE_AANVRAGER", team_=ander_team)
    with pytest.raises(RegelOvertreding) as exc:
        maak_dossier(bsn="123456782", doelgroep="ERKENDE_EX_PARTNER")
    assert exc.value.regel is regels.BEKEND_IN_ANDER_TEAM and exc.value.veld == "bsn"
    assert Dossier.objects.count() == 1


def test_a_known_bsn_with_another_name_or_birth_date_is_a_typo(maak_dossier):
    maak_dossier(bsn="123456782", doelgroep="AANGEMELDE_AANVRAGER")
    with pytest.raises(RegelOvertreding) as exc:
        maak_dossier(bsn="123456782", doelgroep="ERKENDE_EX_PARTNER", achternaam="Pietersen")
    assert exc.value.regel is regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS


def test_registering_a_known_person_again_updates_their_contact_details(maak_dossier, consulent, team):
    from nieuwestart.aanmeldingen.services import directe_aanmelding_registreren

    maak_dossier(bsn="123456782", doelgroep="AANGEMELDE_AANVRAGER")
    directe_aanmelding_registreren(
        door=consulent, bsn="123456782", doelgroep="ERKENDE_EX_PARTNER", aanmelddatum=date(2026, 9, 1), team=team,
        persoon={"voornamen": "Eva", "achternaam": "Jansen", "geboortedatum": date(1985, 3, 14),
                 "telefoonnummer": "0201234567", "voorkeurskanaal": "TELEFOON"},
        vandaag=date(2026, 11, 23),
    )
    assert Rechthebbende.objects.get(bsn="123456782").telefoonnummer == "0201234567"
