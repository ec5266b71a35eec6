"""SP4N-LAPOR! rules: reopen within 10 working days of the answer; unanswered answers close
themselves after 10 working days."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from satupintu.cases import services
from satupintu.cases.services import CaseError
from satupintu.cases.tests.helpers import act, file_case, unit, verify, wita
from satupintu.cases.workflow import COORDINATOR, REPORTER, SYSTEM
from satupintu.complaints import tasks
from satupintu.core.periodic import registered
from satupintu.testing.factories import make_staff

ANSWERED = wita(2026, 4, 13, 10, 0)  # Monday
NINTH_WORKING_DAY = wita(2026, 4, 24, 9, 0)  # Friday
TENTH_WORKING_DAY = wita(2026, 4, 27, 9, 0)  # Monday
ELEVENTH_WORKING_DAY = wita(2026, 4, 28, 9, 0)
WINDOW_CLOSED = "Batas 10 hari kerja untuk membuka kembali laporan sudah lewat."


@pytest.fixture
def answered(category, coordinator):
    operator = make_staff(unit("DPU"))
    with time_machine.travel(ANSWERED - timedelta(days=3), tick=False):  # Friday 10 April
        case, secret = file_case(category)
        verify(case, coordinator)
        act(case, "start", operator)
    with time_machine.travel(ANSWERED, tick=False):
        act(case, "resolve", operator, note="Sudah ditambal.")
    assert case.status == "dijawab"
    return case, secret


def _reopen(case):
    return act(case, "reopen", None, role=REPORTER, note="Lubangnya muncul lagi.")


# --- Reopen ------------------------------------------------------------------------------------


def test_reporter_may_reopen_on_the_tenth_working_day(answered):
    case, _secret = answered

    with time_machine.travel(TENTH_WORKING_DAY, tick=False):
        case = _reopen(case)

    assert case.status == "diproses"
    assert case.resolved_at is None and case.closed_at is None


def test_reopen_is_refused_after_ten_working_days(answered):
    case, _secret = answered

    with time_machine.travel(ELEVENTH_WORKING_DAY, tick=False), pytest.raises(CaseError) as error:
        _reopen(case)

    assert error.value.message == WINDOW_CLOSED
    assert error.value.status == 409
    case.refresh_from_db()
    assert case.status == "dijawab"


def test_a_closed_case_may_be_reopened_within_the_window_too(answered):
    case, _secret = answered
    with time_machine.travel(ANSWERED + timedelta(days=1), tick=False):
        act(case, "close", None, role=REPORTER)
        case = _reopen(case)

    assert case.status == "diproses"


def test_the_window_counts_working_days_not_calendar_days(category, coordinator):
    # Answered Thursday 2 April 2026; Friday 3 April is a national holiday: the tenth working
    # day is Friday 17 April, fifteen calendar days later.
    operator = make_staff(unit("DPU"))
    with time_machine.travel(wita(2026, 4, 2, 10, 0), tick=False):
        case, _secret = file_case(category)
        verify(case, coordinator)
        act(case, "start", operator)
        act(case, "resolve", operator, note="Selesai.")
    with time_machine.travel(wita(2026, 4, 17, 16, 0), tick=False):
        assert _reopen(case).status == "diproses"
    with time_machine.travel(wita(2026, 4, 20, 10, 0), tick=False):
        act(case, "resolve", operator, note="Selesai lagi.")
    # Answered again Monday 20 April: with 1 May (a holiday) skipped, the tenth working day
    # is Tuesday 5 May.
    with time_machine.travel(wita(2026, 5, 6, 8, 0), tick=False), pytest.raises(CaseError):
        _reopen(case)
    with time_machine.travel(wita(2026, 5, 5, 16, 0), tick=False):
        assert _reopen(case).status == "diproses"


def test_reopen_on_the_tracking_page_after_the_window_shows_the_reason(client, answered):
    case, secret = answered

    with time_machine.travel(ELEVENTH_WORKING_DAY, tick=False):
        response = client.post(
            f"/lacak/{case.tracking_code}/kirim/",
            {"k": secret, "action": "reopen", "note": "Belum selesai"},
            follow=True,
        )

    assert WINDOW_CLOSED in response.content.decode()
    case.refresh_from_db()
    assert case.status == "dijawab"


# --- Auto-close --------------------------------------------------------------------------------


def test_answer_is_not_closed_before_ten_working_days(answered):
    case, _secret = answered

    with time_machine.travel(NINTH_WORKING_DAY, tick=False):
        assert tasks.close_unanswered() == 0

    case.refresh_from_db()
    assert case.status == "dijawab"


def test_answer_without_reply_closes_after_ten_working_days(
    answered, django_capture_on_commit_callbacks
):
    case, _secret = answered
    mail.outbox.clear()

    with time_machine.travel(TENTH_WORKING_DAY, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.close_unanswered() == 1
        assert tasks.close_unanswered() == 0  # once

    case.refresh_from_db()
    assert case.status == "selesai" and case.closed_at is not None
    event = case.events.last()
    assert (event.action, event.actor_role, event.actor) == ("close", SYSTEM, None)
    assert "Ditutup otomatis" in event.note
    # The reporter hears about it.
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]
    assert case.tracking_code in mail.outbox[0].subject


def test_answer_the_reporter_replied_to_stays_open(answered):
    case, _secret = answered
    with time_machine.travel(ANSWERED + timedelta(days=2), tick=False):
        act(case, "rate", None, role=REPORTER, rating=2, note="Kurang rapi.")

    with time_machine.travel(ELEVENTH_WORKING_DAY, tick=False):
        assert tasks.close_unanswered() == 0

    case.refresh_from_db()
    assert case.status == "dijawab"


def test_reporter_events_before_the_answer_do_not_count(category, coordinator):
    operator = make_staff(unit("DPU"))
    with time_machine.travel(ANSWERED - timedelta(days=3), tick=False):
        case, _secret = file_case(category)
        verify(case, coordinator)
        act(case, "request_info", operator, note="Foto?")
        act(case, "provide_info", None, role=REPORTER, note="Ini fotonya.")
    with time_machine.travel(ANSWERED, tick=False):
        act(case, "resolve", operator, note="Sudah.")

    with time_machine.travel(TENTH_WORKING_DAY, tick=False):
        assert tasks.close_unanswered() == 1


def test_cases_in_other_statuses_are_left_alone(category, coordinator):
    with time_machine.travel(ANSWERED - timedelta(days=30), tick=False):
        waiting, _s = file_case(category)
        working, _s = file_case(category)
        verify(working, coordinator)

    with time_machine.travel(TENTH_WORKING_DAY, tick=False):
        assert tasks.close_unanswered() == 0


def test_coordinator_may_close_an_answered_case(answered, coordinator):
    case, _secret = answered

    services.perform(case, "close", actor=coordinator, role=COORDINATOR)

    case.refresh_from_db()
    assert case.status == "selesai"


def test_auto_close_runs_every_six_hours():
    entry = next(p for p in registered() if p.task is tasks.auto_close_answered)

    assert entry.interval == timedelta(hours=6)
