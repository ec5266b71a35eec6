"""The fault suite, against the local cluster of `make cluster-test` (scripts/cluster.py):
nginx in front of two gunicorn nodes, PostgreSQL, Redis, an S3-compatible store, task workers.
Faults: kill -9 an app node, PostgreSQL stopped, Redis stopped, object store stopped, kill -9
a task worker mid-delivery.

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
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
from fake_whatsapp import FakeWhatsApp  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STATE = os.environ.get("SP_CLUSTER_STATE", "")
pytestmark = pytest.mark.skipif(not STATE, reason="needs `make cluster-test` (SP_CLUSTER_STATE)")

SUBMISSIONS = int(os.environ.get("SP_FAULT_SUBMISSIONS", "200"))
CODE = re.compile(r"/aduan/terkirim/([A-Z]{3}-[2-9A-Z]{6})/")


def cluster(*args: str, env: dict | None = None) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "cluster.py"), *args],
        check=True,
        cwd=ROOT,
        env=env,
    )


def cluster_env() -> dict:
    state = Path(STATE if Path(STATE).is_absolute() else ROOT / STATE)
    values = dict(
        line.split("=", 1) for line in (state / "env").read_text().splitlines() if "=" in line
    )
    # Not pytest-django's DJANGO_SETTINGS_MODULE (settings_test): the cluster's own settings.
    settings = {"DJANGO_SETTINGS_MODULE": "satupintu.settings"}
    return {**os.environ, **values, **settings, "PYTHONPATH": str(ROOT / "src")}


# nginx, as the cluster wrote it in its environment file (SP_CLUSTER_PORT_OFFSET moves it).
BASE = cluster_env()["SP_PUBLIC_BASE_URL"] if STATE else ""


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
        # A query string: not the front page's short-lived page-cache copy (portal/caching.py),
        # which a node that served "/" in the last minute would still give, rightly, with 200.
        page = requests.get(f"{BASE}/?gangguan={time.time()}", timeout=30)
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


def _cache_health(times: int = 8) -> list[dict]:
    """/healthz's cache part from `times` requests: nginx spreads them over both nodes and
    their gunicorn workers (each process has its own view of Redis)."""
    answers = []
    for _ in range(times):
        health = requests.get(f"{BASE}/healthz", timeout=30)
        assert health.status_code == 200, health.text
        answers.append(health.json()["cache"])
    return answers


def test_redis_stopped_the_site_keeps_serving():
    cluster("stop", "redis")
    try:
        # A query string: rendered now, not the page cache's copy of "/".
        assert requests.get(f"{BASE}/?gangguan={time.time()}", timeout=30).status_code == 200
        # Every process asks Redis for /healthz (or knows it is down): each says so.
        assert _cache_health() == [{"ok": False, "backend": "redis"}] * 8
        code, _tries = submit(f"no-redis-{int(time.time())}")
        assert code
        # Limits on writes that cost money fail closed: no SMS while Redis cannot count them.
        refused = django(
            "from satupintu.notifications import sms\n"
            "try:\n    sms.send_sms('+6281100009999', 'uji')\n"
            "except sms.SmsUnavailable:\n    print('refused')\n"
            "else:\n    print('sent')"
        )
        assert refused == "refused"
    finally:
        cluster("start", "redis")
    # Back: every process sees Redis again once its breaker's pause is over.
    wait_for(
        "every node to see Redis again",
        lambda: _cache_health() == [{"ok": True, "backend": "redis"}] * 8,
        seconds=60,
    )
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


# --- kill -9 a task worker mid-delivery ----------------------------------------------------

MESSAGES = int(os.environ.get("SP_FAULT_MESSAGES", "40"))
WHATSAPP_ENV = {"SP_WHATSAPP_TOKEN": "fault-token", "SP_WHATSAPP_PHONE_NUMBER_ID": "1234567890"}


def wait_for(what: str, check, seconds: float = 240):
    """Poll `check` until it returns something true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"after {seconds} s still waiting for: {what}")


def _run_state(run: str) -> dict:
    """The outbox messages of this run and the delivery tasks that carried them."""
    return json.loads(
        django(
            "import json; from django_tasks_db.models import DBTaskResult;"
            "from satupintu.notifications.models import OutboxMessage as M;"
            f"ms = M.objects.filter(reference='{run}');"
            "ids = set(ms.values_list('pk', flat=True));"
            "ts = [t for t in DBTaskResult.objects.filter("
            "task_path='satupintu.notifications.tasks.deliver')"
            " if (t.args_kwargs.get('args') or [None])[0] in ids];"
            "print(json.dumps({'messages': {m.pk: m.status for m in ms},"
            " 'tasks': sorted(t.status for t in ts)}))"
        )
    )


