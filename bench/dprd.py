"""The DPRD suite (`--suite dprd`, issue 10): a dapil's page with 100 000 E-Pokir proposals,
"dukung" under contention, and the council pages' weight.

1. **Seed** (bench/seed_dprd.py, a child process with the bench environment): `--proposals`
   (100 000) proposals over every kelurahan (so over the six dapil), and `--supporters`
   (2 000) citizens with a verified e-mail address, each with a logged-in session.
2. **Weight** of `/dprd/`, the biggest dapil's page and a proposal's page (the pages suite's
   budgets: ≤ 60 KB, nothing from other hosts).
3. **Dapil page** with wrk: bare view, then `/dprd/dapil/<n>/` cycling over every dapil and
   its first `DAPIL_PAGES` pages of proposals (`?halaman=k`), then the bare view again. The
   dapil page keeps no page cache, so every request renders it (checked: a response with
   `X-Page-Cache` would be reported); the ratio uses the mean of the two bare runs.
4. **Supports** on a gunicorn with `--submit-workers` (8) sync workers: the `--supporters`
   accounts each POST "dukung" on the same proposal, `--dprd-concurrency` (200) in flight;
   then one more account POSTs it `--repeat-supports` (200) times on another proposal, all
   at once. Each person sends their own address in `X-Forwarded-For` (a trusted proxy, as in
   the queue suite), so a per-address limit would count them apart. A 302 back to the
   proposal is an answer; anything else is an error. Then the database is counted: support
   rows, distinct accounts and the proposal's `support_count` must be exactly 2 000 and 1.

The runner (`run`, `table`, `misses`) is imported by bench/run.py.
"""

import http.client
import json
import random
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import load
import queues
import server
from pages import THIRD_PARTY_BUDGET, WEIGHT_BUDGET_BYTES

DAPIL_MIN_RATIO = 0.35
DAPIL_PAGES = 4  # pages of 25 proposals per dapil that the load cycles through
DPRD_ENV = queues.QUEUE_ENV  # trust 127.0.0.1 as a proxy: each person has their own address


@dataclass
class Options:
    proposals: int = 100_000
    supporters: int = 2_000
    repeats: int = 200
    concurrency: int = 200
    burst_workers: int = 8
    workers: int = 2


def child(env: dict, action: str, state_path: Path, options: Options, output=None) -> None:
    command = [sys.executable, str(server.BENCH_DIR / "seed_dprd.py"), action]
    command += ["--state", str(state_path), "--proposals", str(options.proposals)]
    command += ["--supporters", str(options.supporters)]
    if output:
        command += ["--output", str(output)]
    subprocess.run(command, env=env, cwd=server.REPO_ROOT, check=True)


def support_path(state: dict, name: str) -> str:
    return f"/dprd/usulan/{state[name]['code']}/dukung/"


def support(base_url: str, path: str, session: str, address: str) -> str:
    """One "dukung" POST as a logged-in citizen: "ok" (a 302 back to the proposal), else
    "HTTP n" or the socket error's name. The CSRF secret is the client's own (as a cookie the
    browser got and the form's hidden field), as Django accepts an unmasked secret."""
    token = secrets.token_hex(16)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"sessionid={session}; csrftoken={token}",
        "X-Forwarded-For": address,
    }
    body = urlencode({"csrfmiddlewaretoken": token})
    try:
        status, answer, _text, _s = queues.request(base_url, "POST", path, body, headers)
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__
    if status == 302 and answer.get("Location", "").startswith("/dprd/usulan/"):
        return "ok"
    if status == 302:
        return f"302 to {answer.get('Location', '')[:40]}"
    return f"HTTP {status}"


def tally(outcomes: list[str]) -> tuple[int, dict]:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts.pop("ok", 0), counts


