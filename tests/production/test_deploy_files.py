"""deploy/: the files parse, name commands that exist, and watch metrics the app exports."""

import configparser
import json
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from satupintu.core import metrics

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


@pytest.mark.parametrize(
    ("unit", "command"),
    [
        ("satupintu-web.service", "gunicorn"),
        ("satupintu-worker.service", "db_worker"),
        ("satupintu-scheduler.service", "run_periodic_tasks"),
        ("satupintu-backup.service", "backup"),
    ],
)
def test_systemd_units_run_commands_that_exist(unit, command):
    service = _unit(unit)["Service"]
    assert command in service["ExecStart"]
    assert service["User"] == "satupintu"
    assert service["EnvironmentFile"] == "/etc/satupintu/env"
    if command != "gunicorn":
        assert command in get_commands()


def _exported_names() -> set[str]:
    names = {"satupintu_http_requests_total", "satupintu_http_request_duration_seconds_bucket"}
    source = Path(metrics.__file__).read_text()
    names.update(re.findall(r'"(satupintu_[a-z_]+)"', source))
    return names


def test_alerts_and_dashboard_use_only_exported_metrics():
    alerts = yaml.safe_load((DEPLOY / "monitoring" / "alerts.yaml").read_text())
    dashboard = json.loads((DEPLOY / "monitoring" / "grafana-dashboard.json").read_text())
    expressions = [rule["expr"] for group in alerts["groups"] for rule in group["rules"]]
    expressions += [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    exported = _exported_names()
    used = {name for expr in expressions for name in re.findall(r"satupintu_[a-z_]+", expr)}
    assert used and used <= exported, used - exported


def test_compose_runs_the_whole_cluster():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "redis", "objects", "web1", "web2", "worker1", "worker2", "nginx"} <= set(
        services
    )
    assert "SP_S3_BUCKET" in compose["x-app"]["environment"]


def test_nginx_site_sets_the_headers_the_app_trusts():
    site = (DEPLOY / "nginx" / "satupintu.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "client_max_body_size 60m;" in site
    assert "ssl_certificate " in site and "alias /srv/satupintu/staticfiles/;" in site
    # A POST is never sent to a second node: no `non_idempotent` among the retry conditions.
    retries = re.findall(r"^\s*proxy_next_upstream ([^;]*);", site, re.M)
    assert retries and all("non_idempotent" not in line for line in retries)
