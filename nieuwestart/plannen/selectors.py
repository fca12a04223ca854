"""Reads for the plan van aanpak: versions of a dossier, the toets of a version, the approver's worklist.

``toets_voor`` runs a constant number of queries however many provisions a version has (prefetch);
``tests/test_selectors.py`` checks that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from nieuwestart.accounts.models import Rol, User
from nieuwestart.dossiers.models import Leefgebied
from nieuwestart.termijnen.regels import TermijnSoort
from nieuwestart.termijnen.services import opgeslagen_termijnen

from .mandaat import Mandaatgrenzen, rollen_voor_alle, soorten_voor_rollen
from .models import Doel, Goedkeuring, Goedkeuringsoort, Goedkeuringuitkomst, Leefgebiedsituatie, Planversie, Voorziening
from .toets import LeefgebiedGegevens, PlanGegevens, Toetsuitkomst, VoorzieningGegevens, toets

WEGING_VELDEN = ("weging_vaardigheden", "weging_draagkracht", "weging_huishouden", "weging_duurzaamheid", "weging_doel")


def planversies_van(dossier) -> QuerySet[Planversie]:
    """All versions of a dossier's plan, oldest first, with who issued them."""
    return Planversie.objects.filter(dossier=dossier).select_related("uitgegeven_door", "aangemaakt_door").order_by("versie")


def concept_van(dossier) -> Planversie | None:
    return Planversie.objects.filter(dossier=dossier, status="CONCEPT").first()


def laatst_uitgegeven(dossier) -> Planversie | None:
    return Planversie.objects.filter(dossier=dossier, status="UITGEGEVEN").order_by("-versie").first()


def planversie_met_inhoud(pk: int) -> Planversie:
    """One version with everything the editor and the toets show, in a fixed number of queries."""
    return _met_inhoud(Planversie.objects.filter(pk=pk)).get()


def _met_inhoud(qs):
    return qs.select_related("dossier", "dossier__rechthebbende", "dossier__eerste_gesprek").prefetch_related(
        Prefetch("leefgebieden", queryset=Leefgebiedsituatie.objects.order_by("id")),
        Prefetch("doelen", queryset=Doel.objects.order_by("id")),
        Prefetch(
            "voorzieningen",
            queryset=Voorziening.objects.select_related("doel", "product", "traject").prefetch_related(
                Prefetch("goedkeuringen", queryset=Goedkeuring.objects.select_related("gevraagd_door", "door", "gevraagd_aan").order_by("id"))
            ).order_by("id"),
        ),
    )


@dataclass(frozen=True)
class Termijngrenzen:
    eerste_gesprek: date | None
    plan_uiterlijk: date | None
    materieel_uiterlijk: date | None
    besluiten_uiterlijk: date | None


def termijngrenzen(dossier) -> Termijngrenzen:
    """The last day of the plan, material and all-decisions terms, from the stored ``Termijn`` rows."""
    regels = [TermijnSoort.PLAN_VAN_AANPAK, TermijnSoort.MATERIELE_VOORZIENINGEN, TermijnSoort.ALLE_BESLUITEN]
    rijen = {}
    for r in opgeslagen_termijnen(dossier, regels):
        rijen.setdefault(r.regel, r)  # newest start first

    def einde(code):
        r = rijen.get(code)
        return r.einddatum if r else None

    start = rijen.get(TermijnSoort.ALLE_BESLUITEN) or rijen.get(TermijnSoort.PLAN_VAN_AANPAK)
    return Termijngrenzen(
        eerste_gesprek=start.startdatum if start else None,
        plan_uiterlijk=einde(TermijnSoort.PLAN_VAN_AANPAK),
        materieel_uiterlijk=einde(TermijnSoort.MATERIELE_VOORZIENINGEN),
        besluiten_uiterlijk=einde(TermijnSoort.ALLE_BESLUITEN),
    )


def voorziening_gegevens(v: Voorziening) -> VoorzieningGegevens:
    goedkeuringen = list(v.goedkeuringen.all())
    return VoorzieningGegevens(
        id=v.pk,
        omschrijving=v.omschrijving,
        doel=v.doel.omschrijving if v.doel_id else None,
        aard=v.aard,
        vrij_toegankelijk=v.vrij_toegankelijk,
        categorie=v.categorie,
        bedrag=v.bedrag,
        noodzaak=v.noodzaak,
        belemmering=v.belemmering,
        geschiktheid=v.geschiktheid,
        noodzakelijkheid=v.noodzakelijkheid,
        evenredigheid=v.evenredigheid,
        weging=tuple((str(Voorziening._meta.get_field(f).verbose_name), getattr(v, f)) for f in WEGING_VELDEN),
        acute_noodsituatie=v.acute_noodsituatie,
        acute_noodsituatie_motivering=v.acute_noodsituatie_motivering,
        hardheidsclausule=v.hardheidsclausule,
        hardheidsclausule_motivering=v.hardheidsclausule_motivering,
        besluit=v.besluit,
        reden_afwijzing=v.reden_afwijzing,
        ongewijzigd_overgenomen=v.ongewijzigd_overgenomen,
        goedgekeurd=frozenset(g.soort for g in goedkeuringen if g.telt),
        gevraagd=frozenset(g.soort for g in goedkeuringen if g.is_open),
    )


