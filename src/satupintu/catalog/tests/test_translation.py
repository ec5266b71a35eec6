"""Catalogue texts in two languages (django-modeltranslation): Indonesian first and as fallback,
English where the OPD wrote it; pages follow the language switch, the API Accept-Language, and
the admin lets an OPD admin (only theirs) fill the English fields."""

import lxml.html
import pytest
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from satupintu.catalog import selectors
from satupintu.catalog.models import Requirement, Service
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- Model fields -------------------------------------------------------------------------------


def test_english_text_under_en_and_indonesian_fallback(make_service):
    service = make_service("uji", "Layanan Uji", summary="Ringkasan uji.")
    service.name_en = "Test Service"
    service.save()
    service.refresh_from_db()
    with translation.override("id"):
        assert service.name == "Layanan Uji"
        assert service.summary == "Ringkasan uji."
    with translation.override("en"):
        assert service.name == "Test Service"
        # No English summary: Indonesian is shown rather than nothing.
        assert service.summary == "Ringkasan uji."


def test_writing_under_indonesian_fills_the_indonesian_column(make_service):
    service = make_service("uji", "Layanan Uji")
    assert service.name_ind == "Layanan Uji"
    assert service.name_en is None


def test_demo_english_comes_from_the_city_files(demo_catalog):
    from satupintu.cityconfig.demo import load_catalogue

    service = Service.objects.get(slug="akta-kelahiran")
    assert service.name_en == "Birth Certificate"
    ktp = Requirement.objects.filter(service=service, code="ktp-ortu").get()
    assert ktp.name_en == "Father's and mother's e-KTP"
    assert all(step.name_en for step in service.steps.all())
    # The files are the truth: loading them again puts their English text back.
    service.name_en = "Birth registration"
    service.save()
    load_catalogue()
    service.refresh_from_db()
    assert service.name_en == "Birth Certificate"
    assert service.name_ind == "Penerbitan Akta Kelahiran"


def test_every_demo_service_has_english(demo_catalog):
    demo_services = Service.objects.all()
    missing = [
        service.slug
        for service in demo_services
        if not (service.name_en and service.summary_en and service.procedure_en)
    ]
    assert missing == []
    assert demo_services.count() >= 10
    untranslated = Requirement.objects.filter(Q(name_en="") | Q(name_en__isnull=True))
    assert list(untranslated.values_list("name_ind", flat=True)) == []


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("restore_language")
def test_service_page_in_english(english, demo_catalog):
    html = english.get("/layanan/akta-kelahiran/").content.decode()
    assert "<h1>Birth Certificate</h1>" in html
    assert "Birth notification from the midwife, doctor or hospital" in html
    assert "Document check" in html  # a workflow step
    assert "Penerbitan Akta Kelahiran" not in html


@pytest.mark.usefixtures("restore_language")
def test_service_page_in_indonesian_by_default(client, demo_catalog):
    html = client.get("/layanan/akta-kelahiran/").content.decode()
    assert "<h1>Penerbitan Akta Kelahiran</h1>" in html
    assert "Birth Certificate" not in html


@pytest.mark.usefixtures("restore_language")
def test_english_page_falls_back_to_indonesian(english, make_service):
    make_service("uji", "Layanan Uji Tanpa Terjemahan")
    html = english.get("/layanan/uji/").content.decode()
    assert "Layanan Uji Tanpa Terjemahan" in html


@pytest.mark.usefixtures("restore_language")
def test_search_finds_services_in_either_language(english, demo_catalog):
    assert [s.slug for s in selectors.search_services("birth certificate").services][0] == (
        "akta-kelahiran"
    )
    assert selectors.search_services("akta kelahiran").services[0].slug == "akta-kelahiran"
    html = english.get("/layanan/?q=birth+certificate").content.decode()
    assert "Birth Certificate" in html


@pytest.mark.usefixtures("restore_language")
def test_cached_list_page_is_kept_per_language(client, demo_catalog):
    assert "Penerbitan Akta Kelahiran" in client.get("/layanan/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/layanan/").content.decode()
    assert "Birth Certificate" in html and "Penerbitan Akta Kelahiran" not in html


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("restore_language")
def test_api_follows_accept_language(client, demo_catalog):
    english = client.get("/api/v1/layanan/akta-kelahiran/", headers={"accept-language": "en"})
    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    data = english.json()
    assert data["name"] == "Birth Certificate"
    assert data["requirements"][0]["name"] == (
        "Birth notification from the midwife, doctor or hospital"
    )
    indonesian = client.get("/api/v1/layanan/akta-kelahiran/").json()
    assert indonesian["name"] == "Penerbitan Akta Kelahiran"
    regional = client.get("/api/v1/layanan/?q=akta", headers={"accept-language": "en-GB,en;q=0.8"})
    assert "Birth Certificate" in [row["name"] for row in regional.json()["results"]]


