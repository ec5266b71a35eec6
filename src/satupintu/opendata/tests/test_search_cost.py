"""package_search costs the same number of SQL queries for 10 or 100 results (no N+1), and the
bench's open-data suite seeds and measures (bench/opendata.py, run small)."""

import importlib.util

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_suite():
    path = settings.BASE_DIR / "bench" / "opendata.py"
    spec = importlib.util.spec_from_file_location("bench_opendata", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/3/action/package_search", params)
    assert response.status_code == 200
    return len(captured), response.json()["result"]


def test_no_query_per_dataset(client, reference_data, bench_suite, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": ""}
    assert bench_suite.seed(120) == 120
    few, small = _queries(client, rows=10)
    many, large = _queries(client, rows=100, fq="groups:bench-kesehatan")
    assert small["count"] == 120 and len(small["results"]) == 10
    assert 10 < len(large["results"]) == large["count"] < 100
    assert all(p["resources"] and p["tags"] and p["groups"] for p in large["results"])
    assert few == many


def test_bench_suite_measures(reference_data, bench_suite, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": ""}
    bench_suite.seed(30)
    result = bench_suite.measure(rounds=2, warmup=0)
    result["datasets"] = 30
    assert result["queries"]["default page (10)"]["count"] == 30
    assert result["queries"]["fq tags + res_format"]["count"] > 0
    assert "package_search" in bench_suite.table(result, "sqlite")
    assert bench_suite.misses({**result, "queries": {}}) == []


def test_a_page_is_read_as_values_in_five_queries(client, reference_data, bench_suite, settings):
    """A harvester's page of 100 builds no model instance (each would cost a dozen): count,
    page, tags, groups and resources, whatever the page size (issue #12)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": ""}
    bench_suite.seed(150)
    built = []

    def note(sender, **kwargs):
        built.append(sender.__name__)

    post_init.connect(note)
    try:
        queries, found = _queries(client, rows=100, sort="name asc", start=20)
    finally:
        post_init.disconnect(note)
    assert found["count"] == 150 and len(found["results"]) == 100
    assert found["results"][0]["name"] == "bench-data-00020"
    assert all(len(p["resources"]) >= 3 and p["organization"]["name"] for p in found["results"])
    assert built == []
    assert queries <= 5
