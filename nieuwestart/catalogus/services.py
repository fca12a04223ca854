"""Changes to the sociale kaart, each one transaction with who did it in the row and one line in
the security log (like the other beheer changes in ``instellingen.services``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen

from .importeren import (
    BestandFout,
    Importvoorbeeld,
    traject_in_gebruik_melding,
    voorbeeld_doorvoeren,
    voorbeeld_maken,
)
from .models import Aanbieder, Catalogusimport, Importstatus, Product, Traject, Zwaarte
from .selectors import trajecten_in_gebruik

AANBIEDER_VELDEN = ("naam", "soort", "telefoon", "email", "website", "adres", "actief")
PRODUCT_VELDEN = (
    "aanbieder", "naam", "omschrijving", "categorie", "doelgroep", "leefgebied", "aard", "vrij_toegankelijk",
    "indicatief_tarief", "tarief_eenheid", "actief",
)
TRAJECT_VELDEN = ("intensiteit", "duur", "duur_weken")


def _log(request, *, door, actie: str, object_type: str, object_id, gewijzigd) -> None:
    beveiligingsgebeurtenis_vastleggen(
        request, actie=actie, resultaat="GELUKT", object_type=object_type, object_id=str(object_id),
        actor=door, reden=",".join(sorted(gewijzigd)),
    )


@transaction.atomic
def aanbieder_opslaan(*, door, request=None, aanbieder: Aanbieder | None = None, **waarden) -> Aanbieder:
    """Add a provider (``aanbieder=None``) or change one; only the given fields change."""
    onbekend = set(waarden) - set(AANBIEDER_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields: {sorted(onbekend)}")
    nieuw = aanbieder is None
    aanbieder = aanbieder if aanbieder is not None else Aanbieder()
    gewijzigd = {veld for veld, waarde in waarden.items() if nieuw or getattr(aanbieder, veld) != waarde}
    for veld, waarde in waarden.items():
        setattr(aanbieder, veld, waarde)
    if not gewijzigd:
        return aanbieder
    aanbieder.gewijzigd_door = door
    aanbieder.full_clean()
    aanbieder.save()
    _log(request, door=door, actie="aanbieder_toegevoegd" if nieuw else "aanbieder_gewijzigd",
         object_type="aanbieder", object_id=aanbieder.pk, gewijzigd=gewijzigd)
    return aanbieder


@transaction.atomic
def product_opslaan(
    *, door, request=None, product: Product | None = None, trajecten: dict | None = None, **waarden
) -> Product:
    """Add a product (``product=None``) or change one.

    ``trajecten`` maps a ``Zwaarte`` to ``{"intensiteit", "duur", "duur_weken"}`` or to ``None``
    (no such trajectory); a weight that is not in the mapping stays as it is.
    """
    onbekend = set(waarden) - set(PRODUCT_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields: {sorted(onbekend)}")
    nieuw = product is None
    product = product if product is not None else Product()
    gewijzigd = {veld for veld, waarde in waarden.items() if nieuw or getattr(product, veld) != waarde}
    for veld, waarde in waarden.items():
        setattr(product, veld, waarde)
    bestaand = {} if nieuw else {t.zwaarte: t for t in product.trajecten.all()}
    traject_wijzigingen = []
    for zwaarte, traject_waarden in (trajecten or {}).items():
        zwaarte = Zwaarte(zwaarte)
        traject = bestaand.get(zwaarte)
        leeg = traject_waarden is None or all(traject_waarden.get(v) in ("", None) for v in TRAJECT_VELDEN)
        if leeg:
            if traject is not None:
                traject_wijzigingen.append((zwaarte, None))
            continue
        if traject is None:
            traject = Traject(zwaarte=zwaarte)
        if traject.pk is None or any(getattr(traject, v) != traject_waarden.get(v) for v in TRAJECT_VELDEN):
            traject.intensiteit = traject_waarden.get("intensiteit") or ""
            traject.duur = traject_waarden.get("duur") or ""
            traject.duur_weken = traject_waarden.get("duur_weken")
            traject_wijzigingen.append((zwaarte, traject))
    if not gewijzigd and not traject_wijzigingen:
        return product
    weg = [bestaand[z].pk for z, t in traject_wijzigingen if t is None]
    in_gebruik = trajecten_in_gebruik(weg)
    if in_gebruik:
        zwaarte = next(z for z, t in traject_wijzigingen if t is None and bestaand[z].pk in in_gebruik)
        raise ValidationError({f"{zwaarte.lower()}_intensiteit": traject_in_gebruik_melding(zwaarte)})
    product.gewijzigd_door = door
    product.full_clean()
    product.save()
    for zwaarte, traject in traject_wijzigingen:
        if traject is None:
            Traject.objects.filter(product=product, zwaarte=zwaarte).delete()
        else:
            traject.product = product
            traject.full_clean()
            traject.save()
        gewijzigd.add(f"traject_{zwaarte.lower()}")
    _log(request, door=door, actie="product_toegevoegd" if nieuw else "product_gewijzigd",
         object_type="product", object_id=product.pk, gewijzigd=gewijzigd)
    return product


# --- spreadsheet import ---------------------------------------------------------------------

class ImportNietMeerGeldig(Exception):
    """The upload was already read or cancelled (e.g. a second click on "Inlezen")."""


class CatalogusGewijzigd(Exception):
    """The catalogue changed after the preview; ``voorbeeld`` is the fresh one to show instead."""

    def __init__(self, voorbeeld: Importvoorbeeld):
        super().__init__("catalogue changed since the preview")
        self.voorbeeld = voorbeeld


def catalogusimport_starten(*, door, inhoud: bytes, bestandsnaam: str) -> tuple[Catalogusimport, Importvoorbeeld]:
    """Check the file and keep it for the user's decision. Raises ``BestandFout`` (nothing kept)."""
    voorbeeld = voorbeeld_maken(inhoud, bestandsnaam)
    opdracht = Catalogusimport.objects.create(
        bestandsnaam=bestandsnaam[:255], inhoud=inhoud, inhoud_hash=voorbeeld.inhoud_hash, geupload_door=door,
        aantallen=voorbeeld.aantallen(),
    )
    return opdracht, voorbeeld


