import pytest
from django.db import transaction

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker

# BSNs that pass the 11-proef (synthetic).
BSN_A = "123456782"
BSN_B = "111222333"
BSN_C = "999999990"


@pytest.fixture(autouse=True)
def lege_wachtrij():
    """Failure lines queued by an earlier test must not end up in this one (and vice versa)."""
    transaction.get_connection().__dict__.pop("_logboek_openstaand", None)
    yield
    transaction.get_connection().__dict__.pop("_logboek_openstaand", None)


@pytest.fixture
def auditor(db):
    return maak_gebruiker("auditor", Rol.AUDITOR, first_name="Ans", last_name="Oudit")


@pytest.fixture
def auditor_client(client, auditor):
    client.force_login(auditor)
    return client
