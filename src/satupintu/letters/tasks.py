"""Background work of the e-office: disposition deadlines (remind before the due date, escalate
overdue ones to the disposer) and text extraction from PDF files for the archive search."""

import logging
from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from satupintu.core import audit
from satupintu.core.periodic import every
from satupintu.letters import notify
from satupintu.letters.models import Disposition, Letter, LetterFile
from satupintu.letters.search_text import refresh_search_text

logger = logging.getLogger(__name__)

REMIND_DAYS_BEFORE = 1
# Enough for any letter; a 300-page attachment does not need all its pages in the index.
EXTRACT_MAX_PAGES = 40
EXTRACT_MAX_CHARS = 20000


def sweep(today=None) -> dict:
    today = today or timezone.localdate()
    open_ = Disposition.objects.filter(withdrawn_at__isnull=True, done_at__isnull=True)
    counts = {"reminded": 0, "escalated": 0}
    soon = open_.filter(
        due_date__gte=today,
        due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        reminded_at__isnull=True,
    )
    for d in soon.select_related("to_user", "to_unit", "letter").iterator(chunk_size=500):
        with transaction.atomic():
            notify.remind(d)
            Disposition.objects.filter(pk=d.pk).update(reminded_at=timezone.now())
        counts["reminded"] += 1
    late = open_.filter(due_date__lt=today, escalated_at__isnull=True)
    for d in late.select_related("from_user", "to_user", "to_unit").iterator(chunk_size=500):
        with transaction.atomic():
            notify.escalate(d)
            Disposition.objects.filter(pk=d.pk).update(escalated_at=timezone.now())
        counts["escalated"] += 1
    return counts


@every(hours=1)
@task()
def sweep_dispositions() -> dict:
    return sweep()


def pdf_text(handle) -> str:
    """The text layer of a PDF (pypdf). A scanned image has none: the result is ""."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(handle)
        if reader.is_encrypted:
            return ""
        chunks, size = [], 0
        for page in reader.pages[:EXTRACT_MAX_PAGES]:
            text = " ".join((page.extract_text() or "").split())
            chunks.append(text)
            size += len(text)
            if size >= EXTRACT_MAX_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.info("letters: no text from PDF (%s)", type(exc).__name__)
        return ""
    return " ".join(c for c in chunks if c)[:EXTRACT_MAX_CHARS]


def extract(letter_id: int) -> int:
    """Extract the text of the letter's PDF files not done yet; returns how many were read."""
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        return 0
    pending = list(
        letter.files.filter(content_type="application/pdf", text_extracted_at__isnull=True)
    )
    if not pending:
        return 0
    texts = {}
    for stored in pending:
        try:
            with stored.file.open("rb") as handle:
                texts[stored.pk] = pdf_text(handle)
        except OSError:
            texts[stored.pk] = ""
    with transaction.atomic():
        now = timezone.now()
        for stored in pending:
            LetterFile.objects.filter(pk=stored.pk, text_extracted_at__isnull=True).update(
                extracted_text=texts[stored.pk], text_extracted_at=now
            )
        refresh_search_text(letter)
        audit.record(
            "letters.text_extracted",
            obj=letter,
            data={
                "files": [stored.pk for stored in pending],
                "chars": sum(len(t) for t in texts.values()),
            },
        )
    return len(pending)


@task()
def extract_letter_text(letter_id: int) -> int:
    return extract(letter_id)
