"""The page frame kept per process (`{% chrome %}`, core/templatetags/chrome.py): the same for
everyone in a language, never one visitor's, never a per-response token."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory

from satupintu.core.templatetags import chrome
from satupintu.testing.factories import OrgUnitFactory, UserFactory, make_staff

PAGE = "/privasi/"


@pytest.fixture(autouse=True)
def _fresh_frame():
    chrome.clear()
    yield
    chrome.clear()


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def in_english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.django_db
def test_each_language_gets_its_own_frame(client):
    indonesian = html(client.get(PAGE))
    in_english(client)
    english = html(client.get(PAGE))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "id"
    indonesian_again = html(client.get(PAGE))

    assert "Langsung ke isi" in indonesian and "Skip to content" not in indonesian
    assert "Skip to content" in english and "Langsung ke isi" not in english
    assert '<button type="submit" name="language" value="en"' in english
    assert re.search(r'value="en"[^>]*aria-current="true"', english)
    assert re.search(r'value="id"[^>]*aria-current="true"', indonesian_again)
    assert indonesian_again.count("Langsung ke isi") == 1


@pytest.mark.django_db
def test_a_logged_in_menu_is_never_kept_for_anyone_else(client):
    staff = make_staff(OrgUnitFactory())
    citizen = UserFactory()

    client.force_login(staff)
    staff_page = html(client.get(PAGE))
    client.logout()
    anonymous_page = html(client.get(PAGE))
    client.force_login(citizen)
    citizen_page = html(client.get(PAGE))

    assert 'href="/kantor/"' in staff_page and "Keluar" in staff_page
    assert 'href="/kantor/"' not in anonymous_page and "Keluar" not in anonymous_page
    assert 'href="/akun/login/"' in anonymous_page
    assert 'href="/kantor/"' not in citizen_page and "Keluar" in citizen_page
    assert 'href="/akun/login/"' not in citizen_page


@pytest.mark.django_db
def test_each_form_of_the_logout_carries_its_own_csrf_token(client):
    client.force_login(UserFactory())
    first = html(client.get(PAGE))
    client.cookies.clear()
    client.force_login(UserFactory())
    second = html(client.get(PAGE))

    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        for page in (first, second)
    ]
    assert tokens[0] != tokens[1]


@pytest.mark.django_db
def test_the_language_switch_returns_to_each_requests_own_page(client, reference_data):
    privacy = html(client.get(PAGE))
    regions = html(client.get("/wilayah/?urut=nama"))

    assert '<input type="hidden" name="next" value="/privasi/">' in privacy
    assert '<input type="hidden" name="next" value="/wilayah/?urut=nama">' in regions


@pytest.mark.django_db
def test_the_guide_line_follows_the_page_not_the_first_page_rendered(client):
    track = html(client.get("/lacak/"))
    privacy = html(client.get(PAGE))
    track_again = html(client.get("/lacak/"))

    assert "Butuh bantuan? Baca panduan" in track
    assert "Butuh bantuan? Baca panduan" not in privacy
    assert track_again.count("Butuh bantuan? Baca panduan") == 1


@pytest.mark.django_db
def test_a_changed_setting_shows_at_once(client, settings):
    assert "Kota Contoh Baru" not in html(client.get(PAGE))
    settings.SITE_NAME = "Kota Contoh Baru"
    page = html(client.get(PAGE))
    assert re.search(r'class="brand"[^>]*>.*Kota Contoh Baru</a>', page)
    assert "Kota Contoh Baru — layanan publik" in page


def render(source: str, request) -> str:
    return engines["django"].from_string("{% load chrome %}" + source).render({}, request)


def anonymous_request():
    from django.middleware.csp import ContentSecurityPolicyMiddleware

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    ContentSecurityPolicyMiddleware(lambda r: None).process_request(request)
    return request


def test_a_block_that_used_the_csrf_token_is_never_kept():
    source = '{% chrome "csrf-test" %}<input value="{{ csrf_token }}">{% endchrome %}'
    first = render(source, anonymous_request())
    second = render(source, anonymous_request())

    assert first != second  # each response its own token
    assert not any(key[0] == "csrf-test" for key in chrome._fragments)


def test_a_block_that_used_the_csp_nonce_is_never_kept():
    source = '{% chrome "nonce-test" %}<p data-n="{{ csp_nonce }}">{% endchrome %}'
    first = render(source, anonymous_request())
    second = render(source, anonymous_request())

    assert first != second
    assert not any(key[0] == "nonce-test" for key in chrome._fragments)


def test_a_csrf_token_used_before_the_block_still_sets_the_cookie():
    request = anonymous_request()
    render('{{ csrf_token }}{% chrome "plain" %}<p>x</p>{% endchrome %}', request)
    assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    assert any(key[0] == "plain" for key in chrome._fragments)


def test_a_kept_block_is_reused_and_varies_on_what_it_names():
    source = '{% chrome "vary-test" request.path %}{{ request.path }}{% endchrome %}'
    one = anonymous_request()
    other = RequestFactory().get("/lain/")
    other.user = AnonymousUser()

    assert render(source, one) == "/"
    assert render(source, other) == "/lain/"
    assert render(source, one) == "/"
    assert len([key for key in chrome._fragments if key[0] == "vary-test"]) == 2


def test_a_block_rendered_without_a_request_is_not_kept():
    engine = engines["django"]
    text = engine.from_string('{% load chrome %}{% chrome "mail" %}x{% endchrome %}').render({})
    assert text == "x"
    assert not chrome._fragments


def test_the_name_must_be_quoted():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string("{% load chrome %}{% chrome head %}x{% endchrome %}")
