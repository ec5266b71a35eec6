"""The uploads suite (part of every `make bench` unless `--no-uploads`): a 2 MB file sent over
a weak 3G link — 50 KB/s up and down, 400 ms round trip — to a real gunicorn, both ways a
citizen can send it:

- **resumable** (JavaScript on): `/unggah/` with the tus protocol, in the chunk size the
  complaint page gives the browser (`data-upload-chunk`, SP_UPLOAD_CHUNK_BYTES);
- **multipart** (JavaScript off): the complaint form posted with the file, as a browser does.

The link is a throttling TCP proxy on loopback (`ThrottledLink`): each direction is paced at
50 KB/s and every piece is delivered 200 ms after it was read, so a request's bytes arrive at
gunicorn as slowly as from the phone. Both run at the same time, on two links (two phones),
against gunicorn with 2 sync workers and an access log of each request's duration (`%(M)s`:
how long a worker was busy with it). Reported: each file's total time, and the longest single
request of each kind. Budget: no resumable request keeps a worker longer than one chunk takes
on the link (plus a second for latency and the server's own work), and the plain post of 2 MB
succeeds (no worker timeout; see gunicorn.conf.py).

`python bench/uploads.py --seed` (run with the bench environment by `run`) adds the complaint
category the form needs and prints what the form posts.
"""

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

LINK_BYTES_PER_S = 50 * 1024
ONE_WAY_DELAY_S = 0.2
FILE_BYTES = 2 * 2**20
FORM_PATH = "/aduan/baru/"
TUS_PATH = "/unggah/"
# A resumable request may take one chunk's time on the link plus this (latency, server work).
CHUNK_SLACK_S = 1.0
FILENAME_METADATA = "filename YnVrdGkucGRm"  # "bukti.pdf", base64 as tus wants it


# --- The link -----------------------------------------------------------------------------------


class ThrottledLink:
    """A TCP proxy on 127.0.0.1 to `upstream`: bandwidth and latency of a weak 3G link."""

    def __init__(self, upstream_port: int, rate=LINK_BYTES_PER_S, delay=ONE_WAY_DELAY_S):
        self.upstream_port, self.rate, self.delay = upstream_port, rate, delay
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    def _serve(self, ready):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", 0)
        )
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _pump(self, reader, writer):
        """Carry one direction: read at the link's rate, deliver each piece `delay` later
        (a reader and a deliverer, so latency does not slow the rate down)."""
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            try:
                while (item := await queue.get()) is not None:
                    at, piece = item
                    await asyncio.sleep(max(0.0, at - time.monotonic()))
                    writer.write(piece)
                    await writer.drain()
            except ConnectionError:
                pass
            finally:
                writer.close()

        delivering = asyncio.ensure_future(deliver())
        due = 0.0  # when the link has carried everything read so far
        try:
            while piece := await reader.read(4096):
                due = max(due, time.monotonic()) + len(piece) / self.rate
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                queue.put_nowait((due + self.delay, piece))
        except ConnectionError:
            pass
        queue.put_nowait(None)
        await delivering

    async def _connection(self, client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            self._pump(client_reader, up_writer), self._pump(up_reader, client_writer)
        )

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


# --- The two ways of sending --------------------------------------------------------------------


def pdf_file(size: int) -> bytes:
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    tail = b"\n%%EOF\n"
    body = random.Random(16).randbytes(size - len(head) - len(tail)).replace(b"/", b"_")
    return head + body + tail


