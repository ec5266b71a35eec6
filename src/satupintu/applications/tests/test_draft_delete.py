"""Deleting a draft: a confirmation page first (with or without JavaScript), then a soft
delete the applicant can undo ("Urungkan") for SP_APPLICATION_DRAFT_UNDO_HOURS, after which a
periodic task purges the draft and its files."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from satupintu.applications import tasks
from satupintu.applications.models import ApplicationDocument, ApplicationDraft
from satupintu.applications.personal_data import export_drafts
from satupintu.applications.services import citizen as citizen_services
from satupintu.applications.services import drafts
from satupintu.applications.tests.conftest import STEP_ONE
from satupintu.applications.tests.helpers import login
from satupintu.core.models import AuditEvent
from satupintu.core.periodic import registered
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def delete_url(draft):
    return reverse("applications:delete_draft", args=[draft.public_id])


def restore_url(draft):
    return reverse("applications:restore_draft", args=[draft.public_id])


def step_url(draft, n=1):
    return reverse("applications:step", args=[draft.public_id, n])


def test_my_list_links_to_a_confirmation_page_not_a_delete_button(client, draft, citizen):
    login(client, citizen)
    body = client.get(reverse("applications:my_list")).content.decode()
    assert f'href="{delete_url(draft)}"' in body
    assert f'action="{delete_url(draft)}"' not in body


def test_the_confirmation_page_asks_and_deletes_nothing(client, complete_draft, citizen):
    login(client, citizen)
    response = client.get(delete_url(complete_draft))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hapus draf?" in body and "Ya, hapus draf" in body
    assert "selama 24 jam" in body
    assert 'method="post"' in body
    complete_draft.refresh_from_db()
    assert complete_draft.deleted_at is None


def test_deleting_hides_the_draft_and_offers_undo(
    client, complete_draft, citizen, django_capture_on_commit_callbacks
):
    login(client, citizen)
    names = [d.file.name for d in complete_draft.documents.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url(complete_draft))
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:my_list") + "#baru-dihapus"
    complete_draft.refresh_from_db()
    assert complete_draft.deleted_at is not None
    assert all(default_storage.exists(name) for name in names)  # kept for the undo

    page = client.get(response["Location"]).content.decode()
    assert "Baru dihapus" in page and "Urungkan" in page
    assert f'action="{restore_url(complete_draft)}"' in page
    assert "Berubah pikiran?" in page
    assert 'id="draft-list"' not in page  # no open draft any more
    assert client.get(step_url(complete_draft)).status_code == 404
    assert client.get(delete_url(complete_draft)).status_code == 404
    assert AuditEvent.objects.filter(action="applications.draft_deleted").count() == 1


def test_undo_brings_the_draft_back_with_its_answers(client, complete_draft, citizen):
    login(client, citizen)
    client.post(delete_url(complete_draft))
    response = client.post(restore_url(complete_draft))
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.deleted_at is None
    assert complete_draft.data["nama_anak"] == STEP_ONE["nama_anak"]
    assert complete_draft.documents.count() == 3
    page = client.get(reverse("applications:my_list")).content.decode()
    assert "dipulihkan" in page and "Baru dihapus" not in page
    assert client.get(step_url(complete_draft)).status_code == 200
    assert AuditEvent.objects.filter(action="applications.draft_restored").count() == 1
    # A second click changes nothing.
    assert client.post(restore_url(complete_draft)).status_code == 302
    assert AuditEvent.objects.filter(action="applications.draft_restored").count() == 1


def test_undo_is_refused_once_the_window_is_over(client, draft, citizen, settings, time_machine):
    settings.APPLICATION_DRAFT_UNDO_HOURS = 2
    time_machine.move_to(timezone.now(), tick=False)
    login(client, citizen)
    client.post(delete_url(draft))
    time_machine.shift(timedelta(hours=2, minutes=1))
    response = client.post(restore_url(draft), follow=True)
    assert "Batas waktu untuk mengurungkan sudah lewat" in response.content.decode()
    draft.refresh_from_db()
    assert draft.deleted_at is not None
    assert "Baru dihapus" not in client.get(reverse("applications:my_list")).content.decode()


def test_starting_again_makes_a_new_draft_not_the_deleted_one(client, draft, citizen, service):
    login(client, citizen)
    client.post(delete_url(draft))
    client.get(reverse("applications:start", args=[service.slug]))
    assert ApplicationDraft.objects.filter(applicant=citizen, deleted_at=None).count() == 1
    assert ApplicationDraft.objects.get(applicant=citizen, deleted_at=None).pk != draft.pk


def test_a_deleted_draft_cannot_be_saved_or_submitted(complete_draft, citizen):
    drafts.delete_draft(complete_draft, actor=citizen)
    with pytest.raises(citizen_services.ApplicationError):
        citizen_services.save_step(complete_draft, 0, STEP_ONE, actor=citizen)
    with pytest.raises(citizen_services.ApplicationError):
        citizen_services.submit_draft(complete_draft, actor=citizen)


def test_a_submitted_draft_cannot_be_deleted(submitted_application, citizen):
    draft = ApplicationDraft.objects.get(submitted_case=submitted_application.case)
    with pytest.raises(citizen_services.ApplicationError):
        drafts.delete_draft(draft, actor=citizen)


def test_other_people_get_not_found(client, draft, citizen):
    other = UserFactory()
    login(client, other)
    assert client.get(delete_url(draft)).status_code == 404
    assert client.post(delete_url(draft)).status_code == 404
    drafts.delete_draft(draft, actor=citizen)
    assert client.post(restore_url(draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.deleted_at is not None


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.get(delete_url(draft))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]
    assert client.post(restore_url(draft)).status_code == 302


def test_restore_is_post_only(client, draft, citizen):
    login(client, citizen)
    assert client.get(restore_url(draft)).status_code == 405


def test_the_purge_deletes_only_drafts_past_the_window(
    complete_draft, citizen, service, settings, time_machine, django_capture_on_commit_callbacks
):
    settings.APPLICATION_DRAFT_UNDO_HOURS = 24
    time_machine.move_to(timezone.now(), tick=False)
    names = [d.file.name for d in complete_draft.documents.all()]
    drafts.delete_draft(complete_draft, actor=citizen)
    time_machine.shift(timedelta(hours=23))
    assert drafts.purge_deleted_drafts() == 0
    time_machine.shift(timedelta(hours=2))
    other = UserFactory()
    recent = citizen_services.start_draft(user=other, service=service)
    drafts.delete_draft(recent, actor=other)

    with django_capture_on_commit_callbacks(execute=True):
        assert drafts.purge_deleted_drafts() == 1
    assert not ApplicationDraft.objects.filter(pk=complete_draft.pk).exists()
    assert not ApplicationDocument.objects.filter(draft_id=complete_draft.pk).exists()
    assert ApplicationDraft.objects.filter(pk=recent.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
    event = AuditEvent.objects.get(action="applications.draft_purged")
    assert event.data == {"documents": 3}


def test_the_purge_is_a_periodic_task():
    names = [p.name for p in registered()]
    assert tasks.purge_deleted_drafts.module_path in names


def test_a_deleted_draft_is_still_in_the_data_export(draft, citizen):
    drafts.delete_draft(draft, actor=citizen)
    [exported] = export_drafts(citizen)
    assert exported["deleted_at"] is not None
