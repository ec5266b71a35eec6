"""Many published news items for measuring one search (`/cari/`) and the news pages with
10 000 items (issue #12): plain generated text over every OPD, written in bulk (no images)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from satupintu.accounts.models import User
from satupintu.news.models import Item
from satupintu.news.selectors import search_index
from satupintu.org.models import OrgUnit

BENCH_PREFIX = "uji-berita-"
SUBJECTS = [
    "Perbaikan jalan",
    "Normalisasi drainase",
    "Pembangunan trotoar",
    "Penerangan jalan umum",
    "Vaksinasi anak",
    "Pelayanan puskesmas",
    "Penataan taman kota",
    "Perbaikan gorong-gorong",
    "Pengaspalan jalan lingkungan",
    "Sosialisasi pengelolaan sampah",
]
PLACES = [
    "Sepinggan",
    "Damai",
    "Gunung Bahagia",
    "Manggar",
    "Klandasan Ilir",
    "Prapatan",
    "Baru Ulu",
    "Karang Joang",
    "Batu Ampar",
    "Graha Indah",
]


def make_bench_news(count: int, author: User) -> int:
    """Fill up to `count` published items. Returns how many were added."""
    missing = max(0, count - Item.objects.filter(slug__startswith=BENCH_PREFIX).count())
    if not missing:
        return 0
    units = list(OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS, is_active=True))
    now = timezone.now()
    start = Item.objects.filter(slug__startswith=BENCH_PREFIX).count()
    rows = []
    for n in range(start, start + missing):
        subject = SUBJECTS[n % len(SUBJECTS)]
        place = PLACES[(n // len(SUBJECTS)) % len(PLACES)]
        body = (
            f"<p>{subject} di Kelurahan {place} dilaksanakan oleh perangkat daerah bersama "
            f"warga. Kegiatan nomor {n} berlangsung sesuai jadwal.</p>"
        )
        rows.append(
            Item(
                org_unit=units[n % len(units)],
                kind=Item.Kind.NEWS if n % 4 else Item.Kind.ANNOUNCEMENT,
                title=f"{subject} di {place} tahap {n}",
                slug=f"{BENCH_PREFIX}{n}",
                summary=f"{subject} di Kelurahan {place}.",
                body=body,
                body_text=body[3:-4],
                status=Item.Status.PUBLISHED,
                published_at=now - timedelta(minutes=n),
                created_by=author,
            )
        )
    with transaction.atomic():
        Item.objects.bulk_create(rows, batch_size=1000)
    search_index.bump()
    return missing
