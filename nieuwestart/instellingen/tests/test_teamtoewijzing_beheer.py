"""The functioneel beheerder sets the team-assignment rule in the app, without JavaScript."""

import pytest
from django.db import transaction
from django.urls import reverse

from nieuwestart.accounts.models import Team
from nieuwestart.instellingen.models import Postcodegebied, Rondeteam, Toewijzingswijze
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.instellingen.teamtoewijzing import teamtoewijzer
from nieuwestart.logboek.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db

PAGINA = reverse("instellingen:teamtoewijzing")
TOEVOEGEN = reverse("instellingen:postcodegebied_toevoegen")


@pytest.fixture
def teams(db):
    return [Team.objects.create(naam=naam) for naam in ("Team Oost", "Team West", "Team Centrum")]


@pytest.fixture
def ingelogd(client, beheerder):
    client.force_login(beheerder)
    return client


def _regel(teams, wijze, **extra):
    data = {"wijze": wijze, "vast_team": "", "vangnet_team": ""}
    data.update({f"beurt_{t.pk}": "" for t in teams})
    data.update(extra)
    return data


def test_the_settings_page_links_to_the_page_which_shows_the_rule_in_force(ingelogd, teams):
    assert PAGINA in ingelogd.get(reverse("instellingen:bewerken")).content.decode()
    pagina = ingelogd.get(PAGINA)
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Nu geldt:" in html and "medewerker die het bestand inleest" in html
    assert 'type="radio"' in html and 'name="beurt_' in html and "<script" not in html.split("<main")[-1]
    assert "Er zijn nog geen postcodegebieden." in html


def test_the_beheerder_sets_a_fixed_team(ingelogd, beheerder, teams):
    antwoord = ingelogd.post(PAGINA, _regel(teams, "VAST", vast_team=teams[1].pk))
    assert antwoord.status_code == 302 and antwoord["Location"] == PAGINA
    instellingen = gemeente_instellingen()
    assert (instellingen.toewijzing, instellingen.toewijzing_vast_team, instellingen.gewijzigd_door) == (
        Toewijzingswijze.VAST, teams[1], beheerder)
    assert teamtoewijzer(standaard_team=teams[0]).team_voor(postcode="1234AB") == teams[1]
    regel = Beveiligingsgebeurtenis.objects.get(actie="teamtoewijzing_gewijzigd")
    assert (regel.actor, regel.object_id) == (beheerder, "VAST")
    volgende = ingelogd.get(PAGINA).content.decode()
    assert "De teamtoewijzing is opgeslagen." in volgende
    assert "Alle nieuwe aanmeldingen gaan naar Team West." in volgende


def test_a_mode_without_its_team_gives_a_dutch_error_next_to_the_field(ingelogd, teams):
    for wijze, veld, tekst in (
        ("VAST", "vast_team", "Kies welk team alle nieuwe aanmeldingen krijgt."),
        ("POSTCODE", "vangnet_team", "Kies welk team de postcodes buiten de gebieden krijgt."),
        # On the first number field (teams by name), where the error summary's link lands.
        ("ROUND_ROBIN", f"beurt_{teams[2].pk}", "Kies minstens één team dat meedoet"),
    ):
        antwoord = ingelogd.post(PAGINA, _regel(teams, wijze))
        assert antwoord.status_code == 200, wijze
        assert tekst in " ".join(antwoord.context["form"].errors[veld]), wijze
        html = antwoord.content.decode()
        assert 'aria-invalid="true"' in html and "Controleer het formulier" in html
    assert gemeente_instellingen().toewijzing == Toewijzingswijze.STANDAARD
    assert not Beveiligingsgebeurtenis.objects.filter(actie="teamtoewijzing_gewijzigd").exists()


def test_the_beheerder_sets_the_round_robin_teams_in_order(ingelogd, teams):
    oost, west, centrum = teams
    antwoord = ingelogd.post(
        PAGINA, _regel(teams, "ROUND_ROBIN", **{f"beurt_{west.pk}": "1", f"beurt_{oost.pk}": "5"})
    )
    assert antwoord.status_code == 302
    assert list(Rondeteam.objects.values_list("team", "volgorde")) == [(west.pk, 1), (oost.pk, 2)]
    with transaction.atomic():
        toewijzer = teamtoewijzer(standaard_team=centrum)
        assert [toewijzer.team_voor(postcode=None) for _ in range(3)] == [west, oost, west]
    # The form shows the stored order; clearing a number takes that team out.
    formulier = ingelogd.get(PAGINA).context["form"]
    assert formulier[f"beurt_{west.pk}"].value() == 1 and formulier[f"beurt_{centrum.pk}"].value() is None
    ingelogd.post(PAGINA, _regel(teams, "ROUND_ROBIN", **{f"beurt_{oost.pk}": "1"}))
    assert list(Rondeteam.objects.values_list("team", flat=True)) == [oost.pk]


