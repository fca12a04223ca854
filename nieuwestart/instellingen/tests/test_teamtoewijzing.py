"""The team-assignment rule for new registrations from portal files (``instellingen.teamtoewijzing``)."""

import threading
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from nieuwestart.accounts.models import Team
from nieuwestart.beleid.regels import ALLE_REGELS, POSTCODEGEBIEDEN_OVERLAPPEN_NIET, RegelOvertreding
from nieuwestart.instellingen.models import Beurtteller, GemeenteInstellingen, Postcodegebied, Toewijzingswijze
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.instellingen.services import (
    postcodegebied_toevoegen,
    postcodegebied_verwijderen,
    teamtoewijzing_wijzigen,
)
from nieuwestart.instellingen.teamtoewijzing import (
    GeenTeamBeschikbaar,
    Teamtoewijzer,
    _PostcodeToewijzer,
    _RondeToewijzer,
    postcodecijfers,
    regel_uitleg,
    teamtoewijzer,
)
from nieuwestart.logboek.models import Beveiligingsgebeurtenis


@pytest.fixture
def teams(db):
    return [Team.objects.create(naam=f"Team {naam}") for naam in ("Oost", "West", "Centrum", "Haven")]


# --- Postcode parsing and the bisect (pure) --------------------------------------------------

@pytest.mark.parametrize("postcode,cijfers", [
    ("1234AB", 1234), ("1234 ab", 1234), (" 1234 AB ", 1234), ("1234", 1234), ("9999ZZ", 9999),
    ("0123AB", 123), ("", None), (None, None), ("AB12", None), ("12 34AB", None), ("١٢٣٤AB", None),
])
def test_postcodecijfers_reads_the_number_part_only(postcode, cijfers):
    assert postcodecijfers(postcode) == cijfers


@st.composite
def gebieden_en_postcode(draw):
    """Non-overlapping areas in 1000–9999 (single-postcode areas included) and a postcode as typed."""
    grenzen = sorted(draw(st.sets(st.integers(1000, 9999), max_size=24)))
    gebieden, i = [], 0
    while i < len(grenzen):
        if i + 1 < len(grenzen) and draw(st.booleans()):
            van, tot = grenzen[i], grenzen[i + 1]
            i += 2
        else:
            van = tot = grenzen[i]
            i += 1
        gebieden.append(SimpleNamespace(van=van, tot=tot, team=f"team-{van}"))
    cijfers = draw(st.one_of(
        st.integers(1000, 9999),
        st.sampled_from(grenzen or [1000]),
        st.sampled_from([g.tot for g in gebieden] or [9999]),
    ))
    letters = draw(st.text(alphabet="ABCDEFGHJKLMNPRSTVWXZabcxyz", min_size=0, max_size=2))
    postcode = draw(st.sampled_from(["{c}{l}", "{c} {l}", " {c}{l} "])).format(c=cijfers, l=letters)
    return gebieden, cijfers, postcode


@given(gebieden_en_postcode())
@settings(max_examples=400, deadline=None)
def test_a_postcode_goes_to_the_team_whose_area_holds_it_else_to_the_fallback(geval):
    gebieden, cijfers, postcode = geval
    toewijzer = _PostcodeToewijzer(gebieden=gebieden, vangnet="vangnet", uitleg="")
    verwacht = next((g.team for g in gebieden if g.van <= cijfers <= g.tot), "vangnet")
    assert toewijzer.team_voor(postcode=postcode) == verwacht


def test_no_or_unreadable_postcode_goes_to_the_fallback():
    toewijzer = _PostcodeToewijzer(gebieden=[SimpleNamespace(van=1000, tot=9999, team="alles")], vangnet="vangnet",
                                   uitleg="")
    assert [toewijzer.team_voor(postcode=p) for p in ("", None, "ABCD", "0999AB", "1000AA")] == [
        "vangnet", "vangnet", "vangnet", "vangnet", "alles"]


