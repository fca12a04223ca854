"""What the API shows and accepts. Output names follow the screens and the glossary (Dutch);
input is checked for shape here, and every rule is left to the same services the screens call."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from nieuwestart.aanmeldingen.models import Fase, ImportDoel, Importopdracht
from nieuwestart.beeindiging.models import (
    Afbouwstapsoort, Beeindigingsreden, Contactuitkomst, Controlemoment, Controleuitkomst, Ontvanger, Overdrachtstatus,
)
from nieuwestart.beschikkingen.models import BeschikkingSoort, BezwaarUitkomst
from nieuwestart.common.bsn import is_geldig_bsn, normaliseer_bsn
from nieuwestart.dossiers.models import (
    Aanmeldingsbron, Contactkanaal, Doelgroep, DossierStatus, Leefgebied, Relatie, VerificatieUitkomst, naam_uit_delen,
)
from nieuwestart.plannen.models import Aard, Besluit, Categorie, Planstatus, Planversiesoort
from nieuwestart.termijnen.engine import TermijnStatus


class TeamSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()


class RechthebbendeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bsn = serializers.CharField(help_text=_("Burgerservicenummer (9 cijfers)."))
    voornamen = serializers.CharField()
    tussenvoegsel = serializers.CharField(allow_blank=True)
    achternaam = serializers.CharField()
    geboortedatum = serializers.DateField()
    telefoonnummer = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True, help_text=_("E-mailadres"))
    straat = serializers.CharField(allow_blank=True)
    huisnummer = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_blank=True)
    woonplaats = serializers.CharField(allow_blank=True)
    voorkeurskanaal = serializers.ChoiceField(choices=Contactkanaal.choices)


class RechthebbendeKortSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bsn = serializers.CharField()
    naam = serializers.CharField(source="volledige_naam")


class VolgendeTermijnSerializer(serializers.Serializer):
    regel = serializers.CharField(source="volgende_termijn_regel", help_text=_("Code van de termijn"))
    einddatum = serializers.DateField(source="volgende_termijn_einddatum")


class DossierLijstSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossiernummer = serializers.CharField(help_text=_("Bijvoorbeeld NS-2026-000123"))
    status = serializers.ChoiceField(choices=DossierStatus.choices)
    doelgroep = serializers.ChoiceField(choices=Doelgroep.choices)
    bron = serializers.ChoiceField(choices=Aanmeldingsbron.choices, help_text=_("Hoe de persoon zich aanmeldde"))
    aanmelddatum = serializers.DateField()
    team = TeamSerializer()
    behandelaar = serializers.SerializerMethodField(help_text=_("Gebruikersnaam van de consulent"))
    rechthebbende = RechthebbendeKortSerializer()
    volgende_termijn = serializers.SerializerMethodField()
    gewijzigd_op = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_behandelaar(self, obj):
        return obj.behandelaar.username if obj.behandelaar_id else None

    @extend_schema_field(VolgendeTermijnSerializer(allow_null=True))
    def get_volgende_termijn(self, obj):
        return VolgendeTermijnSerializer(obj).data if obj.volgende_termijn_einddatum else None


# The dossier list is the API's busiest answer (50 dossiers a page). It reads plain rows
# (``values()``) and builds each item here, without a model instance or a serializer per row:
# that halves the page's CPU time. ``DossierLijstSerializer`` still describes the item in the
# schema; a test proves both give the same JSON for the same dossier.
DOSSIER_LIJST_KOLOMMEN = (
    "id", "dossiernummer", "status", "doelgroep", "bron", "aanmelddatum", "gewijzigd_op",
    "volgende_termijn_einddatum", "volgende_termijn_regel", "team_id", "team__naam", "behandelaar__username",
    "rechthebbende_id", "rechthebbende__bsn", "rechthebbende__voornamen", "rechthebbende__tussenvoegsel",
    "rechthebbende__achternaam",
)
_TIJDSTIP = serializers.DateTimeField()


def _tijdstip(waarde, tijdzone) -> str | None:
    """What ``DateTimeField().to_representation`` gives, with the time zone looked up once per page (DRF looks
    it up for every value; for a page of 50 that was a twentieth of the request)."""
    if waarde is None or waarde.tzinfo is None:
        return _TIJDSTIP.to_representation(waarde)
    tekst = waarde.astimezone(tijdzone).isoformat()
    return tekst.removesuffix("+00:00") + "Z" if tekst.endswith("+00:00") else tekst


def dossier_lijstitems(rijen) -> list[dict]:
    """The items of the dossier list from rows with ``DOSSIER_LIJST_KOLOMMEN``."""
    tijdzone = timezone.get_current_timezone()
    return [dossier_lijstitem(rij, tijdzone) for rij in rijen]


def dossier_lijstitem(rij: dict, tijdzone) -> dict:
    """One item of the dossier list from a row with ``DOSSIER_LIJST_KOLOMMEN``."""
    naam = naam_uit_delen(rij["rechthebbende__voornamen"], rij["rechthebbende__tussenvoegsel"],
                          rij["rechthebbende__achternaam"])
    einddatum = rij["volgende_termijn_einddatum"]
    return {
        "id": rij["id"],
        "dossiernummer": rij["dossiernummer"],
        "status": rij["status"],
        "doelgroep": rij["doelgroep"],
        "bron": rij["bron"],
        "aanmelddatum": rij["aanmelddatum"].isoformat(),
        "team": {"id": rij["team_id"], "naam": rij["team__naam"]},
        "behandelaar": rij["behandelaar__username"],
        "rechthebbende": {"id": rij["rechthebbende_id"], "bsn": rij["rechthebbende__bsn"], "naam": naam},
        "volgende_termijn": (
            {"regel": rij["volgende_termijn_regel"], "einddatum": einddatum.isoformat()} if einddatum else None
        ),
        "gewijzigd_op": _tijdstip(rij["gewijzigd_op"], tijdzone),
    }


class TermijnSerializer(serializers.Serializer):
    regel = serializers.CharField(source="regel.code", help_text=_("Code van de termijn"))
    naam = serializers.CharField(source="regel.naam")
    uitleg = serializers.CharField(source="regel.uitleg", help_text=_("De regel in gewone taal"))
    grondslag = serializers.CharField(source="regel.grondslag", help_text=_("Wet of regel waar de termijn op steunt"))
    sleutel = serializers.CharField(source="rij.sleutel", allow_blank=True,
                                    help_text=_("Waar de termijn bij hoort, bijvoorbeeld het kenmerk van een beschikking"))
    startdatum = serializers.DateField(source="rij.startdatum")
    einddatum = serializers.DateField(source="rij.einddatum", help_text=_("Uiterste datum, met verlenging (Atw) en opschorting"))
    oorspronkelijke_einddatum = serializers.DateField(source="rij.oorspronkelijke_einddatum")
    opgeschort_sinds = serializers.DateField(source="rij.opgeschort_sinds", allow_null=True)
    verdaagd_tot = serializers.DateField(source="rij.verdaagd_tot", allow_null=True)
    voldaan_op = serializers.DateField(source="rij.voldaan_op", allow_null=True)
    vervallen_op = serializers.DateField(source="rij.vervallen_op", allow_null=True)
    status = serializers.ChoiceField(choices=TermijnStatus.choices, help_text=_("Stand op de dag van de aanvraag"))


class GezinslidSerializer(serializers.Serializer):
    voornamen = serializers.CharField()
    achternaam = serializers.CharField()
    geboortedatum = serializers.DateField()
    relatie = serializers.ChoiceField(choices=Relatie.choices)
    bsn = serializers.CharField(allow_blank=True)
    inwonend = serializers.BooleanField()


class HuishoudenSerializer(serializers.Serializer):
    peildatum = serializers.DateField(help_text=_("Samenstelling op deze datum (de aanvraag)"))
    leden = GezinslidSerializer(many=True, source="leden.all")


class ZaakregistratieStandSerializer(serializers.Serializer):
    stand = serializers.CharField(help_text=_("NIET_VERZONDEN, IN_WACHTRIJ, VERZONDEN, MISLUKT of UIT"))
    zaak_url = serializers.CharField(allow_blank=True)
    fout = serializers.CharField(allow_blank=True)


class BeeindigingSerializer(serializers.Serializer):
    reden = serializers.ChoiceField(choices=Beeindigingsreden.choices)
    einddatum = serializers.DateField(help_text=_("De laatste dag van de ondersteuning"))
    toelichting = serializers.CharField(allow_blank=True)
    nieuwe_gemeente = serializers.CharField(allow_blank=True, help_text=_("Bij een verhuizing"))
    beschikking = serializers.CharField(
        source="beschikking.kenmerk", allow_null=True, default=None,
        help_text=_("Kenmerk van de beëindigingsbeschikking; leeg als de reden geen brief vraagt"),
    )
    afgesloten_op = serializers.DateField(allow_null=True, help_text=_("Wanneer het dossier is afgesloten (na de nazorg)"))


class DossierDetailSerializer(DossierLijstSerializer):
    rechthebbende = RechthebbendeSerializer()
    huishouden = serializers.SerializerMethodField()
    termijnen = TermijnSerializer(many=True, source="api_termijnen")
    toegestane_stappen = serializers.ListField(
        child=serializers.CharField(), source="api_stappen",
        help_text=_("De statusovergangen die nu kunnen (transitions.py)"),
    )
    zaakregistratie = ZaakregistratieStandSerializer(source="api_zaakregistratie")
    beeindiging = BeeindigingSerializer(source="api_beeindiging", allow_null=True,
                                        help_text=_("Het einde van de ondersteuning; leeg zolang die loopt"))

    @extend_schema_field(HuishoudenSerializer(allow_null=True))
    def get_huishouden(self, obj):
        huishouden = getattr(obj, "huishouden", None)
        return _HUISHOUDEN.to_representation(huishouden) if huishouden is not None else None


_HUISHOUDEN = HuishoudenSerializer()


class VoorzieningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    doel = serializers.IntegerField(source="doel_id")
    omschrijving = serializers.CharField()
    aard = serializers.ChoiceField(choices=Aard.choices)
    categorie = serializers.ChoiceField(choices=Categorie.choices)
    aanbieder_naam = serializers.CharField(allow_blank=True)
    product_naam = serializers.CharField(allow_blank=True)
    hoeveelheid = serializers.CharField(allow_blank=True)
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True,
                                      help_text=_("Euro, inclusief btw"))
    begindatum = serializers.DateField(allow_null=True)
    einddatum = serializers.DateField(allow_null=True)
    besluit = serializers.ChoiceField(choices=[("", "")] + list(Besluit.choices), allow_blank=True)
    reden_afwijzing = serializers.CharField(allow_blank=True)
    besluitdatum = serializers.DateField(allow_null=True)


class DoelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    leefgebied = serializers.ChoiceField(choices=Leefgebied.choices)
    omschrijving = serializers.CharField()


class PlanversieSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    versie = serializers.IntegerField(help_text=_("1 = eerste plan, daarna addenda"))
    soort = serializers.ChoiceField(choices=Planversiesoort.choices)
    status = serializers.ChoiceField(choices=Planstatus.choices)
    op_hoofdlijnen = serializers.BooleanField()
    toelichting = serializers.CharField(allow_blank=True)
    aangemaakt_op = serializers.DateTimeField()
    uitgegeven_op = serializers.DateField(allow_null=True)
    doelen = DoelSerializer(many=True, source="doelen.all")
    voorzieningen = VoorzieningSerializer(many=True, source="voorzieningen.all")


class BezwaarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ontvangen_op = serializers.DateField()
    per_post_verzonden_op = serializers.DateField(allow_null=True)
    adviescommissie = serializers.BooleanField()
    termijn_einde = serializers.DateField(help_text=_("Einde van de bezwaartermijn (berekend)"))
    tijdig = serializers.BooleanField(help_text=_("Op tijd ingediend (Awb 6:7 tot en met 6:9, berekend)"))
    toelichting = serializers.CharField(allow_blank=True)
    verdaagd_op = serializers.DateField(allow_null=True)
    uitkomst = serializers.ChoiceField(choices=[("", "")] + list(BezwaarUitkomst.choices), allow_blank=True)
    uitkomst_datum = serializers.DateField(allow_null=True)


class BeschikkingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kenmerk = serializers.CharField()
    soort = serializers.ChoiceField(choices=BeschikkingSoort.choices)
    datum = serializers.DateField(help_text=_("Datum van het besluit"))
    planversie = serializers.IntegerField(source="planversie_id", allow_null=True)
    pdf_sha256 = serializers.CharField(help_text=_("SHA-256 van de PDF zoals uitgegeven"))
    sjabloonversie = serializers.CharField()
    uitgegeven_op = serializers.DateTimeField()
    verzonden_op = serializers.DateField(allow_null=True, help_text=_("Bekendmaking; start de bezwaartermijn"))
    verzonden_via = serializers.CharField(allow_blank=True)
    mondeling_akkoord_op = serializers.DateField(allow_null=True)
    bezwaar = serializers.SerializerMethodField()

    @extend_schema_field(BezwaarSerializer(allow_null=True))
    def get_bezwaar(self, obj):
        bezwaar = getattr(obj, "bezwaar", None)
        return BezwaarSerializer(bezwaar).data if bezwaar is not None else None


# --- input --------------------------------------------------------------------------------------
# JSON input is taken as typed: a number where text is expected (or text where a number is) is
# refused, not silently converted, so a client learns about its mistake.


def _strikt(veldklasse, soort, controle):
    class Strikt(veldklasse):
        def to_internal_value(self, data):
            if not controle(data):
                raise serializers.ValidationError(_("Verwacht %(soort)s.") % {"soort": soort})
            return super().to_internal_value(data)

    Strikt.__name__ = f"Strikt{veldklasse.__name__}"
    return Strikt


_is_tekst = lambda d: isinstance(d, str)  # noqa: E731
Tekst = _strikt(serializers.CharField, _("tekst"), _is_tekst)
Email = _strikt(serializers.EmailField, _("tekst"), _is_tekst)
Regex = _strikt(serializers.RegexField, _("tekst"), _is_tekst)
Keuze = _strikt(serializers.ChoiceField, _("tekst"), _is_tekst)
Datum = _strikt(serializers.DateField, _("een datum (JJJJ-MM-DD)"), _is_tekst)
JaNee = _strikt(serializers.BooleanField, _("true of false"), lambda d: isinstance(d, bool))
Getal = _strikt(serializers.IntegerField, _("een heel getal"), lambda d: isinstance(d, int) and not isinstance(d, bool))


class BsnVeld(Tekst):
    def to_internal_value(self, data):
        waarde = normaliseer_bsn(super().to_internal_value(data))
        if not is_geldig_bsn(waarde):
            raise serializers.ValidationError(_("Dit is geen geldig BSN (9 cijfers, 11-proef)."))
        return waarde


class NieuwGezinslidSerializer(serializers.Serializer):
    voornamen = Tekst(max_length=200)
    achternaam = Tekst(max_length=200)
    geboortedatum = Datum()
    relatie = Keuze(choices=Relatie.choices)
    bsn = BsnVeld(max_length=12, required=False, allow_blank=True, default="")
    inwonend = JaNee(default=True)


class AanmeldingSerializer(serializers.Serializer):
    """Directe aanmelding: dezelfde velden en controles als het formulier in Nieuwe Start."""

    bsn = BsnVeld(max_length=12)
    voornamen = Tekst(max_length=200)
    tussenvoegsel = Tekst(max_length=20, required=False, allow_blank=True, default="")
    achternaam = Tekst(max_length=200)
    geboortedatum = Datum()
    telefoonnummer = Tekst(max_length=20, required=False, allow_blank=True, default="")
    email = Email(required=False, allow_blank=True, default="")
    straat = Tekst(max_length=200, required=False, allow_blank=True, default="")
    huisnummer = Tekst(max_length=20, required=False, allow_blank=True, default="")
    postcode = Regex(r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", required=False, allow_blank=True, default="",
                                      error_messages={"invalid": _("Vul een postcode in zoals 1234 AB.")})
    woonplaats = Tekst(max_length=100, required=False, allow_blank=True, default="")
    voorkeurskanaal = Keuze(choices=Contactkanaal.choices)
    doelgroep = Keuze(choices=Doelgroep.choices)
    woont_bij_ouder = JaNee(default=True, help_text=_("Alleen van belang bij een kind dat de kindregeling ontving"))
    aanmelddatum = Datum()
    team = Getal(help_text=_("Id van een team van de aanmelder"))
    gezinsleden = NieuwGezinslidSerializer(many=True, required=False, default=list, max_length=15)


class VerificatieSerializer(serializers.Serializer):
    datum = Datum()
    uitkomst = Keuze(choices=VerificatieUitkomst.choices)
    contactpersoon_uht = Tekst(max_length=200, required=False, allow_blank=True, default="")
    toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="")


class VerificatieAntwoordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    datum = serializers.DateField()
    uitkomst = serializers.ChoiceField(choices=VerificatieUitkomst.choices)
    dossierstatus = serializers.ChoiceField(choices=DossierStatus.choices)


class EersteGesprekSerializer(serializers.Serializer):
    datum = Datum()
    aanwezigen = Tekst(max_length=300, required=False, allow_blank=True, default="")
    acute_situatie = JaNee(default=False)
    acute_toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="")
    hulpvragen = serializers.DictField(
        child=Tekst(max_length=5000, allow_blank=True),
        help_text=_("Per leefgebied (code) de hulpvraag; minstens één"),
    )

    def validate_hulpvragen(self, waarde):
        onbekend = sorted(set(waarde) - set(Leefgebied.values))
        if onbekend:
            raise serializers.ValidationError(
                _("Onbekend leefgebied: %(codes)s. Kies uit %(geldig)s.")
                % {"codes": ", ".join(onbekend), "geldig": ", ".join(Leefgebied.values)}
            )
        return waarde


class VastgelegdSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    datum = serializers.DateField()
    dossierstatus = serializers.ChoiceField(choices=DossierStatus.choices)


# The same answer; its own name keeps the schema's component for clients that use it (no docstring: that
# would become the component's description).
class EersteGesprekAntwoordSerializer(VastgelegdSerializer):
    pass


class NieuwBezwaarSerializer(serializers.Serializer):
    ontvangen_op = Datum()
    per_post_verzonden_op = Datum(required=False, allow_null=True, default=None)
    adviescommissie = JaNee(default=False)
    toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="")


# --- end of support (the steps of the screens under "Einde ondersteuning") --------------------------


class NieuweBeeindigingSerializer(serializers.Serializer):
    """Ondersteuning beëindigen: dezelfde velden en regels als het scherm 'Ondersteuning beëindigen'."""

    reden = Keuze(choices=Beeindigingsreden.choices)
    einddatum = Datum(help_text=_("De laatste dag van de ondersteuning; niet in de toekomst"))
    toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="",
                        help_text=_("Verplicht bij GEEN_BEHOEFTE_MEER: hoe en wanneer de persoon dit liet weten"))
    bereikte_leefgebieden = serializers.ListField(
        child=Keuze(choices=Leefgebied.choices), required=False, default=list, max_length=len(Leefgebied.values),
        help_text=_("Bij DOELEN_BEREIKT: de leefgebieden waarvan het doel is bereikt"),
    )
    nieuwe_gemeente = Tekst(max_length=100, required=False, allow_blank=True, default="",
                            help_text=_("Verplicht bij VERHUISD"))
    overlijdensdatum = Datum(required=False, allow_null=True, default=None, help_text=_("Verplicht bij OVERLEDEN"))
    huishouden_gaat_door = JaNee(default=False, help_text=_("Bij OVERLEDEN: het gezin houdt recht op ondersteuning"))


class BeeindigingAntwoordSerializer(BeeindigingSerializer):
    dossierstatus = serializers.ChoiceField(choices=DossierStatus.choices, source="dossier.status")


class WarmeOverdrachtSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    leefgebied = serializers.ChoiceField(choices=Leefgebied.choices)
    ontvanger = serializers.ChoiceField(choices=Ontvanger.choices)
    aanbieder = serializers.IntegerField(source="aanbieder_id", allow_null=True,
                                         help_text=_("Id van de organisatie in de sociale kaart"))
    ontvanger_naam = serializers.CharField(help_text=_("De organisatie, het team of de dienst"))
    organisatie = serializers.CharField(allow_blank=True)
    contactpersoon = serializers.CharField(allow_blank=True)
    contactgegevens = serializers.CharField(allow_blank=True)
    wat_overgedragen = serializers.CharField(allow_blank=True)
    toestemming = serializers.BooleanField()
    datum = serializers.DateField(allow_null=True, help_text=_("Wanneer is overgedragen; leeg als alleen voorgesteld"))
    status = serializers.ChoiceField(choices=Overdrachtstatus.choices)


class AfbouwstapStandSerializer(serializers.Serializer):
    stap = serializers.ChoiceField(choices=Afbouwstapsoort.choices)
    gedaan_op = serializers.DateField(allow_null=True, help_text=_("Leeg: deze stap is nog niet gedaan"))
    toelichting = serializers.CharField(allow_blank=True)


class ContactpogingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    datum = serializers.DateField()
    kanaal = serializers.ChoiceField(choices=Contactkanaal.choices)
    uitkomst = serializers.ChoiceField(choices=Contactuitkomst.choices)
    toelichting = serializers.CharField(allow_blank=True)


class VastgelegdeControleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    datum = serializers.DateField()
    uitkomst = serializers.ChoiceField(choices=Controleuitkomst.choices)
    toelichting = serializers.CharField(allow_blank=True)


class ControlemomentSerializer(serializers.Serializer):
    moment = serializers.ChoiceField(choices=Controlemoment.choices)
    termijn_einddatum = serializers.DateField(
        source="einddatum", allow_null=True, help_text=_("Uiterlijk dan moet deze controle gedaan zijn; leeg zolang niet overgedragen"),
    )
    termijnstatus = serializers.ChoiceField(source="status", choices=TermijnStatus.choices, allow_null=True)
    controle = VastgelegdeControleSerializer(allow_null=True, help_text=_("Leeg: nog niet vastgelegd"))


class OverdrachtMetControlesSerializer(WarmeOverdrachtSerializer):
    controles = ControlemomentSerializer(many=True, help_text=_("De twee nazorgcontroles, met hun termijn"))


class BeeindigingVolledigSerializer(BeeindigingSerializer):
    beschikking_verzonden_op = serializers.DateField(
        source="beschikking.verzonden_op", allow_null=True, default=None,
        help_text=_("Wanneer de beëindigingsbeschikking is verzonden; leeg als nog niet (of als er geen is)"),
    )
    reden_zonder_nazorg = serializers.CharField(
        allow_blank=True, help_text=_("Waarom het dossier is afgesloten zonder (volledige) nazorg"),
    )


class EindeOndersteuningSerializer(serializers.Serializer):
    """What the section 'Einde van de ondersteuning' of the dossier page shows."""

    dossierstatus = serializers.ChoiceField(choices=DossierStatus.choices)
    beeindiging = BeeindigingVolledigSerializer(
        allow_null=True, help_text=_("Leeg zolang de ondersteuning niet is beëindigd, en bij een dossier dat is "
                                     "beëindigd voordat de reden apart werd vastgelegd (zie beeindigd_zonder_vastlegging)"),
    )
    beeindigd_zonder_vastlegging = serializers.BooleanField(
        help_text=_("Beëindigd voordat de reden apart werd vastgelegd: er is geen beëindiging om te tonen"),
    )
    afbouw_tot = serializers.DateField(
        allow_null=True, help_text=_("Na 'niet erkend': de hulp stopt uiterlijk op deze dag; leeg als er geen afbouw is"),
    )
    afbouwstappen = AfbouwstapStandSerializer(many=True, help_text=_("Alle stappen van de afbouw, gedaan of niet"))
    contactpogingen = ContactpogingSerializer(many=True)
    overdrachten = OverdrachtMetControlesSerializer(many=True, help_text=_("Warme overdrachten, oudste eerst"))
    nazorg_open = serializers.ListField(
        child=serializers.CharField(), help_text=_("Wat er nog moet gebeuren voor de nazorg klaar is; leeg als niets"),
    )


_OVERDRACHT_VELDEN = tuple(WarmeOverdrachtSerializer().fields.values())


def einde_ondersteuning(sectie) -> dict:
    """The screen's section (``beeindiging.selectors.dossiersectie``) in the shape of the serializer above."""
    return {
        "dossierstatus": sectie.dossier.status,
        "beeindiging": sectie.beeindiging,
        "beeindigd_zonder_vastlegging": sectie.beeindigd_zonder_vastlegging,
        "afbouw_tot": sectie.acclimatisatie.einddatum if sectie.acclimatisatie else None,
        "afbouwstappen": [
            {"stap": stap, "gedaan_op": gedaan.datum if gedaan else None, "toelichting": gedaan.toelichting if gedaan else ""}
            for stap, _label, gedaan in sectie.afbouwstappen
        ],
        "contactpogingen": list(sectie.contactpogingen),
        "overdrachten": [
            {**{veld.source: getattr(regel.overdracht, veld.source) for veld in _OVERDRACHT_VELDEN}, "controles": regel.controles}
            for regel in sectie.overdrachten
        ],
        # Shown on the screen only while the aftercare runs; after closing, nothing is open any more.
        "nazorg_open": list(sectie.nazorg_open) if sectie.dossier.status == DossierStatus.NAZORG else [],
    }


