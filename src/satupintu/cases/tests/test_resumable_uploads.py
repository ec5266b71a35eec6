"""Files on a case's later actions (the reporter's "add files" on the tracking page, a staff
action) come as finished resumable uploads too; each person uses only their own."""

import pytest
from django.test import Client

from satupintu.cases.models import CaseAttachment
from satupintu.cases.tests.helpers import file_case, unit, verify
from satupintu.testing.factories import UserFactory, make_staff
from satupintu.uploads.models import Upload
from satupintu.uploads.tests.helpers import pdf_bytes, png_bytes, public_id, upload_all


@pytest.fixture
def verified(category, coordinator):
    citizen = UserFactory()
    case, secret = file_case(category, user=citizen)
    verify(case, coordinator)
    return case, secret, citizen


def test_reporter_adds_a_finished_upload_with_the_secret_link(verified):
    case, secret, _citizen = verified
    browser = Client()
    upload_id = public_id(upload_all(browser, png_bytes(40), "tambahan.png"))
    response = browser.post(
        f"/lacak/{case.tracking_code}/{secret}/kirim/",
        {"action": "add_files", "files_upload": [upload_id]},
    )
    assert response.status_code == 302
    assert case.attachments.filter(original_name="tambahan.png", uploaded_by_role="reporter")


def test_reporter_cannot_use_another_browsers_upload(verified):
    case, _secret, citizen = verified
    upload_id = public_id(upload_all(Client(), png_bytes(40), "orang-lain.png"))
    client = Client()
    client.force_login(citizen)
    response = client.post(
        f"/lacak/{case.tracking_code}/kirim/",
        {"action": "add_files", "files_upload": [upload_id]},
    )
    assert response.status_code == 400
    assert "tidak ditemukan lagi" in response.content.decode()
    assert not case.attachments.filter(original_name="orang-lain.png").exists()


def test_staff_attach_their_own_upload_to_an_action(verified):
    case, _secret, citizen = verified
    operator = make_staff(unit("DPU"))
    staff = Client()
    staff.force_login(operator)
    upload_id = public_id(upload_all(staff, pdf_bytes(4000), "berita-acara.pdf"))
    response = staff.post(
        f"/kantor/kasus/{case.tracking_code}/tindakan/",
        {"action": "note", "internal_note": "Berita acara terlampir.", "files_upload": [upload_id]},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    attachment = CaseAttachment.objects.get(original_name="berita-acara.pdf")
    assert attachment.uploaded_by_role != "reporter"
    assert Upload.objects.get().owner == operator


def test_staff_cannot_attach_a_citizens_upload(verified):
    case, _secret, citizen = verified
    mine = Client()
    mine.force_login(citizen)
    upload_id = public_id(upload_all(mine, pdf_bytes(4000), "ktp.pdf"))
    staff = Client()
    staff.force_login(make_staff(unit("DPU")))
    response = staff.post(
        f"/kantor/kasus/{case.tracking_code}/tindakan/",
        {"action": "note", "internal_note": "Coba lampirkan.", "files_upload": [upload_id]},
    )
    assert response.status_code == 400
    assert not CaseAttachment.objects.filter(original_name="ktp.pdf").exists()