# --- Reading the rule -----------------------------------------------------------------------

@pytest.mark.django_db
def test_nothing_configured_means_the_importers_team_in_one_query(teams, django_assert_num_queries):
    GemeenteInstellingen.objects.all().delete()
    with django_assert_num_queries(1):
        toewijzer = teamtoewijzer(standaard_team=teams[0])
    assert isinstance(toewijzer, Teamtoewijzer)
    assert toewijzer.wijze == Toewijzingswijze.STANDAARD
    assert toewijzer.team_voor(postcode="1234AB") == teams[0]
    assert "Team Oost" in toewijzer.uitleg and "inleest" in toewijzer.uitleg
    toewijzer.opslaan()  # nothing to store, no error
    with pytest.raises(GeenTeamBeschikbaar, match="functioneel beheerder"):
        teamtoewijzer(standaard_team=None)
    assert "medewerker die het bestand inleest" in regel_uitleg()


@pytest.mark.django_db
def test_a_fixed_team_gets_every_registration(teams, beheerder):
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.VAST, vast_team=teams[1])
    toewijzer = teamtoewijzer(standaard_team=teams[0])
    assert {toewijzer.team_voor(postcode=p) for p in ("1234AB", "", None, "9999ZZ")} == {teams[1]}
    assert toewijzer.uitleg == "Alle nieuwe aanmeldingen gaan naar Team West."
    # The importer's team is not needed for this rule.
    assert teamtoewijzer(standaard_team=None).team_voor(postcode=None) == teams[1]


@pytest.mark.django_db
def test_postcode_rule_from_the_database_in_two_queries_and_none_per_row(teams, beheerder, django_assert_num_queries):
    oost, west, centrum, haven = teams
    postcodegebied_toevoegen(door=beheerder, van=1000, tot=1099, team=oost)
    postcodegebied_toevoegen(door=beheerder, van=1100, tot=1100, team=west)
    postcodegebied_toevoegen(door=beheerder, van=3000, tot=3999, team=centrum)
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.POSTCODE, vangnet_team=haven)
    with django_assert_num_queries(2):
        toewijzer = teamtoewijzer(standaard_team=oost)
    with django_assert_num_queries(0):
        gekozen = [toewijzer.team_voor(postcode=p) for p in (
            "1000AA", "1099 zz", "1100AB", "1101AB", "2999XX", "3000AA", "3999ZZ", "4000AA", "", None,
        )]
        for n in range(10_000):
            toewijzer.team_voor(postcode=f"{1000 + n % 9000}AB")
    assert gekozen == [oost, oost, west, haven, haven, centrum, centrum, haven, haven, haven]
    assert "3 gebieden" in toewijzer.uitleg and "Team Haven" in toewijzer.uitleg


@pytest.mark.django_db
def test_round_robin_is_even_follows_the_order_and_continues_in_the_next_import(teams, beheerder):
    oost, west, centrum, _haven = teams
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=[centrum, oost, west])
    with transaction.atomic():
        eerste = teamtoewijzer(standaard_team=None)
        assert "Team Centrum, Team Oost en Team West" in eerste.uitleg
        assert eerste.uitleg.endswith("te beginnen bij Team Centrum.")
        gekozen = [eerste.team_voor(postcode=None) for _ in range(3 * 333 + 2)]
        eerste.opslaan()
        eerste.opslaan()  # a second call stores nothing twice
    assert gekozen[:4] == [centrum, oost, west, centrum]
    aantallen = Counter(gekozen)
    assert max(aantallen.values()) - min(aantallen.values()) <= 1
    assert Beurtteller.objects.get().aantal == 1001
    with transaction.atomic():
        tweede = teamtoewijzer(standaard_team=None)
        # 1001 turns taken: 1001 % 3 == 2, so West is next.
        assert tweede.uitleg.endswith("te beginnen bij Team West.")
        assert [tweede.team_voor(postcode="1234AB") for _ in range(2)] == [west, centrum]
        tweede.opslaan()
    assert Beurtteller.objects.get().aantal == 1003


