"""Rechthebbende, Huishouden, Dossier and the dossier's append-only event log.

A Dossier is one support episode of one rechthebbende (glossary, domain.md). Its
status changes only through ``transitions.py``; every change is an event in
``DossierGebeurtenis``, and the terms in ``nieuwestart.termijnen`` are derived from
those events.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nieuwestart.common.bsn import maskeer_bsn, valideer_bsn

from .gebeurtenissen import GebeurtenisSoort


class Doelgroep(models.TextChoices):
    """The five target groups of Wht art. 2.21 (Handreiking §2.2)."""

    AANGEMELDE_AANVRAGER = "AANGEMELDE_AANVRAGER", _("Aangemelde aanvrager zonder eindbeoordeling")
    ERKENDE_OUDER = "ERKENDE_OUDER", _("Erkend gedupeerde ouder")
    ERKENDE_EX_PARTNER = "ERKENDE_EX_PARTNER", _("Erkend gedupeerde ex-toeslagpartner")
    KIND_KINDREGELING = "KIND_KINDREGELING", _("Kind dat de kindregeling ontving")
    NABESTAANDE = "NABESTAANDE", _("Erkende nabestaande van een overleden aanvrager")


class Leefgebied(models.TextChoices):
    """The five life domains with their national goal (Handreiking §3.2)."""

    WONEN = "WONEN", _("Wonen")
    FINANCIEN = "FINANCIEN", _("Financiën")
    GEZIN = "GEZIN", _("Gezin")
    WERK = "WERK", _("Werk")
    ZORG = "ZORG", _("Zorg")


DOELSTELLINGEN = {
    Leefgebied.WONEN: _("Passende woning: een veilige en betaalbare plek om te wonen."),
    Leefgebied.FINANCIEN: _("Financieel vaardig en in balans: een gezond huishoudboekje dat blijft."),
    Leefgebied.GEZIN: _("Veilige leefomgeving: veilig wonen en opgroeien, kinderen kunnen zich ontwikkelen."),
    Leefgebied.WERK: _("Werkzekerheid: minstens een startkwalificatie of blijvend meedoen in werk."),
    Leefgebied.ZORG: _("Positieve gezondheid: lichamelijk en geestelijk welzijn."),
}


class Contactkanaal(models.TextChoices):
    TELEFOON = "TELEFOON", _("Telefoon")
    EMAIL = "EMAIL", _("E-mail")
    POST = "POST", _("Brief per post")
    BEZOEK = "BEZOEK", _("Huisbezoek of afspraak")


def naam_uit_delen(voornamen: str, tussenvoegsel: str, achternaam: str) -> str:
    """"Eva de Vries": the parts that are filled in, with one space between them."""
    return " ".join(p for p in (voornamen, tussenvoegsel, achternaam) if p)


class Rechthebbende(models.Model):
    """The person entitled to brede ondersteuning."""

    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[valideer_bsn])
    voornamen = models.CharField(_("voornamen"), max_length=200)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    voorkeurskanaal = models.CharField(
        _("voorkeur voor contact"), max_length=20, choices=Contactkanaal.choices, default=Contactkanaal.TELEFOON
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rechthebbende")
        verbose_name_plural = _("rechthebbenden")
        indexes = [models.Index(fields=["achternaam"], name="rechthebbende_achternaam")]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return naam_uit_delen(self.voornamen, self.tussenvoegsel, self.achternaam)

    @property
    def gemaskeerd_bsn(self) -> str:
        return maskeer_bsn(self.bsn)


class DossierStatus(models.TextChoices):
    """The lifecycle of a dossier, in order. Moves only via ``transitions.py``."""

    AANGEMELD = "AANGEMELD", _("Aangemeld")
    GEVERIFIEERD = "GEVERIFIEERD", _("Geverifieerd")
    EERSTE_GESPREK_GEVOERD = "EERSTE_GESPREK_GEVOERD", _("Eerste gesprek gevoerd")
    PLAN_VASTGESTELD = "PLAN_VASTGESTELD", _("Plan vastgesteld")
    AFBOUW = "AFBOUW", _("Afbouw")
    BEEINDIGD = "BEEINDIGD", _("Beëindigd")
    NAZORG = "NAZORG", _("Nazorg")
    AFGESLOTEN = "AFGESLOTEN", _("Afgesloten")


class Aanmeldingsbron(models.TextChoices):
    DIRECT = "DIRECT", _("Directe aanmelding bij de gemeente")
    GEGEVENSPORTAAL = "GEGEVENSPORTAAL", _("Lijst uit het Gegevensportaal")


class DossierQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=DossierStatus.AFGESLOTEN)


class Dossier(models.Model):
    dossiernummer = models.CharField(_("dossiernummer"), max_length=20, unique=True)
    rechthebbende = models.ForeignKey(
        Rechthebbende, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("rechthebbende")
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=30, choices=Doelgroep.choices)
    status = models.CharField(_("status"), max_length=30, choices=DossierStatus.choices, default=DossierStatus.AANGEMELD)
    bron = models.CharField(_("aanmelding via"), max_length=20, choices=Aanmeldingsbron.choices)
    aanmelddatum = models.DateField(_("datum van aanmelding"))
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        verbose_name=_("consulent"),
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("team"))
    # Derived by the terms engine from the events (nieuwestart.termijnen.services);
    # kept here so the worklist sorts 200k dossiers on an index.
    volgende_termijn_einddatum = models.DateField(null=True, blank=True, editable=False)
    volgende_termijn_regel = models.CharField(max_length=40, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["rechthebbende", "doelgroep"],
                condition=~Q(status="AFGESLOTEN"),
                name="een_open_dossier_per_rechthebbende_en_doelgroep",
                violation_error_message=_("Deze persoon heeft al een open dossier voor deze doelgroep."),
            )
        ]
        indexes = [
            # "Mijn dossiers" filters on behandelaar AND the user's team (access), so both lead the index.
            models.Index(fields=["behandelaar", "team", "volgende_termijn_einddatum"], name="werkvoorraad_behandelaar"),
            models.Index(fields=["team", "volgende_termijn_einddatum"], name="werkvoorraad_team"),
            # The worklist filters (status, doelgroep) must not read a whole team to count a page.
            models.Index(fields=["team", "status", "volgende_termijn_einddatum"], name="werkvoorraad_team_status"),
            models.Index(fields=["team", "doelgroep", "volgende_termijn_einddatum"], name="werkvoorraad_team_doelgroep"),
            # The API lists page by id within the user's teams (cursor pagination); with a status filter
            # this index finds a page without reading the team's other dossiers (issue 8).
            models.Index(fields=["team", "status", "id"], name="api_team_status_id"),
            # Without a filter: the page is the next 51 entries of this index, not a walk along the primary
            # key that skips the other teams' dossiers (0.7 ms → 0.1 ms on the national set).
            models.Index(fields=["team", "id"], name="api_team_id"),
        ]

    def __str__(self) -> str:
        return self.dossiernummer


class Huishouden(models.Model):
    """The household as at the moment of the aanvraag (the peildatum); it does not follow later changes."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="huishouden")
    peildatum = models.DateField(_("samenstelling op"))

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")


