"""Publishing dossiers and beschikkingen to the zaakregistratie, against a test double that checks
every request body against the official ZGW OpenAPI specifications (nep_zgw.py)."""

import base64
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nieuwestart.beschikkingen.testhulp import maak_beschikking
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.dossiers.transitions import voer_transitie_uit
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.zaakregistratie.models import Publicatie, Stand, Zaakkoppeling
from nieuwestart.zaakregistratie.publiceren import publiceren, wachttijd

from .nep_zgw import valideer_body

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 11, 23)


def tot_eerste_gesprek(dossier, consulent):
    dossierservices.verificatie_vastleggen(dossier=dossier, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD",
                                           vandaag=VANDAAG)
    dossierservices.eerste_gesprek_vastleggen(dossier=dossier, door=consulent, datum=date(2026, 9, 15), vandaag=VANDAAG,
                                              acute_situatie=False, hulpvragen={"WONEN": "Wasmachine kapot"})


def test_the_double_really_refuses_a_body_that_breaks_the_spec():
    assert valideer_body("zaken", "#/components/schemas/ZaakRequest", {"zaaktype": "x"})  # required fields missing
    assert valideer_body("zaken", "#/components/schemas/RolRequest", {
        "zaak": "https://z/1", "roltype": "https://r/1", "betrokkeneType": "natuurlijk_persoon", "onbekend": 1,
    })
    assert valideer_body("besluiten", "#/components/schemas/BesluitRequest", {
        "verantwoordelijkeOrganisatie": "002220647", "besluittype": "https://b/1", "datum": "23-11-2026", "ingangsdatum": "2026-11-23",
    })
    assert not valideer_body("zaken", "#/components/schemas/StatusRequest", {
        "zaak": "https://z/1", "statustype": "https://s/1", "datumStatusGezet": "2026-11-23T10:00:00+01:00",
    })


def test_a_dossier_becomes_a_zaak_with_the_rechthebbende_and_its_statuses(zgw, maak_dossier, consulent):
    dossier = maak_dossier()
    tot_eerste_gesprek(dossier, consulent)
    uitkomst = publiceren(dossier.pk)
    assert uitkomst.stand == Stand.VERZONDEN
    [zaak] = zgw.alle("zaken/zaken")
    assert zaak["identificatie"] == dossier.dossiernummer and zaak["startdatum"] == "2026-09-01"
    assert zaak["bronorganisatie"] == "002220647"
    # Planned and latest end: the two-year term after the eerste gesprek, from our own terms.
    assert zaak["einddatumGepland"] == "2028-09-15" and zaak["uiterlijkeEinddatumAfdoening"]
    [rol] = zgw.alle("zaken/rollen")
    assert rol["betrokkeneType"] == "natuurlijk_persoon" and rol["betrokkeneIdentificatie"]["inpBsn"] == dossier.rechthebbende.bsn
    assert [s["statustype"].rsplit("/", 1)[1] for s in zgw.alle("zaken/statussen")] == ["1", "2", "3"]
    assert Zaakkoppeling.objects.get(dossier=dossier).zaak_url == zaak["url"]
    # Sending the BSN to another system is a processing of personal data: logged.
    assert Verwerking.objects.filter(naam="zaak_publiceren", betrokkene_hash=betrokkene_hash(dossier.rechthebbende.bsn)).exists()


def test_a_beschikking_becomes_a_besluit_with_its_pdf_linked_to_zaak_and_besluit(zgw, maak_dossier, consulent):
    dossier = maak_dossier()
    b = maak_beschikking(dossier, consulent, verzonden_op=date(2026, 11, 2), datum=date(2026, 11, 1))
    publiceren(dossier.pk)
    [besluit] = zgw.alle("besluiten/besluiten")
    [document] = zgw.alle("documenten/enkelvoudiginformatieobjecten")
    [zaak] = zgw.alle("zaken/zaken")
    assert besluit["zaak"] == zaak["url"] and besluit["identificatie"] == b.kenmerk[:40]
    assert besluit["verzenddatum"] == "2026-11-02" and besluit["uiterlijkeReactiedatum"]
    assert base64.b64decode(document["inhoud"]) == bytes(b.pdf)
    assert document["integriteit"] == {"algoritme": "sha_256", "waarde": b.pdf_sha256, "datum": "2026-11-01"}
    [zio] = zgw.alle("zaken/zaakinformatieobjecten")
    [bio] = zgw.alle("besluiten/besluitinformatieobjecten")
    assert zio["zaak"] == zaak["url"] and zio["informatieobject"] == document["url"]
    assert bio["besluit"] == besluit["url"] and bio["informatieobject"] == document["url"]


