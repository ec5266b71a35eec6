"""Reses held per member on the DPRD secretariat's dashboard: the rollup equals a recount of
the raw status changes and aspirations heard; the figure and its CSV for SETWAN only."""

import csv
import io
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.dashboards import rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.dprd import reses_services
from satupintu.dprd.models import Recess, RecessHeard, RecessStatusChange
from satupintu.dprd.tests.test_reses import heard, held, period, recess  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(held, window, selatan_member):  # noqa: F811 - the imported fixture
    """The reses was recorded as held yesterday; two aspirations heard today."""
    yesterday = timezone.now() - timedelta(days=1)
    RecessStatusChange.objects.filter(recess=held, to_status=Recess.Status.HELD).update(
        created_at=yesterday
    )
    for key in ("a", "b"):
        reses_services.record_heard(actor=selatan_member.user, recess=held, new=heard(key))
    today = timezone.localdate()
    rollup.rollup_range(today - timedelta(days=3), today)
    return held


def recount() -> Counter:
    expected = Counter()
    local = timezone.localtime
    for change in RecessStatusChange.objects.filter(to_status=Recess.Status.HELD):
        key = (local(change.created_at).date(), "dprd.recess.held", str(change.recess.member_id))
        expected[(*key, "count")] += 1
        expected[(*key, "total")] += change.recess.attendance or 0
    for item in RecessHeard.objects.all():
        key = (local(item.created_at).date(), "dprd.recess.heard", str(item.recess.member_id))
        expected[(*key, "count")] += 1
    return +expected


def test_rollup_equals_a_recount_of_the_raw_rows(recorded):
    got = Counter()
    for row in DailyFigure.objects.filter(metric__startswith="dprd.recess."):
        got[(row.day, row.metric, row.key, "count")] += row.count
        got[(row.day, row.metric, row.key, "total")] += row.total
    assert +got == recount()
    # Counted on the day it was recorded as held (yesterday), not on its planned date (today).
    yesterday = timezone.localdate() - timedelta(days=1)
    assert DailyFigure.objects.get(metric="dprd.recess.held").day == yesterday


def test_secretariat_sees_reses_per_member_with_csv(client, recorded, setwan_staff):
    client.force_login(setwan_staff)
    page = client.get(reverse("dprd:dashboard"))
    assert page.status_code == 200
    assert "Reses per anggota DPRD" in page.text
    response = client.get(reverse("dprd:dashboard_csv", args=["dprd-reses-anggota"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [recorded.member.name, "1", "42", "2"] in rows


def test_members_do_not_see_the_secretariat_figure(client, recorded, selatan_member):
    client.force_login(selatan_member.user)
    url = reverse("dprd:dashboard_csv", args=["dprd-reses-anggota"])
    assert client.get(url).status_code == 404