class Relatie(models.TextChoices):
    PARTNER = "PARTNER", _("Partner")
    KIND = "KIND", _("Kind")
    PLEEGKIND = "PLEEGKIND", _("Pleegkind")
    OVERIG = "OVERIG", _("Ander gezinslid")


class Gezinslid(models.Model):
    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="leden")
    voornamen = models.CharField(_("voornamen"), max_length=200)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    relatie = models.CharField(_("relatie"), max_length=20, choices=Relatie.choices)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[valideer_bsn])
    inwonend = models.BooleanField(_("woont thuis"), default=True)

    class Meta:
        ordering = ["geboortedatum", "id"]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")

    def __str__(self) -> str:
        return f"{self.voornamen} {self.achternaam}"


class AppendOnlyQuerySet(models.QuerySet):
    """The event log never changes: bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise PermissionError("The dossier event log is append-only.")

    def delete(self):
        raise PermissionError("The dossier event log is append-only.")


class DossierGebeurtenis(models.Model):
    """One fact in a dossier's history. Append-only: written once, never changed."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="gebeurtenissen")
    soort = models.CharField(_("soort"), max_length=40, choices=GebeurtenisSoort.choices)
    # The legal date of the fact (terms run from it); vastgelegd_op is when it was recorded.
    datum = models.DateField(_("datum"))
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    gegevens = models.JSONField(default=dict, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        indexes = [
            models.Index(fields=["dossier", "datum", "id"], name="gebeurtenis_tijdlijn"),
            # Reports ask "which dossiers had event X before date Y" (e.g. support ended before the
            # SiSa year): without it that is a scan of every event.
            models.Index(fields=["soort", "datum"], name="gebeurtenis_soort_datum"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The dossier event log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The dossier event log is append-only.")

    @property
    def soort_label(self) -> str:
        # Cheaper than get_soort_display() on a long timeline (it resolves choices per call).
        return str(GebeurtenisSoort(self.soort).label)


class VerificatieUitkomst(models.TextChoices):
    BEVESTIGD = "BEVESTIGD", _("Bevestigd")
    NIET_BEVESTIGD = "NIET_BEVESTIGD", _("Niet bevestigd")
    ONBEKEND = "ONBEKEND", _("Onbekend bij UHT")


class Verificatie(models.Model):
    """A check of the entitlement with the UHT Serviceteam gemeenten (Handreiking §4.1)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="verificaties")
    datum = models.DateField(_("datum van verificatie"))
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uitgevoerd door")
    )
    contactpersoon_uht = models.CharField(_("contactpersoon bij UHT"), max_length=200, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=VerificatieUitkomst.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("verificatie")
        verbose_name_plural = _("verificaties")


class EersteGesprek(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="eerste_gesprek")
    datum = models.DateField(_("datum van het eerste gesprek"))
    gevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gevoerd door")
    )
    aanwezigen = models.CharField(
        _("wie waren erbij"), max_length=300, blank=True, help_text=_("Bijvoorbeeld: ouder, partner, tolk.")
    )
    acute_situatie = models.BooleanField(_("acute situatie"), default=False)
    acute_toelichting = models.TextField(_("wat is er acuut"), blank=True)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eerste gesprek")
        verbose_name_plural = _("eerste gesprekken")


class Hulpvraag(models.Model):
    eerste_gesprek = models.ForeignKey(EersteGesprek, on_delete=models.CASCADE, related_name="hulpvragen")
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    omschrijving = models.TextField(_("hulpvraag"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["eerste_gesprek", "leefgebied"], name="een_hulpvraag_per_leefgebied")
        ]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")


class Dossiernummering(models.Model):
    """Counter per year for readable dossier numbers (NS-2026-000123)."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)
