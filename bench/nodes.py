"""One app node against two, through nginx, on the local cluster (issue #14).

    make cluster                     # PostgreSQL, Redis, moto, 2 nodes, nginx (docs/deploy.md)
    .venv/bin/python bench/nodes.py  # --duration 10 --connections 8
    make cluster-down

With wrk through the cluster's nginx, cycling over the six dapil pages and their first four
pages of proposals (no page cache: every request renders and reads PostgreSQL):

1. **two nodes**: web1 and web2 behind nginx;
2. **one node**: web2 stopped (SIGTERM, as a deploy would), nginx sends everything to web1;
3. **two nodes again**, web2 started;
4. **a node killed under load**: wrk runs for `--duration` while web1 gets `kill -9` a quarter
   of the way in and is started again halfway; every answer must be a 2xx/3xx and wrk must
   see no socket error (nginx passes a GET whose node died to the other one,
   `proxy_next_upstream error timeout`).

On a 2-core machine this shows the cost of a second node (its processes share the same two
cores with nginx, PostgreSQL and wrk), not scaling: two nodes on two machines are what
scale. The figures are printed and written to `--json`.
"""

import argparse
import json
import signal
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT / "scripts"))

import cluster  # noqa: E402
import load  # noqa: E402

PATHS = [f"/dprd/dapil/{n}/?halaman={k}" for n in range(1, 7) for k in range(1, 5)]


def measure(wrk: str, base: str, settings: load.LoadSettings, script: Path) -> dict:
    result = load.measure(wrk, base + "/", settings, script=script)
    return result.as_dict()


def killed_under_load(wrk: str, base: str, settings: load.LoadSettings, script: Path) -> dict:
    """wrk for `duration` seconds; web1 killed at a quarter, started again at half."""
    events = []

    def fault():
        time.sleep(settings.duration / 4)
        cluster.stop("web1", signal.SIGKILL)
        events.append(("web1 kill -9", round(time.monotonic() - began, 1)))
        time.sleep(settings.duration / 4)
        cluster.start("web1")
        events.append(("web1 started", round(time.monotonic() - began, 1)))

    began = time.monotonic()
    thread = threading.Thread(target=fault)
    thread.start()
    raw = load.run_wrk(wrk, base + "/", settings.duration, settings, script=script)
    thread.join()
    result = load.to_result(raw).as_dict()
    result["events"] = events
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "cluster" / "nodes.json")
    args = parser.parse_args(argv)

    wrk = load.find_wrk()
    if wrk is None:
        print(load.MISSING_WRK, file=sys.stderr)
        return 2
    if not (cluster.alive("nginx") and cluster.alive("web1") and cluster.alive("web2")):
        print("bench/nodes.py: the cluster is not running; start it with `make cluster`.")
        return 2
    base = f"http://127.0.0.1:{cluster.PORTS['nginx']}"
    settings = load.LoadSettings(args.duration, args.warmup, args.connections, args.threads)
    script = load.paths_script(PATHS, cluster.STATE, "nodes")

    figures = {"two nodes": measure(wrk, base, settings, script)}
    cluster.stop("web2")
    figures["one node"] = measure(wrk, base, settings, script)
    cluster.start("web2")
    time.sleep(6)  # nginx's fail_timeout (5 s) before it tries web2 again
    figures["two nodes again"] = measure(wrk, base, settings, script)
    figures["web1 killed under load"] = killed_under_load(wrk, base, settings, script)

    print(f"\nnodes — through nginx, {len(PATHS)} dapil pages, {args.connections} connections")
    print(f"{'load':<26} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'requests':>9}  errors")
    for name, result in figures.items():
        print(
            f"{name:<26} {result['requests_per_s']:>9.1f} {result['p50_ms']:>8.1f} "
            f"{result['p95_ms']:>8.1f} {result['requests']:>9}  {result['errors'] or 0}"
        )
    one, two = figures["one node"]["requests_per_s"], figures["two nodes"]["requests_per_s"]
    print(
        f"two nodes / one node: {two / one:.2f} × (one machine: the second node shares the "
        "same cores, so this is its overhead, not scaling)"
        if one
        else ""
    )
    killed = figures["web1 killed under load"]
    print(f"web1 killed under load: {killed['events']}; failed requests: {killed['errors'] or 0}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2))
    return 1 if killed["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
