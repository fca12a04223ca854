"""The two logs and the processing register.

* ``Verwerking`` – Logboek Dataverwerkingen: one line per processing of personal data per
  data subject (betrokkene). The BSN is stored only as a keyed hash.
* ``Beveiligingsgebeurtenis`` – the security/audit log (BIO 8.15): actor, action, object,
  result, origin, time; linked to the processing lines through ``operation_id``.
* ``Verwerkingsactiviteit`` – a versioned entry of the processing register (AVG art. 30).

All three are append-only at the model layer: changing or deleting an existing row raises
``PermissionError``. Both logs form hash chains (``deel`` / ``volgnummer`` / ``vorige_hash`` / ``hash``)
so that changes made past the model layer (raw SQL) are detected by
``services.controleer_integriteit``. See ``docs/logboeken.md``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

STANDAARD_RECHTSGROND = "Wet hersteloperatie toeslagen art. 2.21"
GENESIS_HASH = "0" * 64


class AlleenToevoegenQuerySet(models.QuerySet):
    """Rows can be added, never changed or removed (not even in bulk)."""

    def update(self, **kwargs):
        raise PermissionError(f"{self.model.__name__} is alleen-toevoegen: wijzigen kan niet.")

    def delete(self):
        raise PermissionError(f"{self.model.__name__} is alleen-toevoegen: verwijderen kan niet.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError(f"{self.model.__name__} is alleen-toevoegen: wijzigen kan niet.")

    def update_or_create(self, *args, **kwargs):
        raise PermissionError(f"{self.model.__name__} is alleen-toevoegen: wijzigen kan niet.")


class AlleenToevoegen(models.Model):
    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} is alleen-toevoegen: een bestaande regel wijzigen kan niet.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} is alleen-toevoegen: verwijderen kan niet.")


class Verwerkingsactiviteit(AlleenToevoegen):
    """One version of an entry in the processing register. A change is a new version (new row)."""

    code = models.CharField(
        _("code"), max_length=60,
        help_text=_("Vaste code van de activiteit, in hoofdletters, bijvoorbeeld BREDE_ONDERSTEUNING."),
    )
    versie = models.PositiveIntegerField(_("versie"))
    naam = models.CharField(_("naam"), max_length=200)
    doel = models.TextField(_("doel van de verwerking"))
    rechtsgrond = models.CharField(_("rechtsgrond"), max_length=300, default=STANDAARD_RECHTSGROND)
    bewaartermijn = models.TextField(_("bewaartermijn"))
    categorieen_betrokkenen = models.TextField(_("categorieën betrokkenen"))
    categorieen_gegevens = models.TextField(_("categorieën persoonsgegevens"))
    categorieen_ontvangers = models.TextField(_("categorieën ontvangers"), blank=True)
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["code", "-versie"]
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        constraints = [models.UniqueConstraint(fields=["code", "versie"], name="verwerkingsactiviteit_code_versie")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code} v{self.versie})"


class Status(models.TextChoices):
    OK = "OK", _("Gelukt")
    ERROR = "ERROR", _("Mislukt")


class Resultaat(models.TextChoices):
    GELUKT = "GELUKT", _("Gelukt")
    GEWEIGERD = "GEWEIGERD", _("Geweigerd")
    MISLUKT = "MISLUKT", _("Mislukt")


class Keten(models.TextChoices):
    VERWERKINGEN = "verwerkingen", _("Logboek dataverwerkingen")
    BEVEILIGING = "beveiliging", _("Beveiligingslogboek")


class Ketenkop(models.Model):
    """The head of one part (``deel``) of a hash chain: last volgnummer and hash.

    Each log is a few independent chains, its parts (``deel`` 1, 2, …), so that concurrent
    writers do not wait for each other: a writer locks the heads of one free part (``SELECT …
    FOR UPDATE SKIP LOCKED``) for all logs it writes and appends there. Not append-only: it is a
    pointer, and ``controleer_integriteit`` checks it against the part's last row.
    """

    log = models.CharField(max_length=20, choices=Keten.choices)
    deel = models.PositiveSmallIntegerField(default=1)
    volgnummer = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("ketenkop")
        verbose_name_plural = _("ketenkoppen")
        constraints = [models.UniqueConstraint(fields=["log", "deel"], name="ketenkop_per_deel")]

    def __str__(self) -> str:
        return f"{self.log} deel {self.deel}: {self.volgnummer}"


class Ketenregel(AlleenToevoegen):
    # The part of the log's chain this line belongs to; volgnummer counts within the part.
    deel = models.PositiveSmallIntegerField(_("deel van de keten"), default=1, editable=False)
    volgnummer = models.BigIntegerField(_("volgnummer"), editable=False)
    vorige_hash = models.CharField(_("hash van de vorige regel"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    # Field names in the order they enter the canonical serialisation (see services.ketting).
    KETEN_VELDEN: tuple[str, ...] = ()

    class Meta:
        abstract = True


class Verwerking(Ketenregel):
    """One processing of personal data of one data subject (Logboek Dataverwerkingen)."""

    trace_id = models.CharField(_("trace-id"), max_length=32)
    operation_id = models.CharField(_("operatie-id"), max_length=16)
    bovenliggende_operation_id = models.CharField(_("bovenliggende operatie-id"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=5, choices=Status.choices)
    naam = models.CharField(_("naam van de operatie"), max_length=100)
    gestart_op = models.DateTimeField(_("gestart op"))
    beeindigd_op = models.DateTimeField(_("beëindigd op"))
    activiteit = models.ForeignKey(
        Verwerkingsactiviteit, on_delete=models.PROTECT, related_name="verwerkingen",
        verbose_name=_("verwerkingsactiviteit"),
    )
    # HMAC-SHA256 of the normalised BSN (services.betrokkene_hash); never the BSN itself.
    betrokkene_hash = models.CharField(_("betrokkene (versleuteld)"), max_length=64)
    object_type = models.CharField(_("soort object"), max_length=50, blank=True)
    object_id = models.CharField(_("object"), max_length=100, blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    KETEN_VELDEN = (
        "volgnummer", "trace_id", "operation_id", "bovenliggende_operation_id", "status", "naam",
        "gestart_op", "beeindigd_op", "activiteit_id", "betrokkene_hash", "object_type", "object_id",
        "vorige_hash",
    )

    class Meta:
        ordering = ["deel", "volgnummer"]
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingen")
        indexes = [
            models.Index(fields=["betrokkene_hash", "gestart_op"], name="verwerking_betrokkene"),
            models.Index(fields=["operation_id"], name="verwerking_operatie"),
            models.Index(fields=["trace_id"], name="verwerking_trace"),
        ]
        constraints = [models.UniqueConstraint(fields=["deel", "volgnummer"], name="verwerking_volgnummer_per_deel")]

    def __str__(self) -> str:
        return f"{self.volgnummer} {self.naam} {self.status}"


class Beveiligingsgebeurtenis(Ketenregel):
    """One security-relevant event (BIO 8.15). No secrets: never passwords, tokens or BSNs."""

    tijdstip = models.DateTimeField(_("tijdstip"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_naam = models.CharField(_("naam gebruiker (toen)"), max_length=300, blank=True)
    actie = models.CharField(_("actie"), max_length=100)
    object_type = models.CharField(_("soort object"), max_length=50, blank=True)
    object_id = models.CharField(_("object"), max_length=100, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=10, choices=Resultaat.choices)
    herkomst_ip = models.CharField(_("IP-adres"), max_length=45, blank=True)
    client = models.CharField(_("programma (user agent)"), max_length=255, blank=True)
    trace_id = models.CharField(_("trace-id"), max_length=32)
    operation_id = models.CharField(_("operatie-id"), max_length=16)
    reden = models.TextField(_("reden"), blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    KETEN_VELDEN = (
        "volgnummer", "tijdstip", "actor_id", "actor_naam", "actie", "object_type", "object_id",
        "resultaat", "herkomst_ip", "client", "trace_id", "operation_id", "reden", "vorige_hash",
    )

    class Meta:
        ordering = ["deel", "volgnummer"]
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingsgebeurtenissen")
        indexes = [
            models.Index(fields=["object_type", "object_id", "tijdstip"], name="beveiliging_object"),
            models.Index(fields=["actie", "tijdstip"], name="beveiliging_actie"),
            models.Index(fields=["operation_id"], name="beveiliging_operatie"),
        ]
        constraints = [models.UniqueConstraint(fields=["deel", "volgnummer"], name="beveiliging_volgnummer_per_deel")]

    def __str__(self) -> str:
        return f"{self.volgnummer} {self.actie} {self.resultaat}"
