"""Registering a rechthebbende: the directe aanmelding at the municipality.

Portal imports (a later issue) use ``dossier_openen`` too, so both routes create the
same dossier, household and first event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.common.bsn import normaliseer_bsn
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import (
    Aanmeldingsbron,
    Dossier,
    Gezinslid,
    Huishouden,
    Rechthebbende,
)
from nieuwestart.dossiers.services import volgend_dossiernummer
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.instellingen.selectors import gemeente_instellingen

PERSOONSVELDEN = (
    "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "telefoonnummer", "email",
    "straat", "huisnummer", "postcode", "woonplaats", "voorkeurskanaal",
)


@dataclass(frozen=True)
class NieuwGezinslid:
    voornamen: str
    achternaam: str
    geboortedatum: date
    relatie: str
    bsn: str = ""
    inwonend: bool = True


@transaction.atomic
def directe_aanmelding_registreren(
    *,
    door,
    bsn: str,
    persoon: dict,
    doelgroep: str,
    aanmelddatum: date,
    team,
    behandelaar=None,
    gezinsleden: list[NieuwGezinslid] = (),
    woont_bij_ouder: bool = True,
    vandaag: date,
) -> Dossier:
    """Register a person who reported to the municipality directly; UHT must still verify."""
    bsn = normaliseer_bsn(bsn)
    regels.controleer_niet_in_toekomst(
        persoon["geboortedatum"], vandaag=vandaag, regel=regels.GEBOORTEDATUM_NIET_IN_TOEKOMST, veld="geboortedatum"
    )
    regels.controleer_niet_in_toekomst(
        aanmelddatum, vandaag=vandaag, regel=regels.AANMELDDATUM_NIET_IN_TOEKOMST, veld="aanmelddatum"
    )
    regels.controleer_kind_onder_18_via_ouder(
        doelgroep=doelgroep, geboortedatum=persoon["geboortedatum"], peildatum=aanmelddatum,
        woont_bij_ouder=woont_bij_ouder,
    )
    for index, lid in enumerate(gezinsleden):
        if lid.geboortedatum > vandaag:
            raise RegelOvertreding(regels.GEBOORTEDATUM_NIET_IN_TOEKOMST, veld=f"gezinsleden-{index}-geboortedatum")

    rechthebbende, _ = Rechthebbende.objects.get_or_create(
        bsn=bsn, defaults={veld: persoon.get(veld, "") for veld in PERSOONSVELDEN}
    )
    return dossier_openen(
        rechthebbende=rechthebbende,
        door=door,
        doelgroep=doelgroep,
        bron=Aanmeldingsbron.DIRECT,
        aanmelddatum=aanmelddatum,
        team=team,
        behandelaar=behandelaar,
        gezinsleden=gezinsleden,
    )


def dossier_openen(
    *, rechthebbende, door, doelgroep, bron, aanmelddatum, team, behandelaar, gezinsleden
) -> Dossier:
    if Dossier.objects.open().filter(rechthebbende=rechthebbende, doelgroep=doelgroep).exists():
        raise RegelOvertreding(regels.EEN_OPEN_DOSSIER_PER_DOELGROEP, veld="doelgroep")
    instellingen = gemeente_instellingen()
    try:
        # A savepoint, so a concurrent duplicate (caught by the DB constraint) leaves no trace.
        with transaction.atomic():
            dossier = Dossier.objects.create(
                dossiernummer=volgend_dossiernummer(aanmelddatum.year),
                rechthebbende=rechthebbende,
                doelgroep=doelgroep,
                bron=bron,
                aanmelddatum=aanmelddatum,
                team=team,
                behandelaar=behandelaar,
            )
    except IntegrityError as exc:
        raise RegelOvertreding(regels.EEN_OPEN_DOSSIER_PER_DOELGROEP, veld="doelgroep") from exc
    huishouden = Huishouden.objects.create(dossier=dossier, peildatum=aanmelddatum)
    Gezinslid.objects.bulk_create(
        Gezinslid(
            huishouden=huishouden,
            voornamen=lid.voornamen,
            achternaam=lid.achternaam,
            geboortedatum=lid.geboortedatum,
            relatie=lid.relatie,
            bsn=normaliseer_bsn(lid.bsn) if lid.bsn else "",
            inwonend=lid.inwonend,
        )
        for lid in gezinsleden
    )
    # The term for the eerste gesprek is the one in force at registration (lokaal beleid),
    # so changing the setting later does not move the terms of people already waiting.
    gebeurtenis_vastleggen(
        dossier,
        GebeurtenisSoort.AANGEMELD,
        door=door,
        datum=aanmelddatum,
        gegevens={"bron": bron, "eerste_gesprek_weken": instellingen.eerste_gesprek_weken},
    )
    return dossier
