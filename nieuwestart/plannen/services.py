"""Writes on the plan van aanpak. Each function is one transaction: it completes or leaves no trace.

No HTTP here: views (``views.py``) call these with plain values, write the processing-log line and
show a ``RegelOvertreding`` next to the field it names. Every write on a version locks that
version's row and refuses when it is issued (``UITGEGEVEN_PLAN_VERANDERT_NIET``); the models
refuse as well (``VersieBevroren``), so no route can change an issued version.

Lifecycle: ``planversie_aanmaken`` (version 1 = eerste plan; later an addendum copying the last
issued version) → edit leefgebieden, doelen, voorzieningen, ``besluit_vastleggen`` →
``goedkeuring_vragen`` → ``goedkeuren`` / ``terugsturen`` → ``uitgeven``. Changing a provision's
content voids its approvals (they covered the provision as it was).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.permissions import in_eigen_team
from nieuwestart.dossiers.models import Dossier, DossierStatus, EersteGesprek, Leefgebied
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen, voer_transitie_uit

from . import toets as T
from .mandaat import DEKT, ROLLEN_VOOR_GOEDKEURING, benodigde_goedkeuringen
from .models import (
    Besluit,
    Doel,
    Doelstelling,
    Goedkeuring,
    Goedkeuringsoort,
    Goedkeuringuitkomst,
    Leefgebiedsituatie,
    Planstatus,
    Planversie,
    Planversiesoort,
    Voorziening,
)

# What a case worker may set on a provision (views pass these through).
VOORZIENING_VELDEN = (
    "omschrijving", "aard", "vrij_toegankelijk", "categorie", "product", "traject", "aanbieder_naam", "product_naam",
    "hoeveelheid", "bedrag", "begindatum", "einddatum",
    "belemmering", "geschiktheid", "noodzaak", "noodzakelijkheid", "evenredigheid",
    "weging_vaardigheden", "weging_draagkracht", "weging_huishouden", "weging_duurzaamheid", "weging_doel",
    "acute_noodsituatie", "acute_noodsituatie_motivering", "hardheidsclausule", "hardheidsclausule_motivering",
)
LEEFGEBIED_VELDEN = ("situatie", "voldoet_aan_doelstelling", "hulpvraag", "zrm_start", "zrm_eind")
# Copied to an addendum.
_KOPIE_VOORZIENING = VOORZIENING_VELDEN + ("besluit", "reden_afwijzing")

PLAN_MOGELIJK = frozenset({
    DossierStatus.EERSTE_GESPREK_GEVOERD, DossierStatus.PLAN_VASTGESTELD, DossierStatus.AFBOUW,
    DossierStatus.BEEINDIGD, DossierStatus.NAZORG,
})


# --- helpers ------------------------------------------------------------------------------------

def _vandaag(vandaag: date | None) -> date:
    return vandaag or timezone.localdate()


def _concept_vergrendelen(planversie_id: int) -> Planversie:
    """Lock the version row (serialises edits against issuing) and refuse an issued version."""
    versie = Planversie.objects.select_for_update().select_related("dossier").get(pk=planversie_id)
    if versie.status != Planstatus.CONCEPT:
        raise RegelOvertreding(R.UITGEGEVEN_PLAN_VERANDERT_NIET)
    return versie


def _fout(bericht: str, veld: str | None = None) -> RegelOvertreding:
    return RegelOvertreding(R.VOORZIENING_GEGEVENS_KLOPPEN, bericht, veld=veld)


def mag_goedkeuren(user, soort: str, dossier: Dossier) -> bool:
    """A user of the dossier's team with a role of ``mandaat.ROLLEN_VOOR_GOEDKEURING`` for this
    approval. (Never the requester: checked separately.)"""
    if not (user and user.is_active and in_eigen_team(user, dossier)):
        return False
    return any(user.heeft_rol(rol) for rol in ROLLEN_VOOR_GOEDKEURING[soort])


# --- versions -----------------------------------------------------------------------------------

@transaction.atomic
def planversie_aanmaken(dossier: Dossier, door, op_hoofdlijnen: bool = False, *, toelichting: str = "",
                        vandaag: date | None = None) -> Planversie:
    """Start a new concept version: the eerste plan, or an addendum copying the last issued version.

    The eerste plan starts with a leefgebied row per hulpvraag of the eerste gesprek.
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status not in PLAN_MOGELIJK or not EersteGesprek.objects.filter(dossier=dossier).exists():
        raise RegelOvertreding(
            R.PLAN_NA_EERSTE_GESPREK,
            _("Dit kan nu niet. Het dossier heeft de status '%(status)s'. Een afgesloten dossier krijgt geen "
              "nieuw plan. Is er opnieuw hulp nodig? Meld de persoon dan opnieuw aan.") % {"status": DossierStatus(dossier.status).label}
            if dossier.status == DossierStatus.AFGESLOTEN else None,
        )
    versies = list(Planversie.objects.filter(dossier=dossier).order_by("versie"))
    if any(v.status == Planstatus.CONCEPT for v in versies):
        raise RegelOvertreding(R.EEN_CONCEPT_PER_PLAN)
    nummer = len(versies) + 1
    vorige = versies[-1] if versies else None
    versie = Planversie.objects.create(
        dossier=dossier, versie=nummer,
        soort=Planversiesoort.EERSTE_PLAN if nummer == 1 else Planversiesoort.ADDENDUM,
        op_hoofdlijnen=op_hoofdlijnen if nummer == 1 else False,
        toelichting=toelichting, aangemaakt_door=door,
    )
    if vorige is None:
        eerste_gesprek = getattr(dossier, "eerste_gesprek", None)
        if eerste_gesprek is not None:
            Leefgebiedsituatie.objects.bulk_create(
                Leefgebiedsituatie(planversie=versie, leefgebied=h.leefgebied, hulpvraag=h.omschrijving)
                for h in eerste_gesprek.hulpvragen.all()
            )
    else:
        _inhoud_kopieren(vorige, versie)
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.PLANVERSIE_AANGEMAAKT, door=door, datum=_vandaag(vandaag),
        gegevens={"planversie": versie.pk, "versie": nummer, "soort": versie.soort},
        termijnen_bijwerken=False,
    )
    return versie


