import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

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


def test_anonymous_home_is_served_from_the_page_cache(client, reference_data, page_cache):
    first = client.get(reverse("portal:home"))
    second = client.get(reverse("portal:home"))
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert "csrfmiddlewaretoken" not in second.content.decode()
    assert "Content-Security-Policy" in second


def test_each_language_has_its_own_copy(client, reference_data, page_cache):
    client.get(reverse("portal:home"))
    client.cookies["django_language"] = "en"
    english = client.get(reverse("portal:home"))
    assert english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_logged_in_users_and_queries_are_never_cached(client, reference_data, page_cache, citizen):
    client.get(reverse("portal:home") + "?x=1")
    assert client.get(reverse("portal:home") + "?x=1").get("X-Page-Cache") is None
    client.force_login(citizen)
    client.get(reverse("portal:home"))
    response = client.get(reverse("portal:home"))
    assert response.get("X-Page-Cache") is None
    assert "csrfmiddlewaretoken" in response.content.decode()  # the logout form


def test_language_switch_works_without_csrf_token(reference_data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
