"""Disposition response times on the leaders' dashboard: the rollup equals a recount of the
raw dispositions, the figures read it (median / p90 per level), a kepala OPD sees only their
unit in the figure, its CSV and the list behind the number, and bad parameters get a 400."""

import csv
import io
from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from satupintu.dashboards import rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.letters import figures
from satupintu.letters.models import Disposition
from satupintu.letters.tests.conftest import register
from satupintu.letters.tests.test_dispositions import dispose
from satupintu.org.models import Membership
from satupintu.testing.factories import TOTP_SECRET

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def chain(org, code):
    """Letter A: Sekda → Asisten II (person) → DPU (unit) → Bidang BM (unit); letter B:
    Sekda → DINKES (unit), never answered, overdue; letter C: Sekda → DPU, overdue."""
    today = timezone.localdate()
    letter_a = register(org.tu_setda, org.setda, subject="Surat A jalan")
    letter_b = register(org.tu_setda, org.setda, number="B/2", subject="Surat B kesehatan")
    letter_c = register(org.tu_setda, org.setda, number="C/3", subject="Surat C banjir")
    (one,) = dispose(org.sekda, letter_a, users=[org.asisten2])
    (two,) = dispose(org.asisten2, letter_a, units=[org.dpu])
    (three,) = dispose(org.kadis_dpu, letter_a, units=[org.dpu_bm])
    (late_b,) = dispose(org.sekda, letter_b, units=[org.dinkes])
    (late_c,) = dispose(org.sekda, letter_c, units=[org.dpu])
    plan = {  # disposition: (created days ago, answered after minutes, due days ago)
        one: (6, 120, -5),
        two: (5, 30, -5),
        three: (4, None, 2),
        late_b: (5, None, 1),
        late_c: (3, None, 1),
    }
    for d, (ago, minutes, due_ago) in plan.items():
        created = at(today - timedelta(days=ago))
        Disposition.objects.filter(pk=d.pk).update(
            created_at=created,
            acted_at=created + timedelta(minutes=minutes) if minutes is not None else None,
            due_date=today - timedelta(days=due_ago),
        )
    rollup.rollup_range(today - timedelta(days=8), today)
    return {"one": one, "two": two, "three": three, "late_b": late_b, "late_c": late_c}


def recount(start, end) -> Counter:
    """From the raw rows, walking each disposition's parents and recipient by hand."""
    expected = Counter()
    local = timezone.localtime
    for d in Disposition.objects.filter(withdrawn_at__isnull=True):
        level, node = 1, d
        while node.parent_id and level < 4:
            node, level = node.parent, level + 1
        if d.to_unit_id:
            unit = d.to_unit_id
        else:
            mine = Membership.objects.filter(user=d.to_user, is_active=True).order_by("pk")
            head = mine.filter(role=Membership.Role.HEAD).first()
            unit = (head or mine.first()).org_unit_id
        if start <= local(d.created_at).date() <= end:
            expected[("disposition.given", unit, str(level), "count")] += 1
        if d.acted_at and start <= local(d.acted_at).date() <= end:
            minutes = int((d.acted_at - d.created_at).total_seconds() // 60)
            key = f"{level}:{minutes}"
            expected[("disposition.first_response", unit, key, "count")] += 1
            expected[("disposition.first_response", unit, key, "total")] += minutes
        day = start
        while day <= end:
            end_of_day = at(day + timedelta(days=1), 0)
            done = d.done_at is not None and d.done_at < end_of_day
            if d.created_at < end_of_day and not done and d.due_date < day:
                expected[("disposition.overdue", unit, str(level), "count")] += 1
            day += timedelta(days=1)
    return +expected


def test_rollup_equals_a_recount_of_the_raw_dispositions(chain, org):
    today = timezone.localdate()
    got = Counter()
    for row in DailyFigure.objects.filter(metric__startswith="disposition."):
        got[(row.metric, row.org_unit_id, row.key, "count")] += row.count
        if row.total:
            got[(row.metric, row.org_unit_id, row.key, "total")] += row.total
    expected = recount(today - timedelta(days=8), today)
    assert got == expected
    assert got[("disposition.first_response", org.ass2.pk, "1:120", "count")] == 1
    assert got[("disposition.given", org.dpu_bm.pk, "3", "count")] == 1


def test_percentile_is_nearest_rank():
    histogram = {10: 2, 20: 3, 30: 4, 100: 1}
    assert figures.percentile(histogram, 0.5) == 20
    assert figures.percentile(histogram, 0.9) == 30
    assert figures.percentile({}, 0.5) is None


def test_figures_per_level_for_the_city(client, chain, org):
    city = Membership.objects.create(
        user=org.sekda, org_unit=org.setda.parent, role=Membership.Role.ADMIN
    )
    assert city.org_unit.parent is None
    client.force_login(org.sekda)
    page = client.get(reverse("dashboards:home"))
    assert page.status_code == 200
    assert "Waktu tanggapan disposisi per tingkat" in page.text
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("dashboards:csv", args=["disposisi-tingkat"])).content.decode()
            )
        )
    )
    table = {r[0]: r[1:] for r in rows[1:]}
    # given, answered, median h, p90 h, overdue now
    assert table["Tingkat 1"] == ["3", "1", "2.0", "2.0", "2"]
    assert table["Tingkat 2"] == ["1", "1", "0.5", "0.5", "0"]
    assert table["Tingkat 3"] == ["1", "0", "", "", "1"]
    # The trend is there, drawn and tabled.
    assert 'class="sparkline"' in page.text and "Angka tren per minggu" in page.text


