"""What the performance work on the inbox and the tracking page must not change."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from satupintu.cases import selectors
from satupintu.cases.tests.helpers import act, file_case, unit, verify
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import make_staff

PAGES_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
}


@pytest.fixture
def page_cache():
    with override_settings(CACHES=PAGES_CACHE):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


@pytest.fixture
def verified(category, coordinator):
    case, secret = file_case(category)
    return verify(case, coordinator), secret


# --- Staff inbox: units resolved to ids ---------------------------------------------------------


def test_inbox_covers_the_unit_and_its_subunits_only(category, coordinator):
    dpu = unit("DPU")
    division = OrgUnit.objects.create(code="DPU-X", name="Bidang X", kind="bidang", parent=dpu)
    ours = verify(file_case(category)[0], coordinator)
    below = verify(file_case(category)[0], coordinator, org_unit="DPU-X")
    elsewhere = verify(file_case(category)[0], coordinator, org_unit="DINKES")
    unverified, _secret = file_case(category)

    head = make_staff(dpu)
    division_staff = make_staff(division)

    assert set(selectors.inbox(head, selectors.InboxFilter())) == {ours, below}
    assert set(selectors.inbox(division_staff, selectors.InboxFilter())) == {below}
    assert elsewhere not in selectors.staff_cases(head)
    assert unverified not in selectors.staff_cases(head)
    assert set(selectors.staff_cases(coordinator)) >= {ours, below, elsewhere, unverified}


def test_inbox_page_links_each_case_and_names_its_status(client, category, coordinator):
    case = verify(file_case(category, title="Jalan berlubang di Gang Mawar")[0], coordinator)
    closed = verify(file_case(category, title="Sudah selesai dikerjakan")[0], coordinator)
    operator = make_staff(unit("DPU"))
    closed = act(act(closed, "start", operator), "resolve", operator, note="Selesai.")
    closed = act(closed, "close", coordinator, role="coordinator")
    client.force_login(operator)

    body = client.get("/kantor/kasus/").content.decode()

    assert f'href="{reverse("cases:staff_detail", args=[case.tracking_code])}"' in body
    assert "<td>Diteruskan ke unit</td>" in body
    assert "Jalan berlubang di Gang Mawar" in body
    assert closed.tracking_code not in body  # closed cases leave the default inbox


def test_inbox_of_staff_without_units_is_empty(category, coordinator, citizen):
    verify(file_case(category)[0], coordinator)

    assert list(selectors.staff_cases(citizen)) == []


# --- Tracking page: cached per case version -----------------------------------------------------


def test_tracking_page_is_cached_for_anonymous_visitors(client, verified, page_cache):
    case, _secret = verified
    path = f"/lacak/{case.tracking_code}/"

    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert len(queries) == 1  # the case's version only
    assert "no-store" in second["Cache-Control"]


def test_tracking_page_shows_a_change_at_once(client, verified, page_cache):
    case, _secret = verified
    path = f"/lacak/{case.tracking_code}/"
    client.get(path)

    act(case, "reply", make_staff(unit("DPU")), note="Petugas menuju lokasi besok pagi.")
    response = client.get(path)

    assert response["X-Page-Cache"] == "miss"
    assert "Petugas menuju lokasi besok pagi." in response.content.decode()


def test_tracking_page_with_the_secret_is_never_cached(client, verified, page_cache):
    case, secret = verified
    path = f"/lacak/{case.tracking_code}/"
    client.get(path)

    response = client.get(f"{path}{secret}/")

    assert response.get("X-Page-Cache") is None
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_unknown_tracking_code_is_a_404_with_the_cache_on(client, page_cache, reference_data):
    assert client.get("/lacak/ADU-ZZZZZZ/").status_code == 404


# --- Tracking page uncached: what a first visit costs (bench: /lacak/<code>/?bench=uncached) ---


def test_uncached_tracking_page_reads_the_case_and_its_history_only(
    client, verified, coordinator, django_assert_num_queries
):
    case, _secret = verified
    operator = make_staff(unit("DPU"))
    case = act(case, "start", operator)
    case = act(case, "reply", operator, note="Petugas menuju lokasi besok pagi.")
    path = f"/lacak/{case.tracking_code}/?bench=uncached"  # a query string: no page cache
    client.get(path)

    # The case with its handler, category and kelurahan in one query; the public history in
    # another. However long the history, however many cases the city holds.
    with django_assert_num_queries(2):
        response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 200
    assert response.get("X-Page-Cache") is None
    assert "Petugas menuju lokasi besok pagi." in page
    # Each status change in words (the labels the view looks up for the history).
    timeline = page[page.index('class="timeline"') :]
    assert "Diteruskan ke unit" in timeline
    assert "Sedang ditangani" in timeline


def test_merged_case_page_links_its_parent(client, category, coordinator):
    parent = verify(file_case(category)[0], coordinator)
    duplicate, _secret = file_case(category, title="Lubang yang sama di depan sekolah")
    act(duplicate, "merge", coordinator, role="coordinator", parent=parent)

    response = client.get(f"/lacak/{duplicate.tracking_code}/?bench=uncached")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/lacak/{parent.tracking_code}/"' in page
    assert "Digabung ke" in page


def test_uncached_tracking_page_reads_only_the_columns_it_shows(client, verified, coordinator):
    case, _secret = verified
    path = f"/lacak/{case.tracking_code}/?bench=uncached"
    client.get(path)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    case_sql, events_sql = (q["sql"] for q in queries.captured_queries)
    # Not the citizen's contacts (decrypted for nothing), text or bookkeeping, and not whole
    # rows of the handler, the category and the kelurahan.
    for column in ("reporter_name", "reporter_email", "description", "attributes"):
        assert f'"cases_case"."{column}"' not in case_sql
    for column in ('"org_orgunit"."short_name"', '"cases_category"."description', "sla_tier_id"):
        assert column not in case_sql
    assert "internal_note" not in events_sql


def test_reporters_page_reads_no_column_twice(client, verified, coordinator):
    case, secret = verified
    operator = make_staff(unit("DPU"))
    case = act(case, "start", operator)
    case = act(case, "reply", operator, note="Petugas menuju lokasi besok pagi.")
    path = f"/lacak/{case.tracking_code}/{secret}/"
    client.get(path)

    # The case, its history and the history's files: no column the page reads left behind by
    # the narrower case query (each would be one more query).
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 200
    assert len(queries.captured_queries) == 3, [q["sql"][:80] for q in queries]
    assert "Petugas menuju lokasi besok pagi." in page
    assert 'id="your-actions"' in page
