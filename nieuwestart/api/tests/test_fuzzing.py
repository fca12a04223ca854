"""Schema-driven fuzzing with schemathesis against the schema the application serves (equal to
docs/api/openapi.yaml, see test_api).

Every operation gets a bounded number of generated requests (valid and invalid) through the real
WSGI application, as a consulent application with every scope: no answer may be a 5xx, and every
answer must match the schema (status code, content type, body), and a request that violates the
schema must be refused. Not checked: that every schema-valid request succeeds; a request can be
valid in shape and still be refused by a rule (422) or for access (403), which is the point.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from nieuwestart.beschikkingen.testhulp import maak_beschikking

from .conftest import maak_applicatie

VOORBEELDEN = 12  # per operation: bounded, so the suite stays quick
APP = get_wsgi_application()

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", APP)


@pytest.fixture
def wsgi(db):
    # As Django's test client does: the request signals must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield APP
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def sleutel(team, maak_dossier, consulent):
    # Something to find: dossier (and person) 1 with a sent beschikking, so ids generated as 1 hit real data.
    dossier = maak_dossier()
    maak_beschikking(dossier, consulent, renderen=False, verzonden_op=dossier.aanmelddatum, datum=dossier.aanmelddatum)
    return maak_applicatie("Fuzzer", teams=[team]).token


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=VOORBEELDEN, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema_and_never_answers_5xx(case, wsgi, sleutel):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {sleutel}"}, excluded_checks=[positive_data_acceptance],
    )
