from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.forms import NlDesignForm, NlDesignModelForm
from nieuwestart.dossiers.models import Leefgebied

from .models import Aanbieder, Product, Traject, Zwaarte
from .services import AANBIEDER_VELDEN, PRODUCT_VELDEN, TRAJECT_VELDEN


class AanbiederForm(NlDesignModelForm):
    class Meta:
        model = Aanbieder
        fields = [v for v in AANBIEDER_VELDEN if v != "actief"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}


class ProductForm(NlDesignModelForm):
    """The product with one group of fields per trajectory (licht, middel, zwaar).

    Leave a trajectory's fields empty when the product has no such trajectory.
    """

    class Meta:
        model = Product
        fields = [v for v in PRODUCT_VELDEN if v != "actief"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "aard": forms.RadioSelect,
            "indicatief_tarief": forms.TextInput(attrs={"inputmode": "decimal", "size": "10"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Aanbieder.objects.order_by("naam")
        self.fields["aanbieder"].empty_label = _("(kies een aanbieder)")
        self.fields["leefgebied"].choices = [("", _("(kies een leefgebied)")), *Leefgebied.choices]
        bestaand = {t.zwaarte: t for t in self.instance.trajecten.all()} if self.instance.pk else {}
        nieuw = {}
        for zwaarte, label in Zwaarte.choices:
            traject = bestaand.get(zwaarte)
            for veld in TRAJECT_VELDEN:
                model_veld = Traject._meta.get_field(veld)
                formveld = model_veld.formfield(required=False)
                formveld.label = f"{label}: {model_veld.verbose_name}"
                if veld == "duur_weken":
                    formveld.widget = forms.TextInput(attrs={"inputmode": "numeric", "size": "4"})
                    formveld.min_value = 1
                formveld.widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
                if traject is not None:
                    formveld.initial = getattr(traject, veld)
                nieuw[self.traject_veldnaam(zwaarte, veld)] = formveld
        self.fields.update(nieuw)

    @staticmethod
    def traject_veldnaam(zwaarte: str, veld: str) -> str:
        return f"{zwaarte.lower()}_{veld}"

    def traject_groepen(self):
        """(label, [bound fields]) per trajectory, for the template's fieldsets."""
        return [
            (label, [self[self.traject_veldnaam(z, v)] for v in TRAJECT_VELDEN]) for z, label in Zwaarte.choices
        ]

    def product_velden(self):
        return [self[v] for v in self.Meta.fields]

    def trajecten(self) -> dict:
        return {
            zwaarte: {v: self.cleaned_data.get(self.traject_veldnaam(zwaarte, v)) for v in TRAJECT_VELDEN}
            for zwaarte in Zwaarte.values
        }


class FilterForm(NlDesignForm):
    """The beheer overview's filters (GET; all optional)."""

    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    leefgebied = forms.ChoiceField(
        label=_("Leefgebied"), required=False, choices=[("", _("Alle leefgebieden")), *Leefgebied.choices]
    )
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder"), required=False, queryset=Aanbieder.objects.order_by("naam"),
        empty_label=_("Alle aanbieders"),
    )


class KiezenForm(NlDesignForm):
    """The case worker's search in the sociale kaart (GET; all optional)."""

    leefgebied = forms.ChoiceField(
        label=_("Leefgebied"), required=False, choices=[("", _("Alle leefgebieden")), *Leefgebied.choices]
    )
    zoek = forms.CharField(
        label=_("Zoek op naam, aanbieder of omschrijving"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ImportForm(NlDesignForm):
    bestand = forms.FileField(
        label=_("Bestand met de sociale kaart"),
        help_text=_("Een Excel-bestand (.xlsx) of een CSV-bestand, met één product per regel."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
