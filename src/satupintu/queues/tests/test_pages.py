"""Citizen pages without JavaScript: the booking flow, bad input kept with an Indonesian
message, the ticket page with QR, the private link, the board's JSON with ETag/304; staff
pages: kiosk, console, figures and CSV, each only for staff of the site's OPD (404 else)."""

import pytest
from django.urls import reverse

from satupintu.queues import services
from satupintu.queues.models import Booking, Ticket
from satupintu.queues.tests.conftest import NIK, request_for
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
PAGE_BUDGET = 60 * 1024


def test_booking_flow_without_javascript(client, office):
    service = office.services.get(prefix="A")
    home = client.get(reverse("queues:home"))
    assert office.name in home.text
    site = client.get(reverse("queues:site", args=[office.slug]))
    assert service.name in site.text
    days = client.get(reverse("queues:choose", args=[office.slug, service.pk]))
    assert "tanggal=2026-12-07" in days.text
    slots = client.get(
        reverse("queues:choose", args=[office.slug, service.pk]), {"tanggal": "2026-12-07"}
    )
    assert "jam=08:00" in slots.text
    confirm_url = reverse("queues:confirm", args=[office.slug, service.pk])
    page = client.get(confirm_url, {"tanggal": "2026-12-07", "jam": "08:00"})
    assert page.status_code == 200 and "Pesan tempat" in page.text
    response = client.post(
        confirm_url,
        {"tanggal": "2026-12-07", "jam": "08:00", "name": "Budi", "phone": "0812 3456 7890"},
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/b/{booking.code}/")
    ticket = client.get(response["Location"])
    assert booking.code in ticket.text and "data:image/svg+xml" in ticket.text
    assert "/antrean/b/" in ticket.text  # the private link, shown once
    assert "Budi" not in ticket.text and "3456" not in ticket.text
    for page in (home, site, days, slots, ticket):
        assert len(page.content) <= PAGE_BUDGET
        assert "<script" not in page.text or "src=" in page.text


def test_bad_input_is_kept_with_an_indonesian_message(client, office):
    service = office.services.get(prefix="A")
    response = client.post(
        reverse("queues:confirm", args=[office.slug, service.pk]),
        {"tanggal": "2026-12-07", "jam": "08:00", "name": "Budi Santoso", "phone": "12"},
    )
    assert response.status_code == 400
    assert "Nomor HP tidak valid" in response.text
    assert 'value="Budi Santoso"' in response.text
    assert not Booking.objects.exists()


def test_hospital_asks_nik_or_record_number_and_payer(client, rsud):
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.order_by("name").first()
    url = reverse("queues:confirm", args=[rsud.slug, poli.pk])
    base = {
        "tanggal": "2026-12-07",
        "jam": "08:00",
        "dokter": doctor.pk,
        "name": "Ani",
        "phone": "081234567890",
        "payer": "bpjs",
    }
    response = client.post(url, base)
    assert response.status_code == 400 and "Isi NIK pasien atau nomor rekam medis" in response.text
    response = client.post(url, base | {"nik": "1234"})
    assert response.status_code == 400 and "NIK tidak valid" in response.text
    response = client.post(url, base | {"nik": NIK})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.nik == NIK and booking.payer == "bpjs" and booking.practitioner == doctor
    # The same patient, the same polyclinic and day: refused, with the form kept.
    again = client.post(url, base | {"nik": NIK, "jam": "09:00", "phone": "081234567891"})
    assert again.status_code == 409 and "sudah punya booking" in again.text


def test_doctor_is_chosen_first_at_a_polyclinic(client, rsud):
    poli = rsud.services.get(prefix="B")
    response = client.get(reverse("queues:choose", args=[rsud.slug, poli.pk]))
    assert "Pilih dokter" in response.text and "dr. Satu" in response.text


def test_private_link_reschedule_and_cancel(client, office):
    service = office.services.get(prefix="A")
    booking, secret = services.book(request_for(service))
    url = reverse("queues:booking_secret", args=[booking.code, secret])
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("queues:booking_secret", args=[booking.code, "x" * 32])).status_code
        == 404
    )
    response = client.post(url, {"action": "move", "tanggal": "2026-12-08", "jam": "09:00"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert str(booking.day) == "2026-12-08"
    assert client.get(url).status_code == 404  # the old link is replaced
    new_secret = client.session["queues_new_booking"][1]
    new_url = reverse("queues:booking_secret", args=[booking.code, new_secret])
    client.post(new_url, {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_account_sees_its_bookings(client, office):
    user = UserFactory()
    services.book(request_for(office.services.get(prefix="A"), user=user))
    client.force_login(user)
    assert reverse("queues:mine") in client.get(reverse("accounts:profile")).text
    response = client.get(reverse("queues:mine"))
    assert Booking.objects.get().code in response.text


def test_board_json_answers_304_until_something_is_called(
    client, office, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("queues:board_data", args=[office.slug])
    first = client.get(url)
    assert first.status_code == 200 and first.json()["counters"][0]["ticket"] == ""
    etag = first["ETag"]
    with django_assert_num_queries(0):
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        services.walk_in(office, office.services.get(prefix="A"))
        services.call_next(office.counters.get(number=1))
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["counters"][0]["ticket"] == "A-001"
    # Every other board asking for the same version gets the state without a query.
    with django_assert_num_queries(0):
        other = client.get(url, headers={"if-none-match": etag})
    assert other.status_code == 200 and other.json() == changed.json()
    assert other["ETag"] == changed["ETag"]
    board = client.get(reverse("queues:board", args=[office.slug]))
    assert "queue-board.js" in board.text and 'http-equiv="refresh"' in board.text
    now = client.get(reverse("queues:now", args=[office.slug]))
    # The timed refresh is the reader's choice (WCAG 2.2.1), offered as a link.
    assert "A-001" in now.text and 'http-equiv="refresh"' not in now.text
    assert "?otomatis=1" in now.text
    auto = client.get(reverse("queues:now", args=[office.slug]), {"otomatis": "1"})
    assert "A-001" in auto.text and 'http-equiv="refresh"' in auto.text


def test_console_has_no_timed_refresh_that_would_wipe_a_transfer(client, office, loket_a):
    counter = office.counters.get(number=1)
    client.force_login(loket_a)
    page = client.get(reverse("queues:console", args=[counter.pk]))
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in page.text
    assert "Perbarui daftar" in page.text


# --- Staff ----------------------------------------------------------------------------------


def test_kiosk_check_in_and_walk_in(client, office, loket_a):
    booking, _ = services.book(request_for(office.services.get(prefix="A")))
    client.force_login(loket_a)
    kiosk = reverse("queues:kiosk", args=[office.slug])
    assert client.get(kiosk).status_code == 200
    response = client.post(kiosk, {"action": "checkin", "code": booking.code[4:]})
    assert response.status_code == 302
    printed = client.get(response["Location"])
    assert "A-001" in printed.text
    bad = client.post(kiosk, {"action": "checkin", "code": "ZZZZZZ"})
    assert bad.status_code == 400 and "tidak ditemukan" in bad.text
    walk = client.post(kiosk, {"action": "walkin", "service": office.services.get(prefix="B").pk})
    assert walk.status_code == 302 and Ticket.objects.filter(walk_in=True).count() == 1


def test_console_calls_and_finishes(client, office, loket_a):
    services.walk_in(office, office.services.get(prefix="A"))
    counter = office.counters.get(number=1)
    client.force_login(loket_a)
    url = reverse("queues:console", args=[counter.pk])
    client.post(url, {"action": "call"})
    page = client.get(url)
    assert "A-001" in page.text
    client.post(url, {"action": "serve"})
    client.post(url, {"action": "finish"})
    assert Ticket.objects.get().status == Ticket.Status.DONE


def test_figures_and_csv_escape_formulas(client, office, staff_a):
    service = office.services.get(prefix="A")
    service.name = "=HYPERLINK(1)"
    service.save()
    services.book(request_for(service))
    t = services.walk_in(office, service)
    services.call_next(office.counters.get(number=1))
    services.finish(Ticket.objects.get(pk=t.pk))
    public = client.get(reverse("queues:public_figures", args=[office.slug]))
    assert "=HYPERLINK(1)" in public.text and "Siti" not in public.text
    client.force_login(staff_a)
    page = client.get(reverse("queues:figures", args=[office.slug]))
    assert page.status_code == 200
    csv_text = b"".join(
        client.get(reverse("queues:figures_csv", args=[office.slug])).streaming_content
    ).decode()
    assert "'=HYPERLINK(1)" in csv_text
    assert ",1,1,1,0," in csv_text  # booked, walk-in, served, no-show


def test_other_opd_counter_officer_gets_404_everywhere(client, rsud, office, loket_disdukcapil):
    client.force_login(loket_disdukcapil)
    counter = rsud.counters.first()
    for url in (
        reverse("queues:kiosk", args=[rsud.slug]),
        reverse("queues:console", args=[counter.pk]),
        reverse("queues:figures", args=[rsud.slug]),
        reverse("queues:figures_csv", args=[rsud.slug]),
        reverse("queues:leave", args=[rsud.slug]),
    ):
        assert client.get(url).status_code == 404, url
        if "angka" not in url:
            assert client.post(url, {"action": "call"}).status_code == 404, url
    assert rsud.name not in client.get(reverse("queues:staff_sites")).text


def test_counter_officer_does_not_see_figures(client, office, loket_a):
    client.force_login(loket_a)
    assert client.get(reverse("queues:figures", args=[office.slug])).status_code == 404


# --- API --------------------------------------------------------------------------------------


def test_api_sites_availability_and_figures(client, office, rsud, staff_a, loket_disdukcapil):
    sites = client.get("/api/v1/antrean/lokasi/").json()
    assert {s["slug"] for s in sites} == {office.slug, rsud.slug}
    service = office.services.get(prefix="A")
    days = client.get(f"/api/v1/antrean/lokasi/{office.slug}/layanan/{service.pk}/tempat/").json()
    assert len(days) == 14 and days[0]["slots"][0] == {"starts": "08:00:00", "free": 2}
    poli = rsud.services.get(prefix="B")
    url = f"/api/v1/antrean/lokasi/{rsud.slug}/layanan/{poli.pk}/tempat/"
    assert client.get(url).status_code == 404  # a doctor must be named
    doctor = rsud.practitioners.first()
    assert client.get(url, {"dokter": doctor.pk}).status_code == 200
    client.force_login(staff_a)
    assert client.get(f"/api/v1/kantor/antrean/{office.slug}/angka/").status_code == 200
    assert client.get(f"/api/v1/kantor/antrean/{rsud.slug}/angka/").status_code == 404
    client.force_login(loket_disdukcapil)
    assert client.get(f"/api/v1/kantor/antrean/{rsud.slug}/angka/").status_code == 404


def test_odd_input_is_not_found_not_a_crash(client, office):
    huge = "9" * 30
    service = office.services.get(prefix="A")
    for url in (
        f"/antrean/{office.slug}/layanan/{huge}/",
        f"/antrean/{office.slug}/layanan/{service.pk}/?dokter=²&tanggal=2026-13-45",
        f"/antrean/{office.slug}/layanan/{service.pk}/pesan/?tanggal=x&jam=25:99",
        f"/api/v1/antrean/lokasi/{office.slug}/layanan/{huge}/tempat/",
        "/antrean/b/ANT-%C2%B2/",
    ):
        assert client.get(url).status_code in (200, 302, 404), url


def test_console_shows_whom_it_serves_with_the_nik_masked(client, rsud, loket_rsud):
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.order_by("name").first()
    booking, _ = services.book(
        request_for(poli, practitioner=doctor, nik=NIK, mrn="RM-7", payer="bpjs")
    )
    services.check_in(rsud, booking.code)
    room = rsud.counters.get(number=2)
    services.call_next(room)
    client.force_login(loket_rsud)
    page = client.get(reverse("queues:console", args=[room.pk])).text
    assert "Siti Rahmawati" in page and "RM-7" in page and "BPJS" in page
    assert NIK not in page and NIK[:4] in page
