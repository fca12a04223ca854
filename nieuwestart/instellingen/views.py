from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.termijnen.models import ExtraFeestdag
from nieuwestart.toegang.regels import INSTELLINGEN_BEHEREN, vereist

from .forms import ExtraFeestdagForm, GemeenteInstellingenForm
from .selectors import gemeente_instellingen
from .services import extra_feestdag_toevoegen, extra_feestdag_verwijderen, instellingen_wijzigen


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
