"""What was published to the zaakregistratie: one ``Zaakkoppeling`` per dossier, one ``Publicatie``
per remote object (zaak, rol, status, besluit, document, the links, resultaat).

A publication row with its remote URL is what makes re-sending idempotent: an object is created
only when no row exists, and the zaak, besluit and document also carry our own identificatie
(dossiernummer, kenmerk), so even a send whose answer was lost finds the existing object instead
of creating a second one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stand(models.TextChoices):
    IN_WACHTRIJ = "IN_WACHTRIJ", _("In de wachtrij")
    VERZONDEN = "VERZONDEN", _("Verzonden")
    MISLUKT = "MISLUKT", _("Mislukt")


class Zaakkoppeling(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="zaakkoppeling", verbose_name=_("dossier")
    )
    zaak_url = models.URLField(_("zaak"), max_length=1000, blank=True)
    stand = models.CharField(_("stand"), max_length=12, choices=Stand.choices, default=Stand.IN_WACHTRIJ)
    fout = models.TextField(_("reden"), blank=True)
    pogingen = models.PositiveIntegerField(_("mislukte pogingen op rij"), default=0)
    volgende_poging = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    # A lease, so two workers never publish the same dossier at once (no lock held during HTTP calls).
    bezig_tot = models.DateTimeField(null=True, blank=True)
    laatst_verzonden_op = models.DateTimeField(_("laatst verzonden op"), null=True, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zaakkoppeling")
        verbose_name_plural = _("zaakkoppelingen")
        indexes = [models.Index(fields=["stand", "volgende_poging"], name="zaakkoppeling_stand")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.stand}"


class Soort(models.TextChoices):
    ZAAK = "ZAAK", _("Zaak")
    ROL = "ROL", _("Rol (rechthebbende)")
    STATUS = "STATUS", _("Status")
    EINDDATA = "EINDDATA", _("Geplande en uiterste einddatum")
    BESLUIT = "BESLUIT", _("Besluit")
    BESLUIT_VERZONDEN = "BESLUIT_VERZONDEN", _("Verzenddatum van het besluit")
    DOCUMENT = "DOCUMENT", _("Document (PDF)")
    ZAAKINFORMATIEOBJECT = "ZAAKINFORMATIEOBJECT", _("Document bij de zaak")
    BESLUITINFORMATIEOBJECT = "BESLUITINFORMATIEOBJECT", _("Document bij het besluit")
    RESULTAAT = "RESULTAAT", _("Resultaat")


class Publicatie(models.Model):
    koppeling = models.ForeignKey(Zaakkoppeling, on_delete=models.CASCADE, related_name="publicaties")
    soort = models.CharField(max_length=30, choices=Soort.choices)
    # Which local thing this is, e.g. "gebeurtenis:12", "beschikking:3", or the dates sent.
    sleutel = models.CharField(max_length=200)
    url = models.URLField(max_length=1000, blank=True)
    verzonden_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [
            models.UniqueConstraint(fields=["koppeling", "soort", "sleutel"], name="een_publicatie_per_object")
        ]
