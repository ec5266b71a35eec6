"""Seed and in-process figures for the leaders suite (bench/leaders.py, issue 13), run as a
child process with the bench environment; it writes a state file for the runner.

1. **Complaint cases**: `--cases` (1 000 000) minus the busy day's, through
   bench/seed_cases.py's bulk writer (`executemany` on SQLite, `COPY` on PostgreSQL): every
   OPD, the complaint status mix, closed cases spread over `HISTORY_DAYS` (two years),
   lifecycle timestamps (verified, first response, resolved, closed) that the rollup reads.
2. **Applications**: `--applications` (200 000) cases of kind "application" (codes `PMH-` +
   7 characters; real ones have 6) written by the same writer, each with its `Application`
   row (`bulk_create`), spread over up to `SERVICES` published services of every OPD, the
   application status mix and two years; `attributes.service` names the service as
   `applications.services.citizen.submit` writes it.
3. **A busy day** (yesterday, the city's calendar) with `--busy-events` (50 000) new events:
   of every five, two complaints filed that day, two first answers and one closing, each
   with the `CaseEvent` row the workflow would have written.
4. **Rollup**: the days before the busy day back to `--rollup-days` (the default period of
   30 days and the trends' 12 weeks) through `dashboards.rollup.rollup_range`; then the busy
   day alone through `rollup_day` (timed: the budget), then the periodic task
   `dashboards.tasks.refresh_rollup` itself (yesterday and today, timed).
5. **Viewers**: the city's head (kepala of PEMKOT: the Wali Kota's and Sekda's view) and the
   DPU's head, TOTP-verified sessions written as `login()` would.

`measure` renders `/kantor/dasbor/` (both viewers) and `/transparansi/` in-process with
Django's test client and counts their SQL queries: the pytest runs seed + measure at a tiny
scale (dashboards/tests/test_bench_leaders.py), so the suite cannot rot.
"""

import argparse
import json
import os
import random
import sys
import time as clock
from datetime import datetime, time, timedelta
from pathlib import Path

APPLICATION_PREFIX = "PMH-"
APPLICATION_CODE_LIKE = APPLICATION_PREFIX + "_" * 7
HISTORY_DAYS = 2 * 365
ROLLUP_DAYS = 120  # 30 days shown by default + 12 weeks of trend, with room to spare
SERVICES = 60  # services the applications spread over
BATCH = 20_000
CITY_HEAD_EMAIL = "kepala-kota@leaders.bench.invalid"
UNIT_HEAD_EMAIL = "kepala-dpu@leaders.bench.invalid"
UNIT_HEAD_UNIT = "DPU"
# Applications as a city's register looks after two years: most issued.
APPLICATION_MIX = [
    ("selesai", 0.80),
    ("ditolak", 0.04),
    ("dibatalkan", 0.03),
    ("diajukan", 0.05),
    ("diproses", 0.05),
    ("perlu_perbaikan", 0.02),
    ("disetujui", 0.01),
]
APPLICATION_CLOSED = {"selesai", "ditolak", "dibatalkan"}


def application_code(index: int) -> str:
    import seed_cases

    return seed_cases.tracking_code(index, APPLICATION_PREFIX)


def fetch_ids(low: str, high: str, like: str) -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tracking_code, id FROM cases_case WHERE tracking_code >= %s "
            "AND tracking_code <= %s AND tracking_code LIKE %s",
            [low, high, like],
        )
        return dict(cursor.fetchall())


# --- Applications --------------------------------------------------------------------------


def application_services(count: int = SERVICES) -> list:
    """Up to `count` published services, every OPD's first ones, each with a published form
    version (created for those the catalogue loaded without one)."""
    from django.utils import timezone

    from satupintu.catalog import selectors as catalog_selectors
    from satupintu.catalog.models import FormSchemaVersion

    services = sorted(catalog_selectors.published_services(), key=lambda s: (s.org_unit_id, s.pk))
    by_unit: dict[int, list] = {}
    for service in services:
        by_unit.setdefault(service.org_unit_id, []).append(service)
    chosen, depth = [], 0
    while len(chosen) < count and any(len(v) > depth for v in by_unit.values()):
        chosen += [v[depth] for v in by_unit.values() if len(v) > depth][: count - len(chosen)]
        depth += 1
    if not chosen:
        raise SystemExit("seed_leaders: no published service (seed the catalogue)")
    versions = {}
    for service in chosen:
        version = service.form_versions.filter(published_at__isnull=False).first()
        if version is None:
            version = FormSchemaVersion.objects.create(
                service=service,
                version=1,
                schema={"type": "object", "properties": {"keperluan": {"type": "string"}}},
                published_at=timezone.now(),
            )
        versions[service.pk] = version
    return [(s, versions[s.pk]) for s in chosen]


