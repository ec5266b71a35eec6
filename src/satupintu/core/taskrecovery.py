"""Tasks whose worker died mid-run. django-tasks-db marks a task RUNNING when a worker claims it
and has no heartbeat: if the worker is killed (OOM, SIGKILL, a reboot) the row stays RUNNING for
ever and the task never runs. A task RUNNING longer than `SP_TASK_STUCK_MINUTES` is given back
to the queue, since every task here is written to be run more than once (at-least-once: the
outbox claims a message before sending, receipts and extractions check what is already done,
sweeps are idempotent); one already started `SP_TASK_MAX_ATTEMPTS` times is marked failed."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class WorkerLost(RuntimeError):
    """Recorded as the failure of a task whose worker kept dying while running it."""


def stuck_after() -> timedelta:
    return settings.TASK_STUCK_AFTER


def stuck_tasks(now=None):
    now = now or timezone.now()
    return DBTaskResult.objects.running().filter(started_at__lt=now - stuck_after())


def _recover_one(task_id, now) -> str | None:
    with transaction.atomic():
        # Locked and re-filtered: a worker finishing it meanwhile, or a second recovery, wins.
        task = stuck_tasks(now).select_for_update(skip_locked=True).filter(pk=task_id).first()
        if task is None:
            return None
        attempts = len(task.worker_ids or [])
        if attempts >= settings.TASK_MAX_ATTEMPTS:
            task.set_failed(
                WorkerLost(
                    f"Worker stopped during each of {attempts} attempts "
                    f"(RUNNING for more than {stuck_after()}); not requeued again."
                )
            )
            logger.error(
                "Task %s (%s) failed: its worker died %d times", task.pk, task.task_path, attempts
            )
            return "failed"
        task.status = TaskResultStatus.READY
        task.started_at = None
        task.save(update_fields=["status", "started_at"])
        logger.warning("Task %s (%s) requeued: its worker died mid-run", task.pk, task.task_path)
        return "requeued"


def recover_stuck(now=None) -> dict:
    """Requeue (or fail) every task stuck in RUNNING; returns how many of each."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    for task_id in list(stuck_tasks(now).values_list("pk", flat=True)[:500]):
        outcome = _recover_one(task_id, now)
        if outcome:
            counts[outcome] += 1
    return counts