def supports(base_url: str, state: dict, options: Options) -> dict:
    sessions = list(enumerate(state["sessions"]))
    random.shuffle(sessions)
    path = support_path(state, "burst")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        outcomes = list(
            pool.map(lambda s: support(base_url, path, s[1], queues.address_of(s[0])), sessions)
        )
    burst_seconds = round(time.monotonic() - started, 1)
    answered, errors = tally(outcomes)
    path = support_path(state, "repeat")
    session = state["repeat_session"]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        outcomes = list(
            pool.map(
                lambda i: support(base_url, path, session, "10.255.0.1"), range(options.repeats)
            )
        )
    repeat_answered, repeat_errors = tally(outcomes)
    return {
        "accounts": len(sessions),
        "concurrency": options.concurrency,
        "gunicorn_workers": options.burst_workers,
        "answered": answered,
        "errors": errors,
        "seconds": burst_seconds,
        "repeats": options.repeats,
        "repeat_answered": repeat_answered,
        "repeat_errors": repeat_errors,
        "repeat_seconds": round(time.monotonic() - started, 1),
    }


def dapil_paths(state: dict) -> list[str]:
    paths = []
    for path in state["district_paths"]:
        paths += [path] + [f"{path}?halaman={page}" for page in range(2, DAPIL_PAGES + 1)]
    return paths


def page_cache_hits(base_url: str, paths: list[str]) -> int:
    """Responses that came from a page cache (the dapil page has none: 0 expected)."""
    hits = 0
    for path in paths:
        status, headers, _t, _s = queues.request(base_url, "GET", path)
        if status != 200:
            raise RuntimeError(f"{path} answers HTTP {status}")
        hits += headers.get("X-Page-Cache") == "hit"
    return hits


def throughput(wrk: str, base_url: str, state: dict, settings, workdir: Path) -> dict:
    paths = dapil_paths(state)
    figures = {"bare-start": load.measure(wrk, base_url + "/bench/bare/", settings).as_dict()}
    print(f"dprd: wrk /dprd/dapil/<n>/ over {len(paths)} pages", flush=True)
    script = load.paths_script(paths, workdir, "dprd-dapil")
    figures["dapil"] = load.measure(wrk, base_url + paths[0], settings, script=script).as_dict()
    figures["bare-end"] = load.measure(wrk, base_url + "/bench/bare/", settings).as_dict()
    bare = (figures["bare-start"]["requests_per_s"] + figures["bare-end"]["requests_per_s"]) / 2
    figures["dapil"]["ratio"] = round(figures["dapil"]["requests_per_s"] / bare, 3) if bare else 0
    figures["dapil"]["paths"] = len(paths)
    figures["dapil"]["page_cache_hits"] = page_cache_hits(base_url, paths[:6])
    return figures


def biggest_district_path(state: dict) -> str:
    number = max(state["per_district"], key=lambda n: state["per_district"][n])
    return f"/dprd/dapil/{number}/"


def weights(base_url: str, state: dict) -> list[dict]:
    paths = ["/dprd/", biggest_district_path(state), f"/dprd/usulan/{state['burst']['code']}/"]
    return queues.weights(base_url, paths)


def run(env, workdir: Path, wrk: str, options: Options, settings: load.LoadSettings) -> dict:
    env = {**env, **DPRD_ENV}
    state_path, check_path = workdir / "dprd.json", workdir / "dprd-check.json"
    print(f"dprd: seeding {options.proposals} proposals, {options.supporters} supporters…")
    child(env, "seed", state_path, options)
    state = json.loads(state_path.read_text())
    result: dict = {
        "proposals": state["proposals"],
        "per_district": state["per_district"],
        "seed_seconds": state["seed_seconds"],
        "seed_total_seconds": state["seed_total_seconds"],
    }
    with server.gunicorn(env, workdir, options.workers) as base_url:
        print(f"dprd: weight and load on {base_url}", flush=True)
        result["weights"] = weights(base_url, state)
        result["throughput"] = throughput(wrk, base_url, state, settings, workdir)
    with server.gunicorn(env, workdir, options.burst_workers) as base_url:
        print(f"dprd: {options.supporters} supports on one proposal…", flush=True)
        result["supports"] = supports(base_url, state, options)
    child(env, "check", state_path, options, check_path)
    result["supports"]["database"] = json.loads(check_path.read_text())
    result["budgets"] = {"dapil_min_ratio": DAPIL_MIN_RATIO, "weight_bytes": WEIGHT_BUDGET_BYTES}
    return result


