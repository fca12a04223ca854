"""Write operations on a dossier. Each is one transaction: it completes or leaves no trace.

No HTTP here: views call these with plain values and turn ``RegelOvertreding`` into a
Dutch message next to the field.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding

from .gebeurtenissen import GebeurtenisSoort
from .models import (
    Dossier,
    DossierStatus,
    Dossiernummering,
    EersteGesprek,
    Hulpvraag,
    Leefgebied,
    Verificatie,
    VerificatieUitkomst,
)
from .transitions import controleer_transitie, gebeurtenis_vastleggen, voer_transitie_uit


def volgend_dossiernummer(jaar: int) -> str:
    """NS-<jaar>-<volgnummer>; the counter row is locked, so numbers never repeat."""
    return volgende_dossiernummers(jaar, 1)[0]


def volgende_dossiernummers(jaar: int, aantal: int) -> list[str]:
    """Reserve ``aantal`` consecutive numbers at once (an import); the counter row is locked."""
    Dossiernummering.objects.get_or_create(jaar=jaar)
    teller = Dossiernummering.objects.select_for_update().get(jaar=jaar)
    eerste = teller.laatste + 1
    teller.laatste += aantal
    teller.save(update_fields=["laatste"])
    return [f"NS-{jaar}-{nr:06d}" for nr in range(eerste, teller.laatste + 1)]


@transaction.atomic
def verificatie_vastleggen(
    *,
    dossier: Dossier,
    door,
    datum: date,
    uitkomst: str,
    contactpersoon_uht: str = "",
    toelichting: str = "",
    vandaag: date,
) -> Verificatie:
    """Record the check with the UHT Serviceteam; 'bevestigd' moves the dossier to geverifieerd."""
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    regels.controleer_niet_voor(datum, grens=dossier.aanmelddatum, veld="datum")
    # Verification belongs to a direct registration that is still waiting for it.
    if dossier.status != DossierStatus.AANGEMELD:
        raise RegelOvertreding(
            regels.VERIFICATIE_AL_GEDAAN,
            _("De verificatie hoeft niet meer: het dossier heeft de status '%(status)s'. U legt de verificatie "
              "vast zolang het dossier de status 'Aangemeld' heeft.") % {"status": DossierStatus(dossier.status).label},
        )
    verificatie = Verificatie.objects.create(
        dossier=dossier,
        datum=datum,
        uitgevoerd_door=door,
        uitkomst=uitkomst,
        contactpersoon_uht=contactpersoon_uht,
        toelichting=toelichting,
    )
    gegevens = {"uitkomst": uitkomst, "verificatie": verificatie.pk}
    if uitkomst == VerificatieUitkomst.BEVESTIGD:
        gebeurtenis_vastleggen(
            dossier, GebeurtenisSoort.VERIFICATIE_VASTGELEGD, door=door, datum=datum, gegevens=gegevens,
            toelichting=toelichting, termijnen_bijwerken=False,
        )
        voer_transitie_uit(dossier, "verificatie_bevestigen", door=door, datum=datum, gegevens=gegevens)
    else:
        gebeurtenis_vastleggen(
            dossier, GebeurtenisSoort.VERIFICATIE_VASTGELEGD, door=door, datum=datum, gegevens=gegevens,
            toelichting=toelichting,
        )
    return verificatie


@transaction.atomic
def eerste_gesprek_vastleggen(
    *,
    dossier: Dossier,
    door,
    datum: date,
    hulpvragen: dict[str, str],
    acute_situatie: bool,
    acute_toelichting: str = "",
    aanwezigen: str = "",
    vandaag: date,
) -> EersteGesprek:
    if dossier.status == DossierStatus.AANGEMELD:
        raise RegelOvertreding(regels.VERIFICATIE_VOOR_EERSTE_GESPREK)
    controleer_transitie(dossier, "eerste_gesprek_voeren")
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    regels.controleer_niet_voor(datum, grens=dossier.aanmelddatum, veld="datum")
    ingevuld = {lg: tekst.strip() for lg, tekst in hulpvragen.items() if tekst and tekst.strip()}
    if not ingevuld:
        raise RegelOvertreding(regels.HULPVRAAG_NODIG, veld="hulpvragen")
    if acute_situatie and not acute_toelichting.strip():
        raise RegelOvertreding(regels.ACUTE_SITUATIE_TOELICHTEN, veld="acute_toelichting")
    gesprek = EersteGesprek.objects.create(
        dossier=dossier,
        datum=datum,
        gevoerd_door=door,
        aanwezigen=aanwezigen,
        acute_situatie=acute_situatie,
        acute_toelichting=acute_toelichting,
    )
    Hulpvraag.objects.bulk_create(
        Hulpvraag(eerste_gesprek=gesprek, leefgebied=Leefgebied(lg), omschrijving=tekst) for lg, tekst in ingevuld.items()
    )
    voer_transitie_uit(
        dossier,
        "eerste_gesprek_voeren",
        door=door,
        datum=datum,
        gegevens={"acute_situatie": acute_situatie, "leefgebieden": sorted(ingevuld)},
    )
    return gesprek


def _open_termijn(dossier: Dossier, termijn: str, *, veld: str = "termijn"):
    """The stored term a notice or suspension is about; it must exist and still be open."""
    from nieuwestart.termijnen.models import Termijn

    rij = Termijn.objects.filter(dossier=dossier, regel=termijn, voldaan_op=None, vervallen_op=None).order_by("-startdatum").first()
    if rij is None:
        raise RegelOvertreding(regels.TERMIJN_NIET_OPEN, veld=veld)
    return rij


@transaction.atomic
def verwachte_datum_meedelen(
    *, dossier: Dossier, door, termijn: str, nieuwe_datum: date, datum: date, toelichting: str = "", vandaag: date
):
    """Awb 4:14 lid 3: tell the rechthebbende within the term when to expect the act."""
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    if nieuwe_datum <= datum:
        raise RegelOvertreding(regels.NIEUWE_DATUM_NA_BERICHT, veld="nieuwe_datum")
    if datum > _open_termijn(dossier, termijn).einddatum:
        raise RegelOvertreding(regels.NIEUWE_DATUM_BINNEN_TERMIJN, veld="datum")
    return gebeurtenis_vastleggen(
        dossier,
        GebeurtenisSoort.VERWACHTE_DATUM_MEEGEDEELD,
        door=door,
        datum=datum,
        gegevens={"termijn": termijn, "nieuwe_datum": nieuwe_datum.isoformat()},
        toelichting=toelichting,
    )


@transaction.atomic
def termijn_opschorten(*, dossier: Dossier, door, termijn: str, datum: date, reden: str, vandaag: date):
    """Awb 4:15: the term stops running from ``datum`` until the suspension ends."""
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    if not reden.strip():
        raise RegelOvertreding(regels.OPSCHORTING_MET_REDEN, veld="reden")
    rij = _open_termijn(dossier, termijn)
    if rij.opgeschort_sinds is not None:
        raise RegelOvertreding(
            regels.TERMIJN_NIET_OPEN,
            _("Deze termijn staat al stil sinds %(sinds)s.") % {"sinds": rij.opgeschort_sinds.strftime("%d-%m-%Y")},
            veld="termijn",
        )
    if not rij.startdatum <= datum <= rij.einddatum:
        raise RegelOvertreding(
            regels.TERMIJN_NIET_OPEN,
            _("Kies een dag waarop de termijn liep: van %(van)s tot en met %(tot)s.")
            % {"van": rij.startdatum.strftime("%d-%m-%Y"), "tot": rij.einddatum.strftime("%d-%m-%Y")},
            veld="datum",
        )
    return gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.OPSCHORTING_GESTART, door=door, datum=datum,
        gegevens={"termijn": termijn, "reden": reden}, toelichting=reden,
    )


@transaction.atomic
def opschorting_beeindigen(*, dossier: Dossier, door, termijn: str, datum: date, vandaag: date):
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    rij = _open_termijn(dossier, termijn)
    if rij.opgeschort_sinds is None:
        raise RegelOvertreding(regels.OPSCHORTING_NIET_LOPEND, veld="termijn")
    if datum < rij.opgeschort_sinds:
        raise RegelOvertreding(
            regels.OPSCHORTING_NIET_LOPEND,
            _("De termijn staat stil sinds %(sinds)s. Kies die dag of een latere dag.")
            % {"sinds": rij.opgeschort_sinds.strftime("%d-%m-%Y")},
            veld="datum",
        )
    return gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.OPSCHORTING_BEEINDIGD, door=door, datum=datum, gegevens={"termijn": termijn}
    )