@given(aantal_teams=st.integers(1, 4), aantal=st.integers(0, 200))
@settings(max_examples=25, deadline=None)
def test_round_robin_counts_differ_by_at_most_one(aantal_teams, aantal):
    toewijzer = _RondeToewijzer(
        teams=list(range(aantal_teams)), teller_pk=None, aantal=7, vergrendeld=False, uitleg=""
    )
    aantallen = Counter(toewijzer.team_voor(postcode=None) for _ in range(aantal))
    if aantal >= aantal_teams:
        assert set(aantallen) == set(range(aantal_teams))
    assert not aantallen or max(aantallen.values()) - min(aantallen.values()) <= 1


@pytest.mark.django_db
def test_a_rolled_back_import_gives_its_turns_back(teams, beheerder):
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=teams[:2])
    with pytest.raises(RuntimeError, match="afgebroken"), transaction.atomic():
        toewijzer = teamtoewijzer(standaard_team=None)
        [toewijzer.team_voor(postcode=None) for _ in range(5)]
        toewijzer.opslaan()
        raise RuntimeError("import afgebroken")
    with transaction.atomic():
        assert teamtoewijzer(standaard_team=None).team_voor(postcode=None) == teams[0]


@pytest.mark.django_db
def test_round_robin_without_teams_falls_back_to_the_importers_team(teams, beheerder):
    GemeenteInstellingen.objects.update_or_create(
        singleton=True, defaults={"toewijzing": Toewijzingswijze.ROUND_ROBIN}
    )
    assert teamtoewijzer(standaard_team=teams[3]).team_voor(postcode=None) == teams[3]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_preview_outside_a_transaction_never_moves_the_turn(teams, beheerder):
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=teams[:3])
    voorbeeld = teamtoewijzer(standaard_team=None)
    assert [voorbeeld.team_voor(postcode=None) for _ in range(2)] == teams[:2]
    with pytest.raises(RuntimeError, match="transaction.atomic"):
        voorbeeld.opslaan()
    assert not Beurtteller.objects.exists() or Beurtteller.objects.get().aantal == 0
    with transaction.atomic():
        echt = teamtoewijzer(standaard_team=None)
        assert echt.team_voor(postcode=None) == teams[0]
        echt.opslaan()
    assert Beurtteller.objects.get().aantal == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_imports_never_take_the_same_turn(teams, beheerder):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite's IMMEDIATE transactions serialise writers anyway")
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=teams)
    imports, per_import = 6, 25
    start = threading.Barrier(imports)
    beurten, fouten = [], []

    def importeer():
        try:
            start.wait()
            with transaction.atomic():
                toewijzer = teamtoewijzer(standaard_team=None)
                eerste = toewijzer._aantal
                gekozen = [toewijzer.team_voor(postcode=None) for _ in range(per_import)]
                toewijzer.opslaan()
            beurten.append((eerste, gekozen))
        except Exception as fout:  # pragma: no cover - reported below
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=importeer) for _ in range(imports)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert sorted(eerste for eerste, _g in beurten) == [n * per_import for n in range(imports)]
    alle = Counter(team for _e, gekozen in beurten for team in gekozen)
    assert sum(alle.values()) == imports * per_import
    assert max(alle.values()) - min(alle.values()) <= 1
    assert Beurtteller.objects.get().aantal == imports * per_import


# --- Changing the rule (services) -----------------------------------------------------------

