"""What the public sees of a case (issue #9, items 8 and 9): the coordinator's summary, never
the citizen's own words; the reporter's secret in the path, old `?k=` links redirected; odd
codes answered "not found", never 500."""

import pytest
from django.core import mail
from django.test import Client

from satupintu.cases.models import Case
from satupintu.cases.notify import track_url
from satupintu.cases.tests.helpers import act, file_case, png_upload, unit, verify
from satupintu.complaints.forms import Identity
from satupintu.testing.factories import make_staff

PHONE_TITLE = "Jalan amblas depan rumah, hubungi 0812-3456-7890"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def confidential(category):
    return file_case(category, title=PHONE_TITLE, identity=Identity.CONFIDENTIAL)


# --- Public summary ------------------------------------------------------------------------------


def test_the_public_page_shows_a_neutral_title_until_the_coordinator_approves(client, confidential):
    case, _secret = confidential

    body = client.get(f"/lacak/{case.tracking_code}/").content.decode()

    assert "Pengaduan: Jalan rusak" in body
    assert "amblas" not in body and "0812" not in body and "3456-7890" not in body


def test_the_reporters_private_page_still_shows_their_own_title(client, confidential):
    case, secret = confidential

    body = client.get(f"/lacak/{case.tracking_code}/{secret}/").content.decode()

    assert PHONE_TITLE in body


