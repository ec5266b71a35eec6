"""Follow-up actions: owners, due dates, reminders and escalation by the periodic task."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from satupintu.core import periodic
from satupintu.minutes import services, tasks
from satupintu.minutes.models import FollowUpAction
from satupintu.minutes.tests.conftest import publish, schedule
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
MONDAY = datetime(2026, 5, 4, 9, 0, tzinfo=WITA)  # an ordinary working week


def _follow_up(meeting, people, due, **kwargs):
    kwargs.setdefault("owner_user", people["invitee"])
    return services.add_follow_up(
        actor=people["notulis"],
        meeting=meeting,
        description="Survei drainase Sepinggan dan laporkan biayanya",
        due_date=due,
        **kwargs,
    )


def _alerts(action):
    return OutboxMessage.objects.filter(dedupe_key__startswith=f"rapat-tl:{action.pk}:")


def test_due_date_in_the_past_is_refused(meeting, people):
    with pytest.raises(services.MinutesError, match="masa lalu") as exc:
        _follow_up(meeting, people, date.today() - timedelta(days=1))
    assert exc.value.status == 400


def test_an_owner_is_required(meeting, people):
    with pytest.raises(services.MinutesError, match="penanggung jawab"):
        _follow_up(meeting, people, date.today() + timedelta(days=3), owner_user=None)


def test_reminders_then_overdue_escalation_to_the_chair(people, setwan):
    with time_machine.travel(MONDAY, tick=False):
        meeting = schedule(people["notulis"], setwan, people)
        action = _follow_up(meeting, people, date(2026, 5, 8))  # Friday
        publish(meeting, people)
        assert tasks.sweep() == {"due_soon": 0, "overdue": 0}
    with time_machine.travel(MONDAY + timedelta(days=2), tick=False):  # Wednesday
        assert tasks.sweep() == {"due_soon": 1, "overdue": 0}
        assert tasks.sweep() == {"due_soon": 0, "overdue": 0}  # once only
        assert [m.recipient for m in _alerts(action)] == [people["invitee"].email]
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):  # next Monday
        assert tasks.sweep() == {"due_soon": 0, "overdue": 1}
        overdue = _alerts(action).filter(dedupe_key__contains=":overdue:")
        assert sorted(m.recipient for m in overdue) == sorted(
            [people["invitee"].email, people["chair"].email]
        )
        assert "lewat batas waktu" in overdue.first().subject
        assert tasks.sweep()["overdue"] == 0
        action.refresh_from_db()
        assert action.is_overdue


def test_draft_minutes_are_not_tracked(people, setwan):
    with time_machine.travel(MONDAY, tick=False):
        meeting = schedule(people["notulis"], setwan, people)
        _follow_up(meeting, people, date(2026, 5, 5))
    with time_machine.travel(MONDAY + timedelta(days=3), tick=False):
        assert tasks.sweep() == {"due_soon": 0, "overdue": 0}


def test_unit_owned_action_reminds_the_unit_heads(people, setwan, opd_b):
    from satupintu.org.models import Membership
    from satupintu.testing.factories import make_staff

    head = make_staff(opd_b, Membership.Role.HEAD)
    with time_machine.travel(MONDAY, tick=False):
        meeting = schedule(people["notulis"], setwan, people)
        action = _follow_up(meeting, people, date(2026, 5, 5), owner_user=None, owner_unit=opd_b)
        publish(meeting, people)
        tasks.sweep()
    assert [m.recipient for m in _alerts(action)] == [head.email]


def test_periodic_task_is_registered_and_runs(people, setwan, django_capture_on_commit_callbacks):
    names = [p.name for p in periodic.registered()]
    assert tasks.sweep_follow_ups.module_path in names
    with time_machine.travel(MONDAY, tick=False):
        meeting = schedule(people["notulis"], setwan, people)
        action = _follow_up(meeting, people, date(2026, 5, 4))
        publish(meeting, people)
    with (
        time_machine.travel(MONDAY + timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        periodic.enqueue_due()
    assert _alerts(action).filter(dedupe_key__contains=":overdue:").exists()


def test_owner_reports_done_and_chair_hears(meeting, people):
    action = _follow_up(meeting, people, date.today() + timedelta(days=5))
    publish(meeting, people)
    action.refresh_from_db()
    with pytest.raises(services.MinutesError) as exc:
        services.complete_follow_up(actor=people["dinkes"], action=action, report="Bukan saya")
    assert exc.value.status == 403
    done = services.complete_follow_up(
        actor=people["invitee"], action=action, report="Survei selesai; biaya Rp 1,2 miliar."
    )
    assert done.status == FollowUpAction.Status.DONE and done.done_on_time
    assert sorted(m.recipient for m in _alerts(action)) == sorted(
        [people["chair"].email, people["notulis"].email]
    )
    with pytest.raises(services.MinutesError, match="sudah selesai"):
        services.complete_follow_up(actor=people["invitee"], action=action, report="lagi")


def test_follow_up_can_be_added_to_published_minutes_only_after_reopening(published, people):
    # follow-ups are part of the minutes: locked after approval like the rest
    with pytest.raises(services.MinutesError, match="tidak dapat diubah"):
        _follow_up(published, people, date.today() + timedelta(days=5))


def test_follow_ups_page_lists_open_and_overdue(client, people, setwan):
    with time_machine.travel(MONDAY, tick=False):
        meeting = schedule(people["notulis"], setwan, people)
        late = _follow_up(meeting, people, date(2026, 5, 5))
        publish(meeting, people)
    with time_machine.travel(MONDAY + timedelta(days=3), tick=True):
        client.force_login(people["invitee"])
        page = client.get(reverse("minutes:follow_ups") + "?status=overdue")
        assert page.status_code == 200
        assert late.description in page.content.decode()
        assert "terlambat" in page.content.decode()
        response = client.post(
            reverse("minutes:follow_up_done", args=[late.pk]), {"report": "Sudah disurvei."}
        )
        assert response.status_code == 302
        late.refresh_from_db()
        assert late.status == "done" and late.done_on_time is False
        client.force_login(people["dinkes"])
        assert client.get(reverse("minutes:follow_ups") + "?status=all").status_code == 200
        assert (
            client.post(
                reverse("minutes:follow_up_done", args=[late.pk]), {"report": "x"}
            ).status_code
            == 404
        )
