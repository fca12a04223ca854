"""Extra ATW holidays are managed on the settings page and move stored terms at once."""

from datetime import date

import pytest
from django.urls import reverse

from nieuwestart.dossiers.models import Dossier
from nieuwestart.instellingen.services import extra_feestdag_toevoegen, extra_feestdag_verwijderen
from nieuwestart.logboek.models import Beveiligingsgebeurtenis
from nieuwestart.termijnen.models import ExtraFeestdag, Termijn

pytestmark = pytest.mark.django_db


def _eerste_gesprek(dossier):
    return Termijn.objects.get(dossier=dossier, regel="EERSTE_GESPREK")


def test_adding_a_holiday_moves_the_stored_term_at_once_and_removing_moves_it_back(client, beheerder, maak_dossier):
    # 1 Sep 2026 + 8 weeks = Tuesday 27 Oct 2026.
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    # Ends 28 Dec 2026, far from the holiday: its stored terms are left alone (rows not rewritten).
    ver_weg = maak_dossier(achternaam="Later", aanmelddatum=date(2026, 11, 2))
    ver_weg_rijen = set(Termijn.objects.filter(dossier=ver_weg).values_list("pk", flat=True))
    assert _eerste_gesprek(dossier).einddatum == date(2026, 10, 27)
    client.force_login(beheerder)

    antwoord = client.post(
        reverse("instellingen:feestdag_toevoegen"),
        {"feestdag-datum": "2026-10-27", "feestdag-naam": "Extra vrije dag", "feestdag-grondslag": "KB fictief"},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("instellingen:bewerken")
    feestdag = ExtraFeestdag.objects.get(datum=date(2026, 10, 27))
    assert _eerste_gesprek(dossier).einddatum == date(2026, 10, 28)
    assert Dossier.objects.get(pk=dossier.pk).volgende_termijn_einddatum == date(2026, 10, 28)
    assert set(Termijn.objects.filter(dossier=ver_weg).values_list("pk", flat=True)) == ver_weg_rijen
    toegevoegd = Beveiligingsgebeurtenis.objects.get(actie="feestdag_toegevoegd")
    assert (toegevoegd.actor, toegevoegd.object_id, toegevoegd.resultaat) == (beheerder, "2026-10-27", "GELUKT")

    pagina = client.get(reverse("instellingen:bewerken"))
    assert "Extra vrije dag" in pagina.content.decode()
    assert reverse("instellingen:feestdag_verwijderen", args=[feestdag.pk]) in pagina.content.decode()
    assert "/admin/" not in pagina.content.decode()

    antwoord = client.post(reverse("instellingen:feestdag_verwijderen", args=[feestdag.pk]))
    assert antwoord.status_code == 302
    assert not ExtraFeestdag.objects.exists()
    assert _eerste_gesprek(dossier).einddatum == date(2026, 10, 27)
    assert Dossier.objects.get(pk=dossier.pk).volgende_termijn_einddatum == date(2026, 10, 27)
    verwijderd = Beveiligingsgebeurtenis.objects.get(actie="feestdag_verwijderd")
    assert (verwijderd.actor, verwijderd.object_id) == (beheerder, "2026-10-27")


def test_the_services_work_without_a_request(beheerder, maak_dossier):
    dossier = maak_dossier(aanmelddatum=date(2026, 9, 1))
    feestdag = extra_feestdag_toevoegen(door=beheerder, datum=date(2026, 10, 27), naam="Extra", grondslag="")
    assert _eerste_gesprek(dossier).einddatum == date(2026, 10, 28)
    extra_feestdag_verwijderen(door=beheerder, feestdag=feestdag)
    assert _eerste_gesprek(dossier).einddatum == date(2026, 10, 27)
    assert Beveiligingsgebeurtenis.objects.filter(actie__in=["feestdag_toegevoegd", "feestdag_verwijderd"]).count() == 2


def test_invalid_input_shows_the_settings_page_with_the_errors(client, beheerder):
    ExtraFeestdag.objects.create(datum=date(2026, 10, 27), naam="Bestaat al")
    client.force_login(beheerder)
    leeg = client.post(reverse("instellingen:feestdag_toevoegen"), {})
    assert leeg.status_code == 200
    assert leeg.context["feestdag_form"].errors.keys() >= {"datum", "naam"}
    assert 'aria-invalid="true"' in leeg.content.decode()
    dubbel = client.post(
        reverse("instellingen:feestdag_toevoegen"), {"feestdag-datum": "2026-10-27", "feestdag-naam": "Nog eens"}
    )
    assert dubbel.status_code == 200 and "datum" in dubbel.context["feestdag_form"].errors
    assert ExtraFeestdag.objects.count() == 1
    assert not Beveiligingsgebeurtenis.objects.filter(actie="feestdag_toegevoegd").exists()


def test_only_post_and_an_unknown_holiday_is_404(client, beheerder):
    client.force_login(beheerder)
    assert client.get(reverse("instellingen:feestdag_toevoegen")).status_code == 405
    assert client.get(reverse("instellingen:feestdag_verwijderen", args=[1])).status_code == 405
    assert client.post(reverse("instellingen:feestdag_verwijderen", args=[999999])).status_code == 404


def test_a_consulent_may_not_manage_holidays(client, consulent):
    feestdag = ExtraFeestdag.objects.create(datum=date(2026, 10, 27), naam="Extra")
    client.force_login(consulent)
    toevoegen = client.post(
        reverse("instellingen:feestdag_toevoegen"), {"feestdag-datum": "2026-11-02", "feestdag-naam": "Nee"}
    )
    assert toevoegen.status_code == 403
    assert client.post(reverse("instellingen:feestdag_verwijderen", args=[feestdag.pk])).status_code == 403
    assert list(ExtraFeestdag.objects.values_list("datum", flat=True)) == [date(2026, 10, 27)]
