"""A complaint with a final answer and no reply from the reporter for 10 working days
closes itself (SP4N-LAPOR!)."""

import logging

from django.tasks import task
from django.utils import timezone

from satupintu.cases import services
from satupintu.cases.models import Case
from satupintu.cases.workflow import SYSTEM
from satupintu.complaints.workflow import KIND, REOPEN_WORKING_DAYS, Status
from satupintu.core import workdays
from satupintu.core.periodic import every

logger = logging.getLogger(__name__)


def close_unanswered() -> int:
    today = timezone.localdate()
    closed = 0
    for case in Case.objects.filter(kind=KIND, status=Status.ANSWERED).exclude(resolved_at=None):
        answered_on = timezone.localdate(case.resolved_at)
        if workdays.working_days_between(answered_on, today) < REOPEN_WORKING_DAYS:
            continue
        # Any word from the reporter (even only a rating) means a person should close it.
        if case.events.filter(actor_role="reporter", created_at__gt=case.resolved_at).exists():
            continue
        try:
            services.perform(
                case,
                "close",
                actor=None,
                role=SYSTEM,
                note="Ditutup otomatis: tidak ada tanggapan pelapor dalam 10 hari kerja.",
            )
        except services.CaseError:
            # Changed meanwhile (e.g. reopened): one case must not stop the others.
            logger.warning("auto-close skipped %s", case.tracking_code)
            continue
        closed += 1
    return closed


@every(hours=6)
@task()
def auto_close_answered() -> int:
    return close_unanswered()
