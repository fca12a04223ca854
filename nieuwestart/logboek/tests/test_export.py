"""The inzageverzoek files: no formulas from logged text, times without time zone for Excel."""

import csv
import io

import pytest
from openpyxl import load_workbook

from nieuwestart.logboek import export, selectors, services

from .conftest import BSN_A

pytestmark = pytest.mark.django_db

GEVAARLIJK = '=HYPERLINK("http://example.invalid","klik")'


@pytest.fixture
def verwerkingen():
    with services.verwerking(None, naam="dossier_bekijken", betrokkenen=[BSN_A], reden=GEVAARLIJK, object_id="-1"):
        pass
    return selectors.verwerkingen_voor_betrokkene(BSN_A)


def test_csv_neutralises_formulas(verwerkingen):
    rijen = list(csv.reader(io.StringIO(export.als_csv(verwerkingen).decode("utf-8-sig")), delimiter=";"))
    assert rijen[1][12] == "'" + GEVAARLIJK
    assert rijen[1][10] == "'-1"


def test_xlsx_stores_logged_text_as_text_never_as_formula(verwerkingen):
    blad = load_workbook(io.BytesIO(export.als_xlsx(verwerkingen))).active
    cel = blad.cell(row=2, column=13)
    assert cel.value == GEVAARLIJK and cel.data_type == "s"
    assert blad.cell(row=2, column=1).value.tzinfo is None
