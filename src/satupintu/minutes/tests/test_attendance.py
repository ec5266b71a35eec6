"""Attendance: present / excused / absent, arrival time, guests, the phone form."""

from datetime import time

import pytest
from django.urls import reverse

from satupintu.minutes import services
from satupintu.minutes.models import Attendance

pytestmark = pytest.mark.django_db


def _row(meeting, user):
    return meeting.attendances.get(user=user)


def test_record_statuses_and_arrival(meeting, people):
    chair, invitee = _row(meeting, people["chair"]), _row(meeting, people["invitee"])
    changed = services.record_attendance(
        actor=people["notulis"],
        meeting=meeting,
        entries=[
            {"attendance": chair, "status": "present", "arrived_at": time(9, 5)},
            {
                "attendance": invitee,
                "status": "excused",
                "arrived_at": time(9, 0),
                "note": "Dinas luar",
            },
        ],
    )
    assert changed == 2
    chair.refresh_from_db()
    invitee.refresh_from_db()
    assert (chair.status, chair.arrived_at) == ("present", time(9, 5))
    # only people present have an arrival time
    assert (invitee.status, invitee.arrived_at, invitee.note) == ("excused", None, "Dinas luar")


def test_unknown_status_is_refused(meeting, people):
    with pytest.raises(services.MinutesError):
        services.record_attendance(
            actor=people["notulis"],
            meeting=meeting,
            entries=[{"attendance": _row(meeting, people["chair"]), "status": "late"}],
        )


def test_guest_and_walk_in_colleague(meeting, people):
    guest = services.add_attendee(
        actor=people["notulis"], meeting=meeting, name="H. Abdullah", position="Anggota DPRD"
    )
    assert guest.user is None and guest.status == Attendance.Status.PRESENT
    walk_in = services.add_attendee(actor=people["notulis"], meeting=meeting, user=people["dinkes"])
    assert walk_in.name == "Dewi Dinkes" and walk_in.unit.code == "DINKES"
    with pytest.raises(services.MinutesError, match="nama peserta"):
        services.add_attendee(actor=people["notulis"], meeting=meeting, name="  ")


def test_attendance_page_on_a_phone(client, meeting, people):
    client.force_login(people["notulis"])
    url = reverse("minutes:attendance", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    chair, invitee = _row(meeting, people["chair"]), _row(meeting, people["invitee"])
    response = client.post(
        url,
        {
            f"s-{chair.pk}": "present",
            f"t-{chair.pk}": "08:55",
            f"s-{invitee.pk}": "absent",
            "baru-name": "Tamu Dari Kelurahan",
            "baru-position": "Lurah Sepinggan",
            "baru-status": "present",
        },
    )
    assert response.status_code == 302
    chair.refresh_from_db()
    invitee.refresh_from_db()
    assert chair.arrived_at == time(8, 55) and invitee.status == "absent"
    assert meeting.attendances.filter(name="Tamu Dari Kelurahan", status="present").exists()


def test_invitee_cannot_take_attendance(client, meeting, people):
    client.force_login(people["invitee"])
    assert client.get(reverse("minutes:attendance", args=[meeting.pk])).status_code == 404
