"""Who may see what: a citizen only their own drafts, applications and documents; staff only
of the unit that handles the application (404 for everyone else)."""

import pytest
from django.urls import reverse

from satupintu.applications.tests.helpers import login
from satupintu.testing.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db


def urls(application):
    code = application.case.tracking_code
    doc = application.documents.first()
    return {
        "done": reverse("applications:done", args=[code]),
        "receipt": reverse("applications:receipt", args=[code]),
        "document": reverse("applications:document", args=[code, doc.pk]),
        "correction": reverse("applications:correction", args=[code]),
        "withdraw": reverse("applications:withdraw", args=[code]),
        "result": reverse("applications:result", args=[code]),
    }


def test_other_citizen_gets_404_everywhere(client, submitted_application, complete_draft):
    login(client, UserFactory())
    for name, url in urls(submitted_application).items():
        assert client.get(url).status_code == 404, name
    step = reverse("applications:step", args=[complete_draft.public_id, 1])
    assert client.get(step).status_code == 404
    body = client.get(reverse("applications:my_list")).content.decode()
    assert submitted_application.case.tracking_code not in body


def test_anonymous_gets_404_on_files(client, submitted_application):
    for name in ("receipt", "document", "result", "correction", "withdraw"):
        assert client.get(urls(submitted_application)[name]).status_code == 404, name


def test_applicant_downloads_own_document(client, submitted_application, citizen):
    login(client, citizen)
    response = client.get(urls(submitted_application)["document"])
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]


def test_secret_link_holder_may_download(client, citizen, complete_draft):
    from satupintu.applications.services import citizen as citizen_services

    application, secret = citizen_services.submit_draft(complete_draft, actor=citizen)
    url = urls(application)["document"]
    doc_id = url.rstrip("/").rsplit("/", 1)[1]
    private = f"/permohonan/{application.case.tracking_code}/{secret}/dokumen/{doc_id}/"
    assert client.get(url).status_code == 404
    response = client.get(private)
    assert response.status_code == 200 and response["Referrer-Policy"] == "strict-origin"
    assert client.get(private.replace(secret, "x" * 32)).status_code == 404
    # Links sent before the secret moved into the path are redirected to it.
    old = client.get(f"{url}?k={secret}")
    assert old.status_code == 302 and old["Location"] == private
    assert client.get(f"{url}?k=salah").status_code == 404


def test_staff_of_the_unit_may_download_other_unit_may_not(
    client, submitted_application, staff_a, staff_b
):
    url = urls(submitted_application)["document"]
    login(client, staff_b)
    assert client.get(url).status_code == 404
    assert client.get(urls(submitted_application)["receipt"]).status_code == 404
    login(client, staff_a)
    assert client.get(url).status_code == 200


def test_coordinator_may_download(client, submitted_application, reference_data):
    from satupintu.org.models import Membership, OrgUnit

    pemkot = OrgUnit.objects.get(code="PEMKOT")
    coordinator = make_staff(pemkot, Membership.Role.COORDINATOR)
    login(client, coordinator)
    assert client.get(urls(submitted_application)["document"]).status_code == 200


def test_result_is_404_until_issued(client, submitted_application, citizen):
    login(client, citizen)
    assert client.get(urls(submitted_application)["result"]).status_code == 404
