"""A local cluster on loopback, for testing and demonstration: `make cluster` / `make
cluster-down` (docs/deploy.md). PostgreSQL, Redis, an S3-compatible server (moto), two
gunicorn nodes, two task workers, the scheduler, and nginx in front on 127.0.0.1:58080
(every port moved by SP_CLUSTER_PORT_OFFSET when set).

    python scripts/cluster.py up       # start everything (migrate, reference and demo data)
    python scripts/cluster.py down     # stop everything, delete its data
    python scripts/cluster.py status   # what runs
    python scripts/cluster.py stop NAME / start NAME   # one part, for the fault suite

State lives in var/cluster/ (env file, pids, logs); PostgreSQL's data in a directory of its
own under /tmp (it must belong to the postgres user when run as root).
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATE = ROOT / "var" / "cluster"
PY = str(ROOT / ".venv" / "bin" / "python")
DEFAULT_PORTS = {
    "postgres": 55432,
    "redis": 56379,
    "objects": 59000,
    "web1": 58001,
    "web2": 58002,
    "nginx": 58080,
}


def _ports() -> dict:
    """`up` moves every port by SP_CLUSTER_PORT_OFFSET (two clusters on one machine, e.g.
    two checkouts) and records them: later commands use the running cluster's ports."""
    recorded = STATE / "ports.json"
    if recorded.exists():
        return json.loads(recorded.read_text())
    offset = int(os.environ.get("SP_CLUSTER_PORT_OFFSET") or 0)
    return {name: port + offset for name, port in DEFAULT_PORTS.items()}


PORTS = _ports()
BUCKET = "satupintu-cluster"
S3_KEY, S3_SECRET = "satupintu-cluster", "satupintu-cluster-secret"  # noqa: S105 - local only

