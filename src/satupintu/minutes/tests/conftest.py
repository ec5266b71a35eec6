from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.core import workdays
from satupintu.minutes import services
from satupintu.minutes.models import Meeting
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff


@pytest.fixture(autouse=True)
def _fresh_holiday_table():
    workdays._non_working_days.cache_clear()
    yield
    workdays._non_working_days.cache_clear()


@pytest.fixture
def setwan(reference_data):
    return OrgUnit.objects.get(code="SETWAN")


@pytest.fixture
def people(setwan, opd_a, opd_b):
    """The DPRD secretariat's meeting cast, plus outsiders."""
    return {
        "chair": make_staff(setwan, Membership.Role.HEAD, full_name="Ketua Rapat Hadi"),
        "notulis": make_staff(setwan, full_name="Nina Notulis"),
        "colleague": make_staff(setwan, full_name="Sekar Setwan"),
        "invitee": make_staff(opd_a, full_name="Indra Undangan"),
        "dinkes": make_staff(opd_b, full_name="Dewi Dinkes"),
        "city": make_staff(
            OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN, full_name="Admin Kota"
        ),
    }


def schedule(actor, unit, people, **overrides) -> Meeting:
    start = timezone.now() + timedelta(days=2)
    values = {
        "actor": actor,
        "org_unit": unit,
        "kind": Meeting.Kind.WORKING,
        "title": "Rapat kerja Komisi III dengan Dinas PU",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "place": "Ruang Rapat Gabungan DPRD",
        "chair": people["chair"],
        "secretary": people["notulis"],
        "invited_users": [people["invitee"]] if "invitee" in people else [],
        "invited_units": [],
        "is_public": True,
    }
    values.update(overrides)
    return services.create_meeting(**values)


@pytest.fixture
def meeting(people, setwan):
    return schedule(people["notulis"], setwan, people)


def publish(meeting, people, *, with_agenda=True):
    if with_agenda:
        item = services.add_agenda_item(
            actor=people["notulis"], meeting=meeting, title="Perbaikan jalan Sepinggan"
        )
        services.update_agenda_item(
            actor=people["notulis"],
            item=item,
            changes={
                "discussion": "Dinas PU melaporkan kerusakan drainase di Sepinggan.",
                "decisions": "Perbaikan drainase dianggarkan pada APBD Perubahan.",
            },
        )
    services.transition(actor=people["notulis"], meeting=meeting, action="submit")
    services.transition(actor=people["chair"], meeting=meeting, action="approve")
    return services.transition(actor=people["notulis"], meeting=meeting, action="publish")


@pytest.fixture
def published(meeting, people):
    return publish(meeting, people)
