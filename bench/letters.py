"""The letters suite (`--suite letters`, `--letters N`): a leader's inbox and search over N
letters in one unit.

Budgets (from the e-office issue):

* the letter inbox `/kantor/surat/` of the Sekda (kepala of SETDA, the unit that holds all N
  letters): p95 ≤ INBOX_P95_BUDGET_MS; an asisten's inbox (letters disposed to them) is
  measured and held to the same budget;
* search `/kantor/surat/arsip/?q=…` over the N letters, as the Sekda, cycling through a few
  realistic queries (a subject word, a sender, an outside letter number, an agenda number, a
  word no letter contains): p95 ≤ SEARCH_P95_BUDGET_MS over all of them.

Timing is server-side: the real view behind the full middleware stack, called through
Django's test client in one process (no network, no worker queue, no wrk), so a figure is what
one request costs the application and the database. The selectors the pages use are timed on
their own too, to show where the time goes.

This file has two halves. The runner half (`run`, `table`, `misses`) is imported by
bench/run.py and starts `python bench/letters.py` with the bench environment; that process
(`main`) seeds the letters and measures, and writes its figures as JSON.

Seeding is a bulk insert consistent with the models, with no service, audit event or outbox
row: incoming letters of SETDA spread over three years, with gapless agenda numbers per year
(the unit's LetterSequence is moved on to the last one, so a real registration continues the
series), a fixed sifat mix with a few Rahasia letters, dispositions for a realistic share
(Sekda → one or two asisten, some further to a kepala OPD; old ones read and done, recent ones
open, some overdue), read receipts, and extracted PDF text when the model has a field for it.
Letter i is deterministic for its index. The seeded people have e-mail addresses at
SEED_EMAIL_DOMAIN (not bench.invalid, whose accounts bench/seed.py deletes on every run).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

DEFAULT_LETTERS = 100_000
INBOX_P95_BUDGET_MS = 60.0
SEARCH_P95_BUDGET_MS = 150.0
INBOX_PATH = "/kantor/surat/"
SEARCH_PATH = "/kantor/surat/arsip/"

UNIT = "SETDA"
SEED_EMAIL_DOMAIN = "surat.bench.invalid"
BATCH = 5_000
DAYS_OF_HISTORY = 3 * 365
SECRET_EVERY = 250  # 0.4 % Rahasia
DISPOSED_EVERY = 5  # letters with i % 5 in DISPOSED_REMAINDERS are disposed by the Sekda: 40 %
DISPOSED_REMAINDERS = (0, 1)
SECOND_ASISTEN_EVERY = 4  # of those, one in four goes to two asisten
FURTHER_EVERY = 10  # i % 10 == 0: the first asisten disposes further to a kepala OPD (10 %)
READ_AFTER_DAYS = 7  # the Sekda has read everything older; a third of the last week is unread
OPEN_WITHIN_DAYS = 30  # dispositions of older letters are read and done

# (local part, name, unit, role, title, parent for a unit that may be missing)
PEOPLE = [
    ("sekda", "Sekretaris Daerah (uji beban)", UNIT, "kepala", "Sekretaris Daerah"),
    ("asisten1", "Asisten I (uji beban)", "SETDA-ASS1", "kepala", "Asisten I"),
    ("asisten2", "Asisten II (uji beban)", "SETDA-ASS2", "kepala", "Asisten II"),
    ("asisten3", "Asisten III (uji beban)", "SETDA-ASS3", "kepala", "Asisten III"),
    ("tu.setda", "Petugas Agenda Setda (uji beban)", UNIT, "operator", "Pengadministrasi umum"),
    ("kadis.dinkes", "Kepala Dinas Kesehatan (uji beban)", "DINKES", "kepala", "Kepala Dinas"),
    ("kadis.dpu", "Kepala Dinas PU (uji beban)", "DPU", "kepala", "Kepala Dinas"),
    ("kaban.bpkad", "Kepala BPKAD (uji beban)", "BPKAD", "kepala", "Kepala Badan"),
]
ASISTEN_UNITS = {
    "SETDA-ASS1": ("Asisten Pemerintahan dan Kesra", "DINKES"),
    "SETDA-ASS2": ("Asisten Perekonomian dan Pembangunan", "DPU"),
    "SETDA-ASS3": ("Asisten Administrasi Umum", "BPKAD"),
}
ASISTEN = ["asisten1", "asisten2", "asisten3"]
KEPALA_OF = {"asisten1": "kadis.dinkes", "asisten2": "kadis.dpu", "asisten3": "kaban.bpkad"}

SENDERS = [
    ("Kementerian Dalam Negeri", "OTDA"),
    ("Kementerian Keuangan", "DJPK"),
    ("Kementerian PANRB", "RB"),
    ("Pemerintah Provinsi Kalimantan Timur", "PEMPROV"),
    ("Dinas PUPR Provinsi Kalimantan Timur", "PUPR"),
    ("Ombudsman RI Perwakilan Kalimantan Timur", "OMB"),
    ("Badan Pemeriksa Keuangan Perwakilan Kaltim", "BPK"),
    ("Kepolisian Resor Kota Balikpapan", "POLRES"),
    ("Komando Distrik Militer 0905", "KODIM"),
    ("DPRD Kota Balikpapan", "DPRD"),
    ("Kecamatan Balikpapan Selatan", "KEC-BS"),
    ("Kecamatan Balikpapan Utara", "KEC-BU"),
    ("PT Pertamina Refinery Unit V", "RU5"),
    ("Universitas Balikpapan", "UNIBA"),
    ("Kantor Pertanahan Kota Balikpapan", "ATR"),
    ("BPJS Kesehatan Cabang Balikpapan", "BPJS"),
    ("Kantor Wilayah Kemenkumham Kaltim", "KUMHAM"),
    ("Lembaga Administrasi Negara", "LAN"),
    ("Badan Kepegawaian Negara", "BKN"),
    ("Persatuan Guru Republik Indonesia", "PGRI"),
]
TOPICS = [
    "Undangan rapat koordinasi",
    "Permohonan data",
    "Laporan hasil evaluasi",
    "Pemberitahuan jadwal kunjungan kerja",
    "Permohonan narasumber",
    "Tindak lanjut hasil pemeriksaan",
    "Permintaan klarifikasi",
    "Penyampaian rekomendasi",
    "Usulan kegiatan",
    "Permohonan izin penggunaan lahan",
]
MATTERS = [
    "penanganan banjir",
    "percepatan penurunan stunting",
    "pengelolaan sampah",
    "perbaikan jalan lingkungan",
    "penyaluran bantuan sosial",
    "pengadaan barang dan jasa",
    "reformasi birokrasi",
    "penataan pedagang kaki lima",
    "kesiapsiagaan bencana",
    "pelayanan administrasi kependudukan",
    "penerimaan pegawai",
    "pengendalian inflasi daerah",
    "air bersih",
    "transportasi umum",
    "kebersihan pantai",
    "pendidikan anak usia dini",
]
PLACES = [
    "Balikpapan Selatan",
    "Balikpapan Utara",
    "Balikpapan Timur",
    "Balikpapan Barat",
    "Balikpapan Tengah",
    "Balikpapan Kota",
]
INSTRUCTION_SETS = [
    ["ditindaklanjuti"],
    ["ditindaklanjuti", "koordinasikan"],
    ["siapkan_bahan"],
    ["hadiri"],
    ["diketahui"],
    ["pelajari", "bicarakan"],
]
URGENCIES = ["biasa", "biasa", "segera", "sangat_segera"]
SCANNED_EVERY = 5  # four in five letters have a scanned PDF with extracted text
SCAN_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PARAGRAPH = (
    "Dengan hormat, sehubungan dengan {matter} di wilayah {place}, bersama ini kami sampaikan "
    "bahwa {topic_lower} perlu mendapat perhatian Pemerintah Kota Balikpapan. Kami mohon "
    "kesediaan Bapak/Ibu untuk menugaskan pejabat yang membidangi urusan tersebut dan "
    "menyampaikan data pendukung paling lambat tujuh hari kerja sejak surat ini diterima. "
    "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih. "
)


def subject_of(index: int) -> str:
    topic = TOPICS[index % len(TOPICS)]
    matter = MATTERS[(index // len(TOPICS)) % len(MATTERS)]
    place = PLACES[index % len(PLACES)]
    return f"{topic} {matter} di {place}"


def sender_of(index: int) -> tuple[str, str]:
    return SENDERS[(index * 7) % len(SENDERS)]


def external_number(index: int, code: str, abbreviation: str) -> str:
    return f"{code}/{1000 + index}/{abbreviation}"


def sifat_of(index: int) -> str:
    if index % SECRET_EVERY == 3:
        return "rahasia"
    if index % 33 == 1:
        return "sangat_penting"
    if index % 9 == 2:
        return "penting"
    return "biasa"


def is_disposed(index: int) -> bool:
    return index % DISPOSED_EVERY in DISPOSED_REMAINDERS


def has_field(model, name: str) -> bool:
    return name in {f.name for f in model._meta.get_fields()}


def has_scan(index: int) -> bool:
    return index % SCANNED_EVERY != 4


def scan_text(index: int) -> str:
    """What text extraction would find in letter i's scan (about 1.5 KB)."""
    sender, _abbreviation = sender_of(index)
    words = {
        "matter": MATTERS[(index // len(TOPICS)) % len(MATTERS)],
        "place": PLACES[index % len(PLACES)],
        "topic_lower": TOPICS[index % len(TOPICS)].lower(),
    }
    return f"{sender}\nPerihal: {subject_of(index)}\n\n" + PARAGRAPH.format(**words) * 3


# --- Seeding (runs with the bench environment, Django set up) ----------------------------------


class Cast:
    """The unit, the people and the classification codes every row refers to."""

    def __init__(self):
        from satupintu.org.models import OrgUnit

        self.unit = OrgUnit.objects.get(code=UNIT)
        ensure_asisten_units(self.unit)
        self.people = {row[0]: ensure_person(*row) for row in PEOPLE}
        self.units = {
            local: OrgUnit.objects.get(code=unit_code) for local, _n, unit_code, *_ in PEOPLE
        }
        self.codes = classification_codes()
        from satupintu.letters.models import Letter, LetterFile

        # Fields the search work adds: text extracted from scans and the column search scans.
        self.file_text = has_field(LetterFile, "extracted_text")
        self.search_text = has_field(Letter, "search_text")
        self.scan_name = ""


def classification_codes() -> list:
    """Forty codes spread over the table; letter i has code i modulo 40."""
    from satupintu.letters.models import ClassificationCode

    codes = list(ClassificationCode.objects.filter(is_active=True).order_by("code"))
    if not codes:
        raise SystemExit("bench/letters.py: no classification codes (migrations not run?)")
    return codes[:: max(1, len(codes) // 40)][:40]


def ensure_asisten_units(setda) -> None:
    from satupintu.letters.models import UnitLetterSettings
    from satupintu.org.models import OrgUnit

    for code, (name, coordinated) in ASISTEN_UNITS.items():
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            unit = OrgUnit.objects.create(
                code=code, name=name, short_name=code, kind=OrgUnit.Kind.DIVISION, parent=setda
            )
        row, _created = UnitLetterSettings.objects.get_or_create(org_unit=unit)
        row.coordinated_units.add(OrgUnit.objects.get(code=coordinated))


def ensure_person(local: str, name: str, unit_code: str, role: str, title: str):
    """A staff member with a membership and a TOTP authenticator (never asked for a code)."""
    from allauth.mfa.models import Authenticator

    from satupintu.accounts.models import User
    from satupintu.org.models import Membership, OrgUnit

    email = f"{local}@{SEED_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=name)
    Membership.objects.get_or_create(
        user=user,
        org_unit=OrgUnit.objects.get(code=unit_code),
        role=role,
        defaults={"title": title},
    )
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "bench"}}
    )
    return user


def remove_previous_letters(cast: Cast) -> None:
    """Letters an earlier run seeded (a kept PostgreSQL database), and the unit's sequence."""
    from django.db import transaction
    from django.db.models import Max

    from satupintu.letters import inbox
    from satupintu.letters.models import Disposition, Letter, LetterRead, LetterSequence

    seeded = Letter.objects.filter(registered_by=cast.people["tu.setda"], org_unit=cast.unit)
    # The inbox rows are rebuilt after the seed: no per-row re-derivation while deleting.
    with transaction.atomic(), inbox.paused():
        LetterRead.objects.filter(letter__in=seeded).delete()
        Disposition.objects.filter(letter__in=seeded, parent__isnull=False).delete()
        Disposition.objects.filter(letter__in=seeded).delete()
        seeded.delete()
        sequences = LetterSequence.objects.filter(org_unit=cast.unit, kind="masuk")
        for sequence in sequences:
            last = Letter.objects.filter(org_unit=cast.unit, agenda_year=sequence.year).aggregate(
                n=Max("agenda_number")
            )["n"]
            sequence.last_number = last or 0
            sequence.save(update_fields=["last_number"])


def created_at(index: int, total: int, now):
    """Letter 0 is the oldest, letter total-1 arrived a few minutes ago."""
    span = DAYS_OF_HISTORY * 86_400
    return now - timedelta(seconds=span * (total - index) / total)


def build_letter(index: int, total: int, cast: Cast, now, agenda: dict) -> object:
    from django.utils import timezone

    from satupintu.letters.models import Letter
    from satupintu.letters.services import duplicate_key

    arrived = created_at(index, total, now)
    year = timezone.localtime(arrived).year
    agenda[year] = agenda.get(year, 0) + 1
    code = cast.codes[index % len(cast.codes)]
    sender, abbreviation = sender_of(index)
    number = external_number(index, code.code, abbreviation)
    sent_on = timezone.localtime(arrived).date() - timedelta(days=index % 5 + 1)
    subject = subject_of(index)
    letter = Letter(
        direction=Letter.Direction.INCOMING,
        status=Letter.Status.REGISTERED,
        org_unit=cast.unit,
        subject=subject,
        sifat=sifat_of(index),
        classification=code,
        sender_name=sender,
        external_number=number,
        external_date=sent_on,
        duplicate_key=duplicate_key(sender, number, sent_on),
        agenda_number=agenda[year],
        agenda_year=year,
        received_at=arrived,
        registered_by=cast.people["tu.setda"],
        created_at=arrived,
    )
    letter.external_index = index
    if cast.search_text:
        from satupintu.letters.services import build_search_text

        texts = [scan_text(index)] if cast.file_text and has_scan(index) else []
        letter.search_text = build_search_text(letter, file_texts=texts)
    return letter


def build_scans(letters: list, cast: Cast) -> list:
    """One scanned PDF per letter (all rows share one small file), with extracted text."""
    import hashlib

    from satupintu.letters.models import LetterFile

    digest = hashlib.sha256(SCAN_PDF).hexdigest()
    scans = []
    for letter in letters:
        index = letter.external_index
        if not has_scan(index):
            continue
        scan = LetterFile(
            letter=letter,
            kind=LetterFile.Kind.SCAN,
            file=cast.scan_name,
            original_name=f"surat-{index}.pdf",
            content_type="application/pdf",
            size=len(SCAN_PDF),
            sha256=digest,
            uploaded_by=cast.people["tu.setda"],
        )
        if cast.file_text:
            scan.extracted_text = scan_text(index)
            scan.text_extracted_at = letter.created_at
        scans.append(scan)
    return scans


def build_reads(letters: list, cast: Cast, now) -> list:
    from satupintu.letters.models import LetterRead

    sekda = cast.people["sekda"]
    recent = now - timedelta(days=READ_AFTER_DAYS)
    reads = []
    for letter in letters:
        index = letter.external_index
        if letter.created_at < recent or index % 3 != 0:
            reads.append(
                LetterRead(
                    letter=letter, user=sekda, read_at=letter.created_at + timedelta(hours=3)
                )
            )
    return reads


def recipient_reads(dispositions: list) -> list:
    """mark_read: a recipient who read a disposition has read the letter."""
    from satupintu.letters.models import LetterRead

    seen = set()
    reads = []
    for d in dispositions:
        key = (d.letter_id, d.to_user_id)
        if d.read_at and key not in seen:
            seen.add(key)
            reads.append(LetterRead(letter_id=d.letter_id, user_id=d.to_user_id, read_at=d.read_at))
    return reads


def disposition_state(disposition, index: int, now, *, old: bool) -> None:
    """Old: read, acted on and done (one in ten late). Recent: a mix, some overdue."""
    created = disposition.created_at
    if old or index % 4 != 0:
        disposition.read_at = created + timedelta(hours=2 + index % 20)
        disposition.read_by = disposition.to_user
    if old or index % 4 == 1:
        late = timedelta(days=2) if index % 10 == 7 else timedelta(0)
        done = min(created + timedelta(days=1 + index % 3) + late, now)
        disposition.acted_at = disposition.done_at = done
        disposition.done_by = disposition.to_user
        disposition.report = "Sudah ditindaklanjuti sesuai arahan."


def build_dispositions(letters: list, cast: Cast, now) -> list:
    """The Sekda's dispositions to one or two asisten (no parents)."""
    from django.utils import timezone

    from satupintu.letters.models import Disposition

    sekda = cast.people["sekda"]
    recent = now - timedelta(days=OPEN_WITHIN_DAYS)
    rows = []
    for letter in letters:
        index = letter.external_index
        if not is_disposed(index):
            continue
        first = ASISTEN[index % len(ASISTEN)]
        targets = [first]
        if index % SECOND_ASISTEN_EVERY == 0:
            targets.append(ASISTEN[(index + 1) % len(ASISTEN)])
        given = letter.created_at + timedelta(hours=4)
        for target in targets:
            disposition = Disposition(
                letter=letter,
                from_user=sekda,
                from_unit=cast.unit,
                to_user=cast.people[target],
                instructions=INSTRUCTION_SETS[index % len(INSTRUCTION_SETS)],
                urgency=URGENCIES[index % len(URGENCIES)],
                due_date=timezone.localtime(given).date() + timedelta(days=5),
                note="Mohon segera ditindaklanjuti." if index % 3 == 0 else "",
                created_at=given,
            )
            disposition_state(disposition, index, now, old=letter.created_at < recent)
            disposition.external_index = index
            rows.append(disposition)
    return rows


def build_further(parents: list, cast: Cast, now) -> list:
    """The first asisten disposes one in four of its letters further to a kepala OPD."""
    from satupintu.letters.models import Disposition

    recent = now - timedelta(days=OPEN_WITHIN_DAYS)
    rows = []
    seen = set()
    for parent in parents:
        index = parent.external_index
        if index % FURTHER_EVERY != 0 or parent.read_at is None or index in seen:
            continue
        seen.add(index)
        asisten = next(k for k, v in cast.people.items() if v.pk == parent.to_user_id)
        kepala = KEPALA_OF[asisten]
        given = parent.read_at + timedelta(hours=1)
        if given > now:
            continue
        child = Disposition(
            letter_id=parent.letter_id,
            parent=parent,
            from_user=cast.people[asisten],
            from_unit=cast.units[asisten],
            to_user=cast.people[kepala],
            instructions=["siapkan_bahan", "koordinasikan"],
            urgency=parent.urgency,
            due_date=parent.due_date,
            created_at=given,
        )
        disposition_state(child, index + 1, now, old=parent.created_at < recent)
        if child.done_at and parent.done_at and child.done_at > parent.done_at:
            parent.done_at = child.done_at  # the asisten reports after the kepala OPD
            parent.changed = True
        rows.append(child)
        if parent.acted_at is None or parent.acted_at > given:
            parent.acted_at = given
            parent.changed = True
    return rows


def fast_sqlite_writes() -> None:
    """During the seed only: no fsync per transaction (never inside a test's transaction)."""
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")


def analyze() -> None:
    """PostgreSQL: statistics as autovacuum leaves them after a bulk load (SQLite: none)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        # VACUUM cannot run inside a transaction (as in tests); ANALYZE alone can.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            tables = (
                "letters_letter",
                "letters_disposition",
                "letters_letterread",
                "letters_inboxentry",
            )
            for table in tables:
                cursor.execute(f"{command} {table}")


def seed(total: int, *, fresh: bool = True) -> dict:
    """Seed `total` letters in UNIT; returns counts. Deterministic for (total, today)."""
    from django.db import transaction
    from django.utils import timezone

    from satupintu.letters.models import Disposition, Letter, LetterRead, LetterSequence

    cast = Cast()
    if fresh:
        remove_previous_letters(cast)
    fast_sqlite_writes()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from satupintu.letters.models import LetterFile

    cast.scan_name = default_storage.save("letters/bench/scan.pdf", ContentFile(SCAN_PDF))
    now = timezone.now()
    agenda = {
        s.year: s.last_number
        for s in LetterSequence.objects.filter(org_unit=cast.unit, kind="masuk")
    }
    counts = {"letters": 0, "scans": 0, "reads": 0, "dispositions": 0, "further": 0}
    for first in range(0, total, BATCH):
        indexes = range(first, min(first + BATCH, total))
        with transaction.atomic():
            letters = [build_letter(i, total, cast, now, agenda) for i in indexes]
            letters = Letter.objects.bulk_create(letters)
            for index, letter in zip(indexes, letters, strict=True):
                letter.external_index = index
            scans = LetterFile.objects.bulk_create(build_scans(letters, cast))
            reads = LetterRead.objects.bulk_create(build_reads(letters, cast, now))
            parents = Disposition.objects.bulk_create(build_dispositions(letters, cast, now))
            further = Disposition.objects.bulk_create(build_further(parents, cast, now))
            reads += LetterRead.objects.bulk_create(recipient_reads([*parents, *further]))
            changed = [p for p in parents if getattr(p, "changed", False)]
            Disposition.objects.bulk_update(changed, ["acted_at", "done_at"])
        counts["letters"] += len(letters)
        counts["scans"] += len(scans)
        counts["reads"] += len(reads)
        counts["dispositions"] += len(parents)
        counts["further"] += len(further)
    with transaction.atomic():
        for year, last in agenda.items():
            LetterSequence.objects.update_or_create(
                org_unit=cast.unit, year=year, kind="masuk", defaults={"last_number": last}
            )
    # bulk_create sends no signals: build the people's inbox rows as a repair would.
    from satupintu.letters import inbox

    inbox.rebuild_all()
    analyze()
    counts["secret"] = sum(1 for i in range(total) if sifat_of(i) == "rahasia")
    counts["extracted_text"] = cast.file_text
    counts["search_text"] = cast.search_text
    return counts


# --- Measuring (same process as the seed) ------------------------------------------------------


@dataclass
class Timing:
    name: str
    path: str
    samples_ms: list

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "requests": len(self.samples_ms),
            "p50_ms": round(percentile(self.samples_ms, 0.50), 1),
            "p95_ms": round(percentile(self.samples_ms, 0.95), 1),
            "max_ms": round(max(self.samples_ms, default=0.0), 1),
        }


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def search_queries(total: int) -> list[tuple[str, str]]:
    """(kind, query): a subject word, a sender, an outside number, an agenda number, a miss."""
    index = total * 2 // 3
    codes = classification_codes()
    code = codes[index % len(codes)].code
    return [
        ("perihal", "banjir"),
        ("perihal", "stunting"),
        ("pengirim", "Ombudsman"),
        ("nomor pengirim", external_number(index, code, sender_of(index)[1])),
        ("nomor agenda", str(min(total, 1234))),
        ("tidak ada", "kapal selam"),
    ]


def timed(call, rounds: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def page_getter(client, path: str, params: dict | None = None):
    def get():
        response = client.get(path, params or {})
        if response.status_code != 200:
            raise RuntimeError(f"{path} {params or ''} answers HTTP {response.status_code}")
        return response

    return get


def measure(total: int, rounds: int, search_rounds: int, warmup: int = 5) -> dict:
    from django.core.paginator import Paginator
    from django.test import Client

    from satupintu.accounts.models import User
    from satupintu.letters import selectors
    from satupintu.testing.sessions import mark_totp_verified

    sekda = User.objects.get(email=f"sekda@{SEED_EMAIL_DOMAIN}")
    asisten = User.objects.get(email=f"asisten1@{SEED_EMAIL_DOMAIN}")
    results = {"inbox": [], "inbox_selectors": [], "search": [], "search_selectors": []}
    for label, user in (("Sekda", sekda), ("Asisten I", asisten)):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        mark_totp_verified(client, user)  # staff rights need a TOTP-verified session
        print(f"letters: {INBOX_PATH} as {label}, {rounds} requests", flush=True)
        samples = timed(page_getter(client, INBOX_PATH), rounds, warmup)
        results["inbox"].append(Timing(f"inbox {label}", INBOX_PATH, samples).as_dict())

        def selector(user=user):  # what the "Semua" tab of the page reads
            selectors.counters(user)
            list(Paginator(selectors.UnreadFirst(user), 25).get_page(1))

        samples = timed(selector, rounds, warmup)
        results["inbox_selectors"].append(
            Timing(f"counters + page {label}", "selectors", samples).as_dict()
        )
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(sekda)
    mark_totp_verified(client, sekda)
    everything = []
    for kind, query in search_queries(total):
        print(f"letters: {SEARCH_PATH}?q={query} as Sekda, {search_rounds} requests", flush=True)
        getter = page_getter(client, SEARCH_PATH, {"q": query})
        hits = selectors.search(sekda, selectors.filters_from({"q": query})).count()
        samples = timed(getter, search_rounds, 2)
        everything += samples
        row = Timing(f"search {kind} '{query}'", f"{SEARCH_PATH}?q={query}", samples).as_dict()
        row["hits"] = hits
        results["search"].append(row)

        def search_selector(query=query):
            found = selectors.search(sekda, selectors.filters_from({"q": query}))
            found.count()
            list(found[:50])

        samples = timed(search_selector, search_rounds, 2)
        name = f"search {kind} '{query}'"
        results["search_selectors"].append(Timing(name, "selectors", samples).as_dict())
    results["search_all"] = Timing("search, all queries", SEARCH_PATH, everything).as_dict()
    return results


# --- The runner half (imported by bench/run.py; no Django here) -------------------------------


def run(env: dict[str, str], workdir: Path, total: int, rounds: int) -> dict:
    """Seed and measure in a child process with the bench environment; returns its figures."""
    output = workdir / "letters.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--letters", str(total)]
    command += ["--rounds", str(rounds), "--output", str(output)]
    subprocess.run(command, env=env, cwd=REPO_ROOT, check=True)
    return json.loads(output.read_text())


def table(result: dict, database: str) -> str:
    seed_info = result["seed"]
    if seed_info:
        title = (
            f"letters suite ({database}): {seed_info['letters']} letters in {UNIT}, "
            f"{seed_info['dispositions'] + seed_info['further']} dispositions, "
            f"{seed_info['secret']} Rahasia, {seed_info['scans']} scans with extracted text, "
            f"seeded in {result['seed_seconds']} s"
        )
    else:
        title = f"letters suite ({database}): an earlier seed of {result['letters']} letters"
    lines = [
        title,
        f"{'measure':44} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  hits",
    ]
    rows = [*result["inbox"], *result["inbox_selectors"], *result["search"]]
    rows += [*result["search_selectors"], result["search_all"]]
    for row in rows:
        name = row["name"] + (" (selectors)" if row["path"] == "selectors" else "")
        hits = str(row.get("hits", ""))
        lines.append(
            f"{name[:44]:44} {row['requests']:>8} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['max_ms']:>8.1f}  {hits}"
        )
    return "\n".join(lines)


def misses(result: dict) -> list[str]:
    found = []
    total = result["letters"]
    for row in result["inbox"]:
        if row["p95_ms"] > INBOX_P95_BUDGET_MS:
            found.append(
                f"{row['name']} at {total} letters: p95 {row['p95_ms']:.1f} ms, "
                f"budget {INBOX_P95_BUDGET_MS:.0f} ms"
            )
    overall = result["search_all"]
    if overall["p95_ms"] > SEARCH_P95_BUDGET_MS:
        found.append(
            f"letter search at {total} letters: p95 {overall['p95_ms']:.1f} ms, "
            f"budget {SEARCH_P95_BUDGET_MS:.0f} ms"
        )
    return found


# --- The child process ---------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=DEFAULT_LETTERS)
    parser.add_argument("--rounds", type=int, default=200, help="requests per inbox measure")
    parser.add_argument(
        "--search-rounds", type=int, help="requests per search query (default: rounds / 4)"
    )
    parser.add_argument("--output", type=Path, help="write the figures here as JSON")
    parser.add_argument("--no-seed", action="store_true", help="measure an earlier seed")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    import django

    django.setup()
    result = {"letters": args.letters, "seed": {}, "seed_seconds": 0.0}
    if not args.no_seed:
        print(f"letters: seeding {args.letters} letters in {UNIT}…", flush=True)
        started = time.monotonic()
        result["seed"] = seed(args.letters)
        result["seed_seconds"] = round(time.monotonic() - started, 1)
        print(f"letters: {result['seed']} in {result['seed_seconds']} s", flush=True)
    search_rounds = args.search_rounds or max(10, args.rounds // 4)
    result |= measure(args.letters, args.rounds, search_rounds)
    result["budgets"] = {"inbox_p95_ms": INBOX_P95_BUDGET_MS, "search_p95_ms": SEARCH_P95_BUDGET_MS}
    if args.output:
        args.output.write_text(json.dumps(result, indent=2))
    if not args.output:  # bench/run.py prints the table with its report
        print(table(result, os.environ.get("SP_DATABASE_URL", "sqlite").split(":", 1)[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
