"""The complaints suite (`--cases N`): tracking page, staff inbox at two sizes, submissions.

Budgets (from the complaints issue):

* `/lacak/<code>/` of an existing case, a distinct code per request and no page-cache hit
  (`?bench=uncached`), ≥ TRACK_MIN_RATIO of the bare view's req/s; the page-cache figure
  is reported beside it;
* the staff inbox `/kantor/kasus/` of a DPU operator (the DPU holds 5 % of the cases, so
  50 000 of 1 000 000): p95 ≤ INBOX_P95_BUDGET_MS, and p95 at N cases ≤
  INBOX_GROWTH_BUDGET × p95 at the baseline size (10 000 by default);
* a burst of concurrent POST /aduan/baru/ with distinct idempotency keys creates exactly one
  case each, with unique tracking codes and no errors; a key sent many times at once
  creates one case.
"""

import http.client
import json
import random
import re
import secrets
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import load
import server

TRACK_MIN_RATIO = 0.35
INBOX_P95_BUDGET_MS = 60.0
INBOX_GROWTH_BUDGET = 1.5
INBOX_PATH = "/kantor/kasus/"
FORM_PATH = "/aduan/baru/"
SENT_PREFIX = "/aduan/terkirim/"
SUBMIT_TIMEOUT_S = 120
TRACK_WARMUP_S = 5
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Burst:
    """The submission burst, as the client saw it and as the database holds it afterwards."""

    sent: int = 0
    concurrency: int = 0
    gunicorn_workers: int = 0
    seconds: float = 0.0
    accepted: int = 0  # answered 302 to the "sent" page
    errors: dict[str, int] = field(default_factory=dict)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    distinct_codes_answered: int = 0
    duplicates_sent: int = 0
    duplicates_accepted: int = 0
    duplicate_codes_answered: int = 0  # distinct codes the repeated key was answered with
    cases_in_db: int = 0  # cases created with the burst's keys (distinct + repeated)
    unique_codes_in_db: int = 0
    keys_with_several_cases: int = 0
    answers_match_db: bool = False
    answered_codes: set[str] = field(default_factory=set, repr=False)

    def as_dict(self) -> dict:
        document = asdict(self)
        del document["answered_codes"]
        return document

    @property
    def expected_cases(self) -> int:
        return self.sent + (1 if self.duplicates_sent else 0)


@dataclass
class CaseSuite:
    cases: int
    baseline_cases: int
    staff_unit: str = ""
    staff_unit_cases: int = 0
    all_cases: int = 0
    seed_seconds: dict[str, float] = field(default_factory=dict)
    inbox_connections: int = 0
    inbox: dict[int, load.LoadResult] = field(default_factory=dict)  # size → latency run
    track: load.LoadResult | None = None
    track_uncached: load.LoadResult | None = None  # a query string bypasses the page cache
    tracked_cases: int = 0
    track_cache_hits: int = 0  # of tracked_cases, sampled right after the measurement
    bare: list[load.LoadResult] = field(default_factory=list)
    burst: Burst | None = None

    def reference_rps(self) -> float:
        return sum(r.requests_per_s for r in self.bare) / len(self.bare) if self.bare else 0.0

    def ratio(self, result: load.LoadResult | None) -> float:
        reference = self.reference_rps()
        return result.requests_per_s / reference if result and reference else 0.0

    def track_ratio(self) -> float:
        return self.ratio(self.track)

    def inbox_growth(self) -> float | None:
        if self.baseline_cases not in self.inbox or self.cases not in self.inbox:
            return None
        base = self.inbox[self.baseline_cases].p95_ms
        return self.inbox[self.cases].p95_ms / base if base else None

    def as_dict(self) -> dict:
        return {
            "cases": self.cases,
            "baseline_cases": self.baseline_cases,
            "staff_unit": self.staff_unit,
            "staff_unit_cases": self.staff_unit_cases,
            "all_cases": self.all_cases,
            "seed_seconds": self.seed_seconds,
            "inbox_connections": self.inbox_connections,
            "inbox": {str(size): r.as_dict() for size, r in self.inbox.items()},
            "inbox_growth": self.inbox_growth(),
            "track": self.track.as_dict() if self.track else None,
            "track_uncached": self.track_uncached.as_dict() if self.track_uncached else None,
            "track_uncached_ratio": round(self.ratio(self.track_uncached), 3),
            "tracked_cases": self.tracked_cases,
            "track_cache_hits": self.track_cache_hits,
            "bare_reference_rps": round(self.reference_rps(), 1),
            "track_ratio": round(self.track_ratio(), 3),
            "burst": self.burst.as_dict() if self.burst else None,
            "budgets": {
                "track_min_ratio": TRACK_MIN_RATIO,
                "inbox_p95_ms": INBOX_P95_BUDGET_MS,
                "inbox_growth": INBOX_GROWTH_BUDGET,
            },
        }


