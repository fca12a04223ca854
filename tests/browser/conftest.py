"""Playwright on Debian's Chromium (never a downloaded browser), with axe-core on every page."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself (creating users) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def chromium_pad() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    pad = chromium_pad()
    if not pad:
        pytest.fail("Chromium ontbreekt: `make test` installeert het Debian-pakket 'chromium'.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pad, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


class ToegankelijkheidsControle:
    """Runs axe-core (bundled with axe-playwright-python) and collects WCAG 2.1 AA violations per page."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.bezocht: list[str] = []

    def controleer(self, page) -> None:
        resultaat = self.axe.run(page, options=WCAG_21_AA)
        self.bezocht.append(page.url)
        assert resultaat.violations_count == 0, f"{page.url}\n{resultaat.generate_report()}"


@pytest.fixture
def axe():
    return ToegankelijkheidsControle()