class OverdrachtInvoerSerializer(serializers.Serializer):
    """Warme overdracht: dezelfde velden als het scherm. Met ``overgedragen_op`` is de hulp meteen overgedragen
    (dan zijn toestemming, contactpersoon en wat is overgedragen verplicht, regel OVERDRACHT_COMPLEET)."""

    leefgebied = Keuze(choices=Leefgebied.choices)
    ontvanger = Keuze(choices=Ontvanger.choices)
    aanbieder = Getal(required=False, allow_null=True, default=None,
                      help_text=_("Id van een actieve organisatie uit de sociale kaart"))
    organisatie = Tekst(max_length=200, required=False, allow_blank=True, default="")
    contactpersoon = Tekst(max_length=200, required=False, allow_blank=True, default="")
    contactgegevens = Tekst(max_length=200, required=False, allow_blank=True, default="")
    wat_overgedragen = Tekst(max_length=5000, required=False, allow_blank=True, default="")
    toestemming = JaNee(default=False)
    overgedragen_op = Datum(required=False, allow_null=True, default=None,
                            help_text=_("Leeg: alleen voorgesteld. Vanaf deze dag lopen de nazorgcontroles."))

    def validate_aanbieder(self, waarde):
        from nieuwestart.catalogus.models import Aanbieder

        if waarde is None:
            return None
        aanbieder = Aanbieder.objects.filter(pk=waarde, actief=True).first()
        if aanbieder is None:
            raise serializers.ValidationError(_(
                "Deze organisatie staat niet (meer) in de sociale kaart. Gebruik het id van een actieve organisatie: "
                "de functioneel beheerder ziet ze in Nieuwe Start onder Beheer, Sociale kaart."
            ))
        return aanbieder