def catalogusimport_voorbeeld(opdracht: Catalogusimport) -> Importvoorbeeld:
    return voorbeeld_maken(bytes(opdracht.inhoud), opdracht.bestandsnaam)


@transaction.atomic
def catalogus_inlezen(*, door, request=None, opdracht: Catalogusimport, vingerafdruk: str) -> dict[str, int]:
    """Read the kept file in one transaction, if the catalogue is still as the user's preview showed.

    ``vingerafdruk`` is the preview's fingerprint; when the catalogue changed in between (another
    beheerder, another import) nothing is written and ``CatalogusGewijzigd`` carries the new preview.
    """
    opdracht = Catalogusimport.objects.select_for_update().get(pk=opdracht.pk)
    if opdracht.status != Importstatus.VOORBEELD:
        raise ImportNietMeerGeldig
    try:
        voorbeeld = voorbeeld_maken(bytes(opdracht.inhoud), opdracht.bestandsnaam)
    except BestandFout:  # defensive: the same bytes were readable at the upload
        raise
    if voorbeeld.vingerafdruk() != vingerafdruk:
        raise CatalogusGewijzigd(voorbeeld)
    aantallen = voorbeeld_doorvoeren(voorbeeld, door=door)
    opdracht.status = Importstatus.INGELEZEN
    opdracht.inhoud = b""
    opdracht.afgerond_op = timezone.now()
    opdracht.aantallen = aantallen
    opdracht.save(update_fields=["status", "inhoud", "afgerond_op", "aantallen"])
    beveiligingsgebeurtenis_vastleggen(
        request, actie="sociale_kaart_ingelezen", resultaat="GELUKT", object_type="catalogusimport",
        object_id=str(opdracht.pk), actor=door,
        reden=" ".join(f"{k.lower()}={v}" for k, v in aantallen.items()),
    )
    return aantallen


@transaction.atomic
def catalogusimport_afbreken(*, opdracht: Catalogusimport) -> None:
    opdracht = Catalogusimport.objects.select_for_update().get(pk=opdracht.pk)
    if opdracht.status != Importstatus.VOORBEELD:
        raise ImportNietMeerGeldig
    opdracht.status = Importstatus.AFGEBROKEN
    opdracht.inhoud = b""
    opdracht.afgerond_op = timezone.now()
    opdracht.save(update_fields=["status", "inhoud", "afgerond_op"])
