from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Team
from nieuwestart.common.bsn import normaliseer_bsn, valideer_bsn
from nieuwestart.common.forms import DatumInput, NlDesignForm
from nieuwestart.dossiers.models import Contactkanaal, Doelgroep, Relatie


class DirecteAanmeldingForm(NlDesignForm):
    bsn = forms.CharField(label=_("BSN"), max_length=12, help_text=_("9 cijfers. We controleren het met de 11-proef."))
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=DatumInput())
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    straat = forms.CharField(label=_("Straat"), max_length=200, required=False)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"), regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", required=False,
        error_messages={"invalid": _("Vul een postcode in zoals 1234 AB.")},
    )
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    voorkeurskanaal = forms.ChoiceField(label=_("Hoe wil de persoon het liefst contact?"), choices=Contactkanaal.choices)
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), choices=Doelgroep.choices)
    woont_bij_ouder = forms.BooleanField(
        label=_("Woont bij een ouder"), required=False, initial=True,
        help_text=_("Alleen van belang bij een kind dat de kindregeling ontving."),
    )
    aanmelddatum = forms.DateField(label=_("Datum van aanmelding"), widget=DatumInput())
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams if teams is not None else Team.objects.all()

    def clean_bsn(self):
        bsn = normaliseer_bsn(self.cleaned_data["bsn"])
        valideer_bsn(bsn)
        return bsn

    def clean(self):
        data = super().clean()
        if data.get("voorkeurskanaal") == Contactkanaal.EMAIL and not data.get("email"):
            self.add_error("email", _("Vul een e-mailadres in: de persoon wil contact per e-mail."))
        if data.get("voorkeurskanaal") == Contactkanaal.TELEFOON and not data.get("telefoonnummer"):
            self.add_error("telefoonnummer", _("Vul een telefoonnummer in: de persoon wil contact per telefoon."))
        if data.get("voorkeurskanaal") == Contactkanaal.POST and not (data.get("straat") and data.get("postcode")):
            self.add_error("straat", _("Vul het adres in: de persoon wil post ontvangen."))
        if data.get("postcode"):
            pc = data["postcode"].replace(" ", "").upper()
            data["postcode"] = f"{pc[:4]} {pc[4:]}"
        return data


class GezinslidForm(NlDesignForm):
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=DatumInput())
    relatie = forms.ChoiceField(label=_("Relatie tot de aanvrager"), choices=Relatie.choices)
    bsn = forms.CharField(label=_("BSN"), max_length=12, required=False)
    inwonend = forms.BooleanField(label=_("Woont thuis"), required=False, initial=True)

    def clean_bsn(self):
        bsn = self.cleaned_data.get("bsn", "").strip()
        if not bsn:
            return ""
        bsn = normaliseer_bsn(bsn)
        valideer_bsn(bsn)
        return bsn


GezinsledenFormSet = forms.formset_factory(GezinslidForm, extra=0, max_num=15, validate_max=True)
