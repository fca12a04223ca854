from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.bsn import is_geldig_bsn, normaliseer_bsn
from nieuwestart.common.forms import DatumInput, NlDesignForm
from nieuwestart.dossiers.models import Contactkanaal

from .models import (
    Gespreksvorm,
    Initiatiefnemer,
    Invorderingsmaatregel,
    Ketenpartner,
    Nabestaandenhulp,
    RelatieTotOverledene,
    VerwijzingUitkomst,
)


def _tekst(label, *, required=True, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


class OverledenAanvragerForm(NlDesignForm):
    bsn = forms.CharField(
        label=_("BSN van de overledene"), max_length=9, required=False,
        help_text=_("Is de overledene bij ons bekend? Dan vullen we naam en aanmelddatum zelf in."),
    )
    naam = forms.CharField(label=_("Naam van de overledene"), max_length=300, required=False)
    overlijdensdatum = forms.DateField(label=_("Datum van overlijden"), widget=DatumInput())
    aangemeld_bij_uht_op = forms.DateField(
        label=_("Aangemeld bij UHT op"), widget=DatumInput(), required=False,
        help_text=_("De dag waarop de overledene zich bij UHT aanmeldde als mogelijk gedupeerde, als u die weet."),
    )
    relatie = forms.ChoiceField(label=_("Relatie tot de overledene"), choices=RelatieTotOverledene.choices)
    ondersteuning = forms.MultipleChoiceField(
        label=_("Welke hulp is nodig?"), choices=Nabestaandenhulp.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De hulp zelf legt u vast als voorziening in het plan van aanpak."),
    )
    toelichting = _tekst(_("Toelichting"), required=False)

    def clean_bsn(self):
        # Padded to 9 digits like everywhere else, so a known person is found and stored the same way.
        bsn = normaliseer_bsn(self.cleaned_data["bsn"].strip()) if self.cleaned_data["bsn"].strip() else ""
        if bsn and not is_geldig_bsn(bsn):
            raise forms.ValidationError(_("Dit is geen geldig BSN. Controleer de cijfers."))
        return bsn


class DatumForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum"), widget=DatumInput())


class KindregelingUitbetalingForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum van uitbetaling van de kindregeling"), widget=DatumInput())
    toelichting = _tekst(_("Toelichting"), required=False, rows=2)


class DriegesprekAanvraagForm(NlDesignForm):
    initiatief = forms.ChoiceField(label=_("Wie nam het initiatief?"), choices=Initiatiefnemer.choices, widget=forms.RadioSelect)
    aangevraagd_op = forms.DateField(label=_("Aangevraagd op"), widget=DatumInput())
    zaakbehandelaar_uht = forms.CharField(label=_("Persoonlijk zaakbehandelaar (PZB) van UHT"), max_length=200, required=False)
    onderwerpen = _tekst(_("Onderwerpen"), help_text=_("Wat willen de rechthebbende, de PZB en u bespreken?"))


class DriegesprekPlanForm(NlDesignForm):
    gepland_op = forms.DateField(label=_("Datum van het driegesprek"), widget=DatumInput())
    vorm = forms.ChoiceField(label=_("Vorm"), choices=Gespreksvorm.choices, widget=forms.RadioSelect)
    zaakbehandelaar_uht = forms.CharField(label=_("Persoonlijk zaakbehandelaar (PZB) van UHT"), max_length=200, required=False)
    onderwerpen = _tekst(_("Onderwerpen (aangevuld)"), required=False, help_text=_("Leeg laten als er niets is veranderd."))


class DriegesprekVerslagForm(NlDesignForm):
    gehouden_op = forms.DateField(label=_("Gehouden op"), widget=DatumInput())
    uitkomst = _tekst(_("Uitkomst en afspraken"), rows=4)


class VerwijzingForm(NlDesignForm):
    partner = forms.ChoiceField(label=_("Ketenpartner"), choices=Ketenpartner.choices, widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Verwezen op"), widget=DatumInput())
    contactpersoon = forms.CharField(label=_("Contactpersoon bij de ketenpartner"), max_length=200, required=False)
    reden = _tekst(_("Waarom deze verwijzing?"))
    erkenningsdatum = forms.DateField(
        label=_("Alleen bij SBN: erkend door UHT op"), widget=DatumInput(), required=False,
        help_text=_("Vanaf deze dag heeft de ouder een half jaar om private schulden in te dienen. "
                    "Leeg laten als de erkenning al in het dossier staat."),
    )
    maatregel = forms.ChoiceField(
        label=_("Alleen bij publieke schulden van de gemeente: wat doet de gemeente?"),
        choices=[("", _("Niet van toepassing")), *Invorderingsmaatregel.choices], required=False,
    )


class ContactForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum"), widget=DatumInput())
    kanaal = forms.ChoiceField(label=_("Hoe was het contact?"), choices=Contactkanaal.choices)
    verslag = _tekst(_("Wat is besproken?"))


class SbnIndieningForm(NlDesignForm):
    ingediend_op = forms.DateField(label=_("Private schulden ingediend bij SBN op"), widget=DatumInput())


class AfrondenForm(NlDesignForm):
    afgerond_op = forms.DateField(label=_("Afgerond op"), widget=DatumInput())
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=VerwijzingUitkomst.choices, widget=forms.RadioSelect)
    toelichting = _tekst(_("Toelichting"), required=False)
