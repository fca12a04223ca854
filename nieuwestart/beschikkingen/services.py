"""Writes for beschikkingen and bezwaren. Each is one transaction; refusals are ``RegelOvertreding``.

``beschikking_vastleggen`` is called by the plan (``nieuwestart.plannen``) inside its own
transaction when a plan version is issued. Sending (``verzending_vastleggen``) is the
bekendmaking that starts the bezwaartermijn; the bezwaar services write the dossier events
that the terms engine turns into the decision term of Awb 7:10 on the worklist.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen

from .documenten import docx_renderen, pdf_renderen
from .inhoud import BeschikkingInhoud
from .models import Beschikking, Bezwaar, BezwaarUitkomst, Sjabloon, Sjabloonsoort, Verzendwijze
from .serialisatie import inhoud_naar_json, inhoud_uit_json
from .sjablonen import OngeldigSjabloon, controleer_sjabloon, sjablonen_van, sjablonen_voor

# Awb 6:9 lid 2: a posted objection counts if received at most a week after the term ended.
POSTTERMIJN = timedelta(weeks=1)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def kenmerk_voor(dossiernummer: str, *, versie: int, soort: str) -> str:
    """The usual kenmerk: NS-2026-000123-V2 for plan version 2, NS-2026-000123-E1 for a termination."""
    if soort == "BEEINDIGING":
        return f"{dossiernummer}-E{max(versie, 1)}"
    return f"{dossiernummer}-V{versie}"


@transaction.atomic
def beschikking_vastleggen(*, dossier, planversie, inhoud: BeschikkingInhoud, door, datum: date) -> Beschikking:
    """Render the PDF and DOCX from the active templates and store them with the content, for good."""
    if inhoud.dossiernummer != dossier.dossiernummer:
        raise ValueError(f"Content for {inhoud.dossiernummer} given for dossier {dossier.dossiernummer}")
    if inhoud.datum != datum:
        raise ValueError(f"Content dated {inhoud.datum} stored as {datum}")
    gekozen = sjablonen_voor(inhoud.soort)
    pdf = pdf_renderen(inhoud, gekozen.html)
    docx = docx_renderen(inhoud, gekozen.docx)
    return Beschikking.objects.create(
        dossier=dossier,
        soort=str(inhoud.soort),
        kenmerk=inhoud.kenmerk,
        datum=datum,
        inhoud=inhoud_naar_json(inhoud),
        pdf=pdf,
        pdf_sha256=sha256(pdf),
        docx=docx,
        docx_sha256=sha256(docx),
        pdf_sjabloon=gekozen.pdf_sjabloon,
        docx_sjabloon=gekozen.docx_sjabloon,
        sjabloonversie=gekozen.versielabel,
        uitgegeven_door=door,
        planversie=planversie,
    )


def pdf_ongewijzigd(beschikking: Beschikking) -> bool:
    """Whether the stored PDF is still the one issued (its SHA-256 matches the stored hash)."""
    return sha256(bytes(beschikking.pdf)) == beschikking.pdf_sha256


def opnieuw_renderen(beschikking: Beschikking) -> bytes:
    """The PDF rendered again from the stored content and template (for a check; never stored)."""
    inhoud = inhoud_uit_json(beschikking.inhoud)
    return pdf_renderen(inhoud, sjablonen_van(beschikking).html)


def _vergrendeld(beschikking: Beschikking) -> Beschikking:
    vers = Beschikking.objects.select_for_update().select_related("dossier").get(pk=beschikking.pk)
    return vers


def _controleer_datum(datum: date, *, beschikking: Beschikking, vandaag: date, veld: str) -> None:
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld=veld)
    if datum < beschikking.datum:
        raise RegelOvertreding(
            regels.DATUM_NIET_VOOR_BESLUIT,
            _("Deze datum ligt vóór de datum van het besluit (%(datum)s). Controleer de datum.")
            % {"datum": beschikking.datum.strftime("%d-%m-%Y")},
            veld=veld,
        )


@transaction.atomic
def verzending_vastleggen(*, beschikking: Beschikking, verzonden_op: date, via: str, door, vandaag: date) -> Beschikking:
    """Record when and how the beschikking was sent: the bekendmaking that starts the bezwaartermijn."""
    b = _vergrendeld(beschikking)
    if b.verzonden_op is not None:
        raise RegelOvertreding(regels.BESCHIKKING_AL_VERZONDEN, veld="verzonden_op")
    _controleer_datum(verzonden_op, beschikking=b, vandaag=vandaag, veld="verzonden_op")
    Verzendwijze(via)  # ValueError for an unknown way; the form offers only the choices
    b.verzonden_op, b.verzonden_via, b.verzending_vastgelegd_door = verzonden_op, via, door
    b.save(update_fields=["verzonden_op", "verzonden_via", "verzending_vastgelegd_door"])
    gebeurtenis_vastleggen(
        b.dossier, GebeurtenisSoort.BESCHIKKING_BEKENDGEMAAKT, door=door, datum=verzonden_op,
        gegevens={"beschikking": b.kenmerk, "via": via},
    )
    return b


@transaction.atomic
def mondeling_akkoord_vastleggen(*, beschikking: Beschikking, datum: date, hoe: str, door, vandaag: date) -> Beschikking:
    """Record that the rechthebbende agreed with the plan verbally (the plan need not be signed)."""
    b = _vergrendeld(beschikking)
    if b.mondeling_akkoord_op is not None:
        raise RegelOvertreding(regels.MONDELING_AKKOORD_AL_VASTGELEGD, veld="datum")
    # A verbal agreement often comes in the conversation before the letter is made; only the future is refused.
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    b.mondeling_akkoord_op, b.mondeling_akkoord_hoe, b.mondeling_akkoord_vastgelegd_door = datum, hoe.strip(), door
    b.save(update_fields=["mondeling_akkoord_op", "mondeling_akkoord_hoe", "mondeling_akkoord_vastgelegd_door"])
    gebeurtenis_vastleggen(
        b.dossier, GebeurtenisSoort.TOELICHTING, door=door, datum=datum,
        gegevens={"beschikking": b.kenmerk, "mondeling_akkoord": True},
        toelichting=_("Mondeling akkoord met beschikking %(kenmerk)s: %(hoe)s") % {"kenmerk": b.kenmerk, "hoe": b.mondeling_akkoord_hoe},
    )
    return b


# --- Bezwaar ----------------------------------------------------------------------------------

def bezwaar_tijdig(*, termijn_einde: date, ontvangen_op: date, per_post_verzonden_op: date | None = None) -> bool:
    """Awb 6:9: in time when received by the end of the term (lid 1), or posted by the end of the
    term and received at most a week after it (lid 2). An objection before the term started is in
    time as well (6:10 lid 1: the decision already existed)."""
    if ontvangen_op <= termijn_einde:
        return True
    return (
        per_post_verzonden_op is not None
        and per_post_verzonden_op <= termijn_einde
        and ontvangen_op <= termijn_einde + POSTTERMIJN
    )


def _termijn(beschikking: Beschikking, regel: str):
    from nieuwestart.termijnen.services import opgeslagen_termijnen

    rijen = opgeslagen_termijnen(beschikking.dossier_id, [regel], sleutel=beschikking.kenmerk)
    return rijen[0] if rijen else None


def bezwaartermijn_einde(beschikking: Beschikking) -> date | None:
    """The end of the stored bezwaartermijn of this beschikking (ATW applied), or None before sending."""
    from nieuwestart.termijnen.regels import TermijnSoort

    if beschikking.verzonden_op is None:
        return None
    termijn = _termijn(beschikking, TermijnSoort.BEZWAARTERMIJN)
    return termijn.einddatum if termijn else None


@transaction.atomic
def bezwaar_registreren(
    *,
    beschikking: Beschikking,
    ontvangen_op: date,
    door,
    vandaag: date,
    per_post_verzonden_op: date | None = None,
    adviescommissie: bool = False,
    toelichting: str = "",
) -> Bezwaar:
    """Register an objection; whether it is in time follows from the stored bezwaartermijn (Awb 6:7-6:9)."""
    b = _vergrendeld(beschikking)
    if b.verzonden_op is None:
        raise RegelOvertreding(regels.BEZWAAR_NA_VERZENDING)
    if Bezwaar.objects.filter(beschikking=b).exists():
        raise RegelOvertreding(regels.EEN_BEZWAAR_PER_BESCHIKKING)
    _controleer_datum(ontvangen_op, beschikking=b, vandaag=vandaag, veld="ontvangen_op")
    if per_post_verzonden_op is not None and per_post_verzonden_op > ontvangen_op:
        raise RegelOvertreding(regels.POST_VOOR_ONTVANGST, veld="per_post_verzonden_op")
    einde = bezwaartermijn_einde(b)
    bezwaar = Bezwaar.objects.create(
        beschikking=b, ontvangen_op=ontvangen_op, per_post_verzonden_op=per_post_verzonden_op,
        adviescommissie=adviescommissie, termijn_einde=einde,
        tijdig=bezwaar_tijdig(termijn_einde=einde, ontvangen_op=ontvangen_op, per_post_verzonden_op=per_post_verzonden_op),
        toelichting=toelichting.strip(), geregistreerd_door=door,
    )
    gebeurtenis_vastleggen(
        b.dossier, GebeurtenisSoort.BEZWAAR_ONTVANGEN, door=door, datum=ontvangen_op,
        gegevens={"beschikking": b.kenmerk, "adviescommissie": adviescommissie, "tijdig": bezwaar.tijdig},
    )
    return bezwaar


def _vergrendeld_bezwaar(bezwaar: Bezwaar) -> Bezwaar:
    return Bezwaar.objects.select_for_update().select_related("beschikking__dossier").get(pk=bezwaar.pk)


def beslistermijn_einde(bezwaar: Bezwaar) -> date | None:
    """The end of the stored decision term on this objection (Awb 7:10, with any extension)."""
    from nieuwestart.termijnen.regels import TermijnSoort

    termijn = _termijn(bezwaar.beschikking, TermijnSoort.BESLISTERMIJN_BEZWAAR)
    return termijn.einddatum if termijn else None


@transaction.atomic
def beslistermijn_verdagen(*, bezwaar: Bezwaar, verdaagd_op: date, reden: str, door, vandaag: date) -> Bezwaar:
    """Extend the decision term once by 6 weeks (Awb 7:10 lid 3), before it has ended."""
    bz = _vergrendeld_bezwaar(bezwaar)
    if bz.afgehandeld:
        raise RegelOvertreding(regels.BEZWAAR_AL_AFGEHANDELD)
    if bz.verdaagd_op is not None:
        raise RegelOvertreding(regels.BESLISTERMIJN_EENMAAL_VERDAGEN)
    if not reden.strip():
        raise RegelOvertreding(regels.VERDAGING_MET_REDEN, veld="reden")
    regels.controleer_niet_in_toekomst(verdaagd_op, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="verdaagd_op")
    if verdaagd_op < bz.ontvangen_op:
        raise RegelOvertreding(
            regels.DATUM_NIET_VOOR_BESLUIT, _("Deze datum ligt vóór de ontvangst van het bezwaar."), veld="verdaagd_op"
        )
    einde = beslistermijn_einde(bz)
    if einde is not None and verdaagd_op > einde:
        raise RegelOvertreding(regels.VERDAGEN_BINNEN_BESLISTERMIJN, veld="verdaagd_op")
    bz.verdaagd_op, bz.verdaging_reden = verdaagd_op, reden.strip()
    bz.save(update_fields=["verdaagd_op", "verdaging_reden"])
    gebeurtenis_vastleggen(
        bz.beschikking.dossier, GebeurtenisSoort.BESLISTERMIJN_BEZWAAR_VERDAAGD, door=door, datum=verdaagd_op,
        gegevens={"beschikking": bz.beschikking.kenmerk}, toelichting=bz.verdaging_reden,
    )
    return bz


@transaction.atomic
def bezwaar_afhandelen(
    *, bezwaar: Bezwaar, uitkomst: str, datum: date, door, vandaag: date, toelichting: str = ""
) -> Bezwaar:
    """Record the decision on the objection (or its withdrawal); this meets the decision term.

    A well-founded objection (gegrond) usually leads to an addendum: a new plan version with a new
    beschikking, made in the plan editor."""
    bz = _vergrendeld_bezwaar(bezwaar)
    if bz.afgehandeld:
        raise RegelOvertreding(regels.BEZWAAR_AL_AFGEHANDELD)
    uitkomst = BezwaarUitkomst(uitkomst)
    regels.controleer_niet_in_toekomst(datum, vandaag=vandaag, regel=regels.DATUM_NIET_IN_TOEKOMST, veld="datum")
    if datum < bz.ontvangen_op:
        raise RegelOvertreding(
            regels.DATUM_NIET_VOOR_BESLUIT, _("Deze datum ligt vóór de ontvangst van het bezwaar."), veld="datum"
        )
    bz.uitkomst, bz.uitkomst_datum, bz.uitkomst_toelichting, bz.afgehandeld_door = uitkomst, datum, toelichting.strip(), door
    bz.save(update_fields=["uitkomst", "uitkomst_datum", "uitkomst_toelichting", "afgehandeld_door"])
    # A withdrawal also ends the decision term: there is nothing left to decide (Awb 6:21).
    gebeurtenis_vastleggen(
        bz.beschikking.dossier, GebeurtenisSoort.BESLISSING_OP_BEZWAAR, door=door, datum=datum,
        gegevens={"beschikking": bz.beschikking.kenmerk, "bezwaar_uitkomst": str(uitkomst)},
        toelichting=f"{uitkomst.label}. {bz.uitkomst_toelichting}".strip(),
    )
    return bz


# --- Letter templates (functioneel beheerder) -------------------------------------------------

MAX_SJABLOON_BYTES = 5 * 1024 * 1024


@transaction.atomic
def sjabloon_uploaden(
    *, soort: str, beschikkingsoort: str, inhoud: bytes, bestandsnaam: str, door, omschrijving: str = "",
    activeren: bool = False,
) -> Sjabloon:
    """Store a new version of a letter template after it rendered the sample letters; refused otherwise."""
    if len(inhoud) > MAX_SJABLOON_BYTES:
        raise RegelOvertreding(regels.SJABLOON_WERKT, _("Het bestand is groter dan 5 MB."), veld="bestand")
    tekst, bestand = "", b""
    if soort == Sjabloonsoort.PDF_HTML:
        try:
            tekst = inhoud.decode("utf-8")
        except UnicodeDecodeError:
            raise RegelOvertreding(
                regels.SJABLOON_WERKT, _("Het bestand is geen HTML-tekst in UTF-8. Sla het op als UTF-8 en probeer opnieuw."),
                veld="bestand",
            ) from None
    else:
        bestand = inhoud
    try:
        controleer_sjabloon(soort, tekst=tekst, bestand=bestand, beschikkingsoort=beschikkingsoort)
    except OngeldigSjabloon as fout:
        raise RegelOvertreding(
            regels.SJABLOON_WERKT,
            _("Dit sjabloon kan niet worden gebruikt. %(reden)s") % {"reden": fout.bericht},
            veld="bestand",
        ) from None
    # Lock the kind's rows so two uploads cannot take the same version number.
    bestaand = list(
        Sjabloon.objects.select_for_update().filter(soort=soort, beschikkingsoort=beschikkingsoort).values_list("versie", flat=True)
    )
    sjabloon = Sjabloon.objects.create(
        soort=soort, beschikkingsoort=beschikkingsoort, versie=max(bestaand, default=0) + 1, tekst=tekst,
        bestand=bestand, bestandsnaam=bestandsnaam[:200], sha256=sha256(inhoud), omschrijving=omschrijving.strip(),
        geupload_door=door,
    )
    if activeren:
        sjabloon_activeren(sjabloon=sjabloon)
    return sjabloon


@transaction.atomic
def sjabloon_activeren(*, sjabloon: Sjabloon) -> Sjabloon:
    """Use this version for new beschikkingen of its kind; issued ones keep the version they name."""
    Sjabloon.objects.filter(soort=sjabloon.soort, beschikkingsoort=sjabloon.beschikkingsoort, actief=True).exclude(
        pk=sjabloon.pk
    ).update(actief=False)
    if not sjabloon.actief:
        sjabloon.actief = True
        sjabloon.save(update_fields=["actief"])
    return sjabloon


@transaction.atomic
def standaard_sjabloon_gebruiken(*, soort: str, beschikkingsoort: str) -> int:
    """Go back to the template shipped with the application for this kind."""
    return Sjabloon.objects.filter(soort=soort, beschikkingsoort=beschikkingsoort, actief=True).update(actief=False)
