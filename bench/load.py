"""Drive load with wrk (Debian package `wrk`) and read back req/s and latency percentiles."""

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
MARKER = "SPBENCH "
MISSING_WRK = (
    "bench: wrk not found. Install it (Debian/Ubuntu: sudo apt-get install wrk) and re-run.\n"
    "There is no pure-Python fallback on purpose: a Python client on the same machine would "
    "measure itself more than the server, and the figures would not compare with wrk's."
)


@dataclass
class LoadSettings:
    duration: int
    warmup: int
    connections: int
    threads: int


@dataclass
class LoadResult:
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: dict[str, int]
    # With several rounds: every round's p95; the figures above are the median round's.
    p95_rounds: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def find_wrk() -> str | None:
    return shutil.which("wrk")


def wrk_version(wrk: str) -> str:
    result = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).splitlines()[0].strip()


def paths_script(paths: list[str], directory: Path, name: str) -> Path:
    """A wrk script that requests `paths` in turn (each wrk thread cycles through all of
    them) and reports like wrk_report.lua."""
    listed = ",\n".join(json.dumps(path) for path in paths)  # JSON strings are Lua strings
    script = directory / f"wrk-{name}.lua"
    script.write_text(
        f"local paths = {{\n{listed}\n}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format(nil, paths[(i % #paths) + 1])\n"
        "end\n"
        f"dofile({json.dumps(str(WRK_SCRIPT))})\n"
    )
    return script


def run_wrk(
    wrk: str,
    url: str,
    seconds: int,
    settings: LoadSettings,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
) -> dict:
    command = [
        wrk,
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script or WRK_SCRIPT),
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    for line in result.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise RuntimeError(f"wrk printed no summary for {url}:\n{result.stdout}{result.stderr}")


def to_result(raw: dict) -> LoadResult:
    seconds = raw["duration_us"] / 1_000_000
    return LoadResult(
        requests_per_s=round(raw["requests"] / seconds, 1) if seconds else 0.0,
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        requests=raw["requests"],
        errors={name: count for name, count in raw["errors"].items() if count},
    )


def measure(
    wrk: str,
    url: str,
    settings: LoadSettings,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    rounds: int = 1,
) -> LoadResult:
    """Warm the page up (results thrown away), then measure it. `headers` go with every
    request (e.g. a session cookie); `script` replaces wrk_report.lua (see paths_script).
    With `rounds` > 1 the page is measured that many times and the round with the median
    p95 is kept, so one burst of noise from other processes does not decide a budget."""
    if settings.warmup > 0:
        run_wrk(wrk, url, settings.warmup, settings, headers, script)
    results = [
        to_result(run_wrk(wrk, url, settings.duration, settings, headers, script))
        for _ in range(max(rounds, 1))
    ]
    if len(results) == 1:
        return results[0]
    ordered = sorted(results, key=lambda result: result.p95_ms)
    median = ordered[len(ordered) // 2]
    median.p95_rounds = [result.p95_ms for result in results]
    for result in results:
        for name, count in result.errors.items():
            if result is not median:
                median.errors[name] = median.errors.get(name, 0) + count
    return median