def support_checks(result: dict) -> list[tuple[str, bool]]:
    """The exact counts, as (line, passed)."""
    s, db = result["supports"], result["supports"]["database"]
    n = s["accounts"]
    burst, repeat = db["burst"], db["repeat"]
    return [
        (
            f"{n} accounts support one proposal: {s['answered']} answered, errors "
            f"{s['errors'] or 0}; database {burst['support_rows']} rows, "
            f"{burst['distinct_accounts']} accounts, count {burst['support_count']} (= {n})",
            s["answered"] == n
            and not s["errors"]
            and burst["support_rows"] == burst["distinct_accounts"] == burst["support_count"] == n,
        ),
        (
            f"one account supports {s['repeats']} times at once: {s['repeat_answered']} "
            f"answered, errors {s['repeat_errors'] or 0}; database {repeat['support_rows']} rows, "
            f"count {repeat['support_count']} (= 1)",
            s["repeat_answered"] == s["repeats"]
            and not s["repeat_errors"]
            and repeat["support_rows"] == repeat["support_count"] == 1,
        ),
    ]


def misses(result: dict) -> list[str]:
    out = [f"dprd: {line}" for line, passed in support_checks(result) if not passed]
    dapil = result["throughput"]["dapil"]
    if dapil["ratio"] < DAPIL_MIN_RATIO:
        out.append(f"dprd: /dprd/dapil/<n>/ at {dapil['ratio']} × bare < {DAPIL_MIN_RATIO}")
    if dapil["errors"]:
        out.append(f"dprd: /dprd/dapil/<n>/ errors {dapil['errors']}")
    for row in result["weights"]:
        if row["status"] != 200 or row["kb"] * 1000 > WEIGHT_BUDGET_BYTES:
            out.append(f"dprd: {row['path']} HTTP {row['status']}, {row['kb']} KB")
        if row["third_party"] > THIRD_PARTY_BUDGET:
            out.append(f"dprd: {row['path']} loads from other hosts")
    return out


def table(result: dict, database: str) -> str:
    per = ", ".join(f"{n}: {c}" for n, c in sorted(result["per_district"].items()))
    lines = [
        f"dprd suite — {database}, {result['proposals']} proposals (per dapil {per}; "
        f"seeded in {result['seed_seconds']} s)",
        f"{'load':<40} {'req/s':>9} {'× bare':>7} {'p50 ms':>8} {'p95 ms':>8}",
    ]
    for name, row in result["throughput"].items():
        label = name
        if name == "dapil":
            label = f"/dprd/dapil/<n>/ uncached ({row['paths']} pages)"
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        lines.append(
            f"{label:<40} {row['requests_per_s']:>9.1f} {ratio:>7} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f}"
        )
    dapil = result["throughput"]["dapil"]
    lines.append(
        f"dapil page: ≥ {DAPIL_MIN_RATIO} × bare: "
        f"{'PASS' if dapil['ratio'] >= DAPIL_MIN_RATIO else 'FAIL'}; page-cache hits "
        f"{dapil['page_cache_hits']} (the page keeps no page cache: every request renders)"
    )
    for line, passed in support_checks(result):
        lines.append(f"{'PASS' if passed else 'FAIL'}: {line}")
    s = result["supports"]
    lines.append(f"supports took {s['seconds']} s; repeats {s['repeat_seconds']} s")
    lines.append(f"{'page':<52} {'KB':>6} {'HTML KB':>8} 3rd-party")
    for row in result["weights"]:
        lines.append(
            f"{row['path']:<52} {row['kb']:>6.1f} {row['html_kb']:>8.1f} {row['third_party']:>3}"
            + ("" if row["status"] == 200 else f"  HTTP {row['status']}")
        )
    return "\n".join(lines)
