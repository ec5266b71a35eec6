"""Prepare the benchmark database: migrate, load the reference data, add N citizens.

Run by bench/run.py with the benchmark's SP_* environment (same keys as the server):

    python bench/seed.py --records 10000 --reference-data data/balikpapan
    python bench/seed.py --records 10 --services 20 --news 50 --projects 30 --map-points 60
    python bench/seed.py --records 10000 --cases 10000 --state STATE.json   # + cases
    python bench/seed.py --cases 1000000 --cases-only --state STATE.json    # extend them
    python bench/seed.py --check-submissions bench-RUN-                     # count a burst

Citizens are written with bulk_create in batches: a user with a verified e-mail address,
every other one with a phone number, and a profile with an encrypted NIK and a kelurahan.
The audit trail is left alone (bulk rows would break nothing, but would not be audited
actions either). Every seeded account shares the password BENCH_PASSWORD.
"""

import argparse
import json
import os
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pages import MAP_POINTS, SEARCH_NEWS, SEARCH_PROJECTS, SEARCH_SERVICES

BENCH_EMAIL_DOMAIN = "bench.invalid"
BENCH_PASSWORD = "bench-warga-2024"  # noqa: S105 - throwaway accounts in a throwaway database
BATCH_SIZE = 2000
NIK_SERIALS = 9999


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    import django

    django.setup()


def prepare_schema(reference_data: str) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("import_reference_data", reference_data)
    call_command("collectstatic", interactive=False, verbosity=0)


def kelurahan_pool() -> list[tuple[int, str]]:
    from satupintu.org.models import Region

    levels = [Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE]
    pool = list(Region.objects.filter(level__in=levels).values_list("pk", "code"))
    if not pool:
        raise SystemExit("seed: no kelurahan in the reference data")
    return pool


