"""The city head's /kantor/dasbor/ costs the same number of queries however many units the
city has (the Wali Kota's and Sekda's view was 3× an OPD head's): no figure reads per unit,
per queue site or per survey unit. Between two rollups the figures come from the cache, per
scope: an OPD head never gets the city's."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from satupintu.dashboards import rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.tests.test_trends import _response
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def busy_unit(index: int, parent: OrgUnit) -> OrgUnit:
    """A new OPD with complaints in the rollup, a queue site with a visitor served today and
    two survey answers this year."""
    from satupintu.queues import services as queue_services
    from satupintu.queues.models import Counter as Desk
    from satupintu.queues.models import QueueService, Site

    unit = OrgUnit.objects.create(
        code=f"UJI{index}", name=f"Dinas Uji {index}", kind=parent.kind, parent=parent
    )
    today = timezone.localdate()
    for metric, key in [("complaint.received", ""), ("complaint.closed", ""),
                        ("complaint.open", "0-7"), ("complaint.overdue", ""),
                        ("application.received", "")]:  # fmt: skip
        DailyFigure.objects.create(day=today, metric=metric, org_unit=unit, key=key, count=2)
    site = Site.objects.create(org_unit=unit, slug=f"kantor-uji-{index}", name=f"Kantor {index}")
    service = QueueService.objects.create(site=site, org_unit=unit, name="Konsultasi", prefix="A")
    desk = Desk.objects.create(site=site, org_unit=unit, number=1)
    desk.services.set([service])
    ticket = queue_services.walk_in(site, service)
    called = queue_services.call_next(desk)
    queue_services.serve(called)
    queue_services.finish(called)
    assert ticket
    noon = timezone.make_aware(datetime.combine(today, time(12)))
    _response(unit, noon, 4, f"a{index}")
    _response(unit, noon - timedelta(hours=1), 3, f"b{index}")
    return unit


def dashboard_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dashboards:home"))
    assert page.status_code == 200
    return len(queries), page.text


def test_city_heads_dashboard_queries_do_not_grow_with_units(client, reference_data):
    city = OrgUnit.objects.get(code="PEMKOT")
    client.force_login(make_staff(city, Membership.Role.HEAD))
    client.get(reverse("dashboards:home"))  # sessions, permissions: warm
    for i in range(2):
        busy_unit(i, city)
    rollup.rollup_day(timezone.localdate())  # a new rollup version: the figures are read
    few, text = dashboard_queries(client)
    assert "Dinas Uji 1" in text and "Kantor 1" in text
    for i in range(2, 8):
        busy_unit(i, city)
    rollup.rollup_day(timezone.localdate())
    many, text = dashboard_queries(client)
    assert "Dinas Uji 7" in text and "Kantor 7" in text
    assert many == few
    cached, _text = dashboard_queries(client)  # the same rollup version: from the cache
    assert cached <= 12


def test_cached_figures_are_per_scope(client, reference_data):
    city = OrgUnit.objects.get(code="PEMKOT")
    dpu = OrgUnit.objects.get(code="DPU")
    mine = busy_unit(0, dpu)  # below the DPU: the DPU head sees it
    other = busy_unit(1, city)
    rollup.rollup_day(timezone.localdate())
    client.force_login(make_staff(city, Membership.Role.HEAD))
    text = client.get(reverse("dashboards:home")).text
    assert mine.name in text and other.name in text
    client.force_login(make_staff(dpu, Membership.Role.HEAD))
    text = client.get(reverse("dashboards:home")).text
    assert mine.name in text and other.name not in text
    public = client.get(reverse("dashboards:public")).text
    assert other.name in public and "/kantor/" not in public.split("<main", 1)[1]


def test_city_heads_dashboard_query_budget(client, reference_data, django_assert_max_num_queries):
    city = OrgUnit.objects.get(code="PEMKOT")
    client.force_login(make_staff(city, Membership.Role.HEAD))
    for i in range(8):
        busy_unit(i, city)
    client.get(reverse("dashboards:home"))
    rollup.rollup_day(timezone.localdate())
    with django_assert_max_num_queries(60):  # the figures read again: 59
        assert client.get(reverse("dashboards:home")).status_code == 200


def test_grouped_reads_equal_the_per_unit_ones(reference_data):
    from satupintu.queues import selectors as queue_selectors
    from satupintu.queues.models import Site
    from satupintu.surveys import selectors as survey_selectors
    from satupintu.surveys.models import Response

    city = OrgUnit.objects.get(code="PEMKOT")
    units = [busy_unit(i, city) for i in range(3)]
    today = timezone.localdate()
    sites = list(Site.objects.filter(org_unit__in=units))
    grouped = queue_selectors.served_and_waits(sites, today, today)
    for site in sites:
        days = queue_selectors.daily_figures(site, today, today)
        served = sum(f.served for f in days)
        assert grouped[site.pk] == (served, sum((f.wait_avg or 0) * f.served for f in days))
    for unit, figures in survey_selectors.public_units(today.year):
        one = survey_selectors._figures(
            Response.objects.filter(org_unit=unit, submitted_at__year=today.year),
            survey_selectors.population_own(unit, today.year),
        )
        assert (figures.respondents, figures.population, figures.ikm) == (
            one.respondents,
            one.population,
            one.ikm,
        )
