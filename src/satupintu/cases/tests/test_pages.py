"""Tracking page, files and CSV export: who sees what."""

import csv
import io

import pytest

from satupintu.cases.models import CaseEvent
from satupintu.cases.tests.helpers import act, file_case, png_upload, unit, verify
from satupintu.cases.workflow import COORDINATOR, REPORTER
from satupintu.testing.factories import make_staff

NAME, EMAIL, PHONE = "Siti Rahmawati", "siti.rahma@contoh.id", "+6281298765432"
INTERNAL = "Catatan internal: pelapor sering menelepon."
REPLY = "Tim kami akan menambal jalan minggu ini."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def handled(category, coordinator):
    """A named complaint with a photo, verified to DPU, with an internal note and a reply."""
    case, secret = file_case(
        category,
        reporter_name=NAME,
        reporter_email=EMAIL,
        reporter_phone=PHONE,
        files=[png_upload("lokasi.png")],
    )
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))
    act(case, "note", operator, note=INTERNAL)
    act(case, "reply", operator, note=REPLY)
    return case, secret, operator


def track(client, case, secret=None):
    if secret:
        return client.get(f"/lacak/{case.tracking_code}/{secret}/")
    return client.get(f"/lacak/{case.tracking_code}/")


def _no_identity(body: str) -> None:
    for value in (NAME, EMAIL, PHONE, "siti.rahma", "81298765432"):
        assert value not in body


# --- Tracking page -----------------------------------------------------------------------------


def test_tracking_page_shows_public_replies_only(client, handled):
    case, _secret, _operator = handled

    response = track(client, case)

    body = response.content.decode()
    assert response.status_code == 200
    assert REPLY in body
    assert INTERNAL not in body
    _no_identity(body)
    assert "lokasi.png" not in body  # file names only for the reporter
    assert response["Referrer-Policy"] == "same-origin"


def test_tracking_page_with_the_secret_still_hides_identity_and_internal_notes(client, handled):
    case, secret, _operator = handled

    body = track(client, case, secret).content.decode()

    assert REPLY in body and INTERNAL not in body
    _no_identity(body)
    assert "lokasi.png" in body


def test_the_reporters_own_answers_are_only_shown_to_the_reporter(client, handled):
    case, secret, operator = handled
    act(case, "request_info", operator, note="Mohon nomor rumah terdekat.")
    act(case, "provide_info", None, role=REPORTER, note="Rumah saya no. 12, hubungi 0812999")

    assert "0812999" not in track(client, case).content.decode()
    assert "0812999" in track(client, case, secret).content.decode()


def test_tracking_code_is_case_insensitive_and_unknown_codes_404(client, handled):
    case, _secret, _operator = handled

    assert client.get(f"/lacak/{case.tracking_code.lower()}/").status_code == 200
    assert client.get("/lacak/ADU-ZZZZZZ/").status_code == 404


def _reporter_post(client, case, **data):
    return client.post(f"/lacak/{case.tracking_code}/kirim/", data)


def test_reporter_actions_need_the_secret(client, handled):
    case, secret, operator = handled
    act(case, "resolve", operator, note="Sudah ditambal.")
    before = CaseEvent.objects.count()

    assert _reporter_post(client, case, action="rate", rating="5").status_code == 400
    wrong = _reporter_post(client, case, k="bukan-rahasia", action="rate", rating="5")
    assert wrong.status_code == 400
    assert CaseEvent.objects.count() == before

    right = _reporter_post(client, case, k=secret, action="rate", rating="4", note="Bagus")
    assert right.status_code == 302
    case.refresh_from_db()
    assert case.rating == 4


def test_logged_in_submitter_acts_without_the_secret(client, category):
    from satupintu.testing.factories import UserFactory

    citizen = UserFactory()
    case, _secret = file_case(category, user=citizen)
    client.force_login(citizen)

    response = _reporter_post(client, case, action="add_files")  # no file: form error

    assert response.status_code == 400  # the form, not the secret, refused it
    assert "Tautan rahasia" not in response.content.decode()


def test_reporter_action_not_allowed_in_this_status_is_refused_politely(client, handled):
    case, secret, _operator = handled

    response = _reporter_post(client, case, k=secret, action="reopen", note="Belum beres")

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "terverifikasi"


# --- Attachments -------------------------------------------------------------------------------


def _staff_file_url(case):
    attachment = case.attachments.get(original_name="lokasi.png")
    return f"/kantor/kasus/{case.tracking_code}/berkas/{attachment.pk}/"


def _reporter_file_url(case, name="lokasi.png", secret=""):
    attachment = case.attachments.get(original_name=name)
    if secret:
        return f"/lacak/{case.tracking_code}/{secret}/berkas/{attachment.pk}/"
    return f"/lacak/{case.tracking_code}/berkas/{attachment.pk}/"


