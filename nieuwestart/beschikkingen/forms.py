from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.forms import DatumInput, NlDesignForm

from .models import BeschikkingSoort, BezwaarUitkomst, Sjabloonsoort, Verzendwijze


class VerzendingForm(NlDesignForm):
    verzonden_op = forms.DateField(
        label=_("Verzonden op"), widget=DatumInput(),
        help_text=_("De dag waarop de brief de deur uit ging. De bezwaartermijn begint de dag erna."),
    )
    via = forms.ChoiceField(label=_("Hoe is de brief verstuurd?"), choices=Verzendwijze.choices, widget=forms.RadioSelect)


class MondelingAkkoordForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum van het akkoord"), widget=DatumInput())
    hoe = forms.CharField(
        label=_("Hoe gaf de rechthebbende akkoord?"), max_length=300,
        help_text=_("Bijvoorbeeld: in het gesprek op kantoor, of aan de telefoon."),
        error_messages={"required": _("Schrijf op hoe de rechthebbende akkoord gaf.")},
    )


class BezwaarForm(NlDesignForm):
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=DatumInput())
    per_post_verzonden_op = forms.DateField(
        label=_("Op de post gedaan op (als het per post kwam)"), required=False, widget=DatumInput(),
        help_text=_(
            "Zie het poststempel. Een bezwaar dat op tijd op de post is gedaan, telt als het binnen een week "
            "na het einde van de termijn binnenkomt (Awb artikel 6:9)."
        ),
    )
    adviescommissie = forms.BooleanField(
        label=_("Een adviescommissie geeft advies over dit bezwaar"), required=False,
        help_text=_("Dan heeft de gemeente 12 weken in plaats van 6 weken om te beslissen (Awb artikel 7:10)."),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VerdagingForm(NlDesignForm):
    verdaagd_op = forms.DateField(label=_("Datum van het uitstel"), widget=DatumInput())
    reden = forms.CharField(
        label=_("Waarom komt de beslissing later?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op waarom de beslissing later komt.")},
    )


class AfhandelingForm(NlDesignForm):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=BezwaarUitkomst.choices, widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Datum van de beslissing"), widget=DatumInput())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SjabloonUploadForm(NlDesignForm):
    soort = forms.ChoiceField(label=_("Soort sjabloon"), choices=Sjabloonsoort.choices, widget=forms.RadioSelect)
    beschikkingsoort = forms.ChoiceField(label=_("Voor welke beschikking?"), choices=BeschikkingSoort.choices)
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een .html-bestand voor de PDF, of een .docx-bestand voor Word. Hoogstens 5 MB."),
        error_messages={"required": _("Kies een bestand.")},
    )
    omschrijving = forms.CharField(label=_("Wat is er anders?"), max_length=300, required=False)
    activeren = forms.BooleanField(label=_("Meteen gebruiken voor nieuwe beschikkingen"), required=False)

    def clean(self):
        gegevens = super().clean()
        bestand, soort = gegevens.get("bestand"), gegevens.get("soort")
        if bestand and soort:
            verwacht = ".html" if soort == Sjabloonsoort.PDF_HTML else ".docx"
            naam = bestand.name.lower()
            if not (naam.endswith(verwacht) or (verwacht == ".html" and naam.endswith(".htm"))):
                self.add_error("bestand", _("Kies een %(soort)s-bestand voor dit soort sjabloon.") % {"soort": verwacht})
        return gegevens


class StandaardGebruikenForm(NlDesignForm):
    soort = forms.ChoiceField(choices=Sjabloonsoort.choices, widget=forms.HiddenInput)
    beschikkingsoort = forms.ChoiceField(choices=BeschikkingSoort.choices, widget=forms.HiddenInput)
