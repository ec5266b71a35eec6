"""Error pages a citizen can meet keep their place and say what to do, in Indonesian; never
Django's or gunicorn's own page. The static pages are what nginx shows when Django cannot
answer at all (docs/uploads.md)."""

from pathlib import Path

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory

from satupintu.core import errors

STATIC_ERRORS = Path(__file__).resolve().parents[2] / "static" / "errors"


@pytest.fixture
def broken(monkeypatch):
    """Every complaint-form request fails inside the view."""
    from satupintu.complaints import views

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "_form", fail)


@pytest.mark.django_db
def test_a_failed_form_post_gets_an_indonesian_page_back_to_the_form(broken):
    client = Client(raise_request_exception=False)
    response = client.post("/aduan/baru/", {"title": "x"}, HTTP_REFERER="http://testserver/aduan/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan di server" in page
    assert 'href="/aduan/baru/"' in page  # back to the form (GET)
    assert 'href="http://testserver/aduan/"' in page  # the page before
    assert "berkas yang sudah terunggah tidak perlu dipilih lagi" in page
    assert "Traceback" not in page and "Server Error (500)" not in page


@pytest.mark.django_db
def test_a_failed_page_offers_to_try_again_and_ignores_foreign_referers(broken):
    client = Client(raise_request_exception=False)
    response = client.get("/aduan/baru/?a=1", HTTP_REFERER="https://evil.example/")
    page = response.content.decode()
    assert 'href="/aduan/baru/?a=1"' in page and "Coba lagi" in page
    assert "evil.example" not in page


def test_the_500_page_survives_a_broken_template(monkeypatch):
    def broken_loader(name):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(errors.loader, "get_template", broken_loader)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


@pytest.mark.django_db
def test_form_data_too_large_is_a_413_page():
    request = RequestFactory().post("/aduan/baru/")
    request.user = None
    request.session = {}
    response = errors.bad_request(request, RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in response.content.decode()


@pytest.mark.parametrize("name", ["50x.html", "413.html"])
def test_static_error_pages_for_nginx_are_indonesian_and_self_contained(name):
    page = (STATIC_ERRORS / name).read_text(encoding="utf-8")
    assert '<html lang="id">' in page
    assert "Kembali" in page and 'href="/"' in page
    # Served when the application is down: nothing they load may need it.
    assert "<script" not in page and "<link" not in page and "style=" not in page
