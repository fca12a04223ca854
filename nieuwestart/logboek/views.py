"""Auditor screens and the processing register. Thin: a form, one selector or service call, a template.

What the auditor looks up is itself logged: a search in the log of a dossier as an audit event,
an inzageverzoek (on screen or exported) as a processing of that person's data.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from nieuwestart.dossiers.models import Dossier
from nieuwestart.toegang.regels import INSTELLINGEN_BEHEREN, LOGBOEK_INZIEN, vereist

from . import export, selectors, services
from .forms import ActiviteitForm, BetrokkeneZoekForm, DossierZoekForm
from .models import Resultaat
from .services import REGISTER_VELDEN, RegisterFout

PAGINA_GROOTTE = 25
PAGINA_GROOTTE_BETROKKENE = 50
INHOUDSTYPE = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@vereist(LOGBOEK_INZIEN)
@require_GET
def overzicht(request):
    return render(request, "logboek/overzicht.html", {"mag_register_beheren": INSTELLINGEN_BEHEREN.staat_toe(request.user)})


@vereist(LOGBOEK_INZIEN)
@require_GET
def dossier(request):
    form = DossierZoekForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        nummer = form.cleaned_data["dossiernummer"]
        services.beveiligingsgebeurtenis_vastleggen(
            request, actie="logboek_dossier_ingezien", resultaat=Resultaat.GELUKT, object_type="logboek",
            object_id=f"dossier {nummer}",
        )
        context.update(
            dossiernummer=nummer,
            dossier_bestaat=Dossier.objects.filter(dossiernummer=nummer).exists(),
            pagina=Paginator(selectors.gebeurtenissen_voor_dossier(nummer), PAGINA_GROOTTE).get_page(
                request.GET.get("pagina")
            ),
        )
    return render(request, "logboek/dossier.html", context)


@vereist(LOGBOEK_INZIEN)
@require_GET
def doorbrekingen(request):
    pagina = Paginator(selectors.doorbrekingen().select_related("actor"), PAGINA_GROOTTE).get_page(request.GET.get("pagina"))
    return render(request, "logboek/doorbrekingen.html", {"pagina": pagina})


@vereist(LOGBOEK_INZIEN)
@never_cache
@require_http_methods(["GET", "POST"])
def betrokkene(request):
    """The BSN travels only in the POST body, never in a URL (server logs, browser history)."""
    form = BetrokkeneZoekForm(request.POST or None)
    formaat = request.GET.get("formaat") or request.POST.get("formaat") or ""
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        bsn = form.cleaned_data["bsn"]
        verwerkingen = selectors.verwerkingen_voor_betrokkene(bsn)
        if formaat in export.FORMATEN:
            with services.verwerking(
                request, naam="inzageverzoek_export", betrokkenen=[bsn], object_type="betrokkene",
                reden=_("Inzageverzoek (AVG artikel 15), export als %(formaat)s") % {"formaat": formaat.upper()},
            ):
                inhoud = export.als_csv(verwerkingen) if formaat == "csv" else export.als_xlsx(verwerkingen)
            antwoord = HttpResponse(inhoud, content_type=INHOUDSTYPE[formaat])
            bestandsnaam = f"inzageverzoek-{timezone.localdate():%Y%m%d}.{formaat}"
            antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
            return antwoord
        with services.verwerking(
            request, naam="inzageverzoek_inzien", betrokkenen=[bsn], object_type="betrokkene",
            reden=_("Inzageverzoek (AVG artikel 15)"),
        ):
            pagina = Paginator(verwerkingen, PAGINA_GROOTTE_BETROKKENE).get_page(request.POST.get("pagina"))
            rijen = [(v, selectors.operatie_naam(v.naam)) for v in pagina]
        context.update(pagina=pagina, rijen=rijen, gezocht=True)
    return render(request, "logboek/betrokkene.html", context)


@vereist(LOGBOEK_INZIEN)
@require_GET
def integriteit(request):
    rapport = services.controleer_integriteit()
    services.beveiligingsgebeurtenis_vastleggen(
        request, actie="logboek_integriteit_gecontroleerd",
        resultaat=Resultaat.GELUKT if rapport.ok else Resultaat.MISLUKT, object_type="logboek",
        reden=rapport.als_tekst(),
    )
    return render(request, "logboek/integriteit.html", {"rapport": rapport})


@vereist(INSTELLINGEN_BEHEREN)
@require_GET
def verwerkingsregister(request):
    return render(request, "logboek/verwerkingsregister.html", {"activiteiten": selectors.activiteiten_per_code()})


def _activiteit_formulier(request, *, vorige=None):
    initial = None
    if vorige is not None:
        initial = {veld: getattr(vorige, veld) for veld in REGISTER_VELDEN}
        initial["geldig_vanaf"] = max(timezone.localdate(), vorige.geldig_vanaf)
    form = ActiviteitForm(request.POST or None, initial=initial, nieuwe_code=vorige is None)
    if request.method == "POST" and form.is_valid():
        code = vorige.code if vorige is not None else form.cleaned_data["code"]
        try:
            nieuwe = services.activiteit_versie_toevoegen(
                code=code, door=request.user, request=request, nieuwe_code=vorige is None, **{veld: form.cleaned_data[veld] for veld in REGISTER_VELDEN}
            )
        except RegisterFout as fout:
            form.add_error(fout.veld if fout.veld in form.fields else None, fout.bericht)
        else:
            messages.success(request, _("Versie %(versie)s van %(code)s is opgeslagen.") % {"versie": nieuwe.versie, "code": nieuwe.code})
            return redirect("logboek:verwerkingsregister")
    return render(request, "logboek/activiteit_form.html", {"form": form, "vorige": vorige})


@vereist(INSTELLINGEN_BEHEREN)
@require_http_methods(["GET", "POST"])
def activiteit_nieuw(request):
    return _activiteit_formulier(request)


@vereist(INSTELLINGEN_BEHEREN)
@require_http_methods(["GET", "POST"])
def activiteit_nieuwe_versie(request, code: str):
    vorige = selectors.laatste_versie(code)
    if vorige is None:
        raise Http404
    return _activiteit_formulier(request, vorige=vorige)
