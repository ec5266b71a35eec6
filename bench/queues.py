"""The queue suite (`--suite queues`, issue 11): booking under contention, booking latency,
the citizen queue pages' weight, and the display boards.

1. **Burst**: `--queue-bookings` (2 000) people book the same 08:00 slot of a service with 100
   places (and an online quota of 100) at once, `--queue-concurrency` (200) POSTs in flight,
   on a gunicorn of `--submit-workers` (8) sync workers. A 302 to the ticket page is a
   booking; a 409 with the form's "full" message is a clear refusal; anything else is an
   error. Then the database is counted (bench/seed_queues.py check).
2. **Booking latency**: `--queue-latency-bookings` (200) bookings of another service (after
   10 untimed ones), as many in flight as gunicorn has workers (no request waits for a
   worker), timed by the client: p95 ≤ 300 ms.
3. **Weight** of every citizen queue page (the pages suite's budget: ≤ 60 KB, no third party).
4. **Board throughput** with wrk: bare view, the board's JSON answered 304 (what an open
   board asks every 2 s), the JSON in full, bare view again: 304 ≥ 0.5 × bare.
5. **Boards**: `--boards` (300) boards poll the JSON every 2 s (as static/js/queue-board.js
   does, each with its own ETag) while two consoles call a number, finish it and wait
   `--call-interval` s, for `--board-seconds` (30): for every call and every board, the time
   from the console's answer to the board's first answer showing the number; p95 ≤ 2 s.

The runner (`run`, `table`, `misses`) is imported by bench/run.py.
"""

import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import complaints
import load
import server
import weight
from pages import THIRD_PARTY_BUDGET, WEIGHT_BUDGET_BYTES

BOOKING_P95_BUDGET_MS = 300.0
BOARD_DELAY_P95_BUDGET_S = 2.0
BOARD_MIN_RATIO = 0.5
BOARD_POLL_S = 2.0  # static/js/queue-board.js
TIMEOUT_S = 60
LATENCY_WARMUP = 10
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CURRENT = re.compile(r'class="code-big">([A-Z]-\d+)<')
PRIVATE_LINK = re.compile(r'href="(/antrean/b/ANT-[^"/]+/[^"/]+/)"')
# Bookings are rate-limited per client address (and the limiter serialises requests of one
# address on a cache lock). As in production, the client's address comes from a trusted
# reverse proxy's X-Forwarded-For: each person of the bench books from an address of their
# own, so the limits stay on and are counted, but no person reaches them.
QUEUE_ENV = {"SP_TRUSTED_PROXIES": "127.0.0.1"}


def address_of(index: int) -> str:
    return f"10.{index >> 16 & 255}.{index >> 8 & 255}.{index & 255}"


@dataclass
class Options:
    bookings: int = 2000
    concurrency: int = 200
    latency_bookings: int = 200
    boards: int = 300
    board_seconds: int = 30
    call_interval: float = 1.0
    burst_workers: int = 8
    workers: int = 2


def percentile(values: list[float], share: float) -> float:
    return complaints.percentile(values, share)


def request(base_url, method, path, body=None, headers=None):
    """(status, headers, body text, seconds)."""
    parts = urlsplit(base_url)
    started = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_S)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, response.headers, text, time.monotonic() - started
    finally:
        conn.close()


def cookies_of(headers) -> dict[str, str]:
    jar = complaints.SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def confirm_path(state: dict, service: int) -> str:
    return f"/antrean/{state['slug']}/layanan/{service}/pesan/"


def csrf(base_url: str, path: str, cookie: str = "") -> tuple[str, str]:
    status, headers, body, _s = request(base_url, "GET", path, headers={"Cookie": cookie})
    match = TOKEN_INPUT.search(body)
    token_cookie = cookies_of(headers).get("csrftoken") or re.search(r"csrftoken=([^;]+)", cookie)
    if status != 200 or match is None or not token_cookie:
        raise RuntimeError(f"{path}: no CSRF cookie or token (HTTP {status})")
    if not isinstance(token_cookie, str):
        token_cookie = token_cookie.group(1)
    return token_cookie, match.group(1)


