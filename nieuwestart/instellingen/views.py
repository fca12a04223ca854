from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.termijnen.models import ExtraFeestdag
from nieuwestart.toegang.regels import INSTELLINGEN_BEHEREN, vereist

from .forms import ExtraFeestdagForm, GemeenteInstellingenForm, PostcodegebiedForm, TeamtoewijzingForm
from .models import Postcodegebied
from .selectors import gemeente_instellingen
from .services import (
    extra_feestdag_toevoegen,
    extra_feestdag_verwijderen,
    instellingen_wijzigen,
    postcodegebied_toevoegen,
    postcodegebied_verwijderen,
    teamtoewijzing_wijzigen,
)
from .teamtoewijzing import regel_uitleg


def _pagina(request, *, form=None, feestdag_form=None, status=200):
    return render(
        request,
        "instellingen/bewerken.html",
        {
            "form": form or GemeenteInstellingenForm(instance=gemeente_instellingen()),
            "feestdag_form": feestdag_form or ExtraFeestdagForm(),
            "extra_feestdagen": ExtraFeestdag.objects.all(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def bewerken(request):
    form = GemeenteInstellingenForm(request.POST or None, instance=gemeente_instellingen())
    if request.method == "POST" and form.is_valid():
        instellingen_wijzigen(door=request.user, **{veld: form.cleaned_data[veld] for veld in form.Meta.fields})
        beveiligingsgebeurtenis_vastleggen(
            request, actie="instellingen_wijzigen", resultaat="GELUKT", object_type="instellingen",
            object_id=",".join(sorted(form.changed_data)),
        )
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("instellingen:bewerken")
    return _pagina(request, form=form)


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def feestdag_toevoegen(request):
    feestdag_form = ExtraFeestdagForm(request.POST)
    if not feestdag_form.is_valid():
        return _pagina(request, feestdag_form=feestdag_form)
    feestdag = extra_feestdag_toevoegen(door=request.user, request=request, **feestdag_form.cleaned_data)
    messages.success(
        request,
        _("%(datum)s is toegevoegd als feestdag. Termijnen die op die dag eindigen, zijn doorgeschoven.")
        % {"datum": date_format(feestdag.datum, "j F Y")},
    )
    return redirect("instellingen:bewerken")


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def feestdag_verwijderen(request, pk):
    feestdag = get_object_or_404(ExtraFeestdag, pk=pk)
    datum = feestdag.datum
    extra_feestdag_verwijderen(door=request.user, request=request, feestdag=feestdag)
    messages.success(
        request,
        _("%(datum)s is geen extra feestdag meer. De termijnen zijn opnieuw berekend.")
        % {"datum": date_format(datum, "j F Y")},
    )
    return redirect("instellingen:bewerken")


# --- Team assignment of new registrations from portal files ---------------------------------

def _toewijzing_pagina(request, *, form=None, gebied_form=None, status=200):
    return render(
        request,
        "instellingen/teamtoewijzing.html",
        {
            "form": form or TeamtoewijzingForm(),
            "gebied_form": gebied_form or PostcodegebiedForm(),
            "gebieden": Postcodegebied.objects.select_related("team"),
            "uitleg": regel_uitleg(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def teamtoewijzing(request):
    form = TeamtoewijzingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            teamtoewijzing_wijzigen(
                door=request.user, request=request, wijze=data["wijze"], vast_team=data["vast_team"],
                vangnet_team=data["vangnet_team"], ronde_teams=data["ronde_teams"],
            )
        except ValidationError as fout:  # defensive: the form ran the same check (teamtoewijzing_fouten)
            for veld, meldingen in fout.message_dict.items():
                veld = form.veld_voor_servicefout(veld)
                form.add_error(veld, meldingen)
                if veld:
                    form.full_clean_aria(veld)
                    if form.fields[veld].help_text:
                        form.fields[veld].widget.attrs["aria-describedby"] += f" {form[veld].auto_id}_helptext"
            return _toewijzing_pagina(request, form=form)
        messages.success(request, _("De teamtoewijzing is opgeslagen. %(uitleg)s") % {"uitleg": regel_uitleg()})
        return redirect("instellingen:teamtoewijzing")
    return _toewijzing_pagina(request, form=form)


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def postcodegebied_toevoegen_view(request):
    gebied_form = PostcodegebiedForm(request.POST)
    if not gebied_form.is_valid():
        return _toewijzing_pagina(request, gebied_form=gebied_form)
    try:
        gebied = postcodegebied_toevoegen(door=request.user, request=request, **gebied_form.cleaned_data)
    except RegelOvertreding as fout:
        gebied_form.voeg_regelovertreding_toe(fout)
        return _toewijzing_pagina(request, gebied_form=gebied_form)
    messages.success(
        request,
        _("Postcodes %(van)d tot en met %(tot)d gaan nu naar %(team)s.")
        % {"van": gebied.van, "tot": gebied.tot, "team": gebied.team.naam},
    )
    return redirect("instellingen:teamtoewijzing")


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def postcodegebied_verwijderen_view(request, pk):
    gebied = get_object_or_404(Postcodegebied.objects.select_related("team"), pk=pk)
    van, tot = gebied.van, gebied.tot
    postcodegebied_verwijderen(door=request.user, request=request, gebied=gebied)
    messages.success(
        request, _("Het postcodegebied %(van)d tot en met %(tot)d is verwijderd.") % {"van": van, "tot": tot}
    )
    return redirect("instellingen:teamtoewijzing")
