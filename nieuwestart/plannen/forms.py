"""Forms of the plan editor. They only validate input; every write goes through ``plannen.services``.

Field names equal the model fields, so a form's ``cleaned_data`` is what a service takes, and a
``RegelOvertreding`` naming a field (``veld``) lands next to that field.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.forms import NlDesignForm, NlDesignModelForm
from nieuwestart.dossiers.models import Leefgebied

from .models import Doel, Leefgebiedsituatie, Planversie, Planversiesoort, Voorziening

ZRM_KEUZES = [("", _("Geen score")), *((str(i), str(i)) for i in range(1, 6))]

LEEFGEBIED_VELDEN = ("situatie", "voldoet_aan_doelstelling", "hulpvraag", "zrm_start", "zrm_eind")

MOTIVERING_VELDEN = (
    "belemmering", "geschiktheid", "noodzaak", "noodzakelijkheid", "evenredigheid",
)
WEGING_VELDEN = (
    "weging_vaardigheden", "weging_draagkracht", "weging_huishouden", "weging_duurzaamheid", "weging_doel",
)
VOORZIENING_VELDEN = (
    "doel", "omschrijving", "aard", "vrij_toegankelijk", "categorie", "product", "traject", "aanbieder_naam",
    "product_naam", "hoeveelheid", "bedrag", "begindatum", "einddatum",
    *MOTIVERING_VELDEN, *WEGING_VELDEN,
    "acute_noodsituatie", "acute_noodsituatie_motivering", "hardheidsclausule", "hardheidsclausule_motivering",
    "besluit", "reden_afwijzing",
)


def _tekstvak(rijen: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rijen})


class NieuwePlanversieForm(NlDesignModelForm):
    """Start the first plan or an addendum."""

    class Meta:
        model = Planversie
        fields = ["op_hoofdlijnen", "toelichting"]
        widgets = {"toelichting": _tekstvak(3)}

    def __init__(self, *args, addendum: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if addendum:
            del self.fields["op_hoofdlijnen"]
            self.fields["toelichting"].label = _("Wat verandert er, en waarom?")
            self.fields["toelichting"].required = True
        else:
            del self.fields["toelichting"]


class LeefgebiedForm(NlDesignModelForm):
    """One leefgebied of one version; the prefix (the leefgebied code) keeps ids unique on the page."""

    class Meta:
        model = Leefgebiedsituatie
        fields = list(LEEFGEBIED_VELDEN)
        widgets = {
            "situatie": _tekstvak(3),
            "hulpvraag": _tekstvak(2),
            "voldoet_aan_doelstelling": forms.RadioSelect,
        }

    def __init__(self, *args, leefgebied: str, **kwargs):
        kwargs.setdefault("prefix", f"lg-{leefgebied.lower()}")
        super().__init__(*args, **kwargs)
        self.leefgebied = leefgebied
        label = Leefgebied(leefgebied).label
        self.fields["voldoet_aan_doelstelling"].label = _(
            "Voldoet de situatie op %(leefgebied)s aan de landelijke doelstelling?"
        ) % {"leefgebied": label.lower()}
        self.fields["voldoet_aan_doelstelling"].choices = [
            c for c in self.fields["voldoet_aan_doelstelling"].choices if c[0]
        ]
        self.fields["situatie"].label = _("Situatie bij de aanmelding (%(leefgebied)s)") % {"leefgebied": label}
        self.fields["hulpvraag"].label = _("Hulpvraag (%(leefgebied)s)") % {"leefgebied": label}
        for veld in ("zrm_start", "zrm_eind"):
            formveld = self.fields[veld]
            self.fields[veld] = forms.TypedChoiceField(
                label=f"{formveld.label} ({label})", choices=ZRM_KEUZES, coerce=int, empty_value=None,
                required=False, help_text=formveld.help_text,
                widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            )


class DoelForm(NlDesignModelForm):
    class Meta:
        model = Doel
        fields = ["omschrijving"]
        widgets = {"omschrijving": _tekstvak(2)}

    def __init__(self, *args, leefgebied: str, **kwargs):
        kwargs.setdefault("prefix", f"doel-{leefgebied.lower()}")
        super().__init__(*args, **kwargs)
        self.leefgebied = leefgebied
        self.fields["omschrijving"].label = _("Nieuw doel voor %(leefgebied)s") % {
            "leefgebied": Leefgebied(leefgebied).label
        }
        self.fields["omschrijving"].help_text = _("Schrijf het doel concreet op: wat is er bereikt, en wanneer?")


class PlanversieWijzigenForm(NieuwePlanversieForm):
    """Change a concept's 'op hoofdlijnen' (first plan) or its explanation (addendum)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, addendum=kwargs["instance"].soort == Planversiesoort.ADDENDUM, **kwargs)


class DoelWijzigenForm(NlDesignModelForm):
    class Meta:
        model = Doel
        fields = ["omschrijving"]
        widgets = {"omschrijving": _tekstvak(3)}
        labels = {"omschrijving": _("Het doel")}
        help_texts = {"omschrijving": _("Schrijf het doel concreet op: wat is er bereikt, en wanneer?")}


class DoelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, doel):
        return f"{doel.get_leefgebied_display()}: {doel.omschrijving}"


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, product):
        return f"{product.naam} – {product.aanbieder.naam}"


