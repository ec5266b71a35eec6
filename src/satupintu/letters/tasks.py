"""Disposition deadlines: remind recipients before the due date, escalate overdue ones."""

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from satupintu.core.periodic import every
from satupintu.letters import notify
from satupintu.letters.models import Disposition

REMIND_DAYS_BEFORE = 1


def sweep(today=None) -> dict:
    today = today or timezone.localdate()
    open_ = Disposition.objects.filter(withdrawn_at__isnull=True, done_at__isnull=True)
    counts = {"reminded": 0, "escalated": 0}
    soon = open_.filter(
        due_date__gte=today,
        due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        reminded_at__isnull=True,
    )
    for d in soon.select_related("to_user", "to_unit", "letter").iterator(chunk_size=500):
        with transaction.atomic():
            notify.remind(d)
            Disposition.objects.filter(pk=d.pk).update(reminded_at=timezone.now())
        counts["reminded"] += 1
    late = open_.filter(due_date__lt=today, escalated_at__isnull=True)
    for d in late.select_related("from_user", "to_user", "to_unit").iterator(chunk_size=500):
        with transaction.atomic():
            notify.escalate(d)
            Disposition.objects.filter(pk=d.pk).update(escalated_at=timezone.now())
        counts["escalated"] += 1
    return counts


@every(hours=1)
@task()
def sweep_dispositions() -> dict:
    return sweep()
