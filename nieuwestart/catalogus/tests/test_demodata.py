"""The Dronten sociale kaart from seed 004, loaded idempotently into the demo."""

import pytest

from nieuwestart.catalogus.demodata import PRODUCTEN, dronten_laden
from nieuwestart.catalogus.models import Aanbieder, Aard, Product, Traject
from nieuwestart.dossiers.models import Leefgebied

pytestmark = pytest.mark.django_db


def _rijen():
    return (
        sorted(Aanbieder.objects.values_list("pk", "naam", "soort")),
        sorted(Product.objects.values_list("pk", "aanbieder__naam", "naam", "leefgebied", "aard", "vrij_toegankelijk")),
        sorted(Traject.objects.values_list("pk", "product_id", "zwaarte", "intensiteit", "duur")),
    )


def test_loading_twice_gives_the_same_rows():
    eerste = dronten_laden()
    rijen = _rijen()
    tweede = dronten_laden()
    assert _rijen() == rijen
    assert eerste["catalogus.Product"] == sum(len(p[6]) for p in PRODUCTEN)
    assert tweede == {"catalogus.Aanbieder": 0, "catalogus.Product": 0, "catalogus.Traject": 0}


def test_the_seed_products_and_trajectories_are_there():
    dronten_laden()
    spectrum = Product.objects.get(naam="Begeleidingstraject doelgroep 18-", aanbieder__naam="AB het Spectrum")
    assert [(t.zwaarte, t.intensiteit) for t in spectrum.trajecten.all()] == [
        ("LICHT", "1 tot 2 contacturen per week"), ("MIDDEL", "2,1 tot 4 contacturen per week"),
        ("ZWAAR", "4,1 tot 6 uur per week")]
    assert Product.objects.filter(naam="Begeleidingstraject doelgroep 18-").count() == 9
    assert Product.objects.get(naam="Individuele maatjes").vrij_toegankelijk
    assert Product.objects.get(naam="Vergoeding van materiële kosten").aard == Aard.MATERIEEL
    # Every leefgebied has something to pick in the demo.
    assert set(Product.objects.values_list("leefgebied", flat=True)) == set(Leefgebied.values)


def test_a_product_the_beheerder_changed_is_left_alone():
    dronten_laden()
    Product.objects.filter(naam="Gezinscoach").update(omschrijving="Eigen tekst", actief=False)
    dronten_laden()
    product = Product.objects.get(naam="Gezinscoach")
    assert (product.omschrijving, product.actief) == ("Eigen tekst", False)


def test_seed_demo_loads_the_dronten_catalogue():
    from nieuwestart.demodata.generator import seed_demo

    rapport = seed_demo()
    assert rapport.aantallen["catalogus.Product"] == Product.objects.count() > 50
