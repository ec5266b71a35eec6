"""The applicant downloads the signed result from their account and the tracking page."""

import pytest
from django.urls import reverse

from satupintu.applications.tests.helpers import login
from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_applicant_downloads_result(client, issued_application, citizen, staff_b):
    code = issued_application.case.tracking_code
    assert issued_application.case.status == "selesai"
    url = reverse("applications:result", args=[code])
    login(client, citizen)
    track = client.get(reverse("cases:track", args=[code])).content.decode()
    assert url in track
    listing = client.get(reverse("applications:my_list")).content.decode()
    assert url in listing and "Selesai, dokumen hasil terbit" in listing
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for other in (UserFactory(), staff_b):
        login(client, other)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    public = client.get(reverse("cases:track", args=[code])).content.decode()
    assert url not in public
