"""What a reporter sends from the tracking page is limited per address and session, and its
files count against the hourly upload budget."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from satupintu.cases.models import CaseAttachment
from satupintu.cases.tests.helpers import file_case, verify
from satupintu.complaints.tests.test_flow import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def verified(category, coordinator):
    case, secret = file_case(category, reporter_email="budi@contoh.id")
    verify(case, coordinator)
    return case, secret


def _send(client, case, secret, **data):
    return client.post(f"/lacak/{case.tracking_code}/kirim/", {"k": secret, **data})


def test_reporter_messages_are_limited_per_session(verified, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reporter_action": "100/h/ip,2/h/session"}
    case, secret = verified
    browser = Client()

    statuses = [
        _send(browser, case, secret, action="provide_info", note=f"Info {n}").status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert _send(Client(), case, secret, action="provide_info", note="lain").status_code == 302


def test_guessing_secrets_is_limited_per_address(verified, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reporter_action": "3/h/ip"}
    case, _secret = verified

    statuses = [
        _send(Client(), case, f"tebak-{n}", action="rate", rating="5").status_code for n in range(4)
    ]

    assert statuses == [400, 400, 400, 429]


def test_reporter_files_count_against_the_upload_budget(verified, settings):
    case, secret = verified
    settings.UPLOAD_BYTES_PER_HOUR = len(png_bytes()) + 10

    def send_photo(name):
        upload = SimpleUploadedFile(name, png_bytes(), content_type="image/png")
        return _send(Client(), case, secret, action="add_files", files=[upload])

    assert send_photo("a.png").status_code == 302
    refused = send_photo("b.png")

    assert refused.status_code == 429
    assert "Batas ukuran unggahan" in refused.content.decode()
    assert CaseAttachment.objects.filter(original_name="b.png").count() == 0
