"""Writes for costs, Spuk and SiSa. Keyword-only, one transaction each; refusals are ``RegelOvertreding``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Doelgroep
from nieuwestart.plannen.models import Besluit, Categorie, Planstatus, Planversie, Voorziening

from .models import (
    Betaling,
    CollectiefInitiatief,
    Componentsoort,
    Organisatiekosten,
    SisaJaarafsluiting,
    SpukComponent,
    UhtTelling,
    Voorzieningskosten,
)


def is_afgesloten(jaar: int) -> bool:
    return SisaJaarafsluiting.objects.filter(jaar=jaar).exists()


def _jaar_open(jaar: int, veld: str = "datum") -> None:
    if is_afgesloten(jaar):
        raise RegelOvertreding(R.AFGESLOTEN_JAAR_VERANDERT_NIET, veld=veld)


def component_voor(soort: str) -> SpukComponent:
    """The active component the system books this kind of cost on (reference data)."""
    component = SpukComponent.objects.filter(soort=soort, actief=True).order_by("volgorde", "code").first()
    if component is None:
        component = SpukComponent.objects.filter(soort=Componentsoort.VOORZIENINGEN).order_by("volgorde", "code").first()
    if component is None:
        # No component for provisions is left at all: the shipped defaults come back, so that cost
        # accounting never blocks issuing a plan (a lawful decision comes first).
        from .models import SisaIndicator
        from .referentiegegevens import standaard_laden

        standaard_laden(SpukComponent, SisaIndicator)
        return component_voor(soort)
    return component


def soort_voor_voorziening(*, doelgroep: str, categorie: str) -> str:
    """Debt help for a child of the kindregeling is component C (seed 003); everything else is a provision."""
    if doelgroep == Doelgroep.KIND_KINDREGELING and categorie == Categorie.SCHULD_BETALEN:
        return Componentsoort.SCHULDEN_KINDEREN
    return Componentsoort.VOORZIENINGEN


def _kostenwortel(voorziening_id: int, cache: dict[int, tuple[int | None, bool]]) -> int:
    """The provision where the decision was made: follow unchanged copies back through the addenda."""
    huidig = voorziening_id
    for _stap in range(1000):
        if huidig not in cache:
            rij = Voorziening._base_manager.filter(pk=huidig).values_list("overgenomen_van_id", "ongewijzigd_overgenomen").first()
            cache[huidig] = rij or (None, False)
        vorige, ongewijzigd = cache[huidig]
        if not ongewijzigd or vorige is None:
            return huidig
        huidig = vorige
    return huidig


@transaction.atomic
def verplichtingen_vastleggen(*, planversie: Planversie, vandaag: date) -> list[Voorzieningskosten]:
    """Record the cost of every provision decided in this issued version; release what it drops.

    Called by ``plannen.services.uitgeven`` in its transaction. A provision copied unchanged from an
    earlier version keeps its earlier record. A granted provision of the earlier version that this
    version changes or drops releases its commitment, minus what was already paid.
    """
    assert planversie.status == Planstatus.UITGEGEVEN
    dossier = planversie.dossier
    voorzieningen = list(
        Voorziening._base_manager.filter(planversie=planversie).select_related("doel").order_by("id")
    )
    cache: dict[int, tuple[int | None, bool]] = {}
    nog_geldig = {
        _kostenwortel(v.overgenomen_van_id, cache)
        for v in voorzieningen if v.ongewijzigd_overgenomen and v.overgenomen_van_id
    }
    vrijvallen = (
        Voorzieningskosten.objects.select_for_update()
        .filter(dossier=dossier, besluit=Besluit.TOEGEKEND, vervallen_op__isnull=True)
        .exclude(voorziening_id__in=nog_geldig)
        .exclude(voorziening__planversie=planversie)
    )
    for kosten in vrijvallen:
        kosten.vrijgevallen_bedrag = max(Decimal("0"), kosten.toegezegd_bedrag - max(kosten.betaald_bedrag, Decimal("0")))
        kosten.vervallen_op = vandaag
        kosten.save(update_fields=["vrijgevallen_bedrag", "vervallen_op"])

    nieuw = []
    for v in voorzieningen:
        if v.vrij_toegankelijk or v.ongewijzigd_overgenomen or not v.besluit:
            continue
        datum = v.besluitdatum or vandaag
        toegekend = v.besluit == Besluit.TOEGEKEND
        nieuw.append(Voorzieningskosten(
            voorziening=v, dossier=dossier, team_id=dossier.team_id, behandelaar_id=dossier.behandelaar_id,
            doelgroep=dossier.doelgroep, leefgebied=v.doel.leefgebied, aard=v.aard, besluit=v.besluit,
            besluitdatum=datum, jaar=datum.year,
            component=component_voor(soort_voor_voorziening(doelgroep=dossier.doelgroep, categorie=v.categorie)),
            bedrag=v.bedrag or Decimal("0"), toegezegd_bedrag=(v.bedrag or Decimal("0")) if toegekend else Decimal("0"),
        ))
    return Voorzieningskosten.objects.bulk_create(nieuw)


@transaction.atomic
def verplichtingen_bijwerken() -> int:
    """Backfill: record costs for issued versions that have none yet (e.g. after installing this app)."""
    versies = (
        Planversie.objects.filter(status=Planstatus.UITGEGEVEN)
        .exclude(voorzieningen__kosten__isnull=False)
        .filter(voorzieningen__besluit__in=[Besluit.TOEGEKEND, Besluit.AFGEWEZEN], voorzieningen__ongewijzigd_overgenomen=False)
        .select_related("dossier").distinct().order_by("dossier_id", "versie")
    )
    aantal = 0
    for versie in versies:
        aantal += len(verplichtingen_vastleggen(planversie=versie, vandaag=versie.uitgegeven_op))
    return aantal


@transaction.atomic
def betaling_vastleggen(*, kosten: Voorzieningskosten, datum: date, bedrag: Decimal, kenmerk: str = "", door) -> Betaling:
    """Record what was paid or invoiced for a granted provision (a negative amount corrects)."""
    kosten = Voorzieningskosten.objects.select_for_update().get(pk=kosten.pk)
    if kosten.besluit != Besluit.TOEGEKEND or (kosten.vervallen_op and datum > kosten.vervallen_op):
        raise RegelOvertreding(R.BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING)
    _jaar_open(datum.year)
    betaald = kosten.betalingen.aggregate(s=Sum("bedrag"))["s"] or Decimal("0")
    if betaald + bedrag < 0:
        raise RegelOvertreding(
            R.BETALING_ALLEEN_VOOR_TOEGEKENDE_VOORZIENING,
            _("Met deze correctie wordt het betaalde bedrag lager dan nul. Er is nu € %(betaald)s betaald.")
            % {"betaald": betaald}, veld="bedrag",
        )
    kosten.betaald_bedrag = betaald + bedrag
    kosten.save(update_fields=["betaald_bedrag"])
    return Betaling.objects.create(kosten=kosten, component_id=kosten.component_id, datum=datum, jaar=datum.year,
                                   bedrag=bedrag, kenmerk=kenmerk, vastgelegd_door=door)


@transaction.atomic
def organisatiekosten_vastleggen(*, datum: date, component: SpukComponent, soort: str, omschrijving: str,
                                 bedrag: Decimal, uren: Decimal | None = None, door) -> Organisatiekosten:
    _jaar_open(datum.year)
    return Organisatiekosten.objects.create(
        jaar=datum.year, datum=datum, component=component, soort=soort, omschrijving=omschrijving, bedrag=bedrag,
        uren=uren, vastgelegd_door=door,
    )


@transaction.atomic
def initiatief_vastleggen(*, naam: str, soort: str, datum: date, bedrag: Decimal, aantal_deelnemers: int | None = None,
                          toelichting: str = "", component: SpukComponent | None = None, door) -> CollectiefInitiatief:
    _jaar_open(datum.year)
    return CollectiefInitiatief.objects.create(
        naam=naam, soort=soort, datum=datum, jaar=datum.year, bedrag=bedrag, aantal_deelnemers=aantal_deelnemers,
        toelichting=toelichting, component=component or component_voor(Componentsoort.COLLECTIEF), vastgelegd_door=door,
    )


@transaction.atomic
def uht_telling_vastleggen(*, jaar: int, doelgroep: str, aantal: int, bron: str = "") -> UhtTelling:
    telling, _nieuw = UhtTelling.objects.update_or_create(jaar=jaar, doelgroep=doelgroep,
                                                         defaults={"aantal": aantal, "bron": bron})
    return telling


@transaction.atomic
def jaar_afsluiten(*, jaar: int, door, nu: datetime) -> SisaJaarafsluiting:
    """Freeze the SiSa figures of a past year. Refused for the current or a future year, or twice."""
    from .sisa import sisa_cijfers

    if jaar >= nu.date().year:
        raise RegelOvertreding(R.JAAR_AFSLUITEN_NA_AFLOOP, veld="jaar")
    if is_afgesloten(jaar):
        raise RegelOvertreding(R.AFGESLOTEN_JAAR_VERANDERT_NIET, _("Dit jaar is al afgesloten."), veld="jaar")
    inhoud = sisa_cijfers(jaar)
    return SisaJaarafsluiting.objects.create(
        jaar=jaar, afgesloten_op=nu, afgesloten_door=door, inhoud=inhoud, sha256=SisaJaarafsluiting.bereken_hash(inhoud)
    )
