"""Special groups and chain partners (Handreiking §4.6 and §6).

* ``OverledenAanvrager``: the deceased applicant a NABESTAANDE dossier belongs to; the deceased may be a
  ``Rechthebbende`` in this system or only known by name, BSN and date of death.
* ``Driegesprek``: a joint meeting of rechthebbende, UHT's persoonlijk zaakbehandelaar (PZB) and the
  case worker: requested → planned → held (with outcome).
* ``Verwijzing`` with ``Contactmoment``en: a referral to a chain partner (Ondersteuningsteam
  Uithuisplaatsingen, Ondersteuningsteam Buitenland, SBN, the municipality as collector of public debts,
  the additional debt-relief offer for kindregeling children), its contacts and outcome.

Every write goes through ``services.py`` and also appends a dossier event, so the timeline shows it and
terms (SBN half year, kindregeling year) are computed from events by the terms engine.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.bsn import maskeer_bsn, valideer_bsn
from nieuwestart.dossiers.models import Contactkanaal


class RelatieTotOverledene(models.TextChoices):
    PARTNER = "PARTNER", _("Partner of toeslagpartner")
    KIND = "KIND", _("Kind")
    OUDER = "OUDER", _("Ouder")
    ANDERS = "ANDERS", _("Andere nabestaande")


class Nabestaandenhulp(models.TextChoices):
    """Help survivors often need (Handreiking §4.6); the provision itself goes in the plan van aanpak."""

    NOTARIS = "NOTARIS", _("Notaris: nalatenschap goed verdelen")
    EXECUTEUR = "EXECUTEUR", _("Executeur of hulp bij afwikkelen nalatenschap")
    ROUW = "ROUW", _("Rouwverwerking of psychische hulp")
    FINANCIEN = "FINANCIEN", _("Financiën op orde na het overlijden")
    PZB_NABESTAANDEN = "PZB_NABESTAANDEN", _("Contact met de Persoonlijk Zaakbehandelaar Nabestaanden van UHT")
    IPW_TOTAALAANPAK = "IPW_TOTAALAANPAK", _("Totaalaanpak via het IPW")


class OverledenAanvrager(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="overleden_aanvrager", verbose_name=_("dossier")
    )
    # The deceased when they are a rechthebbende in this system (their own dossier stays as it is).
    # SET_NULL: when the retention rule destroys the deceased's own data, the copied name stays here.
    rechthebbende = models.ForeignKey(
        "dossiers.Rechthebbende", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("overleden rechthebbende"),
    )
    naam = models.CharField(_("naam van de overledene"), max_length=300)
    bsn = models.CharField(_("BSN van de overledene"), max_length=9, blank=True, validators=[valideer_bsn])
    overlijdensdatum = models.DateField(_("datum van overlijden"))
    aangemeld_bij_uht_op = models.DateField(
        _("aangemeld bij UHT op"), null=True, blank=True,
        help_text=_("De dag waarop de overledene zich bij UHT aanmeldde als mogelijk gedupeerde. Leeg als dat niet bekend is."),
    )
    relatie = models.CharField(_("relatie tot de overledene"), max_length=20, choices=RelatieTotOverledene.choices)
    ondersteuning = models.JSONField(_("hulp die nodig is"), default=list, blank=True)
    # The outcome of beleid.regels.nabestaande_behoudt_recht when linked (kept so the page need not recompute).
    recht_behouden = models.BooleanField(_("gezin houdt het recht"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overleden aanvrager")
        verbose_name_plural = _("overleden aanvragers")

    def __str__(self) -> str:
        return self.naam

    @property
    def gemaskeerd_bsn(self) -> str:
        return maskeer_bsn(self.bsn) if self.bsn else ""

    @property
    def ondersteuning_labels(self) -> list[str]:
        return [str(Nabestaandenhulp(c).label) for c in self.ondersteuning if c in Nabestaandenhulp.values]


class Initiatiefnemer(models.TextChoices):
    GEMEENTE = "GEMEENTE", _("De gemeente")
    UHT = "UHT", _("UHT (persoonlijk zaakbehandelaar)")
    RECHTHEBBENDE = "RECHTHEBBENDE", _("De rechthebbende")


class Gespreksvorm(models.TextChoices):
    FYSIEK = "FYSIEK", _("Op locatie")
    ONLINE = "ONLINE", _("Online")


class Driegesprek(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="driegesprekken")
    initiatief = models.CharField(_("wie nam het initiatief"), max_length=20, choices=Initiatiefnemer.choices)
    aangevraagd_op = models.DateField(_("aangevraagd op"))
    zaakbehandelaar_uht = models.CharField(
        _("persoonlijk zaakbehandelaar (PZB) van UHT"), max_length=200, blank=True,
        help_text=_("Naam van de zaakbehandelaar van UHT. UHT deelt die via beveiligde mail."),
    )
    onderwerpen = models.TextField(_("onderwerpen"), help_text=_("Wat willen de deelnemers bespreken? Verzamel dit vooraf."))
    gepland_op = models.DateField(_("gepland op"), null=True, blank=True)
    vorm = models.CharField(_("vorm"), max_length=10, choices=Gespreksvorm.choices, blank=True)
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    uitkomst = models.TextField(_("uitkomst en afspraken"), blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["aangevraagd_op", "id"]
        verbose_name = _("driegesprek")
        verbose_name_plural = _("driegesprekken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gehouden_op__isnull=True) | ~models.Q(uitkomst=""),
                name="driegesprek_gehouden_met_uitkomst",
            )
        ]

    @property
    def stand(self) -> str:
        if self.gehouden_op:
            return str(_("Gehouden"))
        if self.gepland_op:
            return str(_("Gepland"))
        return str(_("Aangevraagd"))


class Ketenpartner(models.TextChoices):
    OT_UITHUISPLAATSINGEN = "OT_UITHUISPLAATSINGEN", _("Ondersteuningsteam Uithuisplaatsingen")
    OT_BUITENLAND = "OT_BUITENLAND", _("Ondersteuningsteam Buitenland")
    SBN = "SBN", _("Sociale Banken Nederland (private schulden)")
    GEMEENTE_INVORDERING = "GEMEENTE_INVORDERING", _("Gemeente als invorderaar (publieke schulden)")
    KINDREGELING_SCHULDHULP = "KINDREGELING_SCHULDHULP", _("Extra schuldhulp kindregeling")


class Invorderingsmaatregel(models.TextChoices):
    PAUZEREN = "PAUZEREN", _("Invordering pauzeren")
    KWIJTSCHELDEN = "KWIJTSCHELDEN", _("Schulden kwijtschelden")


class VerwijzingUitkomst(models.TextChoices):
    HULP_GESTART = "HULP_GESTART", _("De ketenpartner helpt")
    AFGEHANDELD = "AFGEHANDELD", _("Afgehandeld")
    NIET_NODIG = "NIET_NODIG", _("Niet nodig gebleken")
    GEWEIGERD = "GEWEIGERD", _("De rechthebbende wilde het niet")


class Verwijzing(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="verwijzingen")
    partner = models.CharField(_("ketenpartner"), max_length=30, choices=Ketenpartner.choices)
    datum = models.DateField(_("verwezen op"))
    contactpersoon = models.CharField(_("contactpersoon bij de ketenpartner"), max_length=200, blank=True)
    reden = models.TextField(_("waarom deze verwijzing"))
    # SBN: the half year to submit private debts runs from recognition by UHT.
    erkenningsdatum = models.DateField(_("erkend door UHT op"), null=True, blank=True)
    ingediend_op = models.DateField(_("private schulden ingediend op"), null=True, blank=True)
    # The municipality as collector of public debts.
    maatregel = models.CharField(_("wat doet de gemeente"), max_length=20, choices=Invorderingsmaatregel.choices, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=VerwijzingUitkomst.choices, blank=True)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    uitkomst_toelichting = models.TextField(_("toelichting op de uitkomst"), blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(uitkomst="") & models.Q(afgerond_op__isnull=True))
                | (~models.Q(uitkomst="") & models.Q(afgerond_op__isnull=False)),
                name="verwijzing_uitkomst_met_datum",
            )
        ]

    @property
    def is_afgerond(self) -> bool:
        return bool(self.uitkomst)

    @property
    def is_sbn(self) -> bool:
        return self.partner == Ketenpartner.SBN


class Contactmoment(models.Model):
    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.CASCADE, related_name="contacten")
    datum = models.DateField(_("datum"))
    kanaal = models.CharField(_("hoe"), max_length=20, choices=Contactkanaal.choices)
    verslag = models.TextField(_("wat is besproken"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
