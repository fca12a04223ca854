"""What the portal import remembers: which files and which rows were imported.

Only the identity of a file (its content hash) and of its rows (``rij_sleutel``) is kept,
with the counts and the dossier a row led to. Rejected rows and refused files (a debt list)
leave nothing here. ``Importopdracht`` is the web upload on its way (kept a day at most with
its personal data); ``Kolomkoppeling`` a header name the municipality's files use.
"""

import uuid

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


class Fase(models.TextChoices):
    """Where an upload stands. CONTROLEREN and INLEZEN run in the background worker."""

    CONTROLEREN = "CONTROLEREN", _("Wordt gecontroleerd")
    VOORBEELD = "VOORBEELD", _("Klaar om te bevestigen")
    BEVESTIGD = "BEVESTIGD", _("Bevestigd, wacht op inlezen")
    INLEZEN = "INLEZEN", _("Wordt ingelezen")
    KLAAR = "KLAAR", _("Ingelezen")
    MISLUKT = "MISLUKT", _("Mislukt")
    AFGEBROKEN = "AFGEBROKEN", _("Afgebroken")


LOPENDE_FASEN = (Fase.CONTROLEREN, Fase.VOORBEELD, Fase.BEVESTIGD, Fase.INLEZEN)


class Importopdracht(models.Model):
    """One upload in the web screens: the file, the preview outcome and, after confirming, the result.

    The file's bytes and the row-level outcome (rejected rows, proposed contact updates) are
    personal data: the bytes are cleared as soon as the import is done or cancelled, and
    everything personal is cleared after a day (``opdrachten.opdrachten_opschonen``, run by
    ``manage.py opschonen``). What stays for good is the ``Importbestand``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    doel = models.CharField(_("soort bestand"), max_length=30, choices=ImportDoel.choices)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    inhoud = models.BinaryField(_("inhoud"), null=True, blank=True, editable=False)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("door")
    )
    # Fallback team for new dossiers of a contact list (when no assignment rule is set).
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("team")
    )
    portaaldatum = models.DateField(_("portaaldatum (ingevuld)"), null=True, blank=True)
    # The user's one-off column mapping: normalised file header -> canonical column.
    mapping = models.JSONField(_("kolomkoppeling"), default=dict, blank=True)
    wijzigingen_overnemen = models.BooleanField(_("gewijzigde contactgegevens overnemen"), default=True)
    fase = models.CharField(_("fase"), max_length=12, choices=Fase.choices, default=Fase.CONTROLEREN)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    # Outcome of the preview (no personal data): counts, warnings, column problems, dates.
    uitkomst = models.JSONField(_("uitkomst controle"), default=dict, blank=True)
    # Row-level outcome (personal data, cleared after a day).
    afwijzingen = models.JSONField(_("afgewezen regels"), default=list, blank=True)
    wijzigingen = models.JSONField(_("voorgestelde wijzigingen"), default=list, blank=True)
    # Outcome of the commit.
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True)
    importbestand = models.ForeignKey(
        Importbestand, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("ingelezen bestand"),
    )
    foutmelding = models.TextField(_("foutmelding"), blank=True)

    class Meta:
        verbose_name = _("importopdracht")
        verbose_name_plural = _("importopdrachten")
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["door", "-aangemaakt_op"], name="importopdracht_door_idx")]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_fase_display()})"

    @property
    def is_lopend(self) -> bool:
        return self.fase in LOPENDE_FASEN


class Kolomkoppeling(models.Model):
    """A header name the municipality's files use for one of our columns (saved per installation).

    ``kop`` is normalised (``portaal.lezen.normaliseer_kop``); every later import of the same
    kind reads that header as ``kolom``.
    """

    doel = models.CharField(_("soort bestand"), max_length=30, choices=ImportDoel.choices)
    kop = models.CharField(_("kolomnaam in het bestand"), max_length=200)
    kop_origineel = models.CharField(_("kolomnaam zoals in het bestand"), max_length=200, blank=True)
    kolom = models.CharField(_("kolom in Nieuwe Start"), max_length=50)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now=True)

    class Meta:
        verbose_name = _("kolomkoppeling")
        verbose_name_plural = _("kolomkoppelingen")
        ordering = ["doel", "kop"]
        constraints = [models.UniqueConstraint(fields=["doel", "kop"], name="kolomkoppeling_eenmaal_per_kop")]

    def __str__(self) -> str:
        return f"{self.kop_origineel or self.kop} → {self.kolom}"
