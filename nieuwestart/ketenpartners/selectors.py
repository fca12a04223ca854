"""Reads for the dossier page's "Bijzondere situatie en ketenpartners" section (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Doelgroep, Dossier, DossierGebeurtenis, DossierStatus

from .models import Contactmoment, Driegesprek, OverledenAanvrager, Verwijzing
from .spuk import spuk_component


@dataclass(frozen=True)
class Ketenpartnersectie:
    dossier: Dossier
    overleden_aanvrager: OverledenAanvrager | None
    kindregeling_uitbetaald_op: date | None
    spuk: object | None  # financien.SpukComponent that the debt help is booked on
    driegesprekken: list[Driegesprek]
    verwijzingen: list[Verwijzing]

    @property
    def is_nabestaande(self) -> bool:
        return self.dossier.doelgroep == Doelgroep.NABESTAANDE

    @property
    def is_kind(self) -> bool:
        return self.dossier.doelgroep == Doelgroep.KIND_KINDREGELING

    @property
    def kan_recht_vaststellen(self) -> bool:
        oa = self.overleden_aanvrager
        return oa is not None and oa.recht_behouden and self.dossier.status == DossierStatus.AANGEMELD


def sectie_voor(dossier: Dossier) -> Ketenpartnersectie:
    overleden = None
    if dossier.doelgroep == Doelgroep.NABESTAANDE:
        overleden = OverledenAanvrager.objects.filter(dossier=dossier).first()
    uitbetaald = None
    if dossier.doelgroep == Doelgroep.KIND_KINDREGELING:
        uitbetaald = (
            DossierGebeurtenis.objects.filter(dossier=dossier, soort=GebeurtenisSoort.KINDREGELING_UITBETAALD)
            .order_by("datum").values_list("datum", flat=True).first()
        )
    verwijzingen = list(
        Verwijzing.objects.filter(dossier=dossier).prefetch_related(
            Prefetch("contacten", queryset=Contactmoment.objects.order_by("datum", "id"))
        )
    )
    return Ketenpartnersectie(
        dossier=dossier, overleden_aanvrager=overleden, kindregeling_uitbetaald_op=uitbetaald,
        spuk=spuk_component(dossier), driegesprekken=list(Driegesprek.objects.filter(dossier=dossier)),
        verwijzingen=verwijzingen,
    )
