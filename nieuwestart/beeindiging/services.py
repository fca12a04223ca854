"""Writes for the end of support: afbouw, contact attempts, beëindiging (with its beschikking), warme
overdracht, nazorg and afsluiten. Each is one transaction; refusals are ``RegelOvertreding`` with a Dutch
message. Status changes go through ``dossiers.transitions``.

Integration points for other parts (issue 6, second half):
* ``beeindigen(..., reden="VERHUISD", nieuwe_gemeente=...)`` ends a dossier that moves to another
  municipality (no beschikking: the right continues there). A transfer export can call it after the package
  was made.
* the signal ``beeindigd`` is sent after the commit of every ending (``beeindiging``, ``dossier``, ``reden``);
  after ``reden == "OVERLEDEN"`` with ``beeindiging.huishouden_gaat_door`` the survivors' path can open a
  dossier for the nabestaande (``selectors.beeindigingen_met_nabestaanden`` lists them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels as R
from nieuwestart.beschikkingen.documenten import datum_nl
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Contactkanaal, Dossier, DossierStatus, Leefgebied
from nieuwestart.dossiers.transitions import (
    STATUS_STAAT_DIT_NIET_TOE,
    controleer_transitie,
    gebeurtenis_vastleggen,
    voer_transitie_uit,
)
from nieuwestart.instellingen.selectors import gemeente_instellingen
from nieuwestart.termijnen.regels import TermijnSoort

from . import selectors
from .inhoud import beeindiging_inhoud, reden_tekst
from .models import (
    MET_BESCHIKKING,
    Afbouwstap,
    Afbouwstapsoort,
    Beeindiging,
    Beeindigingsreden,
    Contactpoging,
    Contactuitkomst,
    Controleuitkomst,
    Controlemoment,
    Nazorgcontrole,
    Ontvanger,
    Overdrachtstatus,
    WarmeOverdracht,
)

# Sent on commit after every ending: sender=Beeindiging, beeindiging=…, dossier=…, reden=….
beeindigd = Signal()

# The rechthebbende gets this long to answer the last call before support stops (model beleidsregels:
# "niet reageren op een oproep binnen een redelijke termijn").
REACTIETERMIJN = timedelta(days=14)
SCHRIFTELIJK = frozenset({Contactkanaal.POST, Contactkanaal.EMAIL})


def _vergrendel(dossier: Dossier) -> Dossier:
    locked = Dossier.objects.select_for_update().select_related("rechthebbende").get(pk=dossier.pk)
    dossier.status = locked.status
    return locked


def _controleer_datum(datum: date, *, dossier: Dossier, vandaag: date, veld: str = "datum") -> None:
    R.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=R.DATUM_NIET_IN_TOEKOMST, veld=veld)
    R.controleer_niet_voor(datum, grens=dossier.aanmelddatum, veld=veld)


def _niet_afgesloten(dossier: Dossier) -> None:
    if dossier.status == DossierStatus.AFGESLOTEN:
        raise RegelOvertreding(STATUS_STAAT_DIT_NIET_TOE, _("Dit dossier is afgesloten. Hier verandert niets meer."))


# --- Afbouw (acclimatisatiefase) ------------------------------------------------------------------

@transaction.atomic
def afbouw_starten(*, dossier: Dossier, door, datum: date, vandaag: date):
    """Start the 30-day wind-down after UHT's "niet erkend" (the term itself runs from UHT's message)."""
    _vergrendel(dossier)
    controleer_transitie(dossier, "afbouw_starten")
    if selectors.uht_status(dossier) != GebeurtenisSoort.UHT_NIET_ERKEND:
        raise RegelOvertreding(R.AFBOUW_NA_NIET_ERKEND)
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag)
    termijn = selectors.termijn(dossier, TermijnSoort.ACCLIMATISATIE)
    gegevens = {"afbouw_tot": termijn.einddatum.isoformat()} if termijn else {}
    return voer_transitie_uit(
        dossier, "afbouw_starten", door=door, datum=datum, gegevens=gegevens,
        toelichting=_("Afbouw binnen 30 dagen na het bericht van UHT (acclimatisatiefase)."),
    )


@transaction.atomic
def afbouwstap_afvinken(*, dossier: Dossier, stap: str, door, datum: date, vandaag: date, toelichting: str = "") -> Afbouwstap:
    """Tick one step of the afbouw checklist, once; it is recorded with who, when and a note."""
    _vergrendel(dossier)
    if dossier.status != DossierStatus.AFBOUW:
        raise RegelOvertreding(
            STATUS_STAAT_DIT_NIET_TOE, _("De stappen van de afbouw vinkt u af als het dossier in de afbouw is.")
        )
    stap = Afbouwstapsoort(stap)
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag)
    if Afbouwstap.objects.filter(dossier=dossier, stap=stap).exists():
        raise RegelOvertreding(R.AFBOUWSTAP_EENMAAL, veld="stap")
    rij = Afbouwstap.objects.create(dossier=dossier, stap=stap, datum=datum, toelichting=toelichting.strip(), door=door)
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.AFBOUWSTAP_GEDAAN, door=door, datum=datum, gegevens={"stap": stap.value},
        toelichting=f"{stap.label}. {rij.toelichting}".strip(), termijnen_bijwerken=False,
    )
    return rij


# --- Contact attempts ----------------------------------------------------------------------------

@transaction.atomic
def contactpoging_vastleggen(
    *, dossier: Dossier, datum: date, kanaal: str, uitkomst: str, door, vandaag: date, toelichting: str = ""
) -> Contactpoging:
    _vergrendel(dossier)
    _niet_afgesloten(dossier)
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag)
    kanaal, uitkomst = Contactkanaal(kanaal), Contactuitkomst(uitkomst)
    poging = Contactpoging.objects.create(
        dossier=dossier, datum=datum, kanaal=kanaal, uitkomst=uitkomst, toelichting=toelichting.strip(), door=door
    )
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.CONTACTPOGING, door=door, datum=datum,
        # Not "uitkomst": the timeline prints that key raw (it is the verificatie's); the toelichting says it in words.
        gegevens={"kanaal": kanaal.value, "contactuitkomst": uitkomst.value},
        toelichting=f"{kanaal.label}: {uitkomst.label.lower()}. {poging.toelichting}".strip(), termijnen_bijwerken=False,
    )
    return poging


def tekort_aan_contactpogingen(pogingen: Iterable[Contactpoging], *, minimaal: int, einddatum: date) -> list[str]:
    """What is missing before support may stop for lack of response; empty = enough (rule
    CONTACTPOGINGEN_VOOR_BEEINDIGING). Only attempts after the last real contact count. Pure."""
    gesorteerd = sorted(pogingen, key=lambda p: (p.datum, p.pk or 0))
    laatste_contact = max((i for i, p in enumerate(gesorteerd) if p.uitkomst == Contactuitkomst.BEREIKT), default=-1)
    tellen = [p for p in gesorteerd[laatste_contact + 1:] if p.datum <= einddatum]
    tekort = []
    if len(tellen) < minimaal:
        tekort.append(_("Er zijn %(aantal)s pogingen zonder reactie vastgelegd; nodig zijn er %(minimaal)s.")
                      % {"aantal": len(tellen), "minimaal": minimaal})
    if len({p.kanaal for p in tellen}) < 2:
        tekort.append(_("Probeer het op minstens twee manieren, bijvoorbeeld bellen en een brief."))
    if not any(p.kanaal in SCHRIFTELIJK for p in tellen):
        tekort.append(_("Stuur minstens één brief of e-mail met een oproep om te reageren."))
    if tellen and einddatum < tellen[-1].datum + REACTIETERMIJN:
        tekort.append(_("Na de laatste poging krijgt de rechthebbende 14 dagen om te reageren: tot en met %(datum)s.")
                      % {"datum": (tellen[-1].datum + REACTIETERMIJN).strftime("%d-%m-%Y")})
    return tekort


# --- Beëindiging ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Reden:
    reden_beeindiging: str
    leefgebieden: dict[str, str]
    pogingen: list[Contactpoging]


def _controleer_reden(
    dossier: Dossier, reden: str, *, einddatum: date, toelichting: str, bereikte_leefgebieden: Iterable[str],
    nieuwe_gemeente: str, overlijdensdatum: date | None, instellingen, overdrachten: list[WarmeOverdracht],
) -> _Reden:
    leefgebieden: dict[str, str] = {}
    pogingen: list[Contactpoging] = []
    extra: dict = {}
    if reden == Beeindigingsreden.NIET_ERKEND:
        if selectors.uht_status(dossier) != GebeurtenisSoort.UHT_NIET_ERKEND:
            raise RegelOvertreding(R.NIET_ERKEND_DOOR_UHT, veld="reden")
        afbouw = selectors.termijn(dossier, TermijnSoort.ACCLIMATISATIE)
        if afbouw is not None and einddatum > afbouw.einddatum:
            raise RegelOvertreding(
                R.AFBOUW_BINNEN_DERTIG_DAGEN,
                _("De afbouw loopt tot en met %(datum)s. Kies die datum of een eerdere als laatste dag van de "
                  "ondersteuning.") % {"datum": datum_nl(afbouw.einddatum)},
                veld="einddatum",
            )
        extra["niet_erkend_op"] = (
            dossier.gebeurtenissen.filter(soort=GebeurtenisSoort.UHT_NIET_ERKEND).order_by("-datum", "-id")
            .values_list("datum", flat=True).first()
        )
    elif reden == Beeindigingsreden.DOELEN_BEREIKT:
        overgedragen = selectors.overgedragen_leefgebieden(dossier)
        bereikt = set(bereikte_leefgebieden)
        met_doel = selectors.leefgebieden_met_doel(dossier)
        if not met_doel:
            raise RegelOvertreding(
                R.DOELEN_BEREIKT_OF_OVERGEDRAGEN, _("Er is nog geen uitgegeven plan met doelen. Kies een andere reden."),
                veld="reden",
            )
        open_ = [c for c in met_doel if c not in bereikt and c not in overgedragen]
        if open_:
            raise RegelOvertreding(
                R.DOELEN_BEREIKT_OF_OVERGEDRAGEN,
                _("Bij %(lijst)s is het doel niet bereikt en is de hulp niet overgedragen. Vink aan welke doelen zijn "
                  "bereikt, of leg eerst een warme overdracht vast.")
                % {"lijst": ", ".join(str(Leefgebied(c).label) for c in open_)},
                veld="bereikte_leefgebieden",
            )
        leefgebieden = {c: ("OVERGEDRAGEN" if c in overgedragen and c not in bereikt else "BEREIKT") for c in met_doel}
    elif reden == Beeindigingsreden.TWEE_JAAR_VERSTREKEN:
        termijn = selectors.termijn(dossier, TermijnSoort.ALLE_BESLUITEN)
        if termijn is None or einddatum < termijn.einddatum:
            bericht = _("Er is nog geen eerste gesprek vastgelegd, dus de twee jaar lopen nog niet. Kies een andere reden.")
            if termijn is not None:
                bericht = _("De twee jaar na het eerste gesprek zijn voorbij op %(datum)s. Kies dan pas deze reden, "
                            "of kies een andere reden.") % {"datum": termijn.einddatum.strftime("%d-%m-%Y")}
            raise RegelOvertreding(R.TWEE_JAAR_NA_EERSTE_GESPREK, bericht, veld="reden")
        extra["eerste_gesprek"], extra["twee_jaar_op"] = termijn.startdatum, termijn.einddatum
    elif reden == Beeindigingsreden.GEEN_BEHOEFTE_MEER:
        if len(toelichting.strip()) < 10:
            raise RegelOvertreding(R.WENS_RECHTHEBBENDE_VASTLEGGEN, veld="toelichting")
    elif reden == Beeindigingsreden.GEEN_CONTACT:
        pogingen = list(Contactpoging.objects.filter(dossier=dossier))
        tekort = tekort_aan_contactpogingen(pogingen, minimaal=instellingen.contactpogingen_minimaal, einddatum=einddatum)
        if tekort:
            raise RegelOvertreding(
                R.CONTACTPOGINGEN_VOOR_BEEINDIGING, R.CONTACTPOGINGEN_VOOR_BEEINDIGING.uitleg + " " + " ".join(tekort),
                veld="reden",
            )
        laatste_contact = max((p.datum for p in pogingen if p.uitkomst == Contactuitkomst.BEREIKT), default=None)
        pogingen = sorted(
            (p for p in pogingen if p.uitkomst == Contactuitkomst.GEEN_REACTIE and (laatste_contact is None or p.datum > laatste_contact)),
            key=lambda p: (p.datum, p.pk),
        )
    elif reden == Beeindigingsreden.VERHUISD:
        if not nieuwe_gemeente.strip():
            raise RegelOvertreding(R.NIEUWE_GEMEENTE_BIJ_VERHUIZING, veld="nieuwe_gemeente")
    elif reden == Beeindigingsreden.OVERLEDEN:
        if overlijdensdatum is None or overlijdensdatum > einddatum:
            raise RegelOvertreding(R.OVERLIJDEN_MET_DATUM, veld="overlijdensdatum")
    tekst = reden_tekst(
        reden, einddatum=einddatum, pogingen=pogingen, leefgebieden=leefgebieden, overdrachten=overdrachten,
        toelichting=toelichting if reden != Beeindigingsreden.GEEN_BEHOEFTE_MEER else "", **extra,
    )
    return _Reden(tekst, leefgebieden, pogingen)


@transaction.atomic
def beeindigen(
    *,
    dossier: Dossier,
    reden: str,
    einddatum: date,
    door,
    vandaag: date,
    toelichting: str = "",
    bereikte_leefgebieden: Iterable[str] = (),
    nieuwe_gemeente: str = "",
    overlijdensdatum: date | None = None,
    huishouden_gaat_door: bool = False,
    instellingen=None,
) -> Beeindiging:
    """End support for one of the reasons of Handreiking §4.4; with a beëindigingsbeschikking where the
    reason changes the legal position (``MET_BESCHIKKING``). Provisions already granted keep running.

    ``einddatum`` is the day support stops (not in the future); the beschikking is dated ``vandaag``.
    Sending the beschikking (beschikkingen screens) starts its bezwaartermijn.
    """
    from nieuwestart.beschikkingen.services import beschikking_vastleggen

    instellingen = instellingen or gemeente_instellingen()
    reden = Beeindigingsreden(reden)
    origineel, dossier = dossier, _vergrendel(dossier)
    controleer_transitie(dossier, "beeindigen")
    _controleer_datum(einddatum, dossier=dossier, vandaag=vandaag, veld="einddatum")
    if overlijdensdatum is not None:
        _controleer_datum(overlijdensdatum, dossier=dossier, vandaag=vandaag, veld="overlijdensdatum")
    overdrachten = selectors.overdrachten(dossier)
    uitkomst = _controleer_reden(
        dossier, reden, einddatum=einddatum, toelichting=toelichting, bereikte_leefgebieden=bereikte_leefgebieden,
        nieuwe_gemeente=nieuwe_gemeente, overlijdensdatum=overlijdensdatum, instellingen=instellingen,
        overdrachten=overdrachten,
    )
    beschikking = None
    if reden in MET_BESCHIKKING:
        # Provisions already granted are honoured: the letter names those still running.
        lopend = [v for v in selectors.toegekende_voorzieningen(dossier) if selectors.loopt_nog(v, einddatum)]
        inhoud = beeindiging_inhoud(
            dossier=dossier, reden=reden, einddatum=einddatum, datum=vandaag, door=door, instellingen=instellingen,
            reden_beeindiging=uitkomst.reden_beeindiging, voorzieningen=lopend, overdrachten=overdrachten,
        )
        beschikking = beschikking_vastleggen(dossier=dossier, planversie=None, inhoud=inhoud, door=door, datum=vandaag)
    try:
        with transaction.atomic():
            beeindiging = Beeindiging.objects.create(
                dossier=dossier, reden=reden, einddatum=einddatum, toelichting=toelichting.strip(),
                leefgebieden=uitkomst.leefgebieden, nieuwe_gemeente=nieuwe_gemeente.strip(),
                overlijdensdatum=overlijdensdatum if reden == Beeindigingsreden.OVERLEDEN else None,
                huishouden_gaat_door=huishouden_gaat_door and reden == Beeindigingsreden.OVERLEDEN,
                beschikking=beschikking, vastgelegd_door=door,
            )
    except IntegrityError:  # a dossier ends once; a second attempt was refused by its status already
        raise RegelOvertreding(STATUS_STAAT_DIT_NIET_TOE) from None
    gegevens = {"reden": reden.value}
    if beschikking is not None:
        gegevens["beschikking"] = beschikking.kenmerk
    if reden == Beeindigingsreden.VERHUISD:
        gegevens["nieuwe_gemeente"] = beeindiging.nieuwe_gemeente
    voer_transitie_uit(
        dossier, "beeindigen", door=door, datum=einddatum, gegevens=gegevens,
        toelichting=f"{reden.label}. {beeindiging.toelichting}".strip(),
    )
    origineel.status = dossier.status  # the caller's instance shows the new status too
    transaction.on_commit(
        lambda: beeindigd.send(sender=Beeindiging, beeindiging=beeindiging, dossier=dossier, reden=reden.value)
    )
    return beeindiging


# --- Warme overdracht ----------------------------------------------------------------------------

OVERDRACHT_VELDEN = (
    "leefgebied", "ontvanger", "aanbieder", "organisatie", "contactpersoon", "contactgegevens", "wat_overgedragen",
    "toestemming",
)


def _zet(overdracht: WarmeOverdracht, velden: dict) -> None:
    onbekend = set(velden) - set(OVERDRACHT_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields: {sorted(onbekend)}")
    for veld, waarde in velden.items():
        setattr(overdracht, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    Leefgebied(overdracht.leefgebied)
    Ontvanger(overdracht.ontvanger)


def _overdragen(overdracht: WarmeOverdracht, *, door, datum: date, vandaag: date) -> None:
    dossier = overdracht.dossier
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag, veld="overgedragen_op")
    if not overdracht.toestemming:
        raise RegelOvertreding(R.OVERDRACHT_MET_TOESTEMMING, veld="toestemming")
    ontbreekt = [
        veld for veld, leeg in (
            ("contactpersoon", not overdracht.contactpersoon),
            ("wat_overgedragen", not overdracht.wat_overgedragen),
            ("organisatie", overdracht.ontvanger == Ontvanger.ANDERS and not overdracht.aanbieder_id and not overdracht.organisatie),
        ) if leeg
    ]
    if ontbreekt:
        raise RegelOvertreding(R.OVERDRACHT_COMPLEET, veld=ontbreekt[0])
    overdracht.datum = datum
    overdracht.status = Overdrachtstatus.OVERGEDRAGEN
    overdracht.save()
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.WARME_OVERDRACHT, door=door, datum=datum,
        gegevens={"overdracht": overdracht.pk, "leefgebied": overdracht.leefgebied, "ontvanger": overdracht.ontvanger},
        toelichting=_("%(lg)s overgedragen aan %(wie)s") % {"lg": overdracht.get_leefgebied_display(), "wie": overdracht.ontvanger_naam},
    )


@transaction.atomic
def overdracht_vastleggen(*, dossier: Dossier, door, vandaag: date, overgedragen_op: date | None = None, **velden) -> WarmeOverdracht:
    """Propose a handover for one leefgebied; with ``overgedragen_op`` it is handed over at once (which
    starts the aftercare terms)."""
    _vergrendel(dossier)
    _niet_afgesloten(dossier)
    overdracht = WarmeOverdracht(dossier=dossier, aangemaakt_door=door)
    _zet(overdracht, velden)
    overdracht.save()
    if overgedragen_op is not None:
        _overdragen(overdracht, door=door, datum=overgedragen_op, vandaag=vandaag)
    else:
        gebeurtenis_vastleggen(
            dossier, GebeurtenisSoort.TOELICHTING, door=door, datum=vandaag, gegevens={"overdracht": overdracht.pk},
            toelichting=_("Warme overdracht voorgesteld: %(lg)s naar %(wie)s")
            % {"lg": overdracht.get_leefgebied_display(), "wie": overdracht.ontvanger_naam},
            termijnen_bijwerken=False,
        )
    return overdracht


@transaction.atomic
def overdracht_bijwerken(*, overdracht: WarmeOverdracht, door, vandaag: date, overgedragen_op: date | None = None, **velden) -> WarmeOverdracht:
    """Change a proposed handover, and hand it over when ``overgedragen_op`` is given."""
    o = WarmeOverdracht.objects.select_for_update().select_related("dossier").get(pk=overdracht.pk)
    _vergrendel(o.dossier)
    _niet_afgesloten(o.dossier)
    if o.status != Overdrachtstatus.VOORGESTELD:
        raise RegelOvertreding(R.OVERDRACHT_STATUS_VOLGORDE)
    _zet(o, velden)
    o.save()
    if overgedragen_op is not None:
        _overdragen(o, door=door, datum=overgedragen_op, vandaag=vandaag)
    return o


_EVENT_PER_MOMENT = {
    Controlemoment.EERSTE: GebeurtenisSoort.NAZORGCONTROLE_EERSTE,
    Controlemoment.TWEEDE: GebeurtenisSoort.NAZORGCONTROLE_TWEEDE,
}
_STATUS_NA_CONTROLE = {
    Controleuitkomst.GESTART: Overdrachtstatus.GESTART,
    Controleuitkomst.NIET_GESTART: Overdrachtstatus.NIET_GESTART,
}


@transaction.atomic
def nazorgcontrole_vastleggen(
    *, overdracht: WarmeOverdracht, moment: str, datum: date, uitkomst: str, door, vandaag: date, toelichting: str = ""
) -> Nazorgcontrole:
    """Record an aftercare check: did the regular help start? Meets that check's term."""
    o = WarmeOverdracht.objects.select_for_update().select_related("dossier").get(pk=overdracht.pk)
    dossier = o.dossier
    _vergrendel(dossier)
    _niet_afgesloten(dossier)
    moment, uitkomst = Controlemoment(moment), Controleuitkomst(uitkomst)
    if not o.is_overgedragen or Nazorgcontrole.objects.filter(overdracht=o, moment=moment).exists():
        raise RegelOvertreding(R.NAZORGCONTROLE_EENMAAL, veld="moment")
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag)
    if datum < o.datum:
        raise RegelOvertreding(R.NAZORGCONTROLE_EENMAAL, veld="datum")
    controle = Nazorgcontrole.objects.create(
        overdracht=o, moment=moment, datum=datum, uitkomst=uitkomst, toelichting=toelichting.strip(), door=door
    )
    if uitkomst in _STATUS_NA_CONTROLE:
        o.status = _STATUS_NA_CONTROLE[uitkomst]
        o.save(update_fields=["status", "gewijzigd_op"])
    gebeurtenis_vastleggen(
        dossier, _EVENT_PER_MOMENT[moment], door=door, datum=datum,
        gegevens={"overdracht": o.pk, "controle_uitkomst": uitkomst.value},
        toelichting=f"{o.get_leefgebied_display()} ({o.ontvanger_naam}): {uitkomst.label.lower()}. {controle.toelichting}".strip(),
    )
    return controle


