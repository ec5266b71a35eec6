"""Behind a real nginx on loopback, configured as docs/operations.md says.

Clients connect to nginx from 127.0.0.3 and 127.0.0.4; nginx connects to the application
from 127.0.0.2 (`proxy_bind`), the address given in SP_TRUSTED_PROXIES. The audit must record
the client's address, per-address limits must count each client (not one global counter for
the proxy), and a client's own X-Forwarded-For must change nothing.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from satupintu.cases.models import Case, Category, SlaTier
from satupintu.complaints.workflow import KIND
from satupintu.core.models import AuditEvent

PROXY = "127.0.0.2"
CLIENT_A = "127.0.0.3"
CLIENT_B = "127.0.0.4"
SPOOFED = "203.0.113.99"

# What every test nginx shares: one worker in the foreground, everything under tmp_path.
NGINX_HEAD = """
worker_processes 1;
daemon off;
{user}
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    client_max_body_size 60m;
"""

NGINX_CONF = (
    NGINX_HEAD
    + """    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_bind {proxy};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""
)


def _nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        pytest.fail(
            "nginx is not installed: this test runs the application behind a real nginx. "
            "Install it with `apt-get install nginx` (make test does this for you)."
        )
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx stopped at start:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nginx did not start listening:\n{log.read_text(errors='replace')}")


@contextmanager
def running_nginx(tmp_path: Path, template: str, **values):
    """nginx on a free loopback port with `template` (NGINX_HEAD and a server block) filled
    with `values`; yields the port and stops nginx afterwards."""
    binary = _nginx_binary()
    port = _free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        template.format(
            # As root, nginx would hand its workers to "nobody", who cannot use tmp_path.
            user="user root;" if os.geteuid() == 0 else "",
            root=tmp_path,
            port=port,
            **values,
        )
    )
    log = tmp_path / "error.log"
    process = subprocess.Popen(  # noqa: S603 - our own binary and generated config
        [binary, "-p", str(tmp_path), "-c", str(conf), "-e", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def nginx(live_server, tmp_path):
    upstream = urlparse(live_server.url).port
    with running_nginx(tmp_path, NGINX_CONF, upstream=upstream, proxy=PROXY) as port:
        yield port


class Browser:
    """A client on its own loopback address that keeps cookies, as a browser would."""

    def __init__(self, port: int, source: str):
        self.port, self.source = port, source
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, content

    def file_complaint(self, category, title, spoofed=None):
        status, page = self.request("GET", "/aduan/baru/")
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
        form = {
            "csrfmiddlewaretoken": token,
            "idempotency_key": key,
            "subtype": "pengaduan",
            "category": category.pk,
            "title": title,
            "description": "Lampu jalan mati sejak minggu lalu, gelap sekali di malam hari.",
            "identity": "anonymous",
        }
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if spoofed:
            headers["X-Forwarded-For"] = spoofed
        status, _page = self.request("POST", "/aduan/baru/", urlencode(form), headers)
        return status


@pytest.fixture
def category(reference_data):
    tier, _ = SlaTier.objects.get_or_create(
        code="normatif", defaults={"name": "Normatif", "working_days": 5}
    )
    return Category.objects.create(kind=KIND, code="lampu", name="Lampu jalan", sla_tier=tier)


def _submission_ips() -> list[str]:
    return list(
        AuditEvent.objects.filter(action="cases.submitted")
        .order_by("pk")
        .values_list("ip", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_behind_nginx_limits_and_audit_see_each_real_client(nginx, category, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "complaint": "2/h/ip,50/h/session"}
    a, b = Browser(nginx, CLIENT_A), Browser(nginx, CLIENT_B)

    first = a.file_complaint(category, "Lampu jalan mati satu", spoofed=SPOOFED)
    second = Browser(nginx, CLIENT_A).file_complaint(category, "Lampu jalan mati dua")
    # A fresh session and a made-up X-Forwarded-For do not escape the per-address limit.
    third = Browser(nginx, CLIENT_A).file_complaint(
        category, "Lampu jalan mati tiga", spoofed="198.51.100.1"
    )
    other = b.file_complaint(category, "Lampu jalan mati empat")

    assert [first, second, third, other] == [302, 302, 429, 302]
    assert Case.objects.count() == 3
    assert _submission_ips() == [CLIENT_A, CLIENT_A, CLIENT_B]


@pytest.mark.django_db(transaction=True)
def test_behind_nginx_without_trusting_it_everyone_is_the_proxy(nginx, category, settings):
    # The misconfiguration the documentation warns about: nothing a client writes is believed,
    # and every client is the proxy.
    settings.TRUSTED_PROXIES = []
    settings.TRUSTED_PROXY_COUNT = 0

    status = Browser(nginx, CLIENT_A).file_complaint(category, "Lampu jalan mati", SPOOFED)

    assert status == 302
    assert _submission_ips() == [PROXY]
