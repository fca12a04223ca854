"""The plan editor, the live toets panel, approvals and issuing: thin views over ``plannen.services``.

Every route but the approver's list hangs under a dossier and goes through
``dossiers.views.dossier_view`` (role rule, own team or break-the-glass, processing log). A version
is addressed by its number within the dossier; goals, provisions and approvals only within that
version (404 otherwise, so ids of other dossiers lead nowhere).

Works without JavaScript: every action has a GET page (the form, or a confirmation) and a POST that
redirects back to the editor, or shows the form again with the Dutch refusal next to the field.
With htmx the forms on the editor page post in place: the view answers with the changed section and
the event ``plan-gewijzigd``, on which the toets panel (``aria-live``) reloads itself.

An issued version is read-only: every edit route answers 403 with the Dutch reason
(``UITGEGEVEN_PLAN_VERANDERT_NIET``), before any form is shown; the services and the models refuse too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nieuwestart.beleid import regels as R
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import DOELSTELLINGEN, Dossier, Leefgebied
from nieuwestart.dossiers.permissions import mag_dossier_wijzigen
from nieuwestart.dossiers.views import dossier_view
from nieuwestart.logboek.services import verwerking
from nieuwestart.toegang.regels import DOSSIERS_LEZEN, DOSSIERS_WIJZIGEN, vereist

from . import selectors, services
from . import toets as T
from .forms import BeoordelingForm, DoelForm, DoelWijzigenForm, GoedkeuringVragenForm, PlanversieWijzigenForm, LeefgebiedForm, NieuwePlanversieForm, VoorzieningForm
from .mandaat import benodigde_goedkeuringen, ontbrekende_goedkeuringen
from .models import Doel, Goedkeuring, Leefgebiedsituatie, Planstatus, Planversie, Voorziening

WIJZIGEN = {"lezen": "plan_formulier_bekijken", "wijzigen": "plan_wijzigen"}
HX_GEWIJZIGD = "plan-gewijzigd"


def _vandaag():
    return timezone.localdate()


def _gegevens(request):
    """The posted data, also when empty (an empty POST is still a submitted form)."""
    return request.POST if request.method == "POST" else None


def _instellingen():
    from nieuwestart.instellingen.selectors import gemeente_instellingen

    return gemeente_instellingen()


def _versie(dossier: Dossier, nummer: int) -> Planversie:
    return get_object_or_404(Planversie.objects.select_related("dossier"), dossier=dossier, versie=nummer)


def _versie_met_inhoud(dossier: Dossier, nummer: int) -> Planversie:
    pk = Planversie.objects.filter(dossier=dossier, versie=nummer).values_list("pk", flat=True).first()
    if pk is None:
        raise Http404
    versie = selectors.planversie_met_inhoud(pk)
    versie.dossier = dossier  # the one the access check loaded (with its rechthebbende)
    return versie


def _editor_url(dossier: Dossier, versie: Planversie, anker: str = "") -> str:
    url = reverse("plannen:versie", args=[dossier.pk, versie.versie])
    return f"{url}#{anker}" if anker else url


def _weiger_uitgegeven(request, dossier: Dossier, versie: Planversie):
    """403 with the Dutch reason: an issued version never changes (every edit route checks this first)."""
    return render(
        request, "plannen/uitgegeven.html",
        {"dossier": dossier, "versie": versie, "regel": R.UITGEGEVEN_PLAN_VERANDERT_NIET}, status=403,
    )


def _gewijzigd(antwoord):
    antwoord["HX-Trigger"] = HX_GEWIJZIGD
    return antwoord


# --- the editor page -----------------------------------------------------------------------------

@dataclass
class LeefgebiedBlok:
    """One leefgebied on the editor page: its situation, its goals with their provisions, and the forms."""

    code: str
    label: str
    doelstelling: str
    situatie: Leefgebiedsituatie | None
    doelen: list = field(default_factory=list)  # [(Doel, [Voorziening])]
    form: LeefgebiedForm | None = None
    doel_form: DoelForm | None = None
    opgeslagen: bool = False

    @property
    def anker(self) -> str:
        return f"lg-{self.code.lower()}"


@dataclass
class VoorzieningRegel:
    """A provision with what the mandate asks of it (for the buttons and the read-only view)."""

    v: Voorziening
    nodig: tuple
    ontbreekt: tuple
    open: list
    gegeven: list

    @property
    def te_vragen(self) -> tuple:
        gevraagd = {g.soort for g in self.open}
        return tuple(s for s in self.ontbreekt if s not in gevraagd)


def _voorziening_regel(v: Voorziening, instellingen) -> VoorzieningRegel:
    goedkeuringen = list(v.goedkeuringen.all())
    nodig = benodigde_goedkeuringen(v, instellingen)
    ontbreekt = ontbrekende_goedkeuringen(nodig, {g.soort for g in goedkeuringen if g.telt})
    return VoorzieningRegel(
        v=v, nodig=nodig, ontbreekt=ontbreekt,
        open=[g for g in goedkeuringen if g.is_open],
        gegeven=[g for g in goedkeuringen if g.vervallen_op is None and not g.is_open],
    )


def _blokken(versie: Planversie, *, bewerkbaar: bool, instellingen, formulieren=None, opgeslagen=None) -> list[LeefgebiedBlok]:
    formulieren = formulieren or {}
    situaties = {lg.leefgebied: lg for lg in versie.leefgebieden.all()}
    per_doel: dict[int, list] = {}
    for v in versie.voorzieningen.all():
        per_doel.setdefault(v.doel_id, []).append(_voorziening_regel(v, instellingen))
    blokken = []
    for lg in Leefgebied:
        situatie = situaties.get(lg.value)
        blok = LeefgebiedBlok(
            code=lg.value, label=str(lg.label), doelstelling=str(DOELSTELLINGEN[lg]), situatie=situatie,
            doelen=[(d, per_doel.get(d.pk, [])) for d in versie.doelen.all() if d.leefgebied == lg.value],
            opgeslagen=opgeslagen == lg.value,
        )
        if bewerkbaar:
            blok.form = formulieren.get(("lg", lg.value)) or LeefgebiedForm(
                instance=situatie or Leefgebiedsituatie(leefgebied=lg.value), leefgebied=lg.value
            )
            blok.doel_form = formulieren.get(("doel", lg.value)) or DoelForm(leefgebied=lg.value)
        blokken.append(blok)
    return blokken


@dataclass(frozen=True)
class Toetspaneel:
    rijen: list  # [(Beleidsregel, niveau, [Toetsuitkomst])], worst first
    blokkades: int
    waarschuwingen: int


_ERNST = {T.Niveau.BLOKKADE: 0, T.Niveau.WAARSCHUWING: 1, T.Niveau.VOLDAAN: 2}


def _toetspaneel(uitkomsten) -> Toetspaneel:
    """Every rule of the toets, also those that concern nothing in this plan yet (then: voldaan)."""
    gevonden = {regel.code: (regel, niveau, lijst) for regel, niveau, lijst in T.per_regel(uitkomsten)}
    rijen = [gevonden.get(r.code, (r, T.Niveau.VOLDAAN, [])) for r in R.PLAN_TOETSREGELS]
    rijen.sort(key=lambda rij: _ERNST[T.Niveau(rij[1])])
    return Toetspaneel(
        rijen=rijen, blokkades=len(T.blokkades(uitkomsten)), waarschuwingen=len(T.waarschuwingen(uitkomsten))
    )


def _paneel_voor(versie: Planversie, instellingen, grenzen=None) -> Toetspaneel:
    gegevens = selectors.plangegevens(versie, vandaag=_vandaag(), instellingen=instellingen, grenzen=grenzen)
    return _toetspaneel(T.toets(gegevens))


def _editor_context(request, dossier: Dossier, versie: Planversie, *, formulieren=None, fout=None) -> dict:
    instellingen = _instellingen()
    mag_wijzigen = mag_dossier_wijzigen(request.user, dossier)
    bewerkbaar = mag_wijzigen and versie.status == Planstatus.CONCEPT
    grenzen = selectors.termijngrenzen(dossier)
    concept = selectors.concept_van(dossier) if versie.is_uitgegeven else None
    beschikking = None
    if versie.is_uitgegeven:
        beschikking = versie.beschikkingen.defer("pdf", "docx", "inhoud").order_by("-id").first()
    return {
        "dossier": dossier,
        "rechthebbende": dossier.rechthebbende,
        "versie": versie,
        "blokken": _blokken(versie, bewerkbaar=bewerkbaar, instellingen=instellingen, formulieren=formulieren),
        "paneel": _paneel_voor(versie, instellingen, grenzen) if not versie.is_uitgegeven else None,
        "bewerkbaar": bewerkbaar,
        "mag_wijzigen": mag_wijzigen,
        "beschikking": beschikking,
        "kan_addendum": mag_wijzigen and versie.is_uitgegeven and concept is None,
        "concept": concept,
        "grenzen": grenzen,
        "fout": fout,
    }


@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="plan_bekijken")
def versie(request, dossier: Dossier, versie: int):
    planversie = _versie_met_inhoud(dossier, versie)
    return render(request, "plannen/versie.html", _editor_context(request, dossier, planversie))


@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="plan_toets_bekijken")
def toets(request, dossier: Dossier, versie: int):
    """The toets panel alone (htmx reloads it after every change); on a plain request as a page of its own."""
    planversie = _versie_met_inhoud(dossier, versie)
    paneel = _paneel_voor(planversie, _instellingen()) if not planversie.is_uitgegeven else None
    sjabloon = "plannen/_toets.html" if request.htmx else "plannen/toets.html"
    return render(request, sjabloon, {"dossier": dossier, "versie": planversie, "paneel": paneel})


# --- starting a version --------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def versie_nieuw(request, dossier: Dossier):
    """Start the first plan (possibly op hoofdlijnen) or an addendum to the last issued version."""
    concept = selectors.concept_van(dossier)
    addendum = selectors.laatst_uitgegeven(dossier) is not None
    form = NieuwePlanversieForm(_gegevens(request), addendum=addendum)
    if request.method == "POST" and concept is None and form.is_valid():
        try:
            nieuw = services.planversie_aanmaken(
                dossier, request.user, op_hoofdlijnen=form.cleaned_data.get("op_hoofdlijnen", False),
                toelichting=form.cleaned_data.get("toelichting", ""), vandaag=_vandaag(),
            )
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, _("Versie %(versie)s van het plan is gestart.") % {"versie": nieuw.versie})
            return redirect(_editor_url(dossier, nieuw))
    return render(
        request, "plannen/versie_nieuw.html",
        {"dossier": dossier, "form": form, "addendum": addendum, "concept": concept},
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def versie_wijzigen(request, dossier: Dossier, versie: int):
    """Change a concept's 'op hoofdlijnen' (first plan) or what the addendum changes."""
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    form = PlanversieWijzigenForm(_gegevens(request), instance=planversie)
    if request.method == "POST" and form.is_valid():
        try:
            services.planversie_bijwerken(
                planversie, request.user, op_hoofdlijnen=form.cleaned_data.get("op_hoofdlijnen"),
                toelichting=form.cleaned_data.get("toelichting"),
            )
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, _("De gegevens van het plan zijn opgeslagen."))
            return redirect(_editor_url(dossier, planversie))
    return render(request, "plannen/versie_wijzigen.html", {"dossier": dossier, "versie": planversie, "form": form})


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def versie_verwijderen(request, dossier: Dossier, versie: int):
    """Throw a concept away, after confirmation; an issued version stays forever."""
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    fout = None
    if request.method == "POST":
        try:
            services.planversie_verwijderen(planversie, request.user, vandaag=_vandaag())
        except RegelOvertreding as e:
            fout = e.bericht
        else:
            messages.success(request, _("Het concept (versie %(nr)s) is weggegooid.") % {"nr": planversie.versie})
            return redirect("dossiers:detail", dossier.pk)
    return render(request, "plannen/bevestigen.html", {
        "dossier": dossier, "versie": planversie, "fout": fout,
        "titel": _("Concept weggooien"),
        "vraag": _("Wilt u dit concept weggooien? De doelen en voorzieningen erin zijn dan weg. "
                   "Dit kunt u niet ongedaan maken."),
        "onderwerp": _("Versie %(nr)s van het plan (concept)") % {"nr": planversie.versie},
        "knop": _("Concept weggooien"), "terug": _editor_url(dossier, planversie),
    })


