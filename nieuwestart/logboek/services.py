"""Writing to the two logs, checking them, and maintaining the processing register.

No HTTP needed: every function takes an optional ``request`` only to read the actor, the
origin (IP, user agent) and the W3C ``traceparent``.

Public API
----------
``verwerking(request, *, naam, betrokkenen, ...)``
    Context manager around one operation on personal data. On exit it writes one
    ``Verwerking`` line per distinct data subject and one ``Beveiligingsgebeurtenis``, all
    with the same ``operation_id``.
``beveiligingsgebeurtenis_vastleggen(request=None, *, actie, resultaat, ...)``
    An audit-only event (login, MFA, settings, break-the-glass, purge run, …).
``betrokkene_hash(bsn)``
    The keyed hash under which a data subject appears in the processing log.
``controleer_integriteit()``
    Checks both hash chains; returns a ``Rapport``.
``openstaande_regels_vastleggen()``
    Writes failure lines whose transaction was rolled back (see "Failures" below).
``activiteit_versie_toevoegen(*, code, door, **velden)``
    Adds a version to the processing register.

Failures and transactions (the choice, see also docs/logboeken.md)
------------------------------------------------------------------
* Outside a transaction the block runs as is; the lines are written afterwards in their own
  short transaction.
* Inside a transaction the block runs in a savepoint. On success the lines are written in the
  same transaction as the work, so they commit or roll back together (no work without log).
* On failure the block's savepoint is rolled back first (its partial work disappears), then the
  ERROR lines are written in the surrounding transaction and the exception is re-raised. If
  the caller catches it and commits, those lines stay. If the exception (or anything else)
  rolls the surrounding transaction back, the lines would be lost, so each failure is also
  kept in a small per-connection queue together with an ``on_commit`` marker. When the
  queue is drained and the marker was neither run nor is still pending (the transaction was
  rolled back), the lines are written again, outside the failed transaction.
  The queue is drained at the end of every HTTP request (``request_finished``) and by
  ``openstaande_regels_vastleggen()``, which jobs and commands call after their transaction.
  ``transaction.on_commit`` alone would be wrong: it never runs for a rollback.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nieuwestart.common.bsn import is_geldig_bsn, normaliseer_bsn

from . import herkomst as herkomst_mod
from .keten import Rapport, regels_toevoegen
from .keten import controleer_integriteit as _controleer_integriteit
from .models import (
    Beveiligingsgebeurtenis,
    Keten,
    Resultaat,
    Status,
    Verwerkingsactiviteit,
)
from .register import STANDAARD_ACTIVITEIT, STANDAARD_ACTIVITEIT_VELDEN

logger = logging.getLogger(__name__)

__all__ = [
    "Rapport",
    "Verwerkingscontext",
    "activiteit_versie_toevoegen",
    "betrokkene_hash",
    "betrokkene_hashes",
    "beveiligingsgebeurtenis_vastleggen",
    "controleer_integriteit",
    "huidige_activiteit",
    "huidige_activiteit_id",
    "openstaande_regels_vastleggen",
    "verwerking",
]


# --- The keyed BSN hash ------------------------------------------------------------------

def _als_bytes(sleutel) -> bytes:
    return sleutel if isinstance(sleutel, bytes) else str(sleutel).encode("utf-8")


def _sleutel() -> bytes:
    sleutel = getattr(settings, "NS_LOGBOEK_SLEUTEL", "")
    if sleutel:
        return _als_bytes(sleutel)
    # Fallback when NS_LOGBOEK_SLEUTEL is not set: a key derived from SECRET_KEY, so development
    # and tests work without extra configuration. Production MUST set NS_LOGBOEK_SLEUTEL (the
    # deploy check logboek.W001 warns): rotating SECRET_KEY would otherwise silently change
    # every hash, and an inzageverzoek would no longer find the older lines.
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("Zet NS_LOGBOEK_SLEUTEL (of SECRET_KEY) om betrokkenen te kunnen hashen.")
    return hmac.new(_als_bytes(settings.SECRET_KEY), b"nieuwestart.logboek.betrokkene-sleutel.v1", hashlib.sha256).digest()


def _hash_met(sleutel: bytes, bsn: str) -> str:
    return hmac.new(sleutel, normaliseer_bsn(bsn).encode("utf-8"), hashlib.sha256).hexdigest()


def betrokkene_hash(bsn: str) -> str:
    """HMAC-SHA256 of the normalised BSN with the log key. The plain BSN is never stored."""
    return _hash_met(_sleutel(), bsn)


def betrokkene_hashes(bsn: str) -> list[str]:
    """The hash under the current key plus under previous keys (``NS_LOGBOEK_VORIGE_SLEUTELS``),
    so lines written before a key rotation are still found."""
    sleutels = [_sleutel(), *(_als_bytes(s) for s in getattr(settings, "NS_LOGBOEK_VORIGE_SLEUTELS", ()) if s)]
    return list(dict.fromkeys(_hash_met(s, bsn) for s in sleutels))


# 8 or 9 digits, also as people type them: "123 456 782", "1234.56.782", "12-34-56-782".
_BSN_ACHTIG = re.compile(r"(?<![\d.-])\d(?:[ .-]?\d){7,8}(?![\d])")


def _zonder_bsn(tekst: str) -> str:
    """Defence in depth: a valid BSN typed into a free-text field never reaches the audit log."""
    if not tekst:
        return ""

    def vervang(m: re.Match) -> str:
        return "[BSN]" if is_geldig_bsn(re.sub(r"[ .-]", "", m.group(0))) else m.group(0)

    return _BSN_ACHTIG.sub(vervang, str(tekst))


# --- The processing register ------------------------------------------------------------

def _standaard_activiteit_aanmaken() -> Verwerkingsactiviteit:
    """The default register entry normally comes from migration 0002; recreate it if it is gone."""
    try:
        with transaction.atomic():
            return Verwerkingsactiviteit.objects.create(code=STANDAARD_ACTIVITEIT, versie=1, **STANDAARD_ACTIVITEIT_VELDEN)
    except IntegrityError:
        return Verwerkingsactiviteit.objects.get(code=STANDAARD_ACTIVITEIT, versie=1)


def _huidige_activiteit_id(code: str, dag: date) -> int | None:
    # Plain SQL: runs for every logged operation (see keten._koppen_vergrendelen).
    tabel = connection.ops.quote_name(Verwerkingsactiviteit._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {tabel} WHERE code = %s "
            f"ORDER BY CASE WHEN geldig_vanaf <= %s THEN 1 ELSE 0 END DESC, versie DESC LIMIT 1",
            [code, connection.ops.adapt_datefield_value(dag)],
        )
        rij = cursor.fetchone()
    return rij[0] if rij else None


def huidige_activiteit_id(code: str = STANDAARD_ACTIVITEIT, *, op: date | None = None) -> int:
    """The id of the version in force on ``op`` (today): the highest version whose
    ``geldig_vanaf`` has passed; if none has, the highest version (logging must not fail on a
    date typo). Unknown code: ``LookupError``."""
    activiteit_id = _huidige_activiteit_id(code, op or timezone.localdate())
    if activiteit_id is None:
        if code == STANDAARD_ACTIVITEIT:
            return _standaard_activiteit_aanmaken().pk
        raise LookupError(f"Verwerkingsactiviteit {code!r} staat niet in het verwerkingsregister.")
    return activiteit_id


def huidige_activiteit(code: str = STANDAARD_ACTIVITEIT, *, op: date | None = None) -> Verwerkingsactiviteit:
    """The register entry (version) in force on ``op``; see ``huidige_activiteit_id``."""
    return Verwerkingsactiviteit.objects.get(pk=huidige_activiteit_id(code, op=op))


def _activiteit_voor(request, code: str) -> int:
    """Per request the register is read once per code."""
    cache = getattr(request, "_logboek_activiteiten", None) if request is not None else None
    if cache is not None and code in cache:
        return cache[code]
    activiteit_id = huidige_activiteit_id(code)
    if request is not None:
        try:
            if cache is None:
                cache = request._logboek_activiteiten = {}
            cache[code] = activiteit_id
        except AttributeError:
            pass
    return activiteit_id


REGISTER_VELDEN = (
    "naam", "doel", "rechtsgrond", "bewaartermijn", "categorieen_betrokkenen", "categorieen_gegevens",
    "categorieen_ontvangers", "geldig_vanaf",
)


class RegisterFout(ValueError):
    """A register change that is not allowed; ``veld`` names the form field."""

    def __init__(self, bericht: str, *, veld: str | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.veld = veld


def activiteit_versie_toevoegen(
    *, code: str, door=None, request=None, nieuwe_code: bool = False, **velden
) -> Verwerkingsactiviteit:
    """Add version n+1 of ``code`` (version 1 for a new code). Earlier versions never change.

    ``nieuwe_code=True``: refuse when the code already exists (the "new activity" form).
    """
    onbekend = set(velden) - set(REGISTER_VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9_]{1,59}", code):
        raise RegisterFout(_("Gebruik voor de code alleen hoofdletters, cijfers en _, en begin met een letter."), veld="code")
    with transaction.atomic():
        vorige = Verwerkingsactiviteit.objects.filter(code=code).order_by("-versie").first()
        if vorige is not None and nieuwe_code:
            raise RegisterFout(_("Deze code bestaat al. Maak in het register een nieuwe versie van die activiteit."), veld="code")
        if vorige is not None and velden.get("geldig_vanaf") and velden["geldig_vanaf"] < vorige.geldig_vanaf:
            raise RegisterFout(
                _("Een nieuwe versie kan niet eerder ingaan dan versie %(versie)s (%(datum)s).")
                % {"versie": vorige.versie, "datum": vorige.geldig_vanaf.strftime("%d-%m-%Y")},
                veld="geldig_vanaf",
            )
        try:
            with transaction.atomic():
                nieuwe = Verwerkingsactiviteit.objects.create(
                    code=code, versie=(vorige.versie + 1) if vorige else 1, aangemaakt_door=door, **velden
                )
        except IntegrityError:
            raise RegisterFout(_("Iemand anders heeft net een nieuwe versie opgeslagen. Laad de pagina opnieuw.")) from None
        beveiligingsgebeurtenis_vastleggen(
            request, actie="verwerkingsregister_gewijzigd", resultaat=Resultaat.GELUKT,
            object_type="verwerkingsactiviteit", object_id=f"{code} v{nieuwe.versie}", actor=door,
        )
    return nieuwe


# --- Writing lines ------------------------------------------------------------------------

@dataclass(eq=False)
class _Regels:
    """The lines of one operation, as plain values, so they can be written (again) later."""

    operation_id: str
    verwerkingen: list[dict]
    gebeurtenissen: list[dict]
    marker: object = None
    gecommit: bool = False

    def vastleggen(self, *, controleer_verwijzingen: bool = False) -> None:
        gebeurtenissen = [dict(g) for g in self.gebeurtenissen]
        if controleer_verwijzingen:
            # Written later, outside the failed transaction: a user created in that same
            # transaction no longer exists; keep the name snapshot, drop the link.
            User = get_user_model()
            for g in gebeurtenissen:
                if g.get("actor_id") and not User.objects.filter(pk=g["actor_id"]).exists():
                    g["actor_id"] = None
        regels_toevoegen({
            Keten.VERWERKINGEN: [dict(v) for v in self.verwerkingen],
            Keten.BEVEILIGING: gebeurtenissen,
        })


def _openstaand(connection) -> list[_Regels]:
    lijst = getattr(connection, "_logboek_openstaand", None)
    if lijst is None:
        lijst = connection._logboek_openstaand = []
    return lijst


def _marker_staat_nog_open(connection, marker) -> bool:
    # Django keeps pending on_commit callbacks in ``run_on_commit`` as (savepoints, func, robust);
    # a rollback (of the transaction or of the savepoint it was registered in) removes them.
    return any(func is marker for _sids, func, _robust in connection.run_on_commit)


def _fout_vastleggen(regels: _Regels) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        try:
            regels.vastleggen()
        except Exception:
            logger.exception("Logboek: mislukte operatie %s niet vastgelegd; later opnieuw.", regels.operation_id)
            _openstaand(connection).append(regels)
        return

    def gecommit():
        regels.gecommit = True

    regels.marker = gecommit
    _openstaand(connection).append(regels)
    if connection.needs_rollback:
        return  # this transaction cannot write any more; drained after it ends
    try:
        with transaction.atomic():
            regels.vastleggen()
    except Exception:
        logger.exception("Logboek: mislukte operatie %s later vastleggen.", regels.operation_id)
        return
    transaction.on_commit(gecommit)


def openstaande_regels_vastleggen() -> int:
    """Write failure lines that a rolled-back transaction took with it. Returns how many operations.

    Safe to call at any time; lines whose transaction is still open stay queued, lines that were
    committed are dropped from the queue. Called automatically at the end of each request.
    """
    connection = transaction.get_connection()
    lijst = getattr(connection, "_logboek_openstaand", None)
    if not lijst:
        return 0
    geschreven = 0
    for regels in list(lijst):
        if regels.gecommit:
            lijst.remove(regels)
            continue
        if regels.marker is not None and _marker_staat_nog_open(connection, regels.marker):
            continue
        lijst.remove(regels)
        if connection.in_atomic_block and connection.needs_rollback:
            lijst.append(regels)
            continue
        try:
            with transaction.atomic():
                if Beveiligingsgebeurtenis.objects.filter(operation_id=regels.operation_id).exists():
                    continue
                regels.vastleggen(controleer_verwijzingen=True)
        except Exception:
            # Last resort: the application log (hashes only, never a BSN).
            logger.exception(
                "Logboek: mislukte operatie %s kon niet worden vastgelegd: %r", regels.operation_id, regels.gebeurtenissen
            )
            continue
        geschreven += 1
        if connection.in_atomic_block:
            # Written inside yet another transaction: watch that one too.
            def gecommit(r=regels):
                r.gecommit = True

            regels.marker = gecommit
            lijst.append(regels)
            transaction.on_commit(gecommit)
    return geschreven


def openstaande_regels_vergeten() -> None:
    """Drop the queue of this connection (a new unit of work starts: see apps.py)."""
    lijst = getattr(transaction.get_connection(), "_logboek_openstaand", None)
    if lijst:
        for regels in lijst:
            if not regels.gecommit and regels.marker is not None:
                logger.warning("Logboek: mislukte operatie %s is niet meer nagekomen.", regels.operation_id)
        lijst.clear()


# --- verwerking() -------------------------------------------------------------------------

@dataclass
class Verwerkingscontext:
    """What the ``with verwerking(...) as v`` block sees. Add data subjects found during the work
    (e.g. the rows of an export) with ``v.betrokkenen_toevoegen(...)``."""

    trace_id: str
    operation_id: str
    _hashes: dict[str, str] = field(default_factory=dict, repr=False)

    def betrokkene_toevoegen(self, bsn: str) -> None:
        self.betrokkenen_toevoegen([bsn])

    def betrokkenen_toevoegen(self, bsns: Iterable[str]) -> None:
        if isinstance(bsns, str):
            bsns = [bsns]
        sleutel = None  # derived once for a whole page of persons
        for bsn in bsns:
            genormaliseerd = normaliseer_bsn(bsn or "")
            if genormaliseerd and genormaliseerd not in self._hashes:
                sleutel = sleutel or _sleutel()
                self._hashes[genormaliseerd] = _hash_met(sleutel, genormaliseerd)

    @property
    def aantal_betrokkenen(self) -> int:
        return len(self._hashes)

    def hashes(self) -> list[str]:
        return list(self._hashes.values())


def _regels_voor(
    ctx: Verwerkingscontext, oorsprong: herkomst_mod.Herkomst, *, activiteit, naam, object_type, object_id,
    actie, reden, gestart, beeindigd, status, resultaat,
) -> _Regels:
    verwerkingen = [
        {
            "trace_id": ctx.trace_id, "operation_id": ctx.operation_id,
            "bovenliggende_operation_id": oorsprong.bovenliggende_operation_id, "status": status, "naam": naam,
            "gestart_op": gestart, "beeindigd_op": beeindigd, "activiteit_id": activiteit,
            "betrokkene_hash": h, "object_type": object_type, "object_id": object_id,
        }
        for h in ctx.hashes()
    ]
    gebeurtenis = {
        "tijdstip": beeindigd, "actor_id": oorsprong.actor_id, "actor_naam": oorsprong.actor_naam,
        "actie": actie, "object_type": object_type, "object_id": object_id, "resultaat": resultaat,
        "herkomst_ip": oorsprong.herkomst_ip, "client": oorsprong.client, "trace_id": ctx.trace_id,
        "operation_id": ctx.operation_id, "reden": reden,
    }
    return _Regels(operation_id=ctx.operation_id, verwerkingen=verwerkingen, gebeurtenissen=[gebeurtenis])


def _kort(waarde, lengte: int) -> str:
    return _zonder_bsn(str(waarde or ""))[:lengte]


@contextmanager
def verwerking(
    request,
    *,
    naam: str,
    betrokkenen: Iterable[str],
    activiteit: str = STANDAARD_ACTIVITEIT,
    object_type: str = "",
    object_id: str = "",
    actie: str | None = None,
    reden: str = "",
    actor=None,
):
    """Log one operation on personal data: one ``Verwerking`` per distinct BSN + one audit row.

    ``betrokkenen``: the BSNs of the data subjects (more can be added in the block with
    ``v.betrokkenen_toevoegen``). Status OK, or ERROR when an exception escapes the block
    (it is re-raised); the audit row gets GELUKT, GEWEIGERD (PermissionDenied) or MISLUKT.
    ``actor`` overrides the request's user (for jobs without a request).
    """
    activiteit_id = _activiteit_voor(request, activiteit)  # fails before the work for an unknown code
    oorsprong = herkomst_mod.herkomst(request, actor=actor)
    ctx = Verwerkingscontext(trace_id=oorsprong.trace_id, operation_id=herkomst_mod.nieuw_operation_id())
    ctx.betrokkenen_toevoegen(betrokkenen)
    velden = {
        "activiteit": activiteit_id, "naam": naam[:100], "object_type": _kort(object_type, 50),
        "object_id": _kort(object_id, 100), "actie": (actie or naam)[:100], "reden": _zonder_bsn(reden),
    }
    gestart = timezone.now()
    in_transactie = transaction.get_connection().in_atomic_block
    try:
        if in_transactie:
            with transaction.atomic():
                yield ctx
        else:
            yield ctx
    except Exception as fout:
        resultaat = Resultaat.GEWEIGERD if isinstance(fout, PermissionDenied) else Resultaat.MISLUKT
        _fout_vastleggen(_regels_voor(
            ctx, oorsprong, gestart=gestart, beeindigd=timezone.now(), status=Status.ERROR, resultaat=resultaat, **velden
        ))
        raise
    else:
        _regels_voor(
            ctx, oorsprong, gestart=gestart, beeindigd=timezone.now(), status=Status.OK, resultaat=Resultaat.GELUKT,
            **velden,
        ).vastleggen()


def beveiligingsgebeurtenis_vastleggen(
    request=None,
    *,
    actie: str,
    resultaat: str,
    object_type: str = "",
    object_id: str = "",
    actor=None,
    reden: str = "",
    actor_naam: str = "",
) -> Beveiligingsgebeurtenis:
    """An audit-only event (login ok/failed, MFA enrolled, settings changed, user created,
    break-the-glass, purge run). ``actor`` overrides the request's user; ``actor_naam`` names an
    actor without an account (e.g. the user name typed at a failed login). Never pass secrets."""
    if resultaat not in Resultaat.values:
        raise ValueError(f"Onbekend resultaat {resultaat!r}; kies uit {Resultaat.values}.")
    oorsprong = herkomst_mod.herkomst(request, actor=actor, naam=_kort(actor_naam, herkomst_mod.ACTOR_NAAM_MAX))
    gebeurtenis = Beveiligingsgebeurtenis(
        tijdstip=timezone.now(), actor_id=oorsprong.actor_id, actor_naam=oorsprong.actor_naam,
        actie=actie[:100], object_type=_kort(object_type, 50), object_id=_kort(object_id, 100), resultaat=resultaat,
        herkomst_ip=oorsprong.herkomst_ip, client=oorsprong.client, trace_id=oorsprong.trace_id,
        operation_id=herkomst_mod.nieuw_operation_id(), reden=_zonder_bsn(reden),
    )
    regels_toevoegen({Keten.BEVEILIGING: [gebeurtenis]})
    return gebeurtenis


def controleer_integriteit() -> Rapport:
    """Check both hash chains; per log: ok, number of lines, first broken volgnummer and why."""
    return _controleer_integriteit()
