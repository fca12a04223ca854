from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.bsn import normaliseer_bsn, valideer_bsn
from nieuwestart.common.forms import NlDesignForm, NlDesignModelForm

from .models import Verwerkingsactiviteit
from .services import REGISTER_VELDEN


class DossierZoekForm(NlDesignForm):
    dossiernummer = forms.CharField(
        label=_("Dossiernummer"), max_length=20,
        help_text=_("Bijvoorbeeld NS-2026-000123. Ook dossiers die al vernietigd zijn, staan nog in het logboek."),
    )

    def clean_dossiernummer(self):
        return self.cleaned_data["dossiernummer"].strip().upper()


class BetrokkeneZoekForm(NlDesignForm):
    bsn = forms.CharField(
        label=_("BSN van de persoon"), max_length=12, validators=[valideer_bsn],
        help_text=_("Het BSN uit het inzageverzoek. Het BSN zelf wordt niet bewaard en komt niet in de adresbalk."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_bsn(self):
        return normaliseer_bsn(self.cleaned_data["bsn"])


class ActiviteitForm(NlDesignModelForm):
    """A new version of a register entry; with ``nieuwe_code`` also the code (version 1)."""

    class Meta:
        model = Verwerkingsactiviteit
        fields = ["code", *REGISTER_VELDEN]
        widgets = {
            veld: forms.Textarea(attrs={"rows": 3})
            for veld in ("doel", "bewaartermijn", "categorieen_betrokkenen", "categorieen_gegevens", "categorieen_ontvangers")
        }
        help_texts = {
            "geldig_vanaf": _("Vanaf deze dag gebruikt Nieuwe Start deze versie bij elke nieuwe regel in het logboek."),
            "rechtsgrond": _("Het wetsartikel waarop de verwerking rust."),
        }

    def __init__(self, *args, nieuwe_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not nieuwe_code:
            del self.fields["code"]
