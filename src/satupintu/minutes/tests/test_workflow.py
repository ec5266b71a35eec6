"""Draft → review → approved by the chair → published; locked after approval."""

from datetime import timedelta

import pytest

from satupintu.core.models import AuditEvent
from satupintu.minutes import services
from satupintu.minutes.models import Meeting
from satupintu.minutes.tests.conftest import publish
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _add_item(meeting, people):
    return services.add_agenda_item(
        actor=people["notulis"], meeting=meeting, title="Laporan pelaksanaan APBD"
    )


def test_full_workflow_is_audited(meeting, people):
    published = publish(meeting, people)
    assert published.status == Meeting.Status.PUBLISHED
    assert published.submitted_at and published.approved_at and published.published_at
    actions = list(
        AuditEvent.objects.filter(object_type="minutes.meeting", object_id=str(meeting.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "minutes.meeting_created",
        "minutes.agenda_added",
        "minutes.agenda_updated",
        "minutes.submit",
        "minutes.approve",
        "minutes.publish",
    ]


def test_only_the_chair_approves(meeting, people):
    _add_item(meeting, people)
    services.transition(actor=people["notulis"], meeting=meeting, action="submit")
    for who in ("notulis", "colleague", "city"):
        with pytest.raises(services.MinutesError) as exc:
            services.transition(actor=people[who], meeting=meeting, action="approve")
        assert exc.value.status == 403
        assert "pimpinan rapat" in exc.value.message
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.REVIEW
    refused = AuditEvent.objects.filter(action="minutes.refused", object_id=str(meeting.pk))
    assert refused.count() == 3
    approved = services.transition(actor=people["chair"], meeting=meeting, action="approve")
    assert approved.status == Meeting.Status.APPROVED


def test_submit_needs_an_agenda_and_approve_needs_review(meeting, people):
    with pytest.raises(services.MinutesError, match="satu acara"):
        services.transition(actor=people["notulis"], meeting=meeting, action="submit")
    with pytest.raises(services.MinutesError, match="diajukan"):
        services.transition(actor=people["chair"], meeting=meeting, action="approve")


def test_publish_only_approved(meeting, people):
    with pytest.raises(services.MinutesError, match="disetujui pimpinan"):
        services.transition(actor=people["notulis"], meeting=meeting, action="publish")
    _add_item(meeting, people)
    services.transition(actor=people["notulis"], meeting=meeting, action="submit")
    with pytest.raises(services.MinutesError, match="disetujui pimpinan"):
        services.transition(actor=people["chair"], meeting=meeting, action="publish")
    assert Meeting.objects.get(pk=meeting.pk).published_at is None


def test_chair_returns_to_the_notulis_with_a_reason(meeting, people):
    _add_item(meeting, people)
    services.transition(actor=people["notulis"], meeting=meeting, action="submit")
    assert OutboxMessage.objects.filter(subject__contains="menunggu persetujuan").exists()
    with pytest.raises(services.MinutesError, match="alasan"):
        services.transition(actor=people["chair"], meeting=meeting, action="return")
    returned = services.transition(
        actor=people["chair"], meeting=meeting, action="return", note="Lengkapi keputusan."
    )
    assert returned.status == Meeting.Status.DRAFT


def test_no_edits_after_approval_until_the_chair_reopens(meeting, people):
    item = _add_item(meeting, people)
    services.transition(actor=people["notulis"], meeting=meeting, action="submit")
    meeting = services.transition(actor=people["chair"], meeting=meeting, action="approve")
    item.refresh_from_db()
    attempts = [
        lambda: services.update_agenda_item(
            actor=people["notulis"], item=item, changes={"decisions": "Diubah diam-diam"}
        ),
        lambda: services.add_agenda_item(actor=people["notulis"], meeting=meeting, title="X"),
        lambda: services.update_meeting(
            actor=people["chair"], meeting=meeting, changes={"title": "Judul lain"}
        ),
        lambda: services.record_attendance(actor=people["notulis"], meeting=meeting, entries=[]),
        lambda: services.delete_agenda_item(actor=people["notulis"], item=item),
    ]
    for attempt in attempts:
        with pytest.raises(services.MinutesError, match="tidak dapat diubah"):
            attempt()
    item.refresh_from_db()
    assert item.decisions == ""

    with pytest.raises(services.MinutesError) as exc:
        services.transition(actor=people["notulis"], meeting=meeting, action="reopen", note="x")
    assert exc.value.status == 403
    with pytest.raises(services.MinutesError, match="alasan"):
        services.transition(actor=people["chair"], meeting=meeting, action="reopen")
    meeting = services.transition(
        actor=people["chair"], meeting=meeting, action="reopen", note="Salah tulis angka."
    )
    assert meeting.status == Meeting.Status.DRAFT and meeting.approved_at is None
    services.update_agenda_item(actor=people["notulis"], item=item, changes={"decisions": "Benar"})
    event = AuditEvent.objects.get(action="minutes.reopen")
    assert event.data["note"] == "Salah tulis angka." and event.data["from"] == "approved"


def test_reopening_published_minutes_takes_them_off_the_public_page(published, people):
    assert published.is_on_public_page
    meeting = services.transition(
        actor=people["chair"], meeting=published, action="reopen", note="Ralat."
    )
    assert not meeting.is_on_public_page and meeting.published_at is None


def test_outsiders_cannot_edit(meeting, people):
    with pytest.raises(services.MinutesError) as exc:
        services.add_agenda_item(actor=people["dinkes"], meeting=meeting, title="Titipan")
    assert exc.value.status == 403
    # an invitee sees the meeting but does not write its minutes
    with pytest.raises(services.MinutesError):
        services.add_agenda_item(actor=people["invitee"], meeting=meeting, title="Titipan")


def test_end_before_start_is_refused(people, setwan):
    from satupintu.minutes.tests.conftest import schedule

    meeting = schedule(people["notulis"], setwan, people)
    with pytest.raises(services.MinutesError, match="setelah waktu mulai"):
        services.update_meeting(
            actor=people["notulis"],
            meeting=meeting,
            changes={"ends_at": meeting.starts_at - timedelta(minutes=5)},
        )
