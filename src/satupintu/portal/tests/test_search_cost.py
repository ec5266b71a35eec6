"""One search (/cari/) costs a fixed number of SQL queries, whatever the size of the catalogue,
the news and the projects and however many of them match (issue #12)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from satupintu.accounts.models import User
from satupintu.catalog.bench import make_bench_services
from satupintu.cityconfig.demo import load_catalogue
from satupintu.news.bench import make_bench_news
from satupintu.projects.bench import make_bench_projects

pytestmark = pytest.mark.django_db

# OPDs and regions (2), services (1), news (not yet due, the page: 2), projects (1), datasets
# (1 when fewer than a page match); the cache of versions is not the database in tests.
MAX_QUERIES = 7


def _fill(size: int) -> None:
    author = User.objects.create_user(email=f"bench-{size}@example.go.id", password=None)
    make_bench_services(size)
    make_bench_news(size, author)
    make_bench_projects(size)


def _search(client, query: str) -> tuple[int, str]:
    client.get("/cari/", {"q": query})  # builds the indexes of the new version
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("query", ["pembangunn jalan sepinggan", "surat keterangan", "izin"])
def test_search_queries_do_not_grow_with_what_matches(client, reference_data, query):
    load_catalogue()
    _fill(30)
    few, page = _search(client, query)
    assert "<h2>" in page  # something was found
    _fill(300)
    many, page = _search(client, query)
    assert few == many <= MAX_QUERIES
