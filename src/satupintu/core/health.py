"""What /healthz reports: the database, and whether background tasks are being worked off."""

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