def read_state(path: Path) -> dict:
    return json.loads(path.read_text())


def session_headers(state: dict) -> dict[str, str]:
    return {"Cookie": f"sessionid={state['session']}"}


def check_inbox(base_url: str, state: dict) -> None:
    """The session must reach the inbox itself, not a login or TOTP redirect."""
    status, _headers, _body = get(base_url, INBOX_PATH, session_headers(state))
    if status != 200:
        raise RuntimeError(f"{INBOX_PATH} answers HTTP {status} to the seeded staff session")


def measure_inbox(
    wrk: str, base_url: str, state: dict, settings: load.LoadSettings, rounds: int
) -> load.LoadResult:
    print(
        f"Load: {INBOX_PATH} as a {state['staff_unit']} operator at {state['cases']} cases "
        f"({settings.connections} connections, {rounds} × {settings.duration} s)",
        flush=True,
    )
    url = base_url + INBOX_PATH
    return load.measure(wrk, url, settings, headers=session_headers(state), rounds=rounds)


def measure_tracking(
    wrk: str,
    base_url: str,
    state: dict,
    settings: load.LoadSettings,
    workdir: Path,
    uncached: bool = False,
) -> load.LoadResult:
    """Cycle through the tracked cases. Anonymous visitors get the page cache (after the
    warm-up every case is in each worker's copy); with `uncached`, a query string that the
    view ignores makes every request render the page (a first visit)."""
    suffix = "?bench=uncached" if uncached else ""
    paths = [path + suffix for path in state["track_paths"]]
    for path in paths[:3]:
        status, _headers, _body = get(base_url, path)
        if status != 200:
            raise RuntimeError(f"{path} answers HTTP {status}")
    label = "uncached" if uncached else "page cache"
    print(f"Load: /lacak/<code>/{suffix} over {len(paths)} seeded cases ({label})", flush=True)
    script = load.paths_script(paths, workdir, "lacak-uncached" if uncached else "lacak")
    if not uncached:
        # Long enough for every case to reach each worker's copy at least once.
        settings = replace(settings, warmup=max(settings.warmup, TRACK_WARMUP_S))
    return load.measure(wrk, base_url + paths[0], settings, script=script)


def cache_hits(base_url: str, state: dict) -> int:
    """How many tracked cases a new request finds in the page cache (of whichever worker)."""
    hits = 0
    for path in state["track_paths"]:
        _status, headers, _body = get(base_url, path)
        hits += headers.get("X-Page-Cache") == "hit"
    return hits


def measure_bare(wrk: str, base_url: str, settings: load.LoadSettings) -> load.LoadResult:
    print("Load: /bench/bare/", flush=True)
    return load.measure(wrk, base_url + "/bench/bare/", settings)


# --- The submission burst ---------------------------------------------------------------------


def connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=SUBMIT_TIMEOUT_S)


def get(base_url: str, path: str, headers: dict | None = None) -> tuple[int, object, str]:
    conn = connection(base_url)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def csrf_pair(base_url: str) -> tuple[str, str]:
    """The CSRF cookie and form token from one GET of the form; every POST reuses them."""
    status, headers, body = get(base_url, FORM_PATH)
    cookie = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        cookie.load(value)
    match = TOKEN_INPUT.search(body)
    if status != 200 or "csrftoken" not in cookie or match is None:
        raise RuntimeError(f"{FORM_PATH}: no CSRF cookie or token (HTTP {status})")
    return cookie["csrftoken"].value, match.group(1)


def complaint_form(index: int, key: str, token: str, choices: dict) -> str:
    return urlencode(
        {
            "csrfmiddlewaretoken": token,
            "subtype": "pengaduan",
            "category": choices["category"],
            "title": f"Lampu jalan mati, uji serentak {index}",
            "description": "Lampu penerangan jalan di depan gang mati sejak tiga malam.",
            "kelurahan": choices["kelurahan"],
            "rt": f"{index % 30 + 1}",
            "street": f"Jl. Uji Serentak No. {index}",
            "identity": "named",
            "reporter_email": f"pelapor-{index}@bench.invalid",
            "idempotency_key": key,
        }
    )


