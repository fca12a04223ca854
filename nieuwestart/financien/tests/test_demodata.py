"""The generated plans, provisions and costs are consistent with the dossiers they belong to."""

from datetime import date

import pytest
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce

from nieuwestart.demodata import generator
from nieuwestart.dossiers.models import DossierGebeurtenis
from nieuwestart.financien.models import Betaling, SisaJaarafsluiting, Voorzieningskosten
from nieuwestart.financien.sisa import sisa_cijfers
from nieuwestart.plannen.models import Planversie, Voorziening

pytestmark = pytest.mark.django_db
VANDAAG = date(2026, 11, 23)


def _controleer_samenhang():
    plannen = DossierGebeurtenis.objects.filter(soort="PLAN_VASTGESTELD")
    assert Planversie.objects.count() == plannen.count() > 0
    assert not Planversie.objects.exclude(status="UITGEGEVEN").exists()
    # The plan is issued on the day of the event; every provision has its cost row with the same facts.
    assert set(Planversie.objects.values_list("dossier_id", "uitgegeven_op")) == set(plannen.values_list("dossier_id", "datum"))
    assert Voorzieningskosten.objects.count() == Voorziening.objects.count()
    assert not Voorzieningskosten.objects.exclude(voorziening__planversie__dossier=F("dossier")).exists()
    assert not Voorzieningskosten.objects.exclude(leefgebied=F("voorziening__doel__leefgebied")).exists()
    assert not Voorzieningskosten.objects.exclude(besluitdatum=F("voorziening__planversie__uitgegeven_op")).exists()
    assert not Voorzieningskosten.objects.filter(besluit="AFGEWEZEN", toegezegd_bedrag__gt=0).exists()
    # Payments: only for granted provisions, never in the future, never more than granted.
    assert not Betaling.objects.exclude(kosten__besluit="TOEGEKEND").exists()
    assert not Betaling.objects.filter(datum__gt=VANDAAG).exists()
    te_veel = (Voorzieningskosten.objects.annotate(b=Sum("betalingen__bedrag")).filter(b__gt=F("toegezegd_bedrag") + 1))
    assert not te_veel.exists()
    # The kept total per provision is the sum of its payments, and each payment carries its component.
    # (Compared in Python: SQLite sums decimals as floats.)
    rijen = Voorzieningskosten.objects.annotate(b=Coalesce(Sum("betalingen__bedrag"), Decimal("0"))).values_list("b", "betaald_bedrag")
    assert all(b.quantize(Decimal("0.01")) == betaald for b, betaald in rijen)
    assert not Betaling.objects.exclude(component=F("kosten__component")).exists()


def test_demo_seed_writes_plans_costs_and_a_closed_year():
    generator.seed_demo(vandaag=VANDAAG)
    _controleer_samenhang()
    assert SisaJaarafsluiting.objects.get().jaar == 2024
    cijfers = sisa_cijfers(2026)
    assert float(cijfers["totaal"]["gerealiseerd_totaal"]) > 0
    # Reset removes everything, also what hangs on no dossier, and builds it again.
    generator.seed_demo(vandaag=VANDAAG, reset=True)
    _controleer_samenhang()
    assert SisaJaarafsluiting.objects.count() == 1


def test_national_seed_reaches_the_requested_number_of_provisions_roughly():
    generator.seed_national(rechthebbenden=300, dossiers=400, vandaag=VANDAAG, teams=4, consulenten=12, workers=0,
                            voorzieningen=2000)
    _controleer_samenhang()
    aantal = Voorziening.objects.count()
    assert 1500 <= aantal <= 2500, aantal
    per_consulent = Voorzieningskosten.objects.values("behandelaar").annotate(n=Count("id"))
    assert len(per_consulent) >= 8
