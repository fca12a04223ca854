"""The plan van aanpak: versions, life-domain situations, goals, provisions and their approvals.

Design (issue 5)
----------------
* A dossier's plan is a series of ``Planversie`` rows numbered 1..n. Version 1 is the
  ``EERSTE_PLAN`` (it may be "op hoofdlijnen"); every later version is an ``ADDENDUM`` that starts as
  a copy of the last issued version. At most one version per dossier is a ``CONCEPT`` at a time
  (a partial unique index).
* Status: ``CONCEPT`` → ``UITGEGEVEN``. There is no plan-wide "ter goedkeuring" state: approval is
  per provision (``Goedkeuring``), because the mandate depends on each provision's amount, and a
  case worker keeps writing the rest of the plan while one provision waits for the teamleider.
  ``services.uitgeven`` issues a version only when the toets has no block and every provision has
  the approvals ``mandaat.benodigde_goedkeuringen`` asks for.
* Per version and leefgebied one ``Leefgebiedsituatie``; ``Doel`` rows per leefgebied; each
  ``Voorziening`` belongs to exactly one ``Doel`` (a non-null foreign key: there is no provision
  without a goal) and, denormalised for cheap reads, to the same ``Planversie``.
* Frozen once issued: a ``UITGEGEVEN`` version and every row under it can never change or be
  deleted. ``save()``/``delete()`` and the querysets' ``update()``/``delete()``/``bulk_create()``
  refuse with ``VersieBevroren`` (like ``DossierGebeurtenis``); the services refuse earlier with a
  Dutch ``RegelOvertreding``.
* An addendum copies provisions with ``overgenomen_van`` set and ``ongewijzigd_overgenomen=True``:
  such a provision was decided (and approved) in the earlier version, so its decision date is the
  earlier one and it needs no new approval. Changing it makes it a new decision.
* ``besluitdatum`` is set when the version is issued: the beschikking is the decision.
* The beschikking produced by issuing lives in ``nieuwestart.beschikkingen`` (its foreign key points
  here; this app adds none back).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.models import Leefgebied


class VersieBevroren(PermissionError):
    """An issued plan version (and everything under it) never changes."""

    def __init__(self, msg: str = "An issued plan version cannot be changed."):
        super().__init__(msg)


class Planversiesoort(models.TextChoices):
    EERSTE_PLAN = "EERSTE_PLAN", _("Eerste plan van aanpak")
    ADDENDUM = "ADDENDUM", _("Addendum")


class Planstatus(models.TextChoices):
    CONCEPT = "CONCEPT", _("Concept")
    UITGEGEVEN = "UITGEGEVEN", _("Uitgegeven")


class Doelstelling(models.TextChoices):
    """Whether the situation meets the national goal of the leefgebied (decided together)."""

    JA = "JA", _("Ja")
    NEE = "NEE", _("Nee")
    ONBEKEND = "ONBEKEND", _("Nog niet besproken")


class Aard(models.TextChoices):
    """Same values as ``catalogus.Aard``."""

    IMMATERIEEL = "IMMATERIEEL", _("Immaterieel (hulp of dienst)")
    MATERIEEL = "MATERIEEL", _("Materieel (een zaak of geld)")


class Noodzaak(models.TextChoices):
    NOODZAAK = "NOODZAAK", _("Noodzaak")
    WENS = "WENS", _("Wens")


class Categorie(models.TextChoices):
    """What kind of cost a provision is, so the exclusion rules can check it (model beleidsregels)."""

    OVERIG = "OVERIG", _("Gewone voorziening")
    SCHULD_BETALEN = "SCHULD_BETALEN", _("Een schuld betalen")
    KOSTEN_VOOR_AANVRAAG = "KOSTEN_VOOR_AANVRAAG", _("Kosten van vóór de aanvraag")
    AUTO = "AUTO", _("Auto of ander motorvoertuig")
    VERBOUWING = "VERBOUWING", _("Verbouwing")
    SCHADEVERGOEDING = "SCHADEVERGOEDING", _("Vergoeding van schade uit het verleden")
    ADVOCAATKOSTEN = "ADVOCAATKOSTEN", _("Kosten van een advocaat voor het financiële herstel")
    INKOMENSONDERSTEUNING = "INKOMENSONDERSTEUNING", _("Inkomensondersteuning")


class Besluit(models.TextChoices):
    TOEGEKEND = "TOEGEKEND", _("Toegekend")
    AFGEWEZEN = "AFGEWEZEN", _("Afgewezen")


class Goedkeuringsoort(models.TextChoices):
    VIER_OGEN = "VIER_OGEN", _("Tweede consulent (vier ogen)")
    TEAMLEIDER = "TEAMLEIDER", _("Teamleider (mandaat)")
    HARDHEIDSCLAUSULE = "HARDHEIDSCLAUSULE", _("Teamleider (hardheidsclausule)")


class Goedkeuringuitkomst(models.TextChoices):
    GEVRAAGD = "GEVRAAGD", _("Gevraagd")
    GOEDGEKEURD = "GOEDGEKEURD", _("Goedgekeurd")
    TERUGGESTUURD = "TERUGGESTUURD", _("Teruggestuurd")


# --- freezing ---------------------------------------------------------------------------------

class _BevrorenQuerySet(models.QuerySet):
    """Refuses bulk writes that touch an issued version. ``_status_pad`` leads to Planversie.status."""

    _status_pad = "planversie__status"
    _versie_veld = "planversie_id"

    def _raakt_uitgegeven(self) -> bool:
        return self.filter(**{self._status_pad: Planstatus.UITGEGEVEN}).exists()

    def update(self, **kwargs):
        if self._raakt_uitgegeven():
            raise VersieBevroren()
        return super().update(**kwargs)

    def delete(self):
        if self._raakt_uitgegeven():
            raise VersieBevroren()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        ids = {getattr(o, self._versie_veld) for o in objs}
        if ids and _uitgegeven_versies(ids):
            raise VersieBevroren()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        pks = [o.pk for o in objs]
        if self.model._base_manager.filter(pk__in=pks, **{self._status_pad: Planstatus.UITGEGEVEN}).exists():
            raise VersieBevroren()
        ids = {getattr(o, self._versie_veld) for o in objs}
        if ids and _uitgegeven_versies(ids):
            raise VersieBevroren()
        return super().bulk_update(objs, fields, *args, **kwargs)


def _uitgegeven_versies(versie_ids) -> bool:
    return Planversie._base_manager.filter(pk__in=list(versie_ids), status=Planstatus.UITGEGEVEN).exists()


class _BevrorenOnderdeel(models.Model):
    """A row under a plan version: refuses save/delete when its version (old or new) is issued."""

    _versie_veld = "planversie_id"
    _status_pad = "planversie__status"

    class Meta:
        abstract = True

    def _versie_ids(self) -> set[int]:
        ids = {getattr(self, self._versie_veld)}
        if self.pk is not None:
            oud = type(self)._base_manager.filter(pk=self.pk).values_list(self._versie_veld, flat=True).first()
            if oud is not None:
                ids.add(oud)
        return {i for i in ids if i is not None}

    def _controleer_niet_bevroren(self) -> None:
        if _uitgegeven_versies(self._versie_ids()):
            raise VersieBevroren()

    def save(self, *args, **kwargs):
        self._controleer_niet_bevroren()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._controleer_niet_bevroren()
        return super().delete(*args, **kwargs)


# --- the plan ---------------------------------------------------------------------------------

class PlanversieQuerySet(_BevrorenQuerySet):
    _status_pad = "status"
    _versie_veld = "pk"

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if any(o.status == Planstatus.UITGEGEVEN for o in objs):
            raise VersieBevroren("Create a version as CONCEPT and issue it through the service.")
        return models.QuerySet.bulk_create(self, objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if _uitgegeven_versies([o.pk for o in objs]):
            raise VersieBevroren()
        return models.QuerySet.bulk_update(self, objs, fields, *args, **kwargs)


class Planversie(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="planversies", verbose_name=_("dossier")
    )
    versie = models.PositiveSmallIntegerField(_("versie"), validators=[MinValueValidator(1)])
    soort = models.CharField(_("soort"), max_length=20, choices=Planversiesoort.choices)
    op_hoofdlijnen = models.BooleanField(
        _("plan op hoofdlijnen"), default=False,
        help_text=_("Het eerste plan mag op hoofdlijnen zijn. Later vult u het aan met een addendum."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Planstatus.choices, default=Planstatus.CONCEPT)
    toelichting = models.TextField(
        _("toelichting"), blank=True,
        help_text=_("Bij een addendum: wat verandert er, en waarom."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    uitgegeven_op = models.DateField(_("uitgegeven op"), null=True, blank=True)
    uitgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("uitgegeven door"),
    )

    objects = PlanversieQuerySet.as_manager()

    class Meta:
        ordering = ["dossier", "versie"]
        verbose_name = _("versie van het plan van aanpak")
        verbose_name_plural = _("versies van het plan van aanpak")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "versie"], name="planversie_uniek_per_dossier"),
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(status="CONCEPT"), name="planversie_een_concept_per_dossier",
                violation_error_message=_("Er is al een conceptversie van het plan. Werk daarin verder."),
            ),
            models.CheckConstraint(
                condition=Q(status="CONCEPT") | Q(uitgegeven_op__isnull=False),
                name="planversie_uitgegeven_heeft_datum",
            ),
            models.CheckConstraint(
                condition=(Q(versie=1, soort="EERSTE_PLAN") | (Q(versie__gt=1, soort="ADDENDUM"))),
                name="planversie_soort_past_bij_versie",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} v{self.versie}"

    @property
    def is_uitgegeven(self) -> bool:
        return self.status == Planstatus.UITGEGEVEN

    def _opgeslagen_status(self) -> str | None:
        if self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()

    def save(self, *args, **kwargs):
        # The move CONCEPT -> UITGEGEVEN is the last save this row ever gets.
        if self._opgeslagen_status() == Planstatus.UITGEGEVEN:
            raise VersieBevroren()
        if self.pk is None and self.status == Planstatus.UITGEGEVEN:
            raise VersieBevroren("Create a version as CONCEPT and issue it through the service.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._opgeslagen_status() == Planstatus.UITGEGEVEN:
            raise VersieBevroren()
        return super().delete(*args, **kwargs)


class Leefgebiedsituatie(_BevrorenOnderdeel):
    planversie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="leefgebieden")
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    situatie = models.TextField(_("situatie bij aanmelding"), blank=True)
    voldoet_aan_doelstelling = models.CharField(
        _("voldoet aan de landelijke doelstelling"), max_length=10, choices=Doelstelling.choices,
        default=Doelstelling.ONBEKEND,
        help_text=_("Dit beslist u samen met de rechthebbende."),
    )
    hulpvraag = models.TextField(_("hulpvraag"), blank=True)
    zrm_start = models.PositiveSmallIntegerField(
        _("ZRM-score bij de start"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Zelfredzaamheid-Matrix: 1 (acute problemen) tot 5 (helemaal zelfredzaam). Niet verplicht."),
    )
    zrm_eind = models.PositiveSmallIntegerField(
        _("ZRM-score aan het eind"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Zelfredzaamheid-Matrix: 1 (acute problemen) tot 5 (helemaal zelfredzaam). Niet verplicht."),
    )

    objects = _BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["planversie", "id"]
        verbose_name = _("situatie per leefgebied")
        verbose_name_plural = _("situaties per leefgebied")
        constraints = [
            models.UniqueConstraint(fields=["planversie", "leefgebied"], name="leefgebiedsituatie_uniek"),
            models.CheckConstraint(
                condition=(Q(zrm_start__isnull=True) | Q(zrm_start__gte=1, zrm_start__lte=5))
                & (Q(zrm_eind__isnull=True) | Q(zrm_eind__gte=1, zrm_eind__lte=5)),
                name="leefgebiedsituatie_zrm_1_tot_5",
            ),
        ]


class Doel(_BevrorenOnderdeel):
    planversie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="doelen")
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    omschrijving = models.TextField(_("doel"))
    overgenomen_van = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = _BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["planversie", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.omschrijving


class Voorziening(_BevrorenOnderdeel):
    planversie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="voorzieningen")
    # PROTECT: a goal with provisions cannot disappear (no provision without a goal).
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="voorzieningen", verbose_name=_("doel"))
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    aard = models.CharField(_("soort voorziening"), max_length=20, choices=Aard.choices, default=Aard.IMMATERIEEL)
    vrij_toegankelijk = models.BooleanField(
        _("vrij toegankelijk"), default=False,
        help_text=_("Vrij toegankelijk, zoals het consultatiebureau: hiervoor is geen besluit nodig."),
    )
    categorie = models.CharField(_("soort kosten"), max_length=30, choices=Categorie.choices, default=Categorie.OVERIG)
    # From the sociale kaart, or free text; the text fields keep what the letter says.
    product = models.ForeignKey(
        "catalogus.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("product van de sociale kaart"),
    )
    traject = models.ForeignKey(
        "catalogus.Traject", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("traject"),
    )
    aanbieder_naam = models.CharField(_("aanbieder"), max_length=200, blank=True)
    product_naam = models.CharField(_("product"), max_length=200, blank=True)
    hoeveelheid = models.CharField(
        _("hoeveelheid of periode"), max_length=300, blank=True, help_text=_("Bijvoorbeeld: 12 gesprekken in 6 maanden.")
    )
    bedrag = models.DecimalField(
        _("bedrag in euro (inclusief btw)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Het totaalbedrag van deze voorziening. Dit bedrag bepaalt wie moet goedkeuren."),
    )
    begindatum = models.DateField(_("geplande begindatum"), null=True, blank=True)
    einddatum = models.DateField(_("geplande einddatum"), null=True, blank=True)
    # Motivation (model beleidsregels; seed 004 §3).
    belemmering = models.TextField(_("welke belemmering neemt dit weg"), blank=True)
    geschiktheid = models.TextField(_("geschiktheid: helpt dit om het doel te halen"), blank=True)
    noodzaak = models.CharField(_("noodzaak of wens"), max_length=10, choices=Noodzaak.choices, blank=True)
    noodzakelijkheid = models.TextField(_("noodzakelijkheid: waarom is dit nodig"), blank=True)
    evenredigheid = models.TextField(_("evenredigheid: past dit bij het probleem"), blank=True)
    weging_vaardigheden = models.TextField(_("vaardigheden"), blank=True)
    weging_draagkracht = models.TextField(_("financiële draagkracht"), blank=True)
    weging_huishouden = models.TextField(_("grootte en samenstelling van het huishouden"), blank=True)
    weging_duurzaamheid = models.TextField(_("duurzaamheid"), blank=True)
    weging_doel = models.TextField(_("hoe dit het doel mogelijk maakt"), blank=True)
    acute_noodsituatie = models.BooleanField(_("acute noodsituatie (bedreigende situatie)"), default=False)
    acute_noodsituatie_motivering = models.TextField(_("wat is er acuut"), blank=True)
    hardheidsclausule = models.BooleanField(_("hardheidsclausule toepassen"), default=False)
    hardheidsclausule_motivering = models.TextField(_("waarom de hardheidsclausule"), blank=True)
    # The (proposed) decision; besluitdatum is the day the version is issued.
    besluit = models.CharField(_("besluit"), max_length=20, choices=Besluit.choices, blank=True)
    reden_afwijzing = models.TextField(_("reden van afwijzing"), blank=True)
    besluitdatum = models.DateField(_("datum van het besluit"), null=True, blank=True, editable=False)
    overgenomen_van = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    ongewijzigd_overgenomen = models.BooleanField(default=False, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = _BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["planversie", "id"]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__isnull=True) | Q(bedrag__gte=0), name="voorziening_bedrag_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(begindatum__isnull=True) | Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("begindatum")),
                name="voorziening_einde_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def is_materieel(self) -> bool:
        return self.aard == Aard.MATERIEEL

    @property
    def totaalbedrag(self) -> Decimal:
        return self.bedrag or Decimal("0")


class GoedkeuringQuerySet(_BevrorenQuerySet):
    _status_pad = "voorziening__planversie__status"

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        vz = {o.voorziening_id for o in objs}
        if Voorziening._base_manager.filter(pk__in=vz, planversie__status=Planstatus.UITGEGEVEN).exists():
            raise VersieBevroren()
        return models.QuerySet.bulk_create(self, objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if self.model._base_manager.filter(
            Q(pk__in=[o.pk for o in objs]) | Q(voorziening_id__in=[o.voorziening_id for o in objs]),
            voorziening__planversie__status=Planstatus.UITGEGEVEN,
        ).exists() or Voorziening._base_manager.filter(
            pk__in=[o.voorziening_id for o in objs], planversie__status=Planstatus.UITGEGEVEN
        ).exists():
            raise VersieBevroren()
        return models.QuerySet.bulk_update(self, objs, fields, *args, **kwargs)


class Goedkeuring(models.Model):
    """A request for, and the outcome of, one approval of one provision.

    ``vervallen_op`` is set when the provision changes after the request: an approval covers
    the provision as it was.
    """

    voorziening = models.ForeignKey(Voorziening, on_delete=models.CASCADE, related_name="goedkeuringen")
    soort = models.CharField(_("soort"), max_length=20, choices=Goedkeuringsoort.choices)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gevraagd door")
    )
    gevraagd_op = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    gevraagd_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("gevraagd aan"),
    )
    uitkomst = models.CharField(
        _("uitkomst"), max_length=20, choices=Goedkeuringuitkomst.choices, default=Goedkeuringuitkomst.GEVRAAGD
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    opmerking = models.TextField(_("opmerking"), blank=True)
    op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    vervallen_op = models.DateTimeField(_("vervallen op"), null=True, blank=True)

    objects = GoedkeuringQuerySet.as_manager()

    class Meta:
        ordering = ["voorziening", "gevraagd_op", "id"]
        verbose_name = _("goedkeuring")
        verbose_name_plural = _("goedkeuringen")
        constraints = [
            # One open request per provision and kind.
            models.UniqueConstraint(
                fields=["voorziening", "soort"], condition=Q(uitkomst="GEVRAAGD", vervallen_op__isnull=True),
                name="goedkeuring_een_open_verzoek",
            ),
            models.CheckConstraint(
                condition=Q(uitkomst="GEVRAAGD") | Q(door__isnull=False, op__isnull=False),
                name="goedkeuring_uitkomst_heeft_beoordelaar",
            ),
        ]
        indexes = [
            models.Index(fields=["uitkomst", "gevraagd_aan"], name="goedkeuring_werkvoorraad"),
        ]

    def _versie_ids(self) -> set[int]:
        vz = {self.voorziening_id}
        if self.pk is not None:
            oud = type(self)._base_manager.filter(pk=self.pk).values_list("voorziening_id", flat=True).first()
            if oud is not None:
                vz.add(oud)
        return set(Voorziening._base_manager.filter(pk__in=vz).values_list("planversie_id", flat=True))

    def save(self, *args, **kwargs):
        if _uitgegeven_versies(self._versie_ids()):
            raise VersieBevroren()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if _uitgegeven_versies(self._versie_ids()):
            raise VersieBevroren()
        return super().delete(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.uitkomst == Goedkeuringuitkomst.GEVRAAGD and self.vervallen_op is None

    @property
    def telt(self) -> bool:
        """A positive approval that still covers the provision."""
        return self.uitkomst == Goedkeuringuitkomst.GOEDGEKEURD and self.vervallen_op is None
