"""Fixtures: an application of opd_a walked to its end (applications' fixtures), a queue site
of opd_a with a finished walk-in visit, and helpers to answer the survey."""

import pytest

from satupintu.applications.tests.conftest import (  # noqa: F401 - fixtures
    _media_root,
    complete_draft,
    documents_files,
    draft,
    form_version,
    service,
    submitted_application,
)
from satupintu.applications.tests.staff_fixtures import *  # noqa: F403 - fixtures

RESPONDENT = {"sex": "P", "age_group": "30-39", "education": "s1", "occupation": "swasta"}


def answers(*values, **extra) -> dict:
    """Form data: the nine answers (one value for all, or nine) and the respondent data."""
    if len(values) == 1:
        values = values * 9
    data = {f"u{i + 1}": str(v) for i, v in enumerate(values)}
    return {**RESPONDENT, **data, **extra}


@pytest.fixture
def finished_visit(opd_a):
    from satupintu.queues import services as queue_services
    from satupintu.queues.models import Counter, QueueService, Site

    site = Site.objects.create(org_unit=opd_a, slug="kantor-dpu", name="Kantor DPU")
    queue_service = QueueService.objects.create(
        site=site, org_unit=opd_a, name="Konsultasi teknis", prefix="A"
    )
    counter = Counter.objects.create(site=site, org_unit=opd_a, number=1)
    counter.services.set([queue_service])
    ticket = queue_services.walk_in(site, queue_service)
    called = queue_services.call_next(counter)
    assert called.pk == ticket.pk
    queue_services.serve(called)
    queue_services.finish(called)
    ticket.refresh_from_db()
    return ticket
