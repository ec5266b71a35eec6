"""The tracking page: steps, deadlines in words, photo thumbnails, the map, the "Tindakan Anda"
card, and unknown codes (issue 16)."""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from satupintu.cases.progress import CURRENT, DONE, TODO, deadline_words, progress_of
from satupintu.cases.tests.helpers import act, file_case, verify, wita
from satupintu.cases.uploads import check_upload
from satupintu.complaints.forms import Identity
from satupintu.core import maptiles, staticmap

# --- Deadlines in words ------------------------------------------------------------------------

TUESDAY = date(2026, 3, 3)


@pytest.mark.parametrize(
    ("due", "words", "late"),
    [
        (date(2026, 3, 6), "3 hari kerja lagi", False),  # Friday
        (date(2026, 3, 3), "hari ini", False),
        (date(2026, 3, 4), "1 hari kerja lagi", False),
        (date(2026, 2, 27), "terlambat 2 hari kerja", True),  # last Friday
        (date(2026, 3, 2), "terlambat 1 hari kerja", True),
    ],
)
def test_deadline_words(db, due, words, late):
    assert deadline_words(due, TUESDAY) == (words, late)


def test_a_deadline_after_a_weekend_only_is_the_next_working_day(db):
    saturday, monday = date(2026, 3, 7), date(2026, 3, 9)
    assert deadline_words(monday, saturday) == ("1 hari kerja lagi", False)
    assert deadline_words(saturday, date(2026, 3, 8)) == ("batas sudah lewat", True)


# --- Complaint steps ---------------------------------------------------------------------------


def states(case):
    progress = progress_of(case)
    return [(step.key, step.state) for step in progress.steps], progress


def test_a_new_complaint_is_received_and_being_verified(category):
    case, _secret = file_case(category)

    steps, progress = states(case)

    assert steps == [
        ("received", DONE),
        ("verified", CURRENT),
        ("in_process", TODO),
        ("answered", TODO),
        ("closed", TODO),
    ]
    assert progress.steps[0].reached_at == case.created_at
    assert progress.holder == "Koordinator kota (sedang diverifikasi)"
    assert [d.label for d in progress.deadlines] == ["Batas verifikasi", "Batas jawaban"]
    assert progress.deadlines[0].due == case.verify_due_date
    assert "Koordinator kota" in progress.deadlines[0].meaning


def test_steps_follow_the_case_with_their_dates(category, coordinator, staff_a):
    with time_machine.travel(wita(2026, 3, 2, 9), tick=False):
        case, _secret = file_case(category)
    with time_machine.travel(wita(2026, 3, 3, 10), tick=False):
        verify(case, by=coordinator, org_unit="DPU")
    with time_machine.travel(wita(2026, 3, 4, 11), tick=False):
        act(case, "start", by=staff_a)
        steps, progress = states(case)

    assert steps[:4] == [
        ("received", DONE),
        ("verified", DONE),
        ("in_process", DONE),
        ("answered", CURRENT),
    ]
    assert [s.reached_at.date() for s in progress.steps[:3]] == [
        date(2026, 3, 2),
        date(2026, 3, 3),
        date(2026, 3, 4),
    ]
    assert progress.steps[3].reached_at is None
    assert progress.holder == case.org_unit.name
    assert [d.label for d in progress.deadlines] == ["Batas jawaban"]


def test_waiting_for_the_reporter_pauses_the_deadlines(category, coordinator):
    case, _secret = file_case(category)
    act(case, "request_info", by=coordinator, role="coordinator", note="Di sebelah mana?")

    steps, progress = states(case)

    # Asked before verification: still at "received", verification is what waits.
    assert steps[:2] == [("received", DONE), ("verified", CURRENT)]
    assert progress.deadlines == []
    assert "berhenti sementara" in progress.paused_note


def test_an_answered_complaint_says_until_when_the_reporter_may_reopen(
    category, coordinator, staff_a
):
    case, _secret = file_case(category)
    verify(case, by=coordinator, org_unit="DPU")
    act(case, "resolve", by=staff_a, note="Sudah ditambal.")

    steps, progress = states(case)

    assert steps[3:] == [("answered", DONE), ("closed", CURRENT)]
    assert steps[2] == ("in_process", DONE)  # skipped, still behind it
    assert progress.steps[2].reached_at is None
    assert [d.label for d in progress.deadlines] == ["Batas tanggapan Anda"]
    assert "ditutup otomatis" in progress.deadlines[0].meaning


def test_a_closed_complaint_has_every_step_done_and_no_deadline(category, coordinator, staff_a):
    case, secret = file_case(category)
    verify(case, by=coordinator, org_unit="DPU")
    act(case, "resolve", by=staff_a, note="Sudah ditambal.")
    act(case, "close", by=None, role="reporter")

    steps, progress = states(case)

    assert all(state == DONE for _key, state in steps)
    assert progress.deadlines == []


