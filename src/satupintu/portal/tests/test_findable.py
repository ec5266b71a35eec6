"""One search (/cari/): tracking codes of any kind go to their page; domains add groups."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from satupintu.cases.tests.helpers import file_case, make_category
from satupintu.complaints.forms import Identity
from satupintu.queues.models import Booking, QueueService, Site


@pytest.fixture
def category(reference_data):
    return make_category()


def test_a_tracking_code_goes_straight_to_its_page(client, category):
    case, _ = file_case(category)
    response = client.get("/cari/", {"q": f"  {case.tracking_code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{case.tracking_code}/"


def test_a_booking_code_goes_to_its_ticket(client, opd_a):
    site = Site.objects.create(org_unit=opd_a, slug="kantor", name="Kantor")
    service = QueueService.objects.create(site=site, org_unit=opd_a, name="Konsultasi", prefix="A")
    Booking.objects.create(
        code="ANT-CARI42",
        token_hash="x",
        site=site,
        service=service,
        day=timezone.localdate() + timedelta(days=1),
        slot_start=time(9),
        name="Warga",
        identity_index="x",
    )
    response = client.get("/cari/", {"q": "ant-cari42"})
    assert response.status_code == 302
    assert response["Location"] == "/antrean/b/ANT-CARI42/"


@pytest.mark.parametrize("query", ["ADU-ZZZZZZ", "ADU-\x00", "adu/../x", "A" * 40])
def test_an_unknown_or_odd_code_is_an_ordinary_search(client, reference_data, query):
    response = client.get("/cari/", {"q": query})
    assert response.status_code in (200, 400)
    assert "Location" not in response


def test_public_summaries_are_found_with_their_count_but_never_the_typed_text(client, category):
    case, _ = file_case(category, title="Jalan rusak dekat rumah Pak Budi 081234567890")
    Case = type(case)
    Case.objects.filter(pk=case.pk).update(public_summary="Jalan berlubang di Sepinggan")
    second, _ = file_case(category)
    Case.objects.filter(pk=second.pk).update(public_summary="Jalan berlubang dekat pasar")
    secret, _ = file_case(category, identity=Identity.CONFIDENTIAL)
    Case.objects.filter(pk=secret.pk).update(public_summary="Jalan berlubang rahasia")

    body = client.get("/cari/", {"q": "jalan berlubang"}).content.decode()

    assert "Ringkasan laporan warga" in body and "(2)" in body
    assert "Jalan berlubang di Sepinggan" in body
    assert f"/lacak/{case.tracking_code}/" in body
    assert "rahasia" not in body
    typed = client.get("/cari/", {"q": "Pak Budi"})
    assert "Ringkasan laporan warga" not in typed.content.decode()
    assert f"/lacak/{case.tracking_code}/" not in typed.content.decode()


def test_public_summaries_are_found_with_a_typo_best_first(client, category):
    Case = type(file_case(category)[0])
    near, _ = file_case(category)
    Case.objects.filter(pk=near.pk).update(public_summary="Drainase tersumbat di Sepinggan")
    far, _ = file_case(category)
    Case.objects.filter(pk=far.pk).update(public_summary="Jalan berlubang di Sepinggan")
    body = client.get("/cari/", {"q": "drainse tersumbat sepinggan"}).content.decode()
    assert "Ringkasan laporan warga" in body and "(1)" in body
    assert f"/lacak/{near.tracking_code}/" in body
    assert f"/lacak/{far.tracking_code}/" not in body
    both = client.get("/cari/", {"q": "sepingan"}).content.decode()
    assert "(2)" in both
