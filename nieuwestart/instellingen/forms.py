import re

from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.accounts.models import Team
from nieuwestart.common.forms import INPUT_KLASSE, NlDesignForm, NlDesignModelForm
from nieuwestart.termijnen.models import ExtraFeestdag

from .models import POSTCODE_MAX, POSTCODE_MIN, GemeenteInstellingen, Rondeteam, Toewijzingswijze
from .selectors import gemeente_instellingen
from .services import WIJZIGBARE_VELDEN, teamtoewijzing_fouten


class GemeenteInstellingenForm(NlDesignModelForm):
    # Added later (issue 5); a post without them at all (an older client or script) keeps their value.
    # A browser always sends every field, so an emptied field is still refused.
    LATER_TOEGEVOEGD = (
        "bezwaar_instructie", "mandaat_consulent_tot", "mandaat_vier_ogen_tot",
        "nazorg_eerste_weken", "nazorg_tweede_maanden", "contactpogingen_minimaal",
    )

    class Meta:
        model = GemeenteInstellingen
        fields = WIJZIGBARE_VELDEN

    def __init__(self, data=None, *args, **kwargs):
        instance = kwargs.get("instance")
        if data is not None and instance is not None:
            ontbreekt = [veld for veld in self.LATER_TOEGEVOEGD if veld not in data]
            if ontbreekt:
                data = data.copy()
                for veld in ontbreekt:
                    data[veld] = getattr(instance, veld)
        super().__init__(data, *args, **kwargs)


class ExtraFeestdagForm(NlDesignModelForm):
    # Own prefix: the settings form on the same page has no field ids in common with this one.
    prefix = "feestdag"

    class Meta:
        model = ExtraFeestdag
        fields = ("datum", "naam", "grondslag")


# --- Team assignment of new registrations from portal files ---------------------------------

