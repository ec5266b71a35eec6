"""Issue 11 in the browser, on a phone (390 × 844): a citizen books a polyclinic slot for
tomorrow → the reminder is in the outbox → the kiosk checks the booking code in and gives a
number → the number waits on the display board → the counter calls it and the open board shows
it without a reload (its script polls the board's JSON) → transfer to registration → finish →
the public figures count it; another booking is moved and cancelled through its private link.
axe-core finds nothing on the citizen pages and the board; the booking pages work without
JavaScript.

The sites and the clock are the queue tests' own (`queues/tests/conftest.py`): Monday 7
December 2026, 07:00 WITA, a clock that moves only when the test moves it."""

import re
from datetime import time

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from satupintu.notifications.models import OutboxMessage
from satupintu.queues import calendar
from satupintu.queues.models import Booking, Ticket
from satupintu.queues.tasks import send_reminders
from satupintu.queues.tests import conftest as queue_sites
from satupintu.queues.tests.conftest import NIK, NIK_2, TUESDAY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The queue tests' fixtures, used here under the same names.
clock = queue_sites.clock
rsud = queue_sites.rsud
loket_rsud = queue_sites.loket_rsud


def as_staff(new_context, live_server, user):
    """A phone-sized browser holding `user`'s TOTP-verified session."""
    client = Client()
    client.force_login(user)
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context.new_page()


def book(page, site, poli, doctor, nik, phone, hhmm, check=None):
    """Site → polyclinic → doctor → day → slot → confirm; returns the booking code."""
    page.goto("/antrean/")
    page.get_by_role("link", name=site.name).click()
    if check:
        check(page)
    page.get_by_role("link", name=re.compile(poli.name)).click()
    page.get_by_role("link", name=doctor.name).click()
    day = page.locator(f"a[href$='tanggal={TUESDAY.isoformat()}']")
    day.click()
    page.wait_for_url(re.compile(rf"tanggal={TUESDAY.isoformat()}"))
    if check:
        check(page)
    page.locator(f"a[href*='jam={hhmm}']").click()
    page.get_by_label("Nama lengkap").fill("Ani Lestari")
    page.get_by_label("Nomor HP").fill(phone)
    page.get_by_label("NIK pasien").fill(nik)
    page.locator("input[name=payer][value=umum]").check()
    if check:
        check(page)
    page.get_by_role("button", name="Pesan tempat").click()
    page.wait_for_url(re.compile(r"/antrean/b/ANT-[0-9A-Z]+/$"))
    return page.locator("h1 + .card .code-big").inner_text().strip()


