"""Seeds of the one-door figures (issue #12), called by bench/seed.py: published news items
(news.bench) and development projects (projects.bench), so the home page carries news, `/cari/`
searches 1 000 services, 10 000 news items and 5 000 projects, and the city map shows 10 000
points (the projects and an OPD's public-facilities layer, geo.bench). Bulk inserts
consistent with the models, no audit events."""

import time

BENCH_AUTHOR = "penulis.bench@bench.invalid"


def _author():
    from satupintu.accounts.models import User

    author = User.objects.filter(email=BENCH_AUTHOR).first()
    if author is None:
        author = User.objects.create_user(email=BENCH_AUTHOR, password=None, is_staff=True)
    return author


def seed_news(count: int) -> None:
    from satupintu.news.bench import make_bench_news

    started = time.monotonic()
    added = make_bench_news(count, _author())
    print(f"seed: {count} news items ({added} added) in {time.monotonic() - started:.1f} s")


def seed_projects(count: int) -> None:
    from satupintu.projects.bench import make_bench_projects

    started = time.monotonic()
    added = make_bench_projects(count)
    print(f"seed: {count} projects ({added} added) in {time.monotonic() - started:.1f} s")


def seed_map_points(count: int) -> None:
    """Points of an OPD's public-facilities layer: with the projects, the map's points."""
    from satupintu.geo.bench import make_bench_facilities

    started = time.monotonic()
    added = make_bench_facilities(count)
    print(f"seed: {count} facility points ({added} added) in {time.monotonic() - started:.1f} s")