def test_resending_creates_nothing_twice(zgw, maak_dossier, consulent):
    dossier = maak_dossier()
    maak_beschikking(dossier, consulent, renderen=False, datum=date(2026, 11, 1))
    publiceren(dossier.pk)
    aantal = len(zgw.posts())
    publiceren(dossier.pk)
    assert len(zgw.posts()) == aantal
    # Even when our record of what was sent is lost (answer lost, crash): no second zaak, besluit or document.
    Publicatie.objects.filter(soort__in=["ZAAK", "BESLUIT", "DOCUMENT"]).delete()
    assert publiceren(dossier.pk).stand == Stand.VERZONDEN
    assert len(zgw.alle("zaken/zaken")) == len(zgw.alle("besluiten/besluiten")) == 1
    assert len(zgw.alle("documenten/enkelvoudiginformatieobjecten")) == 1


def test_a_down_server_means_retries_with_backoff_a_visible_failure_and_nothing_lost(zgw, maak_dossier, consulent, client):
    dossier = maak_dossier()
    zgw.plat = True
    nu = timezone.now()
    eerste = publiceren(dossier.pk, nu=nu)
    assert eerste.stand == Stand.MISLUKT and eerste.opnieuw_op == nu + timedelta(seconds=30)
    tweede = publiceren(dossier.pk, nu=nu + timedelta(seconds=31))
    assert tweede.opnieuw_op == nu + timedelta(seconds=31) + timedelta(seconds=60)
    koppeling = Zaakkoppeling.objects.get(dossier=dossier)
    assert koppeling.stand == Stand.MISLUKT and koppeling.pogingen == 2 and "niet bereikbaar" in koppeling.fout

    client.force_login(consulent)
    pagina = " ".join(client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode().split())
    assert "Zaakregistratie" in pagina and "Mislukt" in pagina and "niet bereikbaar" in pagina

    # Meanwhile the case worker carries on: nothing waits for the zaakregistratie.
    tot_eerste_gesprek(dossier, consulent)
    zgw.plat = False
    zgw.storing = 1  # first answer after coming back: 503, still a failure
    assert publiceren(dossier.pk, nu=nu + timedelta(minutes=5)).stand == Stand.MISLUKT
    assert "storing" in Zaakkoppeling.objects.get(dossier=dossier).fout
    assert publiceren(dossier.pk, nu=nu + timedelta(minutes=10)).stand == Stand.VERZONDEN
    assert len(zgw.alle("zaken/zaken")) == 1 and len(zgw.alle("zaken/statussen")) == 3
    koppeling.refresh_from_db()
    assert koppeling.pogingen == 0 and koppeling.fout == "" and koppeling.volgende_poging is None
    pagina = " ".join(client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode().split())
    assert "Verzonden" in pagina


