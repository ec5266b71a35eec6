"""Reads of the queues app: sites a person works at, the board's state, waiting estimates,
a person's bookings and the daily figures."""

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from satupintu.org import permissions
from satupintu.queues.models import Booking, Counter, Site, Ticket
from satupintu.queues.services.tickets import board_cache_key

T = Ticket.Status
RECENT_CALLS = 6
RECENT_SERVICE_WINDOW = 20  # tickets whose service time estimates the wait


def public_sites():
    return Site.objects.filter(is_active=True).select_related("org_unit")


def staff_sites(user):
    return permissions.scope_queue_sites(user, Site.objects.filter(is_active=True)).order_by("name")


def finished_ticket_today(site, label: str):
    """The ticket of today at `site` with this number, if its service is finished (the
    satisfaction survey's kiosk: one response per visit)."""
    return (
        Ticket.objects.filter(site=site, day=timezone.localdate(), label=label, status=T.DONE)
        .select_related("site", "service")
        .first()
    )


def works_at_any_site(user) -> bool:
    return staff_sites(user).exists()


def counters_for(user, site):
    counters = Counter.objects.filter(site=site).select_related("org_unit").order_by("number")
    return [c for c in counters if permissions.may_run_counter(user, c)]


def site_id_for(slug: str) -> int | None:
    key = f"queues:site-id:{slug}"
    site_id = cache.get(key)
    if site_id is None:
        site_id = (
            Site.objects.filter(slug=slug, is_active=True).values_list("pk", flat=True).first()
        )
        if site_id is not None:
            cache.set(key, site_id, timeout=300)
    return site_id


def board_version(site_id: int) -> int | None:
    """The board's version without touching the database when the cache knows it."""
    key = board_cache_key(site_id)
    version = cache.get(key)
    if version is None:
        version = (
            Site.objects.filter(pk=site_id, is_active=True)
            .values_list("board_version", flat=True)
            .first()
        )
        if version is not None:
            cache.set(key, version, timeout=300)
    return version


def average_service_minutes(service_ids, day=None) -> float:
    """Average service time of the latest finished tickets (5 minutes before any)."""
    day = day or timezone.localdate()
    rows = (
        Ticket.objects.filter(service_id__in=service_ids, day=day, status=T.DONE)
        .exclude(served_at=None)
        .exclude(finished_at=None)
        .order_by("-finished_at")
        .values_list("served_at", "finished_at")[:RECENT_SERVICE_WINDOW]
    )
    spans = [_minutes(s, f) for s, f in rows]
    return sum(spans) / len(spans) if spans else 5.0


def board_state(site) -> dict:
    today = timezone.localdate()
    counters = list(Counter.objects.filter(site=site).order_by("number"))
    current = {
        t.counter_id: t
        for t in Ticket.objects.filter(
            site=site, day=today, status__in=[T.CALLED, T.SERVING]
        ).order_by("called_at")
    }
    recent = list(
        Ticket.objects.filter(site=site, day=today)
        .exclude(called_at=None)
        .select_related("counter")
        .order_by("-called_at")[:RECENT_CALLS]
    )
    waiting = {}
    for prefix in Ticket.objects.filter(site=site, day=today, status=T.WAITING).values_list(
        "service__prefix", flat=True
    ):
        waiting[prefix] = waiting.get(prefix, 0) + 1
    open_counters = max(1, sum(1 for c in counters if not c.is_paused))
    per_person = average_service_minutes(list(site.services.values_list("pk", flat=True)))
    total_waiting = sum(waiting.values())
    return {
        "site": site.name,
        "announcement": site.announcement,
        "version": site.board_version,
        "counters": [
            {
                "number": c.number,
                "name": str(c),
                "paused": c.is_paused,
                "ticket": current[c.pk].label if c.pk in current else "",
            }
            for c in counters
        ],
        "calls": [
            {
                "ticket": t.label,
                "counter": t.counter.number if t.counter else None,
                "at": timezone.localtime(t.called_at).strftime("%H:%M:%S"),
            }
            for t in recent
        ],
        "waiting": waiting,
        "estimated_wait_minutes": math.ceil(total_waiting * per_person / open_counters),
    }


def bookings_of(user):
    return (
        Booking.objects.filter(user=user)
        .select_related("site", "service", "practitioner")
        .order_by("-day", "-slot_start")
    )


