"""Thin views for special groups and chain partners: one service call each, through ``dossier_view``
(team check, doorbreekfunctie, processing log)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from nieuwestart.dossiers.models import Dossier, Rechthebbende
from nieuwestart.dossiers.views import _formulier_actie, dossier_view
from nieuwestart.toegang.regels import DOSSIERS_WIJZIGEN

from . import forms, services
from .models import Driegesprek, Verwijzing

SJABLOON = "ketenpartners/formulier.html"


def _scherm(request, dossier, *, form_class, uitvoeren, succes, titel, uitleg=""):
    return _formulier_actie(
        request, dossier, form_class=form_class, sjabloon=SJABLOON, uitvoeren=uitvoeren, succes=succes,
        extra={"titel": titel, "uitleg": uitleg},
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="nabestaande_formulier_bekijken", wijzigen="overleden_aanvrager_koppelen")
def overleden_aanvrager(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        data = form.cleaned_data
        persoon = Rechthebbende.objects.filter(bsn=data["bsn"]).first() if data["bsn"] else None
        services.overleden_aanvrager_koppelen(
            dossier=dossier, door=request.user, vandaag=timezone.localdate(), overleden_rechthebbende=persoon,
            naam=data["naam"], bsn=data["bsn"], overlijdensdatum=data["overlijdensdatum"],
            aangemeld_bij_uht_op=data["aangemeld_bij_uht_op"], relatie=data["relatie"],
            ondersteuning=data["ondersteuning"], toelichting=data["toelichting"],
        )

    return _scherm(
        request, dossier, form_class=forms.OverledenAanvragerForm, uitvoeren=uitvoeren,
        succes=_("De overleden aanvrager is gekoppeld."), titel=_("Overleden aanvrager koppelen"),
        uitleg=_("Een nabestaande krijgt brede ondersteuning via de aanmelding van de overleden ouder. "
                 "Overleed de ouder na de aanmelding bij UHT, dan houdt het gezin het recht."),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="nabestaande_formulier_bekijken", wijzigen="recht_vaststellen_na_overlijden")
def recht_na_overlijden(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        services.recht_vaststellen_na_overlijden(
            dossier=dossier, door=request.user, datum=form.cleaned_data["datum"], vandaag=timezone.localdate()
        )

    return _scherm(
        request, dossier, form_class=forms.DatumForm, uitvoeren=uitvoeren,
        succes=_("Het recht op brede ondersteuning is vastgesteld. U kunt het eerste gesprek plannen."),
        titel=_("Recht vaststellen: ouder overleden na aanmelding"),
        uitleg=_("De ouder overleed na de aanmelding bij UHT. Het gezin heeft daardoor al recht op brede "
                 "ondersteuning; een verificatie bij UHT is niet nodig (Handreiking §4.6)."),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="kindregeling_formulier_bekijken", wijzigen="kindregeling_uitbetaling_vastleggen")
def kindregeling_uitbetaling(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        services.kindregeling_uitbetaling_vastleggen(
            dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data
        )

    return _scherm(
        request, dossier, form_class=forms.KindregelingUitbetalingForm, uitvoeren=uitvoeren,
        succes=_("De uitbetaling is vastgelegd. De termijn voor extra hulp bij schulden loopt nu."),
        titel=_("Uitbetaling kindregeling vastleggen"),
        uitleg=_("Tot 1 jaar na de uitbetaling kan het kind zich aanmelden voor extra hulp bij schulden."),
    )


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="driegesprek_formulier_bekijken", wijzigen="driegesprek_aanvragen")
def driegesprek_nieuw(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        services.driegesprek_aanvragen(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _scherm(
        request, dossier, form_class=forms.DriegesprekAanvraagForm, uitvoeren=uitvoeren,
        succes=_("Het driegesprek is aangevraagd."), titel=_("Driegesprek aanvragen"),
        uitleg=_("Een gesprek van de rechthebbende, de persoonlijk zaakbehandelaar van UHT en u. "
                 "Geef het door aan het Serviceteam gemeenten van UHT."),
    )


def _driegesprek_view(naam: str, *, form_class, service, titel, succes):
    @require_http_methods(["GET", "POST"])
    @dossier_view(DOSSIERS_WIJZIGEN, lezen="driegesprek_formulier_bekijken", wijzigen=naam)
    def view(request, dossier: Dossier, driegesprek: int):
        d = get_object_or_404(Driegesprek, pk=driegesprek, dossier=dossier)

        def uitvoeren(dossier, form):
            service(driegesprek=d, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

        return _scherm(request, dossier, form_class=form_class, uitvoeren=uitvoeren, succes=succes, titel=titel,
                       uitleg=d.onderwerpen)

    view.__name__ = naam
    return view


driegesprek_plannen = _driegesprek_view(
    "driegesprek_plannen", form_class=forms.DriegesprekPlanForm, service=services.driegesprek_plannen,
    titel=_lazy("Driegesprek plannen"), succes=_lazy("De datum van het driegesprek is vastgelegd."),
)
driegesprek_verslag = _driegesprek_view(
    "driegesprek_vastleggen", form_class=forms.DriegesprekVerslagForm, service=services.driegesprek_vastleggen,
    titel=_lazy("Uitkomst van het driegesprek vastleggen"), succes=_lazy("Het driegesprek is vastgelegd."),
)


@require_http_methods(["GET", "POST"])
@dossier_view(DOSSIERS_WIJZIGEN, lezen="verwijzing_formulier_bekijken", wijzigen="verwijzing_maken")
def verwijzing_nieuw(request, dossier: Dossier):
    def uitvoeren(dossier, form):
        services.verwijzing_maken(dossier=dossier, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

    return _scherm(
        request, dossier, form_class=forms.VerwijzingForm, uitvoeren=uitvoeren, succes=_("De verwijzing is vastgelegd."),
        titel=_("Verwijzen naar een ketenpartner"),
    )


def _verwijzing_view(naam: str, *, form_class, service, titel, succes):
    @require_http_methods(["GET", "POST"])
    @dossier_view(DOSSIERS_WIJZIGEN, lezen="verwijzing_formulier_bekijken", wijzigen=naam)
    def view(request, dossier: Dossier, verwijzing: int):
        v = get_object_or_404(Verwijzing, pk=verwijzing, dossier=dossier)

        def uitvoeren(dossier, form):
            service(verwijzing=v, door=request.user, vandaag=timezone.localdate(), **form.cleaned_data)

        return _scherm(request, dossier, form_class=form_class, uitvoeren=uitvoeren, succes=succes, titel=titel,
                       uitleg=v.get_partner_display())

    view.__name__ = naam
    return view


verwijzing_contact = _verwijzing_view(
    "verwijzing_contact_vastleggen", form_class=forms.ContactForm, service=services.contact_vastleggen,
    titel=_lazy("Contact met de ketenpartner vastleggen"), succes=_lazy("Het contact is vastgelegd."),
)
sbn_ingediend = _verwijzing_view(
    "sbn_indiening_vastleggen", form_class=forms.SbnIndieningForm, service=services.sbn_indiening_vastleggen,
    titel=_lazy("Private schulden ingediend bij SBN"), succes=_lazy("Het indienen bij SBN is vastgelegd."),
)
verwijzing_afronden = _verwijzing_view(
    "verwijzing_afronden", form_class=forms.AfrondenForm, service=services.verwijzing_afronden,
    titel=_lazy("Verwijzing afronden"), succes=_lazy("De verwijzing is afgerond."),
)
