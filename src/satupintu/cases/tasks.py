"""Deadline watch: mark cases due soon and overdue, tell the people responsible."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases import notify, selectors
from satupintu.cases.models import Case
from satupintu.cases.workflow import kinds
from satupintu.core.periodic import every


def _open_cases():
    closed = set().union(*(kind.closed_statuses for kind in kinds()))
    return Case.objects.exclude(status__in=closed).filter(paused_at__isnull=True)


def sweep() -> dict:
    today = timezone.localdate()
    soon = selectors.due_soon_limit()
    counts = {"due_soon": 0, "overdue": 0, "verification_overdue": 0}
    triage = set().union(*(kind.triage_statuses for kind in kinds()))
    batches = [
        (
            "overdue",
            _open_cases().filter(due_date__lt=today, overdue_notified_at=None),
            "overdue_notified_at",
            _("Lewat batas waktu"),
        ),
        (
            "due_soon",
            _open_cases().filter(
                due_date__gte=today, due_date__lte=soon, due_soon_notified_at=None
            ),
            "due_soon_notified_at",
            _("Segera jatuh tempo"),
        ),
        (
            "verification_overdue",
            _open_cases().filter(
                status__in=triage, verify_due_date__lt=today, overdue_notified_at=None
            ),
            "overdue_notified_at",
            _("Belum diverifikasi melewati 3 hari kerja"),
        ),
    ]
    for reason, queryset, stamp, text in batches:
        for case in queryset.select_related("assignee", "org_unit").iterator(chunk_size=500):
            with transaction.atomic():
                notify.alert_staff(case, reason, text)
                Case.objects.filter(pk=case.pk).update(**{stamp: timezone.now()})
            counts[reason] += 1
    return counts


@every(minutes=15)
@task()
def sweep_deadlines() -> dict:
    return sweep()
