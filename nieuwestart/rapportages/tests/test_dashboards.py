"""Dashboard figures against hand-computed values on small fixed data sets."""

from datetime import date
from decimal import Decimal

import pytest

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.financien import services as financien
from nieuwestart.financien.models import UhtTelling
from nieuwestart.rapportages import selectors
from nieuwestart.rapportages.gelijkheid import gelijke_behandeling
from nieuwestart.rapportages.selectors import Filter

pytestmark = pytest.mark.django_db
VANDAAG = date(2026, 11, 23)


def _tabel(tabellen, sleutel):
    return next(t for t in tabellen if t.sleutel == sleutel)


def _rij(tabel, label):
    return next(r for r in tabel.rijen if r[0] == label)


def test_reach_per_doelgroep_against_uht_counts(maak_dossier, besluiten, ander_team):
    ouders = [maak_dossier(achternaam=f"Ouder{i}") for i in range(3)]
    maak_dossier(achternaam="Kind", doelgroep="KIND_KINDREGELING", team_=ander_team)
    besluiten(ouders[0], [("WONEN", "MATERIEEL", "TOEGEKEND", "100")])  # a concept plan: not "met een plan"
    UhtTelling.objects.create(jaar=2026, doelgroep="ERKENDE_OUDER", aantal=12)
    [t] = selectors.bereik(Filter(), jaar=2026)
    rij = _rij(t, "Erkend gedupeerde ouder")
    assert rij[1:] == [12, 3, 25.0, 3, 0, 0, 0]
    assert _rij(t, "Kind dat de kindregeling ontving")[1:4] == [None, 1, None]
    assert t.rijen[-1][2] == 4 and t.rijen[-1][1] == 12
    # Filters: team and doelgroep
    [t] = selectors.bereik(Filter(team_id=ander_team.pk), jaar=2026)
    assert t.rijen[-1][2] == 1
    [t] = selectors.bereik(Filter(doelgroep="KIND_KINDREGELING"), jaar=2026)
    assert len(t.rijen) == 2 and t.rijen[0][2] == 1


def test_turnaround_median_p90_and_share_within_term(maak_dossier, consulent):
    # Registered 1 Sept 2026; eerste gesprek after 10, 20, 30 and 70 days (the term is 8 weeks: 27 Oct).
    for i, dagen in enumerate((10, 20, 30, 70)):
        d = maak_dossier(achternaam=f"Snel{i}", aanmelddatum=date(2026, 9, 1))
        dossierservices.verificatie_vastleggen(dossier=d, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=VANDAAG)
        dossierservices.eerste_gesprek_vastleggen(
            dossier=d, door=consulent, datum=date.fromordinal(date(2026, 9, 1).toordinal() + dagen), vandaag=VANDAAG,
            acute_situatie=False, hulpvragen={"WONEN": "Huur"},
        )
    open_dossier = maak_dossier(achternaam="Wacht", aanmelddatum=date(2026, 8, 1))
    tabellen = selectors.doorlooptijden(Filter(), vandaag=VANDAAG)
    samenvatting = _tabel(tabellen, "doorloop-samenvatting")
    rij = samenvatting.rijen[0]
    assert rij[1:] == [4, 20, 70, 75.0]  # n, median (nearest rank), P90, 3 of 4 within the term
    verdeling = _tabel(tabellen, "doorloop-eerste_gesprek")
    assert [r[1] for r in verdeling.rijen] == [1, 1, 1, 0, 1, 0]  # 10, 20, 30 and 70 days
    open_t = _tabel(tabellen, "open-termijnen")
    [team_rij] = open_t.rijen
    # Open: the unanswered registration (overdue: 1 Aug + 8 weeks < 23 Nov); plan terms: 4 open, of which
    # overdue those from 11 Sep (ends 6 Nov) and 21 Sep (ends 16 Nov); 1 Oct ends 26 Nov, 10 Nov ends 5 Jan.
    assert team_rij[1:] == [1, 1, 4, 2]
    assert open_dossier.pk


def test_support_per_leefgebied(maak_dossier, besluiten, consulent):
    d = maak_dossier()
    wonen, _zorg, _af = besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "450.00"), ("WONEN", "IMMATERIEEL", "TOEGEKEND", "1000.00"),
                                      ("ZORG", "MATERIEEL", "AFGEWEZEN", "99.00")])[0:3]
    financien.betaling_vastleggen(kosten=wonen, datum=VANDAAG, bedrag=Decimal("200.00"), door=consulent)
    besluiten(d, [("WERK", "MATERIEEL", "TOEGEKEND", "50.00")], besluitdatum=date(2025, 1, 1))
    tabellen = selectors.ondersteuning(Filter(van=date(2026, 1, 1), tot=date(2026, 12, 31)))
    t = _tabel(tabellen, "ondersteuning-aantallen")
    assert _rij(t, "Wonen")[1:] == [2, 0, 1, 1, Decimal("1450.00"), Decimal("200.00")]
    assert _rij(t, "Zorg")[1:3] == [0, 1]
    assert _rij(t, "Werk")[1] == 0  # decided in 2025: outside the period
    assert t.rijen[-1][1:3] == [2, 1]
    aandelen = _tabel(tabellen, "ondersteuning-aandelen")
    assert _rij(aandelen, "Wonen")[2:] == [100.0, 50.0]
    assert [s["label"] for s in t.staven] == ["Wonen", "Financiën", "Gezin", "Werk", "Zorg"]  # no bar for the total


