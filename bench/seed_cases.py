"""Bulk complaint cases for `make bench --suite complaints` (imported by bench/seed.py).

A million rows cannot go through `cases.services.submit` (one audit event, one history row
and a routing lookup each): they are written straight into `cases_case`, in batches inside
transactions — `executemany` on SQLite, `COPY` on PostgreSQL. Nothing else is written for
them: no audit trail, no outbox, and history rows only for the few cases whose tracking page
the load test reads (`TRACKED_CASES`).

The rows are deterministic for their index: case i has the tracking code `ADU-` + i in base
31 over the tracking-code alphabet, padded to 7 characters (the codes that `submit` draws
are 6 long, so they never collide), belongs to the DPU when i is a multiple of
`UNIT_SHARE_EVERY` (5 %, so 50 000 of 1 000 000) and otherwise to one of the other OPD.
Status follows a fixed mix: mostly closed, a few waiting for verification, the rest open.
Named cases carry encrypted reporter fields (one token each, shared by all rows: decrypting
a row costs what it costs in production).
Seeding 10 000 and later extending to 1 000 000 (`extend_cases`) gives the same DPU share
at both sizes.
"""

import contextlib
import json
import random
from datetime import timedelta
from pathlib import Path

BENCH_EMAIL_DOMAIN = "bench.invalid"
STAFF_EMAIL = f"staf-dpu@{BENCH_EMAIL_DOMAIN}"
STAFF_UNIT = "DPU"
UNIT_SHARE_EVERY = 20  # every 20th case belongs to STAFF_UNIT: 5 %
CODE_PREFIX = "ADU-"
CODE_LENGTH = 7
SEEDED_CODE_LIKE = CODE_PREFIX + "_" * CODE_LENGTH  # SQL LIKE: exactly the seeded codes
SUBMISSION_KEY_PREFIX = "bench-"  # idempotency keys of the submission burst
BATCH = 20_000
TRACKED_CASES = 100
DAYS_OF_HISTORY = 3 * 365
SECRET_HASH = "0" * 64  # nobody holds a secret link to a seeded case

# Status mix: mostly closed, a few waiting for verification (not yet visible to the unit),
# about 7 % open work that the unit's inbox lists.
STATUS_MIX = [
    ("selesai", 0.870),
    ("digabung", 0.015),
    ("diarsipkan", 0.025),
    ("baru", 0.020),
    ("terverifikasi", 0.015),
    ("diproses", 0.030),
    ("menunggu_info", 0.010),
    ("dijawab", 0.015),
]
CLOSED = {"selesai", "digabung", "diarsipkan"}
RESOLVED = {"selesai", "dijawab"}
CHANNELS = ["web"] * 6 + ["whatsapp"] * 2 + ["phone", "email"]
SUBTYPES = ["pengaduan"] * 7 + ["aspirasi"] * 2 + ["informasi"]
TITLES = [
    "Jalan berlubang di depan sekolah",
    "Lampu jalan mati sejak seminggu",
    "Sampah menumpuk di pinggir jalan",
    "Saluran air tersumbat saat hujan",
    "Antrean panjang di loket pelayanan",
    "Trotoar rusak membahayakan pejalan kaki",
]
DESCRIPTION = (
    "Sudah beberapa hari kondisi ini dibiarkan dan warga sekitar terganggu. Mohon segera "
    "ditindaklanjuti oleh dinas terkait. Lokasi dekat masjid dan warung, mudah ditemukan."
)

COLUMNS = [
    "kind",
    "tracking_code",
    "secret_hash",
    "category_id",
    "status",
    "channel",
    "subtype",
    "title",
    "description",
    "submitter_id",
    "is_anonymous",
    "is_confidential",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
    "region_id",
    "rt",
    "street",
    "latitude",
    "longitude",
    "org_unit_id",
    "assignee_id",
    "parent_id",
    "created_at",
    "updated_at",
    "verify_due_date",
    "due_date",
    "paused_at",
    "verified_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "due_soon_notified_at",
    "overdue_notified_at",
    "rating",
    "rating_comment",
    "idempotency_key",
    "attributes",
    "secret_token",
    "public_summary",
    "reporter_email_index",
    "reporter_phone_index",
]
DATETIME_COLUMNS = [
    "created_at",
    "updated_at",
    "paused_at",
    "verified_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
]
DATE_COLUMNS = ["verify_due_date", "due_date"]


def tracking_code(index: int, prefix: str = CODE_PREFIX) -> str:
    """The index-th seeded code under `prefix` (each suite seeds its own range)."""
    from satupintu.cases.codes import ALPHABET

    digits = []
    for _ in range(CODE_LENGTH):
        index, digit = divmod(index, len(ALPHABET))
        digits.append(ALPHABET[digit])
    if index:
        raise ValueError("index too large for a seeded tracking code")
    return prefix + "".join(reversed(digits))


