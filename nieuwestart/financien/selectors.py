"""Reads for costs, Spuk and SiSa."""

from __future__ import annotations

from django.db.models import Sum

from .models import CollectiefInitiatief, Organisatiekosten, SisaJaarafsluiting, Voorzieningskosten


def kosten_van_dossier(dossier) -> list[Voorzieningskosten]:
    rijen = list(
        Voorzieningskosten.objects.filter(dossier=dossier)
        .select_related("voorziening", "component").prefetch_related("betalingen").order_by("besluitdatum", "id")
    )
    for r in rijen:
        r.betaald = sum((b.bedrag for b in r.betalingen.all()), start=0)
    return rijen


def afgesloten_jaren() -> list[SisaJaarafsluiting]:
    return list(SisaJaarafsluiting.objects.select_related("afgesloten_door"))


def organisatiekosten(jaar: int):
    qs = Organisatiekosten.objects.filter(jaar=jaar).select_related("component")
    return qs, qs.aggregate(s=Sum("bedrag"))["s"]


def initiatieven(jaar: int):
    qs = CollectiefInitiatief.objects.filter(jaar=jaar).select_related("component")
    return qs, qs.aggregate(s=Sum("bedrag"))["s"]
