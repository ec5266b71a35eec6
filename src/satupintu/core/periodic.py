"""Periodic tasks: `django.tasks` has no scheduler, so `manage.py run_periodic_tasks` enqueues
registered tasks when their interval has passed. The last run is kept in the database under a
row lock, so several scheduler processes never enqueue the same round twice."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Periodic:
    name: str
    task: object
    interval: timedelta


_registry: dict[str, Periodic] = {}


def every(*, minutes: int = 0, hours: int = 0):
    """Decorator for a `@task()` object: enqueue it every so often."""

    def register(task_obj):
        name = task_obj.module_path
        _registry[name] = Periodic(name, task_obj, timedelta(minutes=minutes, hours=hours))
        return task_obj

    return register


def registered() -> list[Periodic]:
    return list(_registry.values())


def enqueue_due(now=None) -> list[str]:
    """Enqueue every periodic task whose interval has passed; return their names."""
    from satupintu.core.models import PeriodicTaskRun

    now = now or timezone.now()
    started = []
    for periodic in registered():
        with transaction.atomic():
            run, _created = PeriodicTaskRun.objects.select_for_update().get_or_create(
                name=periodic.name
            )
            if run.last_run_at and run.last_run_at + periodic.interval > now:
                continue
            run.last_run_at = now
            run.save(update_fields=["last_run_at"])
            transaction.on_commit(periodic.task.enqueue)
        started.append(periodic.name)
    return started
