"""What /healthz reports: a list of checks (`CHECKS`), each a function returning a dict with at
least `ok`. A failing critical check (the database) answers 503 and skips the rest; any other
failing check leaves the site up and reports `"status": "degraded"` for monitoring. To watch
something new, write a function and add a `Check` to `CHECKS`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError, connection
from django.db.models import Case, DateTimeField, F, When
from django.utils import timezone

# A task still waiting after this long means no worker is taking tasks.
STALE_AFTER = timedelta(minutes=5)


def database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def worker_status() -> dict:
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    # A task enqueued without run_after is stored with run_after = get_date_max(): it has
    # been ready since it was enqueued.
    ready_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=F("run_after"),
        output_field=DateTimeField(),
    )
    try:
        ready = DBTaskResult.objects.ready()
        pending = ready.count()
        oldest = (
            ready.annotate(ready_since=ready_since)
            .order_by("ready_since")
            .values_list("ready_since", flat=True)
            .first()
        )
        last_finished = (
            DBTaskResult.objects.exclude(finished_at=None)
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
    except DatabaseError:
        return {"ok": False, "status": "unknown"}
    waiting = (now - oldest) if oldest else timedelta(0)
    stale = waiting > STALE_AFTER
    return {
        "ok": not stale,
        "status": "backlog" if stale else ("busy" if pending else "idle"),
        "pending": pending,
        "oldest_pending_seconds": int(waiting.total_seconds()),
        "last_finished_at": last_finished.isoformat() if last_finished else None,
    }


def stuck_after() -> timedelta:
    from satupintu.core.taskrecovery import stuck_after as limit

    return limit()


def tasks_status() -> dict:
    """Tasks RUNNING for longer than a task may take: their worker died (core.taskrecovery
    requeues them every 5 minutes, so a lasting count means no worker or no scheduler)."""
    from django_tasks_db.models import DBTaskResult

    from satupintu.core.taskrecovery import stuck_tasks

    try:
        running = DBTaskResult.objects.running().count()
        stuck = stuck_tasks().count()
    except DatabaseError:
        return {"ok": False, "status": "unknown"}
    return {
        "ok": stuck == 0,
        "running": running,
        "stuck": stuck,
        "stuck_after_seconds": int(stuck_after().total_seconds()),
    }


def sms_budget_status() -> dict:
    """Not ok once today's SMS budget is used up: codes by SMS are then refused and messages
    wait or go by e-mail until midnight."""
    from satupintu.notifications import sms

    budget = sms.daily_budget()
    sent = sms.sent_today()
    exhausted = sent >= budget
    return {
        "ok": not exhausted,
        "status": "over_budget" if exhausted else "ok",
        "sent_today": sent,
        "daily_budget": budget,
        "refused_today": sms.refused_today(),
    }


def cache_status() -> dict:
    """The shared cache (Redis in a cluster). Down: the site keeps serving, limits fail open
    except those on SMS, which refuse until it is back (core/cache.py)."""
    from satupintu.core import cache

    return cache.status()


def storage_status() -> dict:
    """Where files are kept: the object store answers, or the media directory is writable.
    Down: uploads are refused with a clear page, nothing else stops."""
    import os

    from django.core.files.storage import storages

    storage = storages["default"]
    kind = "s3" if hasattr(storage, "ping") else "filesystem"
    try:
        if kind == "s3":
            storage.ping()
        else:
            location = storage.location
            if not (os.path.isdir(location) or _make_dir(location)):
                raise OSError("no media directory")
            if not os.access(location, os.W_OK):
                raise OSError("media directory not writable")
    except OSError as exc:
        return {"ok": False, "backend": kind, "error": exc.__class__.__name__}
    return {"ok": True, "backend": kind}


def _make_dir(location) -> bool:
    import os

    os.makedirs(location, exist_ok=True)
    return True


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], dict]
    critical: bool = False  # failing: 503, and the checks after it are not run


CHECKS: list[Check] = [
    Check("database", database_status, critical=True),
    Check("worker", worker_status),
    Check("tasks", tasks_status),
    Check("sms", sms_budget_status),
    Check("cache", cache_status),
    Check("storage", storage_status),
]


def report() -> tuple[dict, int]:
    """The /healthz body and HTTP status: ok, degraded (200) or error (503)."""
    body = {"status": "ok"}
    for check in CHECKS:
        result = check.run()
        body[check.name] = result
        if result["ok"]:
            continue
        if check.critical:
            body["status"] = "error"
            return body, 503
        body["status"] = "degraded"
    return body, 200
