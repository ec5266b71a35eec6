"""The fault suite, against the local cluster of `make cluster-test` (scripts/cluster.py):
nginx in front of two gunicorn nodes, PostgreSQL, Redis, an S3-compatible store.

Skipped unless SP_CLUSTER_STATE names a running cluster's state directory (the ordinary
suite never runs it). Each fault prints one row: fault, requests in flight, accepted,
complete, lost, doubled."""

import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
STATE = os.environ.get("SP_CLUSTER_STATE", "")
pytestmark = pytest.mark.skipif(not STATE, reason="needs `make cluster-test` (SP_CLUSTER_STATE)")

BASE = "http://127.0.0.1:58080"
SUBMISSIONS = int(os.environ.get("SP_FAULT_SUBMISSIONS", "200"))
CODE = re.compile(r"/aduan/terkirim/([A-Z]{3}-[2-9A-Z]{6})/")


def cluster(*args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "cluster.py"), *args], check=True, cwd=ROOT
    )


def cluster_env() -> dict:
    state = Path(STATE if Path(STATE).is_absolute() else ROOT / STATE)
    values = dict(
        line.split("=", 1) for line in (state / "env").read_text().splitlines() if "=" in line
    )
    return {**os.environ, **values, "PYTHONPATH": str(ROOT / "src")}


def django(code: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        env=cluster_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def report(fault, in_flight, accepted, complete, lost, doubled) -> None:
    print(  # noqa: T201 - the suite's table
        f"\nFAULT | {fault} | in flight {in_flight} | accepted {accepted} | complete {complete} "
        f"| lost {lost} | doubled {doubled}"
    )


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _form_values(html: str) -> dict:
    def first_option(name):
        block = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
        return re.findall(r'<option value="(\d+)"', block)[0]

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return {
        "csrfmiddlewaretoken": token,
        "category": first_option("category"),
        "kelurahan": first_option("kelurahan"),
    }


def submit(key: str, attempts: int = 12) -> tuple[str | None, int]:
    """File one complaint with a photo, retrying (same idempotency key) until it is accepted,
    as the browser's "send again" would. Returns (tracking code, tries)."""
    for attempt in range(1, attempts + 1):
        try:
            session = requests.Session()
            page = session.get(f"{BASE}/aduan/baru/", timeout=30)
            if page.status_code != 200:
                raise requests.RequestException(page.status_code)
            data = {
                **_form_values(page.text),
                "subtype": "pengaduan",
                "title": "Lampu jalan mati",
                "description": "Lampu jalan di depan pasar mati sejak seminggu, gelap sekali.",
                "rt": "3",
                "street": "Jl. Contoh",
                "identity": "named",
                "reporter_name": "Uji Gangguan",
                "reporter_email": "uji@contoh.id",
                "reporter_phone": "",
                "idempotency_key": key,
            }
            response = session.post(
                f"{BASE}/aduan/baru/",
                data=data,
                files={"files": ("foto.png", PNG, "image/png")},
                headers={"Referer": f"{BASE}/aduan/baru/"},
                allow_redirects=False,
                timeout=60,
            )
            found = CODE.search(response.headers.get("Location", ""))
            if response.status_code == 302 and found:
                return found.group(1), attempt
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return None, attempts


def test_kill_9_an_app_node_in_the_middle_of_submissions():
    run = f"fault-{int(time.time())}"
    keys = [f"{run}-{i}" for i in range(SUBMISSIONS)]
    done = []
    lock = threading.Lock()

    def one(key):
        result = submit(key)
        with lock:
            done.append(result)
        return result

    killed = restarted = False
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(one, key) for key in keys]
        while not all(f.done() for f in futures):
            time.sleep(0.2)
            if not killed and len(done) >= SUBMISSIONS // 5:
                cluster("kill", "web1")
                killed = True
            if killed and not restarted and len(done) >= SUBMISSIONS * 3 // 5:
                cluster("start", "web1")
                restarted = True
        codes = [f.result()[0] for f in futures]
    assert killed and restarted

    accepted = sum(1 for c in codes if c)
    # The same key again gets the same code (the client's retry after a lost answer).
    for key, code in list(zip(keys, codes, strict=True))[:10]:
        assert submit(key)[0] == code
    counts = json.loads(
        django(
            "import json; from satupintu.cases.models import Case;"
            f"qs = Case.objects.filter(idempotency_key__startswith='{run}-');"
            "print(json.dumps({'cases': qs.count(), "
            "'complete': qs.filter(attachments__isnull=False).distinct().count(), "
            "'codes': qs.values('tracking_code').distinct().count()}))"
        )
    )
    lost = SUBMISSIONS - accepted
    doubled = counts["cases"] - counts["codes"] + (counts["cases"] - accepted)
    report("kill -9 app node", SUBMISSIONS, accepted, counts["complete"], lost, doubled)
    assert accepted == SUBMISSIONS
    assert len(set(codes)) == SUBMISSIONS
    assert counts["cases"] == SUBMISSIONS and counts["complete"] == SUBMISSIONS
    # Nothing half-made: the audit chain holds and every stored file is there with its hash.
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore", "-", "--verify-only"],
        env=cluster_env(),
        cwd=ROOT,
        check=True,
    )


