"""`scripts/system-packages` (called by `make test` and `.ci/run`) decides what to install."""

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "system-packages"


def run(*args, pretend=""):
    env = {**os.environ, "SP_PRETEND_MISSING": pretend}
    return subprocess.run(  # noqa: S603 - our own script
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, check=False
    )


def test_make_test_and_ci_call_the_same_script():
    root = SCRIPT.parents[1]
    makefile = (root / "Makefile").read_text()
    ci = (root / ".ci" / "run").read_text()
    assert "scripts/system-packages" in makefile
    assert "test: system-packages" in makefile
    assert "scripts/system-packages --with-postgresql" in ci
    assert "apt-get" not in ci  # the installing lives in one place


def test_missing_chromium_and_nginx_are_installed_as_root():
    result = run("--dry-run", pretend="chromium nginx")
    assert result.returncode == 0, result.stderr
    if os.geteuid() == 0:
        assert "Would run: apt-get update && apt-get install -y --no-install-recommends" in (
            result.stdout
        )
    assert "chromium nginx" in result.stdout


def test_postgresql_is_checked_only_for_ci():
    pretend = "/usr/lib/postgresql/*/bin/initdb"
    assert "postgresql" not in run("--dry-run", pretend=pretend).stdout
    assert "postgresql" in run("--with-postgresql", "--dry-run", pretend=pretend).stdout


def test_redis_is_checked_when_asked_and_make_test_asks():
    assert "redis-server" not in run("--dry-run", pretend="redis-server").stdout
    assert "redis-server" in run("--with-redis", "--dry-run", pretend="redis-server").stdout
    makefile = (SCRIPT.parents[1] / "Makefile").read_text()
    assert "scripts/system-packages --with-redis" in makefile


def test_without_root_or_sudo_it_stops_with_the_exact_command():
    result = run("--dry-run", pretend="chromium root sudo")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Missing system packages; install them with: sudo apt-get update && "
        "sudo apt-get install -y --no-install-recommends chromium"
    )


def test_nothing_missing_installs_nothing():
    result = run("--dry-run")
    assert result.returncode == 0
    assert "all present" in result.stdout