def _settled(run: str) -> dict | None:
    """The run's state once no message is waiting or being sent and no task is left to run."""
    state = _run_state(run)
    if set(state["messages"].values()) - {"sent", "failed"}:
        return None
    if {"READY", "RUNNING"} & set(state["tasks"]):
        return None
    return state


def test_kill_9_a_worker_in_the_middle_of_deliveries():
    """Forty WhatsApp messages through the outbox to a fake provider; the worker is killed
    while the provider holds one delivery open, then restarted. The recovery the scheduler
    runs (core.taskrecovery.recover_stuck, notifications.delivery.release_abandoned) is run
    as it runs once its lease has passed after the kill: the leases are 30 and 15 minutes
    and the suite does not wait them out, so it hands them the clock of kill time + lease
    (only work started before the kill counts as abandoned)."""
    run = f"wfault{int(time.time())}"
    bodies = [f"Pesan uji gangguan {run} nomor {i}" for i in range(MESSAGES)]
    with FakeWhatsApp(hold_request=MESSAGES // 4) as provider:
        worker_env = {**os.environ, **WHATSAPP_ENV, "SP_WHATSAPP_API_BASE": provider.url}
        cluster("stop", "worker1", "worker2")  # a clean start: only worker1, on the fake
        try:
            cluster("start", "worker1", env=worker_env)
            django(
                "from satupintu.notifications.services import queue_message;"
                f"bodies = {bodies!r};"
                "[queue_message(channel='whatsapp', recipient=f'+62811000{i:04d}', body=b,"
                f" dedupe_key=f'{run}-{{i}}', reference='{run}') for i, b in enumerate(bodies)];"
                "print('queued')"
            )
            assert provider.holding.wait(240), "the worker never reached the provider"
            killed_at = datetime.now(UTC).isoformat()  # the cluster's clock: same machine
            cluster("kill", "worker1")
            provider.release.set()
            running = _run_state(run)["tasks"].count("RUNNING")
            cluster("start", "worker1", env=worker_env)
            # Everything not abandoned is delivered by the restarted worker.
            wait_for(
                "the restarted worker to drain the queue",
                lambda: "READY" not in _run_state(run)["tasks"],
            )
            recovered = json.loads(
                django(
                    "import json; from datetime import datetime;"
                    "from satupintu.core.taskrecovery import recover_stuck, stuck_after;"
                    "from satupintu.notifications import delivery;"
                    "from satupintu.notifications.tasks import deliver;"
                    f"k = datetime.fromisoformat('{killed_at}');"
                    "tasks = recover_stuck(now=k + stuck_after());"
                    "released = delivery.release_abandoned(now=k + delivery.ABANDONED_AFTER);"
                    "[deliver.enqueue(i) for i in delivery.due_for_retry()];"
                    "print(json.dumps({'tasks': tasks, 'messages': released}))"
                )
            )
            state = wait_for("every message sent and every task finished", lambda: _settled(run))
        finally:
            cluster("stop", "worker1")
            cluster("start", "worker1", "worker2")  # back to the cluster's own configuration
        counts = provider.counts(bodies)

    statuses = list(state["messages"].values())
    complete = statuses.count("sent")
    lost = sum(1 for count in counts if count == 0)
    doubled = sum(count - 1 for count in counts if count > 1)
    # In flight: the messages not yet through when the worker died (the held one included).
    in_flight = MESSAGES - (provider.hold_request - 1)
    report("kill -9 worker", in_flight, MESSAGES, complete, lost, doubled)
    assert running == 1 and recovered["tasks"]["requeued"] == 1
    assert recovered["messages"] == 1  # the one held at the provider when the worker died
    assert len(statuses) == MESSAGES and complete == MESSAGES
    # Every task completed or reported (a requeued one finished on the new worker).
    assert set(state["tasks"]) <= {"SUCCESSFUL", "FAILED"}, state["tasks"]
    assert lost == 0
    # At-least-once (docs/operations.md): only the message in flight at the kill may arrive
    # twice, since the provider got it but the worker never recorded the answer.
    assert doubled <= running
