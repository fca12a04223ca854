from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.toegang.regels import LOGBOEK_INZIEN, vereist

from .forms import BewaarregelForm
from .models import Bewaarregel, Vernietigingsregistratie


@vereist(LOGBOEK_INZIEN)
def overzicht(request):
    return render(request, "bewaartermijnen/overzicht.html", {
        "regels": Bewaarregel.objects.all(),
        "registraties": Vernietigingsregistratie.objects.all()[:100],
    })


@require_http_methods(["GET", "POST"])
@vereist(LOGBOEK_INZIEN)
def bewerken(request, pk: int):
    regel = get_object_or_404(Bewaarregel, pk=pk)
    form = BewaarregelForm(request.POST or None, instance=regel)
    if request.method == "POST" and form.is_valid():
        regel = form.save(commit=False)
        regel.gewijzigd_door = request.user
        regel.save()
        beveiligingsgebeurtenis_vastleggen(
            request, actie="bewaarregel_wijzigen", resultaat="GELUKT", object_type="bewaarregel",
            object_id=f"{regel.categorie}={regel.termijn_maanden}",
        )
        messages.success(request, _("De bewaartermijn is opgeslagen."))
        return redirect("bewaartermijnen:overzicht")
    return render(request, "bewaartermijnen/bewerken.html", {"regel": regel, "form": form})
