"""Child verification: the answer file from the UHT Serviceteam (preview, commit, outcomes, refusals)."""

import codecs
import io
import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nieuwestart.aanmeldingen import kindverificatie
from nieuwestart.aanmeldingen.kindverificatie import KindUitkomst
from nieuwestart.aanmeldingen.models import ImportDoel, Importbestand, Importregel
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.common.bsn import genereer_bsn
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus, Rechthebbende, Verificatie
from nieuwestart.dossiers.services import verificatie_vastleggen
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

DOEL = "KINDVERIFICATIE_ANTWOORD"
NAAM = "kindverificatie_antwoord_2026-11-20.csv"
AANMELD = date(2026, 9, 1)
KOP = ["BSN kind", "Uitkomst", "Datum verificatie"]


def vreemde_bsns(n, seed=77):
    """BSNs no fixture hands out (the fixture's generator is seeded with 42)."""
    rng = random.Random(seed)
    uit: list[str] = []
    while len(uit) < n:
        b = genereer_bsn(rng)
        if b not in uit and not Rechthebbende.objects.filter(bsn=b).exists():
            uit.append(b)
    return uit


def csv(rijen, kop=KOP, scheiding=";", codering="utf-8", bom=False):
    tekst = "\r\n".join(scheiding.join(r) for r in [kop, *rijen]) + "\r\n"
    return (codecs.BOM_UTF8 if bom else b"") + tekst.encode(codering)


def xlsx(rijen, kop=KOP):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(kop)
    for r in rijen:
        ws.append(r)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def vb(inhoud, vandaag, naam=NAAM, **kw):
    return kindverificatie.voorbeeld_kindverificatie(
        inhoud=inhoud, bestandsnaam=naam, doel_gekozen=DOEL, vandaag=vandaag, **kw
    )


def doe(inhoud, door, vandaag, naam=NAAM, **kw):
    return kindverificatie.uitvoeren_kindverificatie(
        inhoud=inhoud, bestandsnaam=naam, doel_gekozen=DOEL, door=door, vandaag=vandaag, **kw
    )


def tellingen(v):
    return (v.aantal_bevestigd, v.aantal_niet_bevestigd, v.aantal_ongewijzigd, v.aantal_onbekend, v.aantal_afgewezen)


def stand():
    return (
        Rechthebbende.objects.count(), Dossier.objects.count(), DossierGebeurtenis.objects.count(),
        Verificatie.objects.count(), Termijn.objects.count(), Importbestand.objects.count(),
        Importregel.objects.count(), Verwerking.objects.filter(naam=kindverificatie.LOGNAAM_ANTWOORD).count(),
        list(Dossier.objects.order_by("pk").values_list("status", flat=True)),
    )


@pytest.fixture
def maak_kind(maak_dossier):
    """A child (18+, so it has its own dossier) who reported to the municipality directly."""

    def _maak(achternaam="Bakker", **kw):
        kw.setdefault("aanmelddatum", AANMELD)
        return maak_dossier(
            doelgroep="KIND_KINDREGELING", voornamen="Noor", achternaam=achternaam,
            geboortedatum=date(2004, 5, 6), **kw,
        )

    return _maak


def verifieer(dossier, uitkomst, door, datum=date(2026, 10, 1)):
    verificatie_vastleggen(dossier=dossier, door=door, datum=datum, uitkomst=uitkomst, vandaag=date(2026, 11, 23))
    dossier.refresh_from_db()


def bsn(d):
    return d.rechthebbende.bsn


# --- each outcome ----------------------------------------------------------------------------