# --- leefgebieden and doelen ---------------------------------------------------------------------

def _leefgebied_of_404(code: str) -> str:
    if code not in Leefgebied.values:
        raise Http404
    return code


def _sectie_of_pagina(request, dossier, versie_pk, code, *, formulieren=None, opgeslagen=False):
    """htmx: the leefgebied section; otherwise the editor page (with the bound forms and their errors)."""
    planversie = selectors.planversie_met_inhoud(versie_pk)
    planversie.dossier = dossier
    if request.htmx:
        instellingen = _instellingen()
        blokken = _blokken(planversie, bewerkbaar=True, instellingen=instellingen, formulieren=formulieren,
                           opgeslagen=code if opgeslagen else None)
        blok = next(b for b in blokken if b.code == code)
        antwoord = render(request, "plannen/_leefgebied.html",
                          {"dossier": dossier, "versie": planversie, "blok": blok, "bewerkbaar": True})
        return _gewijzigd(antwoord) if opgeslagen else antwoord
    if opgeslagen:
        return redirect(_editor_url(dossier, planversie, f"lg-{code.lower()}"))
    return render(request, "plannen/versie.html", _editor_context(request, dossier, planversie, formulieren=formulieren))


def _leefgebied_pagina(request, dossier, versie_pk, code):
    """One leefgebied on a page of its own (the GET of its edit routes)."""
    planversie = selectors.planversie_met_inhoud(versie_pk)
    planversie.dossier = dossier
    blokken = _blokken(planversie, bewerkbaar=True, instellingen=_instellingen())
    blok = next(b for b in blokken if b.code == code)
    return render(request, "plannen/leefgebied.html", {"dossier": dossier, "versie": planversie, "blok": blok, "bewerkbaar": True})


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def leefgebied(request, dossier: Dossier, versie: int, leefgebied: str):
    code = _leefgebied_of_404(leefgebied)
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    if request.method == "GET":
        return _leefgebied_pagina(request, dossier, planversie.pk, code)
    situatie = Leefgebiedsituatie.objects.filter(planversie=planversie, leefgebied=code).first()
    form = LeefgebiedForm(request.POST, instance=situatie or Leefgebiedsituatie(leefgebied=code), leefgebied=code)
    if form.is_valid():
        try:
            services.leefgebied_bijwerken(
                planversie, code, request.user, **{k: form.cleaned_data[k] for k in services.LEEFGEBIED_VELDEN}
            )
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            if not request.htmx:
                messages.success(request, _("%(leefgebied)s is opgeslagen.") % {"leefgebied": Leefgebied(code).label})
            return _sectie_of_pagina(request, dossier, planversie.pk, code, opgeslagen=True)
    return _sectie_of_pagina(request, dossier, planversie.pk, code, formulieren={("lg", code): form})


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def doel_toevoegen(request, dossier: Dossier, versie: int, leefgebied: str):
    code = _leefgebied_of_404(leefgebied)
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    if request.method == "GET":
        return _leefgebied_pagina(request, dossier, planversie.pk, code)
    form = DoelForm(request.POST, leefgebied=code)
    if form.is_valid():
        try:
            services.doel_toevoegen(planversie, request.user, leefgebied=code, omschrijving=form.cleaned_data["omschrijving"])
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            if not request.htmx:
                messages.success(request, _("Het doel is toegevoegd."))
            return _sectie_of_pagina(request, dossier, planversie.pk, code, opgeslagen=True)
    return _sectie_of_pagina(request, dossier, planversie.pk, code, formulieren={("doel", code): form})


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def doel_wijzigen(request, dossier: Dossier, versie: int, doel: int):
    """Rewrite a goal. Its provisions need their approvals again (the service voids them)."""
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    doel_obj = get_object_or_404(Doel, planversie=planversie, pk=doel)
    form = DoelWijzigenForm(_gegevens(request), instance=doel_obj)
    heeft_voorzieningen = doel_obj.voorzieningen.exists()
    if request.method == "POST" and form.is_valid():
        try:
            services.doel_wijzigen(doel_obj, request.user, omschrijving=form.cleaned_data["omschrijving"])
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect(_editor_url(dossier, planversie, f"doel-{doel_obj.pk}"))
    return render(request, "plannen/doel.html", {
        "dossier": dossier, "versie": planversie, "doel": doel_obj, "form": form,
        "heeft_voorzieningen": heeft_voorzieningen,
    })


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def doel_verwijderen(request, dossier: Dossier, versie: int, doel: int):
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    doel_obj = get_object_or_404(Doel, planversie=planversie, pk=doel)
    fout = None
    if request.method == "POST":
        try:
            services.doel_verwijderen(doel_obj, request.user)
        except RegelOvertreding as e:
            fout = e.bericht
        else:
            if not request.htmx:
                messages.success(request, _("Het doel is verwijderd."))
            return _sectie_of_pagina(request, dossier, planversie.pk, doel_obj.leefgebied, opgeslagen=True)
    return render(request, "plannen/bevestigen.html", {
        "dossier": dossier, "versie": planversie, "fout": fout,
        "titel": _("Doel verwijderen"), "vraag": _("Wilt u dit doel uit het plan halen?"), "onderwerp": doel_obj.omschrijving,
        "knop": _("Doel verwijderen"), "terug": _editor_url(dossier, planversie, f"lg-{doel_obj.leefgebied.lower()}"),
    })