def test_postgresql_stopped_gives_the_503_page_and_resumes():
    cluster("stop", "postgres")
    try:
        page = requests.get(f"{BASE}/", timeout=30)
        health = requests.get(f"{BASE}/healthz", timeout=30)
        assert page.status_code == 503
        assert "Layanan sedang terganggu sebentar" in page.text
        assert health.status_code == 503 and health.json()["database"]["ok"] is False
    finally:
        cluster("start", "postgres")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if requests.get(f"{BASE}/", timeout=30).status_code == 200:
            break
        time.sleep(0.5)
    assert requests.get(f"{BASE}/", timeout=30).status_code == 200
    code, _tries = submit(f"after-pg-{int(time.time())}")
    report("PostgreSQL stopped", 2, 0, 0, 0, 0)
    assert code


def test_redis_stopped_the_site_keeps_serving():
    cluster("stop", "redis")
    try:
        assert requests.get(f"{BASE}/", timeout=30).status_code == 200
        # Each gunicorn worker notices on its next cache call; ask a few of them.
        seen = []
        for _ in range(20):
            health = requests.get(f"{BASE}/healthz", timeout=30)
            assert health.status_code == 200
            seen.append(health.json()["cache"])
            if seen[-1]["ok"] is False:
                break
            time.sleep(0.5)
        assert seen[-1] == {"ok": False, "backend": "redis"}, seen
        code, _tries = submit(f"no-redis-{int(time.time())}")
        assert code
    finally:
        cluster("start", "redis")
    report("Redis stopped", 1, 1, 1, 0, 0)


def test_object_store_stopped_refuses_uploads_clearly():
    key = f"no-s3-{int(time.time())}"
    cluster("stop", "objects")
    try:
        session = requests.Session()
        page = session.get(f"{BASE}/aduan/baru/", timeout=30)
        data = {
            **_form_values(page.text),
            "subtype": "pengaduan",
            "title": "Lampu jalan mati",
            "description": "Lampu jalan di depan pasar mati sejak seminggu, gelap sekali.",
            "rt": "3",
            "street": "Jl. Contoh",
            "identity": "named",
            "reporter_name": "Uji Gangguan",
            "reporter_email": "uji@contoh.id",
            "idempotency_key": key,
        }
        response = session.post(
            f"{BASE}/aduan/baru/",
            data=data,
            files={"files": ("foto.png", PNG, "image/png")},
            headers={"Referer": f"{BASE}/aduan/baru/"},
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 503
        assert "Penyimpanan berkas sedang tidak tersedia" in response.text
    finally:
        cluster("start", "objects")
    made = django(
        "from satupintu.cases.models import Case;"
        f"print(Case.objects.filter(idempotency_key='{key}').count())"
    )
    report("object store stopped", 1, 0, 0, 0, 0)
    assert made == "0"
