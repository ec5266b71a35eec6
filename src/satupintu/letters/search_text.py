"""The text the archive search scans (`Letter.search_text`).

Below `services/`: the services rebuild it when a letter changes and the text-extraction task
(`tasks.py`) when a PDF's text has been read, so both import it from here."""

from satupintu.letters.models import Letter

SEARCH_TEXT_LIMIT = 60000


def build_search_text(letter: Letter, file_texts=None) -> str:
    """The lowercased text the archive search scans: subject, sender, numbers, body (outgoing)
    and the text extracted from the letter's PDF files."""
    if file_texts is None:
        file_texts = (
            list(letter.files.exclude(extracted_text="").values_list("extracted_text", flat=True))
            if letter.pk
            else []
        )
    parts = [
        letter.subject,
        letter.sender_name,
        letter.external_number,
        letter.letter_number,
        letter.body,
        *file_texts,
    ]
    return " ".join(" ".join(p.split()) for p in parts if p).lower()[:SEARCH_TEXT_LIMIT]


def refresh_search_text(letter: Letter) -> None:
    letter.search_text = build_search_text(letter)
    Letter.objects.filter(pk=letter.pk).update(search_text=letter.search_text)