def test_confirmed_and_not_confirmed_are_recorded_with_the_verification_service(maak_kind, consulent, vandaag):
    ja, nee = maak_kind("Bakker"), maak_kind("Visser")
    inhoud = csv([[bsn(ja), "Bevestigd", "02-11-2026"], [bsn(nee), "niet bevestigd", "2026-11-03"]])
    voor = stand()
    v = vb(inhoud, vandaag)
    assert tellingen(v) == (1, 1, 0, 0, 0) and v.aantal_vast_te_leggen == 2
    assert v.kan_importeren and not v.al_geimporteerd and v.onbekend == []
    assert stand() == voor  # the preview writes nothing

    bestand = doe(inhoud, consulent, vandaag)
    assert isinstance(bestand, Importbestand)
    assert bestand.doel == ImportDoel.KINDVERIFICATIE_ANTWOORD and bestand.team is None
    assert (bestand.aantal_nieuw, bestand.aantal_ongewijzigd, bestand.aantal_onbekend, bestand.aantal_afgewezen) == (
        2, 0, 0, 0)
    ja.refresh_from_db()
    nee.refresh_from_db()
    assert ja.status == DossierStatus.GEVERIFIEERD
    assert nee.status == DossierStatus.AANGEMELD  # keeps waiting
    v_ja, v_nee = ja.verificaties.get(), nee.verificaties.get()
    assert (v_ja.uitkomst, v_ja.datum, v_ja.uitgevoerd_door) == ("BEVESTIGD", date(2026, 11, 2), consulent)
    assert (v_nee.uitkomst, v_nee.datum) == ("NIET_BEVESTIGD", date(2026, 11, 3))
    assert "UHT Serviceteam" in v_ja.contactpersoon_uht and NAAM in v_ja.toelichting
    assert list(ja.gebeurtenissen.order_by("id").values_list("soort", flat=True))[-2:] == [
        "VERIFICATIE_VASTGELEGD", "GEVERIFIEERD"]
    assert not nee.gebeurtenissen.filter(soort="GEVERIFIEERD").exists()
    assert Importregel.objects.filter(importbestand=bestand, uitkomst="NIEUW").count() == 2


def test_payment_date_of_the_kindregeling_becomes_an_event(maak_kind, consulent, vandaag):
    d = maak_kind()
    kop = [*KOP, "Uitbetaald op", "Toelichting"]
    doe(csv([[bsn(d), "ja", "02-11-2026", "15-03-2024", "betaald in 2024"]], kop=kop), consulent, vandaag)
    g = d.gebeurtenissen.get(soort="KINDREGELING_UITBETAALD")
    assert g.datum == date(2024, 3, 15) and g.door == consulent
    assert "betaald in 2024" in d.verificaties.get().toelichting


def test_missing_verification_date_means_today(maak_kind, consulent, vandaag):
    d = maak_kind()
    doe(csv([[bsn(d), "bevestigd"]], kop=["BSN", "Uitkomst"]), consulent, vandaag)
    assert d.verificaties.get().datum == vandaag


def test_already_verified_that_way_is_unchanged(maak_kind, consulent, vandaag):
    al_ja, al_nee = maak_kind("Bakker"), maak_kind("Visser")
    verifieer(al_ja, "BEVESTIGD", consulent)
    verifieer(al_nee, "NIET_BEVESTIGD", consulent)
    voor = stand()
    inhoud = csv([[bsn(al_ja), "bevestigd", "02-11-2026"], [bsn(al_nee), "niet bevestigd", "02-11-2026"]])
    assert tellingen(vb(inhoud, vandaag)) == (0, 0, 2, 0, 0)
    bestand = doe(inhoud, consulent, vandaag)
    assert (bestand.aantal_nieuw, bestand.aantal_ongewijzigd) == (0, 2)
    assert Verificatie.objects.count() == voor[3]
    al_nee.refresh_from_db()
    assert al_nee.status == DossierStatus.AANGEMELD


def test_confirmation_after_an_earlier_no_is_recorded(maak_kind, consulent, vandaag):
    d = maak_kind()
    verifieer(d, "NIET_BEVESTIGD", consulent)
    assert tellingen(vb(csv([[bsn(d), "bevestigd", "02-11-2026"]]), vandaag)) == (1, 0, 0, 0, 0)