def post_complaint(base_url: str, cookie: str, body: str) -> tuple[str, str, float]:
    """POST one complaint; returns (outcome, tracking code or "", seconds)."""
    started = time.monotonic()
    conn = connection(base_url)
    try:
        conn.request(
            "POST",
            FORM_PATH,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )
        response = conn.getresponse()
        response.read()
        location = response.headers.get("Location", "")
        if response.status == 302 and location.startswith(SENT_PREFIX):
            return "ok", location[len(SENT_PREFIX) :].strip("/"), time.monotonic() - started
        return f"HTTP {response.status}", "", time.monotonic() - started
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__, "", time.monotonic() - started
    finally:
        conn.close()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def submission_burst(
    base_url: str, state: dict, count: int, duplicates: int, concurrency: int, key_prefix: str
) -> Burst:
    """`count` complaints with distinct keys plus `duplicates` sharing one key, shuffled
    together and kept `concurrency` in flight at a time."""
    cookie, token = csrf_pair(base_url)
    jobs = [(i, f"{key_prefix}{i:06d}") for i in range(count)]
    repeated_key = f"{key_prefix}repeated"
    jobs += [(count + i, repeated_key) for i in range(duplicates)]
    random.Random(0).shuffle(jobs)
    print(
        f"Submissions: {count} complaints + {duplicates} with one repeated key, "
        f"{concurrency} in flight",
        flush=True,
    )

    def send(job):
        index, key = job
        body = complaint_form(index, key, token, state["form"])
        return key, *post_complaint(base_url, cookie, body)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        answers = list(pool.map(send, jobs))
    burst = Burst(sent=count, concurrency=concurrency, seconds=round(time.monotonic() - started, 2))
    latencies = [seconds * 1000 for _key, _outcome, _code, seconds in answers]
    burst.p50_ms = round(percentile(latencies, 0.50), 1)
    burst.p95_ms = round(percentile(latencies, 0.95), 1)
    burst.max_ms = round(max(latencies, default=0.0), 1)
    outcomes = Counter(outcome for _key, outcome, _code, _s in answers)
    burst.errors = {name: n for name, n in outcomes.items() if name != "ok"}
    distinct = [(outcome, code) for key, outcome, code, _s in answers if key != repeated_key]
    repeated = [(outcome, code) for key, outcome, code, _s in answers if key == repeated_key]
    burst.accepted = sum(1 for outcome, _code in distinct if outcome == "ok")
    burst.distinct_codes_answered = len({code for outcome, code in distinct if outcome == "ok"})
    burst.duplicates_sent = duplicates
    burst.duplicates_accepted = sum(1 for outcome, _code in repeated if outcome == "ok")
    burst.duplicate_codes_answered = len({code for outcome, code in repeated if outcome == "ok"})
    burst.answered_codes = {code for _key, outcome, code, _s in answers if outcome == "ok"}
    return burst


