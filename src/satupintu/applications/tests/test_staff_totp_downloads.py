"""Citizen files reachable by staff need a TOTP-verified staff session (issue #9, item 3).

The applicant's own links (/permohonan/<code>/dokumen|tanda-terima|hasil/) also let the staff of
the case's unit download the files; that access is granted *as staff*, so it needs TOTP.
"""

import pytest
from django.test import Client
from django.urls import reverse

from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.testing.factories import TEST_PASSWORD, make_staff
from satupintu.testing.sessions import _original_force_login

pytestmark = pytest.mark.django_db


def _urls(application):
    code = application.case.tracking_code
    document = application.documents.first()
    return [
        reverse("applications:document", args=[code, document.pk]),
        reverse("applications:receipt", args=[code]),
        reverse("applications:result", args=[code]),
    ]


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_staff_without_totp_cannot_download_citizen_files(client, issued_application, opd_a):
    staff = make_staff(opd_a, totp=False)
    staff.set_password(TEST_PASSWORD)
    staff.save()
    client.post("/akun/login/", {"login": staff.email, "password": TEST_PASSWORD})

    for url in _urls(issued_application):
        assert client.get(url).status_code == 404, url


def test_staff_with_totp_but_a_password_only_session_cannot_download(
    client, issued_application, operator
):
    _original_force_login(client, operator)  # a session that never passed the TOTP step

    for url in _urls(issued_application):
        assert client.get(url).status_code == 404, url


def test_staff_with_a_verified_session_downloads(client, issued_application, operator):
    client.force_login(operator)

    for url in _urls(issued_application):
        assert client.get(url).status_code == 200, url


def test_the_applicant_is_unaffected(issued_application, citizen):
    client = Client()
    client.force_login(citizen)

    for url in _urls(issued_application):
        assert client.get(url).status_code == 200, url
