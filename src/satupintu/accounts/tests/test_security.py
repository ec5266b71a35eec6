"""Site-wide security headers, cookie flags, and the Indonesian-first language choice."""

import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.csp import CSP

import satupintu
from satupintu.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(satupintu.__file__).parent / "settings.py"


# --- Headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/akun/login/", "/akun/signup/"])
def test_security_headers_on_normal_pages(client, path):
    response = client.get(path)

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_csp_script_src_allows_only_self_and_a_nonce():
    assert settings.SECURE_CSP["script-src"] == [CSP.SELF, CSP.NONCE]
    assert all(
        "unsafe" not in str(value) for values in settings.SECURE_CSP.values() for value in values
    )


def test_page_with_a_script_gets_a_matching_nonce(client, reference_data):
    # Django adds the nonce to the header only on pages that use it; the complaint form does.
    response = client.get("/aduan/baru/")

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    header_nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    page_nonces = set(re.findall(r'<script[^>]*nonce="([^"]+)"', response.content.decode()))
    assert page_nonces == {header_nonce}


def test_nonce_changes_on_every_response(client, reference_data):
    first = client.get("/aduan/baru/")["Content-Security-Policy"]
    second = client.get("/aduan/baru/")["Content-Security-Policy"]

    assert re.search(r"'nonce-([^']+)'", first).group(1) != re.search(
        r"'nonce-([^']+)'", second
    ).group(1)


def test_no_inline_script_without_nonce_on_normal_pages(client):
    html = client.get("/").content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "nonce=" in tag or "src=" in tag
    assert " onclick=" not in html
    assert " onload=" not in html


# --- Cookies -----------------------------------------------------------------------------------


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_session_and_csrf_cookies_are_secure_httponly_and_lax(client, citizen):
    page = client.get("/akun/login/")
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"

    response = client.post("/akun/login/", {"login": citizen.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def _load_settings(monkeypatch, tmp_path, **env):
    """Evaluate settings.py afresh with the given SP_* environment."""
    monkeypatch.setenv("SP_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for name in ("SP_HTTPS", "SP_DEBUG", "SP_SSL_REDIRECT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_production_defaults_are_https_only(monkeypatch, tmp_path):
    values = _load_settings(monkeypatch, tmp_path)

    assert values["DEBUG"] is False
    assert values["HTTPS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["ALLOWED_HOSTS"] == []


def test_development_mode_relaxes_https(monkeypatch, tmp_path):
    values = _load_settings(monkeypatch, tmp_path, SP_DEBUG="1")

    assert values["HTTPS"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_explicit_sp_https_wins_over_debug(monkeypatch, tmp_path):
    values = _load_settings(monkeypatch, tmp_path, SP_DEBUG="1", SP_HTTPS="ya")

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True


def test_settings_refuse_to_start_without_secret_key(monkeypatch, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SP_SECRET_KEY", raising=False)
    monkeypatch.delenv("SP_SECRET_KEY_FILE", raising=False)

    with pytest.raises(ImproperlyConfigured):
        _load_settings(monkeypatch, tmp_path)


def test_passwords_use_argon2_first():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


# --- Language ----------------------------------------------------------------------------------


def test_home_is_indonesian_even_for_english_browsers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    html = response.content.decode()
    assert '<html lang="id">' in html
    assert response["Content-Language"] == "id"
    assert ">Masuk<" in html


def test_language_switch_to_english_and_back(client):
    response = client.post("/bahasa/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert ">Sign in<" in html

    client.post("/bahasa/", {"language": "id", "next": "/"})
    assert '<html lang="id">' in client.get("/").content.decode()


def test_unknown_language_is_ignored(client):
    client.post("/bahasa/", {"language": "fr", "next": "/"})

    assert '<html lang="id">' in client.get("/").content.decode()


def test_forged_language_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    response = client.get("/")

    assert '<html lang="id">' in response.content.decode()


def test_language_switch_does_not_redirect_off_site(client):
    response = client.post("/bahasa/", {"language": "en", "next": "https://jahat.example/"})

    assert response.status_code == 302
    assert not response["Location"].startswith("https://jahat.example")
