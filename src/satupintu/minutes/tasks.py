"""Follow-up watch: remind owners before the due date, escalate overdue actions to the chair."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core.periodic import every
from satupintu.core.workdays import add_working_days
from satupintu.minutes import notify
from satupintu.minutes.models import FollowUpAction, Meeting

DUE_SOON_WORKING_DAYS = 2


def due_soon_limit():
    return add_working_days(timezone.localdate(), DUE_SOON_WORKING_DAYS)


def tracked_follow_ups():
    """Open actions of minutes the chair has approved: a draft's decisions are not final yet."""
    return FollowUpAction.objects.filter(
        status=FollowUpAction.Status.OPEN,
        meeting__status__in=[Meeting.Status.APPROVED, Meeting.Status.PUBLISHED],
    )


def sweep() -> dict:
    today = timezone.localdate()
    counts = {"due_soon": 0, "overdue": 0}
    batches = [
        (
            "overdue",
            tracked_follow_ups().filter(due_date__lt=today, overdue_notified_at=None),
            "overdue_notified_at",
            _("Tindak lanjut rapat lewat batas waktu"),
        ),
        (
            "due_soon",
            tracked_follow_ups().filter(
                due_date__gte=today, due_date__lte=due_soon_limit(), due_soon_notified_at=None
            ),
            "due_soon_notified_at",
            _("Tindak lanjut rapat segera jatuh tempo"),
        ),
    ]
    for reason, queryset, stamp, text in batches:
        rows = queryset.select_related("meeting__chair", "owner_user", "owner_unit")
        for action in rows.iterator(chunk_size=500):
            with transaction.atomic():
                notify.follow_up_alert(action, reason, text)
                FollowUpAction.objects.filter(pk=action.pk).update(**{stamp: timezone.now()})
            counts[reason] += 1
    return counts


@every(hours=1)
@task()
def sweep_follow_ups() -> dict:
    return sweep()