def is_staff_unit_case(index: int) -> bool:
    return index % UNIT_SHARE_EVERY == 0


class Context:
    """What every row refers to: units, categories, kelurahan, loaded once."""

    def __init__(self):
        from satupintu.cases.models import Category
        from satupintu.org.models import OrgUnit, Region

        self.categories = ensure_categories()
        units = {u.code: u for u in OrgUnit.objects.filter(is_active=True)}
        self.staff_unit = units[STAFF_UNIT]
        self.other_units = [
            u for code, u in sorted(units.items()) if code != STAFF_UNIT and u.parent_id
        ]
        by_unit: dict[int, list[Category]] = {}
        for category in self.categories:
            if category.default_org_unit_id:
                by_unit.setdefault(category.default_org_unit_id, []).append(category)
        self.by_unit = by_unit
        self.fallback = [c for c in self.categories if c.code == "lainnya"] or self.categories
        levels = [Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE]
        self.kelurahan = list(Region.objects.filter(level__in=levels).values_list("pk", flat=True))
        self.sla_days = {c.pk: c.sla_tier.working_days for c in self.categories}
        # Encrypted once and shared by every named case: decrypting costs the same per row.
        from satupintu.core import crypto

        self.reporter = {
            "reporter_name": crypto.encrypt("Warga Uji Beban"),
            "reporter_email": crypto.encrypt(f"pelapor@{BENCH_EMAIL_DOMAIN}"),
            "reporter_phone": crypto.encrypt("+6281200000000"),
        }
        self.anonymous = dict.fromkeys(self.reporter, "")

    def categories_of(self, unit) -> list:
        return self.by_unit.get(unit.pk) or self.fallback


def ensure_categories() -> list:
    """The complaint categories of the demo data, created once (no audit: a bench fixture)."""
    from satupintu.cases.models import Category, SlaTier
    from satupintu.complaints.workflow import KIND
    from satupintu.demo.data import COMPLAINT_CATEGORIES
    from satupintu.org.models import OrgUnit

    tiers = {t.code: t for t in SlaTier.objects.all()}
    for order, (code, name, tier, unit_code, _rules) in enumerate(COMPLAINT_CATEGORIES):
        Category.objects.get_or_create(
            kind=KIND,
            code=code,
            defaults={
                "name": name,
                "sla_tier": tiers[tier],
                "default_org_unit": OrgUnit.objects.filter(code=unit_code or "").first(),
                "sort_order": order,
            },
        )
    return list(Category.objects.filter(kind=KIND, is_active=True).select_related("sla_tier"))


def pick_status(rng: random.Random, mix=STATUS_MIX) -> str:
    """A status drawn from `mix`, (status, share) pairs whose shares add up to 1."""
    draw = rng.random()
    for status, share in mix:
        if draw < share:
            return status
        draw -= share
    return mix[0][0]


def calendar_days(working_days: int) -> int:
    return working_days * 7 // 5


def build_row(
    index: int, rng: random.Random, ctx: Context, now, history_days: int = DAYS_OF_HISTORY
) -> dict:
    if is_staff_unit_case(index):
        unit = ctx.staff_unit
    else:
        unit = ctx.other_units[rng.randrange(len(ctx.other_units))]
    category = rng.choice(ctx.categories_of(unit))
    status = pick_status(rng)
    closed = status in CLOSED
    # Open work is recent (some of it overdue); closed cases spread over three years.
    age_days = rng.uniform(0, 60) if not closed else rng.uniform(20, history_days)
    created = now - timedelta(days=age_days, seconds=rng.randrange(86_400))
    created_day = created.date()
    triage = status == "baru"
    verified = None if triage or status == "diarsipkan" else created + timedelta(hours=20)
    responded = verified + timedelta(days=2) if verified and status != "terverifikasi" else None
    resolved = created + timedelta(days=rng.uniform(3, 20)) if status in RESOLVED else None
    closed_at = (resolved or created) + timedelta(days=rng.uniform(1, 10)) if closed else None
    paused = now - timedelta(days=rng.uniform(0, 5)) if status == "menunggu_info" else None
    anonymous = index % 10 == 0
    # A third of the cases waiting for verification found no routing rule (the DPU keeps
    # all of its share, so that it holds exactly 1 in UNIT_SHARE_EVERY).
    unrouted = triage and index % 3 == 1 and not is_staff_unit_case(index)
    return {
        "kind": "complaint",
        "tracking_code": tracking_code(index),
        "secret_hash": SECRET_HASH,
        "category_id": category.pk,
        "status": status,
        "channel": CHANNELS[index % len(CHANNELS)],
        "subtype": SUBTYPES[index % len(SUBTYPES)],
        "title": f"{TITLES[index % len(TITLES)]} ({index})",
        "description": DESCRIPTION,
        "submitter_id": None,
        "is_anonymous": anonymous,
        "is_confidential": False,
        **(ctx.anonymous if anonymous else ctx.reporter),
        "region_id": ctx.kelurahan[index % len(ctx.kelurahan)],
        "rt": f"{index % 30 + 1:03d}",
        "street": f"Jl. Uji Beban No. {index % 200 + 1}",
        "latitude": None,
        "longitude": None,
        "org_unit_id": None if unrouted else unit.pk,
        "assignee_id": None,
        "parent_id": None,
        "created_at": created,
        "updated_at": closed_at or resolved or responded or created,
        "verify_due_date": created_day + timedelta(days=calendar_days(3)),
        "due_date": created_day + timedelta(days=calendar_days(ctx.sla_days[category.pk])),
        "paused_at": paused,
        "verified_at": verified,
        "first_response_at": responded,
        "resolved_at": resolved,
        "closed_at": closed_at,
        "due_soon_notified_at": None,
        "overdue_notified_at": None,
        "rating": (index % 5) + 1 if status == "selesai" and index % 4 == 0 else None,
        "rating_comment": "",
        "idempotency_key": None,
        "attributes": "{}",
        # No private link to a seeded case; no approved public summary (the page shows the
        # neutral title); blind indexes empty as for a case filed without contact details.
        "secret_token": "",
        "public_summary": "",
        "reporter_email_index": "",
        "reporter_phone_index": "",
    }


