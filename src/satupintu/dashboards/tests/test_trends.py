"""Trends: weekly values from the rollup (sums and end-of-week stocks), the sparkline, and the
dashboards' own rollup contributions (queue visitors served, survey answers) equal a recount
of the raw rows."""

from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from satupintu.dashboards import charts, rollup, trends
from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.registry import Scope
from satupintu.org.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_weekly_sums_and_snapshots_read_the_rollup(reference_data):
    dpu = OrgUnit.objects.get(code="DPU")
    dinkes = OrgUnit.objects.get(code="DINKES")
    end = timezone.localdate()
    for day, unit, count in [
        (end, dpu, 3),
        (end - timedelta(days=6), dpu, 2),  # same (last) week
        (end - timedelta(days=7), dpu, 5),  # the week before
        (end, dinkes, 40),  # another unit: outside the scope below
        (end - timedelta(days=7 * 12), dpu, 99),  # before the twelve weeks
    ]:
        DailyFigure.objects.create(day=day, metric="complaint.received", org_unit=unit, count=count)
        DailyFigure.objects.create(day=day, metric="complaint.open", org_unit=unit, count=count)
    scope = Scope(units=Q(code="DPU"), start=end - timedelta(days=29), end=end)
    weekly = trends.weekly("complaint.received", scope)
    assert len(weekly) == trends.WEEKS
    assert [v for _label, v in weekly] == [0] * 10 + [5, 5]
    assert weekly[-1][0] == (end - timedelta(days=6)).strftime("%d-%m")
    stock = trends.weekly("complaint.open", scope, snapshot=True)
    assert [v for _label, v in stock] == [0] * 10 + [5, 3]  # each week's last day only
    city = trends.weekly("complaint.received", Scope(units=Q(), start=end, end=end))
    assert city[-1][1] == 45


def test_sparkline_is_svg_with_a_title_and_skips_missing_values():
    svg = charts.sparkline_svg("Tren <uji>", [("01-01", 1), ("08-01", None), ("15-01", 3)], "t")
    assert svg.startswith("<svg") and "<polyline" in svg and "<title" in svg
    assert "Tren &lt;uji&gt;" in svg and "style=" not in svg
    assert charts.sparkline_svg("Kosong", [("01-01", None)], "k") == ""


def _response(unit, when, value, ref):
    from satupintu.surveys.models import Response, Source

    answers = {f"u{i}": value for i in range(1, 10)}
    return Response.objects.create(
        org_unit=unit,
        service_label="Konsultasi",
        source=Source.QUEUE,
        source_ref=ref,
        channel=Response.Channel.KIOSK,
        sex="P",
        age_group="30-39",
        education="s1",
        occupation="swasta",
        submitted_at=when,
        **answers,
    )


def test_survey_and_queue_rollup_equal_a_recount(reference_data):
    from satupintu.queues import services as queue_services
    from satupintu.queues.models import Counter as Desk
    from satupintu.queues.models import QueueService, Site, Ticket
    from satupintu.surveys.models import Response

    dpu = OrgUnit.objects.get(code="DPU")
    today = timezone.localdate()
    at = lambda day, hour: timezone.make_aware(datetime.combine(day, time(hour)))  # noqa: E731
    _response(dpu, at(today, 9), 4, "a")
    _response(dpu, at(today, 10), 3, "b")
    _response(dpu, at(today - timedelta(days=1), 23), 2, "c")
    site = Site.objects.create(org_unit=dpu, slug="kantor-dpu", name="Kantor DPU")
    service = QueueService.objects.create(site=site, org_unit=dpu, name="Konsultasi", prefix="A")
    desk = Desk.objects.create(site=site, org_unit=dpu, number=1)
    desk.services.set([service])
    for _i in range(2):
        queue_services.walk_in(site, service)
        called = queue_services.call_next(desk)
        queue_services.serve(called)
        queue_services.finish(called)
    queue_services.walk_in(site, service)  # waiting: not served
    rollup.rollup_range(today - timedelta(days=2), today)

    expected = Counter()
    for r in Response.objects.all():
        day = timezone.localtime(r.submitted_at).date()
        expected[("survey.response", day, r.org_unit_id, "count")] += 1
        expected[("survey.response", day, r.org_unit_id, "total")] += sum(r.answers().values())
    for t in Ticket.objects.filter(status=Ticket.Status.DONE):
        expected[("queue.served", t.day, t.site.org_unit_id, "count")] += 1
    got = Counter()
    for row in DailyFigure.objects.filter(metric__in=["survey.response", "queue.served"]):
        got[(row.metric, row.day, row.org_unit_id, "count")] += row.count
        if row.total:
            got[(row.metric, row.day, row.org_unit_id, "total")] += row.total
    assert got == +expected
    assert got[("queue.served", today, dpu.pk, "count")] == 2
    # The week's IKM from the sums: 25 × Σ answers ÷ (9 × responses) = 25 × 81 ÷ 27.
    scope = Scope(units=Q(code="DPU"), start=today, end=today)
    from satupintu.dashboards.figures import _ikm_of_sums

    week = trends.weekly("survey.response", scope, value=_ikm_of_sums)[-1][1]
    assert str(week) == "75.00"
