"""Meldingen: a short message to a case worker that something in a dossier needs attention.

A melding names the dossier (its number), never a BSN or a name: it is shown in lists outside
the dossier page. Each kind is one ``MeldingSoort``; a later issue adds a kind by adding a
choice and a text in ``services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeldingSoort(models.TextChoices):
    # UHT did not recognise the applicant: the 30-day afbouw runs (Handreiking §4.4).
    UHT_NIET_ERKEND = "UHT_NIET_ERKEND", _("UHT: niet erkend")


class Melding(models.Model):
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen", verbose_name=_("ontvanger")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="meldingen", verbose_name=_("dossier")
    )
    # The event the melding is about, when there is one: one melding per recipient per event.
    gebeurtenis = models.ForeignKey(
        "dossiers.DossierGebeurtenis", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    soort = models.CharField(_("soort"), max_length=40, choices=MeldingSoort.choices)
    tekst = models.CharField(_("tekst"), max_length=500)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op", "-id"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "gebeurtenis"], condition=Q(gebeurtenis__isnull=False),
                name="een_melding_per_ontvanger_en_gebeurtenis",
            )
        ]
        indexes = [
            # The worklist asks every time for the user's unread meldingen, newest first.
            models.Index(
                fields=["ontvanger", "-aangemaakt_op"], condition=Q(gelezen_op__isnull=True), name="melding_ongelezen"
            ),
            models.Index(fields=["ontvanger", "-aangemaakt_op"], name="melding_ontvanger"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.aangemaakt_op:%d-%m-%Y})"
