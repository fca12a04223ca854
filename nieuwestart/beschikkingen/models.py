"""Beschikkingen (written Awb decisions) as stored documents, their letter templates, and bezwaren.

A ``Beschikking`` keeps the content it was made from (``BeschikkingInhoud`` as JSON) and the
PDF and DOCX exactly as issued, with the PDF's SHA-256. Once stored, none of that ever changes:
only the facts that come later (when and how it was sent, a verbal agreement) are added, once.
Sending starts the bezwaartermijn (event ``BESCHIKKING_BEKENDGEMAAKT``, Awb 6:8); a ``Bezwaar``
against one beschikking runs the decision term of Awb 7:10 through the dossier's events.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .inhoud import Beschikkingsoort as _Soort


class BeschikkingSoort(models.TextChoices):
    PLAN = _Soort.PLAN.value, _("Plan van aanpak")
    ADDENDUM = _Soort.ADDENDUM.value, _("Addendum bij het plan van aanpak")
    BEEINDIGING = _Soort.BEEINDIGING.value, _("Beëindiging van de ondersteuning")


class Verzendwijze(models.TextChoices):
    POST = "POST", _("Per post")
    EMAIL = "EMAIL", _("Per e-mail")
    PORTAAL = "PORTAAL", _("Via het berichtenportaal")
    PERSOONLIJK = "PERSOONLIJK", _("Persoonlijk overhandigd")


class Sjabloonsoort(models.TextChoices):
    PDF_HTML = "PDF_HTML", _("PDF (HTML en CSS)")
    DOCX = "DOCX", _("Word (DOCX)")


class Sjabloon(models.Model):
    """A letter template the functioneel beheerder uploaded. Its content never changes once stored:
    a change is a new version, so every beschikking can name the exact template it was made with.
    Without an active row the template shipped with the application is used (``sjablonen.py``)."""

    soort = models.CharField(_("soort sjabloon"), max_length=10, choices=Sjabloonsoort.choices)
    beschikkingsoort = models.CharField(_("voor beschikking"), max_length=20, choices=BeschikkingSoort.choices)
    versie = models.PositiveIntegerField(_("versie"))
    # PDF_HTML: the HTML (with its CSS in a <style> element); DOCX: the .docx file.
    tekst = models.TextField(_("HTML"), blank=True)
    bestand = models.BinaryField(_("bestand"), blank=True, default=b"")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, editable=False)
    omschrijving = models.CharField(_("wat is er anders"), max_length=300, blank=True)
    actief = models.BooleanField(_("in gebruik"), default=False)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geüpload door")
    )
    geupload_op = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        ordering = ["soort", "beschikkingsoort", "-versie"]
        verbose_name = _("sjabloon")
        verbose_name_plural = _("sjablonen")
        constraints = [
            models.UniqueConstraint(fields=["soort", "beschikkingsoort", "versie"], name="sjabloon_versie_uniek"),
            models.UniqueConstraint(
                fields=["soort", "beschikkingsoort"], condition=Q(actief=True), name="een_actief_sjabloon_per_soort"
            ),
        ]

    _VAST = ("soort", "beschikkingsoort", "versie", "tekst", "bestand", "sha256")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.get_beschikkingsoort_display()} – versie {self.versie}"

    @property
    def versielabel(self) -> str:
        return f"{self.soort}-{self.beschikkingsoort}-v{self.versie}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            oud = type(self)._base_manager.filter(pk=self.pk).values(*self._VAST).first()
            if oud and any(_waarde(oud[v]) != _waarde(getattr(self, v)) for v in self._VAST):
                raise PermissionError("A template's content never changes; upload a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Templates are kept: a beschikking may name them.")


def _waarde(v):
    return bytes(v) if isinstance(v, memoryview) else v


class AppendOnlyQuerySet(models.QuerySet):
    """Issued beschikkingen and their documents never change in bulk and are never deleted here."""

    def update(self, **kwargs):
        raise PermissionError("Beschikkingen are append-only; use the services.")

    def delete(self):
        raise PermissionError("Beschikkingen are append-only.")


class Beschikking(models.Model):
    """One issued decision: content, documents and hash as issued, and how it reached the person."""

    # CASCADE only serves the retention purge: a dossier cannot be deleted otherwise (its event log
    # protects it), and a beschikking itself refuses every delete. RESTRICT: a plan version with a
    # beschikking can only go together with its dossier.
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="beschikkingen", verbose_name=_("dossier")
    )
    # The issued plan version; none for a termination (issue 6).
    planversie = models.ForeignKey(
        "plannen.Planversie", null=True, blank=True, on_delete=models.RESTRICT, related_name="beschikkingen",
        verbose_name=_("planversie"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BeschikkingSoort.choices)
    kenmerk = models.CharField(_("kenmerk"), max_length=60, unique=True)
    datum = models.DateField(_("datum van het besluit"))
    # The BeschikkingInhoud as issued (inhoud.inhoud_naar_json): a reissue renders exactly this.
    inhoud = models.JSONField(_("inhoud"))
    pdf = models.BinaryField(_("PDF"))
    pdf_sha256 = models.CharField(_("SHA-256 van de PDF"), max_length=64)
    docx = models.BinaryField(_("Word-bestand"))
    docx_sha256 = models.CharField(_("SHA-256 van het Word-bestand"), max_length=64)
    # The templates used; null = the one shipped with the application, named in sjabloonversie.
    pdf_sjabloon = models.ForeignKey(Sjabloon, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    docx_sjabloon = models.ForeignKey(Sjabloon, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sjabloonversie = models.CharField(_("sjabloonversie"), max_length=200)
    uitgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uitgegeven door")
    )
    uitgegeven_op = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    # Bekendmaking (Awb 3:41): the day it was sent starts the bezwaartermijn (Awb 6:8).
    verzonden_op = models.DateField(_("verzonden op"), null=True, blank=True)
    verzonden_via = models.CharField(_("verzonden via"), max_length=20, choices=Verzendwijze.choices, blank=True)
    verzending_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("verzending vastgelegd door"),
    )
    # Handreiking §4.3: the plan need not be signed, but must be agreed; a verbal agreement may be recorded.
    mondeling_akkoord_op = models.DateField(_("mondeling akkoord op"), null=True, blank=True)
    mondeling_akkoord_hoe = models.CharField(_("hoe akkoord gegeven"), max_length=300, blank=True)
    mondeling_akkoord_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("akkoord vastgelegd door"),
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        indexes = [models.Index(fields=["dossier", "datum"], name="beschikking_dossier_datum")]

    # Fields that may go from empty to a value once (later facts); all others never change.
    LATER_VASTGELEGD = (
        ("verzonden_op", "verzonden_via", "verzending_vastgelegd_door_id"),
        ("mondeling_akkoord_op", "mondeling_akkoord_hoe", "mondeling_akkoord_vastgelegd_door_id"),
    )
    _VAST = (
        "dossier_id", "planversie_id", "soort", "kenmerk", "datum", "inhoud", "pdf", "pdf_sha256", "docx", "docx_sha256",
        "pdf_sjabloon_id", "docx_sjabloon_id", "sjabloonversie", "uitgegeven_door_id",
    )

    def __str__(self) -> str:
        return self.kenmerk

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self._controleer_ongewijzigd()
        super().save(*args, **kwargs)

    def _controleer_ongewijzigd(self) -> None:
        later = [v for groep in self.LATER_VASTGELEGD for v in groep]
        oud = type(self)._base_manager.filter(pk=self.pk).values(*self._VAST, *later).first()
        if oud is None:
            return
        gewijzigd = [v for v in self._VAST if _waarde(oud[v]) != _waarde(getattr(self, v))]
        if gewijzigd:
            raise PermissionError(f"An issued beschikking never changes (tried: {', '.join(gewijzigd)}).")
        for groep in self.LATER_VASTGELEGD:
            if oud[groep[0]] is not None and any(oud[v] != getattr(self, v) for v in groep):
                raise PermissionError(f"{groep[0]} is recorded once and never changes.")

    def delete(self, *args, **kwargs):
        raise PermissionError("Beschikkingen are append-only.")

    @property
    def bestandsnaam(self) -> str:
        return f"beschikking-{self.kenmerk}"


class BezwaarUitkomst(models.TextChoices):
    GEGROND = "GEGROND", _("Gegrond")
    ONGEGROND = "ONGEGROND", _("Ongegrond")
    NIET_ONTVANKELIJK = "NIET_ONTVANKELIJK", _("Niet-ontvankelijk")
    INGETROKKEN = "INGETROKKEN", _("Ingetrokken")


class Bezwaar(models.Model):
    """An objection against one beschikking (Awb 6:4). ``tijdig`` and ``termijn_einde`` are derived by
    ``services.bezwaar_registreren`` from the stored bezwaartermijn, never typed in."""

    beschikking = models.OneToOneField(
        Beschikking, on_delete=models.CASCADE, related_name="bezwaar", verbose_name=_("beschikking")
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    # Awb 6:9 lid 2: a posted objection counts if posted in time and received within a week after.
    per_post_verzonden_op = models.DateField(_("op de post gedaan op"), null=True, blank=True)
    adviescommissie = models.BooleanField(_("adviescommissie"), default=False)
    termijn_einde = models.DateField(_("einde bezwaartermijn"))
    tijdig = models.BooleanField(_("op tijd"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geregistreerd door")
    )
    geregistreerd_op = models.DateTimeField(auto_now_add=True)
    verdaagd_op = models.DateField(_("verdaagd op"), null=True, blank=True)
    verdaging_reden = models.TextField(_("reden van verdaging"), blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=BezwaarUitkomst.choices, blank=True)
    uitkomst_datum = models.DateField(_("datum beslissing"), null=True, blank=True)
    uitkomst_toelichting = models.TextField(_("toelichting op de beslissing"), blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("afgehandeld door"),
    )

    class Meta:
        ordering = ["ontvangen_op", "id"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        constraints = [
            models.CheckConstraint(
                condition=Q(uitkomst="", uitkomst_datum__isnull=True) | (~Q(uitkomst="") & Q(uitkomst_datum__isnull=False)),
                name="bezwaar_uitkomst_met_datum",
            )
        ]

    def __str__(self) -> str:
        return f"Bezwaar tegen {self.beschikking_id}"

    @property
    def afgehandeld(self) -> bool:
        return bool(self.uitkomst)
