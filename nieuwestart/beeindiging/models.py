"""The end of brede ondersteuning: Beëindiging, the afbouw checklist, contact attempts, Warme overdracht and Nazorg.

Status changes of the dossier go through ``dossiers.transitions``; these models keep what the case worker
recorded along the way. Facts that drive terms (a handover, an aftercare check) are also dossier events, so
the terms engine derives the aftercare checkpoints from them (``termijnen/regels.py``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.models import Contactkanaal, Leefgebied


class Beeindigingsreden(models.TextChoices):
    """Why support ends (Handreiking §4.4; model beleidsregels)."""

    NIET_ERKEND = "NIET_ERKEND", _("UHT heeft de aanvrager niet erkend (afbouw binnen 30 dagen)")
    DOELEN_BEREIKT = "DOELEN_BEREIKT", _("De doelen van het plan zijn bereikt")
    TWEE_JAAR_VERSTREKEN = "TWEE_JAAR_VERSTREKEN", _("Twee jaar na het eerste gesprek")
    GEEN_BEHOEFTE_MEER = "GEEN_BEHOEFTE_MEER", _("De rechthebbende wil geen ondersteuning meer")
    GEEN_CONTACT = "GEEN_CONTACT", _("Geen gebruik van de ondersteuning en geen reactie op een oproep")
    VERHUISD = "VERHUISD", _("Verhuisd naar een andere gemeente")
    OVERLEDEN = "OVERLEDEN", _("De rechthebbende is overleden")


# A written beschikking (with bezwaarclausule) where ending changes the person's legal position.
# Not after death (nobody to address; the household's own right is a survivors' dossier) and not
# after a move (the right continues in the new municipality, which takes the dossier over).
MET_BESCHIKKING = frozenset({
    Beeindigingsreden.NIET_ERKEND, Beeindigingsreden.DOELEN_BEREIKT, Beeindigingsreden.TWEE_JAAR_VERSTREKEN,
    Beeindigingsreden.GEEN_BEHOEFTE_MEER, Beeindigingsreden.GEEN_CONTACT,
})


class Beeindiging(models.Model):
    """The end of support of one dossier: reason, date and (where needed) the beëindigingsbeschikking."""

    # CASCADE only serves the retention purge (bewaartermijnen), which removes a dossier with all it holds.
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="beeindiging", verbose_name=_("dossier")
    )
    reden = models.CharField(_("reden"), max_length=30, choices=Beeindigingsreden.choices)
    einddatum = models.DateField(_("einddatum van de ondersteuning"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    # DOELEN_BEREIKT: per leefgebied "BEREIKT" or "OVERGEDRAGEN" as established when ending.
    leefgebieden = models.JSONField(_("leefgebieden bij het einde"), default=dict, blank=True)
    nieuwe_gemeente = models.CharField(_("nieuwe gemeente"), max_length=100, blank=True)
    overlijdensdatum = models.DateField(_("datum van overlijden"), null=True, blank=True)
    # Handreiking §4.6: when the parent dies after registering, the family keeps its right.
    huishouden_gaat_door = models.BooleanField(_("het gezin houdt recht op ondersteuning"), default=False)
    beschikking = models.OneToOneField(
        "beschikkingen.Beschikking", null=True, blank=True, on_delete=models.RESTRICT, related_name="beeindiging",
        verbose_name=_("beëindigingsbeschikking"),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    # Closing (afsluiten) without (complete) aftercare needs a reason (rule AFSLUITEN_NA_NAZORG).
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    reden_zonder_nazorg = models.TextField(_("waarom geen (verdere) nazorg"), blank=True)

    class Meta:
        verbose_name = _("beëindiging")
        verbose_name_plural = _("beëindigingen")
        indexes = [models.Index(fields=["reden", "einddatum"], name="beeindiging_reden_datum")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.reden}"

    @property
    def met_beschikking(self) -> bool:
        return self.reden in MET_BESCHIKKING


class Afbouwstapsoort(models.TextChoices):
    """What the case worker does during the acclimatisatiefase (Handreiking §4.4)."""

    GESPREK_VERVOLGHULP = "GESPREK_VERVOLGHULP", _("Gesprek gevoerd over welke hulp hierna nodig is")
    HERSTART_INVORDERING = "HERSTART_INVORDERING", _(
        "Voorbereid op de herstart van de invordering door publieke schuldeisers"
    )
    DOORVERWIJZING_SCHULDHULP = "DOORVERWIJZING_SCHULDHULP", _(
        "Doorverwezen naar de reguliere schuldhulpverlening (of vastgelegd waarom dat niet nodig is)"
    )


class Afbouwstap(models.Model):
    """One ticked step of the afbouw checklist; written once."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="afbouwstappen")
    stap = models.CharField(_("stap"), max_length=30, choices=Afbouwstapsoort.choices)
    datum = models.DateField(_("gedaan op"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("stap in de afbouw")
        verbose_name_plural = _("stappen in de afbouw")
        constraints = [models.UniqueConstraint(fields=["dossier", "stap"], name="afbouwstap_eenmaal")]


class Contactuitkomst(models.TextChoices):
    GEEN_REACTIE = "GEEN_REACTIE", _("Geen reactie")
    BEREIKT = "BEREIKT", _("Contact gehad")


class Contactpoging(models.Model):
    """A documented attempt to reach the rechthebbende (needed before ending for 'geen reactie')."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="contactpogingen")
    datum = models.DateField(_("datum"))
    kanaal = models.CharField(_("hoe"), max_length=20, choices=Contactkanaal.choices)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Contactuitkomst.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")


class Ontvanger(models.TextChoices):
    """The regular service that takes over (Handreiking §4.4-4.5)."""

    WMO = "WMO", _("Wmo (maatschappelijke ondersteuning)")
    JEUGDWET = "JEUGDWET", _("Jeugdwet (jeugdhulp)")
    PARTICIPATIEWET = "PARTICIPATIEWET", _("Participatiewet (werk en inkomen)")
    SCHULDHULPVERLENING = "SCHULDHULPVERLENING", _("Schuldhulpverlening")
    ANDERS = "ANDERS", _("Ander team of andere organisatie")


class Overdrachtstatus(models.TextChoices):
    VOORGESTELD = "VOORGESTELD", _("Voorgesteld")
    OVERGEDRAGEN = "OVERGEDRAGEN", _("Overgedragen")
    GESTART = "GESTART", _("Hulp gestart")
    NIET_GESTART = "NIET_GESTART", _("Hulp niet gestart")


class WarmeOverdracht(models.Model):
    """A handover of one leefgebied to a regular service. Handing over counts as reaching that goal (§4.4)."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="warme_overdrachten")
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    ontvanger = models.CharField(_("naar welke dienst"), max_length=30, choices=Ontvanger.choices)
    aanbieder = models.ForeignKey(
        "catalogus.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organisatie uit de sociale kaart"),
    )
    organisatie = models.CharField(
        _("team of organisatie"), max_length=200, blank=True,
        help_text=_("Als de organisatie niet in de sociale kaart staat, bijvoorbeeld 'Team Wmo gemeente'."),
    )
    contactpersoon = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contactgegevens = models.CharField(_("telefoon of e-mail van de contactpersoon"), max_length=200, blank=True)
    wat_overgedragen = models.TextField(_("wat is overgedragen"), blank=True)
    toestemming = models.BooleanField(_("de rechthebbende is akkoord met het delen van gegevens"), default=False)
    datum = models.DateField(_("datum van de overdracht"), null=True, blank=True)
    status = models.CharField(
        _("stand"), max_length=20, choices=Overdrachtstatus.choices, default=Overdrachtstatus.VOORGESTELD
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangemaakt door")
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["aangemaakt_op", "id"]
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")

    def __str__(self) -> str:
        return f"{self.get_leefgebied_display()} → {self.ontvanger_naam}"

    @property
    def ontvanger_naam(self) -> str:
        naam = self.aanbieder.naam if self.aanbieder_id else self.organisatie
        return naam or str(self.get_ontvanger_display())

    @property
    def is_overgedragen(self) -> bool:
        """Handed over (also when the help started or turned out not to start): aftercare runs."""
        return self.status != Overdrachtstatus.VOORGESTELD

    @property
    def telt_als_doel_bereikt(self) -> bool:
        return self.status in (Overdrachtstatus.OVERGEDRAGEN, Overdrachtstatus.GESTART)


class Controlemoment(models.TextChoices):
    EERSTE = "EERSTE", _("Eerste controle")
    TWEEDE = "TWEEDE", _("Tweede controle")


class Controleuitkomst(models.TextChoices):
    GESTART = "GESTART", _("De hulp is gestart")
    NOG_NIET_GESTART = "NOG_NIET_GESTART", _("De hulp is nog niet gestart, maar komt eraan")
    NIET_GESTART = "NIET_GESTART", _("De hulp start niet")


class Nazorgcontrole(models.Model):
    """One aftercare check of a handover: did the regular help start? Written once per moment."""

    overdracht = models.ForeignKey(WarmeOverdracht, on_delete=models.CASCADE, related_name="controles")
    moment = models.CharField(_("moment"), max_length=10, choices=Controlemoment.choices)
    datum = models.DateField(_("datum"))
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Controleuitkomst.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("nazorgcontrole")
        verbose_name_plural = _("nazorgcontroles")
        constraints = [models.UniqueConstraint(fields=["overdracht", "moment"], name="nazorgcontrole_eenmaal")]
