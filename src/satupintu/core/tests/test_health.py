"""/healthz: database and background worker status for load balancers and monitoring."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from satupintu.core import health

pytestmark = pytest.mark.django_db


def _pending_task(*, enqueued_ago: timedelta, run_after=None) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="satupintu.tests.fake_task",
        backend_name="default",
        run_after=run_after,
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return task


def test_healthz_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["vendor"]
    assert body["worker"]["ok"] is True
    assert body["worker"]["status"] == "idle"
    assert body["worker"]["pending"] == 0
    assert body["worker"]["last_finished_at"] is None
    assert body["tasks"]["ok"] is True
    assert body["tasks"]["stuck"] == 0


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_503_when_database_status_fails(client, monkeypatch):
    down = health.Check(
        "database",
        lambda: {"ok": False, "vendor": "sqlite", "error": "OperationalError"},
        critical=True,
    )
    monkeypatch.setattr(health, "CHECKS", [down, *health.CHECKS[1:]])

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == {"ok": False, "vendor": "sqlite", "error": "OperationalError"}
    assert "worker" not in body
    assert "tasks" not in body


def test_database_status_reports_a_failing_cursor(monkeypatch):
    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("server closed the connection")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: BrokenCursor())

    status = health.database_status()

    assert status["ok"] is False
    assert status["error"] == "DatabaseError"
    assert "server closed" not in str(status)  # no internals leak to the public endpoint


def test_healthz_503_when_the_cursor_raises(client, monkeypatch):
    def broken_cursor():
        raise DatabaseError("no such database")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


def test_worker_busy_with_a_fresh_task():
    _pending_task(enqueued_ago=timedelta(seconds=5))

    status = health.worker_status()

    assert status["ok"] is True
    assert status["status"] == "busy"
    assert status["pending"] == 1
    assert 0 <= status["oldest_pending_seconds"] < health.STALE_AFTER.total_seconds()


def test_worker_backlog_when_an_immediate_task_waits_too_long(client):
    # Tasks enqueued without run_after are stored with run_after = year 9999 by django-tasks-db.
    _pending_task(enqueued_ago=timedelta(minutes=30))

    status = health.worker_status()

    assert status["ok"] is False
    assert status["status"] == "backlog"
    assert status["oldest_pending_seconds"] >= 30 * 60
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200  # the database is fine: the site stays in service
    assert body["status"] == "degraded"
    assert body["worker"]["status"] == "backlog"


def test_worker_backlog_when_a_scheduled_task_is_overdue():
    _pending_task(enqueued_ago=timedelta(hours=1), run_after=timezone.now() - timedelta(minutes=10))

    status = health.worker_status()

    assert status["status"] == "backlog"
    assert status["oldest_pending_seconds"] >= 10 * 60


def test_future_scheduled_task_is_not_pending():
    _pending_task(enqueued_ago=timedelta(hours=1), run_after=timezone.now() + timedelta(hours=1))

    status = health.worker_status()

    assert status["pending"] == 0
    assert status["status"] == "idle"


def test_worker_reports_last_finished_task():
    task = _pending_task(enqueued_ago=timedelta(minutes=1))
    finished = timezone.now() - timedelta(seconds=30)
    DBTaskResult.objects.filter(pk=task.pk).update(status="SUCCESSFUL", finished_at=finished)

    status = health.worker_status()

    assert status["pending"] == 0
    assert status["last_finished_at"] == finished.isoformat()


def test_a_new_check_is_one_entry_in_the_list(client, monkeypatch):
    extra = health.Check("sms", lambda: {"ok": False, "sent_today": 9})
    monkeypatch.setattr(health, "CHECKS", [*health.CHECKS, extra])

    body = client.get("/healthz").json()

    assert body["sms"] == {"ok": False, "sent_today": 9}
    assert body["status"] == "degraded"
