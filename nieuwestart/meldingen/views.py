"""The user's meldingen: the full list, and marking one read (the worklist shows the unread ones).

Opening the dossier a melding names goes through the normal dossier page (its access check and
processing log); these screens show only dossier numbers, yet a dossier number is personal data
too, so the list logs a processing line for every person it names.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nieuwestart.logboek.services import verwerking
from nieuwestart.toegang.regels import DOSSIERS_LEZEN, vereist

from . import selectors, services
from .models import Melding

PAGINA_GROOTTE = 25


@require_GET
@vereist(DOSSIERS_LEZEN)
def overzicht(request):
    pagina = Paginator(selectors.meldingen_voor(request.user), PAGINA_GROOTTE).get_page(request.GET.get("pagina"))
    with verwerking(request, naam="meldingen_bekijken", betrokkenen=[m.dossier.rechthebbende.bsn for m in pagina]):
        return render(request, "meldingen/overzicht.html", {"pagina": pagina})


@require_POST
@vereist(DOSSIERS_LEZEN)
def gelezen(request, pk: int):
    try:
        services.als_gelezen_markeren(melding_id=pk, gebruiker=request.user)
    except Melding.DoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, _("De melding staat op gelezen."))
    terug = request.POST.get("next", "")
    veilig = url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if not veilig:
        terug = reverse("dossiers:werkvoorraad")
    return redirect(terug)