class VoorzieningForm(NlDesignModelForm):
    """All fields of a provision, grouped on the page (see ``groepen``)."""

    class Meta:
        model = Voorziening
        fields = list(VOORZIENING_VELDEN)
        widgets = {
            "aard": forms.RadioSelect,
            "noodzaak": forms.RadioSelect,
            "besluit": forms.RadioSelect,
            **{v: _tekstvak(2) for v in (*MOTIVERING_VELDEN, *WEGING_VELDEN) if v != "noodzaak"},
            "acute_noodsituatie_motivering": _tekstvak(2),
            "hardheidsclausule_motivering": _tekstvak(2),
            "reden_afwijzing": _tekstvak(2),
            "bedrag": forms.TextInput(attrs={"inputmode": "decimal", "size": "10"}),
        }
        field_classes = {"doel": DoelChoiceField, "product": ProductChoiceField}

    GROEPEN = (
        (_("Wat is de voorziening?"), ("doel", "omschrijving", "aard", "vrij_toegankelijk", "categorie")),
        (_("Aanbieder en product"), ("product", "traject", "aanbieder_naam", "product_naam")),
        (_("Hoeveel, wanneer en wat kost het?"), ("hoeveelheid", "bedrag", "begindatum", "einddatum")),
        (_("Motivering"), MOTIVERING_VELDEN),
        (_("Afweging"), WEGING_VELDEN),
        (_("Bijzondere situatie"), (
            "acute_noodsituatie", "acute_noodsituatie_motivering", "hardheidsclausule", "hardheidsclausule_motivering",
        )),
        (_("Besluit"), ("besluit", "reden_afwijzing")),
    )

    def __init__(self, *args, planversie: Planversie, producten=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.planversie = planversie
        doel = self.fields["doel"]
        doel.queryset = Doel.objects.filter(planversie=planversie).order_by("id")
        doel.empty_label = _("(kies een doel)")
        doel.help_text = _("Elke voorziening hoort bij één doel. Staat het doel er niet bij? Voeg het eerst toe in het plan.")
        product = self.fields["product"]
        product.required = False
        product.label = _("Product uit de sociale kaart")
        product.empty_label = _("(geen product uit de sociale kaart)")
        if producten is not None:
            product.queryset = producten
        else:
            from nieuwestart.catalogus.models import Product

            product.queryset = Product.objects.actief().select_related("aanbieder").order_by("naam", "aanbieder__naam")
        if self.instance.pk and self.instance.product_id:
            # A product chosen earlier stays selectable even if it is no longer offered.
            product.queryset = (product.queryset | type(product.queryset.model).objects.filter(
                pk=self.instance.product_id)).distinct()
        product.help_text = _("Kies een product van de sociale kaart, of vul hieronder zelf de aanbieder en het product in.")
        traject = self.fields["traject"]
        traject.required = False
        traject.empty_label = _("(geen traject)")
        from nieuwestart.catalogus.models import Traject

        traject.queryset = Traject.objects.filter(product__in=product.queryset).select_related("product")
        traject.label_from_instance = lambda t: f"{t.product.naam}: {t.get_zwaarte_display()}" + (
            f" ({t.intensiteit})" if t.intensiteit else "")
        # Dutch amounts are typed with a decimal comma ("1.250,50" or "1250,50"); a dot works too.
        self.fields["bedrag"].localize = True
        self.fields["bedrag"].widget.is_localized = True
        self.fields["besluit"].choices = [c for c in self.fields["besluit"].choices if c[0]]
        self.fields["besluit"].required = False
        self.fields["noodzaak"].choices = [c for c in self.fields["noodzaak"].choices if c[0]]
        self.fields["noodzaak"].required = False
        self.fields["aard"].choices = [c for c in self.fields["aard"].choices if c[0]]
        self.fields["categorie"].help_text = _(
            "Sommige kosten vallen in principe niet onder brede ondersteuning. De toets laat zien wat dan nodig is."
        )
        self.fields["besluit"].help_text = _("Vrij toegankelijke voorzieningen hebben geen besluit nodig.")

    def clean(self):
        data = super().clean()
        product, traject = data.get("product"), data.get("traject")
        if traject is not None and product is not None and traject.product_id != product.pk:
            self.add_error("traject", _("Dit traject hoort niet bij het gekozen product."))
        if traject is not None and product is None:
            data["product"] = traject.product
        product = data.get("product")
        if product is not None:
            # The letter names what the social map says, unless the case worker typed something else.
            data["aanbieder_naam"] = data.get("aanbieder_naam") or product.aanbieder.naam
            data["product_naam"] = data.get("product_naam") or product.naam
        if not product and not data.get("aanbieder_naam") and not data.get("product_naam"):
            pass  # free text may stay empty: e.g. the municipality itself provides it
        return data

    def groepen(self):
        return [(titel, [self[v] for v in velden]) for titel, velden in self.GROEPEN]


class GoedkeuringVragenForm(NlDesignForm):
    """Ask the approvals a provision needs: of anyone in the team who may decide, or of one colleague."""

    gevraagd_aan = forms.ModelChoiceField(
        label=_("Aan wie vraagt u het?"), queryset=None, required=False,
        empty_label=_("Iedereen in het team die mag goedkeuren"),
        help_text=_("Kiest u een collega? Dan ziet alleen die collega het verzoek op de werkvoorraad."),
    )

    def __init__(self, *args, beoordelaars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gevraagd_aan"].queryset = beoordelaars
        self.fields["gevraagd_aan"].label_from_instance = lambda u: u.get_full_name() or u.username


class BeoordelingForm(NlDesignForm):
    """Approve or return a provision; returning needs a comment (H1's service refuses without one)."""

    opmerking = forms.CharField(
        label=_("Opmerking"), required=False, widget=_tekstvak(3),
        help_text=_("Stuurt u de voorziening terug? Schrijf dan op wat er anders moet."),
    )

