"""The applications suite (`--suite applications`, `--applications N`): a citizen submits an
online application with three 1 MB documents, N times.

Budget (from the applications issue): submitting an application with three 1 MB files
completes server-side in ≤ SUBMIT_P95_BUDGET_MS at p95 on SQLite.

Each round is what the browser sends after the form steps are saved: the documents step POST
with the three files (multipart: content checks, hashing, storage, one row per document) and
the final review-step POST (one transaction: case, application, documents moved, audit events,
the receipt task queued). Both go through the real views behind the full middleware stack,
called with Django's test client in one process, so a figure is what the requests cost the
application and the database (the client's own multipart encoding of 3 MB is included, so the
figure is an upper bound). The budget is held against the sum of the two, per application.
The form steps themselves are saved before the timer starts, through the same services.

Like bench/letters.py, the runner half (`run`, `table`, `misses`) is imported by bench/run.py
and starts `python bench/applications.py` with the bench environment; that process (`main`)
seeds one service and measures, and writes its figures as JSON.
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

DEFAULT_APPLICATIONS = 50
SUBMIT_P95_BUDGET_MS = 300.0
FILE_BYTES = 2**20
SERVICE_SLUG = "bench-akta-kelahiran"
SEED_EMAIL = "pemohon@applications.bench.invalid"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- Child process: seed and measure ------------------------------------------------------------


def pdf_file(size: int, seed: int) -> bytes:
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    tail = b"\n%%EOF\n"
    body = random.Random(seed).randbytes(size - len(head) - len(tail))
    # Keep the filler free of names the PDF check refuses ("/JS", "/Encrypt").
    return head + body.replace(b"/", b"_") + tail


def png_file(size: int, seed: int) -> bytes:
    """A noisy PNG of about `size` bytes (noise does not compress)."""
    from PIL import Image

    side = int((size / 3) ** 0.5)
    noise = random.Random(seed).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def ensure_service():
    """One online service of DPU with the same form and requirements the tests use."""
    from satupintu.applications.tests.conftest import make_service
    from satupintu.catalog.models import Service
    from satupintu.org.models import OrgUnit

    existing = Service.objects.filter(slug=SERVICE_SLUG).first()
    if existing:
        return existing
    return make_service(OrgUnit.objects.get(code="DPU"), slug=SERVICE_SLUG)


def ensure_citizen():
    from satupintu.accounts.models import User

    user, _created = User.objects.get_or_create(
        email=SEED_EMAIL, defaults={"full_name": "Pemohon Uji Beban"}
    )
    return user


def measure(rounds: int, warmup: int = 3) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from satupintu.applications.models import Application
    from satupintu.applications.services import citizen as services
    from satupintu.applications.tests.conftest import STEP_ONE, STEP_TWO

    service = ensure_service()
    user = ensure_citizen()
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    files = {
        "surat-lahir": ("surat-lahir.pdf", pdf_file(FILE_BYTES, 1)),
        "kk": ("kk.pdf", pdf_file(FILE_BYTES, 2)),
        "ktp-ortu": ("ktp.png", png_file(FILE_BYTES, 3)),
    }
    sizes = {code: len(content) for code, (_name, content) in files.items()}
    upload_ms, submit_ms, total_ms = [], [], []
    before = Application.objects.count()
    for index in range(warmup + rounds):
        draft = services.start_draft(user=user, service=service)
        for step, answers in enumerate([STEP_ONE, STEP_TWO]):
            form = services.save_step(draft, step, answers, actor=user)
            if not form.is_valid():
                raise RuntimeError(f"step {step + 1} refused: {form.errors}")
        documents_url = reverse("applications:step", args=[draft.public_id, 3])
        review_url = reverse("applications:step", args=[draft.public_id, 4])
        payload = {
            f"doc-{code}": SimpleUploadedFile(name, content)
            for code, (name, content) in files.items()
        }
        payload["next"] = "1"
        started = time.perf_counter()
        response = client.post(documents_url, payload)
        uploaded = time.perf_counter()
        if response.status_code != 302 or not response["Location"].endswith("/langkah/4/"):
            raise RuntimeError(f"documents step answered {response.status_code}")
        response = client.post(review_url, {"declaration": "on", "submit": "1"})
        done = time.perf_counter()
        if response.status_code != 302 or "/terkirim/" not in response["Location"]:
            raise RuntimeError(f"submission answered {response.status_code}")
        if index >= warmup:
            upload_ms.append((uploaded - started) * 1000)
            submit_ms.append((done - uploaded) * 1000)
            total_ms.append((done - started) * 1000)
    created = Application.objects.count() - before

    def summary(values):
        return {
            "p50_ms": round(percentile(values, 0.50), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "max_ms": round(max(values, default=0.0), 1),
        }

    return {
        "rounds": rounds,
        "warmup": warmup,
        "file_bytes": sizes,
        "applications_created": created,
        "upload": summary(upload_ms),
        "submit": summary(submit_ms),
        "total": summary(total_ms),
    }


# --- Runner half (imported by run.py) ----------------------------------------------------------


def run(env: dict[str, str], workdir: Path, rounds: int) -> dict:
    """Seed and measure in a child process with the bench environment; returns its figures."""
    output = workdir / "applications.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--rounds", str(rounds)]
    command += ["--output", str(output)]
    subprocess.run(command, env=env, cwd=REPO_ROOT, check=True)
    return json.loads(output.read_text())


def table(result: dict, database: str) -> str:
    rows = [
        ("documents step, 3 × 1 MB", result["upload"], ""),
        ("final submit", result["submit"], ""),
        ("upload + submit", result["total"], f"≤ {SUBMIT_P95_BUDGET_MS:.0f} ms"),
    ]
    lines = [
        f"applications suite — {database}, {result['rounds']} applications "
        f"({result['applications_created']} created, warm-up {result['warmup']})",
        f"{'measure':<26}  {'p95':>9}  {'p50':>9}  {'max':>9}  {'budget':<10} ok",
    ]
    for label, figures, budget in rows:
        ok = "-" if not budget else ("yes" if figures["p95_ms"] <= SUBMIT_P95_BUDGET_MS else "NO")
        lines.append(
            f"{label:<26}  {figures['p95_ms']:>7.1f}ms  {figures['p50_ms']:>7.1f}ms  "
            f"{figures['max_ms']:>7.1f}ms  {budget:<10} {ok}"
        )
    return "\n".join(lines)


def misses(result: dict) -> list[str]:
    found = []
    p95 = result["total"]["p95_ms"]
    if p95 > SUBMIT_P95_BUDGET_MS:
        found.append(
            f"application submission (3 × 1 MB): p95 {p95:.1f} ms, "
            f"budget {SUBMIT_P95_BUDGET_MS:.0f} ms"
        )
    expected = result["rounds"] + result["warmup"]
    if result["applications_created"] != expected:
        found.append(
            f"application submission: {result['applications_created']} applications created, "
            f"expected {expected}"
        )
    return found


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=DEFAULT_APPLICATIONS)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--output", type=Path)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    import django

    django.setup()
    print(f"applications: {args.rounds} submissions with three 1 MB files…", flush=True)
    result = measure(args.rounds, args.warmup)
    result["budgets"] = {"submit_p95_ms": SUBMIT_P95_BUDGET_MS}
    if args.output:
        args.output.write_text(json.dumps(result, indent=2))
    print(table(result, os.environ.get("SP_DATABASE_URL", "sqlite").split(":", 1)[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
