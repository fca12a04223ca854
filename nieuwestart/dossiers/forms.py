import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Team
from nieuwestart.common.bsn import is_geldig_bsn
from nieuwestart.common.forms import DatumInput, NlDesignForm
from nieuwestart.termijnen.regels import REGELS

from .models import DOELSTELLINGEN, Doelgroep, Dossier, DossierStatus, Leefgebied, VerificatieUitkomst


class DoorbreekForm(NlDesignForm):
    reden = forms.CharField(
        label=_("Waarom heeft u dit dossier nodig?"),
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: vervanging van een collega, of de rechthebbende belt en de eigen consulent is er niet. "
                    "Schrijf geen namen of BSN op."),
        error_messages={"min_length": _("Schrijf de reden in minstens 10 tekens op."), "required": _("Vul een reden in.")},
    )


class VerificatieForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum van de verificatie"), widget=DatumInput())
    contactpersoon_uht = forms.CharField(
        label=_("Contactpersoon bij het UHT Serviceteam"), max_length=200, required=False
    )
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=VerificatieUitkomst.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EersteGesprekForm(NlDesignForm):
    datum = forms.DateField(label=_("Datum van het eerste gesprek"), widget=DatumInput())
    aanwezigen = forms.CharField(
        label=_("Wie waren erbij?"), max_length=300, required=False, help_text=_("Bijvoorbeeld: ouder, partner, tolk.")
    )
    acute_situatie = forms.BooleanField(
        label=_("Er is een acute situatie"), required=False,
        help_text=_("Bijvoorbeeld een dreigende huisuitzetting, afsluiting van energie of water, of stoppen van de zorgverzekering."),
    )
    acute_toelichting = forms.CharField(
        label=_("Wat is er acuut?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lg in Leefgebied:
            self.fields[f"hulpvraag_{lg.value}"] = forms.CharField(
                label=_("Hulpvraag %(leefgebied)s") % {"leefgebied": lg.label},
                help_text=DOELSTELLINGEN[lg],
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
            )

    def hulpvragen(self) -> dict[str, str]:
        return {lg.value: self.cleaned_data.get(f"hulpvraag_{lg.value}", "") for lg in Leefgebied}

    def hulpvraag_velden(self):
        return [self[f"hulpvraag_{lg.value}"] for lg in Leefgebied]


def _termijn_keuzes(*codes):
    return [(r.code, r.naam) for r in REGELS if r.code in codes]


class VerwachteDatumForm(NlDesignForm):
    """Awb 4:14: the new date the rechthebbende was told."""

    termijn = forms.ChoiceField(label=_("Welke termijn"), choices=())
    datum = forms.DateField(label=_("Datum waarop u het meedeelde"), widget=DatumInput())
    nieuwe_datum = forms.DateField(label=_("Nieuwe datum"), widget=DatumInput())
    toelichting = forms.CharField(label=_("Waarom lukt het niet eerder?"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, termijnen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["termijn"].choices = _termijn_keuzes(*termijnen)


class OpschortingForm(NlDesignForm):
    """Awb 4:15: the term stops running."""

    termijn = forms.ChoiceField(label=_("Welke termijn"), choices=())
    datum = forms.DateField(label=_("Vanaf welke dag staat de termijn stil?"), widget=DatumInput())
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, termijnen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["termijn"].choices = _termijn_keuzes(*termijnen)


class OpschortingEindeForm(NlDesignForm):
    termijn = forms.ChoiceField(label=_("Welke termijn"), choices=())
    datum = forms.DateField(label=_("Vanaf welke dag loopt de termijn weer?"), widget=DatumInput())

    def __init__(self, *args, termijnen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["termijn"].choices = _termijn_keuzes(*termijnen)


class Reikwijdte:
    MIJN = "mijn"
    TEAM = "team"


class WerkvoorraadFilter(django_filters.FilterSet):
    """Filters of 'Mijn werkvoorraad'. The base queryset is already limited to what the user may see."""

    zoek = django_filters.CharFilter(label=_("Zoek op naam, dossiernummer of BSN"), method="filter_zoek")
    reikwijdte = django_filters.ChoiceFilter(
        label=_("Toon"),
        choices=[(Reikwijdte.MIJN, _("Mijn dossiers")), (Reikwijdte.TEAM, _("Alle dossiers van mijn team"))],
        empty_label=None,
        method="filter_reikwijdte",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DossierStatus.choices, empty_label=_("Alle statussen"))
    doelgroep = django_filters.ChoiceFilter(label=_("Doelgroep"), choices=Doelgroep.choices, empty_label=_("Alle doelgroepen"))
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none(), empty_label=_("Al mijn teams"))

    class Meta:
        model = Dossier
        fields = ["zoek", "reikwijdte", "status", "doelgroep", "team"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("reikwijdte", Reikwijdte.MIJN)
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.filters["team"].queryset = user.teams.all() if user else Team.objects.none()
        for field in self.form.fields.values():
            klasse = "utrecht-select utrecht-select--html-select" if isinstance(field.widget, forms.Select) else "utrecht-textbox utrecht-textbox--html-input"
            field.widget.attrs["class"] = klasse
        self.form.fields["zoek"].widget.input_type = "search"

    def filter_reikwijdte(self, queryset, name, value):
        if value == Reikwijdte.MIJN and self.user is not None:
            return queryset.filter(behandelaar=self.user)
        return queryset

    def filter_zoek(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Only a complete BSN (exactly 9 digits after removing spaces, dots and dashes) that passes
        # the 11-proef is a BSN search. No zero-padding: while typing, an 8-digit prefix padded with
        # a leading 0 can pass the 11-proef and would silently find a different person.
        compact = "".join(ch for ch in value if ch not in " .-\t")
        if len(compact) == 9 and compact.isdigit() and is_geldig_bsn(compact):
            return queryset.filter(rechthebbende__bsn=compact)
        if value.upper().startswith("NS-") or value.replace("-", "").isdigit():
            return queryset.filter(dossiernummer__icontains=value)
        q = Q()
        for woord in value.split():
            q &= Q(rechthebbende__achternaam__icontains=woord) | Q(rechthebbende__voornamen__icontains=woord) | Q(
                rechthebbende__tussenvoegsel__iexact=woord
            )
        return queryset.filter(q)
