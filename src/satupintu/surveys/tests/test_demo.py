import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.org.models import OrgUnit
from satupintu.surveys import demo, selectors
from satupintu.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_demo_answers(reference_data, client):
    made = demo.load()
    assert made == Response.objects.count() == 95 + 92 + 70 + 52 + 40 + 101 + 50 + 40
    assert demo.load() == 0  # safe to run again
    year = timezone.localdate().year
    rsud = selectors.unit_figures(OrgUnit.objects.get(code="RSUD"), year)
    assert rsud.respondents == 40 and rsud.population == 150 and rsud.sample_too_small
    page = client.get(reverse("surveys:index"))
    assert "Disdukcapil" in page.text or "Kependudukan" in page.text
    unit = client.get(reverse("surveys:unit", args=["DISDUKCAPIL"]))
    assert str(year - 1) in unit.text
