"""The functioneel beheerder's screens for API-applicaties, and the problem answer for unknown API paths."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.toegang.regels import INSTELLINGEN_BEHEREN, openbaar, vereist

from . import services
from .forms import ApiApplicatieForm
from .models import ApiApplicatie
from .problemen import niet_gevonden_antwoord


@csrf_exempt
@openbaar
def niet_gevonden(request, onbekend: str):
    return niet_gevonden_antwoord(request)


@vereist(INSTELLINGEN_BEHEREN)
@never_cache
def overzicht(request):
    applicaties = ApiApplicatie.objects.select_related("gebruiker").prefetch_related("gebruiker__groups", "gebruiker__teams")
    return render(request, "api/applicaties.html", {"applicaties": applicaties})


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
@never_cache
def nieuw(request):
    form = ApiApplicatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        sleutel = services.applicatie_aanmaken(
            naam=d["naam"], omschrijving=d["omschrijving"], rollen=d["rollen"], teams=d["teams"], scopes=d["scopes"],
            door=request.user,
        )
        beveiligingsgebeurtenis_vastleggen(
            request, actie="api_applicatie_aangemaakt", resultaat="GELUKT", object_type="api_applicatie",
            object_id=str(sleutel.applicatie.pk),
        )
        return render(request, "api/sleutel.html", {"applicatie": sleutel.applicatie, "token": sleutel.token})
    return render(request, "api/applicatie_form.html", {"form": form})


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
@never_cache
def vernieuwen(request, pk: int):
    applicatie = get_object_or_404(ApiApplicatie, pk=pk, actief=True)
    sleutel = services.token_vernieuwen(applicatie=applicatie)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="api_sleutel_vernieuwd", resultaat="GELUKT", object_type="api_applicatie", object_id=str(pk),
    )
    return render(request, "api/sleutel.html", {"applicatie": applicatie, "token": sleutel.token})


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def intrekken(request, pk: int):
    applicatie = get_object_or_404(ApiApplicatie, pk=pk)
    services.applicatie_intrekken(applicatie=applicatie)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="api_applicatie_ingetrokken", resultaat="GELUKT", object_type="api_applicatie", object_id=str(pk),
    )
    messages.success(request, _("De applicatie is ingetrokken. De sleutel werkt niet meer."))
    return redirect("api_applicaties:overzicht")
