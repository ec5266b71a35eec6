"""nginx with the error pages and body settings of docs/uploads.md, in front of an
application that is down: the citizen gets the Indonesian static page, not nginx's own."""

import http.client
from pathlib import Path

import pytest

from satupintu.core.tests.test_behind_nginx import NGINX_HEAD, _free_port, running_nginx

ERRORS = Path(__file__).resolve().parents[2] / "static" / "errors"

CONF = (
    NGINX_HEAD
    + """    client_body_timeout 60s;
    proxy_request_buffering on;
    client_body_buffer_size 256k;
    server {{
        listen 127.0.0.1:{port};
        error_page 502 503 504 /_errors/50x.html;
        error_page 413 /_errors/413.html;
        location /_errors/ {{
            internal;
            alias {errors}/;
        }}
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""
)


@pytest.fixture
def nginx_without_app(tmp_path):
    # Nothing listens on the upstream port: the application is down.
    with running_nginx(tmp_path, CONF, upstream=_free_port(), errors=ERRORS) as port:
        yield port


def _request(port, method, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_application_down_shows_the_indonesian_page(nginx_without_app):
    status, body = _request(nginx_without_app, "GET", "/aduan/baru/")
    assert status == 502
    assert "Layanan sedang sibuk" in body and "nginx" not in body


def test_body_over_the_limit_is_refused_with_the_indonesian_page(nginx_without_app):
    # Refused from the announced length: nginx answers before reading the body.
    status, body = _request(
        nginx_without_app,
        "POST",
        "/aduan/baru/",
        {"Content-Length": str(70 * 2**20), "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert status == 413
    assert "Kiriman terlalu besar" in body and "nginx" not in body
