"""The catalogue's database constraints: one provider per name, one product per name per provider."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nieuwestart.catalogus.models import Aanbieder, Product, Traject, Zwaarte
from nieuwestart.dossiers.models import Leefgebied

pytestmark = pytest.mark.django_db


def test_a_provider_name_is_unique_whatever_its_case():
    Aanbieder.objects.create(naam="Humanitas")
    with pytest.raises(IntegrityError), transaction.atomic():
        Aanbieder.objects.create(naam="HUMANITAS")
    with pytest.raises(ValidationError) as fout:
        Aanbieder(naam="humanitas").full_clean()
    assert "Er is al een aanbieder met deze naam." in str(fout.value)


def test_a_product_name_is_unique_per_provider_but_two_providers_may_offer_the_same_product(maak_product):
    maak_product("Dagbesteding doelgroep 16-27", aanbieder="Stichting Kwintes")
    maak_product("Dagbesteding doelgroep 16-27", aanbieder="Coöperatie Boer en Zorg")  # another provider: fine
    kwintes = Aanbieder.objects.get(naam="Stichting Kwintes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.create(aanbieder=kwintes, naam="dagbesteding DOELGROEP 16-27", leefgebied=Leefgebied.WERK)
    with pytest.raises(ValidationError) as fout:
        Product(aanbieder=kwintes, naam="Dagbesteding doelgroep 16-27", leefgebied=Leefgebied.WERK).full_clean()
    assert "Deze aanbieder heeft al een product met deze naam." in str(fout.value)


def test_one_trajectory_per_weight_and_only_licht_middel_zwaar(maak_product):
    product = maak_product(trajecten={Zwaarte.LICHT: ("1 uur per week", "3 maanden")})
    with pytest.raises(IntegrityError), transaction.atomic():
        Traject.objects.create(product=product, zwaarte=Zwaarte.LICHT, intensiteit="2 uur per week")
    with pytest.raises(IntegrityError), transaction.atomic():
        Traject.objects.create(product=product, zwaarte="HEEL_ZWAAR")


def test_an_indicative_rate_is_never_negative(maak_product):
    product = maak_product(indicatief_tarief=Decimal("65.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(indicatief_tarief=Decimal("-1"))


def test_trajectories_come_in_order_licht_middel_zwaar(maak_product):
    product = maak_product(trajecten={Zwaarte.ZWAAR: ("z", ""), Zwaarte.LICHT: ("l", ""), Zwaarte.MIDDEL: ("m", "")})
    assert [t.zwaarte for t in product.trajecten.all()] == [Zwaarte.LICHT, Zwaarte.MIDDEL, Zwaarte.ZWAAR]


def test_a_provider_with_products_cannot_be_deleted_only_set_inactive(maak_product):
    product = maak_product()
    with pytest.raises(IntegrityError), transaction.atomic():
        product.aanbieder.delete()
