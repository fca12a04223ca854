"""Thin views: check access, make one domain call, show Dutch messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.termijnen.regels import REGELS, TermijnSoort

from . import permissions, selectors, services
from .forms import EersteGesprekForm, OpschortingEindeForm, OpschortingForm, VerificatieForm, VerwachteDatumForm, WerkvoorraadFilter
from .models import Dossier, DossierStatus, Leefgebied

PAGINA_GROOTTE = 25


def start(request):
    if permissions.werkt_met_dossiers(request.user):
        return redirect("dossiers:werkvoorraad")
    if permissions.mag_instellingen_beheren(request.user):
        return redirect("instellingen:bewerken")
    return render(request, "start.html")


def werkvoorraad(request):
    if not permissions.werkt_met_dossiers(request.user):
        raise PermissionDenied
    vandaag = timezone.localdate()
    filterset = WerkvoorraadFilter(
        request.GET or None, queryset=permissions.dossiers_voor_gebruiker(request.user), user=request.user
    )
    pagina = Paginator(selectors.werkvoorraad_queryset(filterset.qs), PAGINA_GROOTTE).get_page(request.GET.get("pagina"))
    rijen = [(d, selectors.volgende_termijn(d, vandaag=vandaag)) for d in pagina]
    context = {"filter": filterset, "pagina": pagina, "rijen": rijen, "vandaag": vandaag}
    sjabloon = "dossiers/_werkvoorraad_tabel.html" if request.htmx else "dossiers/werkvoorraad.html"
    return render(request, sjabloon, context)


def _dossier_of_404(request, pk: int, *, wijzigen: bool = False) -> Dossier:
    dossier = get_object_or_404(Dossier.objects.select_related("rechthebbende"), pk=pk)
    toegestaan = permissions.mag_dossier_wijzigen if wijzigen else permissions.mag_dossier_bekijken
    if not toegestaan(request.user, dossier):
        raise PermissionDenied
    return dossier


def dossier_detail(request, pk: int):
    _dossier_of_404(request, pk)
    dossier = selectors.dossier_voor_pagina(pk)
    vandaag = timezone.localdate()
    termijnen = selectors.termijnen_voor_pagina(dossier)
    eerste_gesprek = getattr(dossier, "eerste_gesprek", None)
    context = {
        "dossier": dossier,
        "rechthebbende": dossier.rechthebbende,
        "huishouden": getattr(dossier, "huishouden", None),
        "eerste_gesprek": eerste_gesprek,
        "termijnen": [(t, t.status(vandaag)) for t in termijnen],
        "gebeurtenissen": list(dossier.gebeurtenissen.all())[::-1],
        "mag_wijzigen": permissions.mag_dossier_wijzigen(request.user, dossier),
        "kan_verifieren": dossier.status == DossierStatus.AANGEMELD,
        "kan_eerste_gesprek": dossier.status in (DossierStatus.AANGEMELD, DossierStatus.GEVERIFIEERD),
        "heeft_open_termijnen": any(t.is_open for t in termijnen),
        "leefgebieden": dict(Leefgebied.choices),
        "vandaag": vandaag,
    }
    return render(request, "dossiers/dossier_detail.html", context)


def _formulier_actie(request, pk, *, form_class, sjabloon, uitvoeren, succes, form_kwargs=None, extra=None):
    """GET shows the form; POST runs one service call and maps policy refusals to the form."""
    dossier = _dossier_of_404(request, pk, wijzigen=True)
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
def verificatie(request, pk: int):
    def uitvoeren(dossier, form):
        services.verificatie_vastleggen(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _formulier_actie(
        request, pk, form_class=VerificatieForm, sjabloon="dossiers/verificatie.html", uitvoeren=uitvoeren,
        succes=_("De verificatie is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
def eerste_gesprek(request, pk: int):
    def uitvoeren(dossier, form):
        data = form.cleaned_data
        services.eerste_gesprek_vastleggen(
            dossier=dossier, door=request.user, vandaag=timezone.localdate(), datum=data["datum"],
            aanwezigen=data["aanwezigen"], acute_situatie=data["acute_situatie"],
            acute_toelichting=data["acute_toelichting"], hulpvragen=form.hulpvragen(),
        )

    return _formulier_actie(
        request, pk, form_class=EersteGesprekForm, sjabloon="dossiers/eerste_gesprek.html", uitvoeren=uitvoeren,
        succes=_("Het eerste gesprek is vastgelegd. De termijnen voor het plan van aanpak lopen nu."),
    )


VERDAAGBARE_TERMIJNEN = tuple(r.code for r in REGELS if r.verdaagbaar)
OPSCHORTBARE_TERMIJNEN = tuple(r.code for r in REGELS if r.opschortbaar)


@require_http_methods(["GET", "POST"])
def verwachte_datum(request, pk: int):
    def uitvoeren(dossier, form):
        services.verwachte_datum_meedelen(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _formulier_actie(
        request, pk, form_class=VerwachteDatumForm, sjabloon="dossiers/termijn_actie.html", uitvoeren=uitvoeren,
        succes=_("De nieuwe datum is vastgelegd."), form_kwargs={"termijnen": VERDAAGBARE_TERMIJNEN},
        extra={"titel": _("Nieuwe datum meedelen"), "uitleg": _(
            "Lukt het niet binnen de termijn? Laat de rechthebbende vóór het einde van de termijn weten "
            "wanneer het wel gebeurt (Awb artikel 4:14). Leg die datum hier vast."
        )},
    )


@require_http_methods(["GET", "POST"])
def opschorten(request, pk: int):
    def uitvoeren(dossier, form):
        services.termijn_opschorten(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _formulier_actie(
        request, pk, form_class=OpschortingForm, sjabloon="dossiers/termijn_actie.html", uitvoeren=uitvoeren,
        succes=_("De termijn staat stil vanaf de gekozen dag."), form_kwargs={"termijnen": OPSCHORTBARE_TERMIJNEN},
        extra={"titel": _("Termijn opschorten"), "uitleg": _(
            "Een termijn staat stil als de rechthebbende om uitstel vraagt of gegevens moet aanvullen "
            "(Awb artikel 4:15). De einddatum schuift dan op met het aantal dagen dat de termijn stilstaat."
        )},
    )


@require_http_methods(["GET", "POST"])
def opschorting_beeindigen(request, pk: int):
    def uitvoeren(dossier, form):
        services.opschorting_beeindigen(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _formulier_actie(
        request, pk, form_class=OpschortingEindeForm, sjabloon="dossiers/termijn_actie.html", uitvoeren=uitvoeren,
        succes=_("De termijn loopt weer."), form_kwargs={"termijnen": OPSCHORTBARE_TERMIJNEN},
        extra={"titel": _("Opschorting beëindigen"), "uitleg": _("Vanaf de gekozen dag loopt de termijn weer verder.")},
    )
