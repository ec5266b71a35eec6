"""Deadlines in hari kerja: weekends, national holidays and the city's cuti bersama skipped;
the clock stops while the reporter is asked for information."""

from datetime import date

import pytest
import time_machine

from satupintu.cases import selectors
from satupintu.cases.models import Case
from satupintu.cases.tests.helpers import act, file_case, make_category, unit, verify, wita
from satupintu.cases.workflow import COORDINATOR, REPORTER
from satupintu.core import workdays
from satupintu.core.models import Holiday
from satupintu.testing.factories import make_staff

# Thursday 2 April 2026; Friday 3 April is Wafat Yesus Kristus (national holiday) and the city
# declares Monday 6 April cuti bersama: the next working day is Tuesday 7 April.
THURSDAY_BEFORE_LONG_WEEKEND = wita(2026, 4, 2, 10, 0)


@pytest.fixture
def cuti_bersama(db):
    return Holiday.objects.create(
        date=date(2026, 4, 6), name="Cuti bersama Paskah", kind=Holiday.Kind.CUTI_BERSAMA
    )


def test_working_days_skip_weekends_and_national_holidays(db):
    # Friday 29 May 2026 + 1: Monday 1 June is Hari Lahir Pancasila.
    assert workdays.add_working_days(date(2026, 5, 29), 1) == date(2026, 6, 2)
    assert workdays.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 6)
    assert not workdays.is_working_day(date(2026, 4, 3))
    assert workdays.working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 2


def test_cuti_bersama_row_is_not_a_working_day(cuti_bersama):
    assert not workdays.is_working_day(date(2026, 4, 6))
    assert workdays.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


@pytest.mark.parametrize(
    ("tier", "due"),
    [
        ("ringan", date(2026, 4, 8)),  # Tue 7, Wed 8
        ("normatif", date(2026, 4, 13)),  # Tue 7 … Fri 10, Mon 13
        ("non-pengawasan", date(2026, 4, 24)),
    ],
)
def test_due_date_counts_working_days_of_the_category_tier(reference_data, cuti_bersama, tier, due):
    category = make_category(f"kategori-{tier}", tier=tier)

    with time_machine.travel(THURSDAY_BEFORE_LONG_WEEKEND, tick=False):
        case, _secret = file_case(category)

    assert case.due_date == due
    # Verification: 3 working days (Tue 7, Wed 8, Thu 9).
    assert case.verify_due_date == date(2026, 4, 9)


def test_without_the_cuti_bersama_row_monday_counts(reference_data):
    category = make_category(tier="ringan")

    with time_machine.travel(THURSDAY_BEFORE_LONG_WEEKEND, tick=False):
        case, _secret = file_case(category)

    assert case.due_date == date(2026, 4, 7)


def test_filed_on_saturday_counts_from_monday(reference_data):
    category = make_category(tier="ringan")

    with time_machine.travel(wita(2026, 4, 11, 9, 0), tick=False):
        case, _secret = file_case(category)

    assert case.due_date == date(2026, 4, 14)


@pytest.fixture
def running_case(reference_data, coordinator):
    """Filed Monday 13 April 2026 (tier ringan: due Wednesday 15), verified and started."""
    category = make_category(tier="ringan")
    operator = make_staff(unit("DPU"))
    with time_machine.travel(wita(2026, 4, 13, 9, 0), tick=False):
        case, secret = file_case(category)
        verify(case, coordinator)
        act(case, "start", operator)
    assert case.due_date == date(2026, 4, 15)
    return case, operator


def test_request_info_pauses_and_provide_info_extends_by_the_paused_working_days(
    running_case, coordinator
):
    case, operator = running_case
    with time_machine.travel(wita(2026, 4, 14, 10, 0), tick=False):
        case = act(case, "request_info", operator, note="Mohon kirim foto lokasi.")
    assert case.status == "menunggu_info"
    assert case.paused_at is not None

    # Monday 20 April: the old deadline has passed, but the clock is stopped.
    with time_machine.travel(wita(2026, 4, 20, 8, 0), tick=False):
        overdue = selectors.inbox(operator, selectors.InboxFilter(due="overdue"))
        assert case not in overdue
        soon = selectors.inbox(operator, selectors.InboxFilter(due="soon"))
        assert case not in soon
        case = act(case, "provide_info", None, role=REPORTER, note="Foto terlampir.")

    # Paused Tuesday 14 → Monday 20: Wed 15, Thu 16, Fri 17, Mon 20 = 4 working days.
    assert case.paused_at is None
    assert case.status == "diproses"
    assert case.due_date == date(2026, 4, 21)  # Wed 15 + 4 working days


def test_overdue_filter_finds_the_running_case_again(running_case):
    case, operator = running_case

    with time_machine.travel(wita(2026, 4, 16, 8, 0), tick=False):
        overdue = selectors.inbox(operator, selectors.InboxFilter(due="overdue"))
        assert list(overdue) == [case]

    with time_machine.travel(wita(2026, 4, 14, 8, 0), tick=False):
        soon = selectors.inbox(operator, selectors.InboxFilter(due="soon"))
        assert list(soon) == [case]


def test_a_second_pause_keeps_the_first_start(running_case, coordinator):
    case, operator = running_case
    with time_machine.travel(wita(2026, 4, 14, 10, 0), tick=False):
        case = act(case, "request_info", operator, note="Foto?")
    first_pause = case.paused_at
    with time_machine.travel(wita(2026, 4, 15, 10, 0), tick=False):
        case = act(case, "note", operator, note="Menunggu warga.")

    assert Case.objects.get(pk=case.pk).paused_at == first_pause


def test_resume_the_same_day_moves_nothing(running_case):
    case, operator = running_case
    with time_machine.travel(wita(2026, 4, 14, 10, 0), tick=False):
        act(case, "request_info", operator, note="Foto?")
    with time_machine.travel(wita(2026, 4, 14, 15, 0), tick=False):
        case = act(case, "provide_info", None, role=REPORTER, note="Ini.")

    assert case.due_date == date(2026, 4, 15)


def test_coordinator_can_pause_too(running_case, coordinator):
    case, _operator = running_case

    case = act(case, "request_info", coordinator, role=COORDINATOR, note="Alamat lengkap?")

    assert case.paused_at is not None