def test_unknown_rows_are_reported_and_nothing_is_created(maak_kind, maak_dossier, consulent, vandaag):
    kind = maak_kind("Bakker")
    al_bevestigd = maak_kind("Visser")
    verifieer(al_bevestigd, "BEVESTIGD", consulent)
    ouder = maak_dossier(doelgroep="ERKENDE_OUDER", achternaam="Smit")
    vreemd = vreemde_bsns(1)[0]
    inhoud = csv([
        [bsn(kind), "ja", "02-11-2026"],
        [vreemd, "ja", "02-11-2026"],  # nobody we know
        [bsn(ouder), "ja", "02-11-2026"],  # known, but not as a child
        [bsn(al_bevestigd), "nee", "02-11-2026"],  # confirmed earlier: a 'no' is not recorded
    ])
    v = vb(inhoud, vandaag)
    assert tellingen(v) == (1, 0, 0, 3, 0)
    assert [o.regelnummer for o in v.onbekend] == [3, 4, 5]
    assert "niet bekend" in v.onbekend[0].reden
    assert "geen open dossier als kind" in v.onbekend[1].reden
    assert "al bevestigd" in v.onbekend[2].reden
    personen, dossiers = Rechthebbende.objects.count(), Dossier.objects.count()
    bestand = doe(inhoud, consulent, vandaag)
    assert (bestand.aantal_nieuw, bestand.aantal_onbekend) == (1, 3)
    assert (Rechthebbende.objects.count(), Dossier.objects.count()) == (personen, dossiers)
    assert not Rechthebbende.objects.filter(bsn=vreemd).exists()
    ouder.refresh_from_db()
    al_bevestigd.refresh_from_db()
    assert ouder.status == DossierStatus.AANGEMELD and not ouder.verificaties.exists()
    assert al_bevestigd.status == DossierStatus.GEVERIFIEERD and al_bevestigd.verificaties.count() == 1
    # Nothing is kept of the unknown person: no row key, no log line.
    assert Importregel.objects.filter(importbestand=bestand).count() == 1
    assert not Verwerking.objects.filter(betrokkene_hash=betrokkene_hash(vreemd)).exists()


def test_closed_child_dossier_is_unknown(maak_kind, consulent, vandaag):
    d = maak_kind()
    Dossier.objects.filter(pk=d.pk).update(status=DossierStatus.AFGESLOTEN)
    v = vb(csv([[bsn(d), "ja", "02-11-2026"]]), vandaag)
    assert tellingen(v) == (0, 0, 0, 1, 0)


# --- rejections --------------------------------------------------------------------------------


def test_every_rejection_reason_names_row_and_column(maak_kind, consulent, vandaag):
    kinderen = [maak_kind(f"Kind{i}") for i in range(7)]
    kop = ["BSN", "Uitkomst", "Verificatiedatum", "Kenmerk", "Achternaam"]
    rijen = [
        ["123456789", "ja", "02-11-2026", "", ""],  # 11-proef
        [bsn(kinderen[0]), "misschien", "02-11-2026", "", ""],  # unknown choice
        [bsn(kinderen[1]), "", "02-11-2026", "", ""],  # required but empty
        [bsn(kinderen[2]), "ja", "02-12-2026", "", ""],  # in the future
        [bsn(kinderen[3]), "ja", "31-08-2026", "", ""],  # before the registration
        [bsn(kinderen[4]), "ja", "02-11-2026", "NS-1999-000001", ""],  # our kenmerk of another dossier
        [bsn(kinderen[5]), "ja", "02-11-2026", "", "Anders"],  # BSN belongs to another name
        [bsn(kinderen[5]), "ja", "02-11-2026", "", ""],  # same BSN twice
        [bsn(kinderen[6]), "ja", "02-11-2026", kinderen[6].dossiernummer.lower(), "kind6"],  # fine
    ]
    voor = stand()
    v = vb(csv(rijen, kop=kop), vandaag)
    assert tellingen(v) == (1, 0, 0, 0, 8)
    gevonden = [(a.regelnummer, a.kolom) for a in v.afwijzingen]
    assert gevonden == [(2, "BSN"), (3, "Uitkomst"), (4, "Uitkomst"), (5, "Verificatiedatum"),
                        (6, "Verificatiedatum"), (7, "Kenmerk"), (8, "BSN"), (9, "BSN")]
    redenen = [a.reden for a in v.afwijzingen]
    assert "11-proef" in redenen[0] and "Onbekende waarde" in redenen[1] and "verplicht" in redenen[2]
    assert "toekomst" in redenen[3] and "vóór de aanmelding op 01-09-2026" in redenen[4]
    assert "kenmerk hoort niet" in redenen[5] and "andere achternaam" in redenen[6] and "regel 8" in redenen[7]
    bestand = doe(csv(rijen, kop=kop), consulent, vandaag)
    assert (bestand.aantal_nieuw, bestand.aantal_afgewezen) == (1, 8)
    assert Verificatie.objects.count() == voor[3] + 1  # only the good row


