"""Warme overdracht → nazorg terms → nazorg → afsluiten, and closing refused without aftercare or a reason."""

from datetime import date

import pytest

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.beeindiging import selectors, services
from nieuwestart.beeindiging.models import Overdrachtstatus
from nieuwestart.instellingen.services import instellingen_wijzigen
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

OVERDRACHT = {
    "leefgebied": "FINANCIEN", "ontvanger": "SCHULDHULPVERLENING", "organisatie": "Schuldhulp gemeente",
    "contactpersoon": "J. Smit", "contactgegevens": "0320 123 456",
    "wat_overgedragen": "Overzicht van de schulden, de afspraken met de bank en de contactgegevens.",
}


def _overdracht(dossier, consulent, *, op=date(2026, 12, 4), **extra):
    velden = OVERDRACHT | {"toestemming": True} | extra
    return services.overdracht_vastleggen(dossier=dossier, door=consulent, vandaag=op, overgedragen_op=op, **velden)


def _nazorgtermijnen(dossier, overdracht):
    return {
        t.regel: t for t in Termijn.objects.filter(
            dossier=dossier, sleutel=str(overdracht.pk), regel__in=("NAZORG_EERSTE_CONTROLE", "NAZORG_TWEEDE_CONTROLE"))
    }


def test_handover_starts_aftercare_terms_checks_meet_them_and_the_dossier_closes(met_plan, consulent):
    dossier = met_plan
    overdracht = _overdracht(dossier, consulent)
    assert overdracht.status == Overdrachtstatus.OVERGEDRAGEN and overdracht.telt_als_doel_bereikt
    t = _nazorgtermijnen(dossier, overdracht)
    # From the handover on Friday 4 December 2026: 4 weeks → 1 January 2027 (a holiday, but a local
    # working agreement is not extended by the ATW), 3 months → 4 March 2027.
    assert t["NAZORG_EERSTE_CONTROLE"].einddatum == date(2027, 1, 1)
    assert t["NAZORG_TWEEDE_CONTROLE"].einddatum == date(2027, 3, 4)
    assert not t["NAZORG_EERSTE_CONTROLE"].atw_verlengd
    # The worklist sorts on the next open term: the first check comes before the plan's other terms.
    dossier.refresh_from_db()
    assert (dossier.volgende_termijn_regel, dossier.volgende_termijn_einddatum) == ("NAZORG_EERSTE_CONTROLE", date(2027, 1, 1))

    services.beeindigen(dossier=dossier, reden="DOELEN_BEREIKT", einddatum=date(2026, 12, 10), door=consulent,
                        vandaag=date(2026, 12, 10), bereikte_leefgebieden=["ZORG"])
    services.nazorg_starten(dossier=dossier, door=consulent, datum=date(2026, 12, 10), vandaag=date(2026, 12, 10))
    dossier.refresh_from_db()
    assert dossier.status == "NAZORG"

    services.nazorgcontrole_vastleggen(overdracht=overdracht, moment="EERSTE", datum=date(2026, 12, 30),
                                       uitkomst="NOG_NIET_GESTART", door=consulent, vandaag=date(2026, 12, 30))
    with pytest.raises(RegelOvertreding) as exc:
        services.afsluiten(dossier=dossier, door=consulent, datum=date(2027, 1, 5), vandaag=date(2027, 1, 5))
    assert exc.value.regel is R.AFSLUITEN_NA_NAZORG and "tweede controle" in exc.value.bericht
    with pytest.raises(RegelOvertreding) as exc:
        services.nazorgcontrole_vastleggen(overdracht=overdracht, moment="EERSTE", datum=date(2027, 1, 5),
                                           uitkomst="GESTART", door=consulent, vandaag=date(2027, 1, 5))
    assert exc.value.regel is R.NAZORGCONTROLE_EENMAAL

    services.nazorgcontrole_vastleggen(overdracht=overdracht, moment="TWEEDE", datum=date(2027, 3, 1),
                                       uitkomst="GESTART", door=consulent, vandaag=date(2027, 3, 1))
    overdracht.refresh_from_db()
    assert overdracht.status == Overdrachtstatus.GESTART
    t = _nazorgtermijnen(dossier, overdracht)
    assert (t["NAZORG_EERSTE_CONTROLE"].voldaan_op, t["NAZORG_TWEEDE_CONTROLE"].voldaan_op) == (date(2026, 12, 30), date(2027, 3, 1))
    assert selectors.nazorg_open(dossier) == []

    services.afsluiten(dossier=dossier, door=consulent, datum=date(2027, 3, 1), vandaag=date(2027, 3, 1))
    dossier.refresh_from_db()
    assert dossier.status == "AFGESLOTEN"
    assert dossier.beeindiging.afgesloten_op == date(2027, 3, 1) and dossier.beeindiging.reden_zonder_nazorg == ""
    assert not dossier.gebeurtenissen.filter(soort="NAZORG_AFGEZIEN").exists()