@pytest.mark.usefixtures("restore_language")
def test_api_unknown_language_gives_indonesian(client, demo_catalog):
    response = client.get(
        "/api/v1/layanan/akta-kelahiran/", headers={"accept-language": "fr-FR, *;q=0.5"}
    )
    assert response.json()["name"] == "Penerbitan Akta Kelahiran"
    assert response["Content-Language"] == "id"


@pytest.mark.usefixtures("restore_language")
def test_pages_still_ignore_accept_language(client, demo_catalog):
    html = client.get("/layanan/akta-kelahiran/", headers={"accept-language": "en"})
    assert "Penerbitan Akta Kelahiran" in html.content.decode()


# --- Admin: the OPD writes the English texts ------------------------------------------------------


def form_data(html: str, form_id: str) -> dict:
    """Every field of an admin form as the browser would post it unchanged."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    data: dict = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


@pytest.fixture
def dukcapil_admin(demo_catalog):
    return make_staff(OrgUnit.objects.get(code="DISDUKCAPIL"), Membership.Role.ADMIN)


def test_admin_shows_both_languages_and_saves_english(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    service = Service.objects.get(slug="akta-kelahiran")
    url = reverse("admin:catalog_service_change", args=[service.pk])
    page = client.get(url).content.decode()
    for field in ("name_ind", "name_en", "summary_en", "procedure_en", "requirements-0-name_en"):
        assert f'name="{field}"' in page
    data = form_data(page, "service_form")
    data["name_en"] = "Birth certificate (new)"
    data["requirements-0-name_en"] = "Birth notice"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.name_en == "Birth certificate (new)"
    assert service.name_ind == "Penerbitan Akta Kelahiran"
    assert service.requirements.order_by("sort_order").first().name_en == "Birth notice"
    with translation.override("en"):
        assert Service.objects.get(pk=service.pk).name == "Birth certificate (new)"


def test_admin_requires_the_indonesian_name(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    service = Service.objects.get(slug="akta-kelahiran")
    url = reverse("admin:catalog_service_change", args=[service.pk])
    data = form_data(client.get(url).content.decode(), "service_form")
    data["name_ind"] = ""
    data["name_en"] = "Only English"
    response = client.post(url, data)
    assert response.status_code == 200
    service.refresh_from_db()
    assert service.name_ind == "Penerbitan Akta Kelahiran"
    assert service.name_en == "Birth Certificate"


def test_other_opd_admin_cannot_change_english_fields(client, demo_catalog):
    dinsos_admin = make_staff(OrgUnit.objects.get(code="DINSOS"), Membership.Role.ADMIN)
    dukcapil_admin = make_staff(OrgUnit.objects.get(code="DISDUKCAPIL"), Membership.Role.ADMIN)
    service = Service.objects.get(slug="akta-kelahiran")
    url = reverse("admin:catalog_service_change", args=[service.pk])
    client.force_login(dukcapil_admin)
    data = form_data(client.get(url).content.decode(), "service_form")
    data["name_en"] = "Hijacked"
    client.force_login(dinsos_admin)
    response = client.post(url, data)
    # Outside the admin's scope the service does not exist for them (see test_admin.py).
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    service.refresh_from_db()
    assert service.name_en == "Birth Certificate"


def test_operator_cannot_edit_the_catalogue(client, demo_catalog):
    operator = make_staff(OrgUnit.objects.get(code="DISDUKCAPIL"), Membership.Role.OPERATOR)
    client.force_login(operator)
    service = Service.objects.get(slug="akta-kelahiran")
    url = reverse("admin:catalog_service_change", args=[service.pk])
    response = client.post(url, {"name_ind": "X", "name_en": "Y"})
    assert response.status_code in (302, 403)
    service.refresh_from_db()
    assert (service.name_ind, service.name_en) == ("Penerbitan Akta Kelahiran", "Birth Certificate")