def test_book_check_in_call_transfer_finish(
    rsud, loket_rsud, clock, new_context, live_server, assert_accessible
):
    poli = rsud.services.get(prefix="B")
    registration = rsud.services.get(prefix="R")
    doctor = rsud.practitioners.order_by("name").first()
    citizen = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    foreign = []
    citizen.on(
        "request",
        lambda r: (
            foreign.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None
        ),
    )

    code = book(citizen, rsud, poli, doctor, NIK, "081234567890", "08:00", assert_accessible)
    expect(citizen.locator("img[alt='Kode QR booking']")).to_be_visible()
    assert "/antrean/b/" in citizen.locator(".msg-success a").get_attribute("href")
    assert_accessible(citizen)
    booking = Booking.objects.get(code=code)
    assert booking.slot_start == time(8) and booking.practitioner == doctor

    # The reminder the day before, through the outbox.
    assert send_reminders() == 1
    assert OutboxMessage.objects.filter(dedupe_key__startswith="queue-reminder", reference=code)

    # Tuesday morning: the waiting room's board is open.
    clock.move_to(calendar.slot_datetime(TUESDAY, time(7, 45)), tick=False)
    board = new_context(viewport=PHONE).new_page()
    board.goto(f"/antrean/layar/{rsud.slug}/")
    board.evaluate("() => { window.stillTheSamePage = true; }")
    assert_accessible(board)

    # The kiosk checks the booking code in and prints the number.
    kiosk = as_staff(new_context, live_server, loket_rsud)
    kiosk.goto(f"/kantor/antrean/{rsud.slug}/kios/")
    kiosk.get_by_label("Kode booking").fill(code.removeprefix("ANT-").lower())
    kiosk.get_by_role("button", name="Ambil nomor").click()
    kiosk.wait_for_url(re.compile(r"/tiket/\d+/$"))
    assert "B-001" in kiosk.locator("body").inner_text()
    assert Ticket.objects.get(booking__code=code).label == "B-001"

    # The counter calls it; the board shows it without being reloaded.
    room = rsud.counters.get(number=2)
    console = as_staff(new_context, live_server, loket_rsud)
    console.goto(f"/kantor/antrean/loket/{room.pk}/")
    console.get_by_role("button", name="Panggil berikutnya").click()
    console.wait_for_load_state()
    assert "B-001" in console.locator(".code-big").inner_text()
    counter = board.locator("#counters li", has_text="Ruang Poli Anak").locator("strong")
    counter.filter(has_text="B-001").wait_for()
    board.locator("#calls li", has_text="B-001").wait_for()
    assert board.evaluate("() => window.stillTheSamePage === true")
    assert_accessible(board)

    # The ticket page shows the number too.
    citizen.goto(f"/antrean/b/{code}/")
    assert "B-001" in citizen.locator("main").inner_text()

    # Served, transferred to registration, called at the desk and finished.
    console.get_by_role("button", name="Layani").click()
    console.wait_for_load_state()
    console.get_by_label("Layanan").select_option(value=str(registration.pk))
    console.get_by_role("button", name="Alihkan").click()
    console.wait_for_load_state()
    onward = Ticket.objects.get(booking__code=code, status=Ticket.Status.WAITING)
    assert onward.service == registration
    desk = rsud.counters.get(number=1)
    console.goto(f"/kantor/antrean/loket/{desk.pk}/")
    console.get_by_role("button", name="Panggil berikutnya").click()
    console.wait_for_load_state()
    assert onward.label in console.locator(".code-big").inner_text()
    board.locator("#counters li", has_text="Pendaftaran").locator("strong").filter(
        has_text=onward.label
    ).wait_for()
    console.get_by_role("button", name="Selesai").click()
    console.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DONE

    # The public figures count the day.
    citizen.goto(f"/antrean/{rsud.slug}/angka/")
    figures = citizen.locator("main").inner_text()
    assert "Poli Anak" in figures and "Pendaftaran" in figures
    assert_accessible(citizen)
    assert foreign == []


def test_reschedule_and_cancel_through_the_private_link(
    rsud, clock, new_context, live_server, assert_accessible
):
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.order_by("name").first()
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    code = book(page, rsud, poli, doctor, NIK_2, "081234567891", "09:00")
    page.locator(".msg-success a").click()
    page.wait_for_url(re.compile(rf"/antrean/b/{code}/[\w-]+/$"))
    assert_accessible(page)

    page.locator(f"a[href$='tanggal={TUESDAY.isoformat()}']").click()
    page.get_by_label(re.compile(r"09\.30")).check()
    page.get_by_role("button", name="Pindahkan ke jam ini").click()
    page.wait_for_load_state()
    booking = Booking.objects.get(code=code)
    assert booking.slot_start == time(9, 30)
    assert_accessible(page)
    # Moving issues a new private link, shown on the page that follows.
    page.locator(".msg-success a").click()
    page.wait_for_url(re.compile(rf"/antrean/b/{code}/[\w-]+/$"))
    page.get_by_role("button", name="Batalkan booking").click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.get_status_display() in page.locator("main .status").inner_text()
    assert page.get_by_role("button", name="Batalkan booking").count() == 0


def test_booking_without_javascript(rsud, clock, new_context):
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.order_by("name").last()
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    code = book(page, rsud, poli, doctor, NIK, "081234567892", "08:30")
    assert Booking.objects.get(code=code).slot_start == time(8, 30)
    page.goto(f"/antrean/{rsud.slug}/sekarang/")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    page.get_by_role("link", name="Perbarui otomatis setiap 20 detik").click()
    assert page.locator("meta[http-equiv=refresh]").count() == 1