def make_nik(index: int, district_code: str) -> str:
    """A NIK that python-stdnum accepts and that is unique for each index."""
    born = date(1950, 1, 1) + timedelta(days=index // NIK_SERIALS)
    day = born.day + (40 if index % 2 else 0)  # women's NIKs add 40 to the day of birth
    serial = index % NIK_SERIALS + 1
    region = district_code.replace(".", "")[:6]
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def make_phone(index: int) -> str:
    return f"+62812{index:08d}"


def build_users(indexes: range, password_hash: str) -> list:
    from satupintu.accounts.models import User
    from satupintu.accounts.phone import phone_index

    joined = datetime(2024, 1, 1, tzinfo=UTC)
    users = []
    for i in indexes:
        phone = make_phone(i) if i % 2 == 0 else ""
        users.append(
            User(
                email=f"warga-{i}@{BENCH_EMAIL_DOMAIN}",
                full_name=f"Warga Uji {i}",
                password=password_hash,
                phone=phone,
                phone_index=phone_index(phone) if phone else None,
                phone_verified=bool(phone),
                date_joined=joined + timedelta(minutes=i),
            )
        )
    return users


def build_profiles(users: list, first_index: int, pool: list[tuple[int, str]]) -> list:
    from satupintu.accounts.models import CitizenProfile
    from satupintu.accounts.nik import nik_index, normalize_nik

    profiles = []
    for offset, user in enumerate(users):
        index = first_index + offset
        kelurahan_id, code = pool[index % len(pool)]
        nik = normalize_nik(make_nik(index, code))
        profiles.append(
            CitizenProfile(
                user=user,
                nik=nik,
                nik_index=nik_index(nik),
                kelurahan_id=kelurahan_id,
                rt=f"{index % 30 + 1:03d}",
                street=f"Jl. Uji Beban No. {index % 200 + 1}",
            )
        )
    return profiles


def build_email_addresses(users: list) -> list:
    from allauth.account.models import EmailAddress

    return [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]


def remove_previous_seed() -> int:
    """Make re-runs on a kept database (e.g. PostgreSQL) start from the same state."""
    from seed_onedoor import BENCH_AUTHOR

    from satupintu.accounts.models import User

    # only("pk"): rows from an earlier run were encrypted with that run's keys; never decrypt.
    # The news author stays: the kept news items are theirs (a protected key), and the
    # one-door seeder finds them again by this address.
    seeded = (
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        .exclude(email=BENCH_AUTHOR)
        .only("pk")
    )
    deleted, _ = seeded.delete()
    return deleted


def seed_batch(indexes: range, password_hash: str, pool: list[tuple[int, str]]) -> None:
    from allauth.account.models import EmailAddress
    from django.db import transaction

    from satupintu.accounts.models import CitizenProfile, User

    with transaction.atomic():
        users = User.objects.bulk_create(build_users(indexes, password_hash))
        EmailAddress.objects.bulk_create(build_email_addresses(users))
        CitizenProfile.objects.bulk_create(build_profiles(users, indexes.start, pool))


def seed_citizens(records: int) -> None:
    from django.contrib.auth.hashers import make_password

    password_hash = make_password(BENCH_PASSWORD)  # hashed once: Argon2 is slow on purpose
    pool = kelurahan_pool()
    remove_previous_seed()
    for start in range(0, records, BATCH_SIZE):
        seed_batch(range(start, min(start + BATCH_SIZE, records)), password_hash, pool)


# --- Service catalogue ------------------------------------------------------------------------


def seed_services(count: int) -> None:
    """The demo services plus generated ones, up to `count` (catalog.bench)."""
    from satupintu.catalog.bench import make_bench_services
    from satupintu.cityconfig.demo import load_catalogue

    started = time.monotonic()
    load_catalogue()
    added = make_bench_services(count)
    print(
        f"seed: catalogue at {count} services ({added} generated) in "
        f"{time.monotonic() - started:.1f} s"
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--reference-data", default="data/balikpapan")
    parser.add_argument("--cases", type=int, default=0, help="complaint cases (seed_cases.py)")
    parser.add_argument(
        "--services",
        type=int,
        default=SEARCH_SERVICES,
        help="services in the catalogue (0: none)",
    )
    parser.add_argument(
        "--news", type=int, default=SEARCH_NEWS, help="published news items (0: none)"
    )
    parser.add_argument(
        "--projects", type=int, default=SEARCH_PROJECTS, help="development projects (0: none)"
    )
    parser.add_argument(
        "--map-points",
        type=int,
        default=MAP_POINTS,
        help="points on the city map: the projects plus a public-facilities layer (0: none)",
    )
    parser.add_argument("--state", type=Path, help="JSON written for the complaints suite")
    parser.add_argument(
        "--cases-only", action="store_true", help="only extend the cases of an earlier seed"
    )
    parser.add_argument(
        "--check-submissions",
        metavar="KEY_PREFIX",
        help="print (JSON) the cases created with idempotency keys starting with KEY_PREFIX",
    )
    return parser.parse_args(argv)


def seed_cases(total: int, state: Path, fresh: bool) -> None:
    import seed_cases as cases

    started = time.monotonic()
    result = cases.seed(total, state, fresh=fresh)
    elapsed = time.monotonic() - started
    print(
        f"seed: {result['added']} cases added ({total} seeded, {result['all_cases']} in the "
        f"database, {result['staff_unit_cases']} of {result['staff_unit']}) in {elapsed:.1f} s"
    )


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    setup_django()
    if args.check_submissions:
        import seed_cases as cases

        print(json.dumps(cases.submission_check(args.check_submissions)))
        return
    if args.cases and not args.state:
        raise SystemExit("seed: --cases needs --state")
    if args.cases_only:
        seed_cases(args.cases, args.state, fresh=False)
        return
    started = time.monotonic()
    prepare_schema(args.reference_data)
    seed_citizens(args.records)
    if args.services:
        seed_services(args.services)
    if args.news or args.projects or args.map_points:
        import seed_onedoor

        if args.news:
            seed_onedoor.seed_news(args.news)
        if args.projects:
            seed_onedoor.seed_projects(args.projects)
        if args.map_points > args.projects:
            seed_onedoor.seed_map_points(args.map_points - args.projects)
    elapsed = time.monotonic() - started
    print(f"seed: {args.records} citizens with profiles ready in {elapsed:.1f} s")
    if args.cases:
        seed_cases(args.cases, args.state, fresh=True)


if __name__ == "__main__":
    main(sys.argv[1:])