NGINX_CONF = """
worker_processes 1;
daemon off;
{user}
pid {state}/nginx.pid;
error_log {state}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {state}/nginx-body;
    proxy_temp_path {state}/nginx-proxy;
    fastcgi_temp_path {state}/nginx-fastcgi;
    uwsgi_temp_path {state}/nginx-uwsgi;
    scgi_temp_path {state}/nginx-scgi;
    client_max_body_size 60m;
    upstream satupintu_app {{
        server 127.0.0.1:{web1} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{web2} max_fails=1 fail_timeout=5s;
    }}
    server {{
        listen 127.0.0.1:{nginx};
        location / {{
            proxy_pass http://satupintu_app;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        sys.exit("PostgreSQL is missing: run scripts/system-packages --with-postgresql")
    return found[-1].parent


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def pg_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"satupintu-cluster-pg-{os.getuid()}-{PORTS['postgres']}"


def wait_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.3):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing listens on {port} after {seconds} s (see {STATE}/*.log)")


def env() -> dict:
    values = dict(
        line.split("=", 1)
        for line in (STATE / "env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    # Production settings, whatever the caller runs under (pytest-django exports
    # DJANGO_SETTINGS_MODULE=satupintu.settings_test: immediate tasks, a local-memory cache).
    settings = {"DJANGO_SETTINGS_MODULE": "satupintu.settings"}
    return {**os.environ, **values, **settings, "PYTHONPATH": str(ROOT / "src")}


def write_env() -> None:
    from cryptography.fernet import Fernet

    lines = {
        "SP_SECRET_KEY": secrets.token_urlsafe(50),
        "SP_FIELD_KEYS": Fernet.generate_key().decode(),
        "SP_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "SP_AUDIT_KEY": secrets.token_urlsafe(48),
        "SP_DEMO": "1",
        "SP_HTTPS": "0",
        "SP_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SP_PUBLIC_BASE_URL": f"http://127.0.0.1:{PORTS['nginx']}",
        "SP_BEHIND_PROXY": "1",
        "SP_TRUSTED_PROXIES": "127.0.0.1",
        "SP_DATABASE_URL": f"postgres://postgres@127.0.0.1:{PORTS['postgres']}/satupintu",
        "SP_DB_CONN_MAX_AGE": "0",
        "SP_REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0",
        "SP_S3_BUCKET": BUCKET,
        "SP_S3_ENDPOINT_URL": f"http://127.0.0.1:{PORTS['objects']}",
        "SP_S3_ACCESS_KEY_ID": S3_KEY,
        "SP_S3_SECRET_ACCESS_KEY": S3_SECRET,
        "SP_METRICS_TOKEN": secrets.token_urlsafe(24),
        "SP_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SP_SMS_BACKEND": "satupintu.notifications.sms.LoggingSmsBackend",
        "SP_LOG_FORMAT": "json",
        # The fault suite submits hundreds of complaints from one address.
        "SP_RATE_LIMIT_COMPLAINT": "100000/h/ip",
        "SP_UPLOAD_BYTES_PER_HOUR": str(10**10),
    }
    (STATE / "env").write_text("".join(f"{k}={v}\n" for k, v in lines.items()))


def spawn(name: str, args: list[str], **kwargs) -> None:
    log = open(STATE / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(  # noqa: S603 - our own commands
        args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT, **kwargs
    )
    (STATE / f"{name}.pid").write_text(str(process.pid))


def alive(name: str) -> int | None:
    pid_file = STATE / f"{name}.pid"
    if not pid_file.exists():
        return None
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    # A killed child of an earlier `cluster.py` is re-parented; until its new parent reaps it,
    # it is a zombie that signal 0 still finds. Dead all the same: `start` must not skip it.
    try:
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return None
    except (OSError, IndexError):
        pass
    return pid


def start(name: str) -> None:
    if alive(name):
        return
    if name == "postgres":
        data = pg_dir() / "data"
        subprocess.run(  # noqa: S603
            as_postgres(
                [
                    str(pg_bin() / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(pg_dir() / "server.log"),
                    "-w",
                    "start",
                    "-o",
                    f"-c listen_addresses=127.0.0.1 -c port={PORTS['postgres']} "
                    f"-c unix_socket_directories={pg_dir()} -c fsync=off "
                    "-c max_connections=200",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return
    if name == "redis":
        spawn(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(PORTS["redis"]), "--save", ""]
            + ["--appendonly", "no", "--dir", str(STATE)],
        )
    elif name == "objects":
        spawn("objects", [PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(PORTS["objects"])])
    elif name in ("web1", "web2"):
        metrics_dir = STATE / f"metrics-{name}"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir()
        spawn(
            name,
            [PY, "-m", "gunicorn", "--pythonpath", "src", "satupintu.wsgi:application"]
            + ["--bind", f"127.0.0.1:{PORTS[name]}", "--workers", "2"],
            env={**env(), "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)},
        )
    elif name in ("worker1", "worker2"):
        spawn(name, [PY, "manage.py", "db_worker"], env=env())
        return
    elif name == "scheduler":
        spawn(name, [PY, "manage.py", "run_periodic_tasks"], env=env())
        return
    elif name == "nginx":
        user = "user root;" if os.geteuid() == 0 else ""
        (STATE / "nginx.conf").write_text(NGINX_CONF.format(user=user, state=STATE, **PORTS))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        spawn("nginx", [nginx, "-c", str(STATE / "nginx.conf"), "-p", str(STATE)])
    wait_port(PORTS[name], 60)


def stop(name: str, sig=signal.SIGTERM) -> None:
    if name == "postgres":
        subprocess.run(  # noqa: S603
            as_postgres(
                [str(pg_bin() / "pg_ctl"), "-D", str(pg_dir() / "data"), "-m", "fast", "stop"]
            ),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return
    pid = alive(name)
    if pid is None:
        return
    try:
        os.killpg(pid, sig)
    except OSError:
        return
    deadline = time.monotonic() + 15
    while alive(name) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(name):
        os.killpg(pid, signal.SIGKILL)


def manage(*args: str) -> None:
    subprocess.run([PY, "manage.py", *args], env=env(), cwd=ROOT, check=True)  # noqa: S603


def up() -> None:
    if (STATE / "env").exists():
        sys.exit("A cluster is already set up here: `make cluster-down` first.")
    STATE.mkdir(parents=True, exist_ok=True)
    (STATE / "ports.json").write_text(json.dumps(PORTS))
    write_env()
    shutil.rmtree(pg_dir(), ignore_errors=True)
    pg_dir().mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(pg_dir(), "postgres")
    subprocess.run(  # noqa: S603
        as_postgres(
            [str(pg_bin() / "initdb"), "-D", str(pg_dir() / "data"), "-U", "postgres"]
            + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    start("postgres")
    subprocess.run(  # noqa: S603
        [str(pg_bin() / "createdb"), "-h", "127.0.0.1", "-p", str(PORTS["postgres"])]
        + ["-U", "postgres", "satupintu"],
        check=True,
    )
    start("redis")
    start("objects")
    import boto3

    boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{PORTS['objects']}",
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)
    manage("migrate", "--noinput", "-v", "0")
    manage("import_reference_data", "data/balikpapan")
    manage("load_demo_data")
    manage("collectstatic", "--noinput", "-v", "0")
    for name in ("web1", "web2", "worker1", "worker2", "scheduler", "nginx"):
        start(name)
    print(f"Cluster up: http://127.0.0.1:{PORTS['nginx']}/ (state in {STATE})")


def down() -> None:
    for name in ("nginx", "web1", "web2", "worker1", "worker2", "scheduler", "objects", "redis"):
        stop(name)
    if pg_dir().exists():
        stop("postgres")
        shutil.rmtree(pg_dir(), ignore_errors=True)
    shutil.rmtree(STATE, ignore_errors=True)
    print("Cluster down.")


def status() -> None:
    print(json.dumps({name: bool(alive(name)) for name in PORTS if name != "postgres"}))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "status"
    if command == "up":
        up()
    elif command == "down":
        down()
    elif command == "status":
        status()
    elif command in ("stop", "start", "kill"):
        for part in sys.argv[2:]:
            if command == "start":
                start(part)
            else:
                stop(part, signal.SIGKILL if command == "kill" else signal.SIGTERM)
    else:
        sys.exit("usage: cluster.py up|down|status|stop NAME|start NAME|kill NAME")