class TeamtoewijzingForm(NlDesignForm):
    """The mode, its teams, and per team an optional place in the round-robin (blank: not in it).

    ``cleaned_data["ronde_teams"]`` holds the round-robin teams in their order. Whether the chosen
    mode has its team(s) is ``services.teamtoewijzing_fouten`` (the service checks it again).
    """

    wijze = forms.ChoiceField(
        label=_("Hoe krijgt een nieuwe aanmelding uit het Gegevensportaal een team?"),
        choices=Toewijzingswijze.choices, widget=forms.RadioSelect,
    )
    vast_team = forms.ModelChoiceField(
        label=_("Team voor alle nieuwe aanmeldingen"), queryset=Team.objects.all(), required=False,
        empty_label=_("(geen team gekozen)"),
        help_text=_("Nodig bij 'Altijd naar één team'."),
    )
    vangnet_team = forms.ModelChoiceField(
        label=_("Team voor postcodes buiten de gebieden"), queryset=Team.objects.all(), required=False,
        empty_label=_("(geen team gekozen)"),
        help_text=_(
            "Nodig bij 'Naar team op postcode'. Dit team krijgt de aanmeldingen met een postcode die in geen "
            "enkel gebied valt, en de aanmeldingen zonder postcode."
        ),
    )

    def __init__(self, *args, instellingen=None, **kwargs):
        instellingen = instellingen or gemeente_instellingen()
        plaatsen = dict(Rondeteam.objects.values_list("team_id", "volgorde"))
        initial = {
            "wijze": instellingen.toewijzing,
            "vast_team": instellingen.toewijzing_vast_team_id,
            "vangnet_team": instellingen.toewijzing_vangnet_team_id,
        }
        self.teams = list(Team.objects.order_by("naam"))
        for team in self.teams:
            initial[self._beurtveld(team)] = plaatsen.get(team.pk)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for team in self.teams:
            foutmelding = _("Vul bij %(team)s een volgnummer in van 1 tot en met 999, of laat het vak leeg.") % {
                "team": team.naam
            }
            self.fields[self._beurtveld(team)] = forms.IntegerField(
                label=team.naam, required=False, min_value=1, max_value=999,
                error_messages={"invalid": foutmelding, "min_value": foutmelding, "max_value": foutmelding},
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "4", "autocomplete": "off"}),
            )
        # The field classes are set by NlDesignMixin in super().__init__; the added fields get them here.
        for team in self.teams:
            self.fields[self._beurtveld(team)].widget.attrs["class"] = INPUT_KLASSE

    @staticmethod
    def _beurtveld(team) -> str:
        return f"beurt_{team.pk}"

    @property
    def beurtvelden(self):
        return [self[self._beurtveld(team)] for team in self.teams]

    @property
    def eerste_beurtveld(self) -> str | None:  # the round-robin errors are shown here
        return self._beurtveld(self.teams[0]) if self.teams else None

    def clean(self):
        data = super().clean()
        gekozen, bezet = [], {}
        for team in self.teams:
            veld = self._beurtveld(team)
            plaats = data.get(veld)
            if plaats is None:
                continue
            if plaats in bezet:
                self.add_error(veld, _(
                    "Volgnummer %(plaats)d staat ook bij %(ander)s. Geef elk team een eigen volgnummer."
                ) % {"plaats": plaats, "ander": bezet[plaats].naam})
                continue
            bezet[plaats] = team
            gekozen.append((plaats, team))
        data["ronde_teams"] = [team for _plaats, team in sorted(gekozen, key=lambda p: p[0])]
        if "wijze" in data:
            fouten = teamtoewijzing_fouten(
                wijze=data["wijze"], vast_team=data.get("vast_team"), vangnet_team=data.get("vangnet_team"),
                ronde_teams=data["ronde_teams"],
            )
            for veld, fout in fouten.items():
                veld = self.veld_voor_servicefout(veld)
                if veld is None or veld not in self.errors:
                    self.add_error(veld, fout)
        return data

    def veld_voor_servicefout(self, veld: str) -> str | None:
        """The form field where a ``teamtoewijzing_fouten`` key is shown (None: above the form)."""
        if veld == "ronde_teams":
            return self.eerste_beurtveld
        return veld if veld in self.fields else None


_POSTCODECIJFERS = re.compile(r"^\d{4}$")


class PostcodegebiedForm(NlDesignForm):
    # Own prefix: the rule form on the same page has no field ids in common with this one.
    prefix = "gebied"

    van = forms.CharField(
        label=_("Van postcode"), max_length=10,
        help_text=_("De vier cijfers van de eerste postcode in het gebied, bijvoorbeeld 1000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": "4"}),
    )
    tot = forms.CharField(
        label=_("Tot en met postcode"), max_length=10,
        help_text=_("De vier cijfers van de laatste postcode in het gebied, bijvoorbeeld 1099. Die hoort er ook bij."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": "4"}),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), empty_label=None)

    def _cijfers(self, veld: str, naam: str) -> int:
        tekst = self.cleaned_data[veld].strip()
        if not _POSTCODECIJFERS.match(tekst) or not POSTCODE_MIN <= int(tekst) <= POSTCODE_MAX:
            raise forms.ValidationError(
                _("Vul bij '%(naam)s' vier cijfers in, van 1000 tot en met 9999. Bijvoorbeeld 1011.") % {"naam": naam},
                code="postcodecijfers",
            )
        return int(tekst)

    def clean_van(self) -> int:
        return self._cijfers("van", _("van postcode"))

    def clean_tot(self) -> int:
        return self._cijfers("tot", _("tot en met postcode"))

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van is not None and tot is not None and van > tot:
            self.add_error("tot", _(
                "'Tot en met postcode' (%(tot)d) is lager dan 'van postcode' (%(van)d). "
                "Vul bij 'tot en met postcode' het hoogste nummer in."
            ) % {"tot": tot, "van": van})
        return data
