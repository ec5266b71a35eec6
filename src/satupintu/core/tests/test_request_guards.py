"""NUL bytes and non-UTF-8 input answer 400 in Indonesian, never 500; HEAD works like GET."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db

MESSAGE = "karakter yang tidak sah"

# Every search box, filter and API query parameter of the platform.
SEARCHES = [
    "/cari/?q=",
    "/layanan/?q=",
    "/api/v1/layanan/?q=",
    "/lacak/?code=",
    "/risalah/?q=",
    "/kantor/surat/arsip/?q=",
    "/kantor/surat/arsip/csv/?q=",
    "/api/v1/kantor/surat/?q=",
    "/kantor/rapat/?q=",
    "/api/v1/kantor/rapat/?q=",
    "/kantor/kasus/?q=",
    "/kantor/kasus/ekspor.csv?q=",
    "/api/v1/kantor/kasus/?q=",
    "/kantor/audit/?q=",
    "/api/v1/kantor/audit/?q=",
    "/kantor/permohonan/?q=",
    "/open311/v2/requests.json?service_code=",
    "/opd/?q=",
]
BAD = ["%00", "abc%00def", "%ff%fe", "%C0%80"]


@pytest.fixture
def city_admin(reference_data):
    user = make_staff(OrgUnit.objects.get(parent__isnull=True), Membership.Role.ADMIN)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("url", SEARCHES)
def test_bad_query_input_answers_400_in_indonesian(client, city_admin, url, value):
    client.force_login(city_admin)
    response = client.get(url + value)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert MESSAGE in response.json()["detail"]
    else:
        assert MESSAGE in response.content.decode()


def test_good_query_input_still_searches(client, city_admin):
    client.force_login(city_admin)
    assert client.get("/kantor/surat/arsip/", {"q": "rapat ü"}).status_code == 200
    assert client.get("/cari/", {"q": "akta"}).status_code == 200


def test_nul_in_form_fields_and_path_answers_400(client, reference_data):
    response = client.post("/aduan/", {"title": "a\x00b"})
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    response = client.post(
        "/aduan/", "judul=a%00b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    response = client.post(
        "/akun/login/", "login=%ff%fe&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert client.get("/opd/a%00b/").status_code == 400
    response = client.get("/api/v1/opd/a%00b/")
    assert response.status_code == 400 and MESSAGE in response.json()["detail"]


# --- HEAD ---------------------------------------------------------------------------------------

SKIP_PREFIXES = ("admin/", "kantor/", "api/v1/kantor/", "bench/", "peta/")


def _plain_routes(patterns=None, prefix=""):
    """Paths of the routes without parameters (every public page of the site map)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern) or "<" in str(entry.pattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _plain_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and not route.startswith(SKIP_PREFIXES):
            yield "/" + route


def test_every_public_page_answers_head_like_get(client, reference_data):
    from satupintu.cityconfig.demo import load_catalogue

    load_catalogue()
    routes = sorted(set(_plain_routes()))
    assert "/" in routes and "/layanan/" in routes and "/risalah/" in routes
    routes += ["/layanan/akta-kelahiran/", "/opd/DPU/"]
    checked = 0
    for route in routes:
        get = client.get(route)
        head = client.head(route)
        assert head.status_code == get.status_code, route
        assert head.content == b"", route
        if get.status_code == 200:
            assert head["Content-Type"] == get["Content-Type"], route
            checked += 1
    assert checked >= 10


def test_head_on_a_streaming_export_reads_nothing(client, city_admin):
    client.force_login(city_admin)
    response = client.head("/kantor/kasus/ekspor.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert b"".join(response.streaming_content) == b""
