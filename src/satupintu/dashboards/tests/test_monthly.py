"""The monthly report per OPD: one e-mail per head and month (never twice) with the link to
the PDF; the PDF holds the unit's figures of that month; only the unit's head and the
leaders above it open it; a bad or future month is not found."""

from datetime import date

import pytest
from django.urls import reverse

from satupintu.dashboards import monthly, tasks
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def head_a(opd_a):
    return make_staff(opd_a, Membership.Role.HEAD, email="kepala.dpu@example.go.id")


@pytest.fixture
def head_b(opd_b):
    return make_staff(opd_b, Membership.Role.HEAD, email="kepala.dinkes@example.go.id")


def test_month_parsing():
    assert monthly.Month.parse("2026-02").end == date(2026, 2, 28)
    assert monthly.Month.parse("2024-02").end == date(2024, 2, 29)
    assert str(monthly.Month.previous(date(2026, 1, 15))) == "2025-12"
    for bad in ("2026-13", "2026", "abc", "2026-00", "9999-01", "1999-12"):
        assert monthly.Month.parse(bad) is None, bad


def test_each_head_gets_one_email_per_month(head_a, head_b, django_capture_on_commit_callbacks):
    month = monthly.Month(2026, 11)
    with django_capture_on_commit_callbacks():
        assert monthly.send(month) == 2
        monthly.send(month)
    messages = OutboxMessage.objects.filter(reference="dasbor:2026-11")
    assert messages.count() == 2
    to_a = next(m for m in messages if m.recipient == "kepala.dpu@example.go.id")
    assert "/kantor/dasbor/bulanan/DPU/2026-11.pdf" in to_a.body
    assert "Dinas Pekerjaan Umum" in to_a.subject


def test_periodic_task_sends_last_month(head_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        tasks.send_monthly_reports.call()
    previous = monthly.Month.previous()
    assert OutboxMessage.objects.filter(reference=f"dasbor:{previous}").count() == 1


def test_pdf_for_the_head_and_404_for_others(client, head_a, head_b, staff_a, monkeypatch):
    seen = {}

    def fake_render(template, context, **kwargs):
        seen.update(context)
        return b"%PDF-1.7 laporan"

    monkeypatch.setattr("satupintu.documents.pdf.render_pdf", fake_render)
    url = reverse("dashboards:monthly_pdf", args=["DPU", "2026-11"])
    client.force_login(head_a)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert seen["unit"].code == "DPU" and str(seen["month"]) == "2026-11"
    keys = [b["figure"].key for b in seen["blocks"]]
    assert "pengaduan-opd" in keys and "ikm" in keys
    assert client.get(reverse("dashboards:monthly_pdf", args=["DPU", "2026-13"])).status_code == 404
    assert client.get(reverse("dashboards:monthly_pdf", args=["XXX", "2026-11"])).status_code == 404
    client.force_login(head_b)
    assert client.get(url).status_code == 404
    client.force_login(staff_a)  # an operator, not a leader
    assert client.get(url).status_code == 404


def test_pdf_is_really_drawn(head_a):
    pdf = monthly.render(head_a.memberships.get().org_unit, monthly.Month(2026, 11))
    assert pdf.startswith(b"%PDF")
