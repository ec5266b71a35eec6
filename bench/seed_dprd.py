"""Seed and check for the DPRD suite (bench/dprd.py), run as a child process with the bench
environment: `seed` writes a state file, `check` counts what the database holds.

- `--proposals` (100 000) E-Pokir proposals: a case of kind "pokir" (raw inserts through
  bench/seed_cases.py's writer: `executemany` on SQLite, `COPY` on PostgreSQL) and its
  `Proposal` row (`bulk_create`), spread over every kelurahan, so over every dapil as the
  kelurahan → dapil data routes them; three planning years, the pokir status mix, a support
  count drawn at random. No service, audit event or history row: a bench fixture.
  Case i has the code `POK-` + i in base 31 padded to 7 characters (real codes have 6).
- Two proposals open to support (status "diverifikasi", no support yet): the burst's
  target, and the one a single account supports again and again.
- `--supporters` (2 000) citizens with a verified e-mail address, each logged in (a session
  row written as `login()` would), plus one more for the repeated supports.

`check` counts `Support` rows and reads `Proposal.support_count` of both targets.
"""

import argparse
import json
import os
import random
import secrets
import sys
import time as clock
from datetime import timedelta
from pathlib import Path

CODE_PREFIX = "POK-"
CODE_LENGTH = 7
SEEDED_CODE_LIKE = CODE_PREFIX + "_" * CODE_LENGTH
SUPPORTER_DOMAIN = "dprd.bench.invalid"
BATCH = 20_000
# Pokir statuses as a council's backlog looks after a few years: most still early.
STATUS_MIX = [
    ("diajukan", 0.40),
    ("diverifikasi", 0.20),
    ("diadopsi", 0.12),
    ("diusulkan", 0.08),
    ("diterima", 0.06),
    ("ditolak", 0.08),
    ("dianggarkan", 0.04),
    ("dilaksanakan", 0.02),
]
TITLES = [
    "Semenisasi jalan lingkungan",
    "Drainase tersier",
    "Lampu penerangan jalan",
    "Pelatihan UMKM warga",
    "Perbaikan posyandu",
    "Turap saluran",
]
AFFAIRS = ["Pekerjaan Umum", "Kesehatan", "Perdagangan", "Perhubungan", "Pendidikan"]


def tracking_code(index: int) -> str:
    import seed_cases

    return seed_cases.tracking_code(index, CODE_PREFIX)


def kelurahan_with_district() -> list[tuple[int, int]]:
    """(kelurahan id, dapil id) for every kelurahan that lies in a dapil."""
    from satupintu.org.models import ElectoralDistrict, Region

    by_kecamatan = {}
    for district in ElectoralDistrict.objects.prefetch_related("districts"):
        for kecamatan in district.districts.all():
            by_kecamatan[kecamatan.pk] = district.pk
    levels = [Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE]
    rows = Region.objects.filter(level__in=levels).values_list("pk", "parent_id")
    pool = [(pk, by_kecamatan[parent]) for pk, parent in rows if parent in by_kecamatan]
    if not pool:
        raise SystemExit("seed_dprd: no kelurahan lies in a dapil (import the DPRD data)")
    return sorted(pool)


def case_row(index: int, rng: random.Random, kelurahan_id: int, setwan_id, now) -> dict:
    import seed_cases

    status = seed_cases.pick_status(rng, STATUS_MIX)
    created = now - timedelta(days=rng.uniform(0, 3 * 365), seconds=rng.randrange(86_400))
    return {
        "kind": "pokir",
        "tracking_code": tracking_code(index),
        "secret_hash": seed_cases.SECRET_HASH,
        "category_id": None,
        "status": status,
        "channel": "web",
        "subtype": "",
        "title": f"{TITLES[index % len(TITLES)]} ({index})",
        "description": seed_cases.DESCRIPTION,
        "submitter_id": None,
        "is_anonymous": False,
        "is_confidential": False,
        "reporter_name": "",
        "reporter_email": "",
        "reporter_phone": "",
        "region_id": kelurahan_id,
        "rt": f"{index % 30 + 1:03d}",
        "street": f"Jl. Uji Beban No. {index % 200 + 1}",
        "latitude": None,
        "longitude": None,
        "org_unit_id": setwan_id,
        "assignee_id": None,
        "parent_id": None,
        "created_at": created,
        "updated_at": created,
        "verify_due_date": created.date() + timedelta(days=4),
        "due_date": created.date() + timedelta(days=28),
        "paused_at": None,
        "verified_at": None if status == "diajukan" else created + timedelta(days=2),
        "first_response_at": None,
        "resolved_at": None,
        "closed_at": created + timedelta(days=90)
        if status in ("ditolak", "dilaksanakan")
        else None,
        "due_soon_notified_at": None,
        "overdue_notified_at": None,
        "rating": None,
        "rating_comment": "",
        "idempotency_key": None,
        "attributes": "{}",
        "secret_token": "",
        "public_summary": "",
        "reporter_email_index": "",
        "reporter_phone_index": "",
    }


def remove_previous() -> None:
    """Seeded proposals and supporters of an earlier run (a kept PostgreSQL database)."""
    from django.db import connection, transaction

    from satupintu.accounts.models import User

    seeded = "SELECT id FROM cases_case WHERE tracking_code LIKE %s"
    statements = [
        f"DELETE FROM dprd_support WHERE proposal_id IN (SELECT id FROM dprd_proposal "  # noqa: S608
        f"WHERE case_id IN ({seeded}))",
        f"DELETE FROM dprd_proposal WHERE case_id IN ({seeded})",  # noqa: S608
        f"DELETE FROM cases_caseevent WHERE case_id IN ({seeded})",  # noqa: S608
        "DELETE FROM cases_case WHERE tracking_code LIKE %s",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, [SEEDED_CODE_LIKE])
    # only("pk"): rows of an earlier run were encrypted with that run's keys; never decrypt.
    User.objects.filter(email__endswith=f"@{SUPPORTER_DOMAIN}").only("pk").delete()