def test_closing_without_aftercare_needs_a_reason_which_ends_the_open_checks(met_plan, consulent):
    dossier = met_plan
    overdracht = _overdracht(dossier, consulent)
    services.beeindigen(dossier=dossier, reden="GEEN_BEHOEFTE_MEER", einddatum=date(2026, 12, 10), door=consulent,
                        vandaag=date(2026, 12, 10), toelichting="In het gesprek van 10 december: wil stoppen.")
    with pytest.raises(RegelOvertreding) as exc:
        services.afsluiten(dossier=dossier, door=consulent, datum=date(2026, 12, 11), vandaag=date(2026, 12, 11))
    assert exc.value.regel is R.AFSLUITEN_NA_NAZORG and exc.value.veld == "reden_zonder_nazorg"
    assert "De nazorg is niet gestart." in exc.value.bericht
    dossier.refresh_from_db()
    assert dossier.status == "BEEINDIGD"

    services.afsluiten(dossier=dossier, door=consulent, datum=date(2026, 12, 11), vandaag=date(2026, 12, 11),
                       reden_zonder_nazorg="De rechthebbende wil geen contact meer, ook niet voor nazorg.")
    dossier.refresh_from_db()
    assert dossier.status == "AFGESLOTEN"
    t = _nazorgtermijnen(dossier, overdracht)
    assert {r.vervallen_op for r in t.values()} == {date(2026, 12, 11)}
    assert dossier.gebeurtenissen.get(soort="NAZORG_AFGEZIEN").toelichting.startswith("De rechthebbende")
    # A closed dossier takes no further handover.
    with pytest.raises(RegelOvertreding):
        _overdracht(dossier, consulent, op=date(2026, 12, 12), leefgebied="WONEN")


def test_nazorg_only_after_a_handover(met_plan, consulent):
    services.beeindigen(dossier=met_plan, reden="VERHUISD", einddatum=date(2026, 12, 10), door=consulent,
                        vandaag=date(2026, 12, 10), nieuwe_gemeente="Lelystad")
    with pytest.raises(RegelOvertreding) as exc:
        services.nazorg_starten(dossier=met_plan, door=consulent, datum=date(2026, 12, 10), vandaag=date(2026, 12, 10))
    assert exc.value.regel is R.NAZORG_NA_OVERDRACHT


