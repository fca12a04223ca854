"""Retention rules (reference data the records manager edits) and the anonymous record of each purge.

Defaults follow the Selectielijst gemeenten 2020, procestype 8 'Voorzieningen verstrekken'
and 13 'bezwaar' (domain.md); the municipality's records manager decides the mapping.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bewaarcategorie(models.TextChoices):
    VOORZIENING_VERSTREKT = "VOORZIENING_VERSTREKT", _("Voorziening verstrekt")
    VOORZIENING_GEWEIGERD = "VOORZIENING_GEWEIGERD", _("Voorziening geweigerd")
    ONDERSTEUNING_BEEINDIGD = "ONDERSTEUNING_BEEINDIGD", _("Ondersteuning beëindigd")
    AFGEBROKEN = "AFGEBROKEN", _("Afgebroken voor het plan van aanpak")
    GEEN_RECHTHEBBENDE = "GEEN_RECHTHEBBENDE", _("Bleek geen rechthebbende")
    BEZWAAR = "BEZWAAR", _("Bezwaar")
    BEZWAAR_FINANCIEEL = "BEZWAAR_FINANCIEEL", _("Bezwaar met financiële gevolgen")
    BEZWAAR_NIET_ONTVANKELIJK = "BEZWAAR_NIET_ONTVANKELIJK", _("Bezwaar niet-ontvankelijk")


class Bewaarregel(models.Model):
    categorie = models.CharField(_("categorie"), max_length=40, choices=Bewaarcategorie.choices, unique=True)
    termijn_maanden = models.PositiveIntegerField(
        _("bewaartermijn (maanden)"), validators=[MinValueValidator(1, _("Kies minstens 1 maand."))]
    )
    bron = models.CharField(_("bron"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["categorie"]
        verbose_name = _("bewaarregel")
        verbose_name_plural = _("bewaarregels")

    def __str__(self) -> str:
        return f"{self.get_categorie_display()}: {self.termijn_maanden} maanden"


class Vernietigingsregistratie(models.Model):
    """What was destroyed, by which rule, how many and when — never who it was about."""

    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"))
    uitgevoerd_door = models.CharField(_("uitgevoerd door"), max_length=150)
    peildatum = models.DateField(_("peildatum"))
    categorie = models.CharField(_("categorie"), max_length=40, choices=Bewaarcategorie.choices)
    termijn_maanden = models.PositiveIntegerField(_("toegepaste bewaartermijn (maanden)"))
    aantal_dossiers = models.PositiveIntegerField(_("aantal dossiers"))
    aantal_rechthebbenden = models.PositiveIntegerField(_("aantal personen"))

    class Meta:
        ordering = ["-uitgevoerd_op", "categorie"]
        verbose_name = _("vernietigingsregistratie")
        verbose_name_plural = _("vernietigingsregistraties")