class NazorgcontroleInvoerSerializer(serializers.Serializer):
    moment = Keuze(choices=Controlemoment.choices)
    datum = Datum()
    uitkomst = Keuze(choices=Controleuitkomst.choices)
    toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="")


class NazorgcontroleSerializer(VastgelegdeControleSerializer):
    moment = serializers.ChoiceField(choices=Controlemoment.choices)
    overdrachtstatus = serializers.ChoiceField(choices=Overdrachtstatus.choices, source="overdracht.status")


class DatumInvoerSerializer(serializers.Serializer):
    datum = Datum()


class AfbouwstapInvoerSerializer(serializers.Serializer):
    stap = Keuze(choices=Afbouwstapsoort.choices)
    datum = Datum()
    toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="")


class ContactpogingInvoerSerializer(serializers.Serializer):
    datum = Datum()
    kanaal = Keuze(choices=Contactkanaal.choices)
    uitkomst = Keuze(choices=Contactuitkomst.choices)
    toelichting = Tekst(max_length=5000, required=False, allow_blank=True, default="")


class AfsluitenInvoerSerializer(serializers.Serializer):
    datum = Datum()
    reden_zonder_nazorg = Tekst(
        max_length=5000, required=False, allow_blank=True, default="",
        help_text=_("Verplicht zolang de nazorg niet klaar is: waarom er geen (verdere) nazorg nodig is"),
    )