def test_termination_reasons_and_warm_handovers(maak_dossier, consulent, ander_team):
    from nieuwestart.beeindiging.models import Beeindiging, WarmeOverdracht

    def einde(achternaam, reden, einddatum, **extra):
        d = maak_dossier(achternaam=achternaam, **extra)
        Beeindiging.objects.create(dossier=d, reden=reden, einddatum=einddatum, vastgelegd_door=consulent)
        return d

    a = einde("A", "DOELEN_BEREIKT", date(2026, 3, 1))
    einde("B", "DOELEN_BEREIKT", date(2026, 6, 1))
    einde("C", "NIET_ERKEND", date(2026, 7, 1))
    einde("D", "VERHUISD", date(2025, 12, 31))  # before the period
    einde("E", "GEEN_CONTACT", date(2026, 8, 1), team_=ander_team)
    for status, ontvanger in (("GESTART", "WMO"), ("GESTART", "WMO"), ("NIET_GESTART", "WMO"),
                              ("OVERGEDRAGEN", "SCHULDHULPVERLENING"), ("VOORGESTELD", "JEUGDWET")):
        WarmeOverdracht.objects.create(dossier=a, leefgebied="ZORG", ontvanger=ontvanger, status=status,
                                       datum=date(2026, 5, 1), aangemaakt_door=consulent)
    WarmeOverdracht.objects.create(dossier=a, leefgebied="ZORG", ontvanger="WMO", status="GESTART",
                                   datum=date(2025, 5, 1), aangemaakt_door=consulent)  # before the period

    redenen, overdrachten = selectors.beeindigingen(Filter(van=date(2026, 1, 1), tot=date(2026, 12, 31)))
    assert _rij(redenen, "De doelen van het plan zijn bereikt")[1:] == [2, 50.0]
    assert _rij(redenen, "UHT heeft de aanvrager niet erkend (afbouw binnen 30 dagen)")[1:] == [1, 25.0]
    assert _rij(redenen, "Verhuisd naar een andere gemeente")[1] == 0
    assert redenen.rijen[-1][1:] == [4, 100.0]
    # Voorgesteld, overgedragen, gestart, niet gestart, share started of the known outcomes
    assert _rij(overdrachten, "Wmo (maatschappelijke ondersteuning)")[1:] == [0, 0, 2, 1, 66.7]
    assert _rij(overdrachten, "Schuldhulpverlening")[1:] == [0, 1, 0, 0, None]
    assert overdrachten.rijen[-1][1:] == [1, 1, 2, 1, 66.7]
    # The team filter
    [redenen, _o] = selectors.beeindigingen(Filter(team_id=ander_team.pk))
    assert redenen.rijen[-1][1] == 1


def test_equal_treatment_flags_an_outlier_with_enough_cases(maak_dossier, besluiten, team, consulent):
    collega = maak_gebruiker("collega", Rol.CONSULENT, teams=[team], first_name="Pieter", last_name="Bakker")
    nieuw = maak_gebruiker("nieuw", Rol.CONSULENT, teams=[team], first_name="Nina", last_name="Nieuw")
    d = maak_dossier()
    # Consulent: 30 granted, 25 material; colleague: 30 granted, 5 material; new colleague: 5 granted, all material.
    besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "500")] * 25 + [("WONEN", "IMMATERIEEL", "TOEGEKEND", "500")] * 5,
              behandelaar=consulent)
    besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "300")] * 5 + [("WONEN", "IMMATERIEEL", "TOEGEKEND", "300")] * 25,
              behandelaar=collega)
    besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "9000")] * 5, behandelaar=nieuw)
    [per_consulent, per_leefgebied, _per_doelgroep] = gelijke_behandeling(Filter(), team_ids=[team.pk])
    rijen = {r[0]: r for r in per_consulent.rijen}
    eva = rijen[str(consulent)]
    # 25/30 vs the rest of the team 10/35: p = 35/65; z = (0.8333 − 0.2857) / sqrt(p(1−p)(1/30 + 1/35)) = 4.415
    assert eva[2] == 30 and eva[6] == 83.3 and eva[7] == 28.6 and eva[8] == 4.42
    assert "vaker materieel" in eva[10]
    assert "minder vaak materieel" in rijen["Pieter Bakker"][10]
    assert "te weinig" in rijen["Nina Nieuw"][10]  # 5 decisions: never flagged
    # Team medians: 65 amounts: 30×300, 30×500, 5×9000 -> P25 = 300, P75 = 500, median 500
    assert _rij(per_leefgebied, f"{team.naam} – Wonen")[1:] == [65, 65, 53.8, Decimal("500"), Decimal("500")]


def test_equal_treatment_is_limited_to_the_given_teams(maak_dossier, besluiten, team, ander_team):
    d = maak_dossier(team_=ander_team)
    besluiten(d, [("WONEN", "MATERIEEL", "TOEGEKEND", "100")], team=ander_team)
    [per_consulent, *_r] = gelijke_behandeling(Filter(), team_ids=[team.pk])
    assert per_consulent.rijen == []
