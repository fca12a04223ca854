"""Writes for special groups and chain partners. Each is one transaction and appends a dossier event.

Views call these with plain values and show a ``RegelOvertreding`` as a Dutch message next to the field.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Doelgroep, Dossier, DossierGebeurtenis, Rechthebbende
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen, voer_transitie_uit

from .models import (
    Contactmoment,
    Driegesprek,
    Initiatiefnemer,
    Invorderingsmaatregel,
    Ketenpartner,
    Nabestaandenhulp,
    OverledenAanvrager,
    RelatieTotOverledene,
    Verwijzing,
    VerwijzingUitkomst,
)


def _niet_in_toekomst(datum: date, *, vandaag: date, veld: str) -> None:
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld=veld)


def _niet_voor(datum: date, grens: date, *, veld: str) -> None:
    if datum < grens:
        raise RegelOvertreding(
            regels.DATUM_NIET_VOOR_AANVRAAG,
            _("Deze datum ligt vóór %(grens)s. Controleer de datum.") % {"grens": grens.strftime("%d-%m-%Y")},
            veld=veld,
        )


def _doelgroep(dossier: Dossier, doelgroep: str, *, veld: str | None = None) -> None:
    if dossier.doelgroep != doelgroep:
        raise RegelOvertreding(
            regels.DOELGROEP_PAST_BIJ_STAP,
            _("Deze stap hoort bij de doelgroep '%(nodig)s'. Dit dossier is van de doelgroep '%(is)s'.")
            % {"nodig": Doelgroep(doelgroep).label, "is": Doelgroep(dossier.doelgroep).label},
            veld=veld,
        )


# --- Nabestaanden --------------------------------------------------------------------------------

def _vroegste_aanmelding(persoon: Rechthebbende) -> date | None:
    """A rechthebbende here was registered with UHT no later than their first registration with us."""
    return persoon.dossiers.order_by("aanmelddatum").values_list("aanmelddatum", flat=True).first()


@transaction.atomic
def overleden_aanvrager_koppelen(
    *,
    dossier: Dossier,
    door,
    overlijdensdatum: date,
    relatie: str,
    vandaag: date,
    overleden_rechthebbende: Rechthebbende | None = None,
    naam: str = "",
    bsn: str = "",
    aangemeld_bij_uht_op: date | None = None,
    ondersteuning: list[str] | None = None,
    toelichting: str = "",
) -> OverledenAanvrager:
    """Link a NABESTAANDE dossier to the deceased applicant and apply NABESTAANDE_BEHOUDT_RECHT."""
    _doelgroep(dossier, Doelgroep.NABESTAANDE)
    if OverledenAanvrager.objects.filter(dossier=dossier).exists():
        raise RegelOvertreding(regels.NABESTAANDE_EEN_KOPPELING)
    _niet_in_toekomst(overlijdensdatum, vandaag=vandaag, veld="overlijdensdatum")
    RelatieTotOverledene(relatie)
    if overleden_rechthebbende is not None:
        if overleden_rechthebbende.pk == dossier.rechthebbende_id:
            raise RegelOvertreding(regels.OVERLEDENE_IS_NIET_NABESTAANDE, veld="bsn")
        naam = overleden_rechthebbende.volledige_naam
        bsn = overleden_rechthebbende.bsn
        if aangemeld_bij_uht_op is None:
            aangemeld_bij_uht_op = _vroegste_aanmelding(overleden_rechthebbende)
    elif bsn and bsn == dossier.rechthebbende.bsn:
        raise RegelOvertreding(regels.OVERLEDENE_IS_NIET_NABESTAANDE, veld="bsn")
    if not naam.strip():
        raise RegelOvertreding(
            regels.OVERLEDENE_IS_NIET_NABESTAANDE, _("Vul de naam van de overleden aanvrager in."), veld="naam"
        )
    if aangemeld_bij_uht_op is not None:
        _niet_in_toekomst(aangemeld_bij_uht_op, vandaag=vandaag, veld="aangemeld_bij_uht_op")
    gekozen = [c for c in (ondersteuning or []) if c in Nabestaandenhulp.values]
    recht = regels.nabestaande_behoudt_recht(overlijdensdatum=overlijdensdatum, aangemeld_bij_uht_op=aangemeld_bij_uht_op)
    koppeling = OverledenAanvrager.objects.create(
        dossier=dossier, rechthebbende=overleden_rechthebbende, naam=naam.strip(), bsn=bsn, overlijdensdatum=overlijdensdatum,
        aangemeld_bij_uht_op=aangemeld_bij_uht_op, relatie=relatie, ondersteuning=gekozen, recht_behouden=recht,
        toelichting=toelichting, vastgelegd_door=door,
    )
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.NABESTAANDE_GEKOPPELD, door=door, datum=vandaag,
        gegevens={"overleden_aanvrager": koppeling.pk, "overlijdensdatum": overlijdensdatum.isoformat(), "recht_behouden": recht},
        toelichting=toelichting,
    )
    return koppeling


@transaction.atomic
def recht_vaststellen_na_overlijden(*, dossier: Dossier, door, datum: date, vandaag: date) -> DossierGebeurtenis:
    """NABESTAANDE_BEHOUDT_RECHT: the parent died after registering, so the family's right stands without
    waiting for UHT to mark the survivor as beneficiary. Moves AANGEMELD → GEVERIFIEERD (one transition)."""
    _doelgroep(dossier, Doelgroep.NABESTAANDE)
    _niet_in_toekomst(datum, vandaag=vandaag, veld="datum")
    regels.controleer_niet_voor(datum, grens=dossier.aanmelddatum, veld="datum")
    koppeling = OverledenAanvrager.objects.filter(dossier=dossier).first()
    if koppeling is None:
        raise RegelOvertreding(
            regels.NABESTAANDE_BEHOUDT_RECHT,
            _("Koppel dit dossier eerst aan de overleden aanvrager, met de datum van overlijden en van aanmelding bij UHT."),
        )
    if not koppeling.recht_behouden:
        raise RegelOvertreding(regels.NABESTAANDE_BEHOUDT_RECHT)
    return voer_transitie_uit(
        dossier, "verificatie_bevestigen", door=door, datum=datum,
        gegevens={"grond": regels.NABESTAANDE_BEHOUDT_RECHT.code, "overleden_aanvrager": koppeling.pk},
        toelichting=_("Recht behouden: de ouder overleed na de aanmelding bij UHT."),
    )


# --- Kindregeling ---------------------------------------------------------------------------------

@transaction.atomic
def kindregeling_uitbetaling_vastleggen(*, dossier: Dossier, door, datum: date, vandaag: date, toelichting: str = ""):
    """The kindregeling payment date: the one-year window for the extra debt-relief offer runs from it."""
    _doelgroep(dossier, Doelgroep.KIND_KINDREGELING)
    _niet_in_toekomst(datum, vandaag=vandaag, veld="datum")
    Dossier.objects.select_for_update().only("id").get(pk=dossier.pk)
    if DossierGebeurtenis.objects.filter(dossier=dossier, soort=GebeurtenisSoort.KINDREGELING_UITBETAALD).exists():
        raise RegelOvertreding(regels.KINDREGELING_EEN_UITBETALING, veld="datum")
    return gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.KINDREGELING_UITBETAALD, door=door, datum=datum, gegevens={"bron": "consulent"},
        toelichting=toelichting,
    )


# --- Driegesprek ----------------------------------------------------------------------------------

def _driegesprek_vergrendeld(driegesprek: Driegesprek) -> Driegesprek:
    d = Driegesprek.objects.select_for_update().select_related("dossier").get(pk=driegesprek.pk)
    if d.gehouden_op is not None:
        raise RegelOvertreding(regels.DRIEGESPREK_AL_GEHOUDEN)
    return d


@transaction.atomic
def driegesprek_aanvragen(
    *, dossier: Dossier, door, initiatief: str, aangevraagd_op: date, onderwerpen: str, vandaag: date,
    zaakbehandelaar_uht: str = "",
) -> Driegesprek:
    Initiatiefnemer(initiatief)
    _niet_in_toekomst(aangevraagd_op, vandaag=vandaag, veld="aangevraagd_op")
    d = Driegesprek.objects.create(
        dossier=dossier, initiatief=initiatief, aangevraagd_op=aangevraagd_op, onderwerpen=onderwerpen.strip(),
        zaakbehandelaar_uht=zaakbehandelaar_uht.strip(), aangemaakt_door=door,
    )
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.DRIEGESPREK_AANGEVRAAGD, door=door, datum=aangevraagd_op,
        gegevens={"driegesprek": d.pk, "initiatief": initiatief},
        toelichting=_("Initiatief: %(wie)s") % {"wie": Initiatiefnemer(initiatief).label},
    )
    return d


@transaction.atomic
def driegesprek_plannen(
    *, driegesprek: Driegesprek, door, gepland_op: date, vorm: str, vandaag: date, zaakbehandelaar_uht: str = "",
    onderwerpen: str = "",
) -> Driegesprek:
    """Set (or move) the date; topics collected since the request may be added."""
    d = _driegesprek_vergrendeld(driegesprek)
    _niet_voor(gepland_op, d.aangevraagd_op, veld="gepland_op")
    d.gepland_op, d.vorm = gepland_op, vorm
    if zaakbehandelaar_uht.strip():
        d.zaakbehandelaar_uht = zaakbehandelaar_uht.strip()
    if onderwerpen.strip():
        d.onderwerpen = onderwerpen.strip()
    d.save()
    gebeurtenis_vastleggen(
        d.dossier, GebeurtenisSoort.DRIEGESPREK_GEPLAND, door=door, datum=vandaag,
        gegevens={"driegesprek": d.pk, "gepland_op": gepland_op.isoformat()},
        toelichting=_("Gepland op %(datum)s") % {"datum": gepland_op.strftime("%d-%m-%Y")},
    )
    return d


@transaction.atomic
def driegesprek_vastleggen(*, driegesprek: Driegesprek, door, gehouden_op: date, uitkomst: str, vandaag: date) -> Driegesprek:
    d = _driegesprek_vergrendeld(driegesprek)
    _niet_in_toekomst(gehouden_op, vandaag=vandaag, veld="gehouden_op")
    _niet_voor(gehouden_op, d.aangevraagd_op, veld="gehouden_op")
    if not uitkomst.strip():
        raise RegelOvertreding(regels.DRIEGESPREK_UITKOMST_NODIG, veld="uitkomst")
    d.gehouden_op, d.uitkomst = gehouden_op, uitkomst.strip()
    d.save()
    gebeurtenis_vastleggen(
        d.dossier, GebeurtenisSoort.DRIEGESPREK_GEHOUDEN, door=door, datum=gehouden_op,
        gegevens={"driegesprek": d.pk}, toelichting=d.uitkomst[:200],
    )
    return d


# --- Verwijzingen ---------------------------------------------------------------------------------

def _erkenningsdatum_uit_dossier(dossier: Dossier) -> date | None:
    return (
        DossierGebeurtenis.objects.filter(dossier=dossier, soort=GebeurtenisSoort.UHT_ERKEND)
        .order_by("datum").values_list("datum", flat=True).first()
    )


@transaction.atomic
def verwijzing_maken(
    *, dossier: Dossier, door, partner: str, datum: date, reden: str, vandaag: date, contactpersoon: str = "",
    erkenningsdatum: date | None = None, maatregel: str = "",
) -> Verwijzing:
    """Refer to a chain partner. SBN: start the half-year term from the recognition date (given, or the
    dossier's UHT_ERKEND event). Gemeente als invorderaar: pause or remit is required. Kindregeling
    debt help: only for a KIND_KINDREGELING dossier, and the referral meets its one-year window."""
    Ketenpartner(partner)
    _niet_in_toekomst(datum, vandaag=vandaag, veld="datum")
    if partner == Ketenpartner.KINDREGELING_SCHULDHULP:
        _doelgroep(dossier, Doelgroep.KIND_KINDREGELING, veld="partner")
    if partner == Ketenpartner.GEMEENTE_INVORDERING:
        if maatregel not in Invorderingsmaatregel.values:
            raise RegelOvertreding(regels.INVORDERING_MAATREGEL_NODIG, veld="maatregel")
    else:
        maatregel = ""
    if partner == Ketenpartner.SBN:
        erkenningsdatum = erkenningsdatum or _erkenningsdatum_uit_dossier(dossier)
        if erkenningsdatum is not None:
            _niet_in_toekomst(erkenningsdatum, vandaag=vandaag, veld="erkenningsdatum")
    else:
        erkenningsdatum = None
    v = Verwijzing.objects.create(
        dossier=dossier, partner=partner, datum=datum, reden=reden.strip(), contactpersoon=contactpersoon.strip(),
        erkenningsdatum=erkenningsdatum, maatregel=maatregel, aangemaakt_door=door,
    )
    label = Ketenpartner(partner).label
    if maatregel:
        label = f"{label}: {Invorderingsmaatregel(maatregel).label.lower()}"
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.VERWIJZING_GEMAAKT, door=door, datum=datum,
        gegevens={"verwijzing": v.pk, "partner": partner, "maatregel": maatregel}, toelichting=label,
        termijnen_bijwerken=False,
    )
    if partner == Ketenpartner.SBN and erkenningsdatum is not None:
        al = DossierGebeurtenis.objects.filter(dossier=dossier, soort=GebeurtenisSoort.SBN_TERMIJN_GESTART).exists()
        if not al:
            gebeurtenis_vastleggen(
                dossier, GebeurtenisSoort.SBN_TERMIJN_GESTART, door=door, datum=erkenningsdatum,
                gegevens={"verwijzing": v.pk}, termijnen_bijwerken=False,
            )
    if partner == Ketenpartner.KINDREGELING_SCHULDHULP:
        gebeurtenis_vastleggen(
            dossier, GebeurtenisSoort.KINDREGELING_SCHULDHULP_AANGEMELD, door=door, datum=datum,
            gegevens={"verwijzing": v.pk}, termijnen_bijwerken=False,
        )
    from nieuwestart.termijnen.services import termijnen_bijwerken

    termijnen_bijwerken(dossier)
    return v


def _verwijzing_vergrendeld(verwijzing: Verwijzing) -> Verwijzing:
    v = Verwijzing.objects.select_for_update().select_related("dossier").get(pk=verwijzing.pk)
    if v.is_afgerond:
        raise RegelOvertreding(regels.VERWIJZING_AL_AFGEROND)
    return v


@transaction.atomic
def contact_vastleggen(*, verwijzing: Verwijzing, door, datum: date, kanaal: str, verslag: str, vandaag: date) -> Contactmoment:
    v = _verwijzing_vergrendeld(verwijzing)
    _niet_in_toekomst(datum, vandaag=vandaag, veld="datum")
    _niet_voor(datum, v.datum, veld="datum")
    c = Contactmoment.objects.create(verwijzing=v, datum=datum, kanaal=kanaal, verslag=verslag.strip(), door=door)
    gebeurtenis_vastleggen(
        v.dossier, GebeurtenisSoort.VERWIJZING_CONTACT, door=door, datum=datum,
        gegevens={"verwijzing": v.pk, "partner": v.partner}, toelichting=f"{v.get_partner_display()}: {c.verslag[:150]}",
    )
    return c


@transaction.atomic
def sbn_indiening_vastleggen(*, verwijzing: Verwijzing, door, ingediend_op: date, vandaag: date) -> Verwijzing:
    """The private debts were submitted to SBN: meets the half-year term."""
    v = _verwijzing_vergrendeld(verwijzing)
    if not v.is_sbn:
        raise RegelOvertreding(regels.SBN_ALLEEN_BIJ_SBN_VERWIJZING)
    if v.ingediend_op is not None:
        raise RegelOvertreding(regels.SBN_AL_INGEDIEND, veld="ingediend_op")
    _niet_in_toekomst(ingediend_op, vandaag=vandaag, veld="ingediend_op")
    _niet_voor(ingediend_op, v.erkenningsdatum or v.datum, veld="ingediend_op")
    v.ingediend_op = ingediend_op
    v.save(update_fields=["ingediend_op"])
    gebeurtenis_vastleggen(
        v.dossier, GebeurtenisSoort.SBN_SCHULDEN_INGEDIEND, door=door, datum=ingediend_op, gegevens={"verwijzing": v.pk}
    )
    return v


@transaction.atomic
def verwijzing_afronden(
    *, verwijzing: Verwijzing, door, afgerond_op: date, uitkomst: str, vandaag: date, toelichting: str = ""
) -> Verwijzing:
    v = _verwijzing_vergrendeld(verwijzing)
    VerwijzingUitkomst(uitkomst)
    _niet_in_toekomst(afgerond_op, vandaag=vandaag, veld="afgerond_op")
    _niet_voor(afgerond_op, v.datum, veld="afgerond_op")
    v.uitkomst, v.afgerond_op, v.uitkomst_toelichting = uitkomst, afgerond_op, toelichting.strip()
    v.save(update_fields=["uitkomst", "afgerond_op", "uitkomst_toelichting"])
    gebeurtenis_vastleggen(
        v.dossier, GebeurtenisSoort.VERWIJZING_AFGEROND, door=door, datum=afgerond_op,
        gegevens={"verwijzing": v.pk, "partner": v.partner, "resultaat": uitkomst},
        toelichting=f"{v.get_partner_display()}: {VerwijzingUitkomst(uitkomst).label}",
    )
    return v