class DossierstatusSerializer(serializers.Serializer):
    dossierstatus = serializers.ChoiceField(choices=DossierStatus.choices)


class ImportStartSerializer(serializers.Serializer):
    bestand = serializers.FileField(help_text=_("CSV of XLSX uit het Gegevensportaal"))
    doel = serializers.ChoiceField(choices=ImportDoel.choices)
    team = serializers.IntegerField(required=False, allow_null=True, default=None,
                                    help_text=_("Team voor nieuwe dossiers (alleen bij een contactlijst)"))
    portaaldatum = serializers.DateField(required=False, allow_null=True, default=None)


class VoortgangSerializer(serializers.Serializer):
    gedaan = serializers.IntegerField(allow_null=True)
    totaal = serializers.IntegerField(allow_null=True)


class ImportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    doel = serializers.ChoiceField(choices=ImportDoel.choices)
    bestandsnaam = serializers.CharField()
    fase = serializers.ChoiceField(choices=Fase.choices)
    loopt = serializers.BooleanField(help_text=_("De controle of het inlezen loopt nu op de achtergrond"))
    afgebroken = serializers.BooleanField(help_text=_("De achtergrondtaak stopte; er is niets veranderd"))
    voortgang = VoortgangSerializer()
    aangemaakt_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()
    controle = serializers.DictField(help_text=_("Uitkomst van de controle: tellingen en waarschuwingen, zonder persoonsgegevens"))
    resultaat = serializers.DictField(help_text=_("Uitkomst van het inlezen: tellingen"))
    foutmelding = serializers.CharField(allow_blank=True)


