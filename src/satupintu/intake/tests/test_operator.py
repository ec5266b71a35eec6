"""Operators record phone calls and walk-ins for citizens."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.cases.models import Case
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db

URL = "/kantor/aduan-telepon/"


def form_data(categories, **extra):
    data = {
        "channel": "phone",
        "subtype": "pengaduan",
        "category": categories["jalan-rusak"].pk,
        "title": "Jalan berlubang di Jl. Mulawarman",
        "description": "Penelepon melaporkan lubang besar di depan SD 012 sejak dua minggu.",
        "kelurahan": Region.objects.get(code="64.71.05.1002").pk,
        "rt": "7",
        "street": "Jl. Mulawarman",
        "identity": "named",
        "reporter_name": "Pak Darto",
        "reporter_email": "",
        "reporter_phone": "0812-3456-7890",
        "idempotency_key": "op-1",
    }
    data.update(extra)
    return data


def test_url_and_module_entry(client, staff_a):
    assert reverse("intake:operator_new") == URL
    client.force_login(staff_a)
    home = client.get(reverse("backoffice:home")).content.decode()
    assert URL in home
    page = client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="channel"' in body and 'name="idempotency_key"' in body
    assert 'name="reporter_phone"' in body  # the operator fills in the caller's contact


def test_operator_records_a_phone_call_and_reads_out_the_code(client, staff_a, categories):
    client.force_login(staff_a)
    response = client.post(URL, form_data(categories))
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("intake:operator_recorded", args=[case.tracking_code])
    assert case.channel == Case.Channel.PHONE
    assert case.reporter_name == "Pak Darto" and case.reporter_phone == "+6281234567890"
    assert case.submitter is None  # the operator is not the reporter
    assert case.attributes["recorded_by"] == staff_a.pk
    event = case.events.get()
    assert event.actor == staff_a and event.actor_role == "system"
    assert event.data == {"channel": "phone"}
    page = client.get(response["Location"]).content.decode()
    assert case.tracking_code in page
    code = case.tracking_code.replace("-", "")
    assert " ".join(code) in page  # spelled out to read on the phone


def test_walk_in_by_a_coordinator_with_a_file(client, categories):
    coordinator = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    client.force_login(coordinator)
    from satupintu.intake.tests.conftest import png_bytes

    photo = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    data = form_data(categories, channel="walk_in", reporter_phone="", identity="anonymous")
    response = client.post(URL, {**data, "files": [photo]})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == Case.Channel.WALK_IN
    assert case.is_anonymous and case.reporter_name == ""
    assert case.attachments.count() == 1


def test_bad_input_keeps_what_was_typed(client, staff_a, categories):
    client.force_login(staff_a)
    response = client.post(
        URL,
        form_data(categories, description="<script>alert(1)</script> lubang besar di jalan"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "tanpa tag HTML" in body
    assert "Jalan berlubang di Jl. Mulawarman" in body and "Pak Darto" in body
    assert "<script>alert(1)" not in body
    assert 'value="op-1"' in body  # the same idempotency key: a retry cannot double-file
    assert not Case.objects.exists()


def test_contact_or_anonymous_is_required(client, staff_a, categories):
    client.force_login(staff_a)
    response = client.post(URL, form_data(categories, reporter_phone=""))
    assert response.status_code == 400
    assert "pelaporan anonim" in response.content.decode()


@pytest.mark.parametrize("channel", ["web", "whatsapp", ""])
def test_only_phone_and_walk_in_channels(client, staff_a, categories, channel):
    client.force_login(staff_a)
    response = client.post(URL, form_data(categories, channel=channel))
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_double_submit_records_one_case(client, staff_a, categories):
    client.force_login(staff_a)
    first = client.post(URL, form_data(categories))
    second = client.post(URL, form_data(categories))
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_citizens_and_visitors_cannot_use_it(client, citizen, categories):
    response = client.get(URL)
    assert response.status_code == 302 and "/akun/" in response["Location"]
    client.force_login(citizen)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data(categories)).status_code == 404
    assert not Case.objects.exists()


def test_only_the_recording_operator_sees_the_confirmation(client, staff_a, staff_b, categories):
    client.force_login(staff_a)
    location = client.post(URL, form_data(categories))["Location"]
    client.force_login(staff_b)
    assert client.get(location).status_code == 404
    assert client.get(URL + "ADU-XXXXXX/").status_code == 404


def test_citizen_gets_a_written_confirmation(
    client, staff_a, categories, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(staff_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(categories, reporter_email="darto@contoh.id"))
    case = Case.objects.get()
    assert len(mail.outbox) == 1
    assert re.search(case.tracking_code, mail.outbox[0].body)
