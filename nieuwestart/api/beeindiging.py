"""API writes for the end of support: afbouw, contact attempts, beëindiging, warme overdracht, nazorg and
afsluiten. Each is the screen's service call with the screen's rules (``beeindiging.services``); a refusal is
a 422 with the rule's code and Dutch explanation. Every call writes the same processing-log line as the screen.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.response import Response

from nieuwestart.beeindiging import services
from nieuwestart.beeindiging.models import WarmeOverdracht
from nieuwestart.beeindiging.selectors import dossiersectie
from nieuwestart.toegang.regels import DOSSIERS_LEZEN

from . import serializers as s
from .models import Scope
from .toegang import ApiView, dossier_laden, dossier_verwerken
from .views import FOUTEN, FOUTEN_SCHRIJVEN, _DossierSchrijven

TAG = ["einde ondersteuning"]


class EindeOndersteuning(ApiView):
    """Read what the nine writes below recorded, as the dossier page's section shows it."""

    toegangsregel = DOSSIERS_LEZEN
    scope = Scope.DOSSIERS_LEZEN

    @extend_schema(
        summary="Einde van de ondersteuning: beëindiging, afbouw, warme overdrachten en nazorg", tags=TAG,
        description="Hetzelfde als het blok 'Einde van de ondersteuning' op de dossierpagina: de beëindiging, de "
                    "stappen van de afbouw, de contactpogingen, elke warme overdracht met de termijnen en uitkomsten "
                    "van de twee nazorgcontroles, en wat er nog moet gebeuren voor de nazorg klaar is.",
        responses={200: s.EindeOndersteuningSerializer, **FOUTEN},
    )
    def get(self, request, pk: int):
        dossier = dossier_laden(pk)
        with dossier_verwerken(request, dossier, naam="einde_ondersteuning_bekijken"):
            sectie = dossiersectie(dossier, vandaag=timezone.localdate(), mag_wijzigen=False)
            return Response(s.EindeOndersteuningSerializer(s.einde_ondersteuning(sectie)).data)


def _invoer(serializer_klasse, request, **kwargs):
    invoer = serializer_klasse(data=request.data, **kwargs)
    invoer.is_valid(raise_exception=True)
    return invoer.validated_data


class _Stap(_DossierSchrijven):
    """One step of the end of support: check the body, run the screen's service under the screen's log line,
    answer 201 with what ``antwoord`` makes of the result (by default the dossier's new status)."""

    invoer: type
    logregel: str

    def uitvoeren(self, dossier, door, data, vandaag, **pad):
        raise NotImplementedError

    def laden(self, dossier, **pad) -> dict:
        """The objects named in the path, looked up before the body is checked (404 first)."""
        return pad

    def antwoord(self, dossier, uitkomst) -> dict:
        dossier.refresh_from_db(fields=["status"])
        return {"dossierstatus": dossier.status}

    def post(self, request, pk: int, **pad):
        dossier = self._wijzigbaar(request, pk)
        pad = self.laden(dossier, **pad)
        data = _invoer(self.invoer, request)
        with dossier_verwerken(request, dossier, naam=self.logregel):
            uitkomst = self.uitvoeren(dossier, request.user, data, timezone.localdate(), **pad)
        return Response(self.antwoord(dossier, uitkomst), status=status.HTTP_201_CREATED)


class _Vastgelegd(_Stap):
    """A step that records something dated: answer its id and date with the dossier's status."""

    def antwoord(self, dossier, uitkomst) -> dict:
        return {"id": uitkomst.pk, "datum": uitkomst.datum, "dossierstatus": dossier.status}


@extend_schema(
    methods=["POST"], summary="Afbouw starten na 'niet erkend'", tags=TAG,
    description="Kan alleen nadat UHT de aanvrager niet heeft erkend (regel AFBOUW_NA_NIET_ERKEND). De afbouw "
                "duurt hoogstens 30 dagen; de termijn loopt vanaf het bericht van UHT.",
    request=s.DatumInvoerSerializer, responses={201: s.DossierstatusSerializer, **FOUTEN_SCHRIJVEN},
)
class Afbouw(_Stap):
    invoer, logregel = s.DatumInvoerSerializer, "afbouw_starten"

    def uitvoeren(self, dossier, door, data, vandaag):
        services.afbouw_starten(dossier=dossier, door=door, vandaag=vandaag, **data)


