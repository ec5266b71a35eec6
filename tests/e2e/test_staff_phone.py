"""Officers on a phone (issue 16, point 5), in a 390 × 844 viewport.

Every back-office page (`/kantor/…`, taken from the access matrix with the security suite's
small city) opens without horizontal page scroll — only tables scroll, inside keyboard-focusable
regions — and axe-core finds nothing, with every <details> (the case page's action forms) open.
On the case page an officer writes a public answer and an internal note in their two fields;
the reporter's tracking page shows the answer and never the note.

The staff sessions are the security suite's own logins (password, then the TOTP step), handed
to the browser as their session cookie.
"""

import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import TestCase

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "security"))

from matrix import MATRIX  # noqa: E402
from playwright.sync_api import expect
from world import build_world  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PUBLIC = "Lubang sudah kami tambal pada hari Senin; terima kasih atas laporannya."
INTERNAL = "ZQXINTERNAL sisa anggaran pemeliharaan tinggal sedikit."


@pytest.fixture
def world(reference_data_live, settings, tmp_path):
    import importlib

    from django.apps import apps

    settings.MEDIA_ROOT = tmp_path / "media"
    # The SLA tiers come from a data migration, which a transactional test's flush wipes.
    tiers = importlib.import_module("satupintu.cases.migrations.0002_standard_sla_tiers")
    tiers.create(apps, None)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return build_world()


def resolve(world, spec: str):
    if spec.startswith("="):
        return spec[1:]
    name, *attributes = spec.split(".")
    value = world.objects[name]
    for attribute in attributes:
        value = getattr(value, attribute)
    return value


def staff_pages(world) -> list[tuple[str, str, str]]:
    """(route name, URL, role) of every back-office page a staff member opens with GET."""
    from django.urls import reverse

    pages = []
    for name, rule in MATRIX.items():
        if rule.kind not in ("page", "search") or rule.ok != 200 or name == "admin:*":
            continue
        role = next((r for r in ("admin", "op_a") if r in rule.allow), None)
        if role is None:
            continue
        url = reverse(name, args=[resolve(world, spec) for spec in rule.args])
        if not url.startswith("/kantor/"):
            continue
        pages.append((name, f"{url}?{rule.query}" if rule.query else url, role))
    return pages


def phone_as(new_context, live_server, world, role):
    """A phone-sized browser holding `role`'s logged-in, TOTP-verified session."""
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    session = world.clients[role].cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context.new_page()


def page_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0: no horizontal scroll)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def test_every_staff_page_fits_a_phone_and_passes_axe(
    world, new_context, live_server, assert_accessible
):
    pages = staff_pages(world)
    names = {name for name, _url, _role in pages}
    assert {"cases:staff_detail", "applications:staff_detail", "applications:staff_queue"} <= names
    assert len(pages) >= 20
    # The dashboards' pages with their trends, the secretariat's and the drill-down (issue 13).
    assert {"dashboards:home", "dprd:dashboard", "letters:overdue_dispositions"} <= names
    assert {"dprd:correspondence", "dprd:correspondence_detail"} <= names  # council letters
    browsers = {role: phone_as(new_context, live_server, world, role) for role in ("admin", "op_a")}
    wide = []
    for name, url, role in pages:
        page = browsers[role]
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, (name, url, response.status)
        assert "/akun/" not in page.url, (name, page.url)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        if page_overflow(page) > 0:
            wide.append(f"{name} {url}: {page_overflow(page)} px too wide")
        assert_accessible(page)
    assert not wide, "\n".join(wide)


def test_a_wide_table_scrolls_in_its_focusable_region_not_the_page(
    world, new_context, live_server, assert_accessible
):
    page = phone_as(new_context, live_server, world, "op_a")
    page.goto("/kantor/kasus/", wait_until="load")
    region = page.locator(".table-scroll").first
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == "Tabel kasus"
    # A unit with a long name or many columns: make the table wider than the phone.
    page.evaluate(
        "() => { document.querySelector('.table-scroll table').style.minWidth = '900px'; }"
    )
    widths = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] > widths[1]  # the region scrolls…
    assert page_overflow(page) == 0  # …the page does not
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # Keyboard scrolling may be animated (smooth scrolling): wait until it has moved.
    page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
    assert region.evaluate("e => e.scrollLeft") > 0  # and the keyboard scrolls it
    assert_accessible(page)


def test_case_page_on_a_phone_public_answer_and_internal_note(
    world, new_context, live_server, assert_accessible
):
    case = world.objects["case"]
    page = phone_as(new_context, live_server, world, "op_a")
    page.goto(f"/kantor/kasus/{case.tracking_code}/", wait_until="load")
    assert page_overflow(page) == 0
    # Without opening an action, no field of any action is in view.
    expect(page.get_by_label("Catatan internal (opsional)").first).to_be_hidden()
    page.locator("details#aksi-reply > summary").click()
    reply = page.locator("details#aksi-reply form")
    expect(reply.get_by_label("Jawaban untuk pelapor")).to_be_visible()
    assert reply.locator("select").count() == 0  # no unit or officer for a reply
    reply.get_by_label("Jawaban untuk pelapor").fill(PUBLIC)
    reply.get_by_label("Catatan internal").fill(INTERNAL)
    assert page_overflow(page) == 0
    with page.expect_navigation():
        reply.get_by_role("button", name="Balasan publik").click()
    assert "Tersimpan." in page.locator("main .messages").inner_text()
    history = page.locator("#case-history")
    assert "Dibalas oleh petugas unit" in history.inner_text()
    assert PUBLIC in history.inner_text() and INTERNAL in history.inner_text()
    assert "Catatan internal (hanya petugas)" in history.inner_text()
    assert_accessible(page)

    # The reporter's own page (the secret link), on a phone, without logging in.
    reporter = new_context(viewport=PHONE, is_mobile=True).new_page()
    reporter.goto(f"/lacak/{case.tracking_code}/{world.objects['case_secret']}/")
    text = reporter.locator("main").inner_text()
    assert PUBLIC in text and "ZQXINTERNAL" not in text
    assert "ZQXINTERNAL" not in reporter.content()
