"""The benchmark's environment, database preparation and gunicorn process."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from cryptography.fernet import Fernet

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
READY_TIMEOUT_S = 120  # eight workers booting on a busy 2-CPU machine can take a minute


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def database_url(explicit: str | None, workdir: Path) -> str:
    return explicit or f"sqlite:///{workdir / 'bench.sqlite3'}"


def bench_environment(db_url: str, workdir: Path) -> dict[str, str]:
    """A clean SP_* environment: nothing leaks in from the caller's shell or var/dev.env."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SP_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "satupintu.settings",
            "PYTHONPATH": str(REPO_ROOT / "src"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "SP_SECRET_KEY": secrets.token_urlsafe(50),
            "SP_FIELD_KEYS": Fernet.generate_key().decode(),
            "SP_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
            "SP_AUDIT_KEY": secrets.token_urlsafe(48),
            "SP_DATABASE_URL": db_url,
            "SP_MEDIA_ROOT": str(workdir / "media"),
            "SP_DEBUG": "0",
            "SP_HTTPS": "0",
            "SP_ALLOWED_HOSTS": f"{HOST},localhost",
            "SP_BENCH": "1",
            "SP_LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare_database(
    env: dict[str, str],
    records: int,
    reference_data: str,
    cases: int = 0,
    state: Path | None = None,
    extra: list[str] | tuple = (),
) -> None:
    """Migrate, import reference data, collectstatic and seed (see bench/seed.py); `extra`
    are more seed.py options (sizes of the catalogue, news and projects)."""
    command = [
        sys.executable,
        str(BENCH_DIR / "seed.py"),
        "--records",
        str(records),
        "--reference-data",
        reference_data,
    ]
    if cases:
        command += ["--cases", str(cases), "--state", str(state)]
    command += list(extra)
    subprocess.run(command, env=env, cwd=REPO_ROOT, check=True)


def extend_cases(env: dict[str, str], cases: int, state: Path) -> None:
    """Add seeded cases up to `cases` (bench/seed_cases.py); the server may keep running."""
    command = [sys.executable, str(BENCH_DIR / "seed.py"), "--cases-only"]
    command += ["--cases", str(cases), "--state", str(state)]
    subprocess.run(command, env=env, cwd=REPO_ROOT, check=True)


def dirty_megabytes() -> int:
    """Written data the kernel still holds in memory to write to disk (Linux), in MB."""
    with contextlib.suppress(OSError, ValueError, IndexError):  # not Linux: say nothing
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("Dirty:"):
                return int(line.split()[1]) // 1024
    return 0


def flush_writes() -> float:
    """Wait until what a seed wrote is on disk; returns the seconds it took.

    A seed of a million cases writes over a gigabyte in a few minutes, much of it still in the
    page cache when it ends: measured straight after, a page competes with the kernel
    writing that back (and with PostgreSQL's checkpoint), which is the seed's cost, not the
    page's. Years of filings never arrive in one burst."""
    started = time.monotonic()
    print(f"Flushing the seed's writes to disk ({dirty_megabytes()} MB dirty)…", flush=True)
    os.sync()
    return round(time.monotonic() - started, 1)


def gunicorn_command(port: int, workers: int, extra_args=()) -> list[str]:
    return [
        str(VENV_BIN / "gunicorn"),
        "--pythonpath",
        "src",
        "satupintu.wsgi:application",
        "-b",
        f"{HOST}:{port}",
        "-w",
        str(workers),
        "--graceful-timeout",
        "5",
        *extra_args,
    ]


def wait_until_ready(process: subprocess.Popen, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{base_url}/bench/bare/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn not ready after {READY_TIMEOUT_S} s:\n{tail(log_path)}")


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextmanager
def gunicorn(env: dict[str, str], workdir: Path, workers: int, extra_args=()):
    """Serve the site on a free loopback port; yields the base URL; always stops gunicorn."""
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    log_path = workdir / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            gunicorn_command(port, workers, extra_args),
            env=env,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C reaches us only; we stop gunicorn ourselves
        )
        try:
            wait_until_ready(process, base_url, log_path)
            yield base_url
        finally:
            stop(process)
