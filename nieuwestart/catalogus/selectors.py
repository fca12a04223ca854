"""Reads of the sociale kaart: what a case worker may pick, and the beheer overview."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Aanbieder, Product, Traject

_ZOEKVELDEN = ("naam", "aanbieder__naam", "categorie", "omschrijving", "doelgroep")


def _zoeken(qs: QuerySet[Product], zoek: str) -> QuerySet[Product]:
    """Every word must occur in the name, provider, category, description or target group."""
    for woord in (zoek or "").split()[:10]:
        voorwaarde = Q()
        for veld in _ZOEKVELDEN:
            voorwaarde |= Q(**{f"{veld}__icontains": woord})
        qs = qs.filter(voorwaarde)
    return qs


def _met_trajecten(qs: QuerySet[Product]) -> QuerySet[Product]:
    return qs.select_related("aanbieder").prefetch_related(
        Prefetch("trajecten", queryset=Traject.objects.order_by("zwaarte"))
    )


def producten_voor(leefgebied: str | None = None, zoek: str = "") -> QuerySet[Product]:
    """Active products of active providers a case worker can choose for a voorziening, with their
    provider and trajectories (licht, middel, zwaar) loaded, ordered by product name then provider.

    ``leefgebied`` is a ``dossiers.models.Leefgebied`` value (or None/"" for all); ``zoek`` is
    free text, every word of which must match.
    """
    qs = Product.objects.actief()
    if leefgebied:
        qs = qs.filter(leefgebied=leefgebied)
    return _met_trajecten(_zoeken(qs, zoek)).order_by("naam", "aanbieder__naam", "pk")


def producten_beheer(*, leefgebied: str | None = None, aanbieder: Aanbieder | None = None, zoek: str = "",
                     ook_inactief: bool = True) -> QuerySet[Product]:
    """Every product for the functioneel beheerder, inactive ones included unless asked otherwise."""
    qs = Product.objects.all() if ook_inactief else Product.objects.actief()
    if leefgebied:
        qs = qs.filter(leefgebied=leefgebied)
    if aanbieder is not None:
        qs = qs.filter(aanbieder=aanbieder)
    return _met_trajecten(_zoeken(qs, zoek)).order_by("naam", "aanbieder__naam", "pk")


def aanbieders_beheer() -> QuerySet[Aanbieder]:
    return Aanbieder.objects.annotate(
        aantal_producten=Count("producten"),
        aantal_actieve_producten=Count("producten", filter=Q(producten__actief=True)),
    ).order_by("naam")


def trajecten_in_gebruik(pks=None) -> set[int]:
    """The trajectories (among ``pks``; None: all) that something else points at (a voorziening in
    a plan), found through every relation to ``Traject``, hidden ones (``related_name="+"``)
    included. Those cannot be removed; they can still be reworded."""
    gebruikt: set[int] = set()
    if pks is not None:
        pks = {pk for pk in pks if pk is not None}
        if not pks:
            return gebruikt
    for relatie in Traject._meta.get_fields(include_hidden=True):
        if not (relatie.auto_created and not relatie.concrete and (relatie.one_to_many or relatie.one_to_one)):
            continue
        kolom = relatie.field.attname
        filter_ = {f"{kolom}__in": pks} if pks is not None else {f"{kolom}__isnull": False}
        gebruikt |= set(relatie.related_model._base_manager.filter(**filter_).values_list(kolom, flat=True))
    return gebruikt
