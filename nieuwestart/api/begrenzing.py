"""Limits on API traffic: requests per application, and a block on an address that keeps sending bad keys.

* ``PerApplicatie`` (a DRF throttle): at most ``NS_API_VERZOEKEN_PER_MINUUT`` requests per minute per
  API-applicatie (or per person with an OIDC token). Over the limit: 429 with ``Retry-After``.
* ``sleutel_geblokkeerd`` / ``foute_sleutel_tellen``: after ``NS_API_FOUTE_SLEUTELS_MAX`` refused keys from
  one address within ``NS_API_BLOKKADE_MINUTEN``, that address gets 429 for the rest of the window, without a
  database lookup and without a security-log line per attempt (one line when the block starts). A flood of
  bad keys would otherwise fill the security log and hold its chain lock.

Both count in fixed one-window counters in the ``api`` cache. That cache is per process unless
``NS_API_CACHE_URL`` points at a shared Redis: with several gunicorn workers and no Redis, each worker counts
for itself (docs/api.md).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.throttling import BaseThrottle

from nieuwestart.logboek.herkomst import herkomst_ip
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen

from .models import ApiApplicatie


def _cache():
    return caches["api"]


def _tellen(sleutel: str, venster: int) -> int:
    """Count one in the current fixed window of ``venster`` seconds; returns the count so far."""
    cache = _cache()
    if cache.add(sleutel, 1, timeout=venster + 1):
        return 1
    try:
        return cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.add(sleutel, 1, timeout=venster + 1)
        return 1


def _rest_van_venster(venster: int, nu: float | None = None) -> int:
    nu = time.time() if nu is None else nu
    return max(1, int(venster - nu % venster))


class PerApplicatie(BaseThrottle):
    VENSTER = 60

    def allow_request(self, request, view) -> bool:
        limiet = getattr(settings, "NS_API_VERZOEKEN_PER_MINUUT", 0)
        if not limiet:
            return True
        if isinstance(request.auth, ApiApplicatie):
            wie = f"app{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            wie = f"user{request.user.pk}"
        else:
            return True  # no identity: refused by the permission check anyway
        venster = int(time.time() // self.VENSTER)
        self._wacht = _rest_van_venster(self.VENSTER)
        return _tellen(f"ns-api:{wie}:{venster}", self.VENSTER) <= limiet

    def wait(self):
        return getattr(self, "_wacht", self.VENSTER)


class TeVeelVerzoeken(exceptions.Throttled):
    """A 429 whose Dutch explanation the problem answer shows as is (``uitleg``)."""

    def __init__(self, wacht: int, uitleg: str):
        super().__init__(wait=wacht)
        self.uitleg = uitleg


def _blokkade_venster() -> int:
    return max(1, getattr(settings, "NS_API_BLOKKADE_MINUTEN", 10)) * 60


def _blokkade_sleutel(request) -> str:
    venster = _blokkade_venster()
    return f"ns-api-fout:{herkomst_ip(request) or '?'}:{int(time.time() // venster)}"


def sleutel_geblokkeerd(request) -> None:
    """Raise 429 when this address sent too many refused keys in the current window."""
    maximum = getattr(settings, "NS_API_FOUTE_SLEUTELS_MAX", 0)
    if maximum and (_cache().get(_blokkade_sleutel(request)) or 0) >= maximum:
        raise TeVeelVerzoeken(
            _rest_van_venster(_blokkade_venster()),
            _("Vanaf dit adres zijn te veel ongeldige API-sleutels gestuurd. Wacht tot de blokkade voorbij is "
              "(zie Retry-After) en controleer de sleutel bij de functioneel beheerder."),
        )


def foute_sleutel_tellen(request, *, actie: str, object_id: str = "") -> None:
    """Log a refused key (security log) and count it for this address; the attempt that reaches the
    maximum logs the block instead."""
    maximum = getattr(settings, "NS_API_FOUTE_SLEUTELS_MAX", 0)
    aantal = _tellen(_blokkade_sleutel(request), _blokkade_venster()) if maximum else 0
    blokkade_begint = bool(maximum) and aantal == maximum
    beveiligingsgebeurtenis_vastleggen(
        request, actie="api_adres_geblokkeerd" if blokkade_begint else actie, resultaat="GEWEIGERD",
        object_type="api", object_id=object_id,
        reden=_("%(n)s ongeldige sleutels in %(m)s minuten") % {"n": aantal, "m": _blokkade_venster() // 60}
        if blokkade_begint else "",
    )