@extend_schema(
    methods=["POST"], summary="Een stap van de afbouw afvinken", tags=TAG,
    description="Elke stap kan één keer (regel AFBOUWSTAP_EENMAAL), en alleen als het dossier in de afbouw is.",
    request=s.AfbouwstapInvoerSerializer, responses={201: s.VastgelegdSerializer, **FOUTEN_SCHRIJVEN},
)
class Afbouwstappen(_Vastgelegd):
    invoer, logregel = s.AfbouwstapInvoerSerializer, "afbouwstap_afvinken"

    def uitvoeren(self, dossier, door, data, vandaag):
        return services.afbouwstap_afvinken(dossier=dossier, door=door, vandaag=vandaag, **data)


@extend_schema(
    methods=["POST"], summary="Een poging tot contact vastleggen", tags=TAG,
    description="Nodig voordat de ondersteuning stopt omdat de persoon niet reageert (regel "
                "CONTACTPOGINGEN_VOOR_BEEINDIGING).",
    request=s.ContactpogingInvoerSerializer, responses={201: s.VastgelegdSerializer, **FOUTEN_SCHRIJVEN},
    examples=[OpenApiExample("Brief zonder reactie", request_only=True,
                             value={"datum": "2026-10-01", "kanaal": "POST", "uitkomst": "GEEN_REACTIE"})],
)
class Contactpogingen(_Vastgelegd):
    invoer, logregel = s.ContactpogingInvoerSerializer, "contactpoging_vastleggen"

    def uitvoeren(self, dossier, door, data, vandaag):
        return services.contactpoging_vastleggen(dossier=dossier, door=door, vandaag=vandaag, **data)


@extend_schema(
    methods=["POST"], summary="Ondersteuning beëindigen", tags=TAG,
    description=(
        "Dezelfde zeven redenen en regels als het scherm 'Ondersteuning beëindigen'. Waar de reden de rechtspositie "
        "verandert, maakt Nieuwe Start de beëindigingsbeschikking (PDF en Word); het kenmerk staat in het antwoord. "
        "Toegekende voorzieningen lopen door."
    ),
    request=s.NieuweBeeindigingSerializer, responses={201: s.BeeindigingAntwoordSerializer, **FOUTEN_SCHRIJVEN},
    examples=[
        OpenApiExample("Verhuisd", request_only=True,
                       value={"reden": "VERHUISD", "einddatum": "2026-11-30", "nieuwe_gemeente": "Utrecht"}),
        OpenApiExample("Doelen bereikt", request_only=True, value={
            "reden": "DOELEN_BEREIKT", "einddatum": "2026-11-30", "bereikte_leefgebieden": ["WONEN", "FINANCIEN"]}),
    ],
)
class Beeindigen(_Stap):
    invoer, logregel = s.NieuweBeeindigingSerializer, "ondersteuning_beeindigen"

    def uitvoeren(self, dossier, door, data, vandaag):
        return services.beeindigen(dossier=dossier, door=door, vandaag=vandaag, **data)

    def antwoord(self, dossier, uitkomst) -> dict:
        return s.BeeindigingAntwoordSerializer(uitkomst).data


@extend_schema(
    methods=["POST"], summary="Warme overdracht vastleggen", tags=TAG,
    description=(
        "Stelt een overdracht voor van één leefgebied aan reguliere hulp; met 'overgedragen_op' is die meteen "
        "overgedragen (dan zijn toestemming, contactpersoon en wat is overgedragen verplicht). Een overdracht telt "
        "als bereikt doel; daarna lopen de twee nazorgcontroles."
    ),
    request=s.OverdrachtInvoerSerializer, responses={201: s.WarmeOverdrachtSerializer, **FOUTEN_SCHRIJVEN},
    examples=[OpenApiExample("Naar de schuldhulpverlening", request_only=True, value={
        "leefgebied": "FINANCIEN", "ontvanger": "SCHULDHULPVERLENING", "contactpersoon": "A. de Wit",
        "contactgegevens": "0201234567", "wat_overgedragen": "Overzicht van de schulden en de afspraken",
        "toestemming": True, "overgedragen_op": "2026-11-20",
    })],
)
class Overdrachten(_Stap):
    invoer, logregel = s.OverdrachtInvoerSerializer, "overdracht_vastleggen"

    def uitvoeren(self, dossier, door, data, vandaag):
        return services.overdracht_vastleggen(dossier=dossier, door=door, vandaag=vandaag, **data)

    def antwoord(self, dossier, uitkomst) -> dict:
        return s.WarmeOverdrachtSerializer(uitkomst).data