# --- voorzieningen -------------------------------------------------------------------------------

def _voorziening_velden(form: VoorzieningForm) -> dict:
    return {k: form.cleaned_data[k] for k in ("doel", *services.VOORZIENING_VELDEN) if k in form.cleaned_data}


def _besluit_uit(form: VoorzieningForm) -> tuple[str, str]:
    if form.cleaned_data.get("vrij_toegankelijk"):
        return "", ""  # no decision for a free-access provision (e.g. consultatiebureau)
    return form.cleaned_data.get("besluit") or "", form.cleaned_data.get("reden_afwijzing") or ""


def _voorziening_formulier(request, dossier, planversie, *, instance=None, uitvoeren):
    initial = {}
    if instance is None and request.GET.get("doel", "").isdigit():
        initial["doel"] = int(request.GET["doel"])
    form = VoorzieningForm(_gegevens(request), instance=instance, planversie=planversie, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                v = uitvoeren(form)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, _("De voorziening '%(naam)s' is opgeslagen.") % {"naam": v.omschrijving})
            return redirect(_editor_url(dossier, planversie, f"voorziening-{v.pk}"))
    return render(request, "plannen/voorziening.html", {
        "dossier": dossier, "versie": planversie, "form": form, "voorziening": instance,
        "leefgebieden": Leefgebied.choices,
    })


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def voorziening_nieuw(request, dossier: Dossier, versie: int):
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)

    def uitvoeren(form):
        velden = _voorziening_velden(form)
        doel = velden.pop("doel")
        v = services.voorziening_toevoegen(doel, request.user, **velden)
        besluit, reden = _besluit_uit(form)
        if besluit:
            v = services.besluit_vastleggen(v, besluit, reden, door=request.user)
        return v

    return _voorziening_formulier(request, dossier, planversie, uitvoeren=uitvoeren)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def voorziening_bewerken(request, dossier: Dossier, versie: int, voorziening: int):
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    instance = get_object_or_404(Voorziening.objects.select_related("doel", "product"), planversie=planversie, pk=voorziening)

    def uitvoeren(form):
        v = services.voorziening_wijzigen(instance, request.user, **_voorziening_velden(form))
        besluit, reden = _besluit_uit(form)
        if (besluit, reden) != (v.besluit, v.reden_afwijzing):
            v = services.besluit_vastleggen(v, besluit, reden, door=request.user)
        return v

    return _voorziening_formulier(request, dossier, planversie, instance=instance, uitvoeren=uitvoeren)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def voorziening_verwijderen(request, dossier: Dossier, versie: int, voorziening: int):
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    v = get_object_or_404(Voorziening.objects.select_related("doel"), planversie=planversie, pk=voorziening)
    fout = None
    if request.method == "POST":
        try:
            services.voorziening_verwijderen(v, request.user)
        except RegelOvertreding as e:
            fout = e.bericht
        else:
            messages.success(request, _("De voorziening '%(naam)s' is verwijderd.") % {"naam": v.omschrijving})
            return redirect(_editor_url(dossier, planversie, f"lg-{v.doel.leefgebied.lower()}"))
    return render(request, "plannen/bevestigen.html", {
        "dossier": dossier, "versie": planversie, "fout": fout,
        "titel": _("Voorziening verwijderen"), "vraag": _("Wilt u deze voorziening uit het plan halen?"),
        "onderwerp": v.omschrijving, "knop": _("Voorziening verwijderen"),
        "terug": _editor_url(dossier, planversie, f"voorziening-{v.pk}"),
    })


