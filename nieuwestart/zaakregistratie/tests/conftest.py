import pytest
import requests

from nieuwestart.zaakregistratie import client as client_mod
from nieuwestart.zaakregistratie.config import ZgwInstelling

from .nep_zgw import BASIS, NepZgw

CATALOGUS = f"{BASIS}/catalogi/api/v1"
STATUSTYPEN = {
    status: f"{CATALOGUS}/statustypen/{i}"
    for i, status in enumerate(
        ["AANGEMELD", "GEVERIFIEERD", "EERSTE_GESPREK_GEVOERD", "PLAN_VASTGESTELD", "AFBOUW", "BEEINDIGD"], start=1
    )
}


def instelling(**anders) -> ZgwInstelling:
    return ZgwInstelling(**{
        "zaken_api": f"{BASIS}/zaken/api/v1", "besluiten_api": f"{BASIS}/besluiten/api/v1",
        "documenten_api": f"{BASIS}/documenten/api/v1", "client_id": "nieuwestart", "secret": "geheim-voor-de-test-van-minstens-32-tekens",
        "rsin": "002220647", "zaaktype": f"{CATALOGUS}/zaaktypen/1", "besluittype": f"{CATALOGUS}/besluittypen/1",
        "informatieobjecttype": f"{CATALOGUS}/informatieobjecttypen/1", "roltype": f"{CATALOGUS}/roltypen/1",
        "statustypen": STATUSTYPEN, "resultaattype": f"{CATALOGUS}/resultaattypen/1", **anders,
    })


@pytest.fixture
def zgw(settings, monkeypatch):
    """The link switched on, with every HTTP call going to the checking test double."""
    settings.NS_ZGW = instelling()
    nep = NepZgw(secret=settings.NS_ZGW.secret, client_id=settings.NS_ZGW.client_id)
    nep.eindstatustype = STATUSTYPEN["BEEINDIGD"]

    def sessie():
        s = requests.Session()
        s.mount(BASIS, nep)
        return s

    monkeypatch.setattr(client_mod, "sessie_maken", sessie)
    return nep
