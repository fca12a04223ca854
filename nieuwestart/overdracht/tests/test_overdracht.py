"""Transfer between municipalities: the package, a round trip between two databases, and refused packages.

The round trip exports a dossier with its whole history, wipes the database (``flush``: the receiving
municipality's installation knows nothing of the person), imports the package through the screens and
compares: the same history, the same terms recomputed from it (still running from the original eerste
gesprek), the plan versions frozen with the same content, the beschikkingen byte for byte.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from nieuwestart.accounts.models import Rol, Team
from nieuwestart.aanmeldingen.services import NieuwGezinslid
from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.beschikkingen import services as beschikkingservices
from nieuwestart.beschikkingen.models import Beschikking, Bezwaar
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as G
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus, Rechthebbende
from nieuwestart.ketenpartners import services as keten
from nieuwestart.ketenpartners.models import Driegesprek, Verwijzing
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.overdracht import pakket as P
from nieuwestart.overdracht import services
from nieuwestart.overdracht.models import Overdracht
from nieuwestart.plannen import services as planservices
from nieuwestart.plannen.models import Planstatus, Planversie, VersieBevroren, Voorziening
from nieuwestart.plannen.tests.conftest import gesprek_voeren, voorziening
from nieuwestart.termijnen.models import Termijn

VANDAAG = date(2026, 11, 23)
GEZINSLID_BSN = "111222333"


def _volledig_dossier(maak_dossier, consulent):
    """Verified, eerste gesprek, an issued plan with a sent beschikking and a bezwaar, a driegesprek, an SBN referral."""
    dossier = maak_dossier(
        achternaam="Yilmaz", voornamen="Ayse",
        gezinsleden=[NieuwGezinslid("Can", "Yilmaz", date(2012, 4, 1), "KIND", bsn=GEZINSLID_BSN)],
    )
    gesprek_voeren(dossier, consulent)
    plan = planservices.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    planservices.leefgebied_bijwerken(plan, "WONEN", consulent, situatie="Wasmachine kapot", voldoet_aan_doelstelling="NEE", zrm_start=2)
    doel = planservices.doel_toevoegen(plan, consulent, leefgebied="WONEN", omschrijving="Het huishouden draait weer")
    voorziening(doel, consulent, bedrag="450.00", aanbieder_naam="Witgoed Noord", hoeveelheid="1 machine")
    beschikking = planservices.uitgeven(plan, consulent, date(2026, 10, 1))
    beschikkingservices.verzending_vastleggen(beschikking=beschikking, verzonden_op=date(2026, 10, 2), via="POST", door=consulent, vandaag=VANDAAG)
    beschikkingservices.bezwaar_registreren(beschikking=beschikking, ontvangen_op=date(2026, 10, 20), door=consulent, vandaag=VANDAAG)
    d = keten.driegesprek_aanvragen(dossier=dossier, door=consulent, initiatief="UHT", aangevraagd_op=date(2026, 10, 5),
                                    onderwerpen="Erkenning", zaakbehandelaar_uht="PZB Jansen", vandaag=VANDAAG)
    keten.driegesprek_vastleggen(driegesprek=d, door=consulent, gehouden_op=date(2026, 10, 12), uitkomst="Afspraken gemaakt", vandaag=VANDAAG)
    v = keten.verwijzing_maken(dossier=dossier, door=consulent, partner="SBN", datum=date(2026, 10, 6), reden="Private schulden",
                               erkenningsdatum=date(2026, 7, 1), vandaag=VANDAAG)
    keten.contact_vastleggen(verwijzing=v, door=consulent, datum=date(2026, 10, 7), kanaal="TELEFOON", verslag="Gebeld met SBN", vandaag=VANDAAG)
    dossier.refresh_from_db()
    return dossier


def _momentopname(dossier) -> dict:
    """What must be the same on both sides (ids, users and the dossier number differ by design)."""
    versies = []
    for pv in Planversie.objects.filter(dossier=dossier).order_by("versie"):
        versies.append((pv.versie, pv.soort, pv.status, pv.uitgegeven_op, sorted(
            (v.omschrijving, str(v.bedrag), v.besluit, v.besluitdatum, v.doel.omschrijving, v.aanbieder_naam)
            for v in Voorziening.objects.filter(planversie=pv).select_related("doel")
        )))
    return {
        "persoon": Rechthebbende.objects.filter(pk=dossier.rechthebbende_id).values(*services.RECHTHEBBENDE_VELDEN).get(),
        "dossier": (dossier.doelgroep, dossier.status, dossier.bron, dossier.aanmelddatum),
        "gezin": sorted(dossier.huishouden.leden.values_list("voornamen", "bsn", "geboortedatum")),
        "gebeurtenissen": list(DossierGebeurtenis.objects.filter(dossier=dossier).order_by("id").values_list("soort", "datum", "toelichting")),
        "termijnen": sorted(Termijn.objects.filter(dossier=dossier).values_list(
            "regel", "startdatum", "einddatum", "atw_verlengd", "voldaan_op", "vervallen_op")),
        "planversies": versies,
        "beschikkingen": sorted(Beschikking.objects.filter(dossier=dossier).values_list("soort", "datum", "pdf_sha256", "docx_sha256", "verzonden_op")),
        "bezwaren": list(Bezwaar.objects.filter(beschikking__dossier=dossier).values_list("ontvangen_op", "termijn_einde", "tijdig")),
        "eerste_gesprek": (dossier.eerste_gesprek.datum, sorted(dossier.eerste_gesprek.hulpvragen.values_list("leefgebied", "omschrijving"))),
        "driegesprekken": list(Driegesprek.objects.filter(dossier=dossier).values_list("initiatief", "gehouden_op", "uitkomst")),
        "verwijzingen": [(v.partner, v.erkenningsdatum, [c.datum for c in v.contacten.all()]) for v in Verwijzing.objects.filter(dossier=dossier)],
    }


def _zip_delen(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip_van(delen: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for naam, data in delen.items():
            z.writestr(naam, data)
    return buffer.getvalue()


# --- the package ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_export_writes_a_documented_package_and_records_the_transfer(maak_dossier, consulent):
    dossier = _volledig_dossier(maak_dossier, consulent)
    aantal = dossier.gebeurtenissen.count()
    overdracht, data = services.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Lelystad",
                                                  naar_gemeentecode="0995", vandaag=VANDAAG)
    delen = _zip_delen(data)
    manifest = json.loads(delen["manifest.json"])
    kenmerk = f"{dossier.dossiernummer}-V1"
    assert sorted(delen) == sorted(["manifest.json", "dossier.json", f"beschikkingen/{kenmerk}.pdf", f"beschikkingen/{kenmerk}.docx"])
    assert delen[f"beschikkingen/{kenmerk}.pdf"].startswith(b"%PDF")
    assert {b["naam"]: b["sha256"] for b in manifest["bestanden"]} == {n: P.sha256(d) for n, d in delen.items() if n != "manifest.json"}
    gegevens = json.loads(delen["dossier.json"])
    P._valideer(gegevens, P.pakket_schema(), wat="dossier.json")  # valid against the published schema
    assert gegevens["schemaversie"] == "1" and gegevens["ontvanger"]["gemeentecode"] == "0995"
    assert len(gegevens["gebeurtenissen"]) == aantal
    assert gegevens["ketenpartners"]["verwijzingen"][0]["contacten"][0]["verslag"] == "Gebeld met SBN"
    # The exporting side records the transfer (with the package checksum) and an event, but does not end support.
    assert overdracht.pakket_sha256 == P.sha256(data) and overdracht.richting == "UITGAAND"
    laatste = dossier.gebeurtenissen.order_by("-id").first()
    assert laatste.soort == G.OVERDRACHT_VERZONDEN and laatste.gegevens["pakket_sha256"] == overdracht.pakket_sha256
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PLAN_VASTGESTELD
    # The same dossier gives the same bytes apart from the creation time inside dossier.json.
    assert P.pakket_lezen(data).gegevens["rechthebbende"]["achternaam"] == "Yilmaz"


@pytest.mark.django_db
def test_ending_because_of_the_move_is_one_call_after_the_export(maak_dossier, consulent):
    dossier = _volledig_dossier(maak_dossier, consulent)
    overdracht, _data = services.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Almere", vandaag=VANDAAG)
    services.beeindigen_wegens_verhuizing(dossier=dossier, door=consulent, datum=VANDAAG, overdracht=overdracht, vandaag=VANDAAG)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.BEEINDIGD
    laatste = dossier.gebeurtenissen.order_by("-id").first()
    assert laatste.soort == G.BEEINDIGD and laatste.gegevens["reden"] == "VERHUISD"
    assert laatste.gegevens["nieuwe_gemeente"] == "Gemeente Almere"
    # Through the termination service: a Beeindiging record, and no letter for a move.
    from nieuwestart.beeindiging.models import Beeindiging

    einde = Beeindiging.objects.get(dossier=dossier)
    assert (einde.reden, einde.nieuwe_gemeente, einde.beschikking) == ("VERHUISD", "Gemeente Almere", None)
    with pytest.raises(RegelOvertreding) as fout:
        services.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Almere", vandaag=VANDAAG)
    assert fout.value.regel is regels.OVERDRACHT_ALLEEN_LOPEND_DOSSIER


# --- round trip -----------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_round_trip_between_two_databases_through_the_screens(rolgroepen, client, maak_dossier, consulent):
    dossier = _volledig_dossier(maak_dossier, consulent)
    voor = _momentopname(dossier)
    client.force_login(consulent)
    antwoord = client.post(reverse("overdracht:exporteren", args=[dossier.pk]),
                           {"naar_gemeente": "Gemeente Lelystad", "naar_gemeentecode": "0995", "toelichting": ""})
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/zip"
    data = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
    controlegetal = antwoord["X-Pakket-SHA256"]
    assert controlegetal == P.sha256(data)
    bsn = dossier.rechthebbende.bsn
    assert Verwerking.objects.filter(naam="overdracht_exporteren", betrokkene_hash=betrokkene_hash(bsn)).exists()

    # The other installation: an empty database with its own team and case worker.
    client.logout()
    call_command("flush", interactive=False, verbosity=0)
    for rol in Rol:
        from django.contrib.auth.models import Group

        Group.objects.get_or_create(name=rol.value)
    team = Team.objects.create(naam="Team Lelystad")
    ontvanger = maak_gebruiker("lelystad", Rol.CONSULENT, teams=[team], first_name="Joost", last_name="Post")
    assert not Rechthebbende.objects.exists()
    client.force_login(ontvanger)
    antwoord = client.post(reverse("overdracht:inlezen"), {
        "pakket": _bestand(data), "verwacht_sha256": controlegetal,
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    overdracht = Overdracht.objects.get()
    voorbeeld = client.get(antwoord["Location"]).content.decode()
    assert "Ayse Yilmaz" in voorbeeld and "Termijnen na het inlezen" in voorbeeld and "Private schulden indienen bij SBN" in voorbeeld
    assert not Dossier.objects.exists()  # the preview creates nothing
    antwoord = client.post(antwoord["Location"], {"team": team.pk, "straat": "Stationsplein", "huisnummer": "3",
                                                  "postcode": "8232vt", "woonplaats": "Lelystad"})
    assert antwoord.status_code == 302
    nieuw = Dossier.objects.get()
    assert antwoord["Location"] == reverse("dossiers:detail", args=[nieuw.pk])
    na = _momentopname(nieuw)
    # The new address replaces the old one; everything else about the person is as sent.
    assert (na["persoon"].pop("postcode"), na["persoon"].pop("woonplaats"), na["persoon"].pop("straat"), na["persoon"].pop("huisnummer")) == (
        "8232 VT", "Lelystad", "Stationsplein", "3")
    for veld in ("postcode", "woonplaats", "straat", "huisnummer"):
        voor["persoon"].pop(veld)
    # The receiving side has exactly the sending side's history plus its own OVERDRACHT_ONTVANGEN.
    assert na["gebeurtenissen"][:-1] == voor["gebeurtenissen"] and na["gebeurtenissen"][-1][0] == G.OVERDRACHT_ONTVANGEN
    for sleutel in ("persoon", "dossier", "gezin", "termijnen", "planversies", "beschikkingen", "bezwaren", "eerste_gesprek",
                    "driegesprekken", "verwijzingen"):
        assert na[sleutel] == voor[sleutel], sleutel
    # Terms still run from the original eerste gesprek (15 September 2026), recomputed, not from today.
    alle_besluiten = Termijn.objects.get(dossier=nieuw, regel="ALLE_BESLUITEN")
    assert (alle_besluiten.startdatum, alle_besluiten.einddatum) == (date(2026, 9, 15), date(2028, 9, 15))
    assert nieuw.team == team and nieuw.behandelaar == ontvanger and nieuw.dossiernummer != voor["dossier"]
    # Imported plan versions are frozen like any issued version; the beschikking's kenmerk names the sender.
    pv = Planversie.objects.get(dossier=nieuw)
    assert pv.status == Planstatus.UITGEGEVEN
    with pytest.raises(VersieBevroren):
        pv.toelichting = "veranderd"
        pv.save()
    b = Beschikking.objects.get(dossier=nieuw)
    assert b.kenmerk.startswith("GM9999-NS-") and beschikkingservices.pdf_ongewijzigd(b)
    assert str(b.uitgegeven_door) == "Gemeente Voorbeeld (overdracht)" and not b.uitgegeven_door.is_active
    # The bezwaar's decision term is keyed to the renamed kenmerk, so it still shows per beschikking.
    assert Termijn.objects.filter(dossier=nieuw, regel="BESLISTERMIJN_BEZWAAR", sleutel=b.kenmerk).exists()
    overdracht.refresh_from_db()
    assert overdracht.status == "INGELEZEN" and overdracht.dossier == nieuw and bytes(overdracht.pakket) == b""
    assert Verwerking.objects.filter(naam="overdracht_inlezen", betrokkene_hash=betrokkene_hash(bsn)).exists()
    assert Verwerking.objects.filter(naam="overdracht_inlezen", betrokkene_hash=betrokkene_hash(GEZINSLID_BSN)).exists()
    pagina = client.get(reverse("dossiers:detail", args=[nieuw.pk])).content.decode()
    assert "Van een andere gemeente" in pagina and "Gemeente Voorbeeld (overdracht)" in pagina
    # The same package cannot be imported twice.
    antwoord = client.post(reverse("overdracht:inlezen"), {"pakket": _bestand(data), "verwacht_sha256": ""})
    assert antwoord.status_code == 200 and "al een open dossier" in antwoord.content.decode()


def _bestand(data: bytes, naam: str = "overdracht.zip"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam, data, content_type="application/zip")


# --- refused packages leave nothing behind --------------------------------------------------------

def _tellingen():
    return (Dossier.objects.count(), Rechthebbende.objects.count(), DossierGebeurtenis.objects.count(),
            Overdracht.objects.filter(richting="INKOMEND").count(), Planversie.objects.count(), Beschikking.objects.count())


@pytest.fixture
def pakket(maak_dossier, consulent):
    dossier = _volledig_dossier(maak_dossier, consulent)
    _overdracht, data = services.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Almere", vandaag=VANDAAG)
    return data


def _geweigerd(data: bytes, consulent, **kwargs) -> str:
    voor = _tellingen()
    with pytest.raises(RegelOvertreding) as fout:
        services.pakket_voorbereiden(data=data, bestandsnaam="x.zip", door=consulent, **kwargs)
    assert fout.value.regel is regels.OVERDRACHT_PAKKET_ONGELDIG
    assert _tellingen() == voor
    return fout.value.bericht


@pytest.mark.django_db
def test_a_changed_byte_in_a_document_is_refused(pakket, consulent):
    delen = _zip_delen(pakket)
    pdf = next(n for n in delen if n.endswith(".pdf"))
    delen[pdf] = delen[pdf][:-10] + bytes([delen[pdf][-10] ^ 1]) + delen[pdf][-9:]
    assert "is veranderd nadat het pakket is gemaakt" in _geweigerd(_zip_van(delen), consulent)


@pytest.mark.django_db
def test_a_changed_byte_in_the_zip_itself_is_refused(pakket, consulent):
    kapot = bytearray(pakket)
    kapot[len(kapot) // 2] ^= 0xFF
    bericht = _geweigerd(bytes(kapot), consulent)
    assert "beschadigd" in bericht or "veranderd" in bericht or "geen ZIP" in bericht


@pytest.mark.django_db
def test_a_missing_file_is_refused(pakket, consulent):
    delen = _zip_delen(pakket)
    docx = next(n for n in delen if n.endswith(".docx"))
    del delen[docx]
    assert f"{docx} staat in het manifest, maar ontbreekt" in _geweigerd(_zip_van(delen), consulent)
    delen = _zip_delen(pakket)
    del delen["manifest.json"]
    assert "manifest (manifest.json) ontbreekt" in _geweigerd(_zip_van(delen), consulent)


@pytest.mark.django_db
def test_an_extra_file_is_refused(pakket, consulent):
    delen = _zip_delen(pakket)
    delen["beschikkingen/extra.pdf"] = b"%PDF-1.7 niet genoemd"
    assert "staat niet in het manifest" in _geweigerd(_zip_van(delen), consulent)
    delen = _zip_delen(pakket)
    delen["../../etc/passwd"] = b"x"
    assert "onbekend bestand" in _geweigerd(_zip_van(delen), consulent)


@pytest.mark.django_db
def test_a_wrong_schema_version_is_refused_with_the_version_named(pakket, consulent):
    delen = _zip_delen(pakket)
    manifest = json.loads(delen["manifest.json"])
    manifest["schemaversie"] = "2"
    delen["manifest.json"] = json.dumps(manifest).encode()
    bericht = _geweigerd(_zip_van(delen), consulent)
    assert "schemaversie '2'" in bericht and "alleen versie 1" in bericht


@pytest.mark.django_db
def test_content_that_breaks_the_schema_is_refused_even_with_correct_checksums(pakket, consulent):
    gelezen = P.pakket_lezen(pakket)
    gegevens = json.loads(json.dumps(gelezen.gegevens))
    del gegevens["rechthebbende"]["bsn"]
    bericht = _geweigerd(P.pakket_maken(gegevens, gelezen.bestanden), consulent)
    assert "klopt niet met het schema" in bericht and "bsn" in bericht
    gegevens = json.loads(json.dumps(gelezen.gegevens))
    gegevens["gebeurtenissen"][0]["soort"] = "IETS_NIEUWS"
    assert "niet kent (IETS_NIEUWS)" in _geweigerd(P.pakket_maken(gegevens, gelezen.bestanden), consulent)


@pytest.mark.django_db
def test_not_a_zip_and_a_wrong_checksum_are_refused(pakket, consulent):
    assert "geen ZIP-bestand" in _geweigerd(b"dit is geen zip", consulent)
    assert "controlegetal (SHA-256) van dit pakket is anders" in _geweigerd(pakket, consulent, verwacht_sha256="a" * 64)


@pytest.mark.django_db(transaction=True)
def test_an_import_that_fails_halfway_leaves_nothing_behind(rolgroepen, maak_dossier, consulent):
    dossier = _volledig_dossier(maak_dossier, consulent)
    _o, data = services.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Almere", vandaag=VANDAAG)
    call_command("flush", interactive=False, verbosity=0)
    for rol in Rol:
        from django.contrib.auth.models import Group

        Group.objects.get_or_create(name=rol.value)
    team = Team.objects.create(naam="Team Almere")
    ontvanger = maak_gebruiker("almere", Rol.CONSULENT, teams=[team])
    overdracht = services.pakket_voorbereiden(data=data, bestandsnaam="x.zip", door=ontvanger)
    # A beschikking of this installation already carries the kenmerk the import would give: it fails
    # after the person, dossier, plan and events were written, and all of it must roll back.
    kenmerk = "GM9999-" + P.pakket_lezen(data).gegevens["beschikkingen"][0]["kenmerk"]
    ander = Dossier.objects.create(
        dossiernummer="NS-2026-900001", rechthebbende=Rechthebbende.objects.create(
            bsn="123456782", voornamen="A", achternaam="B", geboortedatum=date(1980, 1, 1)),
        doelgroep="ERKENDE_OUDER", bron="DIRECT", aanmelddatum=VANDAAG, team=team,
    )
    from nieuwestart.beschikkingen.testhulp import maak_beschikking

    maak_beschikking(ander, ontvanger, renderen=False, kenmerk=kenmerk)
    voor = _tellingen()
    with pytest.raises(RegelOvertreding):
        services.pakket_inlezen(overdracht=overdracht, door=ontvanger, team=team, vandaag=VANDAAG)
    assert _tellingen() == voor
    assert not Rechthebbende.objects.filter(achternaam="Yilmaz").exists()
    assert not Planversie.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_survivor_and_kindregeling_dossiers_keep_their_special_records_and_terms(rolgroepen, maak_dossier, consulent):
    nab = maak_dossier(doelgroep="NABESTAANDE", achternaam="Dekker")
    keten.overleden_aanvrager_koppelen(dossier=nab, door=consulent, overlijdensdatum=date(2026, 5, 1), relatie="PARTNER",
                                       vandaag=VANDAAG, naam="Jan Dekker", bsn="123456782", aangemeld_bij_uht_op=date(2025, 1, 9),
                                       ondersteuning=["NOTARIS"])
    keten.recht_vaststellen_na_overlijden(dossier=nab, door=consulent, datum=date(2026, 9, 2), vandaag=VANDAAG)
    kind = maak_dossier(doelgroep="KIND_KINDREGELING", achternaam="Mulder", geboortedatum=date(2003, 1, 1))
    keten.kindregeling_uitbetaling_vastleggen(dossier=kind, door=consulent, datum=date(2026, 2, 20), vandaag=VANDAAG)
    pakketten = [services.pakket_exporteren(dossier=d, door=consulent, naar_gemeente="Gemeente Urk", vandaag=VANDAAG)[1] for d in (nab, kind)]
    termijn_kind = Termijn.objects.filter(dossier=kind, regel="KINDREGELING_SCHULDENAANBOD").values_list("startdatum", "einddatum").get()

    call_command("flush", interactive=False, verbosity=0)
    from django.contrib.auth.models import Group

    for rol in Rol:
        Group.objects.get_or_create(name=rol.value)
    team = Team.objects.create(naam="Team Urk")
    ontvanger = maak_gebruiker("urk", Rol.CONSULENT, teams=[team])
    nieuw = [
        services.pakket_inlezen(overdracht=services.pakket_voorbereiden(data=p, bestandsnaam="x.zip", door=ontvanger),
                                door=ontvanger, team=team, vandaag=VANDAAG)
        for p in pakketten
    ]
    nab2, kind2 = nieuw
    oa = nab2.overleden_aanvrager
    assert (oa.naam, oa.bsn, oa.recht_behouden, oa.ondersteuning, oa.rechthebbende) == ("Jan Dekker", "123456782", True, ["NOTARIS"], None)
    assert nab2.status == DossierStatus.GEVERIFIEERD
    grond = nab2.gebeurtenissen.get(soort=G.GEVERIFIEERD).gegevens
    assert grond["grond"] == "NABESTAANDE_BEHOUDT_RECHT" and grond["overleden_aanvrager"] == oa.pk
    assert Termijn.objects.filter(dossier=kind2, regel="KINDREGELING_SCHULDENAANBOD").values_list("startdatum", "einddatum").get() == termijn_kind
    from nieuwestart.ketenpartners.spuk import spuk_component

    assert spuk_component(kind2).code == "C"


@pytest.mark.django_db
def test_values_the_schema_only_checks_by_shape_are_refused(pakket, consulent):
    gelezen = P.pakket_lezen(pakket)

    def aangepast(wijzig) -> bytes:
        gegevens = json.loads(json.dumps(gelezen.gegevens))
        wijzig(gegevens)
        return P.pakket_maken(gegevens, gelezen.bestanden)

    assert "elfproef" in _geweigerd(aangepast(lambda g: g["rechthebbende"].update(bsn="123456789")), consulent)
    assert "onbekende waarde: FAX" in _geweigerd(aangepast(lambda g: g["rechthebbende"].update(voorkeurskanaal="FAX")), consulent)
    assert "al beëindigd of afgesloten" in _geweigerd(aangepast(lambda g: g["dossier"].update(status="AFGESLOTEN")), consulent)


@pytest.mark.django_db(transaction=True)
def test_data_the_database_refuses_is_a_refused_package_with_nothing_left(rolgroepen, maak_dossier, consulent):
    dossier = _volledig_dossier(maak_dossier, consulent)
    _o, data = services.pakket_exporteren(dossier=dossier, door=consulent, naar_gemeente="Gemeente Almere", vandaag=VANDAAG)
    gelezen = P.pakket_lezen(data)
    gegevens = json.loads(json.dumps(gelezen.gegevens))
    v = gegevens["planversies"][0]["doelen"][0]["voorzieningen"][0]
    v["begindatum"], v["einddatum"] = "2026-12-01", "2026-11-01"  # breaks voorziening_einde_na_begin
    slecht = P.pakket_maken(gegevens, gelezen.bestanden)
    call_command("flush", interactive=False, verbosity=0)
    from django.contrib.auth.models import Group

    for rol in Rol:
        Group.objects.get_or_create(name=rol.value)
    team = Team.objects.create(naam="Team Almere")
    ontvanger = maak_gebruiker("almere", Rol.CONSULENT, teams=[team])
    overdracht = services.pakket_voorbereiden(data=slecht, bestandsnaam="x.zip", door=ontvanger)
    voor = _tellingen()
    with pytest.raises(RegelOvertreding) as fout:
        services.pakket_inlezen(overdracht=overdracht, door=ontvanger, team=team, vandaag=VANDAAG)
    assert fout.value.regel is regels.OVERDRACHT_PAKKET_ONGELDIG and "niets ingelezen" in fout.value.bericht
    assert _tellingen() == voor and not Rechthebbende.objects.exists()


@pytest.mark.django_db
def test_a_new_upload_replaces_ones_own_waiting_preview_and_old_ones_of_others(pakket, consulent, team):
    from datetime import timedelta

    from django.utils import timezone

    collega = maak_gebruiker("collega", Rol.CONSULENT, teams=[team])
    eigen = Overdracht.objects.create(richting="INKOMEND", status="VOORBEELD", andere_gemeente="X", oorspronkelijk_dossiernummer="A",
                                      schemaversie="1", pakket_sha256="1" * 64, bestandsnaam="a.zip", door=consulent)
    oud = Overdracht.objects.create(richting="INKOMEND", status="VOORBEELD", andere_gemeente="X", oorspronkelijk_dossiernummer="B",
                                    schemaversie="1", pakket_sha256="2" * 64, bestandsnaam="b.zip", door=collega)
    Overdracht.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=2))
    vers = Overdracht.objects.create(richting="INKOMEND", status="VOORBEELD", andere_gemeente="X", oorspronkelijk_dossiernummer="C",
                                     schemaversie="1", pakket_sha256="3" * 64, bestandsnaam="c.zip", door=collega)
    # The package's person has an open dossier here, so it is refused; no cleanup happens then either.
    with pytest.raises(RegelOvertreding):
        services.pakket_voorbereiden(data=pakket, bestandsnaam="x.zip", door=consulent)
    assert Overdracht.objects.filter(pk__in=[eigen.pk, oud.pk, vers.pk]).count() == 3
    Rechthebbende.objects.filter(achternaam="Yilmaz").update(bsn="999999990")  # as if the person were unknown here
    nieuw = services.pakket_voorbereiden(data=pakket, bestandsnaam="x.zip", door=consulent)
    assert set(Overdracht.objects.filter(richting="INKOMEND").values_list("pk", flat=True)) == {vers.pk, nieuw.pk}
