"""The meldingen block on the worklist, the meldingen page and the Gelezen button, through the client."""

import re
from datetime import date

import pytest
from django.urls import reverse

from nieuwestart.accounts.models import Rol
from nieuwestart.conftest import maak_gebruiker
from nieuwestart.dossiers.models import Dossier
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.logboek.models import Verwerking
from nieuwestart.logboek.services import betrokkene_hash
from nieuwestart.meldingen.models import Melding, MeldingSoort
from nieuwestart.meldingen.services import TeMelden, melden

pytestmark = pytest.mark.django_db

WERKVOORRAAD = "/werkvoorraad/"


@pytest.fixture
def gemeld(maak_dossier):
    dossier = maak_dossier(achternaam="Bakker")
    (melding,) = melden([TeMelden(
        dossier=dossier, soort=MeldingSoort.UHT_NIET_ERKEND,
        tekst=f"UHT heeft de aanvrager in dossier {dossier.dossiernummer} niet erkend. De afbouw loopt tot 02-12-2026.",
    )])
    return melding


def blok(html: str) -> str:
    gevonden = re.search(r'<section class="[^"]*ns-meldingenblok.*?</section>', html, re.S)
    return gevonden.group(0) if gevonden else ""


def test_worklist_shows_the_unread_meldingen_and_gelezen_removes_them(client, consulent, gemeld):
    client.force_login(consulent)
    html = client.get(WERKVOORRAAD).content.decode()
    b = blok(html)
    assert "Meldingen (1)" in b and 'aria-labelledby="meldingen-kop"' in b
    assert gemeld.dossier.dossiernummer in b and "De afbouw loopt tot 02-12-2026." in b
    assert reverse("dossiers:detail", args=[gemeld.dossier.pk]) in b
    # No BSN and no name in the block: it names the dossier by number only.
    assert gemeld.dossier.rechthebbende.bsn not in b and "Bakker" not in b
    assert reverse("meldingen:gelezen", args=[gemeld.pk]) in b

    antwoord = client.post(reverse("meldingen:gelezen", args=[gemeld.pk]), {"next": WERKVOORRAAD})
    assert antwoord.status_code == 302 and antwoord["Location"] == WERKVOORRAAD
    gemeld.refresh_from_db()
    assert gemeld.gelezen_op is not None
    html = client.get(WERKVOORRAAD).content.decode()
    assert blok(html) == "" and "De melding staat op gelezen." in html


def test_the_block_logs_the_persons_it_names(client, consulent, gemeld):
    # Filtered to closed dossiers the table does not show this person; the block still names them.
    client.force_login(consulent)
    voor = Verwerking.objects.count()
    html = client.get(WERKVOORRAAD, {"status": "AFGESLOTEN"}).content.decode()
    assert "Bakker" not in html and gemeld.dossier.dossiernummer in blok(html)
    nieuw = Verwerking.objects.order_by("id")[voor:]
    assert betrokkene_hash(gemeld.dossier.rechthebbende.bsn) in {v.betrokkene_hash for v in nieuw}


def test_another_teams_user_never_sees_the_melding(client, ander_team, gemeld):
    zuid = maak_gebruiker("zuid", Rol.CONSULENT, Rol.TEAMLEIDER, teams=[ander_team])
    client.force_login(zuid)
    assert blok(client.get(WERKVOORRAAD).content.decode()) == ""
    lijst = client.get(reverse("meldingen:overzicht")).content.decode()
    assert gemeld.dossier.dossiernummer not in lijst and "nog geen meldingen" in lijst
    assert client.post(reverse("meldingen:gelezen", args=[gemeld.pk])).status_code == 404
    gemeld.refresh_from_db()
    assert gemeld.gelezen_op is None


def test_meldingen_page_lists_read_and_unread_and_logs(client, consulent, gemeld, maak_dossier):
    tweede = maak_dossier(achternaam="Smit")
    (gelezen,) = melden([TeMelden(dossier=tweede, soort=MeldingSoort.UHT_NIET_ERKEND, tekst="Oud bericht.")])
    Melding.objects.filter(pk=gelezen.pk).update(gelezen_op=gelezen.aangemaakt_op)
    client.force_login(consulent)
    voor = Verwerking.objects.count()
    html = client.get(reverse("meldingen:overzicht")).content.decode()
    assert "2 meldingen" in html and "Oud bericht." in html and gemeld.dossier.dossiernummer in html
    assert html.count('action="/meldingen/') == 1  # only the unread one has a Gelezen button
    assert "Bakker" not in html and gemeld.dossier.rechthebbende.bsn not in html
    logs = {v.betrokkene_hash for v in Verwerking.objects.order_by("id")[voor:]}
    assert logs == {betrokkene_hash(gemeld.dossier.rechthebbende.bsn), betrokkene_hash(tweede.rechthebbende.bsn)}


def test_gelezen_does_not_redirect_to_another_site(client, consulent, gemeld):
    client.force_login(consulent)
    antwoord = client.post(reverse("meldingen:gelezen", args=[gemeld.pk]), {"next": "https://elders.example/"})
    assert antwoord["Location"] == reverse("dossiers:werkvoorraad")
    assert client.get(reverse("meldingen:gelezen", args=[gemeld.pk])).status_code == 405


def test_worklist_shows_the_end_of_the_afbouw_for_a_dossier_in_afbouw(client, consulent, maak_dossier):
    """The worklist shows the next open term; after 'niet erkend' that is the 30-day afbouw
    (here the eerste-gesprek term, 8 weeks after 1 November, ends later)."""
    dossier = maak_dossier(achternaam="Afbouw", aanmelddatum=date(2026, 11, 1))
    gebeurtenis_vastleggen(dossier, "UHT_NIET_ERKEND", door=consulent, datum=date(2026, 11, 2))
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (dossier.volgende_termijn_regel, dossier.volgende_termijn_einddatum) == ("ACCLIMATISATIE", date(2026, 12, 2))
    client.force_login(consulent)
    html = client.get(WERKVOORRAAD).content.decode()
    rij = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Afbouw</a>.*?</tr>", html, re.S).group(0)
    assert "Afbouw na niet erkend" in rij and 'datetime="2026-12-02"' in rij and "2 december 2026" in rij


def test_the_block_lists_ten_and_says_how_many_more(client, consulent, maak_dossier):
    dossier = maak_dossier()
    melden([TeMelden(dossier=dossier, soort=MeldingSoort.UHT_NIET_ERKEND, tekst=f"Bericht {i}.") for i in range(11)])
    client.force_login(consulent)
    b = blok(client.get(WERKVOORRAAD).content.decode())
    assert "Meldingen (11)" in b and b.count('class="ns-melding"') == 10
    assert "En nog 1 ongelezen melding." in b and reverse("meldingen:overzicht") in b
