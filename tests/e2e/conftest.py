"""Browser journeys: headless Debian Chromium driven by Playwright against `live_server`."""

import os
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests themselves (fixtures, reading the outbox) are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def _playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Factory for browser contexts pointed at the live server; all are closed afterwards."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("base_url", live_server.url)
        kwargs.setdefault("locale", "id-ID")
        context = browser.new_context(**kwargs)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def persistent_context(_playwright, live_server, tmp_path):
    """Factory for one browser context with a profile on disk (not incognito), as on a phone:
    Chromium offers to install an app only there (tests/e2e/test_installable_app.py)."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("base_url", live_server.url)
        kwargs.setdefault("locale", "id-ID")
        context = _playwright.chromium.launch_persistent_context(
            str(tmp_path / f"profile-{len(contexts)}"),
            executable_path=CHROMIUM,
            headless=True,
            args=LAUNCH_ARGS,
            **kwargs,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _links_point_at_the_live_server(request, settings):
    """Links the platform writes (SP_PUBLIC_BASE_URL: messages, confirmation pages) lead to
    the server the browser talks to, as they lead to the public address in production."""
    if "live_server" in request.fixturenames:
        settings.PUBLIC_BASE_URL = request.getfixturevalue("live_server").url


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def reference_data_live(transactional_db):
    """Balikpapan's reference data in the database the live server reads."""
    from satupintu.org.services import import_reference_data
    from satupintu.testing.factories import REFERENCE_DATA_DIR

    return import_reference_data(REFERENCE_DATA_DIR)


class ForeignRequests:
    """Records every request a page makes to anything but the live server."""

    def __init__(self, live_server_url: str):
        self.origin = urlsplit(live_server_url)
        self.seen: list[str] = []
        self.foreign: list[str] = []

    def __call__(self, request):
        url = request.url
        self.seen.append(url)
        parts = urlsplit(url)
        if parts.scheme == "data":
            return
        if (parts.scheme, parts.netloc) != (self.origin.scheme, self.origin.netloc):
            self.foreign.append(url)


@pytest.fixture
def foreign_requests(live_server):
    return lambda: ForeignRequests(live_server.url)


@pytest.fixture(scope="session")
def assert_accessible():
    """Runs axe-core (bundled with axe-playwright-python) and asserts zero violations."""
    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        return results

    return check
