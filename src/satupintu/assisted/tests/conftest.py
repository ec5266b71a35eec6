"""Counter officers, a service to file and helpers to walk the counter's pages."""

import pytest
from django.urls import reverse

from satupintu.applications.tests.conftest import (
    STEP_ONE,
    STEP_TWO,
    make_service,
    pdf_bytes,
    png_bytes,
    upload,
)
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

KELURAHAN = "KEL-64.71.05.1002"  # Sepinggan
NEW_NIK = "6471055203850002"  # a woman born 12-03-85 (day + 40), Balikpapan Selatan


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def service(opd_a):
    return make_service(opd_a)


@pytest.fixture
def kelurahan(reference_data):
    return OrgUnit.objects.get(code=KELURAHAN)


@pytest.fixture
def mpp(reference_data):
    return OrgUnit.objects.get(code="DPMPTSP")


@pytest.fixture
def officer(kelurahan):
    return make_staff(kelurahan, Membership.Role.COUNTER, full_name="Petugas Loket Sepinggan")


@pytest.fixture
def colleague(kelurahan):
    return make_staff(kelurahan, Membership.Role.COUNTER, full_name="Rekan Loket Sepinggan")


@pytest.fixture
def other_officer(mpp):
    return make_staff(mpp, Membership.Role.COUNTER, full_name="Petugas Loket MPP")


def documents():
    return {
        "doc-surat-lahir": upload("surat-lahir.pdf", pdf_bytes(), "application/pdf"),
        "doc-kk": upload("kk.pdf", pdf_bytes(), "application/pdf"),
        "doc-ktp-ortu": upload("ktp.png", png_bytes(), "image/png"),
    }


def start_data(service, **extra):
    data = {
        "full_name": "Sumiati",
        "phone": "0812 3456 7001",
        "email": "",
        "service": service.pk,
        "consent": "on",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def look_up(client, nik=NEW_NIK):
    return client.post(reverse("assisted:lookup"), {"nik": nik, "identity_checked": "on"})


def fill_and_submit(client, filing, capture):
    """Steps 1–2, documents, review: returns the review POST's response."""
    step = lambda n: reverse("assisted:step", args=[filing.pk, n])  # noqa: E731
    assert client.post(step(1), STEP_ONE).status_code == 302
    assert client.post(step(2), STEP_TWO).status_code == 302
    response = client.post(step(3), {**documents(), "next": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    with capture(execute=True):
        return client.post(step(4), {"declaration": "on", "submit": "1"})