def _inhoud_kopieren(van: Planversie, naar: Planversie) -> None:
    Leefgebiedsituatie.objects.bulk_create(
        Leefgebiedsituatie(planversie=naar, **{f: getattr(lg, f) for f in ("leefgebied",) + LEEFGEBIED_VELDEN})
        for lg in van.leefgebieden.all()
    )
    oude_doelen = list(van.doelen.all())
    nieuwe = {}
    for dl in oude_doelen:  # one by one: the new ids are needed for the provisions
        nieuwe[dl.pk] = Doel.objects.create(
            planversie=naar, leefgebied=dl.leefgebied, omschrijving=dl.omschrijving, overgenomen_van=dl
        )
    Voorziening.objects.bulk_create(
        Voorziening(
            planversie=naar, doel=nieuwe[v.doel_id], overgenomen_van=v, besluitdatum=v.besluitdatum,
            ongewijzigd_overgenomen=not v.vrij_toegankelijk and bool(v.besluit),
            **{f: getattr(v, f) for f in _KOPIE_VOORZIENING},
        )
        for v in van.voorzieningen.all()
    )


@transaction.atomic
def planversie_bijwerken(planversie: Planversie, door, *, op_hoofdlijnen: bool | None = None,
                         toelichting: str | None = None) -> Planversie:
    versie = _concept_vergrendelen(planversie.pk)
    if op_hoofdlijnen is not None:
        if op_hoofdlijnen and versie.soort != Planversiesoort.EERSTE_PLAN:
            raise _fout(_("Alleen het eerste plan kan op hoofdlijnen zijn."), "op_hoofdlijnen")
        versie.op_hoofdlijnen = op_hoofdlijnen
    if toelichting is not None:
        versie.toelichting = toelichting
    versie.save()
    return versie


@transaction.atomic
def planversie_verwijderen(planversie: Planversie, door, *, vandaag: date | None = None) -> None:
    """Throw a concept away (an issued version stays forever); the timeline keeps that it was."""
    versie = _concept_vergrendelen(planversie.pk)
    Goedkeuring.objects.filter(voorziening__planversie=versie).delete()
    Voorziening.objects.filter(planversie=versie).delete()
    gebeurtenis_vastleggen(
        versie.dossier, GebeurtenisSoort.TOELICHTING, door=door, datum=_vandaag(vandaag),
        gegevens={"planversie": versie.pk, "versie": versie.versie, "weggegooid": True},
        toelichting=_("Het concept van versie %(nr)s van het plan is weggegooid.") % {"nr": versie.versie},
        termijnen_bijwerken=False,
    )
    versie.delete()


# --- leefgebieden and doelen --------------------------------------------------------------------