def open_form(base_url: str):
    """GET the complaint form (not throttled): a session with its CSRF cookie, the token and
    the chunk size the page gives the browser."""
    import requests

    session = requests.Session()
    page = session.get(base_url + FORM_PATH, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    chunk = int(re.search(r'data-upload-chunk="(\d+)"', page).group(1))
    return session, token, chunk


def send_resumable(base_url: str, link_url: str, data: bytes) -> dict:
    """tus: creation, then one PATCH per chunk, every request over the link."""
    session, _token, chunk = open_form(base_url)
    tus = {"Tus-Resumable": "1.0.0"}
    started = time.monotonic()
    created = session.post(
        link_url + TUS_PATH,
        headers={**tus, "Upload-Length": str(len(data)), "Upload-Metadata": FILENAME_METADATA},
        timeout=120,
    )
    created.raise_for_status()
    location = created.headers["Location"].replace(base_url, link_url)
    offset, requests_made, slowest = 0, 1, 0.0
    while offset < len(data):
        piece = data[offset : offset + chunk]
        began = time.monotonic()
        response = session.patch(
            location,
            data=piece,
            headers={
                **tus,
                "Upload-Offset": str(offset),
                "Content-Type": "application/offset+octet-stream",
            },
            timeout=120,
        )
        slowest = max(slowest, time.monotonic() - began)
        requests_made += 1
        if response.status_code != 204:
            raise RuntimeError(f"PATCH answered {response.status_code}: {response.text[:200]}")
        offset = int(response.headers["Upload-Offset"])
    return {
        "seconds": round(time.monotonic() - started, 1),
        "requests": requests_made,
        "chunk_bytes": chunk,
        "client_slowest_request_s": round(slowest, 2),
        "ok": True,
    }


def send_multipart(base_url: str, link_url: str, data: bytes, form: dict) -> dict:
    session, token, _chunk = open_form(base_url)
    fields = {**form, "csrfmiddlewaretoken": token, "idempotency_key": uuid.uuid4().hex}
    started = time.monotonic()
    response = session.post(
        link_url + FORM_PATH,
        data=fields,
        files={"files": ("bukti.pdf", data, "application/pdf")},
        allow_redirects=False,
        timeout=300,
    )
    location = response.headers.get("Location", "")
    return {
        "seconds": round(time.monotonic() - started, 1),
        "status": response.status_code,
        "ok": response.status_code == 302 and "/aduan/terkirim/" in location,
    }


# --- Server-side durations ----------------------------------------------------------------------

ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(M)s"


def longest(log_path: Path, method: str, prefix: str) -> float:
    """The longest duration (s) the access log shows for `method` on paths under `prefix`."""
    worst = 0.0
    for line in log_path.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == method and parts[1].startswith(prefix):
            worst = max(worst, int(parts[3]) / 1000)
    return round(worst, 2)


# --- Runner (bench/run.py) ----------------------------------------------------------------------


def run(env: dict[str, str], workdir: Path) -> dict:
    import server

    seeded = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--seed"],
        env=env,
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    form = json.loads(seeded.stdout.strip().splitlines()[-1])
    data = pdf_file(FILE_BYTES)
    log_path = workdir / "uploads-access.log"
    access = ["--access-logfile", str(log_path), "--access-logformat", ACCESS_FORMAT]
    with server.gunicorn(env, workdir, 2, extra_args=access) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        links = [ThrottledLink(port), ThrottledLink(port)]
        print(
            f"Uploads: 2 MB at {LINK_BYTES_PER_S // 1024} KB/s, "
            f"{int(ONE_WAY_DELAY_S * 2000)} ms RTT, resumable and multipart at once…",
            flush=True,
        )
        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                resumable = pool.submit(
                    send_resumable, base_url, f"http://127.0.0.1:{links[0].port}", data
                )
                multipart = pool.submit(
                    send_multipart, base_url, f"http://127.0.0.1:{links[1].port}", data, form
                )
                result = {"resumable": resumable.result(), "multipart": multipart.result()}
        finally:
            for link in links:
                link.close()
    chunk = result["resumable"]["chunk_bytes"]
    result["link"] = {
        "bytes_per_s": LINK_BYTES_PER_S,
        "rtt_ms": int(ONE_WAY_DELAY_S * 2000),
        "file_bytes": FILE_BYTES,
    }
    result["resumable"]["longest_request_s"] = longest(log_path, "PATCH", TUS_PATH)
    result["resumable"]["one_chunk_s"] = round(chunk / LINK_BYTES_PER_S, 2)
    result["multipart"]["longest_request_s"] = longest(log_path, "POST", FORM_PATH)
    return result


def table(result: dict) -> str:
    link = result["link"]
    r, m = result["resumable"], result["multipart"]
    budget = r["one_chunk_s"] + CHUNK_SLACK_S
    lines = [
        f"uploads suite — a {link['file_bytes'] / 2**20:.0f} MB file at "
        f"{link['bytes_per_s'] // 1024} KB/s up and down, {link['rtt_ms']} ms RTT, gunicorn -w 2",
        f"{'how':<30} {'total':>8}  {'requests':>8}  {'longest request':>16}  budget",
        f"{'resumable (tus), ' + str(r['chunk_bytes'] // 1024) + ' KiB chunks':<30} "
        f"{r['seconds']:>7.1f}s  {r['requests']:>8}  {r['longest_request_s']:>15.2f}s  "
        f"≤ {budget:.1f} s (one chunk {r['one_chunk_s']:.1f} s) "
        f"{'yes' if r['longest_request_s'] <= budget else 'NO'}",
        f"{'multipart (JavaScript off)':<30} {m['seconds']:>7.1f}s  {1:>8}  "
        f"{m['longest_request_s']:>15.2f}s  succeeds: {'yes' if m['ok'] else 'NO'} "
        f"(HTTP {m['status']})",
    ]
    return "\n".join(lines)


def misses(result: dict) -> list[str]:
    found = []
    r, m = result["resumable"], result["multipart"]
    if r["longest_request_s"] > r["one_chunk_s"] + CHUNK_SLACK_S:
        found.append(
            f"uploads: a resumable request kept a worker {r['longest_request_s']:.2f} s, "
            f"more than one chunk ({r['one_chunk_s']:.2f} s) + {CHUNK_SLACK_S:.0f} s"
        )
    if not m["ok"]:
        found.append(f"uploads: the plain 2 MB post at 50 KB/s failed (HTTP {m['status']})")
    return found


# --- Child process: seed -------------------------------------------------------------------------


def seed() -> dict:
    import django

    django.setup()
    from satupintu.cases.models import Category, SlaTier
    from satupintu.complaints.workflow import KIND
    from satupintu.org.models import OrgUnit, Region

    tier, _created = SlaTier.objects.get_or_create(
        code="normatif", defaults={"name": "Normatif", "working_days": 5}
    )
    category, _created = Category.objects.get_or_create(
        kind=KIND,
        code="bench-jalan-rusak",
        defaults={
            "name": "Jalan rusak (uji beban)",
            "sla_tier": tier,
            "default_org_unit": OrgUnit.objects.get(code="DPU"),
        },
    )
    kelurahan = Region.objects.filter(code="64.71.05.1002").values_list("pk", flat=True).first()
    return {
        "subtype": "pengaduan",
        "category": str(category.pk),
        "title": "Jalan amblas di ujung kota",
        "description": "Jalan amblas sepanjang lima meter, berbahaya bagi pengendara motor.",
        "kelurahan": str(kelurahan or ""),
        "rt": "7",
        "street": "Jl. Uji Beban",
        "identity": "anonymous",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="seed for the uploads suite")
    parser.add_argument("--seed", action="store_true")
    args = parser.parse_args()
    if args.seed:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
        print(json.dumps(seed()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
