"""Registering a rechthebbende: the directe aanmelding at the municipality.

Portal imports (``importeren``) write the same dossier, household and first event in bulk.
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

    rechthebbende = Rechthebbende.objects.filter(bsn=bsn).first()
    if rechthebbende is None:
        rechthebbende = Rechthebbende.objects.create(bsn=bsn, **{veld: persoon.get(veld, "") for veld in PERSOONSVELDEN})
    else:
        _bekende_persoon_bijwerken(rechthebbende, persoon=persoon, team=team)
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


CONTACTVELDEN = ("telefoonnummer", "email", "straat", "huisnummer", "postcode", "woonplaats", "voorkeurskanaal")


def _bekende_persoon_bijwerken(rechthebbende: Rechthebbende, *, persoon: dict, team) -> None:
    """A BSN we already know: only within the team that works with this person, and only if it is them.

    Registering someone else's client would show that team's data without the doorbreekfunctie;
    a different name or date of birth means a typo in the BSN far more often than a new person.
    """
    teams = set(rechthebbende.dossiers.values_list("team_id", flat=True))
    if teams and team.pk not in teams:
        raise RegelOvertreding(regels.BEKEND_IN_ANDER_TEAM, veld="bsn")
    if (
        rechthebbende.geboortedatum != persoon["geboortedatum"]
        or rechthebbende.achternaam.strip().lower() != str(persoon.get("achternaam", "")).strip().lower()
    ):
        raise RegelOvertreding(regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS, veld="bsn")
    # What the person tells us now is newer than what we had: contact details follow it.
    gewijzigd = [v for v in CONTACTVELDEN if persoon.get(v) and persoon[v] != getattr(rechthebbende, v)]
    for veld in gewijzigd:
        setattr(rechthebbende, veld, persoon[veld])
    if gewijzigd:
        rechthebbende.save(update_fields=gewijzigd)


def dossier_openen(*, rechthebbende, door, doelgroep, bron, aanmelddatum, team, behandelaar, gezinsleden) -> Dossier:
    """Open a dossier with its household and AANGEMELD event (the portal import writes the same
    rows in bulk, ``importeren._Schrijver``)."""
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
        instellingen=instellingen,
    )
    return dossier