def adapt(row: dict, connection) -> tuple:
    """The row as the database driver takes it (SQLite wants text for dates and times)."""
    if connection.vendor == "sqlite":
        ops = connection.ops
        for name in DATETIME_COLUMNS:
            row[name] = ops.adapt_datetimefield_value(row[name])
        for name in DATE_COLUMNS:
            row[name] = ops.adapt_datefield_value(row[name])
    return tuple(row[name] for name in COLUMNS)


def write_rows(rows: list[tuple]) -> None:
    from django.db import connection

    from satupintu.cases.models import Case

    table = connection.ops.quote_name(Case._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(insert, rows)


def seeded_count() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM cases_case WHERE tracking_code LIKE %s", [SEEDED_CODE_LIKE]
        )
        return cursor.fetchone()[0]


def fast_sqlite_writes():
    """During the seed only: no fsync per transaction, a bigger page cache."""
    from django.db import connection

    # Not inside a transaction (a pytest's): SQLite refuses to change the safety level there.
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MB


def analyze() -> None:
    """PostgreSQL: statistics and visibility map as autovacuum leaves them after a bulk load.

    SQLite gets nothing: nothing in the project runs ANALYZE there, so its query plans must
    hold without statistics.
    """
    from django.db import DatabaseError, connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("cases_case", "cases_caseevent", "org_orgunit"):
                cursor.execute(f"VACUUM ANALYZE {table}")
            # The load's dirty buffers written now, not by the checkpointer during the
            # measurements that follow (bench/server.py, flush_writes).
            # Neither superuser nor pg_checkpoint: the checkpointer's own pace, then.
            with contextlib.suppress(DatabaseError):
                cursor.execute("CHECKPOINT")


def extend_cases(total: int, history_days: int = DAYS_OF_HISTORY) -> int:
    """Add seeded cases until there are `total`; returns how many were added. Closed cases
    spread over `history_days` (the leaders suite asks for two years)."""
    from django.db import transaction
    from django.utils import timezone

    start = seeded_count()
    if start >= total:
        return 0
    fast_sqlite_writes()
    ctx = Context()
    now = timezone.now()
    from django.db import connection

    for first in range(start, total, BATCH):
        rng = random.Random(first)
        indexes = range(first, min(first + BATCH, total))
        rows = [adapt(build_row(i, rng, ctx, now, history_days), connection) for i in indexes]
        with transaction.atomic():
            write_rows(rows)
    return total - start


def remove_previous_cases() -> None:
    """Seeded cases and the submission burst's cases of an earlier run (kept PostgreSQL)."""
    from django.db import connection, transaction

    # History and files first, then links between cases, then the cases.
    statements = [
        "DELETE FROM cases_caseattachment WHERE case_id IN (SELECT id FROM cases_case "
        "WHERE tracking_code LIKE %s OR idempotency_key LIKE %s)",
        "DELETE FROM cases_caseevent WHERE case_id IN (SELECT id FROM cases_case "
        "WHERE tracking_code LIKE %s OR idempotency_key LIKE %s)",
        "UPDATE cases_case SET parent_id = NULL WHERE parent_id IN (SELECT id FROM cases_case "
        "WHERE tracking_code LIKE %s OR idempotency_key LIKE %s)",
        "DELETE FROM cases_case WHERE tracking_code LIKE %s OR idempotency_key LIKE %s",
    ]
    params = [SEEDED_CODE_LIKE, SUBMISSION_KEY_PREFIX + "%"]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)