def test_backoff_doubles_up_to_six_hours():
    assert [wachttijd(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert wachttijd(40) == timedelta(hours=6)


def test_after_max_attempts_no_automatic_retry(zgw, settings, maak_dossier):
    from .conftest import instelling

    settings.NS_ZGW = instelling(max_pogingen=2)
    dossier = maak_dossier()
    zgw.plat = True
    assert publiceren(dossier.pk).opnieuw_op is not None
    assert publiceren(dossier.pk, nu=timezone.now() + timedelta(minutes=2)).opnieuw_op is None


def test_termination_sets_the_resultaat_and_closes_the_zaak(zgw, maak_dossier, consulent):
    dossier = maak_dossier()
    tot_eerste_gesprek(dossier, consulent)
    voer_transitie_uit(dossier, "beeindigen", door=consulent, datum=date(2026, 11, 20), toelichting="Doelen bereikt")
    assert publiceren(dossier.pk).stand == Stand.VERZONDEN
    [resultaat] = zgw.alle("zaken/resultaten")
    [zaak] = zgw.alle("zaken/zaken")
    assert resultaat["zaak"] == zaak["url"] and resultaat["toelichting"] == "Doelen bereikt"
    assert zaak["einddatum"], "de eindstatus sluit de zaak"
    assert zgw.alle("zaken/statussen")[-1]["statustype"] == zgw.eindstatustype
    # Nazorg after closing: nothing more is sent to the closed zaak.
    voer_transitie_uit(dossier, "nazorg_starten", door=consulent, datum=date(2026, 11, 21))
    aantal = len(zgw.posts())
    assert publiceren(dossier.pk).stand == Stand.VERZONDEN
    assert len(zgw.posts()) == aantal


def test_the_resultaat_follows_the_beeindigingsreden(zgw, settings, maak_dossier, consulent):
    from nieuwestart.beeindiging.services import beeindigen

    from .conftest import CATALOGUS, instelling

    verhuisd = f"{CATALOGUS}/resultaattypen/7"
    settings.NS_ZGW = instelling(resultaattypen={"VERHUISD": verhuisd})
    dossier = maak_dossier()
    tot_eerste_gesprek(dossier, consulent)
    beeindigen(dossier=dossier, reden="VERHUISD", einddatum=date(2026, 11, 20), door=consulent,
               vandaag=date(2026, 11, 20), nieuwe_gemeente="Gemeente Zwolle")
    assert publiceren(dossier.pk).stand == Stand.VERZONDEN
    [resultaat] = zgw.alle("zaken/resultaten")
    assert resultaat["resultaattype"] == verhuisd
    assert resultaat["toelichting"].startswith("Verhuisd")
    # A reason without its own type gets the general one.
    ander = maak_dossier(achternaam="Ander")
    tot_eerste_gesprek(ander, consulent)
    beeindigen(dossier=ander, reden="GEEN_BEHOEFTE_MEER", einddatum=date(2026, 11, 20), door=consulent,
               vandaag=date(2026, 11, 20), toelichting="Zei het in het gesprek van 20 november.")
    publiceren(ander.pk)
    assert zgw.alle("zaken/resultaten")[-1]["resultaattype"] == f"{CATALOGUS}/resultaattypen/1"


def test_closing_without_a_resultaattype_fails_visibly(zgw, settings, maak_dossier, consulent):
    from .conftest import instelling

    settings.NS_ZGW = instelling(resultaattype="")
    dossier = maak_dossier()
    voer_transitie_uit(dossier, "beeindigen", door=consulent, datum=date(2026, 11, 20))
    assert publiceren(dossier.pk).stand == Stand.MISLUKT
    assert "NS_ZGW_RESULTAATTYPE" in Zaakkoppeling.objects.get(dossier=dossier).fout


def test_a_change_is_published_after_commit_in_the_background(zgw, maak_dossier, consulent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dossier = maak_dossier()
    assert callbacks, "een nieuw dossier plant een publicatie in"
    assert [z["identificatie"] for z in zgw.alle("zaken/zaken")] == [dossier.dossiernummer]


def test_a_broken_queue_never_breaks_the_users_work(zgw, maak_dossier, monkeypatch, django_capture_on_commit_callbacks):
    from nieuwestart.zaakregistratie import tasks

    class KapotteWachtrij:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("wachtrij weg")

    monkeypatch.setattr(tasks, "zaak_publiceren", KapotteWachtrij())
    with django_capture_on_commit_callbacks(execute=True):
        dossier = maak_dossier()
    assert dossier.pk and not zgw.verzoeken
    assert not Zaakkoppeling.objects.exists()  # the nightly command catches up: it is "niet verzonden"


def test_switched_off_nothing_is_sent_or_shown(maak_dossier, consulent, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dossier = maak_dossier()
    assert not callbacks
    assert publiceren(dossier.pk) is None
    client.force_login(consulent)
    assert "Zaakregistratie" not in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()


def test_the_command_catches_up_with_dossiers_never_sent(zgw, maak_dossier):
    from django.core.management import call_command

    a, b = maak_dossier(achternaam="A"), maak_dossier(achternaam="B")
    call_command("zaakregistratie_publiceren", "--alles", "--nu")
    assert sorted(z["identificatie"] for z in zgw.alle("zaken/zaken")) == sorted([a.dossiernummer, b.dossiernummer])


def test_a_half_configured_link_is_reported_at_startup_and_never_stops_a_registration(
    monkeypatch, maak_dossier, django_capture_on_commit_callbacks, client, consulent
):
    from nieuwestart.zaakregistratie.checks import configuratie_controleren

    monkeypatch.setenv("NS_ZGW_ENABLED", "true")  # and nothing else
    [fout] = configuratie_controleren()
    assert fout.id == "zaakregistratie.E001" and "NS_ZGW_ZAKEN_API" in fout.msg
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dossier = maak_dossier()
    assert dossier.pk and not callbacks
    client.force_login(consulent)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
