"""Costs of brede ondersteuning, Spuk components, SiSa indicators and the yearly SiSa snapshot.

Design (issue 7)
----------------
* An issued plan version and its ``Voorziening`` rows are frozen (``plannen``); costs happen after
  the decision. So the cost of a decided provision lives here, in ``Voorzieningskosten`` (one row per
  provision decided in an issued beschikking), with ``Betaling`` rows for what was paid or invoiced.
  The committed amount (verplichting) arises when the provision is granted in an issued beschikking
  (``services.verplichtingen_vastleggen``, called by ``plannen.services.uitgeven``); a later addendum
  that changes or drops a granted provision releases it (``vrijgevallen_bedrag``).
* ``Voorzieningskosten`` also keeps the dimensions the reports group by (team, consulent, doelgroep,
  leefgebied, soort) as they were at the decision. The reports and the SiSa export then read one
  indexed table, also with a million provisions, and a later team move does not rewrite history.
* ``SpukComponent`` and ``SisaIndicator`` are reference data: the official lists change by year
  and are not fully public. The migration ships documented defaults (docs/financien.md).
* ``Organisatiekosten`` and ``CollectiefInitiatief`` hold no personal data at all.
* ``SisaJaarafsluiting``: closing a year freezes the SiSa figures (JSON + SHA-256), append-only.
  The export of a closed year reads the snapshot, so later edits never change it.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.models import Doelgroep, Leefgebied
from nieuwestart.plannen.models import Aard, Besluit


class Componentsoort(models.TextChoices):
    """What the system books on a component by itself (the beheerder picks the component per kind)."""

    VOORZIENINGEN = "VOORZIENINGEN", _("Voorzieningen voor rechthebbenden")
    SCHULDEN_KINDEREN = "SCHULDEN_KINDEREN", _("Schuldenaanpak voor kinderen uit de kindregeling")
    ORGANISATIE = "ORGANISATIE", _("Organisatiekosten (uitvoering)")
    COLLECTIEF = "COLLECTIEF", _("Collectieve initiatieven (ouderinitiatieven)")
    OVERIG = "OVERIG", _("Overig (alleen met de hand)")


class SpukComponent(models.Model):
    """A component of the Spuk (reference data, maintained by the functioneel beheerder)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    soort = models.CharField(_("wat hier op komt"), max_length=20, choices=Componentsoort.choices)
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["volgorde", "code"]
        verbose_name = _("Spuk-component")
        verbose_name_plural = _("Spuk-componenten")

    def __str__(self) -> str:
        return f"{self.code} – {self.naam}"


class Maatstaf(models.TextChoices):
    """How the system computes an indicator. The list is code; which indicators exist is data."""

    KOSTEN_COMPONENT = "KOSTEN_COMPONENT", _("Gerealiseerde kosten van een component in het jaar")
    VERPLICHTINGEN_COMPONENT = "VERPLICHTINGEN_COMPONENT", _("Aangegane verplichtingen van een component in het jaar")
    AANTAL_PLANNEN = "AANTAL_PLANNEN", _("Aantal uitgegeven eerste plannen van aanpak in het jaar")
    AANTAL_ADDENDA = "AANTAL_ADDENDA", _("Aantal uitgegeven addenda in het jaar")
    AANTAL_RECHTHEBBENDEN = "AANTAL_RECHTHEBBENDEN", _("Aantal ondersteunde rechthebbenden (met een plan) in het jaar")
    AANTAL_RECHTHEBBENDEN_DOELGROEP = "AANTAL_RECHTHEBBENDEN_DOELGROEP", _(
        "Aantal ondersteunde rechthebbenden van één doelgroep in het jaar"
    )
    AANTAL_COLLECTIEVE_INITIATIEVEN = "AANTAL_COLLECTIEVE_INITIATIEVEN", _("Aantal collectieve initiatieven in het jaar")


