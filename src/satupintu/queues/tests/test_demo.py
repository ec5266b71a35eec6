"""The demo queues: RSUD with four polyclinics and doctors, Disdukcapil with three services and
four counters, the MPP with counters of DPMPTSP and Disdukcapil, an officer per site."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from satupintu.accounts.models import User
from satupintu.org.permissions import may_run_counter
from satupintu.queues.demo import DEMO_FHIR_TOKEN
from satupintu.queues.models import Counter, FhirClient, Practitioner, QueueService, Site

pytestmark = pytest.mark.django_db


def test_demo_queues(reference_data, client):
    call_command("load_demo_data", force=True)
    call_command("load_demo_data", force=True)  # safe to run again
    rsud = Site.objects.get(slug="rsud-rawat-jalan")
    assert rsud.services.filter(needs_practitioner=True).count() == 4
    assert Practitioner.objects.filter(site=rsud).count() == 7
    dukcapil = Site.objects.get(slug="disdukcapil")
    assert dukcapil.services.count() == 3 and dukcapil.counters.count() == 4
    mpp = Site.objects.get(slug="mpp")
    assert set(mpp.counters.values_list("org_unit__code", flat=True)) == {"DPMPTSP", "DISDUKCAPIL"}
    assert QueueService.objects.filter(site=mpp, catalog_service__isnull=False).exists()
    assert FhirClient.objects.filter(site=rsud, can_write=True).count() == 1
    officer = User.objects.get(email="loket.disdukcapil@demo.satupintu.id")
    assert may_run_counter(officer, mpp.counters.get(number=3))
    assert not any(may_run_counter(officer, c) for c in Counter.objects.filter(site=rsud))
    assert User.objects.filter(email="loket.rsud@demo.satupintu.id").exists()
    response = client.get(
        "/fhir/R4/Practitioner", headers={"authorization": f"Bearer {DEMO_FHIR_TOKEN}"}
    )
    assert response.json()["total"] == 7
    assert rsud.name in client.get(reverse("queues:home")).text


def test_demo_site_names_in_english(reference_data, client, settings):
    from satupintu.queues.demo import load_sites

    load_sites()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        page = client.get(reverse("queues:site", args=["rsud-rawat-jalan"]))
        assert "Paediatric Clinic" in page.text and "Choose a polyclinic" in page.text
    finally:
        from django.utils import translation

        translation.activate("id")
