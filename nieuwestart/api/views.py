"""The REST API, version 1. Thin, like the screens: check access, make one domain call, log.

Each view carries exactly one ``toegangsregel`` (the same rules as the screens) and, for
application tokens, one ``scope``. Dossier data goes through ``toegang.dossier_verwerken``: the
team check and the same processing-log line as opening the dossier page.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from drf_spectacular.views import SpectacularAPIView

from nieuwestart.aanmeldingen import opdrachten
from nieuwestart.aanmeldingen.forms import max_upload_bytes
from nieuwestart.aanmeldingen.models import Importopdracht
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.aanmeldingen.services import PERSOONSVELDEN, NieuwGezinslid, directe_aanmelding_registreren
from nieuwestart.beeindiging.models import Beeindiging
from nieuwestart.beschikkingen import services as beschikkingservices
from nieuwestart.beschikkingen.models import Beschikking
from nieuwestart.beschikkingen.selectors import beschikkingen_van_dossier
from nieuwestart.dossiers import permissions, selectors
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.dossiers.models import Dossier, Rechthebbende
from nieuwestart.dossiers.transitions import toegestane_transities
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen, verwerking
from nieuwestart.plannen.models import Planversie
from nieuwestart.rapportages.selectors import RAPPORTEN, Filter, rapport
from nieuwestart.toegang.regels import (
    DOSSIERS_LEZEN, DOSSIERS_WIJZIGEN, OPENBAAR, PORTAALBESTANDEN_INLEZEN, RAPPORTAGES_LEZEN,
)

from . import selectors as api_selectors
from . import serializers as s
from .filters import DossierFilter
from .models import Scope
from .paginering import Cursorpaginering
from .problemen import MEDIA_TYPE
from .toegang import ApiView, dossier_laden, dossier_verwerken, toegang_controleren

PROBLEEM = inline_serializer("Probleem", {
    "type": serializers.URLField(), "title": serializers.CharField(), "status": serializers.IntegerField(),
    "detail": serializers.CharField(help_text="Uitleg in het Nederlands"), "instance": serializers.CharField(),
})
P = "application/problem+json"
FOUTEN = {
    (400, P): OpenApiResponse(PROBLEEM, description="Ongeldige gegevens (invalid_params per veld)"),
    (401, P): OpenApiResponse(PROBLEEM, description="Geen of ongeldige API-sleutel"),
    (403, P): OpenApiResponse(PROBLEEM, description="Geen toegang (rol, team of scope)"),
    (404, P): OpenApiResponse(PROBLEEM, description="Bestaat niet, of u mag het niet zien"),
    (429, P): OpenApiResponse(PROBLEEM, description="Te veel verzoeken: wacht het aantal seconden uit Retry-After"),
}
FOUTEN_SCHRIJVEN = {
    **FOUTEN,
    (415, P): OpenApiResponse(PROBLEEM, description="Verkeerd formaat (stuur JSON)"),
    (422, P): OpenApiResponse(PROBLEEM, description="Een regel staat dit niet toe (code en uitleg zoals op het scherm)"),
}


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description of this API (YAML; JSON with Accept: application/vnd.oai.openapi+json)."""

    toegangsregel = OPENBAAR
    authentication_classes = []
    permission_classes = [AllowAny]

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False
        return view


# --- rechthebbenden -----------------------------------------------------------------------------


