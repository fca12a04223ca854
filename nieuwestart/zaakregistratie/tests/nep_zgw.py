"""A test double of a zaakregistratiecomponent (Zaken, Besluiten, Documenten API) that checks every
request against the official OpenAPI specifications in ../shared/specs/zgw/.

It is mounted as a ``requests`` transport adapter, so the real client code runs unchanged. Per request:
the ZGW JWT is verified with the client secret; the operation must exist in the spec (path and
method); required headers (Content-Crs for the Zaken API) must be present; the JSON body must
validate against the operation's request schema (JSON Schema 2020-12, converted from OAS 3.0:
``nullable``, the discriminator of a ROL, no unknown top-level fields, formats date, date-time and
uri checked). A body that does not validate fails the test at once (AssertionError), so nothing
invalid can pass unnoticed. It also behaves like Open Zaak where the tests need it: identificatie is
unique (400 ``identificatie-niet-uniek``), a zaak closes with its eindstatus only after a resultaat,
and a closed zaak refuses changes.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import jsonschema
import jwt
import requests
import yaml
from requests.adapters import BaseAdapter

SPECS = Path(__file__).resolve().parents[4] / "shared" / "specs" / "zgw"
if not SPECS.exists():  # the worktree sits next to the shared directory (../shared)
    SPECS = Path("/work/shared/specs/zgw")
BASIS = "https://zgw.test"
APIS = {"zaken": "zaken-openapi.yaml", "besluiten": "besluiten-openapi.yaml", "documenten": "documenten-openapi.yaml"}
GEEN_SCHEMA_SLEUTELS = {"discriminator", "example", "examples", "xml", "externalDocs"}


def _omzetten(node):
    """OAS 3.0 schema -> JSON Schema 2020-12 (``nullable`` becomes a union with null)."""
    if isinstance(node, list):
        return [_omzetten(n) for n in node]
    if not isinstance(node, dict):
        return node
    uit = {}
    for k, v in node.items():
        if k in GEEN_SCHEMA_SLEUTELS:
            continue
        uit[k] = {n: _omzetten(s) for n, s in v.items()} if k == "properties" else _omzetten(v)
    if uit.pop("nullable", False):
        return {"anyOf": [uit, {"type": "null"}]}
    return uit


@cache
def spec(api: str) -> dict:
    return yaml.safe_load((SPECS / APIS[api]).read_text())


@cache
def _componenten(api: str) -> dict:
    return {"schemas": {naam: _omzetten(s) for naam, s in spec(api)["components"]["schemas"].items()}}


FORMATEN = jsonschema.FormatChecker()


@FORMATEN.checks("date", raises=ValueError)
def _datum(waarde):
    return not isinstance(waarde, str) or bool(date.fromisoformat(waarde))


@FORMATEN.checks("date-time", raises=ValueError)
def _tijdstip(waarde):
    return not isinstance(waarde, str) or bool(datetime.fromisoformat(waarde))


@FORMATEN.checks("uri")
def _uri(waarde):
    if not isinstance(waarde, str):
        return True
    u = urlparse(waarde)
    return bool(u.scheme in ("http", "https") and u.netloc)


def valideer_body(api: str, schema_ref: str, body) -> list[str]:
    """Errors of ``body`` against the component ``schema_ref`` of the official spec (empty: valid)."""
    naam = schema_ref.rsplit("/", 1)[-1]
    component = spec(api)["components"]["schemas"][naam]
    if "discriminator" in component and isinstance(body, dict):
        doel = component["discriminator"]["mapping"].get(body.get(component["discriminator"]["propertyName"]))
        if doel is None:
            return [f"onbekende {component['discriminator']['propertyName']}"]
        naam = doel.rsplit("/", 1)[-1]
    schema = {"$ref": f"#/components/schemas/{naam}", "unevaluatedProperties": False, "components": _componenten(api)}
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMATEN)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in validator.iter_errors(body)]


def _operatie(api: str, pad: str, methode: str):
    for sjabloon, item in spec(api)["paths"].items():
        patroon = "^" + re.sub(r"\{[^}]+\}", "[^/]+", sjabloon) + "$"
        if re.match(patroon, pad) and methode in item:
            return sjabloon, item[methode]
    return None, None


class NepZgw(BaseAdapter):
    def __init__(self, *, secret: str, client_id: str):
        super().__init__()
        self.secret, self.client_id = secret, client_id
        self.objecten: dict[str, dict[str, dict]] = {}  # "zaken/zaken" -> url -> object
        self.verzoeken: list[tuple[str, str, object]] = []
        self.plat = False  # True: every request fails as if the server is down
        self.storing = 0  # this many next requests answer 503

    # --- helpers for the tests ---
    def alle(self, collectie: str) -> list[dict]:
        return list(self.objecten.get(collectie, {}).values())

    def posts(self) -> list[tuple[str, str, object]]:
        return [v for v in self.verzoeken if v[0] == "POST"]

    # --- the transport ---
    def close(self):
        pass

    def send(self, request, **kwargs):
        if self.plat:
            raise requests.ConnectionError("Verbinding geweigerd (nep-ZGW staat uit)")
        if self.storing:
            self.storing -= 1
            return self._antwoord(request, 503, {"detail": "Tijdelijke storing"})
        url = urlparse(request.url)
        _leeg, api, _api, _v1, *rest = url.path.split("/")
        pad = "/" + "/".join(rest)
        methode = request.method.lower()
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        claims = jwt.decode(token, self.secret, algorithms=["HS256"])  # raises on a wrong signature
        assert claims["client_id"] == self.client_id and claims["iss"] == self.client_id
        sjabloon, operatie = _operatie(api, pad, methode)
        assert operatie is not None, f"{request.method} {pad} bestaat niet in de {api} API"
        for p in operatie.get("parameters", []):
            if p["in"] == "header" and p.get("required") and p["name"] != "Content-Type":
                assert request.headers.get(p["name"]), f"verplichte header {p['name']} ontbreekt bij {request.method} {pad}"
        body = json.loads(request.body) if request.body else None
        self.verzoeken.append((request.method, request.url, body))
        if "requestBody" in operatie:
            ref = operatie["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            fouten = valideer_body(api, ref, body)
            assert not fouten, f"{request.method} {pad}: body past niet in {ref}: {fouten}"
        return self._afhandelen(request, api, sjabloon, pad, methode, body, parse_qs(url.query))

    def _afhandelen(self, request, api, sjabloon, pad, methode, body, params):
        collectie = f"{api}/{sjabloon.strip('/').split('/')[0]}"
        opslag = self.objecten.setdefault(collectie, {})
        if methode == "get":
            resultaten = [o for o in opslag.values() if all(str(o.get(k)) == v[0] for k, v in params.items())]
            return self._antwoord(request, 200, {"count": len(resultaten), "next": None, "previous": None, "results": resultaten})
        if methode == "patch":
            obj = opslag.get(f"{BASIS}/{api}/api/v1{pad}")
            if obj is None:
                return self._antwoord(request, 404, {"detail": "Niet gevonden"})
            if collectie == "zaken/zaken" and obj.get("einddatum"):
                return self._fout(request, "zaak", "zaak-gesloten", "De zaak is afgesloten.")
            obj.update(body)
            return self._antwoord(request, 200, obj)
        # POST: create
        zaak = self.objecten.get("zaken/zaken", {}).get(body.get("zaak", ""))
        if collectie.startswith("zaken/") and zaak is not None and zaak.get("einddatum"):
            return self._fout(request, "zaak", "zaak-gesloten", "De zaak is afgesloten.")
        if "identificatie" in body:
            eigen = body.get("bronorganisatie") or body.get("verantwoordelijkeOrganisatie")
            if any(o.get("identificatie") == body["identificatie"] and eigen in (o.get("bronorganisatie"), o.get("verantwoordelijkeOrganisatie"))
                   for o in opslag.values()):
                return self._fout(request, "identificatie", "identificatie-niet-uniek", "Deze identificatie bestaat al.")
        if collectie == "zaken/statussen" and body["statustype"] == getattr(self, "eindstatustype", None):
            if not any(r["zaak"] == body["zaak"] for r in self.alle("zaken/resultaten")):
                return self._fout(request, "nonFieldErrors", "resultaat-does-not-exist", "De zaak heeft nog geen resultaat.")
            zaak["einddatum"] = body["datumStatusGezet"][:10]
        obj = {**body, "url": f"{BASIS}/{api}/api/v1{pad}/{uuid.uuid4()}"}
        opslag[obj["url"]] = obj
        return self._antwoord(request, 201, obj)

    def _fout(self, request, naam, code, reden):
        return self._antwoord(request, 400, {
            "type": "validation", "code": "invalid", "title": "Invalid input.", "status": 400, "detail": "",
            "invalidParams": [{"name": naam, "code": code, "reason": reden}],
        })

    def _antwoord(self, request, status, inhoud):
        antwoord = requests.Response()
        antwoord.status_code = status
        antwoord._content = json.dumps(inhoud).encode()
        antwoord.headers["Content-Type"] = "application/json"
        antwoord.request, antwoord.url = request, request.url
        return antwoord
