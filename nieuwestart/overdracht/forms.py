from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Team
from nieuwestart.common.forms import NlDesignForm


class ExportForm(NlDesignForm):
    naar_gemeente = forms.CharField(label=_("Naar welke gemeente verhuist de rechthebbende?"), max_length=100)
    naar_gemeentecode = forms.RegexField(
        label=_("Gemeentecode (CBS)"), regex=r"^\d{4}$", required=False,
        help_text=_("Vier cijfers, bijvoorbeeld 0363 voor Amsterdam. Niet verplicht."),
        error_messages={"invalid": _("Een gemeentecode heeft 4 cijfers.")},
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(NlDesignForm):
    pakket = forms.FileField(
        label=_("Overdrachtspakket (ZIP)"),
        help_text=_("Het ZIP-bestand dat de andere gemeente u veilig heeft gestuurd."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    verwacht_sha256 = forms.RegexField(
        label=_("Controlegetal (SHA-256) van de andere gemeente"), regex=r"^\s*[0-9a-fA-F]{64}\s*$", required=False,
        help_text=_("Staat op het dossier bij de andere gemeente. Vul het in als u het apart heeft gekregen: dan "
                    "weet u zeker dat het pakket onderweg niet is veranderd."),
        error_messages={"invalid": _("Een SHA-256 controlegetal heeft 64 tekens (0-9 en a-f).")},
    )

    def clean_pakket(self):
        pakket = self.cleaned_data["pakket"]
        if pakket.size > settings.NS_IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Dat is te groot voor een overdrachtspakket.") % {"mb": settings.NS_IMPORT_MAX_MB}
            )
        return pakket


class BevestigForm(NlDesignForm):
    team = forms.ModelChoiceField(label=_("Team dat het dossier krijgt"), queryset=Team.objects.none(), empty_label=None)
    straat = forms.CharField(label=_("Nieuw adres: straat"), max_length=200, required=False,
                             help_text=_("Het adres in het pakket is het oude adres. Vul het nieuwe adres in als u het weet."))
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    postcode = forms.RegexField(label=_("Postcode"), regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", required=False,
                                error_messages={"invalid": _("Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 8251 AB.")})
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)

    def nieuw_adres(self) -> dict[str, str]:
        adres = {v: self.cleaned_data.get(v, "").strip() for v in ("straat", "huisnummer", "postcode", "woonplaats")}
        if adres["postcode"]:
            adres["postcode"] = adres["postcode"].replace(" ", "").upper()
            adres["postcode"] = f"{adres['postcode'][:4]} {adres['postcode'][4:]}"
        return adres if any(adres.values()) else {}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = user.teams.order_by("naam")
