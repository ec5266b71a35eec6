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
