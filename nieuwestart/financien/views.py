"""Costs and SiSa screens: thin views over ``financien.services`` and ``financien.sisa``.

* Kosten en SiSa (aggregates, RAPPORTAGES_LEZEN): costs per Spuk component and the indicators for a year,
  the export (XLSX/CSV), and for the controller (FINANCIEN_BEHEREN) closing a past year.
* Organisation costs, collective initiatives and UHT counts (FINANCIEN_BEHEREN): no personal data.
* Reference data: Spuk components and SiSa indicators (INSTELLINGEN_BEHEREN, the functioneel beheerder).
* A dossier's costs and payments (DOSSIERS_LEZEN / DOSSIERS_WIJZIGEN, through ``dossier_view``).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Dossier
from nieuwestart.dossiers.views import dossier_view
from nieuwestart.rapportages.selectors import kosten_per_component
from nieuwestart.toegang.regels import (
    DOSSIERS_LEZEN,
    DOSSIERS_WIJZIGEN,
    FINANCIEN_BEHEREN,
    INSTELLINGEN_BEHEREN,
    RAPPORTAGES_LEZEN,
    vereist,
)

from . import selectors, services
from .export import download, tabel_csv, tabel_xlsx
from .forms import (
    BetalingForm,
    InitiatiefForm,
    JaarForm,
    OrganisatiekostenForm,
    SisaIndicatorForm,
    SpukComponentForm,
    UhtTellingForm,
)
from .models import SisaIndicator, SpukComponent, UhtTelling, Voorzieningskosten
from .sisa import sisa_csv, sisa_voor_jaar, sisa_xlsx


def _jaar(request) -> int:
    try:
        jaar = int(request.GET.get("jaar") or request.POST.get("jaar") or timezone.localdate().year)
    except ValueError:
        jaar = timezone.localdate().year
    return min(max(jaar, 2021), 2100)


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def sisa(request):
    jaar = _jaar(request)
    tabellen = kosten_per_component(jaar=jaar)
    formaat = request.GET.get("formaat")
    if formaat == "xlsx":
        return download(tabel_xlsx([(t.titel, [t.kolommen, *t.rijen]) for t in tabellen]), f"kosten-{jaar}.xlsx")
    if formaat == "csv":
        tabel = next((t for t in tabellen if t.sleutel == request.GET.get("tabel")), tabellen[0])
        return download(tabel_csv([tabel.kolommen, *tabel.rijen]), f"kosten-{jaar}-{tabel.sleutel}.csv")
    vandaag = timezone.localdate()
    return render(request, "financien/sisa.html", {
        "jaar": jaar, "tabellen": tabellen, "afsluiting": tabellen[0].extra["afsluiting"],
        "jaren": list(range(vandaag.year, 2020, -1)), "zoekstring": f"jaar={jaar}",
        "mag_afsluiten": FINANCIEN_BEHEREN.staat_toe(request.user) and jaar < vandaag.year,
    })


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def sisa_export(request, jaar: int):
    """The SiSa accountability of a year; a closed year comes from its frozen snapshot."""
    cijfers, afsluiting = sisa_voor_jaar(jaar)
    if request.GET.get("formaat") == "csv":
        return download(sisa_csv(cijfers, afsluiting), f"sisa-{jaar}.csv")
    return download(sisa_xlsx(cijfers, afsluiting), f"sisa-{jaar}.xlsx")


@require_POST
@vereist(FINANCIEN_BEHEREN)
def jaar_afsluiten(request):
    form = JaarForm(request.POST)
    if form.is_valid():
        jaar = form.cleaned_data["jaar"]
        try:
            afsluiting = services.jaar_afsluiten(jaar=jaar, door=request.user, nu=timezone.now())
        except RegelOvertreding as fout:
            messages.error(request, fout.bericht)
        else:
            messages.success(request, _("%(jaar)s is afgesloten. De SiSa-cijfers van dat jaar veranderen niet meer "
                                        "(controlegetal %(hash)s).") % {"jaar": jaar, "hash": afsluiting.sha256[:16]})
        return redirect(f"{reverse('financien:sisa')}?jaar={jaar}")
    messages.error(request, _("Kies een geldig jaar."))
    return redirect("financien:sisa")


def _registratiepagina(request, *, form_class, opslaan, sjabloon: str, context: dict, melding: str, naar: str):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form.cleaned_data)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, melding)
            return redirect(naar)
    return render(request, sjabloon, {"form": form, **context})


@require_http_methods(["GET", "POST"])
@vereist(FINANCIEN_BEHEREN)
def organisatiekosten(request):
    jaar = _jaar(request)
    rijen, totaal = selectors.organisatiekosten(jaar)
    return _registratiepagina(
        request, form_class=OrganisatiekostenForm, sjabloon="financien/organisatiekosten.html",
        context={"jaar": jaar, "rijen": rijen, "totaal": totaal}, melding=_("De organisatiekosten zijn vastgelegd."),
        naar=reverse("financien:organisatiekosten"),
        opslaan=lambda d: services.organisatiekosten_vastleggen(door=request.user, **d),
    )


@require_http_methods(["GET", "POST"])
@vereist(FINANCIEN_BEHEREN)
def initiatieven(request):
    jaar = _jaar(request)
    rijen, totaal = selectors.initiatieven(jaar)
    return _registratiepagina(
        request, form_class=InitiatiefForm, sjabloon="financien/initiatieven.html",
        context={"jaar": jaar, "rijen": rijen, "totaal": totaal}, melding=_("Het collectieve initiatief is vastgelegd."),
        naar=reverse("financien:initiatieven"),
        opslaan=lambda d: services.initiatief_vastleggen(door=request.user, **d),
    )


@require_http_methods(["GET", "POST"])
@vereist(FINANCIEN_BEHEREN)
def uht_tellingen(request):
    return _registratiepagina(
        request, form_class=UhtTellingForm, sjabloon="financien/uht_tellingen.html",
        context={"rijen": UhtTelling.objects.all()}, melding=_("De telling van UHT is opgeslagen."),
        naar=reverse("financien:uht_tellingen"), opslaan=lambda d: services.uht_telling_vastleggen(**d),
    )


# --- reference data (functioneel beheerder) -----------------------------------------------------

@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def referentiegegevens(request):
    return render(request, "financien/referentiegegevens.html", {
        "componenten": SpukComponent.objects.all(), "indicatoren": SisaIndicator.objects.select_related("component"),
    })


def _beheerformulier(request, form_class, instantie, titel: str):
    form = form_class(request.POST or None, instance=instantie)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Opgeslagen."))
        return redirect("financien:referentiegegevens")
    return render(request, "financien/referentie_form.html", {"form": form, "titel": titel})


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def component_bewerken(request, pk: int | None = None):
    instantie = get_object_or_404(SpukComponent, pk=pk) if pk else None
    return _beheerformulier(request, SpukComponentForm, instantie,
                            _("Spuk-component wijzigen") if pk else _("Spuk-component toevoegen"))


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def indicator_bewerken(request, pk: int | None = None):
    instantie = get_object_or_404(SisaIndicator, pk=pk) if pk else None
    return _beheerformulier(request, SisaIndicatorForm, instantie,
                            _("SiSa-indicator wijzigen") if pk else _("SiSa-indicator toevoegen"))


# --- a dossier's costs --------------------------------------------------------------------------

@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="kosten_bekijken")
def dossier_kosten(request, dossier: Dossier):
    return render(request, "financien/dossier_kosten.html", {
        "dossier": dossier, "kosten": selectors.kosten_van_dossier(dossier),
    })


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="kosten_bekijken", wijzigen="betaling_vastleggen")
def betaling(request, dossier: Dossier, kosten: int):
    regel = get_object_or_404(Voorzieningskosten.objects.select_related("voorziening"), pk=kosten, dossier=dossier)
    form = BetalingForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.betaling_vastleggen(kosten=regel, door=request.user, **form.cleaned_data)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, _("De betaling is vastgelegd."))
            return redirect("financien:dossier_kosten", dossier.pk)
    return render(request, "financien/betaling.html", {"dossier": dossier, "regel": regel, "form": form})
