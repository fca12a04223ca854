"""What the portal import remembers: which files and which rows were imported.

Only the identity of a file (its content hash) and of its rows (``rij_sleutel``) is kept,
with the counts and the dossier a row led to. Rejected rows and refused files (a debt list)
leave nothing here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportDoel(models.TextChoices):
    CONTACTLIJST = "CONTACTLIJST", _("Contactlijst brede ondersteuning")
    STATUSUPDATE = "STATUSUPDATE", _("Statusupdate UHT")
    KINDVERIFICATIE_ANTWOORD = "KINDVERIFICATIE_ANTWOORD", _("Antwoord kindverificatie")


class Uitkomst(models.TextChoices):
    NIEUW = "NIEUW", _("Nieuw")
    BIJGEWERKT = "BIJGEWERKT", _("Bijgewerkt")
    ONGEWIJZIGD = "ONGEWIJZIGD", _("Ongewijzigd")


class Importbestand(models.Model):
    inhoud_hash = models.CharField(_("inhoud (sha256)"), max_length=64)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    doel = models.CharField(_("soort bestand"), max_length=30, choices=ImportDoel.choices)
    portaaldatum = models.DateField(_("portaaldatum"), null=True, blank=True)
    verloopdatum = models.DateField(_("verloopt op"), null=True, blank=True)
    geimporteerd_op = models.DateTimeField(_("ingelezen op"), auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    # The team a contact list was imported for; empty for a status update (it applies to the
    # open dossiers of the persons in the file, in every team).
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    aantal_nieuw = models.PositiveIntegerField(_("nieuw"), default=0)
    aantal_bijgewerkt = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    aantal_ongewijzigd = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    aantal_afgewezen = models.PositiveIntegerField(_("afgewezen"), default=0)
    # Status update: rows whose BSN has no open dossier here (reported, nothing created).
    aantal_onbekend = models.PositiveIntegerField(_("onbekend"), default=0)

    class Meta:
        verbose_name = _("ingelezen bestand")
        verbose_name_plural = _("ingelezen bestanden")
        constraints = [
            models.UniqueConstraint(fields=["doel", "inhoud_hash"], name="importbestand_eenmaal_per_doel"),
        ]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.geimporteerd_op:%d-%m-%Y})" if self.geimporteerd_op else self.bestandsnaam


class Importregel(models.Model):
    importbestand = models.ForeignKey(Importbestand, on_delete=models.CASCADE, related_name="regels")
    rij_sleutel = models.CharField(_("rij-identiteit (sha256)"), max_length=64, unique=True)
    regelnummer = models.PositiveIntegerField(_("regelnummer"))
    uitkomst = models.CharField(_("uitkomst"), max_length=12, choices=Uitkomst.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ingelezen regel")
        verbose_name_plural = _("ingelezen regels")
        ordering = ["importbestand", "regelnummer"]
