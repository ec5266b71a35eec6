"""The tracking page in English says what a word means there ("Masuk" is the date a case was
received, not "Sign in"), and complaint categories are data with an English name."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from satupintu.cases.models import Category
from satupintu.cases.tests.helpers import file_case, make_category
from satupintu.complaints.workflow import Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _restore_language():
    previous = translation.get_language()
    yield
    translation.activate(previous)


@pytest.fixture
def english():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def road(reference_data):
    category = make_category(name="Jalan rusak")
    category.name_en = "Damaged road"
    category.save()
    return category


def test_tracking_page_in_english_says_received_not_log_in(english, road):
    case, _secret = file_case(road)
    html = english.get(f"/lacak/{case.tracking_code}/").content.decode()
    assert "<dt>Received</dt>" in html
    # The account link in the header keeps its own meaning.
    assert ">Sign in<" in html
    assert "<dt>Sign in</dt>" not in html
    assert "Awaiting verification" in html  # the status, by meaning too


def test_tracking_page_in_indonesian_keeps_masuk(client, road):
    case, _secret = file_case(road)
    html = client.get(f"/lacak/{case.tracking_code}/").content.decode()
    assert "<dt>Masuk</dt>" in html
    assert "Pengaduan: Jalan rusak" in html


def test_category_name_in_english_on_the_public_title(english, road):
    case, _secret = file_case(road)
    html = english.get(f"/lacak/{case.tracking_code}/").content.decode()
    assert "Complaint: Damaged road" in html
    assert "Jalan rusak" not in html


def test_category_without_english_falls_back(english, reference_data):
    case, _secret = file_case(make_category("sampah", name="Sampah tidak diangkut"))
    html = english.get(f"/lacak/{case.tracking_code}/").content.decode()
    assert "Complaint: Sampah tidak diangkut" in html


def test_closed_status_is_closed_in_english():
    with translation.override("en"):
        assert str(Status.CLOSED.label) == "Closed"
    with translation.override("id"):
        assert str(Status.CLOSED.label) == "Selesai"


def test_category_admin_has_english_fields_for_city_admin_only(client, reference_data):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    category = make_category(name="Jalan rusak")
    url = reverse("admin:cases_category_change", args=[category.pk])
    city_admin = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN)
    client.force_login(city_admin)
    page = client.get(url).content.decode()
    assert 'name="name_ind"' in page and 'name="name_en"' in page
    opd_admin = make_staff(OrgUnit.objects.get(code="DPU"), Membership.Role.ADMIN)
    client.force_login(opd_admin)
    assert client.get(url).status_code in (302, 403)
    assert Category.objects.get(pk=category.pk).name_en is None


def test_complaint_statistics_name_categories_in_the_readers_language(road):
    from satupintu.complaints.selectors import statistics

    file_case(road)
    file_case(road, title="Lubang kedua di jalan yang sama", reporter_email="ani@contoh.id")
    with translation.override("en"):
        assert statistics()["by_category"] == [{"category__name": "Damaged road", "n": 2}]
    with translation.override("id"):
        assert statistics()["by_category"] == [{"category__name": "Jalan rusak", "n": 2}]


def test_demo_categories_get_english_names_without_overwriting(reference_data):
    from satupintu.demo.management.commands.load_demo_data import Command

    Command()._complaint_categories()
    road = Category.objects.get(code="jalan-rusak")
    assert (road.name_ind, road.name_en) == (
        "Jalan rusak atau berlubang",
        "Damaged road or potholes",
    )
    road.name_en = "Broken road"
    road.save()
    Command()._complaint_categories()
    road.refresh_from_db()
    assert road.name_en == "Broken road"
