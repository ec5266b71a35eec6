"""`make guides`: the pictures of the guides (/panduan/), from the real screens.

Starts a throwaway demo site (its own SQLite database and media in a temporary folder, the
reference data and the demo data loaded as `make run` does), photographs every guide step's
screen with Debian's Chromium through Playwright (`manage.py make_guide_screens`), stops the
site and removes the folder. The WebP files land in src/satupintu/static/guides/; commit them.
Extra arguments go to make_guide_screens, e.g. `make guides GUIDES_ARGS="--only melacak"`.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dev_secrets() -> dict:
    output = subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "scripts/make_dev_env.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return dict(line.split("=", 1) for line in output.splitlines() if "=" in line)


def wait_for(url: str, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the demo site did not answer at {url}")


def main(args: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="satupintu-guides-") as tmp:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            **dev_secrets(),
            "PYTHONPATH": "src",
            "DJANGO_SETTINGS_MODULE": "satupintu.settings",
            "SP_DEBUG": "1",
            "SP_DEMO": "1",
            "SP_DATABASE_URL": f"sqlite:///{tmp}/guides.sqlite3",
            "SP_MEDIA_ROOT": f"{tmp}/media",
            "SP_PUBLIC_BASE_URL": base_url,
        }

        def manage(*command):
            subprocess.run(  # noqa: S603 - our own interpreter, fixed commands
                [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=sys.stderr
            )

        manage("migrate", "--noinput", "-v0")
        manage("import_reference_data", "data/balikpapan")
        manage("load_demo_data")
        server = subprocess.Popen(  # noqa: S603 - our own interpreter
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{base_url}/healthz")
            manage("make_guide_screens", "--base-url", base_url, *args)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1:])
