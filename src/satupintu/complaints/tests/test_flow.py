import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.cases.models import Case, CaseAttachment
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.complaints import complaint_form_data, png_bytes, road_category
from satupintu.testing.factories import make_staff


@pytest.fixture
def category(reference_data):
    return road_category()


def form_data(category, **extra):
    return complaint_form_data(category, **extra)


def test_citizen_files_and_follows_a_complaint_to_its_end(
    client, category, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("complaints:new"), {**form_data(category), "files": [photo]})
    assert response.status_code == 302
    case = Case.objects.get()
    assert re.fullmatch(r"ADU-[2-9A-Z]{6}", case.tracking_code)
    assert case.org_unit.code == "DPU"  # routed by the category's default unit
    assert case.attachments.count() == 1
    sent = client.get(response["Location"])
    secret_url = re.search(r'id="secret-link"><a href="([^"]+)"', sent.content.decode()).group(1)
    assert "?k=" not in secret_url
    secret = re.search(rf"/lacak/{case.tracking_code}/([\w-]+)/$", secret_url).group(1)

    # Before verification: the OPD does not see it, the coordinator does.
    dpu = OrgUnit.objects.get(code="DPU")
    operator = make_staff(dpu)
    coordinator = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    other = make_staff(OrgUnit.objects.get(code="DINKES"))
    client.force_login(operator)
    assert client.get(reverse("cases:staff_detail", args=[case.tracking_code])).status_code == 404
    client.force_login(coordinator)
    detail = client.get(reverse("cases:staff_detail", args=[case.tracking_code]))
    assert detail.status_code == 200 and "Budi" in detail.content.decode()
    response = client.post(
        reverse("cases:act", args=[case.tracking_code]), {"action": "verify", "org_unit": "DPU"}
    )
    assert response.status_code == 302

    client.force_login(operator)
    inbox = client.get(reverse("cases:inbox"))
    assert case.tracking_code in inbox.content.decode()
    client.force_login(other)
    assert client.get(reverse("cases:staff_detail", args=[case.tracking_code])).status_code == 404
    assert case.tracking_code not in client.get(reverse("cases:inbox")).content.decode()
    attachment = CaseAttachment.objects.get()
    assert (
        client.get(
            reverse("cases:staff_attachment", args=[case.tracking_code, attachment.pk])
        ).status_code
        == 404
    )

    client.force_login(operator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:act", args=[case.tracking_code]),
            {"action": "resolve", "note": "Sudah ditambal hari ini."},
        )
    case.refresh_from_db()
    assert case.status == "dijawab"
    assert any(case.tracking_code in m.subject for m in mail.outbox)

    client.logout()
    public = client.get(reverse("cases:track", args=[case.tracking_code])).content.decode()
    assert "Sudah ditambal hari ini." in public
    assert "Budi" not in public and "budi@contoh.id" not in public
    response = client.post(
        reverse("cases:reporter_action_secret", args=[case.tracking_code, secret]),
        {"action": "rate", "rating": "5", "note": "Cepat"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.rating == 5


def test_double_submit_creates_one_case(client, category):
    client.post(reverse("complaints:new"), form_data(category))
    client.post(reverse("complaints:new"), form_data(category))
    assert Case.objects.count() == 1


def test_bad_input_keeps_what_was_typed(client, category):
    response = client.post(
        reverse("complaints:new"),
        form_data(category, description="<script>alert(1)</script> terlalu", title="Judul ok"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "tanpa tag HTML" in body
    assert "Jl. Mulawarman" in body and "Judul ok" in body
    assert "<script>alert(1)" not in body
    assert Case.objects.count() == 0


def test_disguised_file_is_refused(client, category):
    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(reverse("complaints:new"), {**form_data(category), "files": [fake]})
    assert response.status_code == 400
    assert "tidak diterima" in response.content.decode()
    assert Case.objects.count() == 0
