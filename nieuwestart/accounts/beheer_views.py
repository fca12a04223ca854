"""The functioneel beheerder's user screens: create accounts, set roles and teams, deactivate.

Also the page where a user replaces a one-time password by their own.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.toegang.regels import INGELOGD, INSTELLINGEN_BEHEREN, vereist

from . import services
from .forms import GebruikerForm
from .models import User


@vereist(INSTELLINGEN_BEHEREN)
def gebruikers(request):
    lijst = User.objects.prefetch_related("groups", "teams").order_by("-is_active", "username")
    return render(request, "accounts/gebruikers.html", {"gebruikers": lijst})


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
@never_cache
def gebruiker_nieuw(request):
    form = GebruikerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user, wachtwoord = services.gebruiker_aanmaken(
            door=request.user, request=request, username=data["username"], first_name=data["first_name"],
            last_name=data["last_name"], email=data["email"], rollen=data["rollen"], teams=data["teams"],
        )
        return render(request, "accounts/eenmalig_wachtwoord.html", {"gebruiker": user, "wachtwoord": wachtwoord})
    return render(request, "accounts/gebruiker_form.html", {"form": form, "titel": _("Nieuwe gebruiker")})


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
@never_cache
def gebruiker_bewerken(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    if request.method == "POST" and request.POST.get("actie") == "wachtwoord_resetten":
        wachtwoord = services.wachtwoord_resetten(door=request.user, request=request, user=user)
        return render(request, "accounts/eenmalig_wachtwoord.html", {"gebruiker": user, "wachtwoord": wachtwoord})
    if request.method == "POST" and request.POST.get("actie") == "mfa_resetten":
        services.mfa_resetten(door=request.user, request=request, user=user)
        messages.success(request, _("De tweede stap is gewist. Bij de volgende keer inloggen koppelt de gebruiker een nieuwe app."))
        return redirect("accounts:gebruiker_bewerken", pk=user.pk)
    initieel = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "rollen": sorted(user.rollen), "teams": user.teams.all(), "is_active": user.is_active,
    }
    form = GebruikerForm(request.POST or None, initial=initieel, bestaand=user)
    if request.method == "POST" and form.is_valid():
        services.gebruiker_wijzigen(
            door=request.user, request=request, user=user, rollen=form.cleaned_data["rollen"],
            teams=form.cleaned_data["teams"], is_active=form.cleaned_data["is_active"],
        )
        messages.success(request, _("De gebruiker is opgeslagen."))
        return redirect("accounts:gebruikers")
    return render(request, "accounts/gebruiker_form.html", {"form": form, "gebruiker": user, "titel": str(user)})


@require_http_methods(["GET", "POST"])
@vereist(INGELOGD)
@never_cache
def wachtwoord_wijzigen(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    for veld in form.fields.values():
        veld.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password"
    if request.method == "POST" and form.is_valid():
        user = form.save()
        user.moet_wachtwoord_wijzigen = False
        user.save(update_fields=["moet_wachtwoord_wijzigen"])
        update_session_auth_hash(request, user)
        beveiligingsgebeurtenis_vastleggen(request, actie="wachtwoord_gewijzigd", resultaat="GELUKT", actor=user,
                                           object_type="gebruiker", object_id=user.username)
        messages.success(request, _("Uw wachtwoord is gewijzigd."))
        return redirect("start")
    return render(request, "accounts/wachtwoord_wijzigen.html", {"form": form})
