"""Numbering under concurrency: parallel threads, each with its own database connection.

On PostgreSQL (CI: SP_DATABASE_URL=postgres://...) the threads really run in parallel and the
`select_for_update` on the sequence row is what keeps numbers gapless and unique. On SQLite,
writers are serialised by BEGIN IMMEDIATE and the busy timeout.
"""

import contextlib
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, connections

from satupintu.letters import services
from satupintu.letters.models import ClassificationCode, Letter, LetterSequence
from satupintu.letters.tests.test_outgoing import to_sign

PARALLEL = 200
SRC = Path(__file__).resolve().parents[3]


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


needs_real_db = pytest.mark.skipif(
    "not __import__('django.db').db.connection.vendor == 'postgresql'",
    reason="in-process threads need PostgreSQL; SQLite is covered by the file-database tests",
)


def _worker(tmp_path, count, mode):
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "satupintu.letters.tests.concurrency_worker",
            str(tmp_path / "concurrency.sqlite3"),
            str(count),
            mode,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=SRC.parent,
        env={**__import__("os").environ, "PYTHONPATH": str(SRC)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_file_database_parallel_registrations(tmp_path):
    outcome = _worker(tmp_path, PARALLEL, "register")
    assert outcome["errors"] == []
    assert outcome["numbers"] == list(range(1, PARALLEL + 1))


def test_sqlite_file_database_parallel_signing(tmp_path):
    outcome = _worker(tmp_path, 40, "sign")
    assert outcome["errors"] == []
    assert outcome["numbers"] == list(range(1, 41))


# PostgreSQL allows 100 connections by default; each worker thread holds one.
MAX_THREADS = 40


def _run_parallel(work, count):
    errors = []
    threads_at_once = min(count, MAX_THREADS)
    barrier = threading.Barrier(threads_at_once)

    def run(index):
        try:
            # Line the first batch up so they really hit the sequence row at the same moment.
            if index < threads_at_once:
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait(timeout=10)
            work(index)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads_at_once) as pool:
        list(pool.map(run, range(count)))
    return errors


@needs_real_db
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_distinct_consecutive_agenda_numbers(org):
    code = ClassificationCode.objects.get(code="000.5.3.1")

    def work(index):
        services.register_incoming(
            actor=org.tu_setda,
            unit=org.setda,
            subject=f"Surat paralel {index}",
            classification=code,
            sender_name=f"Pengirim {index}",
            external_number=f"{index}/PAR",
            external_date=date(2026, 1, 5),
        )

    errors = _run_parallel(work, PARALLEL)
    assert errors == []
    numbers = sorted(
        Letter.objects.filter(org_unit=org.setda).values_list("agenda_number", flat=True)
    )
    assert numbers == list(range(1, PARALLEL + 1))
    sequence = LetterSequence.objects.get(org_unit=org.setda)
    assert sequence.last_number == PARALLEL


@needs_real_db
@pytest.mark.django_db(transaction=True)
def test_parallel_signing_gets_distinct_consecutive_letter_numbers(org):
    count = 30
    letters = [to_sign(org, subject=f"Surat {i}") for i in range(count)]

    def work(index):
        services.sign_outgoing(actor=org.kadis_dpu, letter=letters[index])

    errors = _run_parallel(work, count)
    assert errors == []
    numbers = sorted(
        Letter.objects.filter(direction="keluar").values_list("sequence_number", flat=True)
    )
    assert numbers == list(range(1, count + 1))
    assert len(set(Letter.objects.values_list("letter_number", flat=True))) == count