def db_check(env: dict[str, str], key_prefix: str) -> dict:
    """Ask the database (through seed.py, with the bench environment) what the burst made."""
    command = [sys.executable, str(server.BENCH_DIR / "seed.py"), "--check-submissions"]
    result = subprocess.run(
        [*command, key_prefix],
        env=env,
        cwd=server.REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def record_db_check(burst: Burst, check: dict) -> None:
    burst.cases_in_db = check["cases"]
    burst.unique_codes_in_db = check["unique_codes"]
    burst.keys_with_several_cases = check["keys_with_several_cases"]
    burst.answers_match_db = set(check["codes"]) == burst.answered_codes


def new_key_prefix() -> str:
    return f"bench-{secrets.token_hex(4)}-"


# --- Budgets ----------------------------------------------------------------------------------


def misses(suite: CaseSuite) -> list[str]:
    found = []
    if suite.track is not None and suite.track.errors:
        found.append(f"/lacak/<code>/: errors under load {suite.track.errors}")
    if suite.track_uncached is not None:
        # The budget is the page's own speed: a distinct code per request, no page-cache hit
        # (issue #14); the page-cache figure is reported beside it.
        ratio = suite.ratio(suite.track_uncached)
        if ratio < TRACK_MIN_RATIO:
            found.append(
                f"/lacak/<code>/ uncached: {ratio:.0%} of the bare view's req/s, "
                f"needs ≥ {TRACK_MIN_RATIO:.0%}"
            )
        if suite.track_uncached.errors:
            found.append(
                f"/lacak/<code>/ uncached: errors under load {suite.track_uncached.errors}"
            )
    for size, result in suite.inbox.items():
        if result.errors:
            found.append(f"{INBOX_PATH} at {size} cases: errors under load {result.errors}")
    if suite.cases in suite.inbox and suite.inbox[suite.cases].p95_ms > INBOX_P95_BUDGET_MS:
        found.append(
            f"{INBOX_PATH} at {suite.cases} cases: p95 {suite.inbox[suite.cases].p95_ms:.1f} ms, "
            f"budget {INBOX_P95_BUDGET_MS:.0f} ms"
        )
    growth = suite.inbox_growth()
    if growth is not None and growth > INBOX_GROWTH_BUDGET:
        found.append(
            f"{INBOX_PATH}: p95 at {suite.cases} cases is {growth:.2f}× the p95 at "
            f"{suite.baseline_cases}, budget {INBOX_GROWTH_BUDGET}×"
        )
    if suite.burst is not None:
        found += burst_misses(suite.burst)
    return found


def burst_misses(burst: Burst) -> list[str]:
    found = []
    if burst.errors:
        found.append(f"submissions: errors {burst.errors}")
    if burst.cases_in_db != burst.expected_cases:
        found.append(
            f"submissions: {burst.cases_in_db} cases in the database, expected "
            f"{burst.expected_cases} ({burst.sent} distinct keys + 1 repeated key)"
        )
    if burst.unique_codes_in_db != burst.cases_in_db:
        found.append(
            f"submissions: {burst.unique_codes_in_db} unique codes for {burst.cases_in_db} cases"
        )
    if burst.keys_with_several_cases:
        found.append(f"submissions: {burst.keys_with_several_cases} keys made several cases")
    if burst.duplicates_sent and burst.duplicate_codes_answered != 1:
        found.append(
            f"submissions: the repeated key was answered with "
            f"{burst.duplicate_codes_answered} different codes, expected 1"
        )
    if not burst.answers_match_db:
        found.append("submissions: the codes answered differ from the codes in the database")
    return found


# --- Table ------------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "NO")


def table(suite: CaseSuite, database: str) -> str:
    rows = []
    for size, result in sorted(suite.inbox.items()):
        budget = f"≤ {INBOX_P95_BUDGET_MS:.0f} ms" if size == suite.cases else ""
        ok = result.p95_ms <= INBOX_P95_BUDGET_MS if size == suite.cases else None
        rows.append(
            (
                f"inbox p95 at {size} cases",
                f"{result.p95_ms:.1f} ms (p50 {result.p50_ms:.1f}, {result.requests_per_s:.0f}/s"
                + (
                    f", rounds {'/'.join(f'{p:.0f}' for p in result.p95_rounds)})"
                    if result.p95_rounds
                    else ")"
                ),
                budget,
                verdict(ok if not result.errors else False),
            )
        )
    growth = suite.inbox_growth()
    if growth is not None:
        rows.append(
            (
                f"inbox p95 {suite.cases} / {suite.baseline_cases}",
                f"{growth:.2f}×",
                f"≤ {INBOX_GROWTH_BUDGET}×",
                verdict(growth <= INBOX_GROWTH_BUDGET),
            )
        )
    if suite.track is not None:
        track = suite.track
        rows.append(
            (
                "/lacak/<code>/ × bare",
                f"{suite.track_ratio():.2f} ({track.requests_per_s:.0f}/s, "
                f"p95 {track.p95_ms:.1f} ms, {suite.track_cache_hits}/{suite.tracked_cases} "
                "cached)",
                "(report only)",
                verdict(None if not track.errors else False),
            )
        )
    if suite.track_uncached is not None:
        uncached = suite.track_uncached
        rows.append(
            (
                "/lacak/<code>/?… uncached × bare",
                f"{suite.ratio(uncached):.2f} ({uncached.requests_per_s:.0f}/s, "
                f"p95 {uncached.p95_ms:.1f} ms)",
                f"≥ {TRACK_MIN_RATIO}",
                verdict(suite.ratio(uncached) >= TRACK_MIN_RATIO and not uncached.errors),
            )
        )
    if suite.burst is not None:
        burst = suite.burst
        rows.append(
            (
                f"submissions ({burst.concurrency} in flight, {burst.gunicorn_workers} workers)",
                f"{burst.accepted}/{burst.sent} accepted, {burst.cases_in_db} cases, "
                f"{burst.unique_codes_in_db} codes, errors {sum(burst.errors.values())}, "
                f"{burst.seconds:.1f} s, p95 {burst.p95_ms:.0f} ms",
                f"{burst.expected_cases} cases, 0 errors",
                verdict(not burst_misses(burst)),
            )
        )
        rows.append(
            (
                f"repeated key × {burst.duplicates_sent}",
                f"{burst.duplicates_accepted} accepted, {burst.duplicate_codes_answered} code(s)",
                "1 case",
                verdict(burst.duplicate_codes_answered == 1 and not burst.keys_with_several_cases),
            )
        )
    title = (
        f"complaints suite — {database}, {suite.all_cases} cases in the database, "
        f"{suite.staff_unit_cases} of {suite.staff_unit}; inbox with "
        f"{suite.inbox_connections} connections, bare {suite.reference_rps():.0f} req/s"
    )
    width = max(len(r[0]) for r in rows) if rows else 10
    value_width = max(len(r[1]) for r in rows) if rows else 10
    lines = [title, f"{'measure':<{width}}  {'figure':<{value_width}}  {'budget':<18} ok"]
    lines += [f"{a:<{width}}  {b:<{value_width}}  {c:<18} {d}" for a, b, c, d in rows]
    return "\n".join(lines)