def application_row(index, rng, service, version, kelurahan, now) -> dict:
    import seed_cases

    status = seed_cases.pick_status(rng, APPLICATION_MIX)
    closed = status in APPLICATION_CLOSED
    age = rng.uniform(0, 30) if not closed else rng.uniform(5, HISTORY_DAYS)
    created = now - timedelta(days=age, seconds=rng.randrange(86_400))
    standard = seed_cases.calendar_days(service.processing_days or 5)
    responded = created + timedelta(hours=rng.uniform(1, 48))
    closed_at = created + timedelta(days=rng.uniform(1, standard * 1.6)) if closed else None
    if closed_at and closed_at > now:
        closed_at = now
    return {
        "kind": "application",
        "tracking_code": application_code(index),
        "secret_hash": seed_cases.SECRET_HASH,
        "category_id": None,
        "status": status,
        "channel": "web",
        "subtype": "",
        "title": service.name[:200],
        "description": "",
        "submitter_id": None,
        "is_anonymous": False,
        "is_confidential": False,
        "reporter_name": "",
        "reporter_email": "",
        "reporter_phone": "",
        "region_id": kelurahan,
        "rt": f"{index % 30 + 1:03d}",
        "street": f"Jl. Uji Beban No. {index % 200 + 1}",
        "latitude": None,
        "longitude": None,
        "org_unit_id": service.org_unit_id,
        "assignee_id": None,
        "parent_id": None,
        "created_at": created,
        "updated_at": closed_at or responded,
        "verify_due_date": None,
        "due_date": created.date() + timedelta(days=standard),
        "paused_at": created + timedelta(days=1) if status == "perlu_perbaikan" else None,
        "verified_at": responded,
        "first_response_at": min(responded, now),
        "resolved_at": closed_at if status == "selesai" else None,
        "closed_at": closed_at,
        "due_soon_notified_at": None,
        "overdue_notified_at": None,
        "rating": (index % 4) + 1 if status == "selesai" and index % 5 == 0 else None,
        "rating_comment": "",
        "idempotency_key": None,
        "attributes": json.dumps({"service": service.slug, "form_version": version.version}),
        "secret_token": "",
        "public_summary": "",
        "reporter_email_index": "",
        "reporter_phone_index": "",
    }


def seed_applications(total: int) -> int:
    import seed_cases
    from django.db import connection, transaction
    from django.utils import timezone

    from satupintu.applications.models import Application

    start = int(_count(APPLICATION_CODE_LIKE))
    if start >= total:
        return 0
    chosen = application_services()
    kelurahan = seed_cases.Context().kelurahan
    now = timezone.now()
    for first in range(start, total, BATCH):
        rng = random.Random(-1 - first)
        indexes = range(first, min(first + BATCH, total))
        picks = {i: chosen[rng.randrange(len(chosen))] for i in indexes}
        rows = [
            seed_cases.adapt(
                application_row(i, rng, *picks[i], kelurahan[i % len(kelurahan)], now), connection
            )
            for i in indexes
        ]
        with transaction.atomic():
            seed_cases.write_rows(rows)
            ids = fetch_ids(
                application_code(indexes[0]), application_code(indexes[-1]), APPLICATION_CODE_LIKE
            )
            Application.objects.bulk_create(
                [
                    Application(
                        case_id=ids[application_code(i)],
                        service_id=picks[i][0].pk,
                        form_version_id=picks[i][1].pk,
                        data={"keperluan": "Uji beban"},
                    )
                    for i in indexes
                ],
                batch_size=2000,
            )
    return total - start