def test_an_archived_complaint_ends_off_the_path(client, category, coordinator):
    case, secret = file_case(category)
    act(case, "archive", by=coordinator, role="coordinator", note="Bukan pengaduan.")

    steps, progress = states(case)

    assert steps == [("received", DONE)]
    assert progress.ending == "Diarsipkan"
    body = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()
    assert "Diarsipkan" in body
    assert "Tindakan Anda" not in body  # nothing left to do: no empty card


# --- The page ----------------------------------------------------------------------------------


def test_the_page_shows_steps_holder_and_deadlines_in_words(client, category):
    with time_machine.travel(wita(2026, 3, 3, 9), tick=False):
        case, _secret = file_case(category)
        body = client.get(f"/lacak/{case.tracking_code}/").content.decode()

    assert 'id="steps"' in body
    assert body.count('aria-current="step"') == 1
    assert "Koordinator kota (sedang diverifikasi)" in body
    # Filed Tuesday 3 March 2026: verification by Friday, 3 working days.
    assert "Jumat, 6 Mar 2026" in body
    assert "3 hari kerja lagi" in body
    assert "Batas verifikasi" in body and "Batas jawaban" in body


def test_a_late_deadline_says_how_late(client, category):
    with time_machine.travel(wita(2026, 3, 3, 9), tick=False):
        case, _secret = file_case(category)
    with time_machine.travel(wita(2026, 3, 10, 9), tick=False):
        body = client.get(f"/lacak/{case.tracking_code}/").content.decode()

    assert "terlambat 2 hari kerja" in body
    assert "deadline-late" in body


def test_the_public_page_has_no_actions_card(client, category):
    case, _secret = file_case(category)

    body = client.get(f"/lacak/{case.tracking_code}/").content.decode()

    assert "Tindakan Anda" not in body


def test_the_reporter_sees_the_actions_card_when_there_is_an_action(client, category):
    case, secret = file_case(category)

    body = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()

    assert "Tindakan Anda" in body
    assert 'value="add_files"' in body


def test_reopening_is_not_offered_once_its_window_has_closed(
    client, category, coordinator, staff_a
):
    with time_machine.travel(wita(2026, 3, 3, 9), tick=False):
        case, secret = file_case(category)
        verify(case, by=coordinator, org_unit="DPU")
        act(case, "resolve", by=staff_a, note="Sudah ditambal.")
        inside = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()
    with time_machine.travel(wita(2026, 3, 31, 9), tick=False):
        outside = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()

    assert 'value="reopen"' in inside
    assert 'value="reopen"' not in outside


# --- Thumbnails ----------------------------------------------------------------------------------