# --- approvals -----------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, **WIJZIGEN)
def goedkeuring_vragen(request, dossier: Dossier, versie: int, voorziening: int):
    """Ask the approvals the mandate needs for one provision (the approvers see it on their worklist)."""
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    v = get_object_or_404(
        Voorziening.objects.prefetch_related("goedkeuringen"), planversie=planversie, pk=voorziening
    )
    regel = _voorziening_regel(v, _instellingen())
    form = GoedkeuringVragenForm(
        _gegevens(request),
        beoordelaars=selectors.mogelijke_beoordelaars(dossier, regel.te_vragen, behalve=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            gevraagd = services.goedkeuring_vragen(
                v, request.user, gevraagd_aan=form.cleaned_data["gevraagd_aan"], vandaag=_vandaag()
            )
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            soorten = ", ".join(str(g.get_soort_display()).lower() for g in gevraagd)
            messages.success(request, _("Goedkeuring gevraagd voor '%(naam)s': %(soorten)s.") % {
                "naam": v.omschrijving, "soorten": soorten})
            return redirect(_editor_url(dossier, planversie, f"voorziening-{v.pk}"))
    return render(request, "plannen/goedkeuring_vragen.html", {
        "dossier": dossier, "versie": planversie, "regel": regel, "form": form,
    })


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_LEZEN, lezen="goedkeuring_bekijken", wijzigen="goedkeuring_beoordelen")
def beoordelen(request, dossier: Dossier, versie: int, goedkeuring: int):
    """The approver's page: the provision with its motivation; approve, or return with a comment."""
    planversie = _versie(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    gk = get_object_or_404(
        Goedkeuring.objects.select_related("voorziening", "voorziening__doel", "gevraagd_door", "gevraagd_aan", "door"),
        voorziening__planversie=planversie, pk=goedkeuring,
    )
    form = BeoordelingForm(_gegevens(request))
    if request.method == "POST" and form.is_valid() and gk.is_open:
        actie = request.POST.get("actie")
        opmerking = form.cleaned_data["opmerking"]
        try:
            if actie == "goedkeuren":
                services.goedkeuren(gk, request.user, opmerking, vandaag=_vandaag())
                succes = _("U heeft '%(naam)s' goedgekeurd.")
            elif actie == "terugsturen":
                services.terugsturen(gk, request.user, opmerking, vandaag=_vandaag())
                succes = _("U heeft '%(naam)s' teruggestuurd naar de consulent.")
            else:
                raise RegelOvertreding(R.GOEDKEURING_OPEN, _("Kies goedkeuren of terugsturen."))
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, succes % {"naam": gk.voorziening.omschrijving})
            return redirect("plannen:goedkeuringen")
    return render(request, "plannen/beoordelen.html", {
        "dossier": dossier, "rechthebbende": dossier.rechthebbende, "versie": planversie, "gk": gk,
        "v": gk.voorziening, "form": form,
        "zelf_gevraagd": gk.gevraagd_door_id == request.user.pk,
        "mag_beoordelen": gk.is_open and services.mag_goedkeuren(request.user, gk.soort, dossier),
    })


@dataclass(frozen=True)
class Goedkeuringenblok:
    """Open approval requests for the worklist: the oldest few and how many there are."""

    aantal: int
    goedkeuringen: list

    @property
    def betrokkenen(self) -> list[str]:
        return [g.voorziening.planversie.dossier.rechthebbende.bsn for g in self.goedkeuringen]

    @property
    def meer(self) -> int:
        return self.aantal - len(self.goedkeuringen)


def goedkeuringenblok_voor(user, *, hoeveel: int = 10) -> Goedkeuringenblok:
    qs = selectors.openstaande_goedkeuringen_voor(user)
    rijen = list(qs[:hoeveel])
    aantal = len(rijen) if len(rijen) < hoeveel else qs.count()
    return Goedkeuringenblok(aantal=aantal, goedkeuringen=rijen)


@require_GET
@vereist(DOSSIERS_LEZEN)
def goedkeuringen(request):
    """Every open request this user may decide, oldest first."""
    rijen = list(selectors.openstaande_goedkeuringen_voor(request.user))
    with verwerking(request, naam="goedkeuringen_bekijken",
                    betrokkenen=[g.voorziening.planversie.dossier.rechthebbende.bsn for g in rijen]):
        return render(request, "plannen/goedkeuringen.html", {"rijen": rijen})


# --- issuing -------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="plan_formulier_bekijken", wijzigen="plan_uitgeven")
def uitgeven(request, dossier: Dossier, versie: int):
    """Issue a concept: refused (with every reason) while the toets blocks or approvals are missing."""
    planversie = _versie_met_inhoud(dossier, versie)
    if planversie.is_uitgegeven:
        return _weiger_uitgegeven(request, dossier, planversie)
    fout = None
    if request.method == "POST":
        try:
            services.uitgeven(planversie, request.user, _vandaag())
        except RegelOvertreding as e:
            fout = e.bericht
            planversie = _versie_met_inhoud(dossier, versie)
        else:
            messages.success(request, _("Het plan is uitgegeven. De beschikking staat klaar als PDF en als Word-bestand."))
            return redirect(_editor_url(dossier, planversie, "beschikking-titel"))
    return render(request, "plannen/uitgeven.html", {
        "dossier": dossier, "versie": planversie, "paneel": _paneel_voor(planversie, _instellingen()), "fout": fout,
    }, status=200)