def book(base_url, state, service, index, cookie, token, slot):
    """One booking POST: ("ok" | "full" | "HTTP n" | error name, seconds, headers)."""
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "tanggal": state["day"],
            "jam": slot,
            "name": f"Warga Uji {index}",
            "phone": f"0813{index:08d}",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "X-Forwarded-For": address_of(index),
    }
    try:
        status, answer, text, seconds = request(
            base_url, "POST", confirm_path(state, service), body, headers
        )
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__, 0.0, None
    if status == 302 and "/antrean/b/ANT-" in answer.get("Location", ""):
        return "ok", seconds, answer
    if status == 409 and "penuh" in text.lower():
        return "full", seconds, answer
    return f"HTTP {status}", seconds, answer


def burst(base_url: str, state: dict, options: Options) -> dict:
    query = f"?tanggal={state['day']}&jam={state['slot']}"
    cookie, token = csrf(base_url, confirm_path(state, state["burst_service"]) + query)
    people = list(range(options.bookings))
    random.shuffle(people)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        outcomes = list(
            pool.map(
                lambda i: book(
                    base_url, state, state["burst_service"], i, cookie, token, state["slot"]
                ),
                people,
            )
        )
    counts: dict[str, int] = {}
    for outcome, _seconds, _headers in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    seconds = [s * 1000 for outcome, s, _h in outcomes if outcome in ("ok", "full")]
    return {
        "bookings": options.bookings,
        "concurrency": options.concurrency,
        "gunicorn_workers": options.burst_workers,
        "booked": counts.pop("ok", 0),
        "refused_full": counts.pop("full", 0),
        "errors": counts,
        "seconds": round(time.monotonic() - started, 1),
        "p50_ms": round(percentile(seconds, 0.5), 1),
        "p95_ms": round(percentile(seconds, 0.95), 1),
    }


def latency(base_url: str, state: dict, options: Options) -> tuple[dict, str]:
    """Bookings of a roomy service, `workers` at a time; returns the figures and the private
    link of one booking (for the weight of that page)."""
    service = state["latency_service"]
    cookie, token = csrf(
        base_url, confirm_path(state, service) + f"?tanggal={state['day']}&jam=09:00"
    )
    # A few bookings first, not timed: each worker's first requests load templates and code.
    for i in range(LATENCY_WARMUP):
        book(base_url, state, service, 90_000 + i, cookie, token, "09:00")
    with ThreadPoolExecutor(max_workers=options.workers) as pool:
        outcomes = list(
            pool.map(
                lambda i: book(base_url, state, service, 100_000 + i, cookie, token, "09:00"),
                range(options.latency_bookings),
            )
        )
    ok = [(s, h) for outcome, s, h in outcomes if outcome == "ok"]
    errors = len(outcomes) - len(ok)
    private = ""
    if ok:
        headers = ok[0][1]
        session = cookies_of(headers).get("sessionid", "")
        _status, _h, text, _s = request(
            base_url, "GET", headers["Location"], headers={"Cookie": f"sessionid={session}"}
        )
        match = PRIVATE_LINK.search(text)
        private = match.group(1) if match else ""
    times = [s * 1000 for s, _h in ok]
    return {
        "bookings": options.latency_bookings,
        "in_flight": options.workers,
        "errors": errors,
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times, default=0.0), 1),
    }, private


def citizen_pages(state: dict, code: str, private: str) -> list[str]:
    slug, service, day = state["slug"], state["latency_service"], state["day"]
    pages = [
        "/antrean/",
        f"/antrean/{slug}/",
        f"/antrean/{slug}/layanan/{service}/?tanggal={day}",
        f"/antrean/{slug}/layanan/{service}/pesan/?tanggal={day}&jam=09:00",
        f"/antrean/b/{code}/",
        f"/antrean/{slug}/sekarang/",
        f"/antrean/{slug}/angka/",
        f"/antrean/layar/{slug}/",
    ]
    return pages + ([private] if private else [])