def photo(name="foto.jpg", size=(1200, 900), color="green"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return check_upload(SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg"))


def pdf_file():
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return check_upload(SimpleUploadedFile("surat.pdf", data, content_type="application/pdf"))


@pytest.fixture
def with_photo(category):
    case, secret = file_case(category, files=[photo()])
    return case, secret, case.attachments.get()


def test_the_reporter_page_shows_photos_as_thumbnails(client, with_photo):
    case, secret, attachment = with_photo
    thumb = f"/lacak/{case.tracking_code}/{secret}/berkas/{attachment.pk}/kecil/"

    body = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()
    response = client.get(thumb)

    assert f'src="{thumb}"' in body
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
    image = Image.open(io.BytesIO(response.content))
    assert max(image.size) == 320
    assert len(response.content) < attachment.size


def test_the_logged_in_submitter_gets_thumbnails_and_others_do_not(client, category, citizen):
    case, _secret = file_case(category, user=citizen, files=[photo()])
    attachment = case.attachments.get()
    url = f"/lacak/{case.tracking_code}/berkas/{attachment.pk}/kecil/"

    assert client.get(url).status_code == 400  # like the file itself
    client.force_login(citizen)
    assert client.get(url).status_code == 200
    assert f'src="{url}"' in client.get(f"/lacak/{case.tracking_code}/").content.decode()


def test_a_thumbnail_of_another_cases_file_is_not_found(client, category, with_photo):
    case, secret, _attachment = with_photo
    other, _other_secret = file_case(category, files=[photo(color="red")])
    foreign = other.attachments.get()

    response = client.get(f"/lacak/{case.tracking_code}/{secret}/berkas/{foreign.pk}/kecil/")

    assert response.status_code == 404


def test_a_wrong_secret_gets_no_thumbnail(client, with_photo):
    case, _secret, attachment = with_photo

    url = f"/lacak/{case.tracking_code}/{'x' * 32}/berkas/{attachment.pk}/kecil/"

    assert client.get(url).status_code == 404


def test_a_pdf_has_no_thumbnail_but_a_link(client, category):
    case, secret = file_case(category, files=[pdf_file()])
    attachment = case.attachments.get()

    body = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()
    response = client.get(f"/lacak/{case.tracking_code}/{secret}/berkas/{attachment.pk}/kecil/")

    assert "surat.pdf" in body
    assert "/kecil/" not in body
    assert response.status_code == 404


def test_the_public_page_shows_no_photos(client, with_photo):
    case, _secret, _attachment = with_photo

    body = client.get(f"/lacak/{case.tracking_code}/").content.decode()

    assert "/kecil/" not in body and "/berkas/" not in body


# --- The map -------------------------------------------------------------------------------------

POINT = {"latitude": Decimal("-1.265432"), "longitude": Decimal("116.831234")}


def png_pixels(content: bytes) -> Image.Image:
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(content)).convert("RGB")


def test_the_public_page_shows_the_point_on_a_server_drawn_map(client, category):
    case, _secret = file_case(category, **POINT)

    body = client.get(f"/lacak/{case.tracking_code}/").content.decode()
    response = client.get(f"/lacak/{case.tracking_code}/peta.png")

    assert f'src="/lacak/{case.tracking_code}/peta.png"' in body
    assert "-1.26543, 116.83123" in body
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("public")
    assert png_pixels(response.content).size == (480, 240)


def test_a_case_without_a_point_has_no_map(client, category):
    case, secret = file_case(category)

    body = client.get(f"/lacak/{case.tracking_code}/").content.decode()

    assert "peta.png" not in body
    assert client.get(f"/lacak/{case.tracking_code}/peta.png").status_code == 404
    assert client.get(f"/lacak/{case.tracking_code}/{secret}/peta.png").status_code == 404


def test_a_confidential_point_is_approximate_in_public_and_exact_on_the_private_page(
    client, category
):
    case, secret = file_case(category, identity=Identity.CONFIDENTIAL, **POINT)

    public = client.get(f"/lacak/{case.tracking_code}/").content.decode()
    private = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()
    private_map = client.get(f"/lacak/{case.tracking_code}/{secret}/peta.png")

    assert "sekitar 100 m" in public and "-1.26543" not in public
    assert f'src="/lacak/{case.tracking_code}/{secret}/peta.png"' in private
    assert "-1.26543, 116.83123" in private
    assert private_map.status_code == 200
    assert "no-store" in private_map["Cache-Control"]
    assert client.get(f"/lacak/{case.tracking_code}/{'x' * 32}/peta.png").status_code == 404


def tile(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), color).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_map_is_drawn_from_self_hosted_tiles(settings, tmp_path):
    latitude, longitude = float(POINT["latitude"]), float(POINT["longitude"])
    x, y = staticmap.world_pixel(latitude, longitude, 16)
    tiles = {
        (16, tx, ty): tile("#33aa33")
        for tx in range(int(x // 256) - 2, int(x // 256) + 3)
        for ty in range(int(y // 256) - 2, int(y // 256) + 3)
    }
    path = tmp_path / "kota.mbtiles"
    maptiles.write_mbtiles(path, tiles, {"minzoom": "16", "maxzoom": "16", "attribution": "Ubin"})
    settings.MAP_MBTILES = str(path)
    settings.MAP_ATTRIBUTION = ""

    data, based = staticmap.render(latitude, longitude)

    assert based
    assert png_pixels(data).getpixel((5, 5)) == pytest.approx((51, 170, 51), abs=12)
    assert staticmap.attribution() == "Ubin"


def test_without_tiles_a_plain_marker_map_is_drawn_and_nothing_is_fetched(settings):
    settings.MAP_MBTILES = ""
    # An external tile host is for browsers only: the server never fetches from it.
    settings.MAP_TILE_URL = "https://ubin.example.org/{z}/{x}/{y}.png"

    data, based = staticmap.render(-1.26, 116.83)
    exact = png_pixels(data)
    rough = png_pixels(staticmap.render(-1.26, 116.83, approximate=True)[0])

    assert not based
    assert exact.getpixel((5, 5)) == pytest.approx(staticmap.BACKGROUND, abs=12)
    assert exact.getpixel((247, 100)) == pytest.approx(staticmap.PIN, abs=16)  # the pin head
    assert rough.getpixel((247, 100)) != exact.getpixel((247, 100))


# --- Unknown codes --------------------------------------------------------------------------------


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_code_stays_on_the_form_with_404(client, reference_data, settings, debug):
    settings.DEBUG = debug

    typed = client.get("/lacak/", {"code": "adu-zzzzzz"})
    in_path = client.get("/lacak/ADU-ZZZZZZ/")

    for response in (typed, in_path):
        body = response.content.decode()
        assert response.status_code == 404
        assert "Kode tidak ditemukan" in body
        assert "<form" in body
        assert "URLconf" not in body and "Traceback" not in body  # not Django's debug page
    assert 'value="adu-zzzzzz"' in typed.content.decode()
    assert 'value="ADU-ZZZZZZ"' in in_path.content.decode()


def test_an_empty_code_asks_for_one(client, reference_data):
    response = client.get("/lacak/", {"code": "  "})

    assert response.status_code == 400
