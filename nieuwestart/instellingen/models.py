"""The municipality's local policy choices ("lokaal in te vullen", model beleidsregels).

One row per installation: these are settings of the municipality, not code.
Later issues add fields here (mandate thresholds, letter texts, aftercare terms).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("instellingen van de gemeente")
        verbose_name_plural = _("instellingen van de gemeente")

    def __str__(self) -> str:
        return str(self.gemeentenaam)
