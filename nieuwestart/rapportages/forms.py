from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Team
from nieuwestart.common.forms import DatumInput, NlDesignForm
from nieuwestart.dossiers.models import Doelgroep, Leefgebied


class RapportFilterForm(NlDesignForm):
    van = forms.DateField(label=_("Van"), required=False, widget=DatumInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DatumInput())
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False,
                                  empty_label=_("Alle teams"))
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False,
                                  choices=[("", _("Alle doelgroepen")), *Doelgroep.choices])

    def __init__(self, *args, teams=None, leefgebied: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams
        if leefgebied:
            self.fields["leefgebied"] = forms.ChoiceField(
                label=_("Leefgebied"), required=False, choices=[("", _("Alle leefgebieden")), *Leefgebied.choices],
                widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class BenchmarkExportForm(NlDesignForm):
    van = forms.DateField(label=_("Aangemeld vanaf"), widget=DatumInput())
    tot = forms.DateField(label=_("Aangemeld tot en met"), widget=DatumInput())

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class MeerdereBestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MeerdereBestandenVeld(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MeerdereBestandenInput(attrs={"accept": ".json,application/json"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, (list, tuple)):
            return [enkel(d, initial) for d in data]
        return [enkel(data, initial)]


class BenchmarkVergelijkForm(NlDesignForm):
    van = forms.DateField(label=_("Eigen cijfers: aangemeld vanaf"), widget=DatumInput())
    tot = forms.DateField(label=_("Eigen cijfers: aangemeld tot en met"), widget=DatumInput())
    bestanden = MeerdereBestandenVeld(
        label=_("Ontvangen vergelijkingsbestanden"),
        help_text=_("Een of meer JSON-bestanden van andere gemeenten of de VNG (formaat nieuwestart-benchmark, versie 1)."),
    )