def test_head_of_dpu_sees_only_dpu_and_drills_down(client, chain, org):
    client.force_login(org.kadis_dpu)
    page = client.get(reverse("dashboards:home"))
    assert page.status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("dashboards:csv", args=["disposisi-unit"])).content.decode()
            )
        )
    )
    labels = [r[0] for r in rows[1:]]
    assert labels and all(
        label.startswith(org.dpu.name) or label.startswith(org.dpu_bm.name) for label in labels
    )
    assert not any(org.dinkes.name in label for label in labels)
    link = figures.drill_url("DPU", 1)
    assert link.replace("&", "&amp;") in page.text
    listed = client.get(link)
    assert listed.status_code == 200
    assert "Surat C banjir" in listed.text
    assert "Surat A jalan" not in listed.text and "Surat B kesehatan" not in listed.text
    # Another OPD's unit: not there for them.
    assert client.get(figures.drill_url("DINKES")).status_code == 404
    deeper = client.get(figures.drill_url("DPU-BM"))
    assert deeper.status_code == 200 and "Surat A jalan" in deeper.text


def test_dinkes_head_sees_dinkes_list_only_and_staff_get_404(client, chain, org):
    client.force_login(org.kadis_dinkes)
    listed = client.get(figures.drill_url("DINKES"))
    assert listed.status_code == 200 and "Surat B kesehatan" in listed.text
    assert "Surat C banjir" not in listed.text
    assert client.get(figures.drill_url("DPU")).status_code == 404
    client.force_login(org.tu_dinkes)  # an operator leads nothing
    assert client.get(figures.drill_url("DINKES")).status_code == 404


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "Pilih unit"),
        ("?unit=DPU%20X", "Kode unit"),
        ("?unit=DPU&tingkat=9", "Tingkat disposisi"),
        ("?unit=DPU&tingkat=satu", "Tingkat disposisi"),
    ],
)
def test_bad_parameters_are_a_clear_400(client, chain, org, query, message):
    client.force_login(org.kadis_dpu)
    response = client.get(reverse("letters:overdue_dispositions") + query)
    assert response.status_code == 400
    assert message in response.text


def test_list_says_how_many_overdue_dispositions_it_cannot_show(
    client, chain, org, django_user_model
):
    """A Rahasia letter disposed to DPU is counted for DPU, but only its chain may open it: a
    superuser, who sees every unit's figures, is not in it; the list leaves the letter out and
    says one is hidden. The Kadis PU, its addressee, sees it listed and nothing hidden."""
    from satupintu.letters.models import Letter

    secret = register(
        org.tu_setda, org.setda, number="R/9", subject="Surat R rahasia", sifat=Letter.Sifat.SECRET
    )
    (late,) = dispose(org.sekda, secret, units=[org.dpu])
    Disposition.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    root = django_user_model.objects.create_superuser(email="root@contoh.id", password="x" * 12)
    TOTP.activate(root, TOTP_SECRET)
    client.force_login(root)
    listed = client.get(figures.drill_url("DPU"))
    assert listed.status_code == 200
    assert "Surat C banjir" in listed.text and "Surat R rahasia" not in listed.text
    assert "1 disposisi lewat batas lain" in listed.text
    client.force_login(org.kadis_dpu)
    listed = client.get(figures.drill_url("DPU"))
    assert "Surat R rahasia" in listed.text and "disposisi lewat batas lain" not in listed.text
