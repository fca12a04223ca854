"""The link to the municipality's zaakregistratiecomponent (ZGW APIs, e.g. Open Zaak): off unless configured.

Everything comes from the environment (docs/zaakregistratie.md); ``instelling()`` is None when
``NS_ZGW_ENABLED`` is off, and then nothing is published and nothing is shown.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERPLICHT = (
    "NS_ZGW_ZAKEN_API", "NS_ZGW_BESLUITEN_API", "NS_ZGW_DOCUMENTEN_API", "NS_ZGW_CLIENT_ID", "NS_ZGW_SECRET",
    "NS_ZGW_RSIN", "NS_ZGW_ZAAKTYPE", "NS_ZGW_BESLUITTYPE", "NS_ZGW_INFORMATIEOBJECTTYPE", "NS_ZGW_ROLTYPE",
)


@dataclass(frozen=True)
class ZgwInstelling:
    zaken_api: str
    besluiten_api: str
    documenten_api: str
    client_id: str
    secret: str = field(repr=False)  # never in a repr, a log or an error report
    rsin: str
    zaaktype: str
    besluittype: str
    informatieobjecttype: str
    roltype: str
    # DossierStatus code -> statustype URL of the zaaktype; statuses without one are not sent.
    statustypen: dict[str, str] = field(default_factory=dict)
    resultaattype: str = ""
    # Beëindigingsreden code -> resultaattype URL; a reason without one gets ``resultaattype``.
    resultaattypen: dict[str, str] = field(default_factory=dict)
    # The dossier status at which the zaak gets its RESULTAAT and eindstatus (closed).
    afsluiten_bij: str = "BEEINDIGD"
    vertrouwelijkheid: str = "vertrouwelijk"
    timeout: float = 10.0
    max_pogingen: int = 12


def _lees(omgeving) -> ZgwInstelling | None:
    def waarde(naam, standaard=""):
        return (omgeving.get(naam) or standaard).strip()

    if waarde("NS_ZGW_ENABLED").lower() not in {"1", "true", "yes", "ja"}:
        return None
    ontbreekt = [n for n in VERPLICHT if not waarde(n)]
    if ontbreekt:
        raise ImproperlyConfigured(f"NS_ZGW_ENABLED staat aan, maar deze variabelen ontbreken: {', '.join(ontbreekt)}")
    try:
        statustypen = json.loads(waarde("NS_ZGW_STATUSTYPEN", "{}"))
    except json.JSONDecodeError as fout:
        raise ImproperlyConfigured(f"NS_ZGW_STATUSTYPEN is geen geldige JSON: {fout}") from None
    try:
        resultaattypen = json.loads(waarde("NS_ZGW_RESULTAATTYPEN", "{}"))
    except json.JSONDecodeError as fout:
        raise ImproperlyConfigured(f"NS_ZGW_RESULTAATTYPEN is geen geldige JSON: {fout}") from None
    return ZgwInstelling(
        zaken_api=waarde("NS_ZGW_ZAKEN_API").rstrip("/"), besluiten_api=waarde("NS_ZGW_BESLUITEN_API").rstrip("/"),
        documenten_api=waarde("NS_ZGW_DOCUMENTEN_API").rstrip("/"), client_id=waarde("NS_ZGW_CLIENT_ID"),
        secret=waarde("NS_ZGW_SECRET"), rsin=waarde("NS_ZGW_RSIN"), zaaktype=waarde("NS_ZGW_ZAAKTYPE"),
        besluittype=waarde("NS_ZGW_BESLUITTYPE"), informatieobjecttype=waarde("NS_ZGW_INFORMATIEOBJECTTYPE"),
        roltype=waarde("NS_ZGW_ROLTYPE"), statustypen=statustypen, resultaattype=waarde("NS_ZGW_RESULTAATTYPE"),
        resultaattypen=resultaattypen,
        afsluiten_bij=waarde("NS_ZGW_AFSLUITEN_BIJ", "BEEINDIGD"),
        vertrouwelijkheid=waarde("NS_ZGW_VERTROUWELIJKHEID", "vertrouwelijk"),
        timeout=float(waarde("NS_ZGW_TIMEOUT", "10")), max_pogingen=int(waarde("NS_ZGW_MAX_POGINGEN", "12")),
    )


def instelling() -> ZgwInstelling | None:
    """The configuration in force: ``settings.NS_ZGW`` (tests) or else the environment."""
    if hasattr(settings, "NS_ZGW"):
        return settings.NS_ZGW
    return _lees(os.environ)


def aan() -> bool:
    """Whether the link is on and usable. A half-set configuration counts as off here (pages keep
    working); ``manage.py check`` reports it (checks.py)."""
    try:
        return instelling() is not None
    except ImproperlyConfigured:
        return False
