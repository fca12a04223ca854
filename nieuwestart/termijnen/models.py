"""Stored results of the terms engine, and the holidays added by Royal Decree.

``Termijn`` rows are a cache of ``engine.bereken_termijnen`` over a dossier's events:
only ``services.termijnen_bijwerken`` writes them, never a form.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtraFeestdag(models.Model):
    """A day the ATW treats as a holiday beyond art. 3 (added by Royal Decree, ATW art. 3 lid 3)."""

    datum = models.DateField(_("datum"), unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    grondslag = models.CharField(_("grondslag"), max_length=200, blank=True, help_text=_("Bijvoorbeeld het Koninklijk Besluit."))

    class Meta:
        ordering = ["datum"]
        verbose_name = _("extra feestdag")
        verbose_name_plural = _("extra feestdagen")

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.naam}"


class Termijn(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="termijnen")
    regel = models.CharField(_("termijn"), max_length=40)
    sleutel = models.CharField(max_length=60, blank=True)
    startdatum = models.DateField(_("start"))
    # Indexed: adding or removing an extra holiday looks up the terms ending near that date.
    oorspronkelijke_einddatum = models.DateField(db_index=True)
    einddatum = models.DateField(_("uiterste datum"), db_index=True)
    opgeschorte_dagen = models.PositiveIntegerField(default=0)
    opgeschort_sinds = models.DateField(null=True, blank=True)
    verdaagd_tot = models.DateField(null=True, blank=True)
    atw_verlengd = models.BooleanField(default=False)
    voldaan_op = models.DateField(null=True, blank=True)
    vervallen_op = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["einddatum", "id"]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "regel", "sleutel"], name="een_termijn_per_regel_en_sleutel")
        ]
        indexes = [
            # Issue 7: the turnaround report reads durations per rule from this index alone.
            models.Index(fields=["regel", "voldaan_op", "startdatum", "einddatum", "vervallen_op"], name="termijn_doorlooptijd"),
        ]
