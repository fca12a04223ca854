from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.forms import DatumInput, NlDesignForm, NlDesignModelForm
from nieuwestart.dossiers.models import Doelgroep

from .models import (
    CollectiefInitiatief,
    Initiatiefsoort,
    Kostensoort,
    Organisatiekosten,
    SisaIndicator,
    SpukComponent,
)


class JaarForm(NlDesignForm):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2021, max_value=2100)


class BetalingForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum van betaling of factuur"), widget=DatumInput())
    bedrag = forms.DecimalField(label=_("Bedrag in euro (inclusief btw)"), max_digits=12, decimal_places=2, localize=True,
                                help_text=_("Een correctie is een negatief bedrag, bijvoorbeeld -25,00."))
    kenmerk = forms.CharField(label=_("Factuurnummer of kenmerk"), max_length=100, required=False)


class OrganisatiekostenForm(NlDesignModelForm):
    class Meta:
        model = Organisatiekosten
        fields = ["datum", "component", "soort", "omschrijving", "uren", "bedrag"]
        localized_fields = ("uren", "bedrag")
        widgets = {"datum": DatumInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = SpukComponent.objects.filter(actief=True)
        self.fields["soort"].choices = Kostensoort.choices


class InitiatiefForm(NlDesignModelForm):
    class Meta:
        model = CollectiefInitiatief
        fields = ["naam", "soort", "datum", "aantal_deelnemers", "bedrag", "component", "toelichting"]
        localized_fields = ("bedrag",)
        widgets = {"datum": DatumInput(), "toelichting": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"naam": _("Geen namen van deelnemers: alleen de naam van het initiatief.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = SpukComponent.objects.filter(actief=True)
        self.fields["component"].required = False
        self.fields["component"].help_text = _("Leeg: de component voor collectieve initiatieven (E).")
        self.fields["soort"].choices = Initiatiefsoort.choices


class UhtTellingForm(NlDesignForm):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2021, max_value=2100)
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), choices=Doelgroep.choices)
    aantal = forms.IntegerField(label=_("Aantal volgens UHT"), min_value=0)
    bron = forms.CharField(label=_("Bron"), max_length=300, required=False,
                           help_text=_("Bijvoorbeeld: UHT-dashboard, peildatum 1 januari."))


class SpukComponentForm(NlDesignModelForm):
    class Meta:
        model = SpukComponent
        fields = ["code", "naam", "omschrijving", "soort", "actief", "volgorde"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}


class SisaIndicatorForm(NlDesignModelForm):
    class Meta:
        model = SisaIndicator
        fields = ["code", "omschrijving", "maatstaf", "component", "doelgroep", "actief", "volgorde"]
