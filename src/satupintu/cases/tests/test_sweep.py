"""The deadline sweep: due soon and overdue are flagged once, and the right people hear."""

from datetime import date

import pytest
import time_machine

from satupintu.cases import tasks
from satupintu.cases.models import Case
from satupintu.cases.tests.helpers import act, file_case, make_category, unit, verify, wita
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

Role = Membership.Role
MONDAY = wita(2026, 4, 13, 10, 0)


@pytest.fixture
def people(reference_data, coordinator):
    return {
        "operator": make_staff(unit("DPU")),
        "head": make_staff(unit("DPU"), Role.HEAD),
        "coordinator": coordinator,
        "other_head": make_staff(unit("DINKES"), Role.HEAD),
        "unit_coordinator": make_staff(unit("DPU"), Role.COORDINATOR),  # not city-wide
    }


def _running(category, people, due, **extra):
    case, _secret = file_case(category, **extra)
    verify(case, people["coordinator"])
    act(case, "assign", people["operator"], assignee=people["operator"])
    Case.objects.filter(pk=case.pk).update(due_date=due)
    case.refresh_from_db()
    return case


def _recipients(case) -> set[str]:
    return {m.recipient for m in OutboxMessage.objects.filter(reference=case.tracking_code)}


def test_sweep_marks_once_and_tells_assignee_head_and_coordinators(people):
    category = make_category()
    with time_machine.travel(MONDAY, tick=False):
        overdue = _running(category, people, date(2026, 4, 10), title="Lewat batas")
        soon = _running(category, people, date(2026, 4, 14), title="Besok batasnya")
        later = _running(category, people, date(2026, 5, 29), title="Masih lama")
        paused = _running(category, people, date(2026, 4, 1), title="Menunggu warga")
        act(paused, "request_info", people["operator"], note="Foto?")
        closed = _running(category, people, date(2026, 4, 1), title="Sudah selesai")
        act(closed, "resolve", people["operator"], note="Selesai.")
        act(closed, "close", people["coordinator"], role="coordinator")

        counts = tasks.sweep()

    assert counts == {"due_soon": 1, "overdue": 1, "verification_overdue": 0}
    expected = {people[k].email for k in ("operator", "head", "coordinator")}
    assert _recipients(overdue) == expected
    assert _recipients(soon) == expected
    assert _recipients(later) == _recipients(paused) == _recipients(closed) == set()
    message = OutboxMessage.objects.filter(reference=overdue.tracking_code).first()
    assert message.channel == "email" and message.status == "pending"
    assert overdue.tracking_code in message.subject and "Lewat batas waktu" in message.subject
    overdue.refresh_from_db()
    soon.refresh_from_db()
    assert overdue.overdue_notified_at is not None and overdue.due_soon_notified_at is None
    assert soon.due_soon_notified_at is not None and soon.overdue_notified_at is None

    sent = OutboxMessage.objects.count()
    with time_machine.travel(MONDAY.replace(hour=11), tick=False):
        assert tasks.sweep() == {"due_soon": 0, "overdue": 0, "verification_overdue": 0}
    assert OutboxMessage.objects.count() == sent


def test_due_soon_case_is_flagged_again_when_it_becomes_overdue(people):
    category = make_category()
    with time_machine.travel(MONDAY, tick=False):
        case = _running(category, people, date(2026, 4, 14))
        assert tasks.sweep()["due_soon"] == 1
    with time_machine.travel(wita(2026, 4, 15, 8, 0), tick=False):
        counts = tasks.sweep()

    assert counts["overdue"] == 1 and counts["due_soon"] == 0
    reasons = {m.subject for m in OutboxMessage.objects.filter(reference=case.tracking_code)}
    assert len(reasons) == 2


def test_unverified_case_alerts_only_the_coordinators(people):
    category = make_category()
    with time_machine.travel(wita(2026, 4, 6, 9, 0), tick=False):
        case, _secret = file_case(category)  # verification due Thursday 9 April
    assert case.verify_due_date == date(2026, 4, 9)

    with time_machine.travel(wita(2026, 4, 10, 9, 0), tick=False):
        counts = tasks.sweep()

    assert counts["verification_overdue"] == 1
    # The provisional unit (DPU) cannot open the case yet, so its head hears nothing.
    assert _recipients(case) == {people["coordinator"].email}
    subjects = {m.subject for m in OutboxMessage.objects.all()}
    assert any("Belum diverifikasi" in subject for subject in subjects)


def test_a_late_verification_still_lets_the_unit_hear_of_the_overdue_case(people):
    category = make_category(tier="ringan")
    with time_machine.travel(wita(2026, 4, 6, 9, 0), tick=False):
        case, _secret = file_case(category)  # due Wednesday 8 April, verify by Thursday 9
    with time_machine.travel(wita(2026, 4, 10, 9, 0), tick=False):
        tasks.sweep()  # overdue while still unverified: coordinators only
        verify(case, people["coordinator"])
    assert _recipients(case) == {people["coordinator"].email}

    with time_machine.travel(wita(2026, 4, 10, 10, 0), tick=False):
        counts = tasks.sweep()

    assert counts["overdue"] == 1
    assert people["head"].email in _recipients(case)


def test_sweep_task_is_registered_every_15_minutes():
    from datetime import timedelta

    from satupintu.core.periodic import registered

    entry = next(p for p in registered() if p.task is tasks.sweep_deadlines)
    assert entry.interval == timedelta(minutes=15)