def weights(base_url: str, paths: list[str]) -> list[dict]:
    rows = []
    for path in paths:
        page = weight.measure_page(base_url, path)
        rows.append(
            {
                "path": re.sub(r"/ANT-[^/]+/[^/]+/$", "/ANT-…/<rahasia>/", page.path),
                "status": page.status,
                "kb": round(page.total_bytes / 1000, 1),
                "html_kb": round(page.html_bytes / 1000, 1),
                "third_party": len(page.third_party),
            }
        )
    return rows


def board_path(state: dict) -> str:
    return f"/antrean/layar/{state['slug']}/data.json"


def throughput(wrk: str, base_url: str, state: dict, settings: load.LoadSettings) -> dict:
    _status, headers, _t, _s = request(base_url, "GET", board_path(state))
    etag = headers["ETag"]
    figures = {}
    for name, path, extra in (
        ("bare-start", "/bench/bare/", None),
        ("board 304", board_path(state), {"If-None-Match": etag}),
        ("board 200", board_path(state), None),
        ("bare-end", "/bench/bare/", None),
    ):
        print(f"queues: wrk {name} {path}", flush=True)
        figures[name] = load.measure(wrk, base_url + path, settings, headers=extra).as_dict()
    bare = (figures["bare-start"]["requests_per_s"] + figures["bare-end"]["requests_per_s"]) / 2
    for name in ("board 304", "board 200"):
        figures[name]["ratio"] = round(figures[name]["requests_per_s"] / bare, 3) if bare else 0
    return figures


class Board(threading.Thread):
    """One open display board: asks every BOARD_POLL_S with its last ETag, as the page's
    script does, and notes when it first saw each called number."""

    def __init__(self, base_url: str, path: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.base_url, self.path, self.stop = base_url, path, stop
        self.seen: dict[str, float] = {}
        self.polls = self.full = self.errors = 0
        self.latencies: list[float] = []

    def run(self):
        etag = None
        due = time.monotonic() + random.uniform(0, BOARD_POLL_S)
        while not self.stop.is_set():
            self.stop.wait(max(0.0, due - time.monotonic()))
            due += BOARD_POLL_S
            if self.stop.is_set():
                break
            headers = {"If-None-Match": etag} if etag else {}
            try:
                status, answer, text, seconds = request(
                    self.base_url, "GET", self.path, None, headers
                )
            except (OSError, http.client.HTTPException):
                self.errors += 1
                continue
            now = time.monotonic()
            self.polls += 1
            self.latencies.append(seconds)
            if status == 200:
                self.full += 1
                etag = answer["ETag"]
                for call in json.loads(text)["calls"]:
                    self.seen.setdefault(call["ticket"], now)
            elif status != 304:
                self.errors += 1


def console(base_url, state, counter, stop, called, interval, errors):
    """A counter officer: call the next number, finish it, wait, again."""
    cookie = f"sessionid={state['session']}"
    path = f"/kantor/antrean/loket/{counter}/"
    token_cookie, token = csrf(base_url, path, cookie)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{cookie}; csrftoken={token_cookie}",
    }
    while not stop.is_set():
        status, _h, _t, _s = request(
            base_url,
            "POST",
            path,
            urlencode({"csrfmiddlewaretoken": token, "action": "call"}),
            headers,
        )
        done = time.monotonic()
        _st, _h, page, _s = request(base_url, "GET", path, headers={"Cookie": cookie})
        match = CURRENT.search(page)
        if status != 302 or match is None:
            errors.append(f"console {counter}: HTTP {status}")
            stop.wait(interval)
            continue
        called[match.group(1)] = done
        request(
            base_url,
            "POST",
            path,
            urlencode({"csrfmiddlewaretoken": token, "action": "finish"}),
            headers,
        )
        stop.wait(interval)


