"""Where a server-rendered page spends its time: cProfile in-process, no wrk, no gunicorn.

    python bench/profile_pages.py --workdir /tmp/sp-profile            # seed once, then profile
    python bench/profile_pages.py --workdir /tmp/sp-profile --top 40 --paths /privasi/
    python bench/profile_pages.py --workdir /tmp/sp-leaders --leaders 20000 \
        --paths /bench/bare/ /transparansi/ "/kantor/dasbor/<city>" "/kantor/dasbor/<unit>"
    python bench/profile_pages.py --workdir /tmp/sp-search --services 1000 --news 10000 \
        --projects 5000 --paths /bench/bare/ "/cari/?q=pembangunn+jalan+sepinggan&bench=uncached"

The first run prepares a database in `--workdir` (migrate, reference data, collectstatic, a
few seeded complaint cases and DPRD proposals; `--services`, `--news`, `--projects` for what
one search reads) with the same production-like environment as
`make bench` (DEBUG off, whitenoise manifest, cached template loader); later runs reuse it
with the secrets saved beside it. Each path is then requested `--rounds` times with Django's
test client (the full middleware stack, no network) and reported in ms per request next to
the bare view's, then profiled: the functions with the most own time and the most cumulative
time, so the cost of each middleware, context processor, tag and template shows.

`--leaders N` (first run only) also seeds the leaders suite's data (bench/seed_leaders.py: N
complaints, N/5 applications over the catalogue, the rollup of 120 days) and its two viewers:
`/kantor/dasbor/<city>` is the dashboard as the city's head, `<unit>` as the DPU's head.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import server  # noqa: E402

DEFAULT_PATHS = ["/bench/bare/", "/privasi/", "/lacak/<code>/", "/dprd/dapil/<n>/"]


def prepare(
    workdir: Path, cases: int, proposals: int, onedoor: list[str], leaders: int = 0
) -> dict:
    env_path = workdir / "env.json"
    if env_path.exists():
        return json.loads(env_path.read_text())
    workdir.mkdir(parents=True, exist_ok=True)
    env = server.bench_environment(server.database_url(None, workdir), workdir)
    state = workdir / "cases.json"
    extra = list(onedoor)
    if leaders and extra[1] == "0":  # the leaders' service figure needs a catalogue
        extra[1] = "60"
    server.prepare_database(env, 10, "data/balikpapan", cases=cases, state=state, extra=extra)
    command = [sys.executable, str(BENCH_DIR / "seed_dprd.py"), "seed"]
    command += ["--state", str(workdir / "dprd.json"), "--proposals", str(proposals)]
    command += ["--supporters", "5"]
    subprocess.run(command, env=env, cwd=server.REPO_ROOT, check=True)
    if leaders:
        command = [sys.executable, str(BENCH_DIR / "seed_leaders.py"), "--cases", str(leaders)]
        command += ["--applications", str(leaders // 5), "--busy-events", str(leaders // 10)]
        command += ["--state", str(workdir / "leaders.json"), "--rounds", "1"]
        subprocess.run(command, env=env, cwd=server.REPO_ROOT, check=True)
    keep = {k: v for k, v in env.items() if k.startswith("SP_") or k == "DJANGO_SETTINGS_MODULE"}
    env_path.write_text(json.dumps(keep))
    return keep


def expand(paths: list[str], workdir: Path) -> list[tuple[str, list[str]]]:
    """Each path with the URLs it cycles through (a distinct code per request); a leaders'
    dashboard URL carries its viewer's session after a space."""
    cases = json.loads((workdir / "cases.json").read_text())
    dprd = json.loads((workdir / "dprd.json").read_text())
    out = []
    for path in paths:
        if path == "/lacak/<code>/":
            out.append((path, [p + "?bench=uncached" for p in cases["track_paths"]]))
        elif path in ("/kantor/dasbor/<city>", "/kantor/dasbor/<unit>"):
            sessions = json.loads((workdir / "leaders.json").read_text())["sessions"]
            out.append((path, [f"/kantor/dasbor/ {sessions[path[16:-1]]}"]))
        elif path == "/kantor/kasus/":  # the staff inbox, as the seeded DPU operator
            out.append((path, [f"{path} {cases['session']}"]))
        elif path == "/dprd/dapil/<n>/":
            out.append((path, list(dprd["district_paths"])))
        else:
            out.append((path, [path]))
    return out


def environ(url: str) -> dict:
    """What gunicorn hands the WSGI application for a plain GET from a browser."""
    url, _, session = url.partition(" ")
    path, _, query = url.partition("?")
    cookie = {"HTTP_COOKIE": f"sessionid={session}"} if session else {}
    return {
        **cookie,
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_ENCODING": "gzip, br",
        "HTTP_USER_AGENT": "profile_pages",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def timed(application, urls: list[str], rounds: int) -> float:
    """CPU ms per request through the WSGI application itself (the full middleware stack);
    CPU time, not wall time, so other jobs on a shared machine disturb it less."""
    started = time.process_time()
    for i in range(rounds):
        url = urls[i % len(urls)]
        status: list[str] = []
        body = application(environ(url), lambda s, h, *a, seen=status: seen.append(s))
        b"".join(body)
        body.close()
        if not status[0].startswith("200"):
            raise SystemExit(f"{url}: {status[0]}")
    return (time.process_time() - started) / rounds * 1000


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--proposals", type=int, default=5000)
    parser.add_argument("--leaders", type=int, default=0, help="seed the leaders suite (N cases)")
    parser.add_argument("--services", type=int, default=0, help="catalogue size (seed only)")
    parser.add_argument("--news", type=int, default=0, help="published news (seed only)")
    parser.add_argument("--projects", type=int, default=0, help="projects (seed only)")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--no-profile", action="store_true", help="timings only")
    args = parser.parse_args(argv)

    onedoor = ["--services", str(args.services), "--news", str(args.news)]
    onedoor += ["--projects", str(args.projects)]
    env = prepare(args.workdir, args.cases, args.proposals, onedoor, args.leaders)
    os.environ.update(env)
    os.environ["PYTHONPATH"] = str(server.REPO_ROOT / "src")
    sys.path.insert(0, str(server.REPO_ROOT / "src"))
    from django.core.wsgi import get_wsgi_application

    client = get_wsgi_application()
    targets = expand(args.paths, args.workdir)
    for _path, urls in targets:  # warm every cache a worker would have warm
        timed(client, urls, min(len(urls) * 2, 50))
    figures = {path: timed(client, urls, args.rounds) for path, urls in targets}
    bare = figures.get("/bench/bare/")
    print(f"{'path':<24} {'ms/request':>10} {'× bare':>8}")
    for path, ms in figures.items():
        ratio = f"{bare / ms:8.2f}" if bare else ""
        print(f"{path:<24} {ms:10.2f} {ratio}")
    if args.no_profile:
        return
    for path, urls in targets:
        if path == "/bench/bare/":
            continue
        profiler = cProfile.Profile()
        profiler.enable()
        timed(client, urls, args.rounds)
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
            stats.print_stats(args.top)
            print(f"\n===== {path} by {order} ({args.rounds} requests) =====")
            print(out.getvalue().split("\n", 4)[-1])


if __name__ == "__main__":
    main(sys.argv[1:])
