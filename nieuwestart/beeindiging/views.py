"""Thin views for afbouw, beëindiging, warme overdracht, nazorg and afsluiten: one service call each.

All go through ``dossiers.views.dossier_view`` (team check or doorbreekfunctie, processing log). GET shows
the form, POST runs the service and maps a ``RegelOvertreding`` to the form.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Dossier
from nieuwestart.dossiers.views import dossier_view
from nieuwestart.toegang.regels import DOSSIERS_WIJZIGEN

from . import selectors, services
from .forms import (
    AfbouwstapForm,
    AfsluitenForm,
    BeeindigenForm,
    ContactpogingForm,
    DatumForm,
    NazorgcontroleForm,
    OverdrachtForm,
)
from .models import Afbouwstap, Afbouwstapsoort, Controlemoment, Overdrachtstatus, WarmeOverdracht


def _vandaag():
    return timezone.localdate()


def _formulier(request, dossier, *, form, sjabloon, uitvoeren, succes, titel, uitleg="", extra=None):
    if request.method == "POST" and form.is_valid():
        try:
            uitvoeren(form.cleaned_data)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, succes)
            return redirect("dossiers:detail", pk=dossier.pk)
    context = {"dossier": dossier, "form": form, "titel": titel, "uitleg": uitleg, **(extra or {})}
    return render(request, sjabloon, context)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="afbouw_formulier_bekijken", wijzigen="afbouw_starten")
def afbouw_starten(request, dossier: Dossier):
    termijn = selectors.termijn(dossier, "ACCLIMATISATIE")
    form = DatumForm(request.POST or None, initial={"datum": _vandaag()})
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.afbouw_starten(dossier=dossier, door=request.user, datum=d["datum"], vandaag=_vandaag()),
        succes=_("De afbouw is gestart. Vink de stappen af in het dossier."),
        titel=_("Afbouw starten"),
        uitleg=_("UHT heeft de aanvrager niet erkend. De gemeente bouwt de hulp binnen 30 dagen af "
                 "(acclimatisatiefase). Hulp die al is toegekend, gaat door. Er komen geen nieuwe voorzieningen bij.")
        + (" " + _("De afbouw loopt tot en met %(datum)s.") % {"datum": termijn.einddatum.strftime("%d-%m-%Y")} if termijn else ""),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="afbouwstap_formulier_bekijken", wijzigen="afbouwstap_afvinken")
def afbouwstap(request, dossier: Dossier):
    gedaan = set(Afbouwstap.objects.filter(dossier=dossier).values_list("stap", flat=True))
    open_stappen = [s.value for s in Afbouwstapsoort if s.value not in gedaan]
    form = AfbouwstapForm(request.POST or None, open_stappen=open_stappen,
                          initial={"datum": _vandaag(), "stap": request.GET.get("stap")})
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.afbouwstap_afvinken(dossier=dossier, door=request.user, vandaag=_vandaag(), **d),
        succes=_("De stap is afgevinkt."), titel=_("Stap in de afbouw afvinken"),
        uitleg=_("In de afbouw praat u met de rechthebbende over de hulp die hierna nodig is, bereidt u hem of haar voor "
                 "op de herstart van de invordering en verwijst u zo nodig door naar de reguliere schuldhulpverlening."),
        extra={"niets_open": not open_stappen},
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="contactpoging_formulier_bekijken", wijzigen="contactpoging_vastleggen")
def contactpoging(request, dossier: Dossier):
    form = ContactpogingForm(request.POST or None, initial={"datum": _vandaag()})
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.contactpoging_vastleggen(dossier=dossier, door=request.user, vandaag=_vandaag(), **d),
        succes=_("De contactpoging is vastgelegd."), titel=_("Contactpoging vastleggen"),
        uitleg=_("Reageert de rechthebbende niet? Leg elke poging vast. De ondersteuning kan pas stoppen wegens geen "
                 "reactie na genoeg pogingen, op minstens twee manieren en met minstens één brief of e-mail."),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="beeindiging_formulier_bekijken", wijzigen="ondersteuning_beeindigen")
def beeindigen(request, dossier: Dossier):
    leefgebieden = selectors.leefgebieden_met_doel(dossier)
    form = BeeindigenForm(request.POST or None, leefgebieden=leefgebieden,
                          initial={"einddatum": _vandaag(), "reden": request.GET.get("reden")})

    def uitvoeren(d):
        services.beeindigen(
            dossier=dossier, door=request.user, vandaag=_vandaag(), reden=d["reden"], einddatum=d["einddatum"],
            toelichting=d["toelichting"], bereikte_leefgebieden=d.get("bereikte_leefgebieden") or (),
            nieuwe_gemeente=d["nieuwe_gemeente"], overlijdensdatum=d["overlijdensdatum"],
            huishouden_gaat_door=d["huishouden_gaat_door"],
        )

    sectie = selectors.dossiersectie(dossier, vandaag=_vandaag(), mag_wijzigen=True)
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/beeindigen.html", uitvoeren=uitvoeren,
        succes=_("De ondersteuning is beëindigd. Verstuur de beschikking en leg de verzending vast."),
        titel=_("Ondersteuning beëindigen"), extra={"sectie": sectie},
    )


def _overdracht(dossier: Dossier, pk: int) -> WarmeOverdracht:
    return get_object_or_404(WarmeOverdracht.objects.select_related("aanbieder"), pk=pk, dossier=dossier)


_OVERDRACHT_UITLEG = _lazy(
    "Is er na de brede ondersteuning nog hulp nodig in een leefgebied? Draag die warm over aan reguliere hulp: "
    "met de rechthebbende erbij, en met een vaste contactpersoon. Een overdracht telt als bereikt doel voor dat "
    "leefgebied. Na de overdracht gaat u twee keer na of de hulp is gestart (nazorg)."
)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="overdracht_formulier_bekijken", wijzigen="overdracht_vastleggen")
def overdracht_nieuw(request, dossier: Dossier):
    form = OverdrachtForm(request.POST or None, initial={"leefgebied": request.GET.get("leefgebied")})

    def uitvoeren(d):
        services.overdracht_vastleggen(dossier=dossier, door=request.user, vandaag=_vandaag(), **d)

    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html", uitvoeren=uitvoeren,
        succes=_("De warme overdracht is vastgelegd."), titel=_("Warme overdracht"), uitleg=_OVERDRACHT_UITLEG,
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="overdracht_formulier_bekijken", wijzigen="overdracht_bijwerken")
def overdracht_bewerken(request, dossier: Dossier, overdracht: int):
    o = _overdracht(dossier, overdracht)
    if o.status != Overdrachtstatus.VOORGESTELD:
        raise Http404  # a handover that was done does not change; aftercare records what followed
    initial = {veld: getattr(o, veld) for veld in services.OVERDRACHT_VELDEN} | {"overgedragen_op": _vandaag()}
    form = OverdrachtForm(request.POST or None, initial=initial)
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.overdracht_bijwerken(overdracht=o, door=request.user, vandaag=_vandaag(), **d),
        succes=_("De warme overdracht is bijgewerkt."), titel=_("Warme overdracht"), uitleg=_OVERDRACHT_UITLEG,
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="nazorgcontrole_formulier_bekijken", wijzigen="nazorgcontrole_vastleggen")
def nazorgcontrole(request, dossier: Dossier, overdracht: int):
    o = _overdracht(dossier, overdracht)
    gedaan = set(o.controles.values_list("moment", flat=True))
    open_momenten = [m.value for m in Controlemoment if m.value not in gedaan]
    form = NazorgcontroleForm(request.POST or None, open_momenten=open_momenten,
                              initial={"datum": _vandaag(), "moment": open_momenten[0] if open_momenten else None})
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.nazorgcontrole_vastleggen(overdracht=o, door=request.user, vandaag=_vandaag(), **d),
        succes=_("De nazorgcontrole is vastgelegd."), titel=_("Nazorgcontrole vastleggen"),
        uitleg=_("%(lg)s is op %(datum)s overgedragen aan %(wie)s. Ga na of de hulp is gestart.")
        % {"lg": o.get_leefgebied_display(), "datum": o.datum.strftime("%d-%m-%Y") if o.datum else "?", "wie": o.ontvanger_naam},
        extra={"niets_open": not open_momenten},
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="nazorg_formulier_bekijken", wijzigen="nazorg_starten")
def nazorg_starten(request, dossier: Dossier):
    form = DatumForm(request.POST or None, initial={"datum": _vandaag()})
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.nazorg_starten(dossier=dossier, door=request.user, vandaag=_vandaag(), **d),
        succes=_("De nazorg is gestart. De nazorgcontroles staan in uw werkvoorraad."), titel=_("Nazorg starten"),
        uitleg=_("In de nazorg gaat u na of de reguliere hulp na de warme overdracht echt begint."),
        extra={"niet_mogelijk": "" if dossier.status == "BEEINDIGD" else
               _("Nazorg start na het beëindigen van de ondersteuning. Het dossier heeft nu de status '%(status)s'.")
               % {"status": dossier.get_status_display()}},
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="afsluiten_formulier_bekijken", wijzigen="dossier_afsluiten")
def afsluiten(request, dossier: Dossier):
    form = AfsluitenForm(request.POST or None, initial={"datum": _vandaag()})
    open_ = selectors.nazorg_open(dossier)
    return _formulier(
        request, dossier, form=form, sjabloon="beeindiging/formulier.html",
        uitvoeren=lambda d: services.afsluiten(dossier=dossier, door=request.user, vandaag=_vandaag(), **d),
        succes=_("Het dossier is afgesloten."), titel=_("Dossier afsluiten"),
        uitleg=_("U sluit het dossier af als de nazorg klaar is. Is nazorg niet (meer) nodig? Schrijf dan op waarom."),
        extra={"nog_open": open_, "nazorg_niet_gestart": dossier.status == "BEEINDIGD",
               "niet_mogelijk": "" if dossier.status in ("BEEINDIGD", "NAZORG") else
               _("Een dossier sluit u af na het beëindigen van de ondersteuning. Het dossier heeft nu de status '%(status)s'.")
               % {"status": dossier.get_status_display()}},
    )
