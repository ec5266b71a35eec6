"""Prometheus metrics at /metrics, for the monitoring system only (SP_METRICS_TOKEN).

Two kinds:
- per request, counted by `MetricsMiddleware` in each process: requests and their latency per
  route (the URL pattern, never the address itself, which carries tracking codes and secrets);
- read from the database and the cache when Prometheus scrapes (`StateCollector`): task
  queue depth and age, tasks running and stuck, outbox backlog per channel, open cases past
  their deadline (SLA breaches), database and cache health.

Several gunicorn workers: set PROMETHEUS_MULTIPROC_DIR to an empty directory shared by the
workers of one node (deploy/ does) and every worker's counts are summed; otherwise a scrape
sees the counts of the worker that answered.
"""

import hmac
import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

from satupintu.core.logging import end_request, start_request

REQUESTS = Counter(
    "satupintu_http_requests_total",
    "HTTP requests answered, per route, method and status class.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "satupintu_http_request_duration_seconds",
    "Time to answer an HTTP request, per route.",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


class MetricsMiddleware:
    """Counts answers per route and their time; gives each request an id (X-Request-ID, in
    every log line of the request and in the response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id, token = start_request(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        try:
            response = self.get_response(request)
        finally:
            end_request(token)
        route = _route(request)
        LATENCY.labels(route).observe(time.perf_counter() - started)
        REQUESTS.labels(route, request.method, f"{response.status_code // 100}xx").inc()
        response["X-Request-ID"] = request_id
        return response


class StateCollector:
    """Gauges read at scrape time. A failing source is reported as such, never raised."""

    def collect(self):
        from django.db import DatabaseError

        from satupintu.core import cache as shared_cache
        from satupintu.core import health

        database = health.database_status()
        up = GaugeMetricFamily("satupintu_up", "1 when the part answers.", labels=["part"])
        up.add_metric(["database"], 1 if database["ok"] else 0)
        up.add_metric(["cache"], 1 if shared_cache.status()["ok"] else 0)
        up.add_metric(["storage"], 1 if health.storage_status()["ok"] else 0)
        yield up
        if not database["ok"]:
            return
        try:
            yield from self._tasks()
            yield from self._outbox()
            yield from self._sla()
        except DatabaseError:
            return

    def _tasks(self):
        from satupintu.core import health

        worker = health.worker_status()
        tasks = health.tasks_status()
        depth = GaugeMetricFamily("satupintu_task_queue_depth", "Tasks ready and waiting.")
        depth.add_metric([], worker.get("pending", 0))
        yield depth
        age = GaugeMetricFamily(
            "satupintu_task_queue_oldest_seconds", "How long the oldest ready task has waited."
        )
        age.add_metric([], worker.get("oldest_pending_seconds", 0))
        yield age
        running = GaugeMetricFamily(
            "satupintu_tasks", "Tasks running, and stuck (their worker died).", labels=["state"]
        )
        running.add_metric(["running"], tasks.get("running", 0))
        running.add_metric(["stuck"], tasks.get("stuck", 0))
        yield running

    def _outbox(self):
        from django.db.models import Count, Min

        from satupintu.notifications.models import OutboxMessage

        backlog = GaugeMetricFamily(
            "satupintu_outbox_backlog",
            "Messages not yet sent, per channel and status.",
            labels=["channel", "status"],
        )
        oldest = GaugeMetricFamily(
            "satupintu_outbox_oldest_seconds",
            "Age of the oldest unsent message, per channel.",
            labels=["channel"],
        )
        rows = (
            OutboxMessage.objects.filter(
                status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING]
            )
            .values("channel", "status")
            .annotate(n=Count("id"), first=Min("created_at"))
        )
        now = timezone.now()
        firsts: dict[str, object] = {}
        for channel in OutboxMessage.Channel.values:
            for status in (OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING):
                counts = [r["n"] for r in rows if r["channel"] == channel and r["status"] == status]
                backlog.add_metric([channel, status], sum(counts))
        for row in rows:
            first = firsts.get(row["channel"])
            if first is None or row["first"] < first:
                firsts[row["channel"]] = row["first"]
        for channel in OutboxMessage.Channel.values:
            first = firsts.get(channel)
            oldest.add_metric([channel], (now - first).total_seconds() if first else 0)
        yield backlog
        yield oldest

    def _sla(self):
        from django.db.models import Count

        from satupintu.cases.models import Case

        breached = GaugeMetricFamily(
            "satupintu_sla_breached_cases",
            "Open cases past their deadline, per kind.",
            labels=["kind"],
        )
        rows = (
            Case.objects.filter(closed_at__isnull=True, due_date__lt=timezone.localdate())
            .values("kind")
            .annotate(n=Count("id"))
        )
        for row in rows:
            breached.add_metric([row["kind"]], row["n"])
        yield breached


def registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(StateCollector())
    return registry


def authorised(request) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        return False
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        value.strip().encode(), token.encode()
    )


def metrics_view(request):
    """Prometheus text format, only to `Authorization: Bearer <SP_METRICS_TOKEN>`; anyone
    else gets the ordinary 404 (the route is not advertised)."""
    if request.method not in ("GET", "HEAD") or not authorised(request):
        raise Http404
    response = HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
