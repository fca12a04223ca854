"""Thin views: check access, make one domain call, show Dutch messages.

Every view that shows or changes a dossier goes through ``dossier_view``: it applies the
role rule, the team / break-the-glass check, and writes the processing log for each data
subject on the page.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen, verwerking
from nieuwestart.meldingen import selectors as meldingen_selectors
from nieuwestart.toegang.models import Doorbreking
from nieuwestart.toegang.regels import DOSSIERS_LEZEN, DOSSIERS_WIJZIGEN, INGELOGD, vereist
from nieuwestart.termijnen.regels import REGELS, TermijnSoort

from . import permissions, selectors, services
from .forms import DoorbreekForm, EersteGesprekForm, OpschortingEindeForm, OpschortingForm, VerificatieForm, VerwachteDatumForm, WerkvoorraadFilter
from .models import Dossier, DossierStatus, Leefgebied
from .permissions import Toegang, toegang_tot_dossier

PAGINA_GROOTTE = 25


@vereist(INGELOGD)
def start(request):
    if permissions.werkt_met_dossiers(request.user):
        return redirect("dossiers:werkvoorraad")
    if permissions.mag_instellingen_beheren(request.user):
        return redirect("instellingen:bewerken")
    return render(request, "start.html")


@vereist(DOSSIERS_LEZEN)
@require_http_methods(["GET", "POST"])
def werkvoorraad(request):
    # The search form posts, so a BSN typed into it never ends up in a URL, the browser history
    # or an access log. Plain filter links (?status=...) keep working via GET.
    vandaag = timezone.localdate()
    gegevens = request.POST if request.method == "POST" else request.GET
    filterset = WerkvoorraadFilter(
        gegevens or None, queryset=permissions.dossiers_voor_gebruiker(request.user), user=request.user
    )
    pagina = Paginator(selectors.werkvoorraad_queryset(filterset.qs), PAGINA_GROOTTE).get_page(gegevens.get("pagina"))
    rijen = [(d, selectors.volgende_termijn(d, vandaag=vandaag)) for d in pagina]
    context = {"filter": filterset, "pagina": pagina, "rijen": rijen, "vandaag": vandaag}
    sjabloon = "dossiers/_werkvoorraad_tabel.html" if request.htmx else "dossiers/werkvoorraad.html"
    # A list shows names of every person on the page: one processing line each.
    betrokkenen = [d.rechthebbende.bsn for d, _t in rijen]
    if not request.htmx:
        # The unread meldingen above the list name dossiers too (by number).
        context["meldingen"] = meldingen_selectors.blok_voor(request.user)
        betrokkenen += context["meldingen"].betrokkenen
        # So do the approval requests waiting for this user (plan van aanpak, mandate).
        from nieuwestart.plannen.views import goedkeuringenblok_voor

        context["goedkeuringen"] = goedkeuringenblok_voor(request.user)
        betrokkenen += context["goedkeuringen"].betrokkenen
        # And the dossiers in afbouw with their end date and the steps still to take.
        from nieuwestart.beeindiging.selectors import afbouwblok_voor

        context["afbouw"] = afbouwblok_voor(request.user, vandaag=vandaag)
        betrokkenen += context["afbouw"].betrokkenen
    with verwerking(request, naam="werkvoorraad_bekijken", betrokkenen=betrokkenen):
        return render(request, sjabloon, context)


def _dossier_laden(pk: int) -> Dossier:
    return get_object_or_404(Dossier.objects.select_related("rechthebbende"), pk=pk)


def dossier_view(regel, *, lezen: str, wijzigen: str | None = None, met_huishouden: bool = False, laden=_dossier_laden):
    """Load the dossier, decide access (own team, break-the-glass, or none), and log the processing."""

    def decorator(view):
        @vereist(regel)
        @wraps(view)
        def beschermd(request, pk: int, *args, **kwargs):
            dossier = laden(pk)
            toegang = toegang_tot_dossier(request.user, dossier)
            if toegang is Toegang.GEEN:
                raise PermissionDenied
            if toegang is Toegang.DOORBREKEN_MOGELIJK:
                doel = reverse("dossiers:doorbreken", args=[dossier.pk])
                return redirect(f"{doel}?{urlencode({'next': request.get_full_path()})}")
            reden = ""
            if toegang is Toegang.DOORBROKEN:
                reden = (
                    Doorbreking.objects.filter(gebruiker=request.user, dossier=dossier)
                    .values_list("reden", flat=True).first() or ""
                )
            betrokkenen = [dossier.rechthebbende.bsn]
            huishouden = getattr(dossier, "huishouden", None) if met_huishouden else None
            if huishouden is not None:
                # Household members with a BSN are data subjects of this page too.
                betrokkenen += [lid.bsn for lid in huishouden.leden.all() if lid.bsn]
            naam = wijzigen if (wijzigen and request.method == "POST") else lezen
            with verwerking(
                request, naam=naam, betrokkenen=betrokkenen, object_type="dossier",
                object_id=dossier.dossiernummer, reden=reden,
            ):
                return view(request, dossier, *args, **kwargs)

        return beschermd

    return decorator


def _dossier_voor_pagina_of_404(pk: int) -> Dossier:
    try:
        return selectors.dossier_voor_pagina(pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


TIJDLIJN_KORT = 50


@dossier_view(DOSSIERS_LEZEN, lezen="dossier_bekijken", met_huishouden=True, laden=_dossier_voor_pagina_of_404)
def dossier_detail(request, dossier: Dossier):
    vandaag = timezone.localdate()
    termijnen = selectors.termijnen_voor_pagina(dossier, vandaag=vandaag)
    # The newest events first; a long history is shortened unless asked for (page speed).
    alles = request.GET.get("tijdlijn") == "alles"
    gebeurtenissen, ingekort = selectors.tijdlijn(dossier, hoeveel=None if alles else TIJDLIJN_KORT)
    eerste_gesprek = getattr(dossier, "eerste_gesprek", None)
    context = {
        "dossier": dossier,
        "rechthebbende": dossier.rechthebbende,
        "huishouden": getattr(dossier, "huishouden", None),
        "eerste_gesprek": eerste_gesprek,
        "termijnen": termijnen,
        "gebeurtenissen": gebeurtenissen,
        "tijdlijn_ingekort": ingekort,
        "mag_wijzigen": permissions.mag_dossier_wijzigen(request.user, dossier),
        "kan_verifieren": dossier.status == DossierStatus.AANGEMELD,
        "kan_eerste_gesprek": dossier.status in (DossierStatus.AANGEMELD, DossierStatus.GEVERIFIEERD),
        "heeft_open_termijnen": any(t.is_open for t in termijnen),
        "leefgebieden": dict(Leefgebied.choices),
        "vandaag": vandaag,
    }
    return render(request, "dossiers/dossier_detail.html", context)


def _formulier_actie(request, dossier, *, form_class, sjabloon, uitvoeren, succes, form_kwargs=None, extra=None):
    """GET shows the form; POST runs one service call and maps policy refusals to the form."""
    form_kwargs = form_kwargs or {}
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            uitvoeren(dossier, form)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, succes)
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, sjabloon, {"dossier": dossier, "form": form, **(extra or {})})


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="verificatie_formulier_bekijken", wijzigen="verificatie_vastleggen")
def verificatie(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        services.verificatie_vastleggen(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _formulier_actie(
        request, dossier, form_class=VerificatieForm, sjabloon="dossiers/verificatie.html", uitvoeren=uitvoeren,
        succes=_("De verificatie is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="eerste_gesprek_formulier_bekijken", wijzigen="eerste_gesprek_vastleggen")
def eerste_gesprek(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        data = form.cleaned_data
        services.eerste_gesprek_vastleggen(
            dossier=dossier, door=request.user, vandaag=timezone.localdate(), datum=data["datum"],
            aanwezigen=data["aanwezigen"], acute_situatie=data["acute_situatie"],
            acute_toelichting=data["acute_toelichting"], hulpvragen=form.hulpvragen(),
        )

    return _formulier_actie(
        request, dossier, form_class=EersteGesprekForm, sjabloon="dossiers/eerste_gesprek.html", uitvoeren=uitvoeren,
        succes=_("Het eerste gesprek is vastgelegd. De termijnen voor het plan van aanpak lopen nu."),
    )


VERDAAGBARE_TERMIJNEN = tuple(r.code for r in REGELS if r.verdaagbaar)
OPSCHORTBARE_TERMIJNEN = tuple(r.code for r in REGELS if r.opschortbaar)


def _termijn_actie(*, naam: str, form_class, service, termijnen, titel, uitleg, succes):
    """One screen that changes a term through an event (Awb 4:14 notice, 4:15 suspension)."""

    @require_http_methods(["GET", "POST"])
    @dossier_view(DOSSIERS_WIJZIGEN, lezen="termijn_formulier_bekijken", wijzigen=naam)
    def view(request, dossier: Dossier):
        def uitvoeren(dossier, form):
            service(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

        return _formulier_actie(
            request, dossier, form_class=form_class, sjabloon="dossiers/termijn_actie.html", uitvoeren=uitvoeren,
            succes=succes, form_kwargs={"termijnen": termijnen}, extra={"titel": titel, "uitleg": uitleg},
        )

    view.__name__ = naam
    return view


verwachte_datum = _termijn_actie(
    naam="verwachte_datum_meedelen", form_class=VerwachteDatumForm, service=services.verwachte_datum_meedelen,
    termijnen=VERDAAGBARE_TERMIJNEN, titel=_lazy("Nieuwe datum meedelen"), succes=_lazy("De nieuwe datum is vastgelegd."),
    uitleg=_lazy(
        "Lukt het niet binnen de termijn? Laat de rechthebbende vóór het einde van de termijn weten "
        "wanneer het wel gebeurt (Awb artikel 4:14). Leg die datum hier vast."
    ),
)
opschorten = _termijn_actie(
    naam="termijn_opschorten", form_class=OpschortingForm, service=services.termijn_opschorten,
    termijnen=OPSCHORTBARE_TERMIJNEN, titel=_lazy("Termijn opschorten"),
    succes=_lazy("De termijn staat stil vanaf de gekozen dag."),
    uitleg=_lazy(
        "Een termijn staat stil als de rechthebbende om uitstel vraagt of gegevens moet aanvullen "
        "(Awb artikel 4:15). De einddatum schuift dan op met het aantal dagen dat de termijn stilstaat."
    ),
)
opschorting_beeindigen = _termijn_actie(
    naam="opschorting_beeindigen", form_class=OpschortingEindeForm, service=services.opschorting_beeindigen,
    termijnen=OPSCHORTBARE_TERMIJNEN, titel=_lazy("Opschorting beëindigen"), succes=_lazy("De termijn loopt weer."),
    uitleg=_lazy("Vanaf de gekozen dag loopt de termijn weer verder."),
)


@require_http_methods(["GET", "POST"])
@vereist(DOSSIERS_LEZEN)
def doorbreken(request, pk: int):
    """Doorbreekfunctie: state why you need a dossier of another team. Logged for the auditor."""
    dossier = get_object_or_404(Dossier, pk=pk)
    toegang = toegang_tot_dossier(request.user, dossier)
    volgende = request.GET.get("next") or request.POST.get("next") or reverse("dossiers:detail", args=[dossier.pk])
    if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        volgende = reverse("dossiers:detail", args=[dossier.pk])
    if toegang is Toegang.GEEN:
        raise PermissionDenied
    if toegang in (Toegang.EIGEN_TEAM, Toegang.DOORBROKEN):
        return redirect(volgende)
    form = DoorbreekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        permissions.dossier_doorbreken(user=request.user, dossier=dossier, reden=form.cleaned_data["reden"])
        beveiligingsgebeurtenis_vastleggen(
            request, actie="dossier_doorbreken", resultaat="GELUKT", object_type="dossier",
            object_id=dossier.dossiernummer, reden=form.cleaned_data["reden"],
        )
        messages.warning(request, _("U heeft dit dossier geopend buiten uw team. Dit is vastgelegd met uw reden."))
        return redirect(volgende)
    return render(request, "dossiers/doorbreken.html", {"dossier": dossier, "form": form, "volgende": volgende})


@require_http_methods(["POST"])
@dossier_view(DOSSIERS_LEZEN, lezen="bsn_tonen")
def bsn_tonen(request, dossier: Dossier):
    """The full BSN only on an explicit action, which is logged."""
    context = {"dossier": dossier, "rechthebbende": dossier.rechthebbende}
    if request.htmx:
        return render(request, "dossiers/_bsn.html", context)
    return render(request, "dossiers/bsn.html", context)
