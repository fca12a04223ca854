"""The second factor in a real browser, axe-core on every page:
a new user logs in, links an app (secret read from the page), sees the recovery codes,
logs out, logs in again with an app code, and once more with a recovery code."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from nieuwestart.accounts.mfa import huidige_code
from nieuwestart.accounts.models import Rol, Team
from nieuwestart.conftest import maak_gebruiker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("rolgroepen")]


def inloggen_met_wachtwoord(page, axe):
    expect(page.get_by_role("heading", name="Inloggen", exact=True)).to_be_visible()
    axe.controleer(page)
    page.get_by_label("Gebruikersnaam").fill("nieuwe.collega")
    page.get_by_label("Wachtwoord").fill("Test-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen", exact=True)).to_be_visible()


def test_new_user_enrols_and_logs_in_with_an_app_code_and_with_a_recovery_code(live_server, page, axe):
    csp_meldingen = []
    page.on("console", lambda m: csp_meldingen.append(m.text) if "Content Security Policy" in m.text else None)
    team = Team.objects.create(naam="Team Noord")
    gebruiker = maak_gebruiker("nieuwe.collega", Rol.CONSULENT, teams=[team], first_name="Kees", last_name="Bakker")

    # First login: the password, then linking the app.
    page.goto(f"{live_server.url}/werkvoorraad/")
    inloggen_met_wachtwoord(page, axe)
    expect(page.get_by_role("heading", name="App koppelen voor inloggen")).to_be_visible()
    expect(page.get_by_role("img", name="QR-code om de app te koppelen")).to_be_visible()
    axe.controleer(page)
    geheim = page.locator("#geheime-sleutel").inner_text().replace(" ", "")
    sleutel = b32decode(geheim + "=" * (-len(geheim) % 8))

    page.get_by_label("Code uit de app").fill("000000")
    page.get_by_role("button", name="Koppeling bevestigen").click()
    expect(page.locator("#id_code_error")).to_contain_text("Deze code klopt niet")
    axe.controleer(page)
    page.wait_for_timeout(1200)  # django-otp's back-off after a wrong code
    page.get_by_label("Code uit de app").fill(f"{totp(sleutel):06d}")
    page.get_by_role("button", name="Koppeling bevestigen").click()

    # The recovery codes, once.
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    codes = page.locator(".ns-herstelcode").all_inner_texts()
    assert len(codes) == 10
    axe.controleer(page)
    page.get_by_role("link", name="Ik heb de codes bewaard. Ga verder").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    axe.controleer(page)
    uitloggen(page)

    # Second login: password and a code from the app.
    inloggen_met_wachtwoord(page, axe)
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    axe.controleer(page)
    app = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
    assert app.bin_key == sleutel
    page.get_by_label("Code", exact=True).fill(huidige_code(app, volgende_vrije=True))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    uitloggen(page)

    # Third login: phone left at home, so a recovery code.
    inloggen_met_wachtwoord(page, axe)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Beveiliging van uw account")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("U heeft nog 9 herstelcodes over.")
    axe.controleer(page)
    page.get_by_role("link", name="Verder").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    uitloggen(page)

    # The same recovery code does not work twice.
    inloggen_met_wachtwoord(page, axe)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#id_code_error")).to_contain_text("Deze code klopt niet")
    axe.controleer(page)

    assert not csp_meldingen, csp_meldingen


def test_five_wrong_passwords_show_the_dutch_lockout_page(live_server, page, axe):
    maak_gebruiker("nieuwe.collega", Rol.CONSULENT)
    page.goto(f"{live_server.url}/inloggen/")
    for _ in range(5):
        page.get_by_label("Gebruikersnaam").fill("nieuwe.collega")
        page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("U kunt even niet inloggen.")
    expect(page.get_by_role("alert")).to_contain_text("over 30 minuten opnieuw")
    axe.controleer(page)