def boards(base_url: str, state: dict, options: Options) -> dict:
    board_stop, console_stop = threading.Event(), threading.Event()
    screens = [Board(base_url, board_path(state), board_stop) for _ in range(options.boards)]
    for screen in screens:
        screen.start()
    time.sleep(BOARD_POLL_S + 1)  # every board has its first answer
    called: dict[str, float] = {}
    errors: list[str] = []
    consoles = [
        threading.Thread(
            target=console,
            args=(base_url, state, counter, console_stop, called, options.call_interval, errors),
            daemon=True,
        )
        for counter in state["counters"]
    ]
    for thread in consoles:
        thread.start()
    time.sleep(options.board_seconds)
    console_stop.set()
    for thread in consoles:
        thread.join()
    time.sleep(BOARD_POLL_S * 2)  # the last calls reach every board
    board_stop.set()
    for screen in screens:
        screen.join()
    delays, missed = [], 0
    for label, at in called.items():
        for screen in screens:
            if label in screen.seen:
                delays.append(max(0.0, screen.seen[label] - at))
            else:
                missed += 1
    polls = sum(s.polls for s in screens)
    poll_ms = [x * 1000 for s in screens for x in s.latencies]
    return {
        "boards": options.boards,
        "seconds": options.board_seconds,
        "calls": len(called),
        "observations": len(delays),
        "missed": missed,
        "delay_p50_s": round(percentile(delays, 0.5), 2),
        "delay_p95_s": round(percentile(delays, 0.95), 2),
        "delay_max_s": round(max(delays, default=0.0), 2),
        "polls": polls,
        "polls_per_s": round(polls / (options.board_seconds + 3 * BOARD_POLL_S + 1), 1),
        "full_answers": sum(s.full for s in screens),
        "poll_p95_ms": round(percentile(poll_ms, 0.95), 1),
        "errors": sum(s.errors for s in screens) + len(errors),
        "console_errors": errors[:5],
    }


def child(env: dict, action: str, state_path: Path, output: Path | None = None) -> None:
    command = [sys.executable, str(server.BENCH_DIR / "seed_queues.py"), action]
    command += ["--state", str(state_path)]
    if output:
        command += ["--output", str(output)]
    subprocess.run(command, env=env, cwd=server.REPO_ROOT, check=True)


def run(env, workdir: Path, wrk: str, options: Options, settings: load.LoadSettings) -> dict:
    env = {**env, **QUEUE_ENV}
    state_path, check_path = workdir / "queues.json", workdir / "queues-check.json"
    print("queues: seeding the site…", flush=True)
    child(env, "seed", state_path)
    state = json.loads(state_path.read_text())
    result: dict = {"day": state["day"]}
    with server.gunicorn(env, workdir, options.burst_workers) as base_url:
        print(f"queues: {options.bookings} bookings for 100 places on {base_url}…", flush=True)
        result["burst"] = burst(base_url, state, options)
    child(env, "check", state_path, check_path)
    result["burst"]["database"] = json.loads(check_path.read_text())
    with server.gunicorn(env, workdir, options.workers) as base_url:
        print("queues: booking latency…", flush=True)
        result["latency"], private = latency(base_url, state, options)
        code = re.search(r"/antrean/b/(ANT-[^/]+)/", private or "/antrean/b/ANT-X/").group(1)
        result["weights"] = weights(base_url, citizen_pages(state, code, private))
        result["throughput"] = throughput(wrk, base_url, state, settings)
        print(f"queues: {options.boards} boards, two consoles calling…", flush=True)
        result["boards"] = boards(base_url, state, options)
    result["budgets"] = {
        "booking_p95_ms": BOOKING_P95_BUDGET_MS,
        "board_delay_p95_s": BOARD_DELAY_P95_BUDGET_S,
        "board_min_ratio": BOARD_MIN_RATIO,
        "weight_bytes": WEIGHT_BUDGET_BYTES,
    }
    return result