def seed_proposals(total: int) -> None:
    import seed_cases
    from django.db import connection, transaction
    from django.utils import timezone

    from satupintu.dprd.models import Proposal
    from satupintu.org.models import OrgUnit

    seed_cases.fast_sqlite_writes()
    pool = kelurahan_with_district()
    setwan = OrgUnit.objects.filter(code="SETWAN").values_list("pk", flat=True).first()
    now = timezone.now()
    years = [now.year, now.year + 1, now.year + 2]
    for first in range(0, total, BATCH):
        rng = random.Random(first)
        indexes = range(first, min(first + BATCH, total))
        places = {i: pool[i % len(pool)] for i in indexes}
        rows = [
            seed_cases.adapt(case_row(i, rng, places[i][0], setwan, now), connection)
            for i in indexes
        ]
        with transaction.atomic():
            seed_cases.write_rows(rows)
            codes = [tracking_code(i) for i in indexes]
            case_ids = dict(_fetch_ids(connection, codes[0], codes[-1]))
            if len(case_ids) != len(codes):
                raise RuntimeError(f"seed_dprd: {len(case_ids)} cases found of {len(codes)}")
            Proposal.objects.bulk_create(
                [
                    Proposal(
                        case_id=case_ids[tracking_code(i)],
                        district_id=places[i][1],
                        planning_year=years[i % len(years)],
                        source="warga" if i % 5 else "reses",
                        work_type="fisik" if i % 4 else "nonfisik",
                        affair=AFFAIRS[i % len(AFFAIRS)],
                        boundaries="Utara: jalan; Selatan: parit; Barat: RT 02; Timur: masjid",
                        volume=350,
                        volume_unit="m",
                        estimated_cost=150_000_000,
                        beneficiaries="120 KK",
                        support_count=rng.randrange(0, 400),
                    )
                    for i in indexes
                ],
                batch_size=2_000,
            )


def _fetch_ids(connection, low: str, high: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tracking_code, id FROM cases_case WHERE tracking_code >= %s "
            "AND tracking_code <= %s AND tracking_code LIKE %s",
            [low, high, SEEDED_CODE_LIKE],
        )
        return cursor.fetchall()


def open_target(index: int) -> dict:
    """A proposal open to support with no support yet (seeded as the last ones)."""
    from satupintu.cases.models import Case
    from satupintu.dprd.models import Proposal

    code = tracking_code(index)
    Case.objects.filter(tracking_code=code).update(status="diverifikasi")
    proposal = Proposal.objects.get(case__tracking_code=code)
    proposal.support_count = 0
    proposal.save(update_fields=["support_count"])
    return {"code": code, "proposal": proposal.pk}


def sessions_for(users) -> list[str]:
    """A logged-in session for each user, written as django.contrib.auth's login() would."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    rows, keys = [], []
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        keys.append(key)
    Session.objects.bulk_create(rows, batch_size=2_000)
    return keys


def seed_supporters(count: int) -> list[str]:
    """`count` citizens with a verified e-mail address, each with a session; their keys."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from satupintu.accounts.models import User

    password = make_password(None)  # unusable: nobody logs in with a password
    User.objects.bulk_create(
        [
            User(
                email=f"pendukung-{i}@{SUPPORTER_DOMAIN}",
                full_name=f"Pendukung {i}",
                password=password,
            )
            for i in range(count)
        ],
        batch_size=2_000,
    )
    users = list(User.objects.filter(email__endswith=f"@{SUPPORTER_DOMAIN}").order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=2_000,
    )
    return sessions_for(users)


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("cases_case", "dprd_proposal", "dprd_support", "django_session"):
                cursor.execute(f"VACUUM ANALYZE {table}")


def seed(proposals: int, supporters: int) -> dict:
    from satupintu.dprd.models import Proposal
    from satupintu.org.models import ElectoralDistrict

    started = clock.monotonic()
    remove_previous()
    seed_proposals(proposals)
    proposals_seconds = round(clock.monotonic() - started, 1)
    burst = open_target(proposals - 1)
    repeat = open_target(proposals - 2)
    sessions = seed_supporters(supporters + 1)
    analyze()
    districts = list(ElectoralDistrict.objects.order_by("number").values_list("pk", "number"))
    per_district = {
        number: Proposal.objects.filter(district_id=pk).count() for pk, number in districts
    }
    return {
        "proposals": proposals,
        "per_district": per_district,
        "district_paths": [f"/dprd/dapil/{number}/" for _pk, number in districts],
        "burst": burst,
        "repeat": repeat,
        "sessions": sessions[:supporters],
        "repeat_session": sessions[supporters],
        "seed_seconds": proposals_seconds,
        "seed_total_seconds": round(clock.monotonic() - started, 1),
    }


def check(state: dict) -> dict:
    from satupintu.dprd.models import Proposal, Support

    result = {}
    for name in ("burst", "repeat"):
        pk = state[name]["proposal"]
        result[name] = {
            "support_rows": Support.objects.filter(proposal_id=pk).count(),
            "distinct_accounts": Support.objects.filter(proposal_id=pk)
            .values("user_id")
            .distinct()
            .count(),
            "support_count": Proposal.objects.get(pk=pk).support_count,
        }
    return result


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["seed", "check"])
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--supporters", type=int, default=2_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    django.setup()
    if args.action == "seed":
        state = seed(args.proposals, args.supporters)
        args.state.write_text(json.dumps(state, indent=2))
    else:
        result = check(json.loads(args.state.read_text()))
        args.output.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
