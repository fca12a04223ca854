from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nieuwestart.aanmeldingen.models import ImportDoel
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


# --- Portal files: upload, column mapping, confirm --------------------------------------------

DOEL_KEUZES = [
    (ImportDoel.CONTACTLIJST, _("Contactlijst brede ondersteuning (ouders en ex-partners die benaderd willen worden)")),
    (ImportDoel.STATUSUPDATE, _("Statusupdate van UHT (potentieel gedupeerd, erkend, niet erkend)")),
    (ImportDoel.KINDVERIFICATIE_ANTWOORD, _("Antwoord op de kindverificatie")),
]


def max_upload_bytes() -> int:
    return settings.NS_IMPORT_MAX_MB * 1024 * 1024


class BestandInlezenForm(NlDesignForm):
    """Which list, the file, and for a contact list the team that gets new dossiers without a rule.

    A debt list is no choice here: it may never be used for brede ondersteuning.
    """

    doel = forms.ChoiceField(
        label=_("Wat voor bestand is het?"), choices=DOEL_KEUZES, widget=forms.RadioSelect,
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een CSV-bestand (puntkomma of komma) of een Excel-bestand (.xlsx), zoals het uit het Gegevensportaal komt."),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )
    portaaldatum = forms.DateField(
        label=_("Datum waarop het bestand in het Gegevensportaal kwam"), required=False, widget=DatumInput(),
        help_text=_("Staat de datum in de bestandsnaam, dan hoeft u niets in te vullen. Een bestand is 30 dagen geldig."),
    )
    team = forms.ModelChoiceField(
        label=_("Team voor nieuwe aanmeldingen"), queryset=Team.objects.none(), required=False, empty_label=None,
        help_text=_("Alleen voor een contactlijst. Dit team krijgt de nieuwe dossiers als de gemeente geen verdeling per team heeft ingesteld."),
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = teams if teams is not None else Team.objects.none()
        self.fields["team"].queryset = teams
        enige = list(teams[:2])
        if len(enige) == 1:
            self.fields["team"].widget = forms.HiddenInput()
            self.fields["team"].initial = enige[0].pk

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn. Splits het bestand of neem contact op met de functioneel beheerder.")
                % {"mb": settings.NS_IMPORT_MAX_MB}
            )
        if bestand.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg. Kies het goede bestand, of sla het opnieuw op en probeer het nog eens."))
        return bestand

    def clean(self):
        data = super().clean()
        if data.get("doel") == ImportDoel.CONTACTLIJST and not data.get("team") and "team" not in self.errors:
            if self.fields["team"].queryset.exists():
                self.add_error("team", _("Kies het team dat de nieuwe aanmeldingen krijgt."))
            else:
                self.add_error("doel", _("U hoort bij geen team. Vraag de functioneel beheerder u aan een team toe te voegen."))
        return data


class KolomkoppelingForm(NlDesignForm):
    """For each unknown header of the file: which of our columns it is (or none)."""

    bewaren = forms.BooleanField(
        label=_("Bewaar deze koppeling voor volgende bestanden"), required=False,
        help_text=_("Dan leest Nieuwe Start deze kolomnamen voortaan altijd zo, ook voor uw collega's."),
    )

    def __init__(self, *args, onbekende_kolommen=(), kolommen=(), **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [("", _("Niet gebruiken"))] + [(k.naam, f"{k.naam} – {k.omschrijving}") for k in kolommen]
        self.koppen: dict[str, str] = {}
        velden = {}
        for i, (kop, origineel) in enumerate(onbekende_kolommen):
            naam = f"kolom_{i}"
            self.koppen[naam] = kop
            velden[naam] = forms.ChoiceField(
                label=_("Kolom ‘%(naam)s’ in uw bestand") % {"naam": origineel}, choices=keuzes, required=False,
            )
        # The header fields first, the "save" checkbox last.
        self.fields = {**velden, "bewaren": self.fields["bewaren"]}
        for naam in velden:
            self.fields[naam].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def clean(self):
        data = super().clean()
        gekozen: dict[str, str] = {}
        for naam in self.koppen:
            kolom = data.get(naam)
            if not kolom:
                continue
            if kolom in gekozen:
                self.add_error(naam, _("U koppelt al een andere kolom aan ‘%(kolom)s’. Kies voor elke kolom iets anders.") % {"kolom": kolom})
            gekozen[kolom] = naam
        if not gekozen and not self.errors:
            raise forms.ValidationError(_("Kies voor minstens één kolom welke kolom van Nieuwe Start het is."))
        return data

    @property
    def koppelingen(self) -> dict[str, str]:
        """Normalised header -> canonical column, for the chosen ones."""
        return {self.koppen[naam]: self.cleaned_data[naam] for naam in self.koppen if self.cleaned_data.get(naam)}


class BevestigenForm(NlDesignForm):
    wijzigingen_overnemen = forms.BooleanField(
        label=_("Gewijzigde contactgegevens overnemen"), required=False, initial=True,
        help_text=_("Zonder vinkje blijven de contactgegevens van bekende personen zoals ze nu zijn."),
    )


class VraagbestandForm(NlDesignForm):
    soort = forms.ChoiceField(
        label=_("Soort bestand"), choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (puntkomma)"))],
        widget=forms.RadioSelect, initial="xlsx",
    )
    alleen_nieuw = forms.BooleanField(
        label=_("Alleen kinderen die nog niet in een eerder vraagbestand stonden"), required=False, initial=True,
    )