class RechthebbendenLijst(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN
    pagination_class = Cursorpaginering

    @extend_schema(
        summary="Rechthebbenden", tags=["rechthebbenden"], operation_id="rechthebbenden_lijst",
        description="De personen met een dossier in een van uw teams, op volgorde van id, per pagina (cursor).",
        responses={200: s.RechthebbendeSerializer(many=True), **FOUTEN},
    )
    def get(self, request):
        teams = permissions.dossiers_voor_gebruiker(request.user).values("rechthebbende_id")
        qs = Rechthebbende.objects.filter(pk__in=teams)
        paginering = Cursorpaginering()
        pagina = paginering.paginate_queryset(qs, request, view=self)
        with verwerking(self.django_request, naam="rechthebbenden_opvragen", betrokkenen=[r.bsn for r in pagina]):
            return paginering.get_paginated_response(s.RechthebbendeSerializer(pagina, many=True).data)


class RechthebbendeDetail(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN

    @extend_schema(summary="Eén rechthebbende", tags=["rechthebbenden"],
                   responses={200: s.RechthebbendeSerializer, **FOUTEN})
    def get(self, request, rechthebbende: int):
        persoon = Rechthebbende.objects.filter(
            pk=rechthebbende, pk__in=permissions.dossiers_voor_gebruiker(request.user).values("rechthebbende_id")
        ).first()
        if persoon is None:
            raise Http404
        with verwerking(self.django_request, naam="rechthebbende_bekijken", betrokkenen=[persoon.bsn],
                        object_type="rechthebbende", object_id=str(persoon.pk)):
            return Response(s.RechthebbendeSerializer(persoon).data)


# --- dossiers -------------------------------------------------------------------------------------


class DossierLijst(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN
    filterset_class = DossierFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = Cursorpaginering

    def get_queryset(self):
        # Plain rows, no model instances: see serializers.dossier_lijstitems.
        return permissions.dossiers_voor_gebruiker(self.request.user).values(*s.DOSSIER_LIJST_KOLOMMEN)

    @extend_schema(
        summary="Dossiers", tags=["dossiers"], operation_id="dossiers_lijst",
        description=(
            "De dossiers van uw teams, op volgorde van id, per pagina (cursor). Dossiers van een ander team "
            "staan hier niet in. Elke opvraging komt in het verwerkingenlogboek, met een regel per persoon."
        ),
        responses={200: s.DossierLijstSerializer(many=True), **FOUTEN},
    )
    def get(self, request):
        if any(naam in request.query_params for naam in DossierFilter.base_filters):
            qs = DjangoFilterBackend().filter_queryset(request, self.get_queryset(), self)
        else:  # the common case, without the filter form and the ORM's query building
            qs = api_selectors.Dossierlijst(permissions.teams_voor_lijsten(request.user))
        paginering = Cursorpaginering()
        pagina = paginering.paginate_queryset(qs, request, view=self)
        with verwerking(self.django_request, naam="dossierlijst_opvragen",
                        betrokkenen=[rij["rechthebbende__bsn"] for rij in pagina], object_type="dossier"):
            return paginering.get_paginated_response(s.dossier_lijstitems(pagina))


# One instance for every request: a serializer's fields are built (deep-copied) once per instance,
# and ``to_representation`` keeps no state between calls.
_DETAIL_WEERGAVE = s.DossierDetailSerializer()


def _detail_laden(pk: int) -> Dossier:
    dossier = api_selectors.dossier_voor_detail(pk)
    if dossier is None:
        raise Http404
    return dossier


def _dossier_detail(dossier: Dossier, *, vandaag) -> dict:
    from nieuwestart.zaakregistratie.selectors import stand_voor_dossier

    dossier.api_termijnen = selectors.termijnen_voor_pagina(dossier, vandaag=vandaag)
    dossier.api_stappen = [t.naam for t in toegestane_transities(dossier)]
    stand = stand_voor_dossier(dossier)
    dossier.api_zaakregistratie = {"stand": stand.stand, "zaak_url": stand.zaak_url, "fout": stand.fout}
    try:
        dossier.api_beeindiging = dossier.beeindiging
    except Beeindiging.DoesNotExist:
        dossier.api_beeindiging = None
    return _DETAIL_WEERGAVE.to_representation(dossier)


class DossierDetail(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN

    @extend_schema(
        summary="Eén dossier, met termijnen", tags=["dossiers"],
        description=(
            "Het dossier met de rechthebbende, het huishouden, de status, elke termijn met zijn regel en de stand "
            "van de zaakregistratie. Schrijft dezelfde regel in het verwerkingenlogboek als het openen van het "
            "dossier in Nieuwe Start. Een dossier van een ander team: 403 (eerst de doorbreekfunctie op het scherm)."
        ),
        responses={200: s.DossierDetailSerializer, **FOUTEN},
    )
    def get(self, request, pk: int):
        dossier = _detail_laden(pk)
        with dossier_verwerken(request, dossier, naam="dossier_bekijken", met_huishouden=True):
            return Response(_dossier_detail(dossier, vandaag=timezone.localdate()))


class DossierPlanversies(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN

    @extend_schema(summary="Plan van aanpak: alle versies met doelen en voorzieningen", tags=["plannen"],
                   responses={200: s.PlanversieSerializer(many=True), **FOUTEN})
    def get(self, request, pk: int):
        dossier = dossier_laden(pk)
        versies = Planversie.objects.filter(dossier=dossier).order_by("versie").prefetch_related(
            "doelen", Prefetch("voorzieningen", queryset=_voorzieningen())
        )
        with dossier_verwerken(request, dossier, naam="plan_bekijken"):
            return Response(s.PlanversieSerializer(versies, many=True).data)


def _voorzieningen():
    from nieuwestart.plannen.models import Voorziening

    return Voorziening.objects.order_by("id")


class DossierBeschikkingen(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN

    @extend_schema(summary="Beschikkingen van het dossier, met bezwaar", tags=["beschikkingen"],
                   responses={200: s.BeschikkingSerializer(many=True), **FOUTEN})
    def get(self, request, pk: int):
        dossier = dossier_laden(pk)
        with dossier_verwerken(request, dossier, naam="beschikkingen_bekijken"):
            return Response(s.BeschikkingSerializer(beschikkingen_van_dossier(dossier), many=True).data)


class BeschikkingPdf(ApiView):
    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN

    @extend_schema(
        summary="De PDF van een beschikking, precies zoals uitgegeven", tags=["beschikkingen"],
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De PDF"), **FOUTEN},
    )
    def get(self, request, pk: int, beschikking: int):
        dossier = dossier_laden(pk)
        with dossier_verwerken(request, dossier, naam="beschikking_pdf_bekijken"):
            try:
                b = Beschikking.objects.only("id", "kenmerk", "pdf", "pdf_sha256").get(pk=beschikking, dossier=dossier)
            except Beschikking.DoesNotExist:
                raise Http404 from None
            antwoord = HttpResponse(bytes(b.pdf), content_type="application/pdf")
            antwoord["Content-Disposition"] = f'inline; filename="{b.bestandsnaam}.pdf"'
            antwoord["Digest"] = f"sha-256={b.pdf_sha256}"
            return antwoord


# --- writes: the same services and rules as the screens -----------------------------------------------


class Aanmeldingen(ApiView):
    toegangsregel = DOSSIERS_WIJZIGEN
    scope = Scope.DOSSIERS_SCHRIJVEN

    @extend_schema(
        summary="Directe aanmelding registreren", tags=["dossiers"],
        description=(
            "Registreert een persoon die zich bij de gemeente meldde, met het huishouden op de dag van de aanvraag, "
            "zoals het formulier 'Directe aanmelding'. Dezelfde regels gelden (bijvoorbeeld: één open dossier per "
            "persoon en doelgroep); een weigering is 422 met de code en uitleg van de regel. UHT moet daarna nog "
            "verifiëren."
        ),
        request=s.AanmeldingSerializer,
        responses={201: s.DossierDetailSerializer, **FOUTEN_SCHRIJVEN},
        examples=[OpenApiExample("Ouder met kind", request_only=True, value={
            "bsn": "111222333", "voornamen": "Eva", "achternaam": "Jansen", "geboortedatum": "1985-03-14",
            "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON", "doelgroep": "ERKENDE_OUDER",
            "aanmelddatum": "2026-09-01", "team": 1,
            "gezinsleden": [{"voornamen": "Noah", "achternaam": "Jansen", "geboortedatum": "2015-06-01", "relatie": "KIND"}],
        })],
    )
    def post(self, request):
        invoer = s.AanmeldingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        if not permissions.mag_aanmelden(request.user):
            raise exceptions.PermissionDenied(_("Alleen een consulent met een team kan iemand aanmelden."))
        team = request.user.teams.filter(pk=data["team"]).first()
        if team is None:
            raise exceptions.ValidationError({"team": [_("Kies een van uw eigen teams.")]})
        fouten = _contactkanaal_fouten(data)
        if fouten:
            raise exceptions.ValidationError(fouten)
        gezinsleden = [NieuwGezinslid(**lid) for lid in data["gezinsleden"]]
        if data.get("postcode"):
            pc = data["postcode"].replace(" ", "").upper()
            data["postcode"] = f"{pc[:4]} {pc[4:]}"
        betrokkenen = [data["bsn"], *(lid.bsn for lid in gezinsleden if lid.bsn)]
        with verwerking(self.django_request, naam="directe_aanmelding_registreren", betrokkenen=betrokkenen,
                        object_type="dossier"):
            dossier = directe_aanmelding_registreren(
                door=request.user, bsn=data["bsn"],
                persoon={veld: data.get(veld) or "" for veld in PERSOONSVELDEN} | {"geboortedatum": data["geboortedatum"]},
                doelgroep=data["doelgroep"], aanmelddatum=data["aanmelddatum"], team=team, behandelaar=request.user,
                gezinsleden=gezinsleden, woont_bij_ouder=data["woont_bij_ouder"], vandaag=timezone.localdate(),
            )
        dossier = _detail_laden(dossier.pk)
        return Response(_dossier_detail(dossier, vandaag=timezone.localdate()), status=status.HTTP_201_CREATED)


def _contactkanaal_fouten(data) -> dict:
    """The form's checks on the preferred channel (DirecteAanmeldingForm.clean), with the same words."""
    from nieuwestart.dossiers.models import Contactkanaal

    kanaal = data.get("voorkeurskanaal")
    if kanaal == Contactkanaal.EMAIL and not data.get("email"):
        return {"email": [_("Vul een e-mailadres in: de persoon wil contact per e-mail.")]}
    if kanaal == Contactkanaal.TELEFOON and not data.get("telefoonnummer"):
        return {"telefoonnummer": [_("Vul een telefoonnummer in: de persoon wil contact per telefoon.")]}
    if kanaal == Contactkanaal.POST and not (data.get("straat") and data.get("postcode")):
        return {"straat": [_("Vul het adres in: de persoon wil post ontvangen.")]}
    return {}


class _DossierSchrijven(ApiView):
    toegangsregel = DOSSIERS_WIJZIGEN
    scope = Scope.DOSSIERS_SCHRIJVEN
    parser_classes = [JSONParser]

    def _wijzigbaar(self, request, pk):
        dossier = dossier_laden(pk)
        toegang_controleren(request, dossier)  # before the body is checked: no hints about other teams' dossiers
        return dossier


class Verificaties(_DossierSchrijven):
    @extend_schema(
        summary="Verificatie bij UHT vastleggen", tags=["dossiers"],
        description="Uitkomst 'BEVESTIGD' zet het dossier op 'Geverifieerd', zoals op het scherm.",
        request=s.VerificatieSerializer, responses={201: s.VerificatieAntwoordSerializer, **FOUTEN_SCHRIJVEN},
        examples=[OpenApiExample("Bevestigd", request_only=True,
                                 value={"datum": "2026-09-02", "uitkomst": "BEVESTIGD", "contactpersoon_uht": "J. de Boer"})],
    )
    def post(self, request, pk: int):
        dossier = self._wijzigbaar(request, pk)
        invoer = s.VerificatieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with dossier_verwerken(request, dossier, naam="verificatie_vastleggen"):
            v = dossierservices.verificatie_vastleggen(
                dossier=dossier, door=request.user, vandaag=timezone.localdate(), **invoer.validated_data
            )
        return Response({"id": v.pk, "datum": v.datum, "uitkomst": v.uitkomst, "dossierstatus": dossier.status},
                        status=status.HTTP_201_CREATED)


class EersteGesprek(_DossierSchrijven):
    @extend_schema(
        summary="Eerste gesprek vastleggen", tags=["dossiers"],
        description="Kan pas na de verificatie (regel VERIFICATIE_VOOR_EERSTE_GESPREK); start de termijnen voor het plan.",
        request=s.EersteGesprekSerializer, responses={201: s.EersteGesprekAntwoordSerializer, **FOUTEN_SCHRIJVEN},
        examples=[OpenApiExample("Wonen en financiën", request_only=True, value={
            "datum": "2026-09-15", "acute_situatie": False,
            "hulpvragen": {"WONEN": "De wasmachine is kapot", "FINANCIEN": "Overzicht van de schulden"},
        })],
    )
    def post(self, request, pk: int):
        dossier = self._wijzigbaar(request, pk)
        invoer = s.EersteGesprekSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with dossier_verwerken(request, dossier, naam="eerste_gesprek_vastleggen"):
            gesprek = dossierservices.eerste_gesprek_vastleggen(
                dossier=dossier, door=request.user, vandaag=timezone.localdate(), **invoer.validated_data
            )
        return Response({"id": gesprek.pk, "datum": gesprek.datum, "dossierstatus": dossier.status},
                        status=status.HTTP_201_CREATED)


class Bezwaar(_DossierSchrijven):
    @extend_schema(
        summary="Bezwaar registreren tegen een beschikking", tags=["beschikkingen"],
        description="Nieuwe Start berekent zelf of het bezwaar op tijd is (Awb 6:7 tot en met 6:9).",
        request=s.NieuwBezwaarSerializer, responses={201: s.BezwaarSerializer, **FOUTEN_SCHRIJVEN},
        examples=[OpenApiExample("Per post", request_only=True,
                                 value={"ontvangen_op": "2026-11-20", "per_post_verzonden_op": "2026-11-18"})],
    )
    def post(self, request, pk: int, beschikking: int):
        dossier = self._wijzigbaar(request, pk)
        invoer = s.NieuwBezwaarSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with dossier_verwerken(request, dossier, naam="bezwaar_registreren"):
            b = Beschikking.objects.filter(dossier=dossier, pk=beschikking).first()
            if b is None:
                raise Http404
            bezwaar = beschikkingservices.bezwaar_registreren(
                beschikking=b, door=request.user, vandaag=timezone.localdate(), **invoer.validated_data
            )
        return Response(s.BezwaarSerializer(bezwaar).data, status=status.HTTP_201_CREATED)


# --- imports --------------------------------------------------------------------------------------------


class Imports(ApiView):
    toegangsregel = PORTAALBESTANDEN_INLEZEN
    scope = Scope.IMPORTEREN
    pagination_class = Cursorpaginering
    parser_classes = [MultiPartParser]

    @extend_schema(summary="Uw imports", tags=["imports"], operation_id="imports_lijst", responses={200: s.ImportSerializer(many=True), **FOUTEN})
    def get(self, request):
        qs = opdrachten.zichtbare_opdrachten(request.user).order_by("aangemaakt_op", "id")
        paginering = Cursorpaginering()
        paginering.ordering = ("aangemaakt_op", "id")
        pagina = paginering.paginate_queryset(qs, request, view=self)
        nu = timezone.now()
        return paginering.get_paginated_response(
            [s.ImportSerializer(s.import_gegevens(o, opdrachten.stand_van(o, nu=nu))).data for o in pagina]
        )

    @extend_schema(
        summary="Een bestand uit het Gegevensportaal inlezen", tags=["imports"],
        description=(
            "Controleert de kop van het bestand (een schuldenlijst of een ander soort lijst wordt geweigerd en niet "
            "bewaard) en start de controle op de achtergrond. Volg de voortgang met GET /imports/{id}/ en bevestig "
            "daarna met POST /imports/{id}/bevestigen/."
        ),
        request={"multipart/form-data": s.ImportStartSerializer},
        responses={202: s.ImportSerializer, **FOUTEN, (415, P): OpenApiResponse(PROBLEEM, description="Stuur multipart/form-data"),
                   (422, P): OpenApiResponse(PROBLEEM, description="Bestand geweigerd (bijvoorbeeld een schuldenlijst)")},
    )
    def post(self, request):
        invoer = s.ImportStartSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        team = None
        if data["team"] is not None:
            team = request.user.teams.filter(pk=data["team"]).first()
            if team is None:
                raise exceptions.ValidationError({"team": [_("Kies een van uw eigen teams.")]})
        elif data["doel"] == "CONTACTLIJST":
            team = request.user.teams.order_by("naam").first()
        bestand = data["bestand"]
        # The same limits as the upload screen (aanmeldingen.forms), before anything is read into memory.
        if bestand.size > max_upload_bytes():
            raise exceptions.ValidationError({"bestand": [
                _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn. Splits het bestand.")
                % {"mb": settings.NS_IMPORT_MAX_MB}]})
        if bestand.size == 0:
            raise exceptions.ValidationError({"bestand": [
                _("Het bestand is leeg. Kies het goede bestand, of sla het opnieuw op en probeer het nog eens.")]})
        try:
            opdracht = opdrachten.opdracht_aanmaken(
                inhoud=bestand.read(), bestandsnaam=bestand.name, doel=data["doel"], door=request.user, team=team,
                portaaldatum=data["portaaldatum"], vandaag=timezone.localdate(),
            )
        except DoelFout as fout:
            beveiligingsgebeurtenis_vastleggen(
                self.django_request, actie="portaalbestand_geweigerd", resultaat="GEWEIGERD",
                object_type="portaalbestand", object_id=data["doel"], reden=fout.melding[:200],
            )
            return _bestand_geweigerd(request, fout.melding)
        except BestandFout as fout:
            return _bestand_geweigerd(request, fout.melding)
        opdracht.refresh_from_db()
        return Response(s.ImportSerializer(s.import_gegevens(opdracht, opdrachten.stand_van(opdracht))).data,
                        status=status.HTTP_202_ACCEPTED)


def _bestand_geweigerd(request, melding: str) -> Response:
    from .problemen import probleem

    return Response(probleem(422, melding, instance=request.get_full_path(), code="bestand-geweigerd"),
                    status=422, content_type=MEDIA_TYPE)


def _opdracht(request, pk) -> Importopdracht:
    opdracht = opdrachten.zichtbare_opdrachten(request.user).filter(pk=pk).first()
    if opdracht is None:
        raise Http404
    return opdracht


class ImportDetail(ApiView):
    toegangsregel = PORTAALBESTANDEN_INLEZEN
    scope = Scope.IMPORTEREN

    @extend_schema(summary="Stand, voortgang en uitkomst van een import", tags=["imports"],
                   responses={200: s.ImportSerializer, **FOUTEN})
    def get(self, request, pk):
        opdracht = _opdracht(request, pk)
        return Response(s.ImportSerializer(s.import_gegevens(opdracht, opdrachten.stand_van(opdracht))).data)


class ImportBevestigen(ApiView):
    toegangsregel = PORTAALBESTANDEN_INLEZEN
    scope = Scope.IMPORTEREN
    parser_classes = [JSONParser]

    @extend_schema(
        summary="De import bevestigen: het inlezen start op de achtergrond", tags=["imports"],
        request=s.ImportBevestigenSerializer,
        responses={202: s.ImportSerializer, **FOUTEN, (409, P): OpenApiResponse(PROBLEEM, description="Niets te bevestigen"),
                   (415, P): OpenApiResponse(PROBLEEM, description="Stuur JSON")},
    )
    def post(self, request, pk):
        opdracht = _opdracht(request, pk)
        invoer = s.ImportBevestigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        if not opdrachten.bevestigen(opdracht, wijzigingen_overnemen=invoer.validated_data["wijzigingen_overnemen"]):
            from .problemen import probleem

            return Response(probleem(
                409, _("Er is niets te bevestigen: de controle loopt nog, het bestand is al ingelezen of afgekeurd."),
                instance=request.get_full_path(), code="niets-te-bevestigen",
            ), status=409, content_type=MEDIA_TYPE)
        opdracht = _opdracht(request, pk)
        return Response(s.ImportSerializer(s.import_gegevens(opdracht, opdrachten.stand_van(opdracht))).data,
                        status=status.HTTP_202_ACCEPTED)


# --- reports (aggregates only) ----------------------------------------------------------------------

class Rapportage(ApiView):
    """One management dashboard as tables: the same figures as the screen, never a person."""

    toegangsregel = RAPPORTAGES_LEZEN
    scope = Scope.RAPPORTAGES_LEZEN

    @extend_schema(
        summary="Een rapportage (alleen totalen)", tags=["rapportages"], operation_id="rapportage",
        description=(
            "De tabellen van een dashboard, met dezelfde cijfers als het scherm: bereik (per doelgroep tegen de "
            "aantallen van UHT), doorlooptijden, ondersteuning (ook redenen van beëindiging en warme overdrachten) "
            "en kosten (per Spuk-component en de SiSa-indicatoren van een jaar). Alleen totalen: nooit een persoon."
        ),
        parameters=[
            OpenApiParameter("naam", str, OpenApiParameter.PATH, enum=list(RAPPORTEN),
                             description="Welk dashboard"),
            s.RapportFilterSerializer,
        ],
        responses={200: s.RapportSerializer, **FOUTEN},
    )
    def get(self, request, naam: str):
        if naam not in RAPPORTEN:
            raise Http404
        invoer = s.RapportFilterSerializer(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        vandaag = timezone.localdate()
        f = Filter(van=d.get("van"), tot=d.get("tot"), team_id=d.get("team"), doelgroep=d.get("doelgroep") or None)
        jaar = d.get("jaar") or (f.tot or vandaag).year
        tabellen = rapport(naam, f, jaar=jaar, vandaag=vandaag)
        return Response(s.RapportSerializer({"rapport": naam, "jaar": jaar, "tabellen": tabellen}).data)
