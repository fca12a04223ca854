"""The record of every transfer of a dossier between municipalities, on both sides.

An ``UITGAAND`` row is written when a case worker makes a transfer package (with the package's SHA-256,
so the receiving municipality can check it). An ``INKOMEND`` row holds an uploaded, already validated
package while the case worker looks at the preview (``VOORBEELD``), and after the import points at the
new dossier (``INGELEZEN``; the package bytes are then cleared: the data now live in the dossier).
A refused package leaves no row at all.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Richting(models.TextChoices):
    UITGAAND = "UITGAAND", _("Naar een andere gemeente")
    INKOMEND = "INKOMEND", _("Van een andere gemeente")


class Overdrachtstatus(models.TextChoices):
    VERZONDEN = "VERZONDEN", _("Pakket gemaakt")
    VOORBEELD = "VOORBEELD", _("Wacht op bevestiging")
    INGELEZEN = "INGELEZEN", _("Ingelezen")


class Overdracht(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    richting = models.CharField(_("richting"), max_length=10, choices=Richting.choices)
    status = models.CharField(_("status"), max_length=10, choices=Overdrachtstatus.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.PROTECT, related_name="gemeenteoverdrachten",
        verbose_name=_("dossier"),
    )
    andere_gemeente = models.CharField(_("andere gemeente"), max_length=100)
    andere_gemeentecode = models.CharField(_("gemeentecode van de andere gemeente"), max_length=4, blank=True)
    oorspronkelijk_dossiernummer = models.CharField(_("dossiernummer bij de verzendende gemeente"), max_length=40)
    schemaversie = models.CharField(_("schemaversie"), max_length=10)
    pakket_sha256 = models.CharField(_("SHA-256 van het pakket"), max_length=64)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    # Only while an incoming package waits for confirmation; cleared on import.
    pakket = models.BinaryField(_("pakket"), blank=True, default=b"")
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    ingelezen_op = models.DateTimeField(_("ingelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="VOORBEELD") | models.Q(dossier__isnull=False),
                name="overdracht_heeft_dossier",
            ),
        ]