def _count(like: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cases_case WHERE tracking_code LIKE %s", [like])
        return cursor.fetchone()[0]


# --- The busy day -------------------------------------------------------------------------------


def busy_split(events: int) -> tuple[int, int, int]:
    """(filed, first answers, closings) making `events` in all: 2 : 2 : 1."""
    filed = events * 2 // 5
    closed = events - 2 * filed
    return filed, filed, closed


def seed_busy_day(first_index: int, events: int, day) -> dict:
    """Complaints filed on `day`, all answered that day and a share closed that day, with
    their CaseEvent rows; returns the counts."""
    import seed_cases
    from django.db import connection, transaction
    from django.utils import timezone

    from satupintu.cases.models import CaseEvent

    filed, answered, closing = busy_split(events)
    if not filed:
        return {"filed": 0, "answered": 0, "closed": 0, "events": 0}
    ctx = seed_cases.Context()
    zone = timezone.get_current_timezone()
    opening = datetime.combine(day, time(7, 0), tzinfo=zone)
    now = timezone.now()
    rng = random.Random(7)
    rows, plans = [], []
    for offset in range(filed):
        index = first_index + offset
        row = seed_cases.build_row(index, rng, ctx, now)
        created = opening + timedelta(seconds=rng.randrange(8 * 3600))
        answer = created + timedelta(minutes=rng.randrange(10, 180))
        closes = offset < closing
        done = answer + timedelta(minutes=rng.randrange(5, 60)) if closes else None
        row.update(
            status="selesai" if closes else "diproses",
            created_at=created,
            updated_at=done or answer,
            verified_at=created + timedelta(minutes=5),
            first_response_at=answer,
            resolved_at=done,
            closed_at=done,
            paused_at=None,
            rating=None,
            org_unit_id=row["org_unit_id"] or ctx.staff_unit.pk,
            verify_due_date=day + timedelta(days=seed_cases.calendar_days(3)),
            due_date=day + timedelta(days=seed_cases.calendar_days(5)),
        )
        plans.append((seed_cases.tracking_code(index), created, answer, done))
        rows.append(seed_cases.adapt(row, connection))
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            seed_cases.write_rows(rows[start : start + BATCH])
        ids = fetch_ids(plans[0][0], plans[-1][0], seed_cases.SEEDED_CODE_LIKE)
        events_rows = []
        for code, created, answer, done in plans:
            case_id = ids[code]
            events_rows.append(CaseEvent(case_id=case_id, created_at=created, actor_role="reporter",
                                         action="submit", from_status="", to_status="baru",
                                         is_public=True))  # fmt: skip
            events_rows.append(CaseEvent(case_id=case_id, created_at=answer, actor_role="unit",
                                         action="reply", from_status="diproses",
                                         to_status="diproses", is_public=True,
                                         note="Tim sudah dijadwalkan."))  # fmt: skip
            if done:
                events_rows.append(CaseEvent(case_id=case_id, created_at=done,
                                             actor_role="unit", action="close",
                                             from_status="diproses", to_status="selesai",
                                             is_public=True))  # fmt: skip
        CaseEvent.objects.bulk_create(events_rows, batch_size=5000)
    return {"filed": filed, "answered": answered, "closed": closing, "events": len(events_rows)}


# --- Seed ---------------------------------------------------------------------------------------


def remove_previous() -> None:
    """An earlier run's applications, cases and rollup (a kept PostgreSQL database)."""
    import seed_cases
    from django.db import connection, transaction

    from satupintu.dashboards.models import DailyFigure

    seed_cases.remove_previous_cases()
    seeded = "SELECT id FROM cases_case WHERE tracking_code LIKE %s"
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in (
            f"DELETE FROM applications_application WHERE case_id IN ({seeded})",  # noqa: S608
            f"DELETE FROM cases_caseevent WHERE case_id IN ({seeded})",  # noqa: S608
            "DELETE FROM cases_case WHERE tracking_code LIKE %s",
        ):
            cursor.execute(statement, [APPLICATION_CODE_LIKE])
    DailyFigure.objects.all().delete()


def analyze() -> None:
    from django.db import connection

    # Not inside a transaction (the pytest's): VACUUM cannot run there.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for table in ("cases_case", "cases_caseevent", "applications_application"):
                cursor.execute(f"VACUUM ANALYZE {table}")


def sessions() -> dict:
    import seed_cases

    return {
        "city": seed_cases.ensure_staff_session(
            CITY_HEAD_EMAIL, "PEMKOT", "kepala", "Kepala Pemerintah Kota (uji beban)"
        ),
        "unit": seed_cases.ensure_staff_session(
            UNIT_HEAD_EMAIL, UNIT_HEAD_UNIT, "kepala", "Kepala DPU (uji beban)"
        ),
    }


def seed(cases: int, applications: int, busy_events: int, rollup_days: int) -> dict:
    """Everything the suite reads; returns the state (counts, seconds, sessions)."""
    import seed_cases
    from django.utils import timezone

    from satupintu.cases.models import Case
    from satupintu.dashboards import rollup, tasks
    from satupintu.dashboards.models import DailyFigure

    seconds: dict[str, float] = {}
    started = clock.monotonic()
    seed_cases.fast_sqlite_writes()
    remove_previous()
    busy_filed = busy_split(busy_events)[0]
    if busy_filed > cases:
        raise SystemExit("seed_leaders: --busy-events needs more --cases")
    mark = clock.monotonic()
    seed_cases.extend_cases(cases - busy_filed, HISTORY_DAYS)
    seconds["cases"] = round(clock.monotonic() - mark, 1)
    mark = clock.monotonic()
    seed_applications(applications)
    seconds["applications"] = round(clock.monotonic() - mark, 1)
    today = timezone.localdate()
    busy_day = today - timedelta(days=1)
    mark = clock.monotonic()
    busy = seed_busy_day(cases - busy_filed, busy_events, busy_day)
    seconds["busy_day"] = round(clock.monotonic() - mark, 1)
    mark = clock.monotonic()
    analyze()
    seconds["analyze"] = round(clock.monotonic() - mark, 1)
    seconds["seed_total"] = round(clock.monotonic() - started, 1)
    mark = clock.monotonic()
    backfilled = rollup.rollup_range(busy_day - timedelta(days=rollup_days - 1), busy_day)
    seconds["rollup_backfill"] = round(clock.monotonic() - mark, 1)
    # The budget: one day with the busy day's events, through the rollup's own code.
    mark = clock.monotonic()
    busy_rows = rollup.rollup_day(busy_day)
    seconds["rollup_busy_day"] = round(clock.monotonic() - mark, 2)
    # The periodic task as the worker runs it (yesterday and today).
    mark = clock.monotonic()
    tasks.refresh_rollup.call()
    seconds["rollup_task"] = round(clock.monotonic() - mark, 2)
    return {
        "cases": Case.objects.filter(kind="complaint").count(),
        "applications": Case.objects.filter(kind="application").count(),
        "all_cases": Case.objects.count(),
        "busy_day": busy_day.isoformat(),
        "busy": busy,
        "rollup_days": rollup_days,
        "rollup_rows": DailyFigure.objects.count(),
        "rollup_rows_backfilled": backfilled,
        "rollup_rows_busy_day": busy_rows,
        "seconds": seconds,
        "sessions": sessions(),
    }


# --- In-process figures -------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(state: dict, rounds: int = 5) -> dict:
    """Each page rendered `rounds` times in this process (after one untimed render): status,
    p50/p95 ms, SQL queries of one render, HTML bytes."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    executed = []

    def counting(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    pages = [
        ("dasbor-kota", "/kantor/dasbor/", state["sessions"]["city"]),
        ("dasbor-opd", "/kantor/dasbor/", state["sessions"]["unit"]),
        ("transparansi", "/transparansi/", None),
    ]
    out = {}
    for name, path, session in pages:
        client = Client(SERVER_NAME="127.0.0.1")
        if session:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        executed.clear()
        with connection.execute_wrapper(counting):
            response = client.get(path)
        queries = list(executed)
        timings = []
        for _ in range(rounds):
            mark = clock.perf_counter()
            client.get(path)
            timings.append((clock.perf_counter() - mark) * 1000)
        out[name] = {
            "path": path,
            "status": response.status_code,
            "queries": len(queries),
            "html_bytes": len(response.content),
            "p50_ms": round(percentile(timings, 0.5), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
        }
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--busy-events", type=int, default=50_000)
    parser.add_argument("--rollup-days", type=int, default=ROLLUP_DAYS)
    parser.add_argument("--rounds", type=int, default=5, help="in-process renders per page")
    parser.add_argument("--state", type=Path, required=True)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    import django

    django.setup()
    print(
        f"leaders: seeding {args.cases} cases, {args.applications} applications, "
        f"a day of {args.busy_events} events…",
        flush=True,
    )
    state = seed(args.cases, args.applications, args.busy_events, args.rollup_days)
    print(f"leaders: seeded and rolled up: {state['seconds']}", flush=True)
    state["in_process"] = measure(state, args.rounds)
    args.state.write_text(json.dumps(state, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
