"""The kinds of event in a dossier's append-only event log.

Every fact that matters for the lifecycle or for a term is one event. The terms
engine (``nieuwestart.termijnen``) reads these codes; status transitions write them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GebeurtenisSoort(models.TextChoices):
    AANGEMELD = "AANGEMELD", _("Aangemeld")
    VERIFICATIE_VASTGELEGD = "VERIFICATIE_VASTGELEGD", _("Verificatie bij UHT vastgelegd")
    # A child's dossier was in the question file for the UHT Serviceteam (no term depends on it).
    # gegevens: {"bestandsnaam": str}
    KINDVERIFICATIE_GEVRAAGD = "KINDVERIFICATIE_GEVRAAGD", _("Verificatie gevraagd aan UHT (vraagbestand)")
    GEVERIFIEERD = "GEVERIFIEERD", _("Recht bevestigd door UHT")
    EERSTE_GESPREK_GEVOERD = "EERSTE_GESPREK_GEVOERD", _("Eerste gesprek gevoerd")
    # Awb 4:14: the rechthebbende was told within the term when to expect the act.
    # gegevens: {"termijn": <regel code>, "nieuwe_datum": "YYYY-MM-DD"}
    VERWACHTE_DATUM_MEEGEDEELD = "VERWACHTE_DATUM_MEEGEDEELD", _("Nieuwe datum meegedeeld")
    # Awb 4:15. gegevens: {"termijn": <regel code>, "reden": str}; datum = first suspended day
    OPSCHORTING_GESTART = "OPSCHORTING_GESTART", _("Termijn opgeschort")
    # gegevens: {"termijn": <regel code>}; datum = day the term runs again
    OPSCHORTING_BEEINDIGD = "OPSCHORTING_BEEINDIGD", _("Opschorting beëindigd")
    PLAN_VASTGESTELD = "PLAN_VASTGESTELD", _("Plan van aanpak vastgesteld")
    # Plan van aanpak (nieuwestart.plannen); gegevens: {"planversie": id, "versie": n, ...}
    PLANVERSIE_AANGEMAAKT = "PLANVERSIE_AANGEMAAKT", _("Nieuwe versie van het plan gestart")
    # gegevens also {"voorziening": id, "soort": Goedkeuringsoort}
    GOEDKEURING_GEVRAAGD = "GOEDKEURING_GEVRAAGD", _("Goedkeuring gevraagd")
    GOEDKEURING_GEGEVEN = "GOEDKEURING_GEGEVEN", _("Voorziening goedgekeurd")
    GOEDKEURING_TERUGGESTUURD = "GOEDKEURING_TERUGGESTUURD", _("Voorziening teruggestuurd")
    # The first plan is PLAN_VASTGESTELD (a transition); a later version is this event.
    ADDENDUM_UITGEGEVEN = "ADDENDUM_UITGEGEVEN", _("Addendum op het plan uitgegeven")
    UHT_ERKEND = "UHT_ERKEND", _("UHT: erkend als gedupeerde")
    UHT_NIET_ERKEND = "UHT_NIET_ERKEND", _("UHT: niet erkend")
    KINDREGELING_UITBETAALD = "KINDREGELING_UITBETAALD", _("Kindregeling uitbetaald")
    # gegevens: {"beschikking": <key>}
    BESCHIKKING_BEKENDGEMAAKT = "BESCHIKKING_BEKENDGEMAAKT", _("Beschikking bekendgemaakt")
    # gegevens: {"beschikking": <key>, "adviescommissie": bool}
    BEZWAAR_ONTVANGEN = "BEZWAAR_ONTVANGEN", _("Bezwaar ontvangen")
    # Awb 7:10 lid 3. gegevens: {"beschikking": <key>}
    BESLISTERMIJN_BEZWAAR_VERDAAGD = "BESLISTERMIJN_BEZWAAR_VERDAAGD", _("Beslissing op bezwaar verdaagd")
    # gegevens: {"beschikking": <key>}
    BESLISSING_OP_BEZWAAR = "BESLISSING_OP_BEZWAAR", _("Beslissing op bezwaar genomen")
    AFBOUW_GESTART = "AFBOUW_GESTART", _("Afbouw gestart")
    BEEINDIGD = "BEEINDIGD", _("Ondersteuning beëindigd")
    NAZORG_GESTART = "NAZORG_GESTART", _("Nazorg gestart")
    AFGESLOTEN = "AFGESLOTEN", _("Dossier afgesloten")
    TOELICHTING = "TOELICHTING", _("Notitie")
    # Beëindiging, warme overdracht and nazorg (nieuwestart.beeindiging).
    # gegevens: {"kanaal": Contactkanaal, "contactuitkomst": str}; an attempt to reach the rechthebbende.
    CONTACTPOGING = "CONTACTPOGING", _("Contactpoging")
    # gegevens: {"stap": Afbouwstapsoort}; one step of the afbouw checklist done.
    AFBOUWSTAP_GEDAAN = "AFBOUWSTAP_GEDAAN", _("Stap in de afbouw gedaan")
    # gegevens: {"overdracht": id, "leefgebied": str}; datum = day of the handover. Starts the nazorg terms.
    WARME_OVERDRACHT = "WARME_OVERDRACHT", _("Warme overdracht")
    # gegevens: {"overdracht": id, "controle_uitkomst": str}; meet the nazorg terms of that handover.
    NAZORGCONTROLE_EERSTE = "NAZORGCONTROLE_EERSTE", _("Eerste nazorgcontrole")
    NAZORGCONTROLE_TWEEDE = "NAZORGCONTROLE_TWEEDE", _("Tweede nazorgcontrole")
    # No (further) aftercare, with the reason in toelichting; ends every open nazorg term.
    NAZORG_AFGEZIEN = "NAZORG_AFGEZIEN", _("Afgezien van (verdere) nazorg")
    # Special groups and chain partners (nieuwestart.ketenpartners, issue 6).
    # gegevens: {"overlijdensdatum": iso, "recht_behouden": bool}
    NABESTAANDE_GEKOPPELD = "NABESTAANDE_GEKOPPELD", _("Gekoppeld aan overleden aanvrager")
    # gegevens: {"driegesprek": id, "initiatief": code}; GEPLAND also {"gepland_op": iso}
    DRIEGESPREK_AANGEVRAAGD = "DRIEGESPREK_AANGEVRAAGD", _("Driegesprek aangevraagd")
    DRIEGESPREK_GEPLAND = "DRIEGESPREK_GEPLAND", _("Driegesprek gepland")
    DRIEGESPREK_GEHOUDEN = "DRIEGESPREK_GEHOUDEN", _("Driegesprek gehouden")
    # gegevens: {"verwijzing": id, "partner": code}
    VERWIJZING_GEMAAKT = "VERWIJZING_GEMAAKT", _("Verwezen naar ketenpartner")
    VERWIJZING_CONTACT = "VERWIJZING_CONTACT", _("Contact met ketenpartner")
    VERWIJZING_AFGEROND = "VERWIJZING_AFGEROND", _("Verwijzing afgerond")
    # datum = the day UHT recognised the parent: the half year for SBN runs from it.
    SBN_TERMIJN_GESTART = "SBN_TERMIJN_GESTART", _("Erkend door UHT: termijn private schulden (SBN) loopt")
    SBN_SCHULDEN_INGEDIEND = "SBN_SCHULDEN_INGEDIEND", _("Private schulden ingediend bij SBN")
    KINDREGELING_SCHULDHULP_AANGEMELD = (
        "KINDREGELING_SCHULDHULP_AANGEMELD", _("Aangemeld voor extra schuldhulp kindregeling")
    )
    # Transfer between municipalities (nieuwestart.overdracht). gegevens: {"overdracht": id, "gemeente": str}
    OVERDRACHT_VERZONDEN = "OVERDRACHT_VERZONDEN", _("Dossier overgedragen aan een andere gemeente")
    OVERDRACHT_ONTVANGEN = "OVERDRACHT_ONTVANGEN", _("Dossier ontvangen van een andere gemeente")
