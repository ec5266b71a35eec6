"""UU 27/2022 rights over complaints and applications: the export holds them all, erasure
deletes drafts and their files, pseudonymises cases, strips finished applications to the
record the archive rules keep, and a periodic task purges that record after the retention."""

import json
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from satupintu.accounts import services as account_services
from satupintu.applications import retention
from satupintu.applications.models import Application, ApplicationDocument, ApplicationDraft
from satupintu.applications.tests.conftest import png_bytes, upload
from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.cases.models import Case
from satupintu.cases.tests import helpers as case_helpers
from satupintu.core import periodic
from satupintu.core.models import AuditEvent
from satupintu.documents.models import IssuedDocument
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.services import queue_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_citizen(citizen):
    citizen.full_name = "Siti Pemohon"
    citizen.email = "siti.pemohon@contoh.id"
    citizen.save()
    return citizen


@pytest.fixture
def open_draft(service, named_citizen):
    """A second draft, never submitted, with an uploaded KTP scan."""
    from satupintu.applications.services import citizen as citizen_services

    draft = citizen_services.start_draft(user=named_citizen, service=service)
    errors = citizen_services.upload_documents(
        draft, {"ktp-ortu": upload("ktp.png", png_bytes(), "image/png")}, actor=named_citizen
    )
    assert not errors
    return draft


@pytest.fixture
def complaint(named_citizen, django_capture_on_commit_callbacks):
    category = case_helpers.make_category()
    with django_capture_on_commit_callbacks(execute=True):
        case, _secret = case_helpers.file_case(
            category,
            user=named_citizen,
            reporter_name="Siti Pemohon",
            reporter_email="siti.pemohon@contoh.id",
            files=[case_helpers.png_upload()],
        )
    # A message about it to the reporter, and one to staff that must stay out of the export.
    queue_message(
        channel="email",
        recipient="siti.pemohon@contoh.id",
        body=f"Laporan {case.tracking_code} diterima, Siti Pemohon.",
        dedupe_key=f"test-reporter-{case.pk}",
        reference=case.tracking_code,
    )
    queue_message(
        channel="email",
        recipient="petugas@dpu.contoh.id",
        body="Laporan baru.",
        dedupe_key=f"test-staff-{case.pk}",
        reference=case.tracking_code,
    )
    return case


def _export(client, user) -> dict:
    client.force_login(user)
    response = client.get("/akun/data-saya/")
    assert response.status_code == 200
    return json.loads(response.content.decode("utf-8"))


def test_export_holds_complaints_applications_drafts_and_messages(
    client, named_citizen, submitted_application, open_draft, complaint
):
    data = _export(client, named_citizen)

    codes = {c["tracking_code"]: c for c in data["cases"]}
    assert complaint.tracking_code in codes
    filed = codes[complaint.tracking_code]
    assert filed["reporter_name"] == "Siti Pemohon"
    assert filed["reporter_email"] == "siti.pemohon@contoh.id"
    assert filed["files"][0]["sha256"]
    assert filed["timeline"]

    [application] = data["applications"]
    assert application["tracking_code"] == submitted_application.case.tracking_code
    assert application["service"] == submitted_application.service.name
    assert application["answers"]  # in full
    assert sorted(d["name"] for d in application["documents"]) == sorted(
        d.original_name for d in submitted_application.documents.all()
    )
    assert all(d["sha256"] and d["requirement"] for d in application["documents"])
    assert application["receipt"] is True

    [draft] = data["application_drafts"]
    assert draft["service"] == open_draft.service.name
    assert [d["name"] for d in draft["documents"]] == [open_draft.documents.get().original_name]

    messages = data["messages"]
    # The confirmations of the application and the complaint (issue 16), and the message above.
    assert {m["recipient"] for m in messages} == {"siti.pemohon@contoh.id"}
    assert len(messages) == 3
    assert any("Siti Pemohon" in m["body"] for m in messages)
    assert sum("tercatat dengan kode" in m["body"] for m in messages) == 2
    assert "petugas@dpu.contoh.id" not in json.dumps(data)


def test_export_of_another_citizen_holds_none_of_it(
    client, named_citizen, submitted_application, complaint
):
    from satupintu.testing.factories import UserFactory

    data = _export(client, UserFactory())

    assert data["cases"] == [] and data["applications"] == [] and data["messages"] == []
    assert submitted_application.case.tracking_code not in json.dumps(data)


def test_erasure_is_refused_while_an_application_is_in_process(
    client, named_citizen, submitted_application
):
    client.force_login(named_citizen)
    code = submitted_application.case.tracking_code

    page = client.get("/akun/hapus/").content.decode()
    assert code in page and 'id="erasure-blocked"' in page and 'name="confirm"' not in page

    response = client.post("/akun/hapus/", {"confirm": "HAPUS"})

    assert response.status_code == 200
    named_citizen.refresh_from_db()
    assert named_citizen.is_active and named_citizen.erased_at is None
    with pytest.raises(account_services.ErasureRefused, match=code):
        account_services.erase_account(user=named_citizen, actor=named_citizen)


