"""Thin views for beschikkingen and bezwaren (through the dossier's access check) and the template beheer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.permissions import mag_dossier_wijzigen
from nieuwestart.dossiers.views import dossier_view
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.toegang.regels import DOSSIERS_LEZEN, DOSSIERS_WIJZIGEN, INSTELLINGEN_BEHEREN, vereist

from . import selectors, services
from .forms import (
    AfhandelingForm,
    BezwaarForm,
    MondelingAkkoordForm,
    SjabloonUploadForm,
    StandaardGebruikenForm,
    VerdagingForm,
    VerzendingForm,
)
from .models import Beschikking, BeschikkingSoort, Bezwaar, Sjabloon, Sjabloonsoort
from .sjablonen import standaard_docx, standaard_html

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(inhoud: bytes, *, soort: str, bestandsnaam: str, inline: bool) -> HttpResponse:
    antwoord = HttpResponse(bytes(inhoud), content_type=soort)
    antwoord["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{bestandsnaam}"'
    # Personal data: never in a shared or browser cache.
    antwoord["Cache-Control"] = "no-store"
    return antwoord


@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="beschikking_bekijken")
def detail(request, dossier, beschikking: int):
    regel = selectors.beschikking_op_pagina(dossier, beschikking, vandaag=timezone.localdate())
    met_pdf = selectors.beschikking_met_document(dossier, beschikking, "pdf")
    context = {
        "dossier": dossier,
        "regel": regel,
        "b": regel.beschikking,
        "bezwaar": regel.bezwaar,
        "pdf_ongewijzigd": services.pdf_ongewijzigd(met_pdf),
        "mag_wijzigen": mag_dossier_wijzigen(request.user, dossier),
    }
    return render(request, "beschikkingen/detail.html", context)


@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="beschikking_pdf_downloaden")
def pdf(request, dossier, beschikking: int):
    b = selectors.beschikking_met_document(dossier, beschikking, "pdf")
    return _document(b.pdf, soort=PDF, bestandsnaam=f"{b.bestandsnaam}.pdf", inline=True)


@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="beschikking_docx_downloaden")
def docx(request, dossier, beschikking: int):
    b = selectors.beschikking_met_document(dossier, beschikking, "docx")
    return _document(b.docx, soort=DOCX, bestandsnaam=f"{b.bestandsnaam}.docx", inline=False)


def _actie(request, dossier, beschikking: int, *, form_class, titel, uitleg, uitvoeren, succes, al_gedaan=None):
    """GET shows the form with the beschikking; POST makes one service call and maps refusals to the form."""
    regel = selectors.beschikking_op_pagina(dossier, beschikking, vandaag=timezone.localdate())
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            uitvoeren(regel.beschikking, form.cleaned_data)
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(request, succes)
            return redirect("beschikkingen:detail", pk=dossier.pk, beschikking=regel.beschikking.pk)
    context = {
        "dossier": dossier, "regel": regel, "b": regel.beschikking, "bezwaar": regel.bezwaar, "form": form,
        "titel": titel, "uitleg": uitleg, "al_gedaan": al_gedaan(regel) if al_gedaan else "",
    }
    return render(request, "beschikkingen/actie.html", context, status=200)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="beschikking_formulier_bekijken", wijzigen="beschikking_verzending_vastleggen")
def verzending(request, dossier, beschikking: int):
    def uitvoeren(b, data):
        services.verzending_vastleggen(
            beschikking=b, verzonden_op=data["verzonden_op"], via=data["via"], door=request.user,
            vandaag=timezone.localdate(),
        )

    return _actie(
        request, dossier, beschikking, form_class=VerzendingForm, uitvoeren=uitvoeren,
        titel=_("Verzending vastleggen"),
        uitleg=_("Leg vast wanneer en hoe de beschikking is verstuurd. Vanaf de dag erna loopt de bezwaartermijn."),
        succes=_("De verzending is vastgelegd. De bezwaartermijn loopt nu."),
        al_gedaan=lambda r: _("Deze beschikking is al verzonden.") if r.beschikking.verzonden_op else "",
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="beschikking_formulier_bekijken", wijzigen="mondeling_akkoord_vastleggen")
def mondeling_akkoord(request, dossier, beschikking: int):
    def uitvoeren(b, data):
        services.mondeling_akkoord_vastleggen(
            beschikking=b, datum=data["datum"], hoe=data["hoe"], door=request.user, vandaag=timezone.localdate()
        )

    return _actie(
        request, dossier, beschikking, form_class=MondelingAkkoordForm, uitvoeren=uitvoeren,
        titel=_("Mondeling akkoord vastleggen"),
        uitleg=_("Het plan hoeft niet ondertekend te worden, maar de rechthebbende moet het ermee eens zijn. "
                 "Een mondeling akkoord legt u hier vast."),
        succes=_("Het mondelinge akkoord is vastgelegd."),
        al_gedaan=lambda r: _("Het akkoord is al vastgelegd.") if r.beschikking.mondeling_akkoord_op else "",
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="bezwaar_formulier_bekijken", wijzigen="bezwaar_registreren")
def bezwaar_registreren(request, dossier, beschikking: int):
    def uitvoeren(b, data):
        services.bezwaar_registreren(beschikking=b, door=request.user, vandaag=timezone.localdate(), **data)

    return _actie(
        request, dossier, beschikking, form_class=BezwaarForm, uitvoeren=uitvoeren,
        titel=_("Bezwaar registreren"),
        uitleg=_("Nieuwe Start berekent zelf of het bezwaar op tijd is (Awb artikel 6:7 tot en met 6:9) "
                 "en zet de termijn om te beslissen op de werkvoorraad."),
        succes=_("Het bezwaar is geregistreerd. De termijn om te beslissen loopt."),
        al_gedaan=lambda r: _("Tegen deze beschikking is al bezwaar geregistreerd.") if r.bezwaar else "",
    )


def _bezwaar_van(b: Beschikking) -> Bezwaar:
    return get_object_or_404(Bezwaar, beschikking=b)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="bezwaar_formulier_bekijken", wijzigen="beslistermijn_bezwaar_verdagen")
def bezwaar_verdagen(request, dossier, beschikking: int):
    def uitvoeren(b, data):
        services.beslistermijn_verdagen(
            bezwaar=_bezwaar_van(b), verdaagd_op=data["verdaagd_op"], reden=data["reden"], door=request.user,
            vandaag=timezone.localdate(),
        )

    return _actie(
        request, dossier, beschikking, form_class=VerdagingForm, uitvoeren=uitvoeren,
        titel=_("Beslissing op bezwaar uitstellen"),
        uitleg=_("De gemeente mag één keer uitstellen, met ten hoogste 6 weken, en alleen vóór het einde van "
                 "de termijn (Awb artikel 7:10). Laat de indiener dit schriftelijk weten."),
        succes=_("Het uitstel is vastgelegd. De termijn is 6 weken langer."),
        al_gedaan=lambda r: (
            _("Er is nog geen bezwaar geregistreerd.") if not r.bezwaar
            else _("De beslissing is al een keer uitgesteld.") if r.bezwaar.verdaagd_op else ""
        ),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="bezwaar_formulier_bekijken", wijzigen="bezwaar_afhandelen")
def bezwaar_afhandelen(request, dossier, beschikking: int):
    def uitvoeren(b, data):
        services.bezwaar_afhandelen(bezwaar=_bezwaar_van(b), door=request.user, vandaag=timezone.localdate(), **data)

    return _actie(
        request, dossier, beschikking, form_class=AfhandelingForm, uitvoeren=uitvoeren,
        titel=_("Beslissing op bezwaar vastleggen"),
        uitleg=_("Is het bezwaar gegrond? Maak dan ook een addendum bij het plan van aanpak: "
                 "dat is een nieuwe beschikking."),
        succes=_("De beslissing op het bezwaar is vastgelegd."),
        al_gedaan=lambda r: (
            _("Er is nog geen bezwaar geregistreerd.") if not r.bezwaar
            else _("Op dit bezwaar is al beslist.") if r.bezwaar.afgehandeld else ""
        ),
    )


# --- Letter templates (functioneel beheerder) -------------------------------------------------

@require_http_methods(["GET", "POST"])
@vereist(INSTELLINGEN_BEHEREN)
def sjablonen(request):
    form = SjabloonUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sjabloon = services.sjabloon_uploaden(
                    soort=data["soort"], beschikkingsoort=data["beschikkingsoort"], inhoud=data["bestand"].read(),
                    bestandsnaam=data["bestand"].name, omschrijving=data["omschrijving"], activeren=data["activeren"],
                    door=request.user,
                )
            except RegelOvertreding as fout:
                form.voeg_regelovertreding_toe(fout)
                beveiligingsgebeurtenis_vastleggen(
                    request, actie="briefsjabloon_geweigerd", resultaat="GEWEIGERD", object_type="sjabloon",
                    object_id=f"{data['soort']}-{data['beschikkingsoort']}",
                )
            else:
                beveiligingsgebeurtenis_vastleggen(
                    request, actie="briefsjabloon_geupload", resultaat="GELUKT", object_type="sjabloon",
                    object_id=sjabloon.versielabel,
                )
                messages.success(request, _("Versie %(versie)s is opgeslagen.") % {"versie": sjabloon.versie}
                                 + (" " + _("Nieuwe beschikkingen gebruiken dit sjabloon.") if sjabloon.actief else ""))
                return redirect("beschikkingen:sjablonen")
        status = 400
    context = {
        "form": form,
        "sjablonen": selectors.sjablonen_overzicht(),
        "standaard_formulieren": [
            (Sjabloonsoort(soort).label, BeschikkingSoort(besch).label,
             StandaardGebruikenForm(initial={"soort": soort, "beschikkingsoort": besch}))
            for soort, besch in sorted(Sjabloon.objects.filter(actief=True).values_list("soort", "beschikkingsoort"))
        ],
    }
    return render(request, "beschikkingen/sjablonen.html", context, status=status)


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def sjabloon_activeren(request, sjabloon: int):
    s = get_object_or_404(Sjabloon.objects.defer("tekst", "bestand"), pk=sjabloon)
    services.sjabloon_activeren(sjabloon=s)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="briefsjabloon_geactiveerd", resultaat="GELUKT", object_type="sjabloon", object_id=s.versielabel
    )
    messages.success(request, _("Nieuwe beschikkingen gebruiken nu versie %(versie)s.") % {"versie": s.versie})
    return redirect("beschikkingen:sjablonen")


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def standaard_gebruiken(request):
    form = StandaardGebruikenForm(request.POST)
    if form.is_valid():
        services.standaard_sjabloon_gebruiken(**form.cleaned_data)
        beveiligingsgebeurtenis_vastleggen(
            request, actie="briefsjabloon_geactiveerd", resultaat="GELUKT", object_type="sjabloon",
            object_id=f"{form.cleaned_data['soort']}-{form.cleaned_data['beschikkingsoort']}-standaard",
        )
        messages.success(request, _("Nieuwe beschikkingen gebruiken weer het standaardsjabloon."))
    return redirect("beschikkingen:sjablonen")


@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def sjabloon_downloaden(request, sjabloon: int):
    s = get_object_or_404(Sjabloon, pk=sjabloon)
    if s.soort == Sjabloonsoort.PDF_HTML:
        return _document(s.tekst.encode("utf-8"), soort="text/html; charset=utf-8",
                         bestandsnaam=f"{s.versielabel}.html", inline=False)
    return _document(s.bestand, soort=DOCX, bestandsnaam=f"{s.versielabel}.docx", inline=False)


@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def standaard_html_downloaden(request):
    return _document(standaard_html().encode("utf-8"), soort="text/html; charset=utf-8",
                     bestandsnaam="beschikking-standaard.html", inline=False)


@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def standaard_docx_downloaden(request):
    return _document(standaard_docx(), soort=DOCX, bestandsnaam="beschikking-standaard.docx", inline=False)
