import pytest

from nieuwestart.catalogus.models import Aanbieder, Product, Traject
from nieuwestart.dossiers.models import Leefgebied


@pytest.fixture
def maak_product(db):
    """A product (and its provider, found or made by name) with optional trajectories."""

    def _maak(naam="Gezinscoach", aanbieder="MDFlevoland", leefgebied=Leefgebied.GEZIN, trajecten=None, **extra):
        aanbieder_obj = aanbieder if isinstance(aanbieder, Aanbieder) else (
            Aanbieder.objects.filter(naam=aanbieder).first() or Aanbieder.objects.create(naam=aanbieder)
        )
        product = Product.objects.create(aanbieder=aanbieder_obj, naam=naam, leefgebied=leefgebied, **extra)
        for zwaarte, (intensiteit, duur) in (trajecten or {}).items():
            Traject.objects.create(product=product, zwaarte=zwaarte, intensiteit=intensiteit, duur=duur)
        return product

    return _maak