def test_unit_staff_and_coordinators_download_files(client, handled, coordinator):
    case, _secret, operator = handled
    for user in (operator, coordinator):
        client.force_login(user)
        response = client.get(_staff_file_url(case))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_staff_of_another_opd_get_404_for_files(client, handled, staff_b):
    case, _secret, _operator = handled
    client.force_login(staff_b)

    assert client.get(_staff_file_url(case)).status_code == 404


def test_citizens_and_strangers_cannot_use_the_staff_file_link(client, handled, citizen):
    case, _secret, _operator = handled
    url = _staff_file_url(case)

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(citizen)
    assert client.get(url).status_code == 404


def test_unit_staff_cannot_download_files_of_unverified_cases(client, category, staff_a):
    case, _secret = file_case(category, files=[png_upload("lokasi.png")])
    client.force_login(staff_a)

    assert client.get(_staff_file_url(case)).status_code == 404


def test_reporter_downloads_own_file_with_the_secret_only(client, handled):
    case, secret, _operator = handled
    url = _reporter_file_url(case)

    assert client.get(_reporter_file_url(case, secret=secret)).status_code == 200
    assert client.get(url).status_code == 400
    assert client.get(_reporter_file_url(case, secret="x" * 32)).status_code == 404


def test_reporter_cannot_download_internal_staff_files(client, handled):
    case, secret, operator = handled
    act(case, "note", operator, note="Foto internal.", files=[png_upload("internal.png")])

    response = client.get(_reporter_file_url(case, "internal.png", secret))

    assert response.status_code == 400


def test_reporter_downloads_public_staff_files(client, handled):
    case, secret, operator = handled
    act(case, "reply", operator, note="Foto hasil perbaikan.", files=[png_upload("hasil.png")])

    assert client.get(_reporter_file_url(case, "hasil.png", secret)).status_code == 200


# --- CSV export --------------------------------------------------------------------------------


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_export_contains_only_the_users_cases(client, category, coordinator, staff_a):
    ours, _s = file_case(category, title="Jalan rusak kita")
    theirs, _s = file_case(category, title="Puskesmas tutup")
    unverified, _s = file_case(category, title="Belum diverifikasi")
    verify(ours, coordinator)
    verify(theirs, coordinator, "DINKES")
    client.force_login(staff_a)

    response = client.get("/kantor/kasus/ekspor.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][0] == "kode"
    assert [row[0] for row in rows[1:]] == [ours.tracking_code]
    text = str(rows)
    assert theirs.tracking_code not in text and unverified.tracking_code not in text


def test_export_neutralises_spreadsheet_formulas(client, category, coordinator, staff_a):
    titles = ['=HYPERLINK("http://jahat.example","klik")', "+1+1", "-2+3", "@SUM(A1)", "Biasa"]
    for title in titles:
        case, _s = file_case(category, title=title)
        verify(case, coordinator)
    client.force_login(staff_a)

    rows = _rows(client.get("/kantor/kasus/ekspor.csv"))

    exported = {row[-1] for row in rows[1:]}
    assert exported == {"'" + t for t in titles[:-1]} | {"Biasa"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_export_honours_the_inbox_filters(client, category, coordinator):
    first, _s = file_case(category, title="Pertama")
    second, _s = file_case(category, title="Kedua")
    verify(first, coordinator)
    client.force_login(coordinator)

    rows = _rows(client.get("/kantor/kasus/ekspor.csv", {"status": "baru"}))

    assert [row[0] for row in rows[1:]] == [second.tracking_code]


def test_export_is_staff_only(client, citizen, reference_data):
    assert client.get("/kantor/kasus/ekspor.csv").status_code == 302
    client.force_login(citizen)
    assert client.get("/kantor/kasus/ekspor.csv").status_code == 404


def test_staff_page_hides_the_reporter_account_in_the_timeline(client, category, coordinator):
    from satupintu.testing.factories import UserFactory

    citizen = UserFactory(full_name="Rahasia Sekali")
    case, _secret = file_case(
        category, user=citizen, identity="confidential", reporter_name="", reporter_email=""
    )
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))
    client.force_login(operator)

    body = client.get(f"/kantor/kasus/{case.tracking_code}/").content.decode()

    assert "Rahasia Sekali" not in body and citizen.email not in body
    assert "Dirahasiakan" in body
    client.force_login(coordinator)
    assert "Rahasia Sekali" in client.get(f"/kantor/kasus/{case.tracking_code}/").content.decode()


def test_coordinator_acts_through_the_staff_page(client, category, coordinator):
    case, _secret = file_case(category)
    client.force_login(coordinator)

    response = client.post(
        f"/kantor/kasus/{case.tracking_code}/tindakan/", {"action": "archive", "note": "Spam"}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "diarsipkan"
    assert case.events.last().actor_role == COORDINATOR
