from django.tasks import task

from satupintu.core.periodic import every
from satupintu.opendata import services


@every(hours=6)
@task()
def regenerate_datasets():
    """Write the generated datasets again from the platform's figures (after the dashboards'
    hourly rollup has caught up)."""
    return services.regenerate_all()
