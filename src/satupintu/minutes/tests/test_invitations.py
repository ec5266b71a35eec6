"""Invitations go to the outbox when a meeting is scheduled, and again when it changes."""

from datetime import timedelta

import pytest

from satupintu.minutes import services
from satupintu.minutes.models import Attendance
from satupintu.minutes.tests.conftest import schedule
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def _invitations(meeting):
    return OutboxMessage.objects.filter(reference=meeting.reference, channel="email")


def test_scheduling_queues_one_invitation_per_invitee(people, setwan, opd_b):
    head = make_staff(opd_b, Membership.Role.HEAD, full_name="Kepala Dinkes")
    opd_b.email = ""
    opd_b.save()
    meeting = schedule(
        people["notulis"],
        setwan,
        people,
        invited_users=[people["invitee"], people["colleague"]],
        invited_units=[opd_b],
    )
    recipients = sorted(m.recipient for m in _invitations(meeting))
    assert recipients == sorted([people["invitee"].email, people["colleague"].email, head.email])
    message = _invitations(meeting).first()
    assert message.subject.startswith("Undangan rapat:")
    assert "Ruang Rapat Gabungan DPRD" in message.body
    assert f"/kantor/rapat/{meeting.pk}/" in message.body
    # the chair, the notulis and the invited people are on the attendance list
    names = set(meeting.attendances.values_list("user_id", flat=True))
    assert names == {
        people["chair"].pk,
        people["notulis"].pk,
        people["invitee"].pk,
        people["colleague"].pk,
    }
    assert set(meeting.attendances.values_list("status", flat=True)) == {Attendance.Status.UNKNOWN}


def test_unit_with_an_office_address_is_invited_there(people, setwan, opd_b):
    opd_b.email = "dinkes@balikpapan.go.id"
    opd_b.save()
    meeting = schedule(people["notulis"], setwan, people, invited_units=[opd_b])
    assert "dinkes@balikpapan.go.id" in [m.recipient for m in _invitations(meeting)]


def test_changed_time_or_place_sends_again_other_changes_do_not(meeting, people):
    assert _invitations(meeting).count() == 1
    meeting = services.update_meeting(
        actor=people["notulis"], meeting=meeting, changes={"title": "Rapat kerja (ralat judul)"}
    )
    assert _invitations(meeting).count() == 1
    meeting = services.update_meeting(
        actor=people["notulis"],
        meeting=meeting,
        changes={
            "starts_at": meeting.starts_at + timedelta(hours=1),
            "ends_at": meeting.ends_at + timedelta(hours=1),
        },
    )
    assert meeting.schedule_version == 2
    latest = _invitations(meeting).order_by("-pk").first()
    assert latest.subject.startswith("Perubahan jadwal rapat:")
    assert _invitations(meeting).count() == 2


def test_a_new_invitee_gets_the_current_invitation(meeting, people):
    services.update_meeting(
        actor=people["notulis"],
        meeting=meeting,
        changes={},
        invited_users=[people["invitee"], people["dinkes"]],
    )
    assert sorted(m.recipient for m in _invitations(meeting)) == sorted(
        [people["invitee"].email, people["dinkes"].email]
    )
    assert meeting.attendances.filter(user=people["dinkes"]).exists()
