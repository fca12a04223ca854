"""An issued version and everything under it never changes: through the services and through the ORM."""

from decimal import Decimal

import pytest

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.plannen import services
from nieuwestart.plannen.models import (
    Doel,
    Goedkeuring,
    Leefgebiedsituatie,
    Planversie,
    VersieBevroren,
    Voorziening,
)

from .conftest import VANDAAG, voorziening

pytestmark = pytest.mark.django_db


@pytest.fixture
def zonder_document(monkeypatch):
    """Issuing without rendering a PDF (the rendering is H2's and tested there)."""
    import nieuwestart.beschikkingen.services as bs

    monkeypatch.setattr(bs, "beschikking_vastleggen", lambda **kwargs: None)


@pytest.fixture
def uitgegeven(plan, doel, consulent, tweede_consulent, zonder_document):
    v = voorziening(doel, consulent, bedrag="900")
    [gk] = services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG)
    services.goedkeuren(gk, tweede_consulent, vandaag=VANDAAG)
    services.uitgeven(plan, consulent, VANDAAG)
    plan.refresh_from_db()
    assert plan.status == "UITGEGEVEN"
    return plan


def _alles(plan):
    return (
        Planversie.objects.get(pk=plan.pk),
        Leefgebiedsituatie.objects.filter(planversie=plan).first(),
        Doel.objects.filter(planversie=plan).first(),
        Voorziening.objects.filter(planversie=plan).first(),
        Goedkeuring.objects.filter(voorziening__planversie=plan).first(),
    )


# --- services -----------------------------------------------------------------------------------

def test_every_service_refuses_an_issued_version(uitgegeven, consulent, teamleider):
    versie, lg, doel, v, gk = _alles(uitgegeven)
    pogingen = [
        lambda: services.planversie_bijwerken(versie, consulent, toelichting="x"),
        lambda: services.planversie_verwijderen(versie, consulent),
        lambda: services.leefgebied_bijwerken(versie, "WONEN", consulent, situatie="anders"),
        lambda: services.doel_toevoegen(versie, consulent, leefgebied="WERK", omschrijving="Nieuw"),
        lambda: services.doel_wijzigen(doel, consulent, omschrijving="Anders"),
        lambda: services.doel_verwijderen(doel, consulent),
        lambda: services.voorziening_toevoegen(doel, consulent, omschrijving="Fiets"),
        lambda: services.voorziening_wijzigen(v, consulent, bedrag=Decimal("1")),
        lambda: services.voorziening_verwijderen(v, consulent),
        lambda: services.besluit_vastleggen(v, "AFGEWEZEN", "Toch niet", door=consulent),
        lambda: services.goedkeuring_vragen(v, consulent, vandaag=VANDAAG),
        lambda: services.goedkeuren(gk, teamleider, vandaag=VANDAAG),
        lambda: services.terugsturen(gk, teamleider, "Nee", vandaag=VANDAAG),
        lambda: services.uitgeven(versie, consulent, VANDAAG),
    ]
    for poging in pogingen:
        with pytest.raises(RegelOvertreding) as exc:
            poging()
        assert exc.value.regel is R.UITGEGEVEN_PLAN_VERANDERT_NIET
        assert "addendum" in exc.value.bericht
    assert _alles(uitgegeven)[3].bedrag == Decimal("900")


# --- ORM: save / delete per model ---------------------------------------------------------------

@pytest.mark.parametrize("index", [0, 1, 2, 3, 4], ids=["planversie", "leefgebied", "doel", "voorziening", "goedkeuring"])
def test_save_and_delete_are_refused(uitgegeven, index):
    obj = _alles(uitgegeven)[index]
    assert obj is not None
    with pytest.raises(VersieBevroren):
        obj.save()
    with pytest.raises(VersieBevroren):
        obj.delete()
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model,filter_", [
    (Planversie, "pk"),
    (Leefgebiedsituatie, "planversie"),
    (Doel, "planversie"),
    (Voorziening, "planversie"),
    (Goedkeuring, "voorziening__planversie"),
])
def test_queryset_update_and_delete_are_refused(uitgegeven, model, filter_):
    qs = model.objects.filter(**{filter_: uitgegeven.pk if filter_ == "pk" else uitgegeven})
    assert qs.exists()
    veld = {Planversie: "toelichting", Leefgebiedsituatie: "situatie", Doel: "omschrijving",
            Voorziening: "omschrijving", Goedkeuring: "opmerking"}[model]
    with pytest.raises(VersieBevroren):
        qs.update(**{veld: "gewijzigd"})
    with pytest.raises(VersieBevroren):
        qs.delete()
    assert not model.objects.filter(**{veld: "gewijzigd"}).exists()
    assert qs.exists()


