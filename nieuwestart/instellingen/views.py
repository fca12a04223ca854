from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.toegang.regels import INSTELLINGEN_BEHEREN, vereist
from nieuwestart.termijnen.models import ExtraFeestdag

from .forms import GemeenteInstellingenForm
from .selectors import gemeente_instellingen
from .services import instellingen_wijzigen


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
    return render(
        request,
        "instellingen/bewerken.html",
        {"form": form, "extra_feestdagen": ExtraFeestdag.objects.all()},
    )
