"""The signed E-Pokir recap per dapil and planning year: SETWAN's seal, QR-verifiable, issued
again only when what it lists changed; SETWAN and members of the dapil only."""

import pytest
from django.urls import reverse

from satupintu.documents import pki
from satupintu.documents import services as document_services
from satupintu.documents.models import IssuedDocument
from satupintu.dprd import recap, services
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setwan_seal(reference_data):
    key = pki.generate_key()
    ca = document_services.create_demo_ca(key=key)
    setwan = OrgUnit.objects.get(code="SETWAN")
    return document_services.issue_demo_identity(ca=ca, org_unit=setwan, key=key)


def url(proposal):
    return reverse("dprd:recap_district", args=[proposal.district.number, proposal.planning_year])


def download(client, proposal) -> bytes:
    response = client.get(url(proposal))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_setwan_downloads_a_signed_recap_that_verifies(client, proposal, setwan_staff, setwan_seal):
    client.force_login(setwan_staff)
    data = download(client, proposal)
    result = document_services.verify_pdf(data)
    assert result.is_valid, result.reason
    document = result.document
    assert document.signer == setwan_seal and document.org_unit.code == "SETWAN"
    assert document.reference == f"pokir-rekap:{proposal.district.number}:{proposal.planning_year}"
    verify = client.get(reverse("documents:verify_token", args=[document.token]))
    assert verify.status_code == 200
    # Asked again with nothing changed: the same signed document, not a new one.
    download(client, proposal)
    assert IssuedDocument.objects.filter(reference=document.reference).count() == 1
    # A status change is a new recap with a new number; the old one stays a true record.
    services.act(user=setwan_staff, proposal=proposal, action="verify")
    newer = document_services.verify_pdf(download(client, proposal)).document
    assert newer.pk != document.pk and newer.number != document.number
    assert IssuedDocument.objects.filter(reference=document.reference).count() == 2


def test_the_recap_lists_proposals_by_status_with_the_sipd_fields(proposal):
    context = recap.context_for(proposal.district, proposal.planning_year)
    assert context["total"] == 1
    (section,) = context["sections"]
    assert section["status"] == "diajukan" and section["proposals"][0].pk == proposal.pk
    from django.template.loader import render_to_string

    html = render_to_string(recap.TEMPLATE, context)
    for text in (
        proposal.case.tracking_code,
        "Semenisasi gang Mawar",
        "Dari mulut gang sampai musala",
        "350 m",
        "Gg. Mawar",
        "RT 012",
        "Sepinggan",
        "garis 2 titik",
        "Pekerjaan umum",
    ):
        assert text in html, text
    other_year = recap.context_for(proposal.district, proposal.planning_year + 1)
    assert other_year["total"] == 0


def test_members_of_the_dapil_only(client, proposal, selatan_member, utara_member, setwan_seal):
    client.force_login(selatan_member.user)
    assert document_services.verify_pdf(download(client, proposal)).is_valid
    client.force_login(utara_member.user)
    assert client.get(url(proposal)).status_code == 404
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    assert client.get(url(proposal)).status_code == 404
    client.logout()
    assert client.get(url(proposal)).status_code == 302


def test_bad_dapil_or_year_is_not_found(client, proposal, setwan_staff):
    client.force_login(setwan_staff)
    assert client.get(reverse("dprd:recap_district", args=[99, 2027])).status_code == 404
    assert client.get(reverse("dprd:recap_district", args=[6, 1999])).status_code == 404


def test_without_a_seal_the_plain_pdf(client, proposal, setwan_staff):
    client.force_login(setwan_staff)
    response = client.get(url(proposal))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not IssuedDocument.objects.exists()
