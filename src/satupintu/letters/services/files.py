"""Files of a letter: storing checked uploads, and queuing the text extraction of its PDFs."""

from django.db import transaction

from satupintu.letters.models import Letter, LetterFile
from satupintu.letters.tasks import extract_letter_text


def queue_extraction(letter: Letter) -> None:
    """Extract text from the letter's PDFs in a task, after the transaction commits."""
    if letter.files.filter(content_type="application/pdf", text_extracted_at__isnull=True).exists():
        letter_id = letter.pk
        transaction.on_commit(lambda: extract_letter_text.enqueue(letter_id), robust=True)


def save_files(letter, files, kind, actor, disposition=None) -> list[LetterFile]:
    saved = []
    for checked in files or []:
        upload = checked.upload
        name = (getattr(upload, "name", "") or "berkas").rsplit("/", 1)[-1][:150]
        stored = LetterFile(
            letter=letter,
            disposition=disposition,
            kind=kind,
            original_name=name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        stored.file.save(f"{checked.sha256[:16]}{checked.extension}", upload, save=False)
        stored.save()
        saved.append(stored)
    return saved
