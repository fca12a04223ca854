"""Every API error as an RFC 7807 problem (``application/problem+json``) with a Dutch ``detail``.

A refusal by a policy rule (``RegelOvertreding``) is 422 with the rule's code and the same Dutch
text the screens show; invalid input is 400 with ``invalid_params`` per field. An unexpected error
is logged and answered as a problem too (500), never as an HTML page.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import exceptions, status
from rest_framework.response import Response

from nieuwestart.beleid.regels import RegelOvertreding

logger = logging.getLogger(__name__)

PROBLEEM_TYPE = "https://nieuwestart.nl/problemen/"
MEDIA_TYPE = "application/problem+json"

TITELS = {
    400: _lazy("Ongeldige aanvraag"),
    401: _lazy("Niet ingelogd"),
    403: _lazy("Geen toegang"),
    404: _lazy("Niet gevonden"),
    405: _lazy("Methode niet toegestaan"),
    406: _lazy("Formaat niet beschikbaar"),
    415: _lazy("Formaat niet ondersteund"),
    422: _lazy("Niet toegestaan door een regel"),
    429: _lazy("Te veel verzoeken"),
    500: _lazy("Interne fout"),
}
CODES = {
    400: "ongeldig", 401: "niet-ingelogd", 403: "geen-toegang", 404: "niet-gevonden", 405: "methode",
    406: "formaat", 415: "formaat-niet-ondersteund", 422: "regel", 429: "te-veel", 500: "interne-fout",
}


def probleem(status_code: int, detail: str, *, instance: str = "", **extra) -> dict:
    code = extra.pop("code", None) or CODES.get(status_code, "fout")
    return {
        "type": PROBLEEM_TYPE + code,
        "title": str(TITELS.get(status_code, _("Fout"))),
        "status": status_code,
        "detail": str(detail),
        "instance": instance,
        **extra,
    }


def _ongeldige_velden(detail, prefix: str = "") -> list[dict]:
    uit = []
    if isinstance(detail, dict):
        for veld, fouten in detail.items():
            naam = f"{prefix}.{veld}" if prefix else str(veld)
            if veld == "non_field_errors":
                naam = prefix or "__all__"
            uit += _ongeldige_velden(fouten, naam)
    elif isinstance(detail, list):
        if all(not isinstance(f, (dict, list)) for f in detail):
            uit += [{"name": prefix or "__all__", "reason": str(f)} for f in detail]
        else:
            for i, f in enumerate(detail):
                uit += _ongeldige_velden(f, f"{prefix}[{i}]" if prefix else f"[{i}]")
    else:
        uit.append({"name": prefix or "__all__", "reason": str(detail)})
    return uit


def _antwoord(body: dict, headers=None) -> Response:
    antwoord = Response(body, status=body["status"], headers=headers, content_type=MEDIA_TYPE)
    return antwoord


def uitzondering_afhandelen(exc, context):
    """DRF's EXCEPTION_HANDLER."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, RegelOvertreding):
        return _antwoord(probleem(
            422, exc.bericht, instance=instance, regel=exc.regel.code, veld=exc.veld or "",
        ))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Dit bestaat niet, of u mag het niet zien."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(_("U mag dit niet."))
    if isinstance(exc, exceptions.ValidationError):
        velden = _ongeldige_velden(exc.detail)
        samenvatting = "; ".join(f"{v['name']}: {v['reason']}" if v["name"] != "__all__" else v["reason"] for v in velden[:5])
        return _antwoord(probleem(
            400, _("De gegevens kloppen niet. %(fouten)s") % {"fouten": samenvatting}, instance=instance,
            invalid_params=velden,
        ))
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail if isinstance(exc.detail, str) else "; ".join(str(d) for d in exc.detail)
        if isinstance(exc, exceptions.NotAuthenticated):
            detail = _("Stuur een geldige API-sleutel mee: Authorization: Bearer <sleutel>.")
        elif isinstance(exc, exceptions.MethodNotAllowed):
            detail = _("Deze methode (%(methode)s) kan hier niet.") % {"methode": request.method if request else ""}
        elif isinstance(exc, exceptions.UnsupportedMediaType):
            detail = _("Stuur de gegevens als JSON (Content-Type: application/json) of, voor een bestand, als multipart/form-data.")
        elif isinstance(exc, exceptions.NotAcceptable):
            detail = _("Dit formaat kan de API niet leveren. Vraag om application/json.")
        elif isinstance(exc, exceptions.Throttled):
            detail = getattr(exc, "uitleg", None) or _(
                "U stuurt te veel verzoeken. Probeer het over %(n)s seconden opnieuw; vraag de functioneel beheerder "
                "om een hogere grens als dit vaker gebeurt."
            ) % {"n": headers.get("Retry-After", "60")}
        elif isinstance(exc, exceptions.ParseError):
            detail = _("De inhoud van het verzoek is geen geldige JSON of geen geldig formulier.")
        return _antwoord(probleem(exc.status_code, detail, instance=instance), headers=headers)
    logger.exception("Onverwachte fout in de API", exc_info=exc)
    return _antwoord(probleem(
        500, _("Er ging iets mis aan onze kant. Er is niets veranderd. Probeer het later opnieuw."), instance=instance,
    ))


def niet_gevonden_antwoord(request) -> JsonResponse:
    """A path under /api/ that does not exist (outside DRF, so built by hand)."""
    return JsonResponse(
        probleem(404, _("Deze API-route bestaat niet. Zie het schema op /api/v1/schema/."), instance=request.get_full_path()),
        status=status.HTTP_404_NOT_FOUND, content_type=MEDIA_TYPE,
    )
