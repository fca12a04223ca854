"""The municipality's local policy choices ("lokaal in te vullen", model beleidsregels).

One row per installation: these are settings of the municipality, not code.
Later issues add fields here (letter texts, aftercare terms). Issue 5 added the mandate
thresholds (``mandaat_consulent_tot``, ``mandaat_vier_ogen_tot``; ordered, >= 0, checked in
``clean`` and by a database constraint) and ``bezwaar_instructie`` (the bezwaar clause text).

Team assignment of new registrations from portal files (issue 4)
-----------------------------------------------------------------
The functioneel beheerder chooses one ``Toewijzingswijze``; the data it needs lives in:

* ``GemeenteInstellingen.toewijzing`` (the mode), ``.toewijzing_vast_team`` (mode VAST) and
  ``.toewijzing_vangnet_team`` (mode POSTCODE: postcodes outside every area, or no postcode);
* ``Postcodegebied``: inclusive ranges of the 4-digit number part of a postcode, each to one
  team. Areas may not overlap (checked by the service under a lock on the settings row, rule
  ``POSTCODEGEBIEDEN_OVERLAPPEN_NIET``; the database checks 1000 <= van <= tot <= 9999);
* ``Rondeteam``: the teams that take turns in mode ROUND_ROBIN, in ``volgorde``;
* ``Beurtteller``: one row with how many registrations were assigned in turn so far. It is a
  row of its own (not a field on the settings) so that an import holding it locked for its
  whole transaction never blocks the beheerder saving other settings.

Postcode areas and round-robin teams are kept when the mode changes, so switching back and forth
loses nothing. With mode STANDAARD (the default: nothing configured) a registration goes to
the team of whoever imports the file. ``nieuwestart.instellingen.teamtoewijzing`` applies the rule.
Teams are ``PROTECT``ed: a team the rule uses cannot be deleted until the rule is changed.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


BEZWAAR_INSTRUCTIE_STANDAARD = (
    "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Stuur een brief aan het college van "
    "burgemeester en wethouders. Doe dat binnen de bezwaartermijn die in deze brief staat. "
    "Schrijf in de brief uw naam en adres, de datum, het kenmerk van dit besluit en waarom u het er niet "
    "mee eens bent. Zet uw handtekening onder de brief. Heeft u vragen? Bel dan uw consulent."
)


class Toewijzingswijze(models.TextChoices):
    STANDAARD = "STANDAARD", _("Naar het team van de medewerker die het bestand inleest")
    VAST = "VAST", _("Altijd naar één team")
    POSTCODE = "POSTCODE", _("Naar team op postcode")
    ROUND_ROBIN = "ROUND_ROBIN", _("Om de beurt naar een aantal teams")


class GemeenteInstellingen(models.Model):
    singleton = models.BooleanField(default=True, unique=True, editable=False)
    gemeentenaam = models.CharField(_("naam van de gemeente"), max_length=100, default="Gemeente Voorbeeld")
    gemeentecode = models.CharField(
        _("gemeentecode (CBS)"),
        max_length=4,
        default="9999",
        validators=[RegexValidator(r"^\d{4}$", _("Een gemeentecode heeft 4 cijfers, bijvoorbeeld 0363."))],
        help_text=_("De viercijferige code van het CBS, bijvoorbeeld 0363 voor Amsterdam."),
    )
    eerste_gesprek_weken = models.PositiveSmallIntegerField(
        _("termijn voor het eerste gesprek (weken)"),
        default=8,
        validators=[
            MinValueValidator(1, _("De termijn is minstens 1 week.")),
            # Awb 4:13 lid 2: after 8 weeks a reasonable term has passed in any case.
            MaxValueValidator(8, _("De termijn mag niet langer zijn dan 8 weken (Awb artikel 4:13).")),
        ],
        help_text=_(
            "Binnen hoeveel weken na de aanmelding het eerste gesprek moet plaatsvinden. "
            "De wet noemt 8 weken redelijk. Een wijziging geldt voor nieuwe aanmeldingen."
        ),
    )
    bezwaartermijn_weken = models.PositiveSmallIntegerField(
        _("bezwaartermijn (weken)"),
        default=6,
        validators=[
            MinValueValidator(6, _("De bezwaartermijn is minstens 6 weken (Awb artikel 6:7).")),
            MaxValueValidator(16, _("Kies hoogstens 16 weken.")),
        ],
        help_text=_("Hoe lang iemand bezwaar kan maken tegen een beschikking. De wet zegt 6 weken."),
    )
    bezwaar_instructie = models.TextField(
        _("zo maakt iemand bezwaar"),
        default=BEZWAAR_INSTRUCTIE_STANDAARD,
        help_text=_(
            "Deze tekst staat in elke beschikking. Schrijf waar en hoe iemand bezwaar maakt: "
            "het adres, het e-mailadres of het formulier op de website. Gebruik eenvoudige taal."
        ),
    )
    # Mandate (seed 004 §4.2): up to and including mandaat_consulent_tot the case worker decides alone;
    # above it and up to and including mandaat_vier_ogen_tot a second case worker approves;
    # above that the teamleider. See nieuwestart.plannen.mandaat.
    mandaat_consulent_tot = models.DecimalField(
        _("consulent beslist alleen tot en met (euro)"), max_digits=10, decimal_places=2,
        default=Decimal("500.00"),
        validators=[MinValueValidator(Decimal("0"), _("Een bedrag kan niet negatief zijn."))],
        help_text=_("Tot en met dit bedrag beslist de consulent zelf. Het gaat om het totaalbedrag van een voorziening."),
    )
    mandaat_vier_ogen_tot = models.DecimalField(
        _("tweede consulent keurt goed tot en met (euro)"), max_digits=10, decimal_places=2,
        default=Decimal("1500.00"),
        validators=[MinValueValidator(Decimal("0"), _("Een bedrag kan niet negatief zijn."))],
        help_text=_(
            "Boven het vorige bedrag en tot en met dit bedrag keurt een tweede consulent goed (vier ogen). "
            "Daarboven keurt de teamleider goed."
        ),
    )
    # Beëindiging and nazorg (issue 6, nieuwestart.beeindiging): local policy, not code.
    nazorg_eerste_weken = models.PositiveSmallIntegerField(
        _("eerste nazorgcontrole (weken na de overdracht)"),
        default=4,
        validators=[
            MinValueValidator(1, _("Kies minstens 1 week.")),
            MaxValueValidator(12, _("Kies hoogstens 12 weken.")),
        ],
        help_text=_(
            "Na een warme overdracht gaat de consulent na of de nieuwe hulp is begonnen. "
            "Hoeveel weken na de overdracht is de eerste controle? Gewoonlijk 4 weken."
        ),
    )
    nazorg_tweede_maanden = models.PositiveSmallIntegerField(
        _("tweede nazorgcontrole (maanden na de overdracht)"),
        default=3,
        validators=[
            MinValueValidator(1, _("Kies minstens 1 maand.")),
            MaxValueValidator(12, _("Kies hoogstens 12 maanden.")),
        ],
        help_text=_("Hoeveel maanden na de overdracht is de tweede controle? Gewoonlijk 3 maanden."),
    )
    contactpogingen_minimaal = models.PositiveSmallIntegerField(
        _("contactpogingen voordat de ondersteuning stopt wegens geen reactie"),
        default=3,
        validators=[
            MinValueValidator(2, _("Kies minstens 2 pogingen.")),
            MaxValueValidator(10, _("Kies hoogstens 10 pogingen.")),
        ],
        help_text=_(
            "Reageert iemand niet meer? Dan stopt de ondersteuning pas na zoveel pogingen om contact te krijgen, "
            "op minstens twee manieren en met minstens één brief of e-mail."
        ),
    )
    toewijzing = models.CharField(
        _("hoe nieuwe aanmeldingen een team krijgen"),
        max_length=20,
        choices=Toewijzingswijze.choices,
        default=Toewijzingswijze.STANDAARD,
    )
    toewijzing_vast_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("team voor alle nieuwe aanmeldingen"),
    )
    toewijzing_vangnet_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("team voor postcodes buiten de gebieden"),
        help_text=_("Voor een postcode die in geen enkel gebied valt, of als de postcode ontbreekt."),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("instellingen van de gemeente")
        verbose_name_plural = _("instellingen van de gemeente")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mandaat_consulent_tot__gte=0, mandaat_vier_ogen_tot__gte=models.F("mandaat_consulent_tot")),
                name="instellingen_mandaatgrenzen_oplopend",
            ),
        ]

    def clean(self):
        super().clean()
        laag, hoog = self.mandaat_consulent_tot, self.mandaat_vier_ogen_tot
        if laag is not None and hoog is not None and hoog < laag:
            raise ValidationError({
                "mandaat_vier_ogen_tot": _(
                    "Dit bedrag moet gelijk zijn aan of hoger zijn dan het bedrag waarover de consulent alleen beslist."
                )
            })

    def __str__(self) -> str:
        return str(self.gemeentenaam)


POSTCODE_MIN, POSTCODE_MAX = 1000, 9999
_postcodecijfers = [
    MinValueValidator(POSTCODE_MIN, _("Een postcode begint met vier cijfers, van 1000 tot en met 9999.")),
    MaxValueValidator(POSTCODE_MAX, _("Een postcode begint met vier cijfers, van 1000 tot en met 9999.")),
]


class Postcodegebied(models.Model):
    """Postcodes whose number part lies in ``van``–``tot`` (both inclusive) go to ``team``."""

    van = models.PositiveSmallIntegerField(_("van postcode"), validators=_postcodecijfers)
    tot = models.PositiveSmallIntegerField(_("tot en met postcode"), validators=_postcodecijfers)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))

    class Meta:
        ordering = ["van"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        constraints = [
            models.UniqueConstraint(fields=["van"], name="postcodegebied_van_uniek"),
            models.CheckConstraint(
                condition=models.Q(van__gte=POSTCODE_MIN, van__lte=models.F("tot"), tot__lte=POSTCODE_MAX),
                name="postcodegebied_van_tot_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van}–{self.tot}"


class Rondeteam(models.Model):
    """A team that takes its turn in mode ROUND_ROBIN, at place ``volgorde``."""

    team = models.OneToOneField("accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))

    class Meta:
        ordering = ["volgorde", "team__naam"]
        verbose_name = _("team in de beurtverdeling")
        verbose_name_plural = _("teams in de beurtverdeling")

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.team}"


class Beurtteller(models.Model):
    """How many registrations were assigned in turn so far; the next turn is ``aantal % len(teams)``.

    The import locks this row (``select_for_update``) for its whole transaction, so two imports
    never take the same turn.
    """

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    aantal = models.PositiveBigIntegerField(_("aantal toegewezen om de beurt"), default=0)

    class Meta:
        verbose_name = _("beurtteller")
        verbose_name_plural = _("beurttellers")