def test_missing_required_column_blocks_the_file(maak_kind, consulent, vandaag):
    d = maak_kind()
    inhoud = csv([[bsn(d), "02-11-2026"]], kop=["BSN", "Datum verificatie"])
    v = vb(inhoud, vandaag)
    assert not v.kan_importeren and "'uitkomst'" in v.kolomfouten[0]
    assert tellingen(v) == (0, 0, 0, 0, 0)
    with pytest.raises(BestandFout) as fout:
        doe(inhoud, consulent, vandaag)
    assert fout.value.code == "kolommen"
    assert Importbestand.objects.count() == 0 and not Verificatie.objects.exists()


def test_mapping_repairs_a_differently_named_column(maak_kind, consulent, vandaag):
    d = maak_kind()
    inhoud = csv([[bsn(d), "ja"]], kop=["BSN", "Oordeel UHT"])
    v = vb(inhoud, vandaag, mapping={"Oordeel UHT": "uitkomst"})
    assert v.kan_importeren and v.aantal_bevestigd == 1


def test_debt_list_is_refused_and_nothing_stored(maak_kind, consulent, vandaag):
    d = maak_kind()
    inhoud = csv([[bsn(d), "ja", "02-11-2026", "1200"]], kop=[*KOP, "Openstaand bedrag"])
    voor = stand()
    with pytest.raises(DoelFout, match="schuldenlijst"):
        vb(inhoud, vandaag)
    with pytest.raises(DoelFout):
        doe(inhoud, consulent, vandaag)
    with pytest.raises(DoelFout):
        doe(csv([[bsn(d), "ja"]], kop=["BSN", "Uitkomst"]), consulent, vandaag, naam="schuldenlijst_kinderen.csv")
    assert stand() == voor and Importbestand.objects.count() == 0


def test_a_status_update_is_not_read_as_an_answer_file(maak_kind, consulent, vandaag):
    d = maak_kind()
    with pytest.raises(DoelFout, match="statusupdate"):
        vb(csv([[bsn(d), "erkend", "02-11-2026"]], kop=["BSN", "Status", "Besluitdatum"]), vandaag)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dagen=st.integers(min_value=-60, max_value=83))
def test_verification_date_is_never_before_the_registration(maak_kind, vandaag, dagen):
    """Any date from the registration up to today is recorded; any date before it is rejected."""
    d = Dossier.objects.filter(doelgroep="KIND_KINDREGELING").first() or maak_kind()
    datum = AANMELD + timedelta(days=dagen)
    v = vb(csv([[bsn(d), "ja", f"{datum:%d-%m-%Y}"]]), vandaag)
    if dagen < 0:
        assert v.aantal_afgewezen == 1 and "vóór de aanmelding" in v.afwijzingen[0].reden
    else:
        assert v.aantal_bevestigd == 1 and v.aantal_afgewezen == 0


# --- file formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("maak", [
    pytest.param(lambda r, k: csv(r, k, scheiding=";", bom=True), id="puntkomma-bom"),
    pytest.param(lambda r, k: csv(r, k, scheiding=","), id="komma"),
    pytest.param(lambda r, k: csv(r, k, scheiding=";", codering="cp1252"), id="windows-1252"),
    pytest.param(lambda r, k: xlsx(r, k), id="xlsx"),
])
def test_file_formats_and_date_spellings(maak, maak_kind, consulent, vandaag):
    ja, nee = maak_kind("Müller-Élie"), maak_kind("Visser")
    kop = ["Burgerservicenummer kind", "Antwoord", "Datum verificatie", "Achternaam", "Geboortedatum"]
    rijen = [
        [bsn(ja), "Ja", "2-11-2026", "Müller-Élie", "06-05-2004"],
        [bsn(nee), "Nee", "2026-11-03", "visser", "2004-05-06"],
    ]
    v = vb(maak(rijen, kop), vandaag)
    assert tellingen(v) == (1, 1, 0, 0, 0), v.afwijzingen
    doe(maak(rijen, kop), consulent, vandaag)
    assert Verificatie.objects.get(dossier=ja).datum == date(2026, 11, 2)
    assert Verificatie.objects.get(dossier=nee).datum == date(2026, 11, 3)


def test_xlsx_with_real_date_cells(maak_kind, consulent, vandaag):
    d = maak_kind()
    inhoud = xlsx([[bsn(d), "bevestigd", date(2026, 11, 4)]])
    doe(inhoud, consulent, vandaag, naam="antwoord.xlsx")
    assert Verificatie.objects.get(dossier=d).datum == date(2026, 11, 4)


# --- idempotence, atomicity, logging -----------------------------------------------------------


