"""The open-data suite (`--suite opendata`, `--datasets N`): the CKAN Action API's
`package_search` over N published datasets, as a harvester and a CKAN client call it.

Budget (from the one-door issue): `package_search` p95 ≤ SEARCH_P95_BUDGET_MS at 1 000
datasets.

Queries, cycled: the default page (10 rows, newest first), a harvester's page of 100 sorted by
name, `fq=organization:<opd>`, `fq=tags:<tag> res_format:GeoJSON`, a word in `q`, and a
`metadata_modified` range. Each goes through the real view behind the full middleware stack,
called with Django's test client in one process (no network, no worker queue), so a figure is
what one request costs the application and the database. The number of SQL queries of one
search is recorded too: it must not grow with the page size (no N+1).

Seeding is a bulk insert consistent with the models, with no service or audit event: N
published datasets spread over the OPDs of the reference data, each with two or three tags
out of twenty, one or two of five groups, and CSV, JSON, XLSX (and for every third, GeoJSON)
resources whose files are not written (the search reads no file).

Like bench/applications.py, the runner half (`run`, `table`, `misses`) is imported by
bench/run.py and starts `python bench/opendata.py` with the bench environment; that process
(`main`) seeds and measures, and writes its figures as JSON.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

DEFAULT_DATASETS = 1000
SEARCH_P95_BUDGET_MS = 100.0
SEARCH_PATH = "/api/3/action/package_search"
SLUG_PREFIX = "bench-data-"
TAGS = [f"topik-{n}" for n in range(20)]
GROUPS = [
    "bench-kesehatan",
    "bench-infrastruktur",
    "bench-pendidikan",
    "bench-sosial",
    "bench-ekonomi",
]
WORDS = ["jalan", "puskesmas", "sekolah", "banjir", "pasar", "anggaran", "penduduk", "sampah"]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- Child process: seed and measure ------------------------------------------------------------


def seed(count: int) -> int:
    """N published datasets (idempotent: a second run keeps the ones already seeded)."""
    from django.db import transaction
    from django.utils import timezone

    from satupintu.opendata.models import Dataset, Group, Resource, Tag
    from satupintu.org.models import OrgUnit

    existing = Dataset.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing >= count:
        return 0
    units = list(OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS).order_by("code"))
    now = timezone.now()
    with transaction.atomic():
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        groups = [
            Group.objects.get_or_create(slug=slug, defaults={"title": slug.title()})[0]
            for slug in GROUPS
        ]
        made = []
        for i in range(existing, count):
            word = WORDS[i % len(WORDS)]
            made.append(
                Dataset(
                    slug=f"{SLUG_PREFIX}{i:05d}",
                    title=f"Data {word} {i}",
                    description=f"Data {word} kota, tabel ke-{i}, per kecamatan dan tahun.",
                    org_unit=units[i % len(units)],
                    walidata="Dinas Komunikasi dan Informatika",
                    frequency="tahunan",
                    license="cc-by",
                    period_start=now.date().replace(month=1, day=1),
                    period_end=now.date(),
                    contact_name="Walidata",
                    contact_email="data@example.go.id",
                    is_published=True,
                    data_updated_at=now,
                )
            )
        Dataset.objects.bulk_create(made, batch_size=500)
        made = list(Dataset.objects.filter(slug__in=[d.slug for d in made]).order_by("slug"))
        tag_rows, group_rows, resources = [], [], []
        for i, dataset in enumerate(made, existing):
            for n in range(2 + i % 2):
                tag_rows.append(Dataset.tags.through(dataset=dataset, tag=tags[(i + 7 * n) % 20]))
            for n in range(1 + i % 2):
                group_rows.append(
                    Dataset.groups.through(dataset=dataset, group=groups[(i + n) % 5])
                )
            formats = ["CSV", "JSON", "XLSX"] + (["GeoJSON"] if i % 3 == 0 else [])
            for position, fmt in enumerate(formats):
                resources.append(
                    Resource(
                        dataset=dataset,
                        format=fmt,
                        file=f"opendata/resources/{dataset.slug}.{fmt.lower()}",
                        size=1000 + i,
                        position=position,
                    )
                )
        Dataset.tags.through.objects.bulk_create(tag_rows, batch_size=1000)
        Dataset.groups.through.objects.bulk_create(group_rows, batch_size=1000)
        Resource.objects.bulk_create(resources, batch_size=1000)
    return len(made)


def queries() -> list[tuple[str, dict]]:
    from datetime import timedelta

    from django.utils import timezone

    from satupintu.opendata.selectors import org_name
    from satupintu.org.models import OrgUnit

    opd = org_name(OrgUnit.objects.filter(datasets__isnull=False).order_by("code").first())
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [
        ("default page (10)", {}),
        ("harvester page (100, name asc)", {"rows": "100", "start": "200", "sort": "name asc"}),
        ("fq organization", {"fq": f"organization:{opd}", "rows": "20"}),
        ("fq tags + res_format", {"fq": "tags:topik-3 res_format:GeoJSON", "rows": "20"}),
        ("q word", {"q": "puskesmas", "rows": "20"}),
        ("metadata_modified range", {"fq": f"metadata_modified:[{since} TO *]", "rows": "50"}),
    ]


def measure(rounds: int, warmup: int = 5) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    cases = queries()
    timings: dict[str, list[float]] = {label: [] for label, _params in cases}
    sql: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index in range(warmup + rounds):
        for label, params in cases:
            started = time.perf_counter()
            response = client.get(SEARCH_PATH, params)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200 or not response.json()["success"]:
                raise RuntimeError(f"{label}: {response.status_code} {response.content[:200]!r}")
            if index >= warmup:
                timings[label].append(elapsed)
            counts[label] = response.json()["result"]["count"]
    for label, params in cases:
        with CaptureQueriesContext(connection) as captured:
            client.get(SEARCH_PATH, params)
        sql[label] = len(captured)
    everything = [t for values in timings.values() for t in values]
    return {
        "rounds": rounds,
        "warmup": warmup,
        "queries": {
            label: {
                "p50_ms": round(percentile(values, 0.50), 1),
                "p95_ms": round(percentile(values, 0.95), 1),
                "max_ms": round(max(values, default=0.0), 1),
                "count": counts[label],
                "sql_queries": sql[label],
            }
            for label, values in timings.items()
        },
        "all": {
            "p50_ms": round(percentile(everything, 0.50), 1),
            "p95_ms": round(percentile(everything, 0.95), 1),
        },
    }


# --- Runner half (imported by run.py) ----------------------------------------------------------


def run(env: dict[str, str], workdir: Path, datasets: int, rounds: int = 50) -> dict:
    """Seed and measure in a child process with the bench environment; returns its figures."""
    output = workdir / "opendata.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--datasets", str(datasets)]
    command += ["--rounds", str(rounds), "--output", str(output)]
    subprocess.run(command, env=env, cwd=REPO_ROOT, check=True)
    return json.loads(output.read_text())


def table(result: dict, database: str) -> str:
    lines = [
        f"open-data suite — {database}, package_search over {result['datasets']} datasets, "
        f"{result['rounds']} rounds (warm-up {result['warmup']})",
        f"{'query':<32}  {'p95':>9}  {'p50':>9}  {'max':>9}  {'found':>6}  {'SQL':>4}",
    ]
    for label, figures in result["queries"].items():
        lines.append(
            f"{label:<32}  {figures['p95_ms']:>7.1f}ms  {figures['p50_ms']:>7.1f}ms  "
            f"{figures['max_ms']:>7.1f}ms  {figures['count']:>6}  {figures['sql_queries']:>4}"
        )
    ok = "yes" if result["all"]["p95_ms"] <= SEARCH_P95_BUDGET_MS else "NO"
    lines.append(
        f"{'all queries':<32}  {result['all']['p95_ms']:>7.1f}ms  {result['all']['p50_ms']:>7.1f}ms"
        f"  budget ≤ {SEARCH_P95_BUDGET_MS:.0f} ms: {ok}"
    )
    return "\n".join(lines)


def misses(result: dict) -> list[str]:
    found = []
    for label, figures in result["queries"].items():
        if figures["p95_ms"] > SEARCH_P95_BUDGET_MS:
            found.append(
                f"package_search ({label}) at {result['datasets']} datasets: p95 "
                f"{figures['p95_ms']:.1f} ms, budget {SEARCH_P95_BUDGET_MS:.0f} ms"
            )
    sql = {figures["sql_queries"] for figures in result["queries"].values()}
    if max(sql, default=0) > 12:
        found.append(f"package_search: up to {max(sql)} SQL queries per search (N+1?)")
    return found


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=DEFAULT_DATASETS)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--output", type=Path)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    import django

    django.setup()
    from django.conf import settings

    # The bench measures the view, not the per-address read limit of a harvester.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": ""}
    print(f"opendata: seeding {args.datasets} datasets…", flush=True)
    seed(args.datasets)
    result = measure(args.rounds, args.warmup)
    result["datasets"] = args.datasets
    result["budgets"] = {"package_search_p95_ms": SEARCH_P95_BUDGET_MS}
    if args.output:
        args.output.write_text(json.dumps(result, indent=2))
    print(table(result, os.environ.get("SP_DATABASE_URL", "sqlite").split(":", 1)[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
