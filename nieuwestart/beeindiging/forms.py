from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.catalogus.models import Aanbieder
from nieuwestart.common.forms import DatumInput, NlDesignForm
from nieuwestart.dossiers.models import Contactkanaal, Leefgebied

from .models import (
    Afbouwstapsoort,
    Beeindigingsreden,
    Contactuitkomst,
    Controlemoment,
    Controleuitkomst,
    Ontvanger,
)


def _tekst(label, *, required=False, rijen=3, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rijen}))


class DatumForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum"), widget=DatumInput())


class BeeindigenForm(NlDesignForm):
    reden = forms.ChoiceField(label=_("Waarom stopt de ondersteuning?"), choices=Beeindigingsreden.choices, widget=forms.RadioSelect)
    einddatum = forms.DateField(
        label=_("Laatste dag van de ondersteuning"), widget=DatumInput(),
        help_text=_("Niet in de toekomst. Bij afbouw na 'niet erkend': uiterlijk de einddatum van de afbouw."),
    )
    toelichting = _tekst(
        _("Toelichting"),
        help_text=_("Komt in de brief, na de uitleg van de reden. Schrijf in gewone taal. Bij 'wil geen ondersteuning "
                    "meer': schrijf op wanneer en hoe de rechthebbende dat liet weten."),
    )
    bereikte_leefgebieden = forms.MultipleChoiceField(
        label=_("Bij 'doelen bereikt': in welke leefgebieden is het doel bereikt?"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een leefgebied met een warme overdracht telt al als bereikt."),
    )
    nieuwe_gemeente = forms.CharField(label=_("Bij verhuizing: naar welke gemeente"), max_length=100, required=False)
    overlijdensdatum = forms.DateField(label=_("Bij overlijden: datum van overlijden"), widget=DatumInput(), required=False)
    huishouden_gaat_door = forms.BooleanField(
        label=_("Bij overlijden: het gezin houdt recht op brede ondersteuning (nabestaanden)"), required=False,
    )

    def __init__(self, *args, leefgebieden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bereikte_leefgebieden"].choices = [(c, Leefgebied(c).label) for c in leefgebieden]
        if not leefgebieden:
            del self.fields["bereikte_leefgebieden"]


class AfbouwstapForm(NlDesignForm):
    stap = forms.ChoiceField(label=_("Welke stap is gedaan?"), widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Gedaan op"), widget=DatumInput())
    toelichting = _tekst(_("Toelichting"), help_text=_("Bijvoorbeeld: welke hulp is afgesproken, of waarom een stap niet nodig is."))

    def __init__(self, *args, open_stappen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stap"].choices = [(s, Afbouwstapsoort(s).label) for s in open_stappen]


class ContactpogingForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum"), widget=DatumInput())
    kanaal = forms.ChoiceField(label=_("Hoe probeerde u contact te krijgen?"), choices=Contactkanaal.choices, widget=forms.RadioSelect)
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Contactuitkomst.choices, widget=forms.RadioSelect)
    toelichting = _tekst(_("Toelichting"), help_text=_("Bijvoorbeeld: voicemail ingesproken, brief met oproep om binnen 14 dagen te reageren."))


class OverdrachtForm(NlDesignForm):
    leefgebied = forms.ChoiceField(label=_("Leefgebied"), choices=Leefgebied.choices)
    ontvanger = forms.ChoiceField(label=_("Naar welke dienst?"), choices=Ontvanger.choices, widget=forms.RadioSelect)
    aanbieder = forms.ModelChoiceField(
        label=_("Organisatie uit de sociale kaart"), queryset=Aanbieder.objects.none(), required=False,
        help_text=_("Kies de organisatie, of vul hieronder een team of organisatie in."),
    )
    organisatie = forms.CharField(label=_("Team of organisatie"), max_length=200, required=False)
    contactpersoon = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    contactgegevens = forms.CharField(label=_("Telefoon of e-mail van de contactpersoon"), max_length=200, required=False)
    wat_overgedragen = _tekst(_("Wat is overgedragen?"), rijen=4,
                              help_text=_("Bijvoorbeeld: de hulpvraag, wat al is gedaan en welke afspraken er zijn."))
    toestemming = forms.BooleanField(label=_("De rechthebbende is akkoord met het delen van deze gegevens"), required=False)
    overgedragen_op = forms.DateField(
        label=_("Overgedragen op"), widget=DatumInput(), required=False,
        help_text=_("Laat leeg als de overdracht nog alleen is voorgesteld. Vanaf deze dag lopen de nazorgcontroles."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Aanbieder.objects.filter(actief=True).order_by("naam")


class NazorgcontroleForm(NlDesignForm):
    moment = forms.ChoiceField(label=_("Welke controle?"), widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Datum"), widget=DatumInput())
    uitkomst = forms.ChoiceField(label=_("Is de hulp gestart?"), choices=Controleuitkomst.choices, widget=forms.RadioSelect)
    toelichting = _tekst(_("Toelichting"), help_text=_("Bijvoorbeeld: met wie u sprak en wat is afgesproken."))

    def __init__(self, *args, open_momenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moment"].choices = [(m, Controlemoment(m).label) for m in open_momenten]


class AfsluitenForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum van afsluiten"), widget=DatumInput())
    reden_zonder_nazorg = _tekst(
        _("Waarom is (verdere) nazorg niet nodig?"),
        help_text=_("Alleen nodig als de nazorg niet klaar is. Bijvoorbeeld: er is geen overdracht nodig, de doelen zijn bereikt."),
    )
