"""Mandate: the approvals a provision needs, with the €500 and €1,500 boundaries, and the local settings."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.instellingen.forms import GemeenteInstellingenForm
from nieuwestart.instellingen.models import GemeenteInstellingen
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.instellingen.services import instellingen_wijzigen
from nieuwestart.plannen.mandaat import Mandaatgrenzen, benodigde_goedkeuringen, mandaatsoort, ontbrekende_goedkeuringen

STANDAARD = Mandaatgrenzen()


def v(bedrag, **kw):
    basis = {"bedrag": None if bedrag is None else Decimal(bedrag), "vrij_toegankelijk": False,
             "ongewijzigd_overgenomen": False, "besluit": "TOEGEKEND", "hardheidsclausule": False}
    return SimpleNamespace(**(basis | kw))


@pytest.mark.parametrize("bedrag,nodig", [
    (None, ()),
    ("0", ()),
    ("499.99", ()),
    ("500.00", ()),  # "up to €500": exactly €500 is the case worker's
    ("500.01", ("VIER_OGEN",)),
    ("1000", ("VIER_OGEN",)),
    ("1500.00", ("VIER_OGEN",)),  # "€500 – €1,500": exactly €1,500 is four eyes
    ("1500.01", ("TEAMLEIDER",)),  # "above €1,500"
    ("25000", ("TEAMLEIDER",)),
])
def test_mandate_matrix_with_default_thresholds(bedrag, nodig):
    assert benodigde_goedkeuringen(v(bedrag), STANDAARD) == nodig


def test_defaults_of_the_settings_are_500_and_1500(db):
    instellingen = gemeente_instellingen()
    assert instellingen.mandaat_consulent_tot == Decimal("500.00")
    assert instellingen.mandaat_vier_ogen_tot == Decimal("1500.00")
    assert benodigde_goedkeuringen(v("500.00"), instellingen) == ()
    assert benodigde_goedkeuringen(v("1500.00"), instellingen) == ("VIER_OGEN",)
    assert "bezwaar" in instellingen.bezwaar_instructie


@pytest.mark.parametrize("kw", [
    {"vrij_toegankelijk": True},
    {"ongewijzigd_overgenomen": True},
    {"besluit": "AFGEWEZEN"},
])
def test_no_approval_for_free_access_unchanged_or_refused(kw):
    assert benodigde_goedkeuringen(v("9000", **kw), STANDAARD) == ()


def test_hardheidsclausule_adds_the_teamleider_approval():
    assert benodigde_goedkeuringen(v("100", hardheidsclausule=True), STANDAARD) == ("HARDHEIDSCLAUSULE",)
    assert benodigde_goedkeuringen(v("2000", hardheidsclausule=True), STANDAARD) == ("TEAMLEIDER", "HARDHEIDSCLAUSULE")


def test_teamleider_approval_covers_four_eyes_but_not_the_hardheidsclausule():
    assert ontbrekende_goedkeuringen(("VIER_OGEN",), {"TEAMLEIDER"}) == ()
    assert ontbrekende_goedkeuringen(("TEAMLEIDER",), {"VIER_OGEN"}) == ("TEAMLEIDER",)
    assert ontbrekende_goedkeuringen(("HARDHEIDSCLAUSULE",), {"TEAMLEIDER"}) == ("HARDHEIDSCLAUSULE",)


@given(
    laag=st.decimals(min_value=0, max_value=10000, places=2),
    extra=st.decimals(min_value=0, max_value=10000, places=2),
    bedrag=st.decimals(min_value=0, max_value=30000, places=2),
)
def test_mandate_is_monotone_and_respects_any_ordered_thresholds(laag, extra, bedrag):
    grenzen = Mandaatgrenzen(laag, laag + extra)
    soort = mandaatsoort(bedrag, grenzen)
    if bedrag <= laag:
        assert soort is None
    elif bedrag <= laag + extra:
        assert soort == "VIER_OGEN"
    else:
        assert soort == "TEAMLEIDER"
    rang = {None: 0, "VIER_OGEN": 1, "TEAMLEIDER": 2}
    assert rang[mandaatsoort(bedrag + Decimal("0.01"), grenzen)] >= rang[soort]


# --- the settings ---------------------------------------------------------------------------------

def test_thresholds_must_be_ordered(db, beheerder):
    with pytest.raises(ValidationError) as exc:
        instellingen_wijzigen(door=beheerder, mandaat_consulent_tot=Decimal("800"), mandaat_vier_ogen_tot=Decimal("700"))
    assert "mandaat_vier_ogen_tot" in exc.value.message_dict
    assert gemeente_instellingen().mandaat_consulent_tot == Decimal("500.00")


def test_thresholds_cannot_be_negative(db, beheerder):
    with pytest.raises(ValidationError) as exc:
        instellingen_wijzigen(door=beheerder, mandaat_consulent_tot=Decimal("-1"))
    assert "mandaat_consulent_tot" in exc.value.message_dict


def test_equal_thresholds_are_allowed_and_skip_four_eyes(db, beheerder):
    instellingen = instellingen_wijzigen(
        door=beheerder, mandaat_consulent_tot=Decimal("1000"), mandaat_vier_ogen_tot=Decimal("1000")
    )
    assert benodigde_goedkeuringen(v("1000.01"), instellingen) == ("TEAMLEIDER",)


def test_database_refuses_unordered_thresholds(db):
    gemeente_instellingen()
    with pytest.raises(IntegrityError):
        GemeenteInstellingen.objects.update(mandaat_consulent_tot=Decimal("900"), mandaat_vier_ogen_tot=Decimal("100"))


def test_settings_form_has_the_mandate_and_bezwaar_fields(db):
    form = GemeenteInstellingenForm(instance=gemeente_instellingen())
    for veld in ("mandaat_consulent_tot", "mandaat_vier_ogen_tot", "bezwaar_instructie"):
        assert veld in form.fields
    data = {**form.initial, "mandaat_consulent_tot": "600", "mandaat_vier_ogen_tot": "400"}
    data = {k: ("" if val is None else val) for k, val in data.items()}
    form = GemeenteInstellingenForm(data, instance=gemeente_instellingen())
    assert not form.is_valid()
    assert "mandaat_vier_ogen_tot" in form.errors


def test_only_a_teamleider_may_give_four_eyes_and_hardheidsclausule_together():
    from nieuwestart.accounts.models import Rol
    from nieuwestart.plannen.mandaat import rollen_voor_alle, soorten_voor_rollen
    from nieuwestart.plannen.models import Goedkeuringsoort as G

    assert rollen_voor_alle([G.VIER_OGEN]) == {Rol.CONSULENT, Rol.TEAMLEIDER}
    assert rollen_voor_alle([G.VIER_OGEN, G.HARDHEIDSCLAUSULE]) == {Rol.TEAMLEIDER}
    assert soorten_voor_rollen([Rol.CONSULENT]) == [G.VIER_OGEN]
    assert set(soorten_voor_rollen([Rol.TEAMLEIDER])) == {G.VIER_OGEN, G.TEAMLEIDER, G.HARDHEIDSCLAUSULE}
    assert soorten_voor_rollen([Rol.BELEIDSMEDEWERKER]) == []
