"""Break-the-glass: opening a dossier outside one's own team, with a stated reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Doorbreking(models.Model):
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="doorbrekingen")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="doorbrekingen")
    reden = models.TextField(_("reden"))
    gestart_op = models.DateTimeField(_("gestart op"))
    geldig_tot = models.DateTimeField(_("geldig tot"))

    class Meta:
        ordering = ["-gestart_op"]
        verbose_name = _("doorbreking")
        verbose_name_plural = _("doorbrekingen")
        indexes = [models.Index(fields=["gebruiker", "dossier", "geldig_tot"], name="doorbreking_geldig")]
