"""Property-based: any input gives a Tabel/Controle or the package's own errors."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nieuwestart.aanmeldingen.portaal.formaten import FORMATEN, herken_doel
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout, lees_tabel
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout, valideer

from .helpers import CONTACT_KOP, xlsx_bytes

VANDAAG = date(2026, 11, 23)
INSTELLING = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _alles(data: bytes, naam: str) -> None:
    try:
        t = lees_tabel(data, naam)
        herken_doel(t)
        for doel, formaat in FORMATEN.items():
            try:
                c = valideer(t, formaat, doel_gekozen=doel, vandaag=VANDAAG)
                for _ in c.rijen():
                    pass
            except DoelFout as e:
                assert e.melding
    except BestandFout as e:
        assert e.melding


@INSTELLING
@given(st.binary(max_size=2000), st.sampled_from(["x.csv", "x.xlsx", "", "schuld.txt"]))
def test_arbitrary_bytes(data, naam):
    _alles(data, naam)


@INSTELLING
@given(st.binary(max_size=500))
def test_arbitrary_bytes_behind_zip_magic(data):
    _alles(b"PK\x03\x04" + data, "x.xlsx")


cel = st.one_of(st.text(max_size=20), st.sampled_from(CONTACT_KOP + ["", '"', ";", "01-02-1990",
                                                                     "123456782", "erkend"]))


@INSTELLING
@given(
    st.lists(st.lists(cel, min_size=0, max_size=8), min_size=0, max_size=12),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.booleans(),
)
def test_arbitrary_text_as_csv(rijen, scheiding, codering, kop_ervoor):
    if kop_ervoor:
        rijen = [CONTACT_KOP] + rijen
    tekst = "\r\n".join(scheiding.join(r) for r in rijen)
    data = tekst.encode(codering, errors="replace")
    _alles(data, "x.csv")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(), st.floats(allow_nan=False),
                                   st.text(max_size=10).filter(lambda s: not s.startswith("="))),
                         max_size=6), max_size=6))
def test_arbitrary_xlsx(rijen):
    try:
        data = xlsx_bytes([CONTACT_KOP] + rijen)
    except Exception:  # openpyxl refuses some characters; not our concern
        return
    _alles(data, "x.xlsx")