class ImportBevestigenSerializer(serializers.Serializer):
    wijzigingen_overnemen = JaNee(default=True, help_text=_("Gewijzigde contactgegevens overnemen"))


def _met_tellingen(gegevens: dict) -> dict:
    """The stored counters are [[code, aantal], ...]; the API gives {code: aantal}."""
    uit = dict(gegevens or {})
    uit["tellingen"] = {code: aantal for code, aantal in uit.get("tellingen", [])}
    return uit


def import_gegevens(opdracht: Importopdracht, stand) -> dict:
    # The preview outcome holds no personal data (counts, warnings, column names); the rejected rows
    # and proposed contact updates (personal data) stay on the screen.
    return {
        "id": opdracht.pk, "doel": opdracht.doel, "bestandsnaam": opdracht.bestandsnaam, "fase": opdracht.fase,
        "loopt": stand.loopt, "afgebroken": stand.afgebroken,
        "voortgang": {"gedaan": stand.voortgang.gedaan, "totaal": stand.voortgang.totaal},
        "aangemaakt_op": opdracht.aangemaakt_op, "gewijzigd_op": opdracht.gewijzigd_op,
        "controle": _met_tellingen(opdracht.uitkomst), "resultaat": _met_tellingen(opdracht.resultaat),
        "foutmelding": opdracht.foutmelding,
    }


