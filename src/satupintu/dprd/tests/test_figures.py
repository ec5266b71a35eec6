"""The DPRD secretariat's figures: the rollup equals a recount of the raw aspirations,
proposals and their status history; the secretariat page (SETWAN and the koordinator only),
its CSVs and trends; the leaders' summary; bad periods get a 400."""

import csv
import io
from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.cases.models import Case, CaseEvent
from satupintu.dashboards import registry, rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.dprd import figures
from satupintu.dprd import services as pokir_services
from satupintu.dprd.models import Aspiration, Proposal
from satupintu.dprd.tests.conftest import member_with_account, new_proposal
from satupintu.dprd.tests.test_aspiration import act, file, komisi
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.testing.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db
Target = Aspiration.Target


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def setwan(reference_data):
    return make_staff(OrgUnit.objects.get(code="SETWAN"), full_name="Staf Setwan")


@pytest.fixture
def council(setwan, window, sepinggan):
    """Three aspirations (Komisi III, the dapil, the council), one answered after 3 hours;
    three proposals: two in Sepinggan's dapil (one verified and adopted), one elsewhere."""
    today = timezone.localdate()
    to_komisi = file(target=Target.COMMISSION, commission=komisi())
    to_dapil = file()
    to_council = file(target=Target.COUNCIL, kelurahan="Gunung Samarinda")
    act(setwan, to_komisi, "verify")
    act(setwan, to_komisi, "reply", note="Terima kasih, kami jadwalkan kunjungan.")
    filed = at(today - timedelta(days=2))
    Case.objects.filter(pk=to_komisi.case_id).update(
        created_at=filed, first_response_at=filed + timedelta(hours=3)
    )
    citizen = UserFactory()
    adopted = pokir_services.submit_proposal(new_proposal(sepinggan), user=citizen).proposal
    waiting = pokir_services.submit_proposal(new_proposal(sepinggan), user=citizen).proposal
    other = pokir_services.submit_proposal(
        new_proposal(Region.objects.get(name="Gunung Samarinda")), user=citizen
    ).proposal
    member = member_with_account(sepinggan.parent.name)
    pokir_services.act(user=setwan, proposal=adopted, action="verify")
    pokir_services.act(user=member.user, proposal=adopted, action="adopt")
    # The adopted proposal was filed three days ago, verified two days ago, adopted today.
    Case.objects.filter(pk=adopted.case_id).update(created_at=at(today - timedelta(days=3)))
    events = CaseEvent.objects.filter(case=adopted.case)
    events.filter(to_status="diverifikasi").update(created_at=at(today - timedelta(days=2)))
    events.exclude(to_status__in=["diverifikasi", "diadopsi"]).update(
        created_at=at(today - timedelta(days=3))
    )
    rollup.rollup_range(today - timedelta(days=4), today)
    return {
        "aspirations": (to_komisi, to_dapil, to_council),
        "proposals": (adopted, waiting, other),
        "member": member,
    }


