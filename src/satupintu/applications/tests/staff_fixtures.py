"""Fixtures for the staff-side tests (test_staff_*): officers of opd_a in each role, the unit's
signing certificate, a result template, and helpers to walk an application through its steps.

Import with `from satupintu.applications.tests.staff_fixtures import *` in a test module; the
shared fixtures (`service`, `submitted_application`, …) come from conftest.py."""

import pytest

from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

__all__ = [
    "RESULT_BODY",
    "advance",
    "head",
    "issued_application",
    "koordinator",
    "operator",
    "result_template",
    "signing",
    "signing_keys",
    "walk_to_end",
]

RESULT_BODY = """
<h1>{layanan}</h1>
<p>Nomor: {nomor}</p>
<p>Diberikan kepada {nama_pemegang} untuk anak bernama {isian.nama_anak}.</p>
<p>{keterangan_berlaku}</p>
"""


@pytest.fixture(scope="session")
def signing_keys():
    """RSA keys made once per session: generating them is the slow part."""
    from satupintu.documents import pki

    return {"ca": pki.generate_key(), "unit": pki.generate_key()}


@pytest.fixture
def signing(db, opd_a, signing_keys):
    """The demo CA and opd_a's seal (a unit certificate, no person)."""
    from satupintu.documents import services

    ca = services.create_demo_ca(key=signing_keys["ca"])
    return services.issue_demo_identity(ca=ca, org_unit=opd_a, key=signing_keys["unit"])


@pytest.fixture
def result_template(service):
    from satupintu.catalog.models import ResultTemplate

    service.validity_days = 365
    service.save(update_fields=["validity_days"])
    return ResultTemplate.objects.create(
        service=service, title="Kutipan Akta Kelahiran", body=RESULT_BODY
    )


@pytest.fixture
def operator(opd_a):
    return make_staff(opd_a, Membership.Role.OPERATOR, full_name="Operator Loket")


@pytest.fixture
def koordinator(opd_a):
    return make_staff(opd_a, Membership.Role.COORDINATOR, full_name="Verifikator Teknis")


@pytest.fixture
def head(opd_a):
    return make_staff(opd_a, Membership.Role.HEAD, full_name="Kepala Dinas")


def advance(application, actor, **kwargs):
    from satupintu.applications.services import processing

    application.refresh_from_db()
    kwargs.setdefault("expected_step_id", application.current_step_id)
    result = processing.act(application, "advance", actor=actor, **kwargs)
    application.refresh_from_db()
    return result


def walk_to_end(application, operator, koordinator, head):
    """loket (operator) → verifikasi (koordinator) → persetujuan (kepala) → penerbitan."""
    for actor in (operator, koordinator, head, operator):
        advance(application, actor)
    application.refresh_from_db()
    application.case.refresh_from_db()
    return application


@pytest.fixture
def issued_application(
    submitted_application,
    operator,
    koordinator,
    head,
    signing,
    result_template,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        walk_to_end(submitted_application, operator, koordinator, head)
    return submitted_application
