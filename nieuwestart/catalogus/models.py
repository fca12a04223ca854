"""The sociale kaart: the providers (``Aanbieder``) and their products (``Product``) a case worker
picks from when adding a voorziening to a plan van aanpak (issue 5, "Social map").

A product serves one leefgebied and may come in trajectories of increasing weight (``Traject``:
licht / middel / zwaar, each with an intensity and a duration in words), as the Dronten social map
in seed 004 describes them. The functioneel beheerder maintains the catalogue in the app or imports
it from a spreadsheet (``importeren.py``); nothing is ever deleted, a provider or product that is no
longer offered is set inactive so that plans that refer to it keep their history.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.models import Leefgebied


class Organisatiesoort(models.TextChoices):
    ZORGAANBIEDER = "ZORGAANBIEDER", _("Zorgaanbieder")
    WELZIJN = "WELZIJN", _("Welzijnsorganisatie")
    VRIJWILLIGERS = "VRIJWILLIGERS", _("Vrijwilligersorganisatie")
    ONDERWIJS = "ONDERWIJS", _("Onderwijs")
    GEMEENTE = "GEMEENTE", _("Gemeentelijke dienst")
    OVERIG = "OVERIG", _("Andere organisatie")


class Aard(models.TextChoices):
    """Materieel: a thing that removes an obstacle; immaterieel: help or a service (domain.md)."""

    IMMATERIEEL = "IMMATERIEEL", _("Immaterieel (hulp of dienst)")
    MATERIEEL = "MATERIEEL", _("Materieel (een zaak of geld)")


class Zwaarte(models.TextChoices):
    LICHT = "LICHT", _("Licht")
    MIDDEL = "MIDDEL", _("Middel")
    ZWAAR = "ZWAAR", _("Zwaar")


class AanbiederQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Aanbieder(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(
        _("soort organisatie"), max_length=20, choices=Organisatiesoort.choices, default=Organisatiesoort.ZORGAANBIEDER
    )
    telefoon = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    adres = models.CharField(_("adres"), max_length=300, blank=True)
    actief = models.BooleanField(
        _("actief"), default=True,
        help_text=_("Een aanbieder die niet meer actief is, kunt u niet meer kiezen in een nieuw plan."),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AanbiederQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["naam"]
        constraints = [
            # "Humanitas" and "humanitas" are one provider: an import must not make a second one.
            models.UniqueConstraint(
                Lower("naam"), name="catalogus_aanbieder_naam_uniek",
                violation_error_message=_("Er is al een aanbieder met deze naam."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class ProductQuerySet(models.QuerySet):
    def actief(self):
        """Products a case worker may choose: the product and its provider are both active."""
        return self.filter(actief=True, aanbieder__actief=True)


class Product(models.Model):
    aanbieder = models.ForeignKey(
        Aanbieder, on_delete=models.PROTECT, related_name="producten", verbose_name=_("aanbieder")
    )
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    categorie = models.CharField(
        _("categorie"), max_length=100, blank=True,
        help_text=_("Bijvoorbeeld Begeleiding, Behandeling of Preventief aanbod."),
    )
    doelgroep = models.CharField(_("voor wie"), max_length=200, blank=True)
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    aard = models.CharField(_("soort voorziening"), max_length=20, choices=Aard.choices, default=Aard.IMMATERIEEL)
    vrij_toegankelijk = models.BooleanField(
        _("vrij toegankelijk"), default=False,
        help_text=_("Vrij toegankelijk: iemand kan er zonder beschikking gebruik van maken."),
    )
    indicatief_tarief = models.DecimalField(
        _("indicatief tarief in euro (inclusief btw)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    tarief_eenheid = models.CharField(
        _("tarief per"), max_length=60, blank=True, help_text=_("Bijvoorbeeld: per uur, per traject.")
    )
    actief = models.BooleanField(
        _("actief"), default=True,
        help_text=_("Een product dat niet meer actief is, kunt u niet meer kiezen in een nieuw plan."),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["naam", "aanbieder__naam"]
        constraints = [
            models.UniqueConstraint(
                "aanbieder", Lower("naam"), name="catalogus_product_naam_uniek_per_aanbieder",
                violation_error_message=_("Deze aanbieder heeft al een product met deze naam."),
            ),
            models.CheckConstraint(
                condition=models.Q(indicatief_tarief__isnull=True) | models.Q(indicatief_tarief__gte=0),
                name="catalogus_product_tarief_niet_negatief",
            ),
        ]
        indexes = [models.Index(fields=["leefgebied", "actief"], name="catalogus_product_leefgebied")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.aanbieder.naam})"


class Traject(models.Model):
    """One weight of a product (seed 004: "Per product zijn verschillende trajecten beschikbaar")."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="trajecten")
    zwaarte = models.CharField(_("traject"), max_length=10, choices=Zwaarte.choices)
    intensiteit = models.CharField(_("intensiteit"), max_length=300, blank=True)
    duur = models.CharField(_("duur"), max_length=200, blank=True)
    duur_weken = models.PositiveSmallIntegerField(
        _("duur in weken"), null=True, blank=True,
        help_text=_("Optioneel: hoeveel weken het traject ongeveer duurt."),
    )

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["zwaarte"]  # LICHT < MIDDEL < ZWAAR, alphabetically too
        constraints = [
            models.UniqueConstraint(
                fields=["product", "zwaarte"], name="catalogus_traject_een_per_zwaarte",
                violation_error_message=_("Dit product heeft dit traject al."),
            ),
            models.CheckConstraint(
                condition=models.Q(zwaarte__in=Zwaarte.values), name="catalogus_traject_zwaarte_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_zwaarte_display()}: {self.intensiteit}".strip(": ")

    @property
    def volgorde(self) -> int:
        return Zwaarte.values.index(self.zwaarte)


class Importstatus(models.TextChoices):
    VOORBEELD = "VOORBEELD", _("Voorbeeld, nog niet ingelezen")
    INGELEZEN = "INGELEZEN", _("Ingelezen")
    AFGEBROKEN = "AFGEBROKEN", _("Afgebroken")


class Catalogusimport(models.Model):
    """One spreadsheet upload: who sent which file when, and what reading it changed.

    The bytes are kept only between the preview and the user's decision; after reading or
    cancelling only the file name, its hash and the counts remain (who changed the catalogue when).
    """

    bestandsnaam = models.CharField(max_length=255)
    inhoud = models.BinaryField(blank=True, default=b"")
    inhoud_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Importstatus.choices, default=Importstatus.VOORBEELD)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    geupload_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    aantallen = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("inlezing sociale kaart")
        verbose_name_plural = _("inlezingen sociale kaart")
        ordering = ["-geupload_op", "-pk"]

    def __str__(self) -> str:
        return self.bestandsnaam
