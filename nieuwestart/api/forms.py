from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Rol, Team
from nieuwestart.common.forms import NlDesignForm

from .models import ApiApplicatie, Scope
from .services import API_ROLLEN


class ApiApplicatieForm(NlDesignForm):
    naam = forms.CharField(label=_("Naam van de applicatie"), max_length=100,
                           help_text=_("Bijvoorbeeld: Klantportaal of Rapportagetool."))
    omschrijving = forms.CharField(label=_("Waarvoor gebruikt de applicatie de API?"), max_length=300, required=False)
    rollen = forms.MultipleChoiceField(
        label=_("Handelt als"), choices=[(r.value, r.label) for r in API_ROLLEN], widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één rol.")},
        help_text=_("Dezelfde rechten als een medewerker met deze rol."),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"), queryset=Team.objects.all(), widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("De applicatie ziet alleen de dossiers van deze teams."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Wat mag de applicatie"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één scope.")},
    )

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        if ApiApplicatie.objects.filter(naam__iexact=naam).exists():
            raise forms.ValidationError(_("Er is al een applicatie met deze naam."))
        return naam

    def clean(self):
        data = super().clean()
        if data.get("scopes") and Rol.CONSULENT.value not in (data.get("rollen") or []) and (
            Scope.DOSSIERS_SCHRIJVEN.value in data["scopes"]
        ):
            self.add_error("scopes", _("Aanmelden en vastleggen kan alleen met de rol consulent."))
        return data