def recount(start, end) -> Counter:
    """Straight from the raw rows: aspirations, proposals and each case's own events."""
    expected = Counter()
    local = timezone.localtime
    for a in Aspiration.objects.select_related("case"):
        key = f"{a.commission_id or 0}:{a.district_id or 0}"
        if start <= local(a.case.created_at).date() <= end:
            expected[("dprd.aspiration.received", key, "count")] += 1
        first = a.case.first_response_at
        if first and start <= local(first).date() <= end:
            minutes = int((first - a.case.created_at).total_seconds() // 60)
            expected[("dprd.aspiration.first_answer", key, "count")] += 1
            expected[("dprd.aspiration.first_answer", key, "total")] += minutes
    for p in Proposal.objects.select_related("case"):
        district = p.district_id
        if start <= local(p.case.created_at).date() <= end:
            expected[("dprd.proposal.received", str(district), "count")] += 1
        day = start
        while day <= end:
            end_of_day = at(day + timedelta(days=1), 0)
            if p.case.created_at < end_of_day:
                went = [
                    e.to_status
                    for e in p.case.events.order_by("created_at", "pk")
                    if e.to_status and e.created_at < end_of_day
                ]
                status = went[-1] if went else "diajukan"
                expected[("dprd.proposal.status", f"{district}:{status}", "count")] += 1
                if {"diverifikasi", "diadopsi", "diusulkan"} & set(went):
                    expected[("dprd.proposal.verified", str(district), "count")] += 1
                if {"diadopsi", "diusulkan"} & set(went):
                    expected[("dprd.proposal.adopted", str(district), "count")] += 1
            day += timedelta(days=1)
    return +expected


def test_rollup_equals_a_recount_of_the_raw_rows(council):
    today = timezone.localdate()
    got = Counter()
    for row in DailyFigure.objects.filter(metric__startswith="dprd."):
        got[(row.metric, row.key, "count")] += row.count
        if row.total:
            got[(row.metric, row.key, "total")] += row.total
    assert got == recount(today - timedelta(days=4), today)
    adopted = council["proposals"][0]
    # Two days ago the adopted proposal was verified, not yet adopted.
    two_days_ago = DailyFigure.objects.get(
        metric="dprd.proposal.status",
        day=today - timedelta(days=2),
        key=f"{adopted.district_id}:diverifikasi",
    )
    assert two_days_ago.count == 1


def test_secretariat_dashboard_figures_and_csv(client, council, setwan):
    client.force_login(setwan)
    page = client.get(reverse("dprd:dashboard"))
    assert page.status_code == 200
    for title in (
        "Aspirasi DPRD per komisi",
        "Aspirasi DPRD per dapil",
        "Usulan pokir per dapil dan status",
        "Tingkat adopsi usulan per dapil",
    ):
        assert title in page.text  # fmt: skip
    assert page.text.count('class="sparkline"') >= 4
    response = client.get(reverse("dprd:dashboard_csv", args=["dprd-aspirasi-komisi"]))
    rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(response.content.decode()))}
    assert rows[komisi().name] == ["1", "1", "3.0"]
    adoption = client.get(reverse("dprd:dashboard_csv", args=["dprd-adopsi"]))
    rows = list(csv.reader(io.StringIO(adoption.content.decode())))
    district = council["proposals"][0].district.name
    assert [district, "2", "1", "1", "100.0"] in rows
    # The city's figures are not this page's, and unknown keys are 404.
    assert client.get(reverse("dprd:dashboard_csv", args=["pengaduan-opd"])).status_code == 404


def test_secretariat_dashboard_bad_period_is_a_clear_400(client, council, setwan):
    client.force_login(setwan)
    response = client.get(reverse("dprd:dashboard") + "?dari=31-12-2026")
    assert response.status_code == 400 and "TTTT-BB-HH" in response.text
    csv_bad = client.get(reverse("dprd:dashboard_csv", args=["dprd-adopsi"]) + "?sampai=kemarin")
    assert csv_bad.status_code == 400


def test_members_and_opd_staff_cannot_see_the_secretariat_dashboard(client, council):
    client.force_login(council["member"].user)
    assert client.get(reverse("dprd:dashboard")).status_code == 404
    assert client.get(reverse("dprd:dashboard_csv", args=["dprd-adopsi"])).status_code == 404
    head = make_staff(OrgUnit.objects.get(code="DPU"), Membership.Role.HEAD)
    client.force_login(head)
    assert client.get(reverse("dprd:dashboard")).status_code == 404
    # …and a kepala OPD's own dashboard has no DPRD summary (not their unit).
    page = client.get(reverse("dashboards:home"))
    assert page.status_code == 200 and "DPRD: aspirasi dan usulan" not in page.text
    assert client.get(reverse("dashboards:csv", args=["dprd-ringkasan"])).status_code == 404


def test_city_leaders_and_the_public_see_the_dprd_summary(client, council):
    admin = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN)
    client.force_login(admin)
    page = client.get(reverse("dashboards:home"))
    assert "DPRD: aspirasi dan usulan per dapil" in page.text
    assert "Aspirasi DPRD per komisi" not in page.text  # the secretariat's own page
    public = client.get(reverse("dashboards:public_csv", args=["dprd-ringkasan"]))
    rows = list(csv.reader(io.StringIO(public.content.decode())))
    district = council["proposals"][0].district.name
    assert [district, "2", "2", "1", "1", "100.0"] in rows


def test_every_registered_figure_has_a_trend():
    """Reses (or any later figure) must bring its trend too."""
    missing = [f.key for f in registry.all_figures() if f.trend is None or not f.trend_title]
    assert missing == []
    assert {f.key for f in registry.figures(figures.GROUP)} >= {
        "dprd-aspirasi-komisi",
        "dprd-aspirasi-dapil",
        "dprd-usulan-status",
        "dprd-adopsi",
    }