class SisaIndicator(models.Model):
    """One line of the SiSa accountability (reference data)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    maatstaf = models.CharField(_("berekening"), max_length=40, choices=Maatstaf.choices)
    component = models.ForeignKey(
        SpukComponent, null=True, blank=True, on_delete=models.PROTECT, related_name="indicatoren",
        verbose_name=_("component"), help_text=_("Alleen bij een berekening per component."),
    )
    doelgroep = models.CharField(
        _("doelgroep"), max_length=30, choices=Doelgroep.choices, blank=True,
        help_text=_("Alleen bij een berekening per doelgroep."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["volgorde", "code"]
        verbose_name = _("SiSa-indicator")
        verbose_name_plural = _("SiSa-indicatoren")
        constraints = [
            models.CheckConstraint(
                condition=~Q(maatstaf__in=["KOSTEN_COMPONENT", "VERPLICHTINGEN_COMPONENT"]) | Q(component__isnull=False),
                name="sisaindicator_component_bij_kosten",
                violation_error_message=_("Kies de component waarvan deze indicator de kosten telt."),
            ),
            models.CheckConstraint(
                condition=~Q(maatstaf="AANTAL_RECHTHEBBENDEN_DOELGROEP") | ~Q(doelgroep=""),
                name="sisaindicator_doelgroep_bij_doelgroep",
                violation_error_message=_("Kies de doelgroep die deze indicator telt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.omschrijving}"


class Voorzieningskosten(models.Model):
    """The cost of one provision decided in an issued beschikking (granted or refused)."""

    voorziening = models.OneToOneField(
        "plannen.Voorziening", on_delete=models.PROTECT, related_name="kosten", verbose_name=_("voorziening")
    )
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="+")
    # The dimensions at the moment of the decision (see the module docstring).
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("consulent"),
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=30, choices=Doelgroep.choices)
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    aard = models.CharField(_("soort voorziening"), max_length=20, choices=Aard.choices)
    besluit = models.CharField(_("besluit"), max_length=20, choices=Besluit.choices)
    besluitdatum = models.DateField(_("datum van het besluit"))
    jaar = models.PositiveSmallIntegerField(_("jaar van de verplichting"))
    component = models.ForeignKey(SpukComponent, on_delete=models.PROTECT, related_name="+", verbose_name=_("Spuk-component"))
    bedrag = models.DecimalField(_("bedrag in de beschikking"), max_digits=12, decimal_places=2, default=Decimal("0"))
    # Committed: the amount when granted, 0 when refused.
    toegezegd_bedrag = models.DecimalField(_("verplichting"), max_digits=12, decimal_places=2, default=Decimal("0"))
    vrijgevallen_bedrag = models.DecimalField(_("vrijgevallen"), max_digits=12, decimal_places=2, default=Decimal("0"))
    # The sum of the Betaling rows, kept by services.betaling_vastleggen in the same transaction, so the
    # reports read one table (a million provisions: no join with the payments for a total per group).
    betaald_bedrag = models.DecimalField(_("betaald"), max_digits=12, decimal_places=2, default=Decimal("0"))
    vervallen_op = models.DateField(_("vervallen op"), null=True, blank=True)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kosten van een voorziening")
        verbose_name_plural = _("kosten van voorzieningen")
        indexes = [
            # Covering indexes: the SiSa sum per component and year, and the support dashboard per leefgebied,
            # are read from the index alone (no table lookups, no sort).
            models.Index(fields=["jaar", "component", "toegezegd_bedrag"], name="vzkosten_jaar_component"),
            models.Index(fields=["leefgebied", "besluit", "aard", "toegezegd_bedrag", "vrijgevallen_bedrag", "betaald_bedrag"],
                         name="vzkosten_leefgebied_dekkend"),
            models.Index(fields=["besluitdatum", "team"], name="vzkosten_datum_team"),
            models.Index(fields=["vervallen_op", "component", "vrijgevallen_bedrag"], name="vzkosten_vervallen"),
            models.Index(fields=["team", "behandelaar", "leefgebied"], name="vzkosten_team_consulent"),
            models.Index(fields=["dossier"], name="vzkosten_dossier"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(toegezegd_bedrag__gte=0) & Q(vrijgevallen_bedrag__gte=0)
                & Q(vrijgevallen_bedrag__lte=models.F("toegezegd_bedrag")),
                name="vzkosten_bedragen_kloppen",
            ),
        ]

    @property
    def netto_verplichting(self) -> Decimal:
        return self.toegezegd_bedrag - self.vrijgevallen_bedrag


class Betaling(models.Model):
    """What was paid or invoiced for a granted provision (realised cost). A correction is a negative amount."""

    kosten = models.ForeignKey(Voorzieningskosten, on_delete=models.PROTECT, related_name="betalingen")
    # Copied from the cost record: the SiSa sum per component and year reads this table alone.
    component = models.ForeignKey(SpukComponent, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField(_("datum van betaling of factuur"))
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    bedrag = models.DecimalField(_("bedrag in euro (inclusief btw)"), max_digits=12, decimal_places=2)
    kenmerk = models.CharField(_("factuurnummer of kenmerk"), max_length=100, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        indexes = [models.Index(fields=["jaar", "component", "bedrag"], name="betaling_jaar_component")]


class Kostensoort(models.TextChoices):
    PERSONEEL = "PERSONEEL", _("Personeel (uren)")
    OVERHEAD = "OVERHEAD", _("Overhead")
    INHUUR = "INHUUR", _("Inhuur")
    OVERIG = "OVERIG", _("Overig")


class Organisatiekosten(models.Model):
    """Costs of running brede ondersteuning (staff hours, overhead), without personal data."""

    jaar = models.PositiveSmallIntegerField(_("jaar"))
    datum = models.DateField(_("datum"))
    component = models.ForeignKey(SpukComponent, on_delete=models.PROTECT, related_name="+", verbose_name=_("Spuk-component"))
    soort = models.CharField(_("soort kosten"), max_length=20, choices=Kostensoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    uren = models.DecimalField(_("uren"), max_digits=10, decimal_places=1, null=True, blank=True,
                               validators=[MinValueValidator(Decimal("0"))])
    bedrag = models.DecimalField(_("bedrag in euro (inclusief btw)"), max_digits=12, decimal_places=2)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("organisatiekosten")
        verbose_name_plural = _("organisatiekosten")


class Initiatiefsoort(models.TextChoices):
    LOTGENOTENBIJEENKOMST = "LOTGENOTENBIJEENKOMST", _("Lotgenotenbijeenkomst")
    EVENEMENT = "EVENEMENT", _("Evenement of activiteit")
    OVERIG = "OVERIG", _("Ander ouderinitiatief")


class CollectiefInitiatief(models.Model):
    """A collective initiative (ouderinitiatief), component E of Spuk B2. No personal data."""

    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=30, choices=Initiatiefsoort.choices)
    datum = models.DateField(_("datum"))
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    aantal_deelnemers = models.PositiveIntegerField(_("aantal deelnemers (ongeveer)"), null=True, blank=True)
    bedrag = models.DecimalField(_("kosten in euro (inclusief btw)"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    component = models.ForeignKey(SpukComponent, on_delete=models.PROTECT, related_name="+", verbose_name=_("Spuk-component"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("collectief initiatief")
        verbose_name_plural = _("collectieve initiatieven")


class UhtTelling(models.Model):
    """The count UHT publishes for this municipality, per year and target group (entered by hand)."""

    jaar = models.PositiveSmallIntegerField(_("jaar"))
    doelgroep = models.CharField(_("doelgroep"), max_length=30, choices=Doelgroep.choices)
    aantal = models.PositiveIntegerField(_("aantal volgens UHT"))
    bron = models.CharField(_("bron"), max_length=300, blank=True, help_text=_("Bijvoorbeeld: UHT-dashboard, peildatum."))

    class Meta:
        ordering = ["-jaar", "doelgroep"]
        verbose_name = _("telling van UHT")
        verbose_name_plural = _("tellingen van UHT")
        constraints = [models.UniqueConstraint(fields=["jaar", "doelgroep"], name="uhttelling_uniek")]


class AlleenToevoegen(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("A closed SiSa year never changes.")

    def delete(self):
        raise PermissionError("A closed SiSa year never changes.")


class SisaJaarafsluiting(models.Model):
    """The frozen SiSa figures of a closed year. Append-only; the hash shows it was not changed."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    afgesloten_op = models.DateTimeField(_("afgesloten op"))
    afgesloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    inhoud = models.JSONField(_("cijfers"))
    sha256 = models.CharField(max_length=64)

    objects = AlleenToevoegen.as_manager()

    class Meta:
        ordering = ["-jaar"]
        verbose_name = _("afgesloten SiSa-jaar")
        verbose_name_plural = _("afgesloten SiSa-jaren")

    @staticmethod
    def bereken_hash(inhoud) -> str:
        return hashlib.sha256(json.dumps(inhoud, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    @property
    def is_ongeschonden(self) -> bool:
        return self.bereken_hash(self.inhoud) == self.sha256

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A closed SiSa year never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A closed SiSa year never changes.")