def tracked_indexes(total: int) -> list[int]:
    count = min(TRACKED_CASES, total)
    return sorted({i * total // count for i in range(count)})


def build_timeline(case, now) -> list:
    """Public history as `submit`/`perform` would have left it, plus one internal note."""
    from satupintu.cases.models import CaseEvent

    steps = [("submit", "", "baru", "reporter", True, "")]
    if case.verified_at:
        steps.append(("verify", "baru", "terverifikasi", "coordinator", True, ""))
        steps.append(("note", "terverifikasi", "terverifikasi", "unit", False, "Cek lokasi."))
    if case.first_response_at:
        steps.append(("start", "terverifikasi", "diproses", "unit", True, ""))
        steps.append(("reply", "diproses", "diproses", "unit", True, "Tim sudah dijadwalkan."))
    if case.resolved_at:
        steps.append(("resolve", "diproses", "dijawab", "unit", True, "Sudah diperbaiki."))
    if case.closed_at and case.status == "selesai":
        steps.append(("close", "dijawab", "selesai", "system", True, ""))
    events = []
    for offset, (action, before, after, role, public, note) in enumerate(steps):
        events.append(
            CaseEvent(
                case=case,
                created_at=min(case.created_at + timedelta(hours=6 * offset), now),
                actor_role=role,
                action=action,
                from_status=before,
                to_status=after,
                is_public=public,
                note=note,
            )
        )
    return events


def seed_timelines(total: int) -> list[str]:
    """History rows for the tracked cases that have none yet; returns their codes."""
    from django.utils import timezone

    from satupintu.cases.models import Case, CaseEvent

    codes = [tracking_code(i) for i in tracked_indexes(total)]
    now = timezone.now()
    cases = Case.objects.filter(tracking_code__in=codes, events__isnull=True)
    events = [event for case in cases for event in build_timeline(case, now)]
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    return codes


def ensure_staff_session(
    email: str = STAFF_EMAIL,
    unit_code: str = STAFF_UNIT,
    role: str = "operator",
    full_name: str = "Operator DPU (uji beban)",
) -> str:
    """A DPU operator (or `role` of `unit_code`) with TOTP set up, logged in: returns the
    session key for the cookie.

    The session is written as django.contrib.auth's login() would, with allauth's record of
    a passed TOTP step (staff rights need a TOTP-verified session, see accounts.middleware);
    the authenticator only has to exist, it is never asked for a code.
    """
    import time

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from satupintu.accounts.models import User
    from satupintu.org.models import Membership, OrgUnit

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name)
    Membership.objects.get_or_create(
        user=user, org_unit=OrgUnit.objects.get(code=unit_code), role=Membership.Role(role)
    )
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "bench"}}
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "type": "totp", "at": time.time()}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.create()
    return session.session_key


def form_choices() -> dict:
    """A category and a kelurahan for the complaint form of the submission burst."""
    from satupintu.cases.models import Category
    from satupintu.org.models import Region

    category = Category.objects.filter(kind="complaint", is_active=True, code="lampu-jalan")
    kelurahan = Region.objects.filter(level=Region.Level.URBAN_VILLAGE).order_by("code")
    return {"category": category.first().pk, "kelurahan": kelurahan.first().pk}


def seed(total: int, state_path: Path, fresh: bool) -> dict:
    """Seed (or extend to) `total` cases and write what the runner needs to `state_path`."""
    from satupintu.cases.models import Case

    if fresh:
        remove_previous_cases()
    added = extend_cases(total)
    codes = seed_timelines(total)
    if added:
        analyze()
    state = json.loads(state_path.read_text()) if state_path.exists() and not fresh else {}
    if "session" not in state:
        state["session"] = ensure_staff_session()
    state.update(
        {
            "cases": total,
            "all_cases": Case.objects.count(),
            "staff_unit": STAFF_UNIT,
            "staff_unit_cases": Case.objects.filter(org_unit__code=STAFF_UNIT).count(),
            "track_paths": [f"/lacak/{code}/" for code in codes],
            "form": form_choices(),
        }
    )
    state_path.write_text(json.dumps(state, indent=2))
    state["added"] = added
    return state


def submission_check(key_prefix: str) -> dict:
    """After the burst: how many cases its idempotency keys created, and are codes unique."""
    from django.db.models import Count

    from satupintu.cases.models import Case

    burst = Case.objects.filter(idempotency_key__startswith=key_prefix)
    codes = list(burst.values_list("tracking_code", flat=True))
    keys_twice = burst.values("idempotency_key").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {
        "cases": len(codes),
        "unique_codes": len(set(codes)),
        "keys_with_several_cases": keys_twice,
        "codes": codes,
    }