def test_duplicate_or_bad_round_robin_numbers_are_refused(ingelogd, teams):
    oost, west, _centrum = teams
    dubbel = ingelogd.post(PAGINA, _regel(teams, "ROUND_ROBIN", **{f"beurt_{oost.pk}": "1", f"beurt_{west.pk}": "1"}))
    assert dubbel.status_code == 200
    assert "Volgnummer 1 staat ook bij Team Oost" in " ".join(dubbel.context["form"].errors[f"beurt_{west.pk}"])
    fout = ingelogd.post(PAGINA, _regel(teams, "ROUND_ROBIN", **{f"beurt_{oost.pk}": "nul"}))
    assert "Vul bij Team Oost een volgnummer in" in " ".join(fout.context["form"].errors[f"beurt_{oost.pk}"])
    assert not Rondeteam.objects.exists()


def test_the_beheerder_sets_postcode_areas_and_the_fallback(ingelogd, beheerder, teams):
    oost, west, centrum = teams
    for van, tot, team in (("1000", "1099", oost), (" 1100 ", "1199", west)):
        antwoord = ingelogd.post(TOEVOEGEN, {"gebied-van": van, "gebied-tot": tot, "gebied-team": team.pk})
        assert antwoord.status_code == 302
    assert ingelogd.post(PAGINA, _regel(teams, "POSTCODE", vangnet_team=centrum.pk)).status_code == 302
    toewijzer = teamtoewijzer(standaard_team=None)
    gekozen = [toewijzer.team_voor(postcode=p) for p in ("1050AB", "1199 zz", "1200AB", None)]
    assert gekozen == [oost, west, centrum, centrum]
    html = ingelogd.get(PAGINA).content.decode()
    assert "Postcodes 1100 tot en met 1199 gaan nu naar Team West." in html
    gebied = Postcodegebied.objects.get(van=1000)
    verwijderen = reverse("instellingen:postcodegebied_verwijderen", args=[gebied.pk])
    assert verwijderen in html
    assert ingelogd.post(verwijderen).status_code == 302
    assert list(Postcodegebied.objects.values_list("van", flat=True)) == [1100]
    assert list(
        Beveiligingsgebeurtenis.objects.filter(object_type="teamtoewijzing").order_by("volgnummer")
        .values_list("actie", flat=True)
    ) == ["postcodegebied_toegevoegd", "postcodegebied_toegevoegd", "teamtoewijzing_gewijzigd",
          "postcodegebied_verwijderd"]


@pytest.mark.parametrize("van,tot,veld,tekst", [
    ("", "1099", "van", None),
    ("999", "1099", "van", "Vul bij 'van postcode' vier cijfers in, van 1000 tot en met 9999."),
    ("0999", "1099", "van", "Vul bij 'van postcode' vier cijfers in"),
    ("1000", "10000", "tot", "Vul bij 'tot en met postcode' vier cijfers in"),
    ("1000AB", "1099", "van", "Vul bij 'van postcode' vier cijfers in"),
    ("2000", "1999", "tot", "'Tot en met postcode' (1999) is lager dan 'van postcode' (2000)."),
    ("1050", "1150", "van", "Dit gebied overlapt met postcodes 1000 tot en met 1099 van Team Oost."),
    ("0900", "1000", "van", "Vul bij 'van postcode' vier cijfers in"),
    ("1099", "1099", "van", "overlapt"),
])
def test_bad_postcode_areas_give_dutch_errors_naming_the_field(ingelogd, teams, van, tot, veld, tekst):
    Postcodegebied.objects.create(van=1000, tot=1099, team=teams[0])
    antwoord = ingelogd.post(TOEVOEGEN, {"gebied-van": van, "gebied-tot": tot, "gebied-team": teams[1].pk})
    assert antwoord.status_code == 200
    fouten = antwoord.context["gebied_form"].errors
    assert veld in fouten
    if tekst:
        assert tekst in " ".join(fouten[veld])
    html = antwoord.content.decode()
    assert 'aria-invalid="true"' in html and f'id="id_gebied-{veld}_error"' in html
    assert Postcodegebied.objects.count() == 1
    assert not Beveiligingsgebeurtenis.objects.filter(actie="postcodegebied_toegevoegd").exists()


def test_only_post_for_the_area_actions_and_an_unknown_area_is_404(ingelogd):
    assert ingelogd.get(TOEVOEGEN).status_code == 405
    assert ingelogd.get(reverse("instellingen:postcodegebied_verwijderen", args=[1])).status_code == 405
    assert ingelogd.post(reverse("instellingen:postcodegebied_verwijderen", args=[999999])).status_code == 404


def test_a_consulent_may_not_see_or_change_the_rule(client, consulent, teams):
    gebied = Postcodegebied.objects.create(van=1000, tot=1099, team=teams[0])
    client.force_login(consulent)
    assert client.get(PAGINA).status_code == 403
    assert client.post(PAGINA, _regel(teams, "VAST", vast_team=teams[1].pk)).status_code == 403
    nieuw = {"gebied-van": "2000", "gebied-tot": "2099", "gebied-team": teams[1].pk}
    assert client.post(TOEVOEGEN, nieuw).status_code == 403
    assert client.post(reverse("instellingen:postcodegebied_verwijderen", args=[gebied.pk])).status_code == 403
    assert gemeente_instellingen().toewijzing == Toewijzingswijze.STANDAARD
    assert list(Postcodegebied.objects.values_list("van", flat=True)) == [1000]
    assert not Beveiligingsgebeurtenis.objects.filter(object_type="teamtoewijzing").exists()