def _on_disk(name: str) -> bool:
    return default_storage.exists(name)


def test_erasure_deletes_drafts_pseudonymises_cases_and_strips_finished_applications(
    client,
    named_citizen,
    issued_application,
    open_draft,
    complaint,
    django_capture_on_commit_callbacks,
):
    application = issued_application
    draft_file = open_draft.documents.get().file.name
    upload_files = [d.file.name for d in application.documents.all()]
    receipt = application.receipt.name
    result = application.result_document
    assert all(_on_disk(n) for n in [draft_file, receipt, result.file.name, *upload_files])
    photo = complaint.attachments.get().file.name
    to_citizen = [m.pk for m in OutboxMessage.objects.all() if m.recipient == named_citizen.email]
    assert len(to_citizen) >= 2  # about the application and the complaint
    client.force_login(named_citizen)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/hapus/", {"confirm": "HAPUS"})

    assert response.status_code == 302
    # Drafts (never submitted, and the submitted one's copy of the answers) and their files.
    assert not ApplicationDraft.objects.filter(applicant=named_citizen).exists()
    assert not _on_disk(draft_file)
    # The finished application: answers, uploads and receipt gone; record and result kept.
    application.refresh_from_db()
    assert application.data == {}
    assert not application.receipt and not _on_disk(receipt)
    assert not ApplicationDocument.objects.filter(application=application).exists()
    assert not any(_on_disk(n) for n in upload_files)
    case = Case.objects.get(pk=application.case_id)
    assert case.description == "-"
    assert IssuedDocument.objects.filter(pk=result.pk).exists() and _on_disk(result.file.name)
    # Cases filed with the account carry a pseudonym, no contact.
    for filed in (case, Case.objects.get(pk=complaint.pk)):
        assert filed.reporter_name == f"Akun dihapus #{named_citizen.pk}"
        assert filed.reporter_email == "" and filed.reporter_phone == ""
    assert _on_disk(photo)  # the complaint's content stays, without identity
    # Messages to the person are gone; the staff notification stays.
    recipients = [
        m.recipient for m in OutboxMessage.objects.filter(reference=complaint.tracking_code)
    ]
    assert recipients == ["petugas@dpu.contoh.id"]
    assert not OutboxMessage.objects.filter(pk__in=to_citizen).exists()
    # The audit event names ids and counts only.
    event = AuditEvent.objects.get(action="accounts.account_erased")
    assert event.object_label == f"#{named_citizen.pk}"
    assert event.actor_label == f"#{named_citizen.pk}"
    assert event.data["erased"] == {
        "messages_deleted": len(to_citizen),
        "cases_pseudonymised": 2,
        "drafts_deleted": 1,
        "applications_stripped": 1,
    }
    assert "Siti" not in json.dumps(event.data)


def test_kept_record_is_purged_after_the_retention_period(
    settings, named_citizen, issued_application, django_capture_on_commit_callbacks
):
    settings.APPLICATION_RECORD_RETENTION_YEARS = 3
    with django_capture_on_commit_callbacks(execute=True):
        account_services.erase_account(user=named_citizen, actor=named_citizen)
    case = Case.objects.get(pk=issued_application.case_id)
    result = issued_application.result_document
    pdf = result.file.name
    closed = case.closed_at

    assert retention.purge_erased_records(now=closed + timedelta(days=3 * 365 - 1)) == 0
    assert Application.objects.filter(pk=issued_application.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert retention.purge_erased_records(now=closed + timedelta(days=3 * 366)) == 1

    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Application.objects.filter(pk=issued_application.pk).exists()
    assert not IssuedDocument.objects.filter(pk=result.pk).exists()
    assert not _on_disk(pdf)
    event = AuditEvent.objects.get(action="applications.record_purged")
    assert event.data["tracking_code"] == case.tracking_code
    assert event.object_label == ""


def test_records_of_citizens_who_did_not_erase_are_not_purged(issued_application):
    case = issued_application.case
    case.refresh_from_db()

    assert retention.purge_erased_records(now=case.closed_at + timedelta(days=100 * 366)) == 0
    assert Application.objects.filter(pk=issued_application.pk).exists()


def test_purge_is_a_periodic_task():
    assert "satupintu.applications.retention.purge_erased_applications" in [
        p.name for p in periodic.registered()
    ]


def test_erasure_page_states_the_retention_the_code_enforces(client, settings, named_citizen):
    settings.APPLICATION_RECORD_RETENTION_YEARS = 7
    client.force_login(named_citizen)

    html = client.get(reverse("accounts:delete")).content.decode()

    assert "disimpan 7 tahun sejak permohonan selesai" in html
    assert "Pasal 44 ayat (1) huruf a" in html
    assert f"Akun dihapus #{named_citizen.pk}" in html
    assert reverse("portal:privacy") in html


def test_application_forms_link_the_privacy_notice(client, named_citizen, draft):
    client.force_login(named_citizen)
    for n in (1, 2, 3):  # two form steps and the documents step
        body = client.get(reverse("applications:step", args=[draft.public_id, n])).content.decode()
        assert 'href="/privasi/#permohonan"' in body, n
