"""core.periodic: each registered task is enqueued once per interval."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from satupintu.core import periodic
from satupintu.core.models import PeriodicTaskRun

T0 = datetime(2026, 4, 13, 1, 0, tzinfo=UTC)


@dataclass
class FakeTask:
    runs: list = field(default_factory=list)

    def enqueue(self):
        self.runs.append(1)


@pytest.fixture
def fake_registry(monkeypatch):
    quick, slow = FakeTask(), FakeTask()
    monkeypatch.setattr(
        periodic,
        "_registry",
        {
            "uji.quick": periodic.Periodic("uji.quick", quick, timedelta(minutes=15)),
            "uji.slow": periodic.Periodic("uji.slow", slow, timedelta(hours=6)),
        },
    )
    return quick, slow


def test_each_task_once_per_interval(db, fake_registry, django_capture_on_commit_callbacks):
    quick, slow = fake_registry

    def run(at):
        with django_capture_on_commit_callbacks(execute=True):
            return periodic.enqueue_due(at)

    assert run(T0) == ["uji.quick", "uji.slow"]
    assert run(T0) == []
    assert run(T0 + timedelta(minutes=14)) == []
    assert run(T0 + timedelta(minutes=15)) == ["uji.quick"]
    assert run(T0 + timedelta(minutes=20)) == []
    assert run(T0 + timedelta(hours=6)) == ["uji.quick", "uji.slow"]

    assert (len(quick.runs), len(slow.runs)) == (3, 2)
    assert PeriodicTaskRun.objects.get(name="uji.slow").last_run_at == T0 + timedelta(hours=6)


def test_nothing_is_enqueued_when_the_round_rolls_back(
    db, fake_registry, django_capture_on_commit_callbacks
):
    from django.db import transaction

    quick, _slow = fake_registry

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        periodic.enqueue_due(T0)
        raise RuntimeError

    assert quick.runs == []
    assert not PeriodicTaskRun.objects.exists()


def test_the_engines_tasks_are_registered():
    names = {p.name for p in periodic.registered()}

    assert {
        "satupintu.cases.tasks.sweep_deadlines",
        "satupintu.complaints.tasks.auto_close_answered",
        "satupintu.notifications.tasks.retry_failed_messages",
    } <= names


def test_the_real_tasks_run(reference_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        started = periodic.enqueue_due(T0)

    assert "satupintu.cases.tasks.sweep_deadlines" in started
    assert periodic.enqueue_due(T0 + timedelta(minutes=1)) == []