@transaction.atomic
def leefgebied_bijwerken(planversie: Planversie, leefgebied: str, door, **velden: Any) -> Leefgebiedsituatie:
    """Create or change the row of one leefgebied (situatie, voldoet_aan_doelstelling, hulpvraag, ZRM)."""
    versie = _concept_vergrendelen(planversie.pk)
    onbekend = set(velden) - set(LEEFGEBIED_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown fields: {sorted(onbekend)}")
    if leefgebied not in Leefgebied.values:
        raise _fout(_("Kies een leefgebied."), "leefgebied")
    if "voldoet_aan_doelstelling" in velden and velden["voldoet_aan_doelstelling"] not in Doelstelling.values:
        raise _fout(_("Kies ja, nee of nog niet besproken."), "voldoet_aan_doelstelling")
    for veld in ("zrm_start", "zrm_eind"):
        waarde = velden.get(veld)
        if waarde is not None and not 1 <= int(waarde) <= 5:
            raise _fout(_("Een ZRM-score is 1, 2, 3, 4 of 5."), veld)
    situatie, _nieuw = Leefgebiedsituatie.objects.get_or_create(planversie=versie, leefgebied=leefgebied)
    for veld, waarde in velden.items():
        setattr(situatie, veld, waarde)
    situatie.save()
    return situatie


@transaction.atomic
def doel_toevoegen(planversie: Planversie, door, *, leefgebied: str, omschrijving: str) -> Doel:
    versie = _concept_vergrendelen(planversie.pk)
    if leefgebied not in Leefgebied.values:
        raise _fout(_("Kies een leefgebied."), "leefgebied")
    if not omschrijving.strip():
        raise RegelOvertreding(R.VOORZIENING_HEEFT_DOEL, _("Beschrijf het doel."), veld="omschrijving")
    return Doel.objects.create(planversie=versie, leefgebied=leefgebied, omschrijving=omschrijving.strip())


@transaction.atomic
def doel_wijzigen(doel: Doel, door, *, omschrijving: str | None = None, leefgebied: str | None = None) -> Doel:
    _concept_vergrendelen(doel.planversie_id)
    doel = Doel.objects.get(pk=doel.pk)
    if omschrijving is not None:
        if not omschrijving.strip():
            raise RegelOvertreding(R.VOORZIENING_HEEFT_DOEL, _("Beschrijf het doel."), veld="omschrijving")
        doel.omschrijving = omschrijving.strip()
    if leefgebied is not None:
        if leefgebied not in Leefgebied.values:
            raise _fout(_("Kies een leefgebied."), "leefgebied")
        doel.leefgebied = leefgebied
    doel.save()
    # A changed goal changes the provisions under it: they are new decisions again.
    _voorzieningen_gewijzigd(Voorziening.objects.filter(doel=doel))
    return doel


@transaction.atomic
def doel_verwijderen(doel: Doel, door) -> None:
    _concept_vergrendelen(doel.planversie_id)
    if Voorziening.objects.filter(doel_id=doel.pk).exists():
        raise RegelOvertreding(R.DOEL_MET_VOORZIENINGEN_BLIJFT)
    Doel.objects.get(pk=doel.pk).delete()


# --- voorzieningen ------------------------------------------------------------------------------

def _controleer_voorziening(v: Voorziening) -> None:
    if not v.omschrijving.strip():
        raise _fout(_("Beschrijf de voorziening."), "omschrijving")
    if v.bedrag is not None and Decimal(v.bedrag) < 0:
        raise _fout(_("Een bedrag kan niet negatief zijn. Vul een bedrag van € 0 of meer in."), "bedrag")
    if v.begindatum and v.einddatum and v.einddatum < v.begindatum:
        raise _fout(_("De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum."), "einddatum")
    if v.traject_id and v.product_id and v.traject.product_id != v.product_id:
        raise _fout(_("Dit traject hoort niet bij het gekozen product."), "traject")
    if v.vrij_toegankelijk:  # no decision for free access
        v.besluit, v.reden_afwijzing = "", ""
    if v.traject_id and not v.product_id:
        v.product_id = v.traject.product_id
    if v.doel.planversie_id != v.planversie_id:
        raise RegelOvertreding(R.VOORZIENING_HEEFT_DOEL, _("Kies een doel uit dit plan."), veld="doel")
    if v.product_id:
        if not v.product_naam:
            v.product_naam = v.product.naam
        if not v.aanbieder_naam:
            v.aanbieder_naam = v.product.aanbieder.naam


def _zet_velden(v: Voorziening, velden: dict[str, Any]) -> None:
    onbekend = set(velden) - set(VOORZIENING_VELDEN) - {"doel"}
    if onbekend:
        raise ValueError(f"Unknown fields: {sorted(onbekend)}")
    for veld, waarde in velden.items():
        if isinstance(waarde, str) and veld not in ("aard", "categorie", "noodzaak"):
            waarde = waarde.strip()
        setattr(v, veld, waarde)


def _voorzieningen_gewijzigd(qs) -> None:
    """Content changed: approvals lapse, and a provision taken over unchanged becomes a new decision."""
    ids = list(qs.values_list("pk", flat=True))
    if not ids:
        return
    Goedkeuring.objects.filter(voorziening_id__in=ids, vervallen_op__isnull=True).exclude(
        uitkomst=Goedkeuringuitkomst.TERUGGESTUURD
    ).update(vervallen_op=timezone.now())
    Voorziening.objects.filter(pk__in=ids, ongewijzigd_overgenomen=True).update(ongewijzigd_overgenomen=False)


@transaction.atomic
def voorziening_toevoegen(doel: Doel, door, **velden: Any) -> Voorziening:
    """Add a provision under a goal (``velden``: see ``VOORZIENING_VELDEN``)."""
    versie = _concept_vergrendelen(doel.planversie_id)
    v = Voorziening(planversie=versie, doel=doel)
    _zet_velden(v, velden)
    _controleer_voorziening(v)
    v.save()
    return v


@transaction.atomic
def voorziening_wijzigen(voorziening: Voorziening, door, **velden: Any) -> Voorziening:
    """Change a provision; ``doel=`` moves it to another goal of the same version. Voids its approvals."""
    _concept_vergrendelen(voorziening.planversie_id)
    v = Voorziening.objects.select_related("doel").get(pk=voorziening.pk)
    voor = {f: getattr(v, f if f not in ("product", "traject", "doel") else f + "_id") for f in VOORZIENING_VELDEN + ("doel",)}
    _zet_velden(v, velden)
    _controleer_voorziening(v)
    na = {f: getattr(v, f if f not in ("product", "traject", "doel") else f + "_id") for f in VOORZIENING_VELDEN + ("doel",)}
    v.save()
    if voor != na:
        _voorzieningen_gewijzigd(Voorziening.objects.filter(pk=v.pk))
        v.refresh_from_db()
    return v


@transaction.atomic
def voorziening_verwijderen(voorziening: Voorziening, door) -> None:
    """Remove a provision from a concept (in an addendum: the earlier grant is withdrawn)."""
    _concept_vergrendelen(voorziening.planversie_id)
    Goedkeuring.objects.filter(voorziening_id=voorziening.pk).delete()
    Voorziening.objects.get(pk=voorziening.pk).delete()


@transaction.atomic
def besluit_vastleggen(voorziening: Voorziening, besluit: str, reden: str = "", *, door=None) -> Voorziening:
    """Record the proposed decision: TOEGEKEND, AFGEWEZEN (with a reason) or "" (undecided).

    The decision takes effect when the version is issued (``besluitdatum``).
    """
    _concept_vergrendelen(voorziening.planversie_id)
    v = Voorziening.objects.get(pk=voorziening.pk)
    if besluit not in ("", *Besluit.values):
        raise RegelOvertreding(R.BESLUIT_VASTGELEGD, _("Kies toekennen of afwijzen."), veld="besluit")
    if v.vrij_toegankelijk and besluit:
        raise RegelOvertreding(
            R.BESLUIT_VASTGELEGD, _("Een vrij toegankelijke voorziening heeft geen besluit nodig."), veld="besluit"
        )
    reden = (reden or "").strip()
    if besluit == Besluit.AFGEWEZEN and not reden:
        raise RegelOvertreding(R.BESLUIT_VASTGELEGD, _("Schrijf waarom de voorziening wordt afgewezen."),
                               veld="reden_afwijzing")
    gewijzigd = (v.besluit, v.reden_afwijzing) != (besluit, reden if besluit == Besluit.AFGEWEZEN else "")
    v.besluit = besluit
    v.reden_afwijzing = reden if besluit == Besluit.AFGEWEZEN else ""
    if gewijzigd:
        v.ongewijzigd_overgenomen = False
    v.save()
    return v


# --- approvals ----------------------------------------------------------------------------------

def _instellingen(instellingen):
    if instellingen is None:
        from nieuwestart.instellingen.selectors import gemeente_instellingen

        return gemeente_instellingen()
    return instellingen


@transaction.atomic
def goedkeuring_vragen(voorziening: Voorziening, door, soort: str | None = None, gevraagd_aan=None, *,
                       vandaag: date | None = None, instellingen=None) -> list[Goedkeuring]:
    """Ask the approvals this provision still needs (or one ``soort``), optionally of one person."""
    versie = _concept_vergrendelen(voorziening.planversie_id)
    v = Voorziening.objects.get(pk=voorziening.pk)
    nodig = benodigde_goedkeuringen(v, _instellingen(instellingen))
    bestaand = list(v.goedkeuringen.filter(vervallen_op__isnull=True))
    gedekt = {g.soort for g in bestaand if g.uitkomst == Goedkeuringuitkomst.GOEDGEKEURD}
    open_ = {g.soort for g in bestaand if g.uitkomst == Goedkeuringuitkomst.GEVRAAGD}
    te_vragen = [s for s in nodig if not (DEKT[s] & gedekt) and s not in open_]
    if soort is not None:
        if soort not in te_vragen:
            raise RegelOvertreding(R.GOEDKEURING_NODIG, veld="soort")
        te_vragen = [soort]
    if not te_vragen:
        raise RegelOvertreding(R.GOEDKEURING_NODIG)
    if Goedkeuringsoort.HARDHEIDSCLAUSULE in te_vragen and not v.hardheidsclausule_motivering.strip():
        raise RegelOvertreding(
            R.HARDHEIDSCLAUSULE_MET_TEAMLEIDER, _("Schrijf eerst op waarom de hardheidsclausule nodig is."),
            veld="hardheidsclausule_motivering",
        )
    if gevraagd_aan is not None:
        if gevraagd_aan.pk == door.pk:
            raise RegelOvertreding(R.GOEDKEURING_DOOR_ANDER, veld="gevraagd_aan")
        if not all(mag_goedkeuren(gevraagd_aan, s, versie.dossier) for s in te_vragen):
            raise RegelOvertreding(R.GOEDKEURING_BEVOEGD, veld="gevraagd_aan")
    gemaakt = []
    for s in te_vragen:
        gk = Goedkeuring.objects.create(voorziening=v, soort=s, gevraagd_door=door, gevraagd_aan=gevraagd_aan)
        gemaakt.append(gk)
        gebeurtenis_vastleggen(
            versie.dossier, GebeurtenisSoort.GOEDKEURING_GEVRAAGD, door=door, datum=_vandaag(vandaag),
            gegevens={"planversie": versie.pk, "voorziening": v.pk, "goedkeuring": gk.pk, "soort": s},
            toelichting=_("%(soort)s gevraagd voor '%(naam)s'.") % {
                "soort": Goedkeuringsoort(s).label, "naam": v.omschrijving},
            termijnen_bijwerken=False,
        )
    return gemaakt


def _beoordelen(goedkeuring: Goedkeuring, door, uitkomst: str, opmerking: str, vandaag: date | None) -> Goedkeuring:
    gk = Goedkeuring.objects.select_related("voorziening").get(pk=goedkeuring.pk)
    versie = _concept_vergrendelen(gk.voorziening.planversie_id)
    gk = Goedkeuring.objects.select_for_update().select_related("voorziening").get(pk=gk.pk)
    if not gk.is_open:
        raise RegelOvertreding(R.GOEDKEURING_OPEN)
    if gk.gevraagd_door_id == door.pk:
        raise RegelOvertreding(R.GOEDKEURING_DOOR_ANDER)
    if not mag_goedkeuren(door, gk.soort, versie.dossier):
        raise RegelOvertreding(R.GOEDKEURING_BEVOEGD)
    gk.uitkomst = uitkomst
    gk.door = door
    gk.opmerking = opmerking
    gk.op = timezone.now()
    gk.save()
    soort = (GebeurtenisSoort.GOEDKEURING_GEGEVEN if uitkomst == Goedkeuringuitkomst.GOEDGEKEURD
             else GebeurtenisSoort.GOEDKEURING_TERUGGESTUURD)
    tekst = _("%(soort)s voor '%(naam)s'.") % {"soort": Goedkeuringsoort(gk.soort).label, "naam": gk.voorziening.omschrijving}
    if opmerking:
        tekst += " " + opmerking
    gebeurtenis_vastleggen(
        versie.dossier, soort, door=door, datum=_vandaag(vandaag),
        gegevens={"planversie": versie.pk, "voorziening": gk.voorziening_id, "goedkeuring": gk.pk, "soort": gk.soort},
        toelichting=tekst, termijnen_bijwerken=False,
    )
    return gk


@transaction.atomic
def goedkeuren(goedkeuring: Goedkeuring, door, opmerking: str = "", *, vandaag: date | None = None) -> Goedkeuring:
    return _beoordelen(goedkeuring, door, Goedkeuringuitkomst.GOEDGEKEURD, (opmerking or "").strip(), vandaag)


@transaction.atomic
def terugsturen(goedkeuring: Goedkeuring, door, opmerking: str, *, vandaag: date | None = None) -> Goedkeuring:
    if not (opmerking or "").strip():
        raise RegelOvertreding(R.TERUGSTUREN_MET_OPMERKING, veld="opmerking")
    return _beoordelen(goedkeuring, door, Goedkeuringuitkomst.TERUGGESTUURD, opmerking.strip(), vandaag)


# --- issuing ------------------------------------------------------------------------------------

def _weigering(blokkades: list[T.Toetsuitkomst]) -> RegelOvertreding:
    regels = "\n".join(f"- {u.regel.naam}: {u.toelichting}" for u in blokkades)
    return RegelOvertreding(
        R.UITGEVEN_ZONDER_BLOKKADE,
        _("Het plan kan nog niet worden uitgegeven. Dit moet eerst worden opgelost:\n%(regels)s") % {"regels": regels},
    )


@transaction.atomic
def uitgeven(planversie: Planversie, door, vandaag: date, *, instellingen=None):
    """Issue a concept: refused while the toets blocks (missing approvals included).

    Freezes the version, stores the beschikking (``beschikkingen.services.beschikking_vastleggen``) and,
    for the first plan, records PLAN_VASTGESTELD (which meets the PLAN_VAN_AANPAK term). All or nothing.
    Returns the stored beschikking.
    """
    from nieuwestart.beschikkingen.services import beschikking_vastleggen

    from .inhoud import beschikking_inhoud
    from .selectors import plangegevens, planversie_met_inhoud

    instellingen = _instellingen(instellingen)
    Dossier.objects.select_for_update().filter(pk=planversie.dossier_id).first()
    _concept_vergrendelen(planversie.pk)
    versie = planversie_met_inhoud(planversie.pk)
    uitkomsten = T.toets(plangegevens(versie, vandaag=vandaag, instellingen=instellingen))
    blokkades = T.blokkades(uitkomsten)
    if blokkades:
        raise _weigering(blokkades)

    nieuw = [v.pk for v in versie.voorzieningen.all() if not v.vrij_toegankelijk and not v.ongewijzigd_overgenomen]
    Voorziening.objects.filter(pk__in=nieuw).update(besluitdatum=vandaag)
    versie.status = Planstatus.UITGEGEVEN
    versie.uitgegeven_op = vandaag
    versie.uitgegeven_door = door
    versie.save()

    versie = planversie_met_inhoud(versie.pk)  # fresh, with the decision dates
    # The commitment (verplichting) arises with the decision: cost records live in financien.
    from nieuwestart.financien.services import verplichtingen_vastleggen

    verplichtingen_vastleggen(planversie=versie, vandaag=vandaag)
    inhoud = beschikking_inhoud(versie, datum=vandaag, door=door, instellingen=instellingen)
    beschikking = beschikking_vastleggen(dossier=versie.dossier, planversie=versie, inhoud=inhoud, door=door, datum=vandaag)

    dossier = versie.dossier
    gegevens = {"planversie": versie.pk, "versie": versie.versie}
    if versie.soort == Planversiesoort.EERSTE_PLAN:
        dossier.refresh_from_db(fields=["status"])
        if dossier.status == DossierStatus.EERSTE_GESPREK_GEVOERD:
            voer_transitie_uit(dossier, "plan_vaststellen", door=door, datum=vandaag, gegevens=gegevens)
        else:
            # E.g. the wind-down started before the first plan: the plan is still set, the status stays.
            gebeurtenis_vastleggen(dossier, GebeurtenisSoort.PLAN_VASTGESTELD, door=door, datum=vandaag, gegevens=gegevens)
    else:
        gebeurtenis_vastleggen(
            dossier, GebeurtenisSoort.ADDENDUM_UITGEGEVEN, door=door, datum=vandaag, gegevens=gegevens,
            toelichting=versie.toelichting, termijnen_bijwerken=False,
        )
    planversie.refresh_from_db()
    return beschikking