def test_coordinator_approves_an_edited_summary_at_verification_on_the_staff_page(
    client, confidential, coordinator
):
    case, _secret = confidential
    client.force_login(coordinator)
    page = client.get(f"/kantor/kasus/{case.tracking_code}/").content.decode()
    # The form proposes the title, already masked.
    assert 'name="public_summary"' in page
    assert "3456-7890" not in page.split("verify-public_summary")[1]

    response = client.post(
        f"/kantor/kasus/{case.tracking_code}/tindakan/",
        {
            "action": "verify",
            "org_unit": "DPU",
            "public_summary": "Jalan amblas di Sepinggan, kontak 081234567890",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.public_summary == "Jalan amblas di Sepinggan, kontak 081234567890"
    client.logout()
    body = client.get(f"/lacak/{case.tracking_code}/").content.decode()
    assert "Jalan amblas di Sepinggan, kontak 0812******90" in body
    assert "081234567890" not in body


def test_unit_staff_have_no_summary_field_and_cannot_set_it(client, category, coordinator):
    case, _secret = file_case(category)
    verify(case, coordinator)
    operator = make_staff(unit("DPU"))
    client.force_login(operator)

    page = client.get(f"/kantor/kasus/{case.tracking_code}/").content.decode()
    assert 'name="public_summary"' not in page
    api = client.post(
        f"/api/v1/kantor/kasus/{case.tracking_code}/tindakan/",
        {"action": "start", "public_summary": "Ditulis unit"},
        content_type="application/json",
    )

    assert api.status_code == 403
    case.refresh_from_db()
    assert case.public_summary == "" and case.status == "terverifikasi"


def test_the_api_sets_and_shows_the_public_summary(client, confidential, coordinator):
    case, _secret = confidential
    client.force_login(coordinator)
    url = f"/api/v1/kantor/kasus/{case.tracking_code}/"
    assert client.get(url).json()["public_title"] == "Pengaduan: Jalan rusak"

    response = client.post(
        f"{url}tindakan/",
        {"action": "verify", "org_unit": "DPU", "public_summary": "Jalan amblas"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    detail = client.get(url).json()
    assert detail["public_summary"] == "Jalan amblas" and detail["public_title"] == "Jalan amblas"
    too_long = client.post(
        f"{url}tindakan/",
        {"action": "note", "note": "x", "public_summary": "x" * 201},
        content_type="application/json",
    )
    assert too_long.status_code == 400


# --- The secret in the path ------------------------------------------------------------------


def test_links_the_platform_sends_carry_the_secret_in_the_path(confidential, settings):
    case, secret = confidential

    url = track_url(case, secret)

    assert url == f"{settings.PUBLIC_BASE_URL}/lacak/{case.tracking_code}/{secret}/"
    assert "?k=" not in url


def test_confirmation_messages_use_the_path_form(category, django_capture_on_commit_callbacks):
    from satupintu.notifications.models import OutboxMessage

    with django_capture_on_commit_callbacks(execute=True):
        case, secret = file_case(category, reporter_phone="")
    bodies = [m.body for m in OutboxMessage.objects.all()] + [m.body for m in mail.outbox]

    assert all("?k=" not in body for body in bodies)


def test_old_query_links_redirect_to_the_path_form(client, confidential):
    case, secret = confidential

    response = client.get(f"/lacak/{case.tracking_code}/?k={secret}")

    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{case.tracking_code}/{secret}/"
    assert response["Referrer-Policy"] == "strict-origin"
    assert "no-store" in response["Cache-Control"]


def test_an_old_link_with_a_wrong_secret_is_just_the_public_page(client, confidential):
    case, _secret = confidential

    response = client.get(f"/lacak/{case.tracking_code}/?k=salah")

    assert response.status_code == 200
    assert PHONE_TITLE not in response.content.decode()


def test_old_file_links_redirect_to_the_path_form(client, category):
    case, secret = file_case(category, files=[png_upload("lokasi.png")])
    attachment = case.attachments.get()

    response = client.get(f"/lacak/{case.tracking_code}/berkas/{attachment.pk}/?k={secret}")

    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{case.tracking_code}/{secret}/berkas/{attachment.pk}/"


def test_the_private_page_sends_only_its_origin_as_referrer_and_a_wrong_secret_is_404(
    client, confidential
):
    case, secret = confidential

    page = client.get(f"/lacak/{case.tracking_code}/{secret}/")

    assert page.status_code == 200
    assert page["Referrer-Policy"] == "strict-origin"
    assert f'action="/lacak/{case.tracking_code}/{secret}/kirim/"' in page.content.decode()
    assert 'name="k"' not in page.content.decode()
    assert client.get(f"/lacak/{case.tracking_code}/{'x' * 32}/").status_code == 404


def test_the_private_pages_forms_work_although_the_browser_sends_origin_null(category, coordinator):
    case, secret = file_case(category)
    verify(case, coordinator)
    act(case, "resolve", make_staff(unit("DPU")), note="Sudah ditambal.")
    browser = Client(enforce_csrf_checks=True, HTTP_ORIGIN="null")

    response = browser.post(
        f"/lacak/{case.tracking_code}/{secret}/kirim/", {"action": "rate", "rating": "4"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{case.tracking_code}/{secret}/"
    case.refresh_from_db()
    assert case.rating == 4
    forged = browser.post(f"/lacak/{case.tracking_code}/{'x' * 32}/kirim/", {"action": "close"})
    assert forged.status_code == 404


# --- Odd input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["a/b", "ADU-ZZZZZZ", "ADU-\u00c4\u00d6", "A" * 300, "../x"])
def test_an_unknown_code_stays_on_the_form_with_what_was_typed(client, reference_data, typed):
    response = client.get("/lacak/", {"code": typed})

    assert response.status_code == 404
    body = response.content.decode()
    assert "Kode tidak ditemukan" in body
    assert f'value="{typed}"' in body


def test_a_known_code_from_the_form_goes_to_its_page(client, confidential):
    case, _secret = confidential

    response = client.get("/lacak/", {"code": f" {case.tracking_code.lower()} "})

    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{case.tracking_code}/"


@pytest.mark.parametrize(
    "path",
    [
        "/lacak/ADU-%00/",
        "/lacak/ADU-%00/kirim/",
        "/lacak/%C3%84%C3%96/",
        f"/lacak/{'A' * 3000}/",
        "/lacak/ADU-%00/berkas/1/",
        "/permohonan/PMH-%00/tanda-terima/",
        "/permohonan/%C3%84/hasil/",
        "/verifikasi/%00abc/",
        "/verifikasi/%C3%84%C3%96/",
        f"/verifikasi/{'a' * 3000}/",
    ],
)
def test_odd_codes_and_tokens_are_not_found_never_500(client, reference_data, path):
    response = client.get(path) if "kirim" not in path else client.post(path, {})

    assert response.status_code in (404, 400, 405)
    assert Case.objects.count() == 0