def test_handover_needs_consent_and_who_when_what(met_plan, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        _overdracht(met_plan, consulent, toestemming=False)
    assert exc.value.regel is R.OVERDRACHT_MET_TOESTEMMING
    with pytest.raises(RegelOvertreding) as exc:
        _overdracht(met_plan, consulent, contactpersoon="")
    assert exc.value.regel is R.OVERDRACHT_COMPLEET and exc.value.veld == "contactpersoon"
    # Proposed first (no date yet): no aftercare term; handed over later, the terms start then.
    voorstel = services.overdracht_vastleggen(dossier=met_plan, door=consulent, vandaag=date(2026, 12, 1),
                                              **(OVERDRACHT | {"leefgebied": "ZORG", "ontvanger": "WMO", "toestemming": False}))
    assert voorstel.status == Overdrachtstatus.VOORGESTELD and not _nazorgtermijnen(met_plan, voorstel)
    with pytest.raises(RegelOvertreding) as exc:
        services.nazorgcontrole_vastleggen(overdracht=voorstel, moment="EERSTE", datum=date(2026, 12, 2), uitkomst="GESTART",
                                           door=consulent, vandaag=date(2026, 12, 2))
    assert exc.value.regel is R.NAZORGCONTROLE_EENMAAL
    services.overdracht_bijwerken(overdracht=voorstel, door=consulent, vandaag=date(2026, 12, 8), overgedragen_op=date(2026, 12, 8),
                                  toestemming=True)
    assert _nazorgtermijnen(met_plan, voorstel)["NAZORG_EERSTE_CONTROLE"].einddatum == date(2027, 1, 5)
    with pytest.raises(RegelOvertreding) as exc:
        services.overdracht_bijwerken(overdracht=voorstel, door=consulent, vandaag=date(2026, 12, 9), contactpersoon="Iemand anders")
    assert exc.value.regel is R.OVERDRACHT_STATUS_VOLGORDE


def test_changing_the_aftercare_terms_moves_the_open_checks(met_plan, consulent, beheerder):
    overdracht = _overdracht(met_plan, consulent)
    instellingen_wijzigen(door=beheerder, nazorg_eerste_weken=6, nazorg_tweede_maanden=4)
    t = _nazorgtermijnen(met_plan, overdracht)
    assert (t["NAZORG_EERSTE_CONTROLE"].einddatum, t["NAZORG_TWEEDE_CONTROLE"].einddatum) == (date(2027, 1, 15), date(2027, 4, 4))


def test_afbouw_checklist_only_during_afbouw(met_plan, consulent):
    with pytest.raises(RegelOvertreding) as exc:
        services.afbouwstap_afvinken(dossier=met_plan, stap="HERSTART_INVORDERING", door=consulent, datum=date(2026, 12, 1),
                                     vandaag=date(2026, 12, 1))
    assert exc.value.regel.code == "STATUS_STAAT_DIT_NIET_TOE"


def test_the_retention_purge_removes_a_closed_dossier_with_its_ending_handover_and_checks(dossier, consulent):
    # Without a plan: a Planversie still protects its dossier from the purge (plannen, reported separately).
    met_plan = dossier
    from nieuwestart.beeindiging.models import Beeindiging, Nazorgcontrole, WarmeOverdracht
    from nieuwestart.bewaartermijnen.services import opschonen
    from nieuwestart.dossiers.models import Dossier

    o = _overdracht(met_plan, consulent)
    b = services.beeindigen(dossier=met_plan, reden="GEEN_BEHOEFTE_MEER", einddatum=date(2026, 12, 10), door=consulent,
                            vandaag=date(2026, 12, 10), toelichting="Wil stoppen, gezegd in het gesprek.")
    assert b.beschikking is not None
    services.nazorgcontrole_vastleggen(overdracht=o, moment="EERSTE", datum=date(2026, 12, 30), uitkomst="GESTART",
                                       door=consulent, vandaag=date(2026, 12, 30))
    services.afsluiten(dossier=met_plan, door=consulent, datum=date(2026, 12, 31), vandaag=date(2026, 12, 31),
                       reden_zonder_nazorg="Hulp is gestart; tweede controle niet nodig volgens de rechthebbende.")
    assert opschonen(peildatum=date(2045, 1, 1), uitgevoerd_door="test")
    assert not Dossier.objects.filter(pk=met_plan.pk).exists()
    assert (Beeindiging.objects.count(), WarmeOverdracht.objects.count(), Nazorgcontrole.objects.count()) == (0, 0, 0)


def test_the_dossier_section_reads_a_fixed_number_of_queries(met_plan, consulent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel():
        met_plan.refresh_from_db()
        with CaptureQueriesContext(connection) as c:
            selectors.dossiersectie(met_plan, vandaag=date(2027, 1, 10), mag_wijzigen=True)
        return len(c)

    o = _overdracht(met_plan, consulent)
    services.beeindigen(dossier=met_plan, reden="DOELEN_BEREIKT", einddatum=date(2026, 12, 10), door=consulent,
                        vandaag=date(2026, 12, 10), bereikte_leefgebieden=["ZORG"])
    tel()  # warm: a first call may fill a per-process cache
    een = tel()
    for lg in ("WONEN", "WERK", "GEZIN"):
        extra = _overdracht(met_plan, consulent, leefgebied=lg)
        services.nazorgcontrole_vastleggen(overdracht=extra, moment="EERSTE", datum=date(2027, 1, 2), uitkomst="GESTART",
                                           door=consulent, vandaag=date(2027, 1, 2))
    services.nazorgcontrole_vastleggen(overdracht=o, moment="EERSTE", datum=date(2027, 1, 2), uitkomst="GESTART",
                                       door=consulent, vandaag=date(2027, 1, 2))
    assert tel() == een <= 10
