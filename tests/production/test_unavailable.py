"""A shared service down: citizens get a clear Indonesian 503 page and /healthz says which.

The database failure is simulated in-process (every query raises OperationalError, as psycopg
does when PostgreSQL is stopped); the cluster test stops a real PostgreSQL."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from satupintu.testing import servers

pytestmark = pytest.mark.django_db


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def test_database_down_citizens_get_an_indonesian_503_page():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_down):
        page = client.get("/")
        form = client.post("/aduan/baru/", {"title": "Jalan rusak"})
        health = client.get("/healthz")

    assert page.status_code == 503
    text = page.content.decode()
    assert "Layanan sedang terganggu sebentar" in text
    assert "Data yang sudah tersimpan tidak hilang" in text
    assert page["Retry-After"] == "60"
    assert "Traceback" not in text and "OperationalError" not in text

    assert form.status_code == 503
    assert "kirim sekali lagi" in form.content.decode()
    assert 'href="/aduan/baru/"' in form.content.decode()

    assert health.status_code == 503
    assert health.json()["database"]["ok"] is False
    assert health.json()["status"] == "error"

    # Back up: everything answers again.
    assert client.get("/").status_code == 200


def test_other_errors_still_get_the_500_page(monkeypatch):
    from satupintu.complaints import views

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "_form", fail)
    response = Client(raise_request_exception=False).get("/aduan/baru/")
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in response.content.decode()


def test_healthz_reports_cache_and_storage(client):
    body = client.get("/healthz").json()
    assert body["cache"] == {"ok": True, "backend": "local"}
    assert body["storage"] == {"ok": True, "backend": "filesystem"}


def test_healthz_with_the_object_store(client, s3_storage):
    body = client.get("/healthz").json()
    assert body["storage"] == {"ok": True, "backend": "s3"}
    assert body["status"] == "ok"


def test_healthz_object_store_and_redis_down_is_degraded_not_down(client, settings, s3_bucket):
    dead = servers.Server(process=None, port=servers.free_port(), directory=None)
    settings.STORAGES = servers.s3_storages(dead, s3_bucket)
    settings.CACHES = {
        "default": {
            "BACKEND": "satupintu.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{servers.free_port()}/0",
        },
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["storage"]["ok"] is False and body["storage"]["backend"] == "s3"
    assert body["cache"] == {"ok": False, "backend": "redis"}
