"""Survivors (nabestaanden) and kindregeling children: the rules and their effect on status and terms."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Dossier, DossierStatus
from nieuwestart.ketenpartners import services
from nieuwestart.ketenpartners.models import OverledenAanvrager
from nieuwestart.ketenpartners.spuk import dossiers_met_component, spuk_component
from nieuwestart.termijnen.models import Termijn

VANDAAG = date(2026, 11, 23)
pytestmark = pytest.mark.django_db


# --- the rule itself -------------------------------------------------------------------------------

def test_rule_parent_died_after_registering_keeps_the_right():
    assert regels.nabestaande_behoudt_recht(overlijdensdatum=date(2024, 5, 1), aangemeld_bij_uht_op=date(2023, 3, 1))
    assert regels.nabestaande_behoudt_recht(overlijdensdatum=date(2023, 3, 1), aangemeld_bij_uht_op=date(2023, 3, 1))
    assert not regels.nabestaande_behoudt_recht(overlijdensdatum=date(2022, 12, 31), aangemeld_bij_uht_op=date(2023, 3, 1))
    assert not regels.nabestaande_behoudt_recht(overlijdensdatum=date(2024, 5, 1), aangemeld_bij_uht_op=None)


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_rule_holds_exactly_when_death_is_not_before_registration(overleden, aangemeld):
    assert regels.nabestaande_behoudt_recht(overlijdensdatum=overleden, aangemeld_bij_uht_op=aangemeld) == (overleden >= aangemeld)


def test_rule_has_a_dutch_explanation_and_is_registered():
    assert regels.NABESTAANDE_BEHOUDT_RECHT in regels.ALLE_REGELS
    assert "UHT" in str(regels.NABESTAANDE_BEHOUDT_RECHT.uitleg) and "§4.6" in regels.NABESTAANDE_BEHOUDT_RECHT.bron


# --- nabestaanden path -----------------------------------------------------------------------------

@pytest.fixture
def overleden_ouder(maak_dossier):
    """The deceased as a rechthebbende in this system: registered on 1 March 2026."""
    return maak_dossier(achternaam="Bakker", voornamen="Karin", aanmelddatum=date(2026, 3, 1)).rechthebbende


def test_survivor_of_a_known_rechthebbende_keeps_the_right_and_skips_uht_verification(maak_dossier, consulent, overleden_ouder):
    dossier = maak_dossier(achternaam="Bakker", voornamen="Tim", doelgroep="NABESTAANDE", aanmelddatum=date(2026, 9, 1))
    koppeling = services.overleden_aanvrager_koppelen(
        dossier=dossier, door=consulent, overlijdensdatum=date(2026, 6, 10), relatie="PARTNER", vandaag=VANDAAG,
        overleden_rechthebbende=overleden_ouder, ondersteuning=["NOTARIS", "EXECUTEUR", "ONZIN"],
    )
    # Name, BSN and registration date come from the known person; unknown help types are dropped.
    assert koppeling.naam == "Karin Bakker" and koppeling.bsn == overleden_ouder.bsn
    assert koppeling.aangemeld_bij_uht_op == date(2026, 3, 1)
    assert koppeling.recht_behouden and koppeling.ondersteuning == ["NOTARIS", "EXECUTEUR"]
    services.recht_vaststellen_na_overlijden(dossier=dossier, door=consulent, datum=date(2026, 9, 2), vandaag=VANDAAG)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.GEVERIFIEERD
    laatste = dossier.gebeurtenissen.order_by("-id").first()
    assert laatste.soort == GebeurtenisSoort.GEVERIFIEERD and laatste.gegevens["grond"] == "NABESTAANDE_BEHOUDT_RECHT"
    assert dossier.gebeurtenissen.filter(soort=GebeurtenisSoort.NABESTAANDE_GEKOPPELD).count() == 1


def test_survivor_of_a_parent_who_died_before_registering_waits_for_uht(maak_dossier, consulent):
    dossier = maak_dossier(doelgroep="NABESTAANDE")
    koppeling = services.overleden_aanvrager_koppelen(
        dossier=dossier, door=consulent, overlijdensdatum=date(2022, 1, 5), relatie="KIND", vandaag=VANDAAG,
        naam="Piet de Wit", bsn="", aangemeld_bij_uht_op=None,
    )
    assert not koppeling.recht_behouden
    with pytest.raises(RegelOvertreding) as fout:
        services.recht_vaststellen_na_overlijden(dossier=dossier, door=consulent, datum=date(2026, 9, 2), vandaag=VANDAAG)
    assert fout.value.regel is regels.NABESTAANDE_BEHOUDT_RECHT
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AANGEMELD
    # The usual way still works: UHT confirms the survivor as beneficiary.
    dossierservices.verificatie_vastleggen(dossier=dossier, door=consulent, datum=date(2026, 9, 3), uitkomst="BEVESTIGD", vandaag=VANDAAG)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.GEVERIFIEERD


def test_linking_is_refused_for_another_doelgroep_twice_or_to_oneself(maak_dossier, consulent):
    ouder = maak_dossier(doelgroep="ERKENDE_OUDER")
    with pytest.raises(RegelOvertreding) as fout:
        services.overleden_aanvrager_koppelen(dossier=ouder, door=consulent, overlijdensdatum=date(2025, 1, 1), relatie="KIND",
                                              vandaag=VANDAAG, naam="X")
    assert fout.value.regel is regels.DOELGROEP_PAST_BIJ_STAP
    nab = maak_dossier(doelgroep="NABESTAANDE", achternaam="Smit")
    with pytest.raises(RegelOvertreding) as fout:
        services.overleden_aanvrager_koppelen(dossier=nab, door=consulent, overlijdensdatum=date(2025, 1, 1), relatie="KIND",
                                              vandaag=VANDAAG, overleden_rechthebbende=nab.rechthebbende)
    assert fout.value.regel is regels.OVERLEDENE_IS_NIET_NABESTAANDE
    with pytest.raises(RegelOvertreding) as fout:
        services.overleden_aanvrager_koppelen(dossier=nab, door=consulent, overlijdensdatum=date(2027, 1, 1), relatie="KIND",
                                              vandaag=VANDAAG, naam="X")
    assert fout.value.regel is regels.DATUM_NIET_IN_TOEKOMST
    services.overleden_aanvrager_koppelen(dossier=nab, door=consulent, overlijdensdatum=date(2025, 1, 1), relatie="KIND",
                                          vandaag=VANDAAG, naam="X", aangemeld_bij_uht_op=date(2024, 1, 1))
    with pytest.raises(RegelOvertreding) as fout:
        services.overleden_aanvrager_koppelen(dossier=nab, door=consulent, overlijdensdatum=date(2025, 1, 1), relatie="KIND",
                                              vandaag=VANDAAG, naam="X")
    assert fout.value.regel is regels.NABESTAANDE_EEN_KOPPELING
    assert OverledenAanvrager.objects.count() == 1


# --- kindregeling path -----------------------------------------------------------------------------

def test_adult_child_payment_starts_the_one_year_offer_term_not_extended_by_the_atw(maak_dossier, consulent):
    kind = maak_dossier(doelgroep="KIND_KINDREGELING", geboortedatum=date(2004, 2, 2))
    dossierservices.verificatie_vastleggen(dossier=kind, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=VANDAAG)
    kind.refresh_from_db()
    assert kind.status == DossierStatus.GEVERIFIEERD  # its own rechthebbende after the usual verification
    # Paid on Saturday 7 March 2026: one year later is Sunday 7 March 2027, and the ATW does not move
    # a term in years (art. 4), so the end stays on the Sunday.
    services.kindregeling_uitbetaling_vastleggen(dossier=kind, door=consulent, datum=date(2026, 3, 7), vandaag=VANDAAG)
    t = Termijn.objects.get(dossier=kind, regel="KINDREGELING_SCHULDENAANBOD")
    assert (t.startdatum, t.einddatum, t.atw_verlengd) == (date(2026, 3, 7), date(2027, 3, 7), False)
    assert t.einddatum.weekday() == 6
    with pytest.raises(RegelOvertreding) as fout:
        services.kindregeling_uitbetaling_vastleggen(dossier=kind, door=consulent, datum=date(2026, 4, 1), vandaag=VANDAAG)
    assert fout.value.regel is regels.KINDREGELING_EEN_UITBETALING
    # Referring the child to the extra debt help uses the window.
    services.verwijzing_maken(dossier=kind, door=consulent, partner="KINDREGELING_SCHULDHULP", datum=date(2026, 10, 1),
                              reden="Problematische schulden", vandaag=VANDAAG)
    t = Termijn.objects.get(dossier=kind, regel="KINDREGELING_SCHULDENAANBOD")
    assert t.voldaan_op == date(2026, 10, 1)


def test_kindregeling_steps_are_refused_for_other_doelgroepen(maak_dossier, consulent):
    ouder = maak_dossier(doelgroep="ERKENDE_OUDER")
    with pytest.raises(RegelOvertreding) as fout:
        services.kindregeling_uitbetaling_vastleggen(dossier=ouder, door=consulent, datum=date(2026, 3, 7), vandaag=VANDAAG)
    assert fout.value.regel is regels.DOELGROEP_PAST_BIJ_STAP
    with pytest.raises(RegelOvertreding):
        services.verwijzing_maken(dossier=ouder, door=consulent, partner="KINDREGELING_SCHULDHULP", datum=date(2026, 10, 1),
                                  reden="x", vandaag=VANDAAG)


def test_a_kindregeling_childs_debt_help_is_tagged_with_the_component_the_books_use(maak_dossier):
    from nieuwestart.financien.models import Componentsoort, SpukComponent
    from nieuwestart.financien.services import component_voor, soort_voor_voorziening

    kind = maak_dossier(doelgroep="KIND_KINDREGELING", geboortedatum=date(2004, 2, 2))
    ouder = maak_dossier(doelgroep="ERKENDE_OUDER", achternaam="Vos")
    geboekt = component_voor(soort_voor_voorziening(doelgroep=kind.doelgroep, categorie="SCHULD_BETALEN"))
    assert spuk_component(kind) == geboekt and geboekt.code == "C"
    assert spuk_component(ouder) is None
    assert list(dossiers_met_component(Dossier.objects.all(), "C")) == [kind]
    assert not dossiers_met_component(Dossier.objects.all(), "A").exists()

    # The functioneel beheerder replaces the component: the tag follows the reference data.
    SpukComponent.objects.filter(code="C").update(actief=False)
    nieuw = SpukComponent.objects.create(code="C2", naam="Schulden kinderen 2027", soort=Componentsoort.SCHULDEN_KINDEREN,
                                         volgorde=31)
    assert spuk_component(kind) == nieuw