# --- reports -----------------------------------------------------------------------------------------

@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": True,
                      "description": "Tekst, aantal of percentage; een bedrag als tekst met punt (\"1450.00\")."})
class Cel(serializers.Field):
    """One cell of a report table. Amounts keep their cents as a string (never a float)."""

    def to_representation(self, waarde):
        from decimal import Decimal

        if waarde is None or isinstance(waarde, (bool, int, float)):
            return waarde
        if isinstance(waarde, Decimal):
            return f"{waarde:.2f}"
        return str(waarde)


class RapportTabelSerializer(serializers.Serializer):
    sleutel = serializers.CharField(help_text=_("Vaste naam van de tabel (zoals in de CSV-download)"))
    titel = serializers.CharField()
    uitleg = serializers.CharField(allow_blank=True)
    kolommen = serializers.ListField(child=serializers.CharField())
    rijen = serializers.ListField(child=serializers.ListField(child=Cel()))


class RapportSerializer(serializers.Serializer):
    rapport = serializers.CharField()
    jaar = serializers.IntegerField(help_text=_("Het jaar van de UHT-aantallen (bereik) of van de kosten en SiSa"))
    tabellen = RapportTabelSerializer(many=True)


class RapportFilterSerializer(serializers.Serializer):
    van = serializers.DateField(required=False, help_text=_("Begin van de periode (JJJJ-MM-DD)"))
    tot = serializers.DateField(required=False, help_text=_("Einde van de periode, tot en met (JJJJ-MM-DD)"))
    team = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=_("Id van een team"))
    doelgroep = serializers.ChoiceField(choices=Doelgroep.choices, required=False)
    jaar = serializers.IntegerField(required=False, min_value=2021, max_value=2100,
                                    help_text=_("Jaar voor bereik en kosten (standaard: het jaar van 'tot', anders dit jaar)"))

    def validate(self, data):
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise serializers.ValidationError({"tot": [_("De einddatum ligt vóór de begindatum.")]})
        return data
