"""Screens of the sociale kaart: beheer (functioneel beheerder) and the case worker's picker.

Providers and products hold no personal data, so none of these screens writes a processing-log
line; every change writes a security-log line (``services``).
"""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nieuwestart.toegang.regels import DOSSIERS_LEZEN, INSTELLINGEN_BEHEREN, vereist

from .forms import AanbiederForm, FilterForm, ImportForm, KiezenForm, ProductForm
from .importeren import BestandFout, Status
from .models import Aanbieder, Catalogusimport, Importstatus, Product
from .selectors import aanbieders_beheer, producten_beheer, producten_voor
from .services import (
    CatalogusGewijzigd,
    ImportNietMeerGeldig,
    aanbieder_opslaan,
    catalogus_inlezen,
    catalogusimport_afbreken,
    catalogusimport_starten,
    catalogusimport_voorbeeld,
    product_opslaan,
)

PER_PAGINA = 50
KIEZEN_MAX = 200
IMPORT_MAX_BYTES = 5 * 1024 * 1024  # a social map is a few hundred rows
_VELDNAAM = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")


# --- beheer: overview -----------------------------------------------------------------------

@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def overzicht(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    producten = producten_beheer(
        leefgebied=filters.get("leefgebied") or None, aanbieder=filters.get("aanbieder"), zoek=filters.get("zoek", "")
    )
    pagina = Paginator(producten, PER_PAGINA).get_page(request.GET.get("pagina"))
    zonder_pagina = urlencode([(k, v) for k, v in request.GET.items() if k != "pagina" and v])
    return render(
        request, "catalogus/overzicht.html",
        {"form": form, "pagina": pagina, "zonder_pagina": zonder_pagina, "gefilterd": bool(zonder_pagina)},
    )


@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def aanbieders(request):
    return render(request, "catalogus/aanbieders.html", {"aanbieders": aanbieders_beheer()})


# --- beheer: providers ----------------------------------------------------------------------

def _aanbieder_formulier(request, aanbieder: Aanbieder | None):
    form = AanbiederForm(request.POST or None, instance=aanbieder)
    if request.method == "POST" and form.is_valid():
        waarden = {veld: form.cleaned_data[veld] for veld in form.Meta.fields}
        opgeslagen = aanbieder_opslaan(door=request.user, request=request, aanbieder=aanbieder, **waarden)
        messages.success(request, _("Aanbieder %(naam)s is opgeslagen.") % {"naam": opgeslagen.naam})
        return redirect("catalogus:aanbieders")
    return render(request, "catalogus/aanbieder_form.html", {"form": form, "aanbieder": aanbieder})


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def aanbieder_nieuw(request):
    return _aanbieder_formulier(request, None)


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def aanbieder_bewerken(request, pk):
    return _aanbieder_formulier(request, get_object_or_404(Aanbieder, pk=pk))


def _terug(request, standaard: str) -> HttpResponseRedirect:
    """Back to the page the button was on (only our own pages)."""
    terug = request.POST.get("terug", "")
    if terug.startswith("/") and not terug.startswith("//"):
        return HttpResponseRedirect(terug)
    return redirect(standaard)


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def aanbieder_actief(request, pk):
    aanbieder = get_object_or_404(Aanbieder, pk=pk)
    actief = request.POST.get("actief") == "1"
    aanbieder_opslaan(door=request.user, request=request, aanbieder=aanbieder, actief=actief)
    if actief:
        messages.success(request, _("Aanbieder %(naam)s is weer actief.") % {"naam": aanbieder.naam})
    else:
        messages.success(request, _(
            "Aanbieder %(naam)s is niet meer actief. Consulenten kunnen de producten van deze aanbieder niet meer "
            "kiezen. Plannen waarin ze al staan, blijven zoals ze zijn."
        ) % {"naam": aanbieder.naam})
    return _terug(request, "catalogus:aanbieders")


# --- beheer: products -----------------------------------------------------------------------

def _product_formulier(request, product: Product | None):
    initial = {}
    if product is None and request.GET.get("aanbieder", "").isdigit():
        initial["aanbieder"] = int(request.GET["aanbieder"])
    form = ProductForm(request.POST or None, instance=product, initial=initial)
    if request.method == "POST" and form.is_valid():
        waarden = {veld: form.cleaned_data[veld] for veld in form.Meta.fields}
        try:
            opgeslagen = product_opslaan(
                door=request.user, request=request, product=product, trajecten=form.trajecten(), **waarden
            )
        except ValidationError as fout:  # a trajectory in use by a plan cannot be removed
            if product is not None:
                product.refresh_from_db()
            for veld, meldingen in fout.message_dict.items():
                veld = veld if veld in form.fields else None
                form.add_error(veld, meldingen)
                if veld:
                    form.full_clean_aria(veld)
        else:
            messages.success(request, _("Product %(naam)s is opgeslagen.") % {"naam": opgeslagen.naam})
            return redirect("catalogus:overzicht")
    return render(request, "catalogus/product_form.html", {"form": form, "product": product})


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def product_nieuw(request):
    return _product_formulier(request, None)


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def product_bewerken(request, pk):
    return _product_formulier(request, get_object_or_404(Product.objects.select_related("aanbieder"), pk=pk))


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def product_actief(request, pk):
    product = get_object_or_404(Product, pk=pk)
    actief = request.POST.get("actief") == "1"
    product_opslaan(door=request.user, request=request, product=product, actief=actief)
    if actief:
        messages.success(request, _("Product %(naam)s is weer actief.") % {"naam": product.naam})
    else:
        messages.success(request, _(
            "Product %(naam)s is niet meer actief. Consulenten kunnen het niet meer kiezen. "
            "Plannen waarin het al staat, blijven zoals ze zijn."
        ) % {"naam": product.naam})
    return _terug(request, "catalogus:overzicht")


# --- beheer: spreadsheet import -------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def importeren(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        if bestand.size > IMPORT_MAX_BYTES:
            form.add_error("bestand", _("Het bestand is groter dan 5 MB. Een sociale kaart is meestal veel kleiner."))
        else:
            try:
                opdracht, _voorbeeld = catalogusimport_starten(
                    door=request.user, inhoud=bestand.read(), bestandsnaam=bestand.name or ""
                )
            except BestandFout as fout:
                form.add_error("bestand", fout.melding)
            else:
                return redirect("catalogus:import_voorbeeld", pk=opdracht.pk)
        form.full_clean_aria("bestand")
    recent = Catalogusimport.objects.select_related("geupload_door").defer("inhoud")[:10]
    return render(request, "catalogus/importeren.html", {"form": form, "recent": recent})


def _voorbeeld_pagina(request, opdracht, voorbeeld, *, status=200):
    return render(
        request, "catalogus/import_voorbeeld.html",
        {
            "opdracht": opdracht, "voorbeeld": voorbeeld, "aantallen": voorbeeld.aantallen() if voorbeeld else {},
            "nieuw": voorbeeld.per_status(Status.NIEUW) if voorbeeld else [],
            "gewijzigd": voorbeeld.per_status(Status.GEWIJZIGD) if voorbeeld else [],
            "ongewijzigd": voorbeeld.per_status(Status.ONGEWIJZIGD) if voorbeeld else [],
            "afgewezen": voorbeeld.per_status(Status.AFGEWEZEN) if voorbeeld else [],
        },
        status=status,
    )


@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def import_voorbeeld(request, pk):
    opdracht = get_object_or_404(Catalogusimport.objects.select_related("geupload_door"), pk=pk)
    voorbeeld = catalogusimport_voorbeeld(opdracht) if opdracht.status == Importstatus.VOORBEELD else None
    return _voorbeeld_pagina(request, opdracht, voorbeeld)


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def import_inlezen(request, pk):
    opdracht = get_object_or_404(Catalogusimport, pk=pk)
    try:
        aantallen = catalogus_inlezen(
            door=request.user, request=request, opdracht=opdracht, vingerafdruk=request.POST.get("vingerafdruk", "")
        )
    except ImportNietMeerGeldig:
        messages.warning(request, _("Dit bestand is al ingelezen of afgebroken."))
        return redirect("catalogus:import_voorbeeld", pk=opdracht.pk)
    except CatalogusGewijzigd as gewijzigd:
        messages.warning(request, _(
            "De sociale kaart is veranderd sinds u het voorbeeld bekeek. Er is niets ingelezen. "
            "Controleer het nieuwe voorbeeld hieronder en kies opnieuw."
        ))
        opdracht.refresh_from_db()
        return _voorbeeld_pagina(request, opdracht, gewijzigd.voorbeeld, status=409)
    messages.success(request, _(
        "De sociale kaart is bijgewerkt: %(nieuw)d nieuwe en %(gewijzigd)d gewijzigde producten. "
        "%(afgewezen)d regels zijn overgeslagen."
    ) % {"nieuw": aantallen[Status.NIEUW], "gewijzigd": aantallen[Status.GEWIJZIGD],
         "afgewezen": aantallen[Status.AFGEWEZEN]})
    return redirect("catalogus:overzicht")


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def import_afbreken(request, pk):
    opdracht = get_object_or_404(Catalogusimport, pk=pk)
    try:
        catalogusimport_afbreken(opdracht=opdracht)
    except ImportNietMeerGeldig:
        messages.warning(request, _("Dit bestand is al ingelezen of afgebroken."))
    else:
        messages.success(request, _("Het inlezen is afgebroken. Er is niets veranderd."))
    return redirect("catalogus:importeren")


# --- case workers: choosing from the sociale kaart ------------------------------------------

@require_GET
@vereist(DOSSIERS_LEZEN)
def kiezen(request):
    """The sociale kaart for case workers, filtered by leefgebied and search text.

    A normal page without JavaScript. With htmx it returns a fragment: by default a labelled
    ``<select>`` for a form (``veld``: its name, ``gekozen``: the selected product id, kept even
    when the filter leaves it out), or with ``weergave=lijst`` the result list of this page.
    """
    form = KiezenForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    leefgebied, zoek = filters.get("leefgebied") or None, filters.get("zoek", "")
    producten = list(producten_voor(leefgebied, zoek)[: KIEZEN_MAX + 1])
    meer = len(producten) > KIEZEN_MAX
    producten = producten[:KIEZEN_MAX]
    veld = request.GET.get("veld", "product")
    veld = veld if _VELDNAAM.match(veld) else "product"
    gekozen = None
    if request.GET.get("gekozen", "").isdigit():
        gekozen = Product.objects.select_related("aanbieder").filter(pk=int(request.GET["gekozen"])).first()
    context = {
        "form": form, "producten": producten, "meer": meer, "max": KIEZEN_MAX, "veld": veld,
        "gekozen": gekozen, "gekozen_in_lijst": gekozen is not None and gekozen in producten,
        "leefgebied": leefgebied, "zoek": zoek,
    }
    if request.htmx:
        sjabloon = "catalogus/_productlijst.html" if request.GET.get("weergave") == "lijst" else "catalogus/_keuzelijst.html"
        return render(request, sjabloon, context)
    return render(request, "catalogus/kiezen.html", context)