@pytest.mark.django_db
def test_each_mode_needs_its_teams_and_every_change_is_in_the_security_log(teams, beheerder):
    for wijze, veld in ((Toewijzingswijze.VAST, "vast_team"), (Toewijzingswijze.POSTCODE, "vangnet_team"),
                        (Toewijzingswijze.ROUND_ROBIN, "ronde_teams"), ("ONZIN", "wijze")):
        with pytest.raises(ValidationError) as fout:
            teamtoewijzing_wijzigen(door=beheerder, wijze=wijze)
        assert list(fout.value.message_dict) == [veld]
    with pytest.raises(ValidationError, match="één keer"):
        teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=[teams[0], teams[0]])
    assert not Beveiligingsgebeurtenis.objects.filter(actie="teamtoewijzing_gewijzigd").exists()

    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.VAST, vast_team=teams[2])
    instellingen = gemeente_instellingen()
    assert (instellingen.toewijzing, instellingen.toewijzing_vast_team, instellingen.gewijzigd_door) == (
        Toewijzingswijze.VAST, teams[2], beheerder)
    regel = Beveiligingsgebeurtenis.objects.get(actie="teamtoewijzing_gewijzigd")
    assert (regel.actor, regel.object_id, regel.resultaat) == (beheerder, "VAST", "GELUKT")


@pytest.mark.django_db
def test_postcode_areas_may_not_overlap_and_are_logged(teams, beheerder):
    assert POSTCODEGEBIEDEN_OVERLAPPEN_NIET in ALLE_REGELS
    gebied = postcodegebied_toevoegen(door=beheerder, van=2000, tot=2499, team=teams[0])
    for van, tot in ((2499, 2600), (1500, 2000), (2100, 2200), (1000, 9999), (2000, 2499)):
        with pytest.raises(RegelOvertreding) as fout:
            postcodegebied_toevoegen(door=beheerder, van=van, tot=tot, team=teams[1])
        assert fout.value.regel is POSTCODEGEBIEDEN_OVERLAPPEN_NIET and fout.value.veld == "van"
        assert "2000 tot en met 2499 van Team Oost" in fout.value.bericht
    with pytest.raises(ValidationError) as fout:
        postcodegebied_toevoegen(door=beheerder, van=3000, tot=2999, team=teams[1])
    assert list(fout.value.message_dict) == ["tot"]
    with pytest.raises(ValidationError) as fout:
        postcodegebied_toevoegen(door=beheerder, van=999, tot=10000, team=teams[1])
    assert set(fout.value.message_dict) == {"van", "tot"}
    # Adjacent areas do not overlap.
    postcodegebied_toevoegen(door=beheerder, van=2500, tot=2500, team=teams[1])
    postcodegebied_toevoegen(door=beheerder, van=1000, tot=1999, team=teams[1])
    assert list(Postcodegebied.objects.values_list("van", "tot")) == [(1000, 1999), (2000, 2499), (2500, 2500)]
    postcodegebied_verwijderen(door=beheerder, gebied=gebied)
    assert Postcodegebied.objects.count() == 2
    assert list(
        Beveiligingsgebeurtenis.objects.filter(object_type="teamtoewijzing").order_by("volgnummer")
        .values_list("actie", "object_id")
    ) == [
        ("postcodegebied_toegevoegd", f"2000-2499:{teams[0].pk}"),
        ("postcodegebied_toegevoegd", f"2500-2500:{teams[1].pk}"),
        ("postcodegebied_toegevoegd", f"1000-1999:{teams[1].pk}"),
        ("postcodegebied_verwijderd", f"2000-2499:{teams[0].pk}"),
    ]
    assert gemeente_instellingen().gewijzigd_door == beheerder


@pytest.mark.django_db
def test_a_team_in_the_rule_cannot_be_deleted(teams, beheerder):
    from django.db.models import ProtectedError

    postcodegebied_toevoegen(door=beheerder, van=1000, tot=1999, team=teams[0])
    teamtoewijzing_wijzigen(door=beheerder, wijze=Toewijzingswijze.ROUND_ROBIN, ronde_teams=[teams[1]])
    for team in teams[:2]:
        with pytest.raises(ProtectedError):
            team.delete()
