"""A task whose worker died mid-run (killed, out of memory, machine rebooted) stays RUNNING in
django-tasks-db forever. A periodic task gives it back to the queue (our tasks are written for
at-least-once), or marks it failed after too many attempts; /healthz reports those still stuck."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from satupintu.core import health, periodic, taskrecovery

pytestmark = pytest.mark.django_db

TASK_PATH = "satupintu.notifications.tasks.retry_failed_messages"


def _running(*, started_ago: timedelta, workers=("w1",)) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=TASK_PATH,
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=timezone.now() - started_ago, worker_ids=list(workers)
    )
    return task


def test_a_task_running_past_the_limit_is_requeued(settings):
    settings.TASK_STUCK_AFTER = timedelta(minutes=30)
    stuck = _running(started_ago=timedelta(hours=2))
    fresh = _running(started_ago=timedelta(minutes=5))

    assert taskrecovery.recover_stuck() == {"requeued": 1, "failed": 0}

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == "READY"
    assert stuck.started_at is None
    assert stuck.worker_ids == ["w1"]  # attempts are remembered
    assert DBTaskResult.objects.ready().filter(pk=stuck.pk).exists()  # a worker takes it again
    assert fresh.status == "RUNNING"


def test_a_task_that_keeps_killing_its_worker_is_marked_failed(settings):
    settings.TASK_STUCK_AFTER = timedelta(minutes=30)
    settings.TASK_MAX_ATTEMPTS = 3
    poison = _running(started_ago=timedelta(hours=1), workers=("w1", "w2", "w3"))

    assert taskrecovery.recover_stuck() == {"requeued": 0, "failed": 1}

    poison.refresh_from_db()
    assert poison.status == "FAILED"
    assert poison.finished_at is not None
    assert poison.exception_class_path == "satupintu.core.taskrecovery.WorkerLost"
    assert "3" in poison.traceback


def test_healthz_reports_stuck_tasks_as_degraded(client, settings):
    settings.TASK_STUCK_AFTER = timedelta(minutes=30)
    _running(started_ago=timedelta(hours=2))
    _running(started_ago=timedelta(minutes=1))

    response = client.get("/healthz")

    assert response.status_code == 200  # the site works; monitoring should look
    body = response.json()
    assert body["status"] == "degraded"
    assert body["tasks"] == {"ok": False, "running": 2, "stuck": 1, "stuck_after_seconds": 1800}

    taskrecovery.recover_stuck()
    body = client.get("/healthz").json()
    assert body["tasks"]["stuck"] == 0
    assert body["status"] == "ok"


def test_the_recovery_runs_as_a_periodic_task():
    from satupintu.core.tasks import recover_stuck_tasks

    names = {entry.name for entry in periodic.registered()}
    assert recover_stuck_tasks.module_path in names
    stuck = _running(started_ago=timedelta(days=1))

    recover_stuck_tasks.call()

    stuck.refresh_from_db()
    assert stuck.status == "READY"


def test_the_limits_come_from_settings():
    assert health.stuck_after() == taskrecovery.stuck_after()
    assert taskrecovery.stuck_after() >= timedelta(minutes=1)