# --- Nazorg and afsluiten ------------------------------------------------------------------------

@transaction.atomic
def nazorg_starten(*, dossier: Dossier, door, datum: date, vandaag: date):
    _vergrendel(dossier)
    controleer_transitie(dossier, "nazorg_starten")
    if not any(o.is_overgedragen for o in selectors.overdrachten(dossier)):
        raise RegelOvertreding(R.NAZORG_NA_OVERDRACHT)
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag)
    return voer_transitie_uit(dossier, "nazorg_starten", door=door, datum=datum)


@transaction.atomic
def afsluiten(*, dossier: Dossier, door, datum: date, vandaag: date, reden_zonder_nazorg: str = ""):
    """Close the dossier: only when the aftercare is done, or with the reason why no (further) aftercare
    is needed (rule AFSLUITEN_NA_NAZORG)."""
    _vergrendel(dossier)
    controleer_transitie(dossier, "afsluiten")
    _controleer_datum(datum, dossier=dossier, vandaag=vandaag)
    reden = reden_zonder_nazorg.strip()
    open_ = selectors.nazorg_open(dossier)
    if dossier.status == DossierStatus.BEEINDIGD:
        open_ = [_("De nazorg is niet gestart.")] + open_
    if open_ and len(reden) < 10:
        raise RegelOvertreding(
            R.AFSLUITEN_NA_NAZORG, R.AFSLUITEN_NA_NAZORG.uitleg + " " + _("Nog open:") + " " + " ".join(open_),
            veld="reden_zonder_nazorg",
        )
    if reden:
        gebeurtenis_vastleggen(dossier, GebeurtenisSoort.NAZORG_AFGEZIEN, door=door, datum=datum, toelichting=reden,
                               termijnen_bijwerken=False)
    Beeindiging.objects.filter(dossier=dossier).update(afgesloten_op=datum, reden_zonder_nazorg=reden)
    return voer_transitie_uit(dossier, "afsluiten", door=door, datum=datum, toelichting=reden)
