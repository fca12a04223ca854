"""API-applicaties: machine clients of the REST API (``/api/v1/``).

An application acts as its own user (``gebruiker``, no password, cannot log in to the screens)
with the roles and teams the functioneel beheerder gave it, so the one authorization layer
(``toegang/regels.py``, the team check in ``dossiers/permissions.py``) and the processing log apply
unchanged. On top of that its ``scopes`` limit which parts of the API it may use.
The token is shown once; only its SHA-256 is stored (it has 256 bits of randomness, so a slow
password hash adds nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    DOSSIERS_LEZEN = "dossiers:lezen", _("Rechthebbenden, dossiers, plannen en beschikkingen lezen")
    DOSSIERS_SCHRIJVEN = "dossiers:schrijven", _("Aanmelden, verificatie, eerste gesprek en bezwaar vastleggen")
    IMPORTEREN = "importeren", _("Bestanden uit het Gegevensportaal inlezen")
    RAPPORTAGES_LEZEN = "rapportages:lezen", _("Rapportages lezen (alleen totalen, geen persoonsgegevens)")


class ApiApplicatie(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    omschrijving = models.CharField(_("waarvoor"), max_length=300, blank=True)
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_applicatie", verbose_name=_("gebruiker")
    )
    scopes = models.JSONField(_("scopes"), default=list)
    # First characters of the token, to find the row without comparing every hash.
    token_prefix = models.CharField(max_length=16, unique=True)
    token_sha256 = models.CharField(max_length=64)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangemaakt door")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    token_vernieuwd_op = models.DateTimeField(_("sleutel vernieuwd op"), null=True, blank=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("API-applicatie")
        verbose_name_plural = _("API-applicaties")

    def __str__(self) -> str:
        return self.naam

    def heeft_scope(self, scope: str) -> bool:
        return self.actief and scope in (self.scopes or [])
