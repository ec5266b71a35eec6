"""The citizen's journey through the pages: start, steps, resume, review, submit, done."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from satupintu.applications.models import Application, ApplicationDraft
from satupintu.applications.services import citizen as citizen_services
from satupintu.applications.tests.conftest import STEP_ONE, STEP_TWO, VALID_NIK
from satupintu.applications.tests.helpers import login
from satupintu.cases.models import Case
from satupintu.catalog import selectors as catalog_selectors
from satupintu.catalog.models import FormSchemaVersion
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def step_url(draft, n):
    return reverse("applications:step", args=[draft.public_id, n])


def test_anonymous_visitor_is_sent_to_login(client, service):
    url = reverse("applications:start", args=[service.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "next=" in response["Location"]


def test_start_creates_one_draft_and_opens_step_one(client, service, citizen):
    login(client, citizen)
    url = reverse("applications:start", args=[service.slug])
    response = client.get(url)
    draft = ApplicationDraft.objects.get(applicant=citizen)
    assert response["Location"] == step_url(draft, 1)
    assert draft.form_version.version == 1
    client.get(url)
    assert ApplicationDraft.objects.filter(applicant=citizen).count() == 1
    page = client.get(step_url(draft, 1))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="nama_anak"' in body and "Data anak" in body
    assert "Simpan dan lanjutkan" in body


def test_step_post_saves_and_redirects(client, service, citizen):
    login(client, citizen)
    client.get(reverse("applications:start", args=[service.slug]))
    draft = ApplicationDraft.objects.get(applicant=citizen)
    response = client.post(step_url(draft, 1), STEP_ONE)
    assert response.status_code == 302 and response["Location"] == step_url(draft, 2)
    draft.refresh_from_db()
    assert draft.data["nama_anak"] == "Budi Santoso"
    assert draft.current_step == 1


def test_invalid_step_keeps_what_was_typed(client, service, citizen):
    login(client, citizen)
    client.get(reverse("applications:start", args=[service.slug]))
    draft = ApplicationDraft.objects.get(applicant=citizen)
    client.post(step_url(draft, 1), STEP_ONE)
    response = client.post(
        step_url(draft, 2), {**STEP_TWO, "nik_ayah": "1234567890123456", "no_kk": "12"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "NIK tidak valid" in body
    assert "Nomor KK tidak valid" in body
    assert 'value="081234567890"' in body  # the phone typed is kept
    draft.refresh_from_db()
    assert "nik_ayah" not in draft.data and draft.current_step == 1


def test_no_skipping_ahead(client, service, citizen):
    login(client, citizen)
    client.get(reverse("applications:start", args=[service.slug]))
    draft = ApplicationDraft.objects.get(applicant=citizen)
    response = client.get(step_url(draft, 4))
    assert response["Location"] == step_url(draft, 1)


def test_back_button_goes_back_without_saving(client, draft, citizen):
    login(client, citizen)
    response = client.post(step_url(draft, 2), {"back": "1", "nik_ayah": "x"})
    assert response["Location"] == step_url(draft, 1)


def test_resume_in_a_new_session_after_step_two(service, citizen):
    """The connection drops after step 2: a new browser, log in, continue with all data."""
    first = login(Client(), citizen)
    first.get(reverse("applications:start", args=[service.slug]))
    draft = ApplicationDraft.objects.get(applicant=citizen)
    first.post(step_url(draft, 1), STEP_ONE)
    first.post(step_url(draft, 2), STEP_TWO)
    del first  # the browser is gone

    second = login(Client(), citizen)
    listing = second.get(reverse("applications:my_list"))
    assert service.name in listing.content.decode()
    response = second.get(reverse("applications:start", args=[service.slug]))
    assert response["Location"] == step_url(draft, 3)  # the documents step
    page = second.get(step_url(draft, 2))
    body = page.content.decode()
    assert f'value="{VALID_NIK}"' in body  # the owner sees their own saved NIK to edit it
    assert 'value="+6281234567890"' in body
    page = second.get(step_url(draft, 1))
    assert 'value="Budi Santoso"' in page.content.decode()


def test_draft_keeps_its_form_version_when_a_new_one_is_published(
    client, service, citizen, draft, complete_draft, django_capture_on_commit_callbacks
):
    v2 = FormSchemaVersion.objects.create(
        service=service,
        version=2,
        schema={
            "type": "object",
            "properties": {"alasan": {"type": "string", "title": "Alasan"}},
            "required": ["alasan"],
        },
        ui={},
        published_at=timezone.now(),
    )
    assert catalog_selectors.current_form_version(service) == v2
    login(client, citizen)
    # The citizen resumes: still version 1, its fields and answers.
    response = client.get(reverse("applications:start", args=[service.slug]))
    assert response["Location"] == step_url(draft, 4)
    page = client.get(step_url(draft, 1)).content.decode()
    assert 'name="nama_anak"' in page and 'name="alasan"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(draft, 4), {"declaration": "on"})
    application = Application.objects.get(case__submitter=citizen)
    assert application.form_version.version == 1
    # Another citizen starting now gets version 2.
    other = UserFactory()
    assert citizen_services.start_draft(user=other, service=service).form_version == v2
    # A published version cannot change.
    from django.core.exceptions import ValidationError

    v2.ui = {"steps": []}
    with pytest.raises(ValidationError):
        v2.save()


def test_review_masks_personal_numbers(client, complete_draft, citizen):
    login(client, citizen)
    body = client.get(step_url(complete_draft, 4)).content.decode()
    assert "6471********0001" in body
    assert VALID_NIK not in body
    assert "+62812*****890" in body
    assert "surat-lahir.pdf" in body


def test_missing_required_document_blocks_submission(client, draft, citizen, documents_files):
    login(client, citizen)
    citizen_services.upload_documents(
        draft, {"surat-lahir": documents_files["surat-lahir"]()}, actor=citizen
    )
    ApplicationDraft.objects.filter(pk=draft.pk).update(current_step=3)
    response = client.post(step_url(draft, 4), {"declaration": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dokumen wajib belum diunggah" in body
    assert "Kartu keluarga" in body and "KTP orang tua" in body
    assert not Case.objects.exists() and not Application.objects.exists()
    draft.refresh_from_db()
    assert draft.submitted_case is None and draft.documents.count() == 1


def test_declaration_is_required(client, complete_draft, citizen):
    login(client, citizen)
    response = client.post(step_url(complete_draft, 4), {})
    assert response.status_code == 400
    assert "Centang pernyataan" in response.content.decode()
    assert not Case.objects.exists()


def test_submit_creates_one_case_and_the_application(
    client, complete_draft, citizen, service, django_capture_on_commit_callbacks
):
    login(client, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(complete_draft, 4), {"declaration": "on"})
    application = Application.objects.get()
    case = application.case
    assert response["Location"] == reverse("applications:done", args=[case.tracking_code])
    assert case.kind == "application" and case.tracking_code.startswith("PMH-")
    assert case.status == "diajukan" and case.org_unit == service.org_unit
    assert case.submitter == citizen and case.reporter_name == citizen.full_name
    assert case.title == service.name
    assert VALID_NIK not in case.description and "6471********0001" in case.description
    assert application.documents.count() == 3
    assert not complete_draft.documents.exists()
    first = service.steps.get(order=1)
    assert application.current_step == first
    assert application.step_started_at is not None
    from satupintu.core import workdays

    assert application.step_due_date == workdays.add_working_days(
        timezone.localdate(case.created_at), first.working_days
    )
    assert case.due_date == workdays.add_working_days(
        timezone.localdate(case.created_at), service.processing_days
    )
    assert application.data["nama_anak"] == "Budi Santoso"
    assert VALID_NIK not in str(application.data)
    assert application.receipt.name.endswith(".pdf")
    complete_draft.refresh_from_db()
    assert complete_draft.submitted_case == case

    done = client.get(response["Location"])
    body = done.content.decode()
    assert case.tracking_code in body
    # The secret link, shown once, with the secret in the path.
    assert "?k=" not in body
    assert re.search(rf"/lacak/{case.tracking_code}/[\w-]{{32}}/", body)
    assert reverse("applications:receipt", args=[case.tracking_code]) in body


def test_double_submit_returns_the_same_case(
    client, complete_draft, citizen, django_capture_on_commit_callbacks
):
    login(client, citizen)
    url = step_url(complete_draft, 4)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"declaration": "on"})
        second = client.post(url, {"declaration": "on"})
    assert Case.objects.count() == 1 and Application.objects.count() == 1
    assert first["Location"] == second["Location"]
    page = client.get(second["Location"])
    assert "sudah dikirim" in page.content.decode()


def test_racing_submissions_of_one_draft_make_one_case(
    complete_draft, citizen, django_capture_on_commit_callbacks
):
    """Two requests read the draft before either commits: the second one finds the case by
    its idempotency key and answers with the same application."""
    stale = ApplicationDraft.objects.get(pk=complete_draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        first, secret = citizen_services.submit_draft(complete_draft, actor=citizen)
    assert secret
    # Replay the second request as if it had read the draft before the first committed,
    # and as if the draft row had not yet been marked (only the case exists).
    ApplicationDraft.objects.filter(pk=stale.pk).update(submitted_case=None)
    again, secret_again = citizen_services.submit_draft(stale, actor=citizen)
    assert again.pk == first.pk and secret_again is None
    assert Case.objects.count() == 1 and Application.objects.count() == 1


def test_a_submitted_draft_cannot_change(client, submitted_application, complete_draft, citizen):
    login(client, citizen)
    response = client.get(step_url(complete_draft, 1))
    assert response["Location"] == reverse(
        "applications:done", args=[submitted_application.case.tracking_code]
    )
    with pytest.raises(citizen_services.ApplicationError):
        citizen_services.save_step(complete_draft, 0, STEP_ONE, actor=citizen)


def test_my_list_shows_drafts_and_applications(client, submitted_application, citizen, service):
    login(client, citizen)
    body = client.get(reverse("applications:my_list")).content.decode()
    assert submitted_application.case.tracking_code in body
    assert "Diajukan, menunggu pemeriksaan" in body
    assert reverse("applications:receipt", args=[submitted_application.case.tracking_code]) in body


def test_delete_draft(client, draft, citizen):
    login(client, citizen)
    client.post(reverse("applications:delete_draft", args=[draft.public_id]))
    # Soft: gone from the pages, kept for the undo window (test_draft_delete.py).
    assert ApplicationDraft.objects.get(pk=draft.pk).deleted_at is not None


def test_receipt_pdf(client, submitted_application, citizen):
    login(client, citizen)
    code = submitted_application.case.tracking_code
    response = client.get(reverse("applications:receipt", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_receipt_task_renders_once(submitted_application):
    from satupintu.applications.tasks import make_receipt

    name = submitted_application.receipt.name
    again = make_receipt(submitted_application.pk)
    assert again.receipt.name == name
    with submitted_application.receipt.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_tracking_page_shows_service_and_step(client, submitted_application, citizen):
    code = submitted_application.case.tracking_code
    public = client.get(reverse("cases:track", args=[code])).content.decode()
    assert submitted_application.service.name in public
    assert "Pemeriksaan berkas" in public
    assert reverse("applications:receipt", args=[code]) not in public  # strangers: no links
    login(client, citizen)
    own = client.get(reverse("cases:track", args=[code])).content.decode()
    assert reverse("applications:receipt", args=[code]) in own
    assert reverse("applications:withdraw", args=[code]) in own


def test_service_without_online_form_is_refused(client, service, citizen):
    service.form_versions.all().delete()
    login(client, citizen)
    response = client.get(reverse("applications:start", args=[service.slug]))
    assert response.status_code == 404
    assert "Formulir daring layanan ini belum tersedia" in response.content.decode()
