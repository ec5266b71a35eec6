"""Real servers on loopback for the tests of the cluster parts: Redis (Debian's redis-server)
and an S3-compatible object store (moto's server mode, a pinned package of requirements.txt).

Each runs on a free port with its data in a temporary directory and is stopped by the
fixture that started it. A missing redis-server skips the tests that need it on a developer's
machine (`scripts/system-packages --with-redis` installs it; `make test` does that), and fails
them in CI, where it must be present.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

S3_ACCESS_KEY = "satupintu-test"
S3_SECRET_KEY = "satupintu-test-secret"  # noqa: S105 - a throwaway local server's key


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}:\n{log.read_text(errors='replace')}")


def missing_binary(name: str, how: str) -> str | None:
    """None when `name` is installed, else the sentence telling how to install it."""
    if shutil.which(name) or any(Path(d, name).exists() for d in ("/usr/sbin", "/usr/bin")):
        return None
    return f"{name} is not installed: {how} (make test does this for you)."


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def kill(self) -> None:
        """Stop it abruptly (SIGKILL), keeping the directory: `restart` brings it back."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def start_redis(port: int | None = None) -> Server:
    port = port or free_port()
    directory = Path(tempfile.mkdtemp(prefix="sp-redis-"))
    log = directory / "redis.log"
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(  # noqa: S603 - Debian's redis-server, fixed arguments
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
            "--logfile",
            str(log),
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    log.touch()
    wait_for_port(port, process, log)
    return Server(process, port, directory)


def start_s3(port: int | None = None) -> Server:
    """moto's S3-compatible server (`python -m moto.server`), in memory."""
    port = port or free_port()
    directory = Path(tempfile.mkdtemp(prefix="sp-s3-"))
    log = directory / "moto.log"
    env = {**os.environ, "MOTO_ALLOW_NONEXISTENT_REGION": "1"}
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603 - moto's server from our venv
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    wait_for_port(port, process, log)
    return Server(process, port, directory)


def s3_client(server: Server):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=server.url,
        aws_access_key_id=S3_ACCESS_KEY,
        aws_secret_access_key=S3_SECRET_KEY,
        region_name="us-east-1",
    )


def s3_storages(server, bucket: str) -> dict:
    """STORAGES with the default storage on `bucket`, as settings.py builds it from SP_S3_*."""
    from botocore.config import Config
    from django.conf import settings

    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "satupintu.core.s3storage.EncryptedS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": server.url,
                "region_name": "us-east-1",
                "access_key": S3_ACCESS_KEY,
                "secret_key": S3_SECRET_KEY,
                "addressing_style": "path",
                "client_config": Config(
                    connect_timeout=1,
                    read_timeout=5,
                    retries={"max_attempts": 1},
                    signature_version="s3v4",
                ),
            },
        },
    }