def misses(result: dict) -> list[str]:
    out = []
    b, db = result["burst"], result["burst"]["database"]
    if b["booked"] != 100 or b["refused_full"] != b["bookings"] - 100 or b["errors"]:
        out.append(
            f"queues burst: {b['booked']} booked, {b['refused_full']} refused, errors {b['errors']}"
        )
    if db["holding_place"] != 100 or db["slot_taken"] != 100 or db["bookings"] != 100:
        out.append(f"queues burst: the database holds {db}")
    if result["latency"]["p95_ms"] > BOOKING_P95_BUDGET_MS or result["latency"]["errors"]:
        out.append(
            f"queues: booking p95 {result['latency']['p95_ms']} ms > {BOOKING_P95_BUDGET_MS}"
        )
    for row in result["weights"]:
        if row["status"] != 200 or row["kb"] * 1000 > WEIGHT_BUDGET_BYTES:
            out.append(f"queues: {row['path']} HTTP {row['status']}, {row['kb']} KB")
        if row["third_party"] > THIRD_PARTY_BUDGET:
            out.append(f"queues: {row['path']} loads from other hosts")
    ratio = result["throughput"]["board 304"]["ratio"]
    if ratio < BOARD_MIN_RATIO:
        out.append(f"queues: board JSON (304) at {ratio} × bare < {BOARD_MIN_RATIO}")
    boards = result["boards"]
    if boards["delay_p95_s"] > BOARD_DELAY_P95_BUDGET_S or boards["missed"] or boards["errors"]:
        out.append(
            f"queues: a call reaches the boards in {boards['delay_p95_s']} s at p95 "
            f"({boards['missed']} missed, {boards['errors']} errors)"
        )
    return out


def table(result: dict, database: str) -> str:
    b, db, lat, bo = (
        result["burst"],
        result["burst"]["database"],
        result["latency"],
        result["boards"],
    )
    lines = [
        f"queues suite — {database}, booking day {result['day']}",
        f"burst: {b['bookings']} bookings for 100 places ({b['concurrency']} in flight, "
        f"{b['gunicorn_workers']} workers, {b['seconds']} s): {b['booked']} booked, "
        f"{b['refused_full']} refused as full, errors {b['errors'] or 0}; "
        f"database: {db['bookings']} bookings, slot {db['slot_taken']}/{db['slot_capacity']}, "
        f"day {db['day_online_taken']}",
        f"booking latency ({lat['bookings']}, {lat['in_flight']} in flight): "
        f"p50 {lat['p50_ms']} ms, "
        f"p95 {lat['p95_ms']} ms (≤ {BOOKING_P95_BUDGET_MS:.0f}), max {lat['max_ms']} ms, "
        f"errors {lat['errors']}",
        f"{'load':<12} {'req/s':>9} {'× bare':>7} {'p50 ms':>8} {'p95 ms':>8}",
    ]
    for name, row in result["throughput"].items():
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        lines.append(
            f"{name:<12} {row['requests_per_s']:>9.1f} {ratio:>7} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f}"
        )
    lines.append(
        f"boards: {bo['boards']} boards × {bo['seconds']} s, {bo['calls']} calls, "
        f"{bo['observations']} seen, {bo['missed']} missed; "
        f"call → board p50 {bo['delay_p50_s']} s, "
        f"p95 {bo['delay_p95_s']} s (≤ {BOARD_DELAY_P95_BUDGET_S}), max {bo['delay_max_s']} s; "
        f"{bo['polls_per_s']} polls/s, poll p95 {bo['poll_p95_ms']} ms, errors {bo['errors']}"
    )
    lines.append(f"{'page':<52} {'KB':>6} {'HTML KB':>8} 3rd-party")
    for row in result["weights"]:
        lines.append(
            f"{row['path']:<52} {row['kb']:>6.1f} {row['html_kb']:>8.1f} {row['third_party']:>3}"
            + ("" if row["status"] == 200 else f"  HTTP {row['status']}")
        )
    return "\n".join(lines)