def test_bulk_create_and_bulk_update_are_refused(uitgegeven):
    versie, lg, doel, v, gk = _alles(uitgegeven)
    with pytest.raises(VersieBevroren):
        Doel.objects.bulk_create([Doel(planversie=versie, leefgebied="WERK", omschrijving="Stiekem")])
    with pytest.raises(VersieBevroren):
        Voorziening.objects.bulk_create([Voorziening(planversie=versie, doel=doel, omschrijving="Stiekem")])
    with pytest.raises(VersieBevroren):
        Leefgebiedsituatie.objects.bulk_create([Leefgebiedsituatie(planversie=versie, leefgebied="ZORG")])
    with pytest.raises(VersieBevroren):
        Goedkeuring.objects.bulk_create([Goedkeuring(voorziening=v, soort="TEAMLEIDER", gevraagd_door=gk.gevraagd_door)])
    v.bedrag = Decimal("1")
    with pytest.raises(VersieBevroren):
        Voorziening.objects.bulk_update([v], ["bedrag"])
    versie.toelichting = "x"
    with pytest.raises(VersieBevroren):
        Planversie.objects.bulk_update([versie], ["toelichting"])
    with pytest.raises(VersieBevroren):
        Planversie.objects.bulk_create([Planversie(dossier=versie.dossier, versie=9, soort="ADDENDUM", status="UITGEGEVEN")])
    assert not Doel.objects.filter(omschrijving="Stiekem").exists()


def test_new_rows_cannot_be_added_under_an_issued_version(uitgegeven, consulent):
    versie, lg, doel, v, gk = _alles(uitgegeven)
    with pytest.raises(VersieBevroren):
        Doel.objects.create(planversie=versie, leefgebied="WERK", omschrijving="Stiekem")
    with pytest.raises(VersieBevroren):
        Goedkeuring.objects.create(voorziening=v, soort="TEAMLEIDER", gevraagd_door=consulent)


def test_a_row_cannot_be_moved_out_of_an_issued_version(uitgegeven, dossier, consulent):
    addendum = services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    _versie, _lg, doel, v, _gk = _alles(uitgegeven)
    doel.planversie = addendum  # the stored row belongs to the issued version
    with pytest.raises(VersieBevroren):
        doel.save()
    v.planversie = addendum
    with pytest.raises(VersieBevroren):
        v.save()


def test_a_version_cannot_be_created_as_issued(dossier):
    with pytest.raises(VersieBevroren):
        Planversie.objects.create(dossier=dossier, versie=1, soort="EERSTE_PLAN", status="UITGEGEVEN")


def test_a_concept_is_freely_editable_and_removable(plan, doel, consulent):
    v = voorziening(doel, consulent)
    v.omschrijving = "Droger"
    v.save()
    Voorziening.objects.filter(pk=v.pk).update(hoeveelheid="1 stuk")
    services.planversie_verwijderen(plan, consulent)
    assert not Planversie.objects.exists() and not Voorziening.objects.exists() and not Doel.objects.exists()


def test_the_addendum_edits_leave_the_issued_version_untouched(uitgegeven, dossier, consulent):
    addendum = services.planversie_aanmaken(dossier, consulent, vandaag=VANDAAG)
    v2 = addendum.voorzieningen.get()
    services.voorziening_wijzigen(v2, consulent, bedrag=Decimal("100"), omschrijving="Kleinere wasmachine")
    services.doel_wijzigen(v2.doel, consulent, omschrijving="Nieuw doel")
    v1 = Voorziening.objects.get(planversie=uitgegeven)
    assert (v1.bedrag, v1.omschrijving, v1.doel.omschrijving) == (Decimal("900"), "Wasmachine", "Het huishouden draait weer")
    assert Goedkeuring.objects.get(voorziening=v1).telt  # the old approval stays as it was
