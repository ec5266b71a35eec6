from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from satupintu.core.periodic import every
from satupintu.dashboards import rollup


@every(hours=1)
@task()
def refresh_rollup():
    """Today and yesterday (cases closed late in the evening, clocks at midnight)."""
    today = timezone.localdate()
    return rollup.rollup_range(today - timedelta(days=1), today)


@every(hours=24)
@task()
def send_monthly_reports():
    """Each head's e-mail with last month's report (once per head, unit and month: the
    outbox's dedupe key, so running daily sends it on the first run of the month)."""
    from satupintu.dashboards import monthly

    return monthly.send(monthly.Month.previous())
