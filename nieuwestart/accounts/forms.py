from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.forms import NlDesignForm

from .models import Rol, Team, User


class AppBevestigenForm(NlDesignForm):
    code = forms.CharField(
        label=_("Code uit de app"),
        help_text=_("De code van 6 cijfers die de app nu laat zien."),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CodeControlerenForm(NlDesignForm):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("De code van 6 cijfers uit uw app. Heeft u uw telefoon niet? "
                    "Vul dan een van uw herstelcodes in."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class GebruikerForm(NlDesignForm):
    """Roles and teams of an account (the username and name only when creating)."""

    username = forms.RegexField(
        label=_("Gebruikersnaam"), regex=r"^[\w.@+-]+$", max_length=150,
        error_messages={"invalid": _("Gebruik alleen letters, cijfers en . @ + - _")},
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    rollen = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Rol.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één rol.")},
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"), queryset=Team.objects.all(), widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Een consulent ziet alleen de dossiers van zijn of haar teams."),
    )
    is_active = forms.BooleanField(label=_("Account is actief"), required=False, initial=True)

    def __init__(self, *args, bestaand: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bestaand = bestaand
        if bestaand is not None:
            for veld in ("username", "first_name", "last_name", "email"):
                self.fields[veld].disabled = True
        else:
            del self.fields["is_active"]

    def clean_username(self):
        naam = self.cleaned_data["username"]
        if self.bestaand is None and User.objects.filter(username__iexact=naam).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam bestaat al. Kies een andere."))
        return naam

    def clean(self):
        data = super().clean()
        if Rol.CONSULENT.value in data.get("rollen", []) and not data.get("teams"):
            self.add_error("teams", _("Een consulent hoort bij minstens één team."))
        return data