def waiting_order(service, day=None):
    day = day or timezone.localdate()
    return Ticket.objects.filter(service=service, day=day, status=T.WAITING).order_by(
        "queue_key", "pk"
    )


def position_of(ticket) -> int:
    """How many tickets of the same service are ahead of this one."""
    if ticket.status != T.WAITING:
        return 0
    return (
        Ticket.objects.filter(service_id=ticket.service_id, day=ticket.day, status=T.WAITING)
        .filter(Q(queue_key__lt=ticket.queue_key) | Q(queue_key=ticket.queue_key, pk__lt=ticket.pk))
        .count()
    )


# --- Daily figures --------------------------------------------------------------------------


@dataclass
class Figures:
    day: date
    service: str
    booked: int = 0
    walk_in: int = 0
    served: int = 0
    no_show: int = 0
    wait_avg: float | None = None
    wait_p90: float | None = None
    service_avg: float | None = None
    service_p90: float | None = None


def _p90(values):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)], 1)


def _avg(values):
    return round(sum(values) / len(values), 1) if values else None


def _minutes(since, until) -> float:
    return (until - since).total_seconds() / 60


def daily_figures(site, start: date, end: date) -> list[Figures]:
    """Per day and service: booked, walk-in, served, no-show, waiting and service time
    (minutes; average and 90th percentile)."""
    rows: dict[tuple, Figures] = {}
    services = {s.pk: s.name for s in site.services.all()}

    def row(day, service_id):
        key = (day, service_id)
        if key not in rows:
            rows[key] = Figures(day=day, service=services.get(service_id, "?"))
        return rows[key]

    for day, service_id, status in (
        Booking.objects.filter(site=site, day__gte=start, day__lte=end)
        .exclude(status=Booking.Status.CANCELLED)
        .values_list("day", "service_id", "status")
    ):
        r = row(day, service_id)
        r.booked += 1
        if status == Booking.Status.NO_SHOW:
            r.no_show += 1
    waits: dict[tuple, list] = {}
    spans: dict[tuple, list] = {}
    for t in Ticket.objects.filter(site=site, day__gte=start, day__lte=end).only(
        "day",
        "service_id",
        "status",
        "walk_in",
        "booking_id",
        "checked_in_at",
        "called_at",
        "served_at",
        "finished_at",
        "transferred_from_id",
    ):
        r = row(t.day, t.service_id)
        key = (t.day, t.service_id)
        if t.walk_in:
            r.walk_in += 1
        if t.status == T.DONE:
            r.served += 1
            if t.served_at and t.finished_at:
                spans.setdefault(key, []).append(_minutes(t.served_at, t.finished_at))
        if t.status == T.NO_SHOW and t.booking_id is None:
            r.no_show += 1
        if t.called_at:
            waits.setdefault(key, []).append(_minutes(t.checked_in_at, t.called_at))
    for key, r in rows.items():
        r.wait_avg, r.wait_p90 = _avg(waits.get(key, [])), _p90(waits.get(key, []))
        r.service_avg, r.service_p90 = _avg(spans.get(key, [])), _p90(spans.get(key, []))
    return sorted(rows.values(), key=lambda f: (f.day, f.service))


def served_and_waits(sites, start: date, end: date) -> dict[int, tuple[int, float]]:
    """{site id: (visitors served, Σ wait_avg × served over its days and services)} for
    several sites in one query: what `daily_figures` gives per site, for the dashboards."""
    waits: dict[tuple, list] = {}
    served: dict[tuple, int] = {}
    for site_id, day, service_id, status, checked_in_at, called_at in Ticket.objects.filter(
        site__in=sites, day__gte=start, day__lte=end
    ).values_list("site_id", "day", "service_id", "status", "checked_in_at", "called_at"):
        key = (site_id, day, service_id)
        if status == T.DONE:
            served[key] = served.get(key, 0) + 1
        if called_at:
            waits.setdefault(key, []).append(_minutes(checked_in_at, called_at))
    out: dict[int, tuple[int, float]] = {}
    for key, count in served.items():
        total, waited = out.get(key[0], (0, 0.0))
        out[key[0]] = (total + count, waited + (_avg(waits.get(key, [])) or 0) * count)
    return out


def default_period():
    today = timezone.localdate()
    return today - timedelta(days=6), today
