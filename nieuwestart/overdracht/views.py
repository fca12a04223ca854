"""Thin views for the transfer between municipalities: export (a download), import (upload → preview → confirm)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Dossier
from nieuwestart.dossiers.views import dossier_view
from nieuwestart.logboek.services import verwerking
from nieuwestart.toegang.regels import DOSSIERS_WIJZIGEN, OVERDRACHT_EXPORTEREN, OVERDRACHT_INLEZEN, vereist

from . import selectors, services
from .forms import BevestigForm, ExportForm, ImportForm
from .models import Overdracht, Overdrachtstatus, Richting


@require_http_methods(["GET", "POST"])
@dossier_view(OVERDRACHT_EXPORTEREN, lezen="overdracht_formulier_bekijken", wijzigen="overdracht_exporteren", met_huishouden=True)
def exporteren(request, dossier: Dossier):
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            overdracht, data = services.pakket_exporteren(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            antwoord = HttpResponse(data, content_type="application/zip")
            antwoord["Content-Disposition"] = f'attachment; filename="{overdracht.bestandsnaam}"'
            antwoord["X-Pakket-SHA256"] = overdracht.pakket_sha256
            return antwoord
    return render(request, "overdracht/exporteren.html", {"dossier": dossier, "form": form})


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="verhuizing_formulier_bekijken", wijzigen="beeindigen_wegens_verhuizing")
def beeindigen(request, dossier: Dossier):
    overdracht = selectors.laatste_uitgaande(dossier)
    if overdracht is None:
        raise Http404
    if request.method == "POST":
        try:
            vandaag = timezone.localdate()
            services.beeindigen_wegens_verhuizing(
                dossier=dossier, door=request.user, datum=vandaag, overdracht=overdracht, vandaag=vandaag
            )
        except RegelOvertreding as fout:
            messages.error(request, fout.bericht)
        else:
            messages.success(request, _("De ondersteuning is beëindigd wegens verhuizing."))
        return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "overdracht/beeindigen.html", {"dossier": dossier, "overdracht": overdracht})


def _betrokkenen(gelezen) -> list[str]:
    g = gelezen.gegevens
    bsns = [g["rechthebbende"]["bsn"]]
    if g["huishouden"]:
        bsns += [lid["bsn"] for lid in g["huishouden"]["leden"] if lid["bsn"]]
    return bsns


@require_http_methods(["GET", "POST"])
@vereist(OVERDRACHT_INLEZEN)
def inlezen(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["pakket"]
        try:
            overdracht = services.pakket_voorbereiden(
                data=bestand.read(), bestandsnaam=bestand.name, door=request.user,
                verwacht_sha256=form.cleaned_data["verwacht_sha256"].strip(),
            )
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            return redirect("overdracht:voorbeeld", pk=overdracht.pk)
    return render(request, "overdracht/inlezen.html", {"form": form})


def _eigen_voorbeeld(request, pk) -> Overdracht:
    # Only the person who uploaded the package sees it before it is imported.
    return get_object_or_404(
        Overdracht, pk=pk, richting=Richting.INKOMEND, status=Overdrachtstatus.VOORBEELD, door=request.user
    )


@require_http_methods(["GET", "POST"])
@vereist(OVERDRACHT_INLEZEN)
def voorbeeld(request, pk):
    overdracht = _eigen_voorbeeld(request, pk)
    gelezen = services.voorbeeld(overdracht)
    form = BevestigForm(request.POST or None, user=request.user)
    naam = "overdracht_inlezen" if request.method == "POST" else "overdracht_voorbeeld_bekijken"
    with verwerking(request, naam=naam, betrokkenen=_betrokkenen(gelezen), object_type="overdracht", object_id=str(overdracht.pk)):
        if request.method == "POST" and form.is_valid():
            try:
                dossier = services.pakket_inlezen(
                    overdracht=overdracht, door=request.user, team=form.cleaned_data["team"], vandaag=timezone.localdate(),
                    nieuw_adres=form.nieuw_adres(),
                )
            except RegelOvertreding as fout:
                form.voeg_regelovertreding_toe(fout)
            else:
                messages.success(request, _("Het dossier is ingelezen. De termijnen lopen door vanaf het eerste gesprek bij de vorige gemeente."))
                return redirect("dossiers:detail", pk=dossier.pk)
        context = {"overdracht": overdracht, "form": form, "p": selectors.voorbeeldgegevens(gelezen)}
        return render(request, "overdracht/voorbeeld.html", context)


@require_http_methods(["POST"])
@vereist(OVERDRACHT_INLEZEN)
def afbreken(request, pk):
    overdracht = _eigen_voorbeeld(request, pk)
    overdracht.delete()
    messages.info(request, _("Het inlezen is afgebroken. Er is niets bewaard."))
    return redirect("overdracht:inlezen")
