from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.forms import NlDesignForm


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