def test_same_file_twice_changes_nothing(maak_kind, consulent, vandaag):
    ja, nee = maak_kind("Bakker"), maak_kind("Visser")
    inhoud = csv([[bsn(ja), "ja", "02-11-2026"], [bsn(nee), "nee", "02-11-2026"]])
    eerste = doe(inhoud, consulent, vandaag)
    na_eerste = stand()
    v = vb(inhoud, vandaag)
    assert v.al_geimporteerd and tellingen(v) == (0, 0, 2, 0, 0)
    assert any("al eerder ingelezen" in w for w in v.waarschuwingen)
    tweede = doe(inhoud, consulent, vandaag)
    assert tweede.pk == eerste.pk
    assert stand() == na_eerste


def test_rows_seen_before_in_another_file_are_skipped(maak_kind, consulent, vandaag):
    ja, nee = maak_kind("Bakker"), maak_kind("Visser")
    rijen = [[bsn(ja), "ja", "02-11-2026"], [bsn(nee), "nee", "02-11-2026"]]
    doe(csv(rijen), consulent, vandaag)
    verificaties = Verificatie.objects.count()
    anders = csv([[*r, "x"] for r in reversed(rijen)], kop=[*KOP, "Opmerking"])  # other bytes, same rows
    v = vb(anders, vandaag, naam="antwoord_2026-11-21.csv")
    assert not v.al_geimporteerd and tellingen(v) == (0, 0, 2, 0, 0)
    bestand = doe(anders, consulent, vandaag, naam="antwoord_2026-11-21.csv")
    assert bestand.aantal_ongewijzigd == 2 and Verificatie.objects.count() == verificaties


def test_failure_in_the_middle_of_the_commit_leaves_no_trace(maak_kind, consulent, vandaag, monkeypatch):
    kinderen = [maak_kind(f"Kind{i}") for i in range(4)]
    echte = kindverificatie.verificatie_vastleggen
    teller = {"n": 0}

    def stuk(**kwargs):
        teller["n"] += 1
        if teller["n"] == 3:
            raise RuntimeError("stroomstoring")
        return echte(**kwargs)

    monkeypatch.setattr(kindverificatie, "verificatie_vastleggen", stuk)
    voor = stand()
    with pytest.raises(RuntimeError):
        doe(csv([[bsn(d), "ja", "02-11-2026"] for d in kinderen]), consulent, vandaag)
    assert teller["n"] == 3
    assert stand() == voor
    assert not Dossier.objects.filter(status=DossierStatus.GEVERIFIEERD).exists()


def test_every_child_touched_gets_a_processing_log_line(maak_kind, consulent, vandaag):
    ja, nee, al = maak_kind("Bakker"), maak_kind("Visser"), maak_kind("Smit")
    verifieer(al, "BEVESTIGD", consulent)
    vreemd = vreemde_bsns(1)[0]
    bestand = doe(csv([[bsn(d), "ja", "02-11-2026"] for d in (ja, nee, al)] + [[vreemd, "ja", "02-11-2026"]]),
                  consulent, vandaag)
    regels = Verwerking.objects.filter(naam=kindverificatie.LOGNAAM_ANTWOORD, object_id=str(bestand.pk))
    assert set(regels.values_list("betrokkene_hash", flat=True)) == {betrokkene_hash(bsn(d)) for d in (ja, nee, al)}
    assert regels.values("operation_id").distinct().count() == 1


def test_progress_is_reported_per_batch(maak_kind, consulent, vandaag, monkeypatch):
    monkeypatch.setattr(kindverificatie, "BATCH", 2)
    kinderen = [maak_kind(f"Kind{i}") for i in range(4)]
    rijen = [[bsn(d), "ja", "02-11-2026"] for d in kinderen] + [["123456789", "ja", "02-11-2026"]]
    gezien: list[int] = []
    vb(csv(rijen), vandaag, voortgang=gezien.append)
    assert gezien == [2, 4, 5]
    gezien.clear()
    doe(csv(rijen), consulent, vandaag, voortgang=gezien.append)
    assert gezien == [2, 4, 5]
    assert Dossier.objects.filter(status=DossierStatus.GEVERIFIEERD).count() == 4


def test_outcome_names_match_the_verification_outcomes():
    from nieuwestart.dossiers.models import VerificatieUitkomst

    assert {KindUitkomst.BEVESTIGD, KindUitkomst.NIET_BEVESTIGD} <= set(VerificatieUitkomst.values)
