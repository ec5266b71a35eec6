"""The demo officers and applications (applications/demo.py)."""

import pytest

from satupintu.applications.models import Application
from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.applications.workflow import Status

pytestmark = pytest.mark.django_db

DOMAIN = "demo.satupintu.id"


@pytest.fixture
def demo_citizen(reference_data):
    from satupintu.accounts import services as account_services

    return account_services.create_user(
        actor=None,
        email=f"warga@{DOMAIN}",
        password="Uji-Sandi-Kuat-2026",  # noqa: S106
        full_name="Siti Rahmawati",
        email_verified=True,
    )


def test_demo_applications_in_several_states(
    demo_citizen,
    settings,
    monkeypatch,
    signing_keys,
    django_capture_on_commit_callbacks,
):
    from satupintu.applications import demo
    from satupintu.cityconfig.demo import load_catalogue
    from satupintu.documents import pki
    from satupintu.documents import services as documents

    settings.DEMO = True
    monkeypatch.setattr(pki, "generate_key", lambda: signing_keys["unit"])
    load_catalogue()
    with django_capture_on_commit_callbacks(execute=True):
        created = demo.load(password="Uji-Sandi-Kuat-2026", domain=DOMAIN)  # noqa: S106
    assert created == len(demo.APPLICATIONS)
    statuses = {a.case.idempotency_key: a.case.status for a in Application.objects.all()}
    assert statuses["demo-pmh-1"] == Status.SUBMITTED
    assert statuses["demo-pmh-2"] == Status.IN_PROGRESS
    assert statuses["demo-pmh-3"] == Status.CORRECTION
    assert statuses["demo-pmh-5"] == Status.ISSUED
    issued = Application.objects.get(case__idempotency_key="demo-pmh-5")
    with documents.open_signed_pdf(issued.result_document) as handle:
        assert documents.verify_pdf(handle.read()).is_valid
    # Running it again creates nothing.
    assert demo.load(password="Uji-Sandi-Kuat-2026", domain=DOMAIN) == 0  # noqa: S106
