"""Where a logged operation comes from: actor, IP address, user agent and W3C Trace Context.

Everything is read from an optional request; without one (management commands, jobs)
the actor is given explicitly and a fresh trace id is made per operation.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass

from django.conf import settings

# W3C Trace Context: version-traceid-parentid-flags, lower-case hex.
_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$")
CLIENT_MAX = 255
ACTOR_NAAM_MAX = 300


def nieuw_trace_id() -> str:
    while True:
        waarde = secrets.token_hex(16)
        if waarde != "0" * 32:
            return waarde


def nieuw_operation_id() -> str:
    while True:
        waarde = secrets.token_hex(8)
        if waarde != "0" * 16:
            return waarde


def lees_traceparent(waarde: str | None) -> tuple[str, str] | None:
    """``(trace_id, parent_id)`` from a valid ``traceparent`` header, else None."""
    if not waarde:
        return None
    match = _TRACEPARENT.match(waarde.strip())
    if not match:
        return None
    versie, trace_id, parent_id, _vlaggen, rest = match.groups()
    if versie == "ff" or trace_id == "0" * 32 or parent_id == "0" * 16:
        return None
    if versie == "00" and rest:
        return None
    return trace_id, parent_id


def trace_context(request) -> tuple[str, str]:
    """``(trace_id, bovenliggende operation_id)`` for this request, the same for every call in it."""
    if request is None:
        return nieuw_trace_id(), ""
    bewaard = getattr(request, "_logboek_trace", None)
    if bewaard is None:
        bewaard = lees_traceparent(request.META.get("HTTP_TRACEPARENT")) or (nieuw_trace_id(), "")
        try:
            request._logboek_trace = bewaard
        except AttributeError:  # a request-like object without attributes
            pass
    return bewaard


def traceparent_voor_uitgaand(request, operation_id: str | None = None) -> str:
    """A ``traceparent`` header value for a call this request makes to another system."""
    trace_id, _ = trace_context(request)
    return f"00-{trace_id}-{operation_id or nieuw_operation_id()}-01"


def _normaliseer_ip(waarde: str) -> str:
    try:
        return str(ipaddress.ip_address(waarde.strip()))
    except ValueError:
        return ""


def herkomst_ip(request) -> str:
    """REMOTE_ADDR; behind a trusted reverse proxy (``NS_VERTROUW_PROXY = True``) the address that
    proxy appended last to X-Forwarded-For. Left-most entries are whatever the client sent, so
    they are never trusted."""
    if request is None:
        return ""
    if getattr(settings, "NS_VERTROUW_PROXY", False):
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        delen = [d.strip() for d in doorgestuurd.split(",") if d.strip()]
        if delen:
            ip = _normaliseer_ip(delen[-1])
            if ip:
                return ip
    return _normaliseer_ip(request.META.get("REMOTE_ADDR", ""))


def client(request) -> str:
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:CLIENT_MAX]


def actor_naam(user) -> str:
    if user is None:
        return ""
    gebruikersnaam = user.get_username()
    volledig = user.get_full_name() if hasattr(user, "get_full_name") else ""
    naam = f"{volledig} ({gebruikersnaam})" if volledig else gebruikersnaam
    return naam[:ACTOR_NAAM_MAX]


def actor_van(request):
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None


@dataclass(frozen=True)
class Herkomst:
    actor_id: int | None
    actor_naam: str
    herkomst_ip: str
    client: str
    trace_id: str
    bovenliggende_operation_id: str


def herkomst(request, *, actor=None, naam: str = "") -> Herkomst:
    """Everything the logs record about who and where; ``actor`` overrides the request's user."""
    actor = actor if actor is not None else actor_van(request)
    trace_id, ouder = trace_context(request)
    return Herkomst(
        actor_id=actor.pk if actor is not None else None,
        actor_naam=(actor_naam(actor) if actor is not None else naam)[:ACTOR_NAAM_MAX],
        herkomst_ip=herkomst_ip(request),
        client=client(request),
        trace_id=trace_id,
        bovenliggende_operation_id=ouder,
    )
