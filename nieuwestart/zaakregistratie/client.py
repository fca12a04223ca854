"""A small HTTP client for the ZGW APIs: the ZGW JWT (HS256 with the client secret), the CRS headers
of the Zaken API, a timeout, and every failure turned into a ``ZgwFout`` with a Dutch reason."""

from __future__ import annotations

import time

import jwt
import requests

from .config import ZgwInstelling


class ZgwFout(Exception):
    def __init__(self, melding: str, *, status: int | None = None, antwoord: dict | None = None):
        self.melding = melding
        self.status = status
        self.antwoord = antwoord or {}
        super().__init__(melding)

    @property
    def niet_uniek(self) -> bool:
        """The other side already has an object with this identificatie (a send whose answer was lost)."""
        velden = self.antwoord.get("invalidParams") or []
        return self.status == 400 and any("uniek" in str(v.get("code", "")) or v.get("name") == "identificatie"
                                          for v in velden)


def sessie_maken() -> requests.Session:
    """One place that makes the HTTP session (the tests mount their fake ZGW server here)."""
    return requests.Session()


def zgw_jwt(instelling: ZgwInstelling, *, nu: float | None = None) -> str:
    nu = int(nu or time.time())
    return jwt.encode(
        {"iss": instelling.client_id, "iat": nu, "client_id": instelling.client_id, "user_id": "nieuwestart",
         "user_representation": "Nieuwe Start"},
        instelling.secret, algorithm="HS256",
    )


def _samenvatting(antwoord: dict) -> str:
    velden = antwoord.get("invalidParams") or []
    if velden:
        return "; ".join(f"{v.get('name')}: {v.get('reason')}" for v in velden[:5])
    return str(antwoord.get("detail") or antwoord.get("title") or "")[:300]


class ZgwClient:
    def __init__(self, instelling: ZgwInstelling, sessie: requests.Session | None = None):
        self.instelling = instelling
        self.sessie = sessie or sessie_maken()

    def _headers(self, url: str) -> dict:
        headers = {
            "Authorization": f"Bearer {zgw_jwt(self.instelling)}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        }
        if url.startswith(self.instelling.zaken_api):
            headers["Accept-Crs"] = "EPSG:4326"
            headers["Content-Crs"] = "EPSG:4326"
        return headers

    def verzoek(self, methode: str, url: str, *, json=None, params=None) -> dict:
        try:
            antwoord = self.sessie.request(
                methode, url, json=json, params=params, headers=self._headers(url), timeout=self.instelling.timeout,
            )
        except requests.Timeout:
            raise ZgwFout(f"De zaakregistratie antwoordde niet binnen {self.instelling.timeout:g} seconden.") from None
        except requests.RequestException as fout:
            raise ZgwFout(f"De zaakregistratie is niet bereikbaar ({type(fout).__name__}).") from None
        try:
            inhoud = antwoord.json() if antwoord.content else {}
        except ValueError:
            inhoud = {}
        if antwoord.status_code >= 500:
            raise ZgwFout(f"De zaakregistratie gaf een storing (HTTP {antwoord.status_code}).", status=antwoord.status_code)
        if antwoord.status_code in (401, 403):
            raise ZgwFout(
                f"De zaakregistratie weigert Nieuwe Start (HTTP {antwoord.status_code}): controleer client-id, "
                "secret en de autorisaties van de applicatie in de zaakregistratie.", status=antwoord.status_code,
            )
        if antwoord.status_code >= 400:
            raise ZgwFout(
                f"De zaakregistratie weigerde de gegevens (HTTP {antwoord.status_code}): {_samenvatting(inhoud)}",
                status=antwoord.status_code, antwoord=inhoud,
            )
        return inhoud

    def post(self, url: str, body: dict) -> dict:
        return self.verzoek("POST", url, json=body)

    def patch(self, url: str, body: dict) -> dict:
        return self.verzoek("PATCH", url, json=body)

    def zoek_een(self, url: str, params: dict) -> str | None:
        """The URL of the one object that matches (our own identificatie), else None."""
        inhoud = self.verzoek("GET", url, params=params)
        resultaten = inhoud.get("results", inhoud if isinstance(inhoud, list) else [])
        return resultaten[0]["url"] if resultaten else None
