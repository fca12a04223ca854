"""The worklist search keeps a BSN out of URLs, and only a complete, valid BSN is searched as one."""

import re

import pytest
from django.urls import reverse

from nieuwestart.common.bsn import is_geldig_bsn
from nieuwestart.dossiers.forms import WerkvoorraadFilter
from nieuwestart.dossiers.models import Dossier, DossierStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


def werkvoorraad_url():
    return reverse("dossiers:werkvoorraad")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_post_search_by_bsn_finds_the_person_without_putting_the_bsn_in_a_url(ingelogd, maak_dossier):
    gezocht = maak_dossier(achternaam="Visser", voornamen="Anna")
    maak_dossier(achternaam="Mulder", voornamen="Bram")
    bsn = gezocht.rechthebbende.bsn

    antwoord = ingelogd.post(werkvoorraad_url(), {"zoek": bsn, "reikwijdte": "mijn"})

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Visser" in html and "Mulder" not in html
    assert "1 dossier gevonden" in html
    for kop in ("Location", "HX-Push-Url", "HX-Replace-Url", "HX-Redirect"):
        assert bsn not in antwoord.headers.get(kop, "")
    assert not [href for href in hrefs(html) if bsn in href]


def test_post_search_with_formatted_bsn_finds_the_person(ingelogd, maak_dossier):
    gezocht = maak_dossier(achternaam="Visser")
    bsn = gezocht.rechthebbende.bsn
    getypt = f"{bsn[:4]}.{bsn[4:6]}-{bsn[6:]}"
    html = ingelogd.post(werkvoorraad_url(), {"zoek": getypt}).content.decode()
    assert "Visser" in html


def test_the_search_form_posts_with_csrf_and_does_not_push_the_url(ingelogd, maak_dossier):
    maak_dossier()
    html = ingelogd.get(werkvoorraad_url()).content.decode()
    formulier = html[html.index('role="search"') - 200 : html.index("</form>", html.index('role="search"'))]
    assert 'method="post"' in formulier and "hx-post=" in formulier
    assert "hx-get" not in formulier and "hx-push-url" not in formulier
    assert "csrfmiddlewaretoken" in formulier


def test_an_8_digit_prefix_of_a_bsn_does_not_search_by_bsn(consulent, maak_dossier, nieuw_bsn):
    # Find a person whose BSN starts with 8 digits that, padded with a leading 0, pass the 11-proef
    # themselves: that padded number is the BSN of someone else.
    for _poging in range(2000):
        bsn = nieuw_bsn()
        prefix = bsn[:8]
        if is_geldig_bsn(prefix):
            break
    else:  # pragma: no cover - the generator makes this very likely within a few hundred tries
        pytest.skip("geen geschikt BSN gevonden")
    ander = maak_dossier(achternaam="Ander", bsn="0" + prefix)
    maak_dossier(achternaam="Bedoeld", bsn=bsn)

    filterset = WerkvoorraadFilter({"zoek": prefix}, queryset=Dossier.objects.all(), user=consulent)

    assert ander not in filterset.qs
    assert not filterset.qs.filter(rechthebbende__bsn="0" + prefix).exists()


def test_an_8_digit_prefix_via_the_form_finds_nobody_by_bsn(ingelogd, maak_dossier):
    dossier = maak_dossier(achternaam="Visser")
    prefix = dossier.rechthebbende.bsn[:8]
    html = ingelogd.post(werkvoorraad_url(), {"zoek": prefix}, HTTP_HX_REQUEST="true").content.decode()
    assert "Visser" not in html
    assert "0 dossiers gevonden" in html


def test_pagination_posts_keep_the_filters_without_the_search_term_in_a_url(ingelogd, maak_dossier):
    for i in range(30):
        maak_dossier(achternaam=f"Jansen{i:02d}")
    maak_dossier(achternaam="Pietersen", doelgroep="ERKENDE_EX_PARTNER")
    filters = {"zoek": "jansen", "reikwijdte": "team", "doelgroep": "ERKENDE_OUDER", "status": DossierStatus.AANGEMELD}
    assert Dossier.objects.filter(status=DossierStatus.AANGEMELD).count() == 31

    eerste = ingelogd.post(werkvoorraad_url(), filters).content.decode()
    assert "30 dossiers gevonden" in eerste and "Pietersen" not in eerste
    assert 'aria-label="Paginering"' in eerste and "Volgende pagina" in eerste
    assert not [href for href in hrefs(eerste) if "jansen" in href.lower() or "pagina=" in href]
    # The "Volgende pagina" form carries every current filter as a hidden input, plus the page.
    nav = eerste[eerste.index('aria-label="Paginering"') :]
    for naam, waarde in {**filters, "pagina": "2"}.items():
        assert f'name="{naam}" value="{waarde}"' in nav
    assert "csrfmiddlewaretoken" in nav

    tweede = ingelogd.post(werkvoorraad_url(), {**filters, "pagina": "2"}).content.decode()
    assert "30 dossiers gevonden" in tweede
    assert "Pagina 2 van 2" in tweede and "Vorige pagina" in tweede
    assert "Pietersen" not in tweede
    namen_eerste = set(re.findall(r"Jansen\d\d", eerste))
    namen_tweede = set(re.findall(r"Jansen\d\d", tweede))
    assert namen_tweede and not namen_eerste & namen_tweede
    assert len(namen_eerste | namen_tweede) == 30


def test_plain_get_filter_links_still_work(ingelogd, maak_dossier, consulent):
    from datetime import date

    from nieuwestart.dossiers import services
    from django.utils import timezone

    geverifieerd = maak_dossier(achternaam="Geverifieerd")
    maak_dossier(achternaam="Aangemeld")
    services.verificatie_vastleggen(
        dossier=geverifieerd, door=consulent, datum=date(2026, 9, 2), uitkomst="BEVESTIGD", vandaag=timezone.localdate()
    )
    antwoord = ingelogd.get(werkvoorraad_url(), {"status": DossierStatus.GEVERIFIEERD})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Geverifieerd" in html and "Aangemeld</a>" not in html
    assert "<html" in html


def test_htmx_post_returns_only_the_table_fragment(ingelogd, maak_dossier):
    dossier = maak_dossier(achternaam="Visser")
    antwoord = ingelogd.post(werkvoorraad_url(), {"zoek": dossier.rechthebbende.bsn}, HTTP_HX_REQUEST="true")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "<table" in html and "Visser" in html
    assert "<html" not in html and 'role="search"' not in html
    assert "HX-Push-Url" not in antwoord.headers


def test_other_methods_are_refused(ingelogd):
    assert ingelogd.put(werkvoorraad_url()).status_code == 405
