"""The rollup is exact (recomputed from raw rows), the figures read it, leaders see their
scope, drill-downs open the list behind the number, every figure has a CSV."""

import csv
import io
from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.cases.models import Case
from satupintu.cases.tests.helpers import coordinator, file_case, make_category, verify
from satupintu.core import workdays
from satupintu.dashboards import rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def cases(reference_data):
    """Eight complaints over the last ten days: DPU 5 (2 closed, 3 open, 2 overdue), DINKES 3."""
    today = timezone.localdate()
    category = make_category()
    by = coordinator()
    made = []
    plan = [
        # unit, filed days ago, first response hours, closed days ago, due in days from filing
        ("DPU", 9, 2, 2, 5),
        ("DPU", 8, None, 1, 10),
        ("DPU", 7, 5, None, 3),  # overdue
        ("DPU", 6, None, None, 2),  # overdue
        ("DPU", 1, None, None, 5),
        ("DINKES", 5, 1, 0, 5),
        ("DINKES", 4, None, None, 10),
        ("DINKES", 0, None, None, 5),
    ]
    for code, ago, first, closed, due in plan:
        case, _secret = file_case(category, title=f"Jalan rusak {code} {ago}")
        verify(case, by=by, org_unit=code)
        filed = at(today - timedelta(days=ago))
        Case.objects.filter(pk=case.pk).update(
            created_at=filed,
            first_response_at=filed + timedelta(hours=first) if first is not None else None,
            closed_at=at(today - timedelta(days=closed), 15) if closed is not None else None,
            status="selesai" if closed is not None else "diproses",
            due_date=filed.date() + timedelta(days=due),
        )
        made.append(case)
    rollup.rollup_range(today - timedelta(days=12), today)
    return made


def recompute(start, end) -> Counter:
    """Straight from the raw rows, without the rollup's code path."""
    expected = Counter()
    local = timezone.localtime
    for case in Case.objects.all():
        filed = local(case.created_at).date()
        if start <= filed <= end:
            expected[("complaint.received", case.org_unit_id, "count")] += 1
        if case.closed_at and start <= local(case.closed_at).date() <= end:
            closed = local(case.closed_at).date()
            expected[("complaint.closed", case.org_unit_id, "count")] += 1
            expected[("complaint.closed", case.org_unit_id, "total")] += (
                workdays.working_days_between(filed, closed)
            )
            if closed <= case.due_date:
                expected[("complaint.closed_on_time", case.org_unit_id, "count")] += 1
        if case.first_response_at and start <= local(case.first_response_at).date() <= end:
            minutes = int((case.first_response_at - case.created_at).total_seconds() // 60)
            expected[("complaint.first_response", case.org_unit_id, "count")] += 1
            expected[("complaint.first_response", case.org_unit_id, "total")] += minutes
        day = start
        while day <= end:
            end_of_day = at(day + timedelta(days=1), 0)
            if case.created_at < end_of_day and (
                not case.closed_at or case.closed_at >= end_of_day
            ):
                expected[("complaint.open", case.org_unit_id, "count")] += 1
                if case.due_date < day and case.paused_at is None:
                    expected[("complaint.overdue", case.org_unit_id, "count")] += 1
            day += timedelta(days=1)
    return +expected


def test_rollup_equals_a_recount_of_the_raw_rows(cases):
    today = timezone.localdate()
    start = today - timedelta(days=12)
    got = Counter()
    for row in DailyFigure.objects.all():
        got[(row.metric, row.org_unit_id, "count")] += row.count
        if row.total:
            got[(row.metric, row.org_unit_id, "total")] += row.total
    assert got == recompute(start, today)
    assert got[("complaint.received", OrgUnit.objects.get(code="DPU").pk, "count")] == 5


def test_rollup_is_idempotent(cases):
    today = timezone.localdate()
    before = sorted(DailyFigure.objects.values_list("day", "metric", "org_unit", "key", "count"))
    rollup.rollup_range(today - timedelta(days=12), today)
    after = sorted(DailyFigure.objects.values_list("day", "metric", "org_unit", "key", "count"))
    assert before == after


def test_head_sees_own_unit_and_drills_to_the_overdue_cases(client, cases):
    dpu = OrgUnit.objects.get(code="DPU")
    head = make_staff(dpu, Membership.Role.HEAD)
    client.force_login(head)
    page = client.get(reverse("dashboards:home"))
    assert page.status_code == 200
    text = page.text
    assert dpu.name in text and "Dinas Kesehatan" not in text
    assert "<svg" in text and "<table" in text
    link = reverse("cases:inbox") + "?jenis=complaint&amp;tenggat=overdue&amp;unit=DPU"
    assert link in text
    listed = client.get(link.replace("&amp;", "&"))
    assert listed.status_code == 200
    overdue = {c.tracking_code for c in cases[2:4]}
    others = {c.tracking_code for c in cases} - overdue
    assert all(code in listed.text for code in overdue)
    assert not any(code in listed.text for code in others)


def test_city_admin_sees_every_unit_operators_do_not(client, cases):
    admin = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN)
    client.force_login(admin)
    text = client.get(reverse("dashboards:home")).text
    assert "Dinas Pekerjaan Umum" in text or "DPU" in text
    assert OrgUnit.objects.get(code="DINKES").name in text
    operator = make_staff(OrgUnit.objects.get(code="DPU"), Membership.Role.OPERATOR)
    client.force_login(operator)
    assert client.get(reverse("dashboards:home")).status_code == 404
    assert client.get(reverse("dashboards:csv", args=["pengaduan-opd"])).status_code == 404


def test_csv_per_figure(client, cases):
    response = client.get(reverse("dashboards:public_csv", args=["pengaduan-opd"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Nama", "Diterima", "Selesai"]
    dpu = next(r for r in rows if r[0] == OrgUnit.objects.get(code="DPU").name)
    assert dpu[1:5] == ["5", "2", "50.0", "2"]  # received, closed, on time %, overdue now
    assert client.get(reverse("dashboards:public_csv", args=["tidak-ada"])).status_code == 404


def test_public_page_has_no_drill_down(client, cases):
    page = client.get(reverse("dashboards:public"))
    assert page.status_code == 200
    assert "/kantor/" not in page.text.split("<main", 1)[1]
    assert "Pengaduan per perangkat daerah" in page.text


def test_bad_period_is_a_clear_400_and_a_future_end_is_today(client, cases):
    page = client.get(reverse("dashboards:public") + "?dari=kemarin&sampai=2999-01-01")
    assert page.status_code == 400
    assert "tidak dikenali" in page.text and "TTTT-BB-HH" in page.text
    reversed_period = client.get(
        reverse("dashboards:public") + "?dari=2026-02-01&sampai=2026-01-01"
    )
    assert reversed_period.status_code == 400
    csv_bad = client.get(reverse("dashboards:public_csv", args=["pengaduan-opd"]) + "?sampai=x")
    assert csv_bad.status_code == 400 and "tidak dikenali" in csv_bad.content.decode()
    assert client.get(reverse("dashboards:public") + "?sampai=2999-01-01").status_code == 200


def test_refresh_on_demand(client, cases):
    DailyFigure.objects.all().delete()
    head = make_staff(OrgUnit.objects.get(code="DPU"), Membership.Role.HEAD)
    client.force_login(head)
    assert client.post(reverse("dashboards:refresh")).status_code == 302
    assert DailyFigure.objects.filter(day=timezone.localdate()).exists()
