"""`make bench`: Satu Pintu under load on loopback, reported as ratios to a bare Django view.

    make bench BENCH_ARGS="--records 10000"
    make bench BENCH_ARGS="--records 10 --services 20 --news 50 --projects 30 --datasets 20"
    make bench BENCH_ARGS="--cases 1000000"        # + the complaints suite (complaints.py)

Prepares a fresh database (SQLite in a temp dir, or --database-url), starts gunicorn on a free
loopback port, measures page weight and then load with wrk, prints two tables and writes
bench/results/<YYYY-MM-DD>.json. See bench/README.md.
"""

import argparse
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import applications as applications_suite
import complaints
import dprd as dprd_suite
import leaders as leaders_suite
import letters as letters_suite
import load
import opendata as opendata_suite
import queues as queues_suite
import report
import server
import uploads as uploads_suite
import weight
from pages import (
    BARE,
    BARE_END,
    MAP_CITY_BBOX,
    MAP_POINTS,
    SEARCH_NEWS,
    SEARCH_PROJECTS,
    SEARCH_SERVICES,
    Page,
    load_pages,
    weight_pages,
)

RESULTS_DIR = server.BENCH_DIR / "results"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000, help="citizens to seed")
    parser.add_argument("--duration", type=int, default=5, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", help="e.g. postgres://… (default: temp SQLite)")
    parser.add_argument("--reference-data", default="data/balikpapan")
    parser.add_argument("--output", type=Path, help="JSON file (default bench/results/DATE.json)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    cases = parser.add_argument_group("complaints suite (bench/complaints.py)")
    cases.add_argument(
        "--suite",
        choices=[
            "pages",
            "complaints",
            "all",
            "letters",
            "applications",
            "uploads",
            "queues",
            "opendata",
            "dprd",
            "leaders",
        ],
        help="what to run (default: pages, or all when --cases is given)",
    )
    cases.add_argument(
        "--cases", type=int, default=0, help="complaint cases to seed (0: no complaints suite)"
    )
    cases.add_argument(
        "--baseline-cases",
        type=int,
        default=10_000,
        help="inbox measured first at this size, then at --cases (0: only at --cases)",
    )
    cases.add_argument(
        "--inbox-connections",
        type=int,
        help="wrk connections for the inbox latency (default: --workers, so no request "
        "waits for a free worker)",
    )
    cases.add_argument(
        "--inbox-rounds",
        type=int,
        default=3,
        help="inbox measurements per size; the one with the median p95 counts",
    )
    cases.add_argument("--submissions", type=int, default=1000, help="distinct complaints")
    cases.add_argument(
        "--duplicates", type=int, default=50, help="extra POSTs sharing one idempotency key"
    )
    cases.add_argument(
        "--submit-concurrency", type=int, default=64, help="submissions in flight at once"
    )
    cases.add_argument(
        "--submit-workers", type=int, default=8, help="gunicorn workers for the submissions"
    )
    mail = parser.add_argument_group("letters suite (bench/letters.py)")
    mail.add_argument(
        "--letters",
        type=int,
        default=0,
        help="letters to seed in one unit (0: no letters suite; --suite letters: 100 000)",
    )
    mail.add_argument(
        "--letter-rounds", type=int, default=200, help="requests per letter inbox measurement"
    )
    # applications suite (bench/applications.py)
    parser.add_argument(
        "--applications",
        type=int,
        default=0,
        help="online applications to submit, 3 × 1 MB each (0: none; --suite applications: 50)",
    )
    parser.add_argument(
        "--no-uploads",
        action="store_true",
        help="skip the uploads suite (a 2 MB file at 50 KB/s, about a minute; bench/uploads.py)",
    )
    parser.add_argument(
        "--datasets",
        type=int,
        default=None,
        help="published datasets for CKAN package_search (0: none; default 1 000 with the "
        "pages, all and opendata suites)",
    )
    onedoor = parser.add_argument_group("one door (issue #12): what /cari/ and the map search")
    onedoor.add_argument("--services", type=int, default=SEARCH_SERVICES, help="catalogue")
    onedoor.add_argument("--news", type=int, default=SEARCH_NEWS, help="published news items")
    onedoor.add_argument("--projects", type=int, default=SEARCH_PROJECTS, help="projects")
    onedoor.add_argument(
        "--map-points", type=int, default=MAP_POINTS, help="map points (projects + facilities)"
    )
    queue = parser.add_argument_group("queue suite (bench/queues.py, --suite queues)")
    queue.add_argument("--queue-bookings", type=int, default=2000, help="people for 100 places")
    queue.add_argument("--queue-concurrency", type=int, default=200, help="bookings in flight")
    queue.add_argument(
        "--queue-latency-bookings", type=int, default=200, help="bookings timed for the p95"
    )
    queue.add_argument("--boards", type=int, default=300, help="open display boards")
    queue.add_argument("--board-seconds", type=int, default=30, help="consoles call this long")
    queue.add_argument(
        "--call-interval", type=float, default=1.0, help="a console's pause between numbers (s)"
    )
    council = parser.add_argument_group("DPRD suite (bench/dprd.py, --suite dprd)")
    council.add_argument("--proposals", type=int, default=100_000, help="E-Pokir proposals")
    council.add_argument(
        "--supporters", type=int, default=2000, help="accounts supporting one proposal at once"
    )
    council.add_argument(
        "--repeat-supports", type=int, default=200, help="supports of one account at once"
    )
    council.add_argument(
        "--dprd-concurrency", type=int, default=200, help="supports in flight at once"
    )
    leaders = parser.add_argument_group("leaders suite (bench/leaders.py, --suite leaders)")
    leaders.add_argument(
        "--leader-cases", type=int, default=1_000_000, help="complaint cases (with the busy day)"
    )
    leaders.add_argument("--leader-applications", type=int, default=200_000, help="applications")
    leaders.add_argument(
        "--busy-events", type=int, default=50_000, help="new events on the timed day"
    )
    leaders.add_argument(
        "--rollup-days", type=int, default=120, help="days rolled up before the measurements"
    )
    args = parser.parse_args(argv)
    args.suite = args.suite or ("all" if args.cases else "pages")
    if args.suite == "applications" and args.applications <= 0:
        args.applications = applications_suite.DEFAULT_APPLICATIONS
    if args.datasets is None:
        # package_search's p95 is one of the one-door figures: `make bench` measures it.
        in_default_run = args.suite in ("pages", "all", "opendata")
        args.datasets = opendata_suite.DEFAULT_DATASETS if in_default_run else 0
    if args.suite == "opendata" and args.datasets <= 0:
        args.datasets = opendata_suite.DEFAULT_DATASETS
    if args.suite == "letters" and args.letters <= 0:
        args.letters = letters_suite.DEFAULT_LETTERS
    if args.suite in ("complaints", "all") and args.cases <= 0:
        parser.error("--suite complaints/all needs --cases N")
    if not 0 < args.baseline_cases < args.cases:
        args.baseline_cases = 0
    return args


def runs_pages(args: argparse.Namespace) -> bool:
    return args.suite in ("pages", "all")


def runs_complaints(args: argparse.Namespace) -> bool:
    return args.suite in ("complaints", "all")


def runs_uploads(args: argparse.Namespace) -> bool:
    return args.suite in ("pages", "all", "uploads") and not args.no_uploads


def runs_letters(args: argparse.Namespace) -> bool:
    return args.letters > 0


def stop_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so the `finally` that stops gunicorn still runs."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=server.REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def django_version() -> str:
    import django

    return django.get_version()


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def run_metadata(args: argparse.Namespace, wrk: str, db_url: str, load_before: list) -> dict:
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "records": args.records,
        "suite": args.suite,
        "cases": args.cases,
        "database": db_url.split(":", 1)[0],
        "gunicorn_workers": args.workers,
        "wrk": {
            "version": load.wrk_version(wrk),
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
        },
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "python": platform.python_version(),
        "django": django_version(),
        "platform": platform.platform(),
    }


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def check_pages(base_url: str, pages: list[Page]) -> None:
    for page in pages:
        status = status_of(base_url + page.path)
        if status != 200:
            print(f"warning: {page.path} answers HTTP {status}; its figures are not meaningful")


def measure_weights(base_url: str) -> dict[Page, weight.PageWeight]:
    print("Measuring page weight…", flush=True)
    return {
        page: (
            weight.measure_map_data(base_url, page.path, MAP_CITY_BBOX)
            if page.map_data
            else weight.measure_page(base_url, page.path)
        )
        for page in weight_pages()
    }


def measure_loads(base_url: str, wrk: str, settings: load.LoadSettings) -> dict:
    results = {}
    for page in [BARE, *load_pages(), BARE_END]:
        print(f"Load: {page.path} ({settings.warmup} s warm-up, {settings.duration} s)", flush=True)
        results[page] = load.measure(wrk, base_url + page.path, settings)
    return results


def load_settings(args: argparse.Namespace) -> load.LoadSettings:
    return load.LoadSettings(
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        threads=args.threads,
    )


def print_report(
    loads: dict, weights: dict, suite, database: str, misses: list[str], output: Path
) -> None:
    print()
    if loads:
        print(report.load_table(loads))
        print()
    if weights:
        print(report.weight_table(weights))
        print()
    if suite is not None:
        print(complaints.table(suite, database))
        print()
    for miss in misses:
        print(f"BUDGET MISSED: {miss}")
    if not misses:
        print("All budgets met.")
    print(f"Results written to {output}")


def print_noise_warnings(loads: dict, meta: dict) -> None:
    drift = report.bare_drift(loads)
    if drift > report.DRIFT_WARNING:
        print(f"note: the bare view's req/s moved {drift:.0%} between start and end: noisy run")
    # Only the load before the run says something about other processes: the run's own
    # gunicorn and wrk keep every CPU busy, so the load average after it is always high.
    before = meta["load_average_before"][0]
    if before > meta["cpus"] / 2:
        print(
            f"note: load average was {before} on {meta['cpus']} CPUs when the run started; "
            "other processes competed for the CPU, so compare ratios rather than absolute req/s"
        )


def inbox_settings(args: argparse.Namespace) -> load.LoadSettings:
    connections = args.inbox_connections or args.workers
    return load.LoadSettings(
        duration=args.duration,
        warmup=args.warmup,
        connections=connections,
        threads=min(args.threads, connections),
    )


def measure_case_pages(args, wrk, env, workdir, base_url, state_path) -> complaints.CaseSuite:
    """Inbox at the baseline size, extend the seed, inbox again, then the tracking page."""
    suite = complaints.CaseSuite(cases=args.cases, baseline_cases=args.baseline_cases)
    settings = inbox_settings(args)
    suite.inbox_connections = settings.connections
    state = complaints.read_state(state_path)
    complaints.check_inbox(base_url, state)
    if args.baseline_cases:
        suite.inbox[args.baseline_cases] = complaints.measure_inbox(
            wrk, base_url, state, settings, args.inbox_rounds
        )
        print(f"Seeding up to {args.cases} cases…", flush=True)
        started = time.monotonic()
        server.extend_cases(env, args.cases, state_path)
        suite.seed_seconds["extend"] = round(time.monotonic() - started, 1)
        suite.seed_seconds["flush"] = server.flush_writes()
        state = complaints.read_state(state_path)
    suite.inbox[args.cases] = complaints.measure_inbox(
        wrk, base_url, state, settings, args.inbox_rounds
    )
    suite.staff_unit = state["staff_unit"]
    suite.staff_unit_cases = state["staff_unit_cases"]
    suite.all_cases = state["all_cases"]
    suite.tracked_cases = len(state["track_paths"])
    page_settings = load_settings(args)
    suite.bare.append(complaints.measure_bare(wrk, base_url, page_settings))
    suite.track = complaints.measure_tracking(wrk, base_url, state, page_settings, workdir)
    suite.track_cache_hits = complaints.cache_hits(base_url, state)
    suite.track_uncached = complaints.measure_tracking(
        wrk, base_url, state, page_settings, workdir, uncached=True
    )
    suite.bare.append(complaints.measure_bare(wrk, base_url, page_settings))
    return suite


def run_submissions(args, env, workdir, state_path, suite: complaints.CaseSuite) -> None:
    """The burst runs on its own gunicorn with --submit-workers, so that many requests
    write to the database at the same time."""
    state = complaints.read_state(state_path)
    key_prefix = complaints.new_key_prefix()
    # The burst comes from one loopback address and few sessions; in the city it is many
    # citizens on many addresses. The complaint throttle (20/h per address) would answer 429
    # after the first few and the burst would measure the throttle, not the writes: turn it
    # off on this server only (an empty list of rates). A high limit is not enough: the
    # limiter (allauth's) waits at most 1 s for its per-address lock, and 64 submissions in
    # flight on one address queued longer than that, so 1 in 1 000 got 429 in one run.
    # tests/security covers the throttle itself.
    env = {**env, "SP_RATE_LIMIT_COMPLAINT": ""}
    with server.gunicorn(env, workdir, args.submit_workers) as base_url:
        print(f"gunicorn serving on {base_url} with {args.submit_workers} workers", flush=True)
        burst = complaints.submission_burst(
            base_url,
            state,
            args.submissions,
            args.duplicates,
            args.submit_concurrency,
            key_prefix,
        )
    burst.gunicorn_workers = args.submit_workers
    complaints.record_db_check(burst, complaints.db_check(env, key_prefix))
    suite.burst = burst


def benchmark(args: argparse.Namespace, wrk: str, workdir: Path) -> list[str]:
    load_before = load_average()
    db_url = server.database_url(args.database_url, workdir)
    database = db_url.split(":", 1)[0]
    env = server.bench_environment(db_url, workdir)
    state_path = workdir / "cases.json"
    first_cases = (args.baseline_cases or args.cases) if runs_complaints(args) else 0
    print(
        f"Preparing database ({args.records} records, {first_cases} cases, {database})…",
        flush=True,
    )
    started = time.monotonic()
    seed_sizes = ["--services", str(args.services), "--news", str(args.news)]
    seed_sizes += ["--projects", str(args.projects), "--map-points", str(args.map_points)]
    server.prepare_database(
        env, args.records, args.reference_data, first_cases, state_path, seed_sizes
    )
    seed_seconds = round(time.monotonic() - started, 1)
    weights, loads, suite = {}, {}, None
    # The letters suite times its views in-process, before gunicorn takes any CPU.
    letters = None
    if runs_letters(args):
        letters = letters_suite.run(env, workdir, args.letters, args.letter_rounds)
    # applications suite: in-process, like the letters suite.
    applications = None
    if args.applications > 0:
        applications = applications_suite.run(env, workdir, args.applications)
    # open-data suite: in-process, like the letters suite.
    opendata = opendata_suite.run(env, workdir, args.datasets) if args.datasets > 0 else None
    with server.gunicorn(env, workdir, args.workers) as base_url:
        print(f"gunicorn serving on {base_url} with {args.workers} workers", flush=True)
        if runs_pages(args):
            check_pages(base_url, [BARE, *load_pages(), *weight_pages()])
            weights = measure_weights(base_url)
            loads = measure_loads(base_url, wrk, load_settings(args))
        if runs_complaints(args):
            suite = measure_case_pages(args, wrk, env, workdir, base_url, state_path)
            suite.seed_seconds["prepare"] = seed_seconds
    if suite is not None:
        run_submissions(args, env, workdir, state_path, suite)
    queues = None
    if args.suite == "queues":
        options = queues_suite.Options(
            bookings=args.queue_bookings,
            concurrency=args.queue_concurrency,
            latency_bookings=args.queue_latency_bookings,
            boards=args.boards,
            board_seconds=args.board_seconds,
            call_interval=args.call_interval,
            burst_workers=args.submit_workers,
            workers=args.workers,
        )
        queues = queues_suite.run(env, workdir, wrk, options, load_settings(args))
    council = None
    if args.suite == "dprd":
        options = dprd_suite.Options(
            proposals=args.proposals,
            supporters=args.supporters,
            repeats=args.repeat_supports,
            concurrency=args.dprd_concurrency,
            burst_workers=args.submit_workers,
            workers=args.workers,
        )
        council = dprd_suite.run(env, workdir, wrk, options, load_settings(args))
    leaders = None
    if args.suite == "leaders":
        options = leaders_suite.Options(
            cases=args.leader_cases,
            applications=args.leader_applications,
            busy_events=args.busy_events,
            rollup_days=args.rollup_days,
            rounds=args.inbox_rounds,
            workers=args.workers,
        )
        leaders = leaders_suite.run(env, workdir, wrk, options, load_settings(args))
    # On its own gunicorn once the load tests are over: its figures are the link's, and the
    # access log it needs would slow the pages' req/s.
    uploads = uploads_suite.run(env, workdir) if runs_uploads(args) else None
    misses = report.load_misses(loads) + report.weight_misses(weights)
    if suite is not None:
        misses += complaints.misses(suite)
    if letters is not None:
        misses += letters_suite.misses(letters)
    if applications is not None:
        misses += applications_suite.misses(applications)
    if uploads is not None:
        misses += uploads_suite.misses(uploads)
    if queues is not None:
        misses += queues_suite.misses(queues)
    if opendata is not None:
        misses += opendata_suite.misses(opendata)
    if council is not None:
        misses += dprd_suite.misses(council)
    if leaders is not None:
        misses += leaders_suite.misses(leaders)
    output = args.output or RESULTS_DIR / f"{datetime.now():%Y-%m-%d}.json"
    meta = run_metadata(args, wrk, db_url, load_before)
    document = report.results_document(
        meta, loads, weights, misses, suite.as_dict() if suite else None
    )
    if letters is not None:
        document["letters"] = letters
        print()
        print(letters_suite.table(letters, database))
    if applications is not None:
        document["applications"] = applications
        print()
        print(applications_suite.table(applications, database))
    if queues is not None:
        document["queues"] = queues
        print()
        print(queues_suite.table(queues, database))
    if opendata is not None:
        document["opendata"] = opendata
        print()
        print(opendata_suite.table(opendata, database))
    if council is not None:
        document["dprd"] = council
        print()
        print(dprd_suite.table(council, database))
    if leaders is not None:
        document["leaders"] = leaders
        print()
        print(leaders_suite.table(leaders, database))
    if uploads is not None:
        document["uploads"] = uploads
        print()
        print(uploads_suite.table(uploads))
    report.write_json(output, document)
    print_report(loads, weights, suite, database, misses, output)
    print_noise_warnings(loads, meta)
    return misses


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    wrk = load.find_wrk()
    if wrk is None:
        print(load.MISSING_WRK, file=sys.stderr)
        return 2
    stop_on_sigterm()
    with tempfile.TemporaryDirectory(prefix="satupintu-bench-") as workdir:
        misses = benchmark(args, wrk, Path(workdir))
    return 1 if misses and args.strict else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