def _overdracht(dossier, pk) -> WarmeOverdracht:
    overdracht = WarmeOverdracht.objects.select_related("aanbieder").filter(dossier=dossier, pk=pk).first()
    if overdracht is None:
        raise Http404
    return overdracht


class Overdracht(_DossierSchrijven):
    @extend_schema(
        summary="Voorgestelde warme overdracht wijzigen of overdragen", tags=TAG,
        description="Alleen zolang de overdracht is voorgesteld (regel OVERDRACHT_STATUS_VOLGORDE). Stuur alleen de "
                    "velden die veranderen; met 'overgedragen_op' is de hulp overgedragen.",
        request=s.OverdrachtInvoerSerializer(partial=True), responses={200: s.WarmeOverdrachtSerializer, **FOUTEN_SCHRIJVEN},
    )
    def patch(self, request, pk: int, overdracht: int):
        dossier = self._wijzigbaar(request, pk)
        o = _overdracht(dossier, overdracht)
        velden = _invoer(s.OverdrachtInvoerSerializer, request, partial=True)  # partial: only what was sent, no defaults
        with dossier_verwerken(request, dossier, naam="overdracht_bijwerken"):
            o = services.overdracht_bijwerken(overdracht=o, door=request.user, vandaag=timezone.localdate(), **velden)
        return Response(s.WarmeOverdrachtSerializer(o).data)


@extend_schema(
    methods=["POST"], summary="Nazorgcontrole vastleggen: is de hulp gestart?", tags=TAG,
    description="Eén keer per moment, na de overdracht (regel NAZORGCONTROLE_EENMAAL). Voldoet aan de termijn "
                "van die controle.",
    request=s.NazorgcontroleInvoerSerializer, responses={201: s.NazorgcontroleSerializer, **FOUTEN_SCHRIJVEN},
)
class Nazorgcontroles(_Stap):
    invoer, logregel = s.NazorgcontroleInvoerSerializer, "nazorgcontrole_vastleggen"

    def laden(self, dossier, overdracht):
        return {"overdracht": _overdracht(dossier, overdracht)}

    def uitvoeren(self, dossier, door, data, vandaag, overdracht):
        return services.nazorgcontrole_vastleggen(overdracht=overdracht, door=door, vandaag=vandaag, **data)

    def antwoord(self, dossier, uitkomst) -> dict:
        return s.NazorgcontroleSerializer(uitkomst).data


@extend_schema(
    methods=["POST"], summary="Nazorg starten", tags=TAG,
    description="Na de beëindiging, als er minstens één leefgebied warm is overgedragen (regel NAZORG_NA_OVERDRACHT).",
    request=s.DatumInvoerSerializer, responses={201: s.DossierstatusSerializer, **FOUTEN_SCHRIJVEN},
)
class Nazorg(_Stap):
    invoer, logregel = s.DatumInvoerSerializer, "nazorg_starten"

    def uitvoeren(self, dossier, door, data, vandaag):
        services.nazorg_starten(dossier=dossier, door=door, vandaag=vandaag, **data)


@extend_schema(
    methods=["POST"], summary="Dossier afsluiten", tags=TAG,
    description="Na de nazorg, of met de reden waarom (verdere) nazorg niet nodig is (regel AFSLUITEN_NA_NAZORG).",
    request=s.AfsluitenInvoerSerializer, responses={201: s.DossierstatusSerializer, **FOUTEN_SCHRIJVEN},
)
class Afsluiten(_Stap):
    invoer, logregel = s.AfsluitenInvoerSerializer, "dossier_afsluiten"

    def uitvoeren(self, dossier, door, data, vandaag):
        services.afsluiten(dossier=dossier, door=door, vandaag=vandaag, **data)