def plangegevens(planversie: Planversie, *, vandaag: date, instellingen=None, grenzen: Termijngrenzen | None = None) -> PlanGegevens:
    """The plain data the toets judges; ``planversie`` should come from ``planversie_met_inhoud``."""
    if instellingen is None:
        from nieuwestart.instellingen.selectors import gemeente_instellingen

        instellingen = gemeente_instellingen()
    grenzen = grenzen or termijngrenzen(planversie.dossier)
    doelen = list(planversie.doelen.all())
    met_doel = {dl.leefgebied for dl in doelen if dl.omschrijving.strip()}
    leefgebieden = tuple(
        LeefgebiedGegevens(
            leefgebied=lg.leefgebied,
            label=str(Leefgebied(lg.leefgebied).label),
            voldoet=lg.voldoet_aan_doelstelling,
            beschreven=bool(lg.situatie.strip() or lg.hulpvraag.strip()),
            heeft_doel=lg.leefgebied in met_doel,
        )
        for lg in planversie.leefgebieden.all()
    )
    return PlanGegevens(
        soort=planversie.soort,
        peildatum=planversie.uitgegeven_op or vandaag,
        dossierstatus=planversie.dossier.status,
        op_hoofdlijnen=planversie.op_hoofdlijnen,
        eerste_gesprek=grenzen.eerste_gesprek,
        plan_uiterlijk=grenzen.plan_uiterlijk,
        materieel_uiterlijk=grenzen.materieel_uiterlijk,
        besluiten_uiterlijk=grenzen.besluiten_uiterlijk,
        mandaat=Mandaatgrenzen.uit(instellingen),
        leefgebieden=leefgebieden,
        voorzieningen=tuple(voorziening_gegevens(v) for v in planversie.voorzieningen.all()),
    )


def toets_voor(planversie: Planversie | int, *, vandaag: date | None = None, instellingen=None) -> list[Toetsuitkomst]:
    """The toets of one version (a concept judged as if issued ``vandaag``)."""
    pk = planversie if isinstance(planversie, int) else planversie.pk
    versie = planversie_met_inhoud(pk)
    return toets(plangegevens(versie, vandaag=vandaag or timezone.localdate(), instellingen=instellingen))


def openstaande_goedkeuringen_voor(user) -> QuerySet[Goedkeuring]:
    """Open approval requests this user may decide: for the approver's worklist.

    Requests in the user's teams' dossiers, of a kind the user's role may approve, not asked by
    the user themselves, on a concept version; those addressed to someone else are left out.
    """
    if not user.is_authenticated:
        return Goedkeuring.objects.none()
    soorten = soorten_voor_rollen(rol for rol in Rol if user.heeft_rol(rol))
    if not soorten:
        return Goedkeuring.objects.none()
    return (
        Goedkeuring.objects.filter(
            uitkomst=Goedkeuringuitkomst.GEVRAAGD,
            vervallen_op__isnull=True,
            soort__in=soorten,
            voorziening__planversie__status="CONCEPT",
            voorziening__planversie__dossier__team__in=user.teams.all(),
        )
        .filter(Q(gevraagd_aan__isnull=True) | Q(gevraagd_aan=user))
        .exclude(gevraagd_door=user)
        .select_related(
            "voorziening", "voorziening__planversie", "voorziening__planversie__dossier",
            "voorziening__planversie__dossier__rechthebbende", "gevraagd_door", "gevraagd_aan",
        )
        .order_by("gevraagd_op", "id")
    )


def mogelijke_beoordelaars(dossier, soorten, *, behalve) -> QuerySet:
    """Colleagues who may decide every one of ``soorten`` for this dossier: the choice when a
    consulent addresses an approval request to one person. The same roles as ``mag_goedkeuren``."""
    rollen = [rol.value for rol in rollen_voor_alle(soorten)]
    return (
        User.objects.filter(is_active=True, teams=dossier.team_id, groups__name__in=rollen)
        .exclude(pk=behalve.pk)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
