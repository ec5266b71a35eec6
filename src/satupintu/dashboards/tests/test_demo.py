import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from satupintu.dashboards import demo
from satupintu.dashboards.models import DailyFigure

pytestmark = pytest.mark.django_db


def test_demo_complaints_and_rollup(reference_data, client):
    call_command("load_demo_data", force=True)
    overdue = DailyFigure.objects.filter(
        metric="complaint.overdue", day=timezone.localdate(), org_unit__code="DPU"
    ).aggregate(n=Sum("count"))["n"]
    assert overdue == 12
    assert demo.load() == 0  # safe to run again
    page = client.get(reverse("dashboards:public"))
    assert page.status_code == 200 and "<svg" in page.text
    assert client.get(reverse("surveys:index")).status_code == 200
