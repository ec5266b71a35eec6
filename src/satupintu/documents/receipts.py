"""Receipts (tanda terima) are not signed documents: recognising one at /verifikasi/.

A receipt only says that an application was received; it carries no electronic signature, so
the signature check alone would call it "tidak sah". Receipts are rendered with a marker in
their PDF keywords (`keywords()`, used by the receipt template) and the verification page
explains what a receipt is instead. The marker can be copied by anyone: it never makes a file
valid, it only chooses the explanation, which sends the reader to the tracking page of the
code to see the application's real state.
"""

import re
from io import BytesIO

MARKER = "satupintu-tanda-terima"
CODE = re.compile(r"\b([A-Z0-9]{1,8}-[A-Z0-9]{1,12})\b")
# Receipts rendered before the marker: their title is "Tanda terima <code>".
OLD_TITLE = re.compile(r"^Tanda terima ([A-Z0-9]{1,8}-[A-Z0-9]{1,12})$")


def keywords(tracking_code: str) -> str:
    """The PDF keywords of a receipt (`<meta name="keywords">` in its HTML)."""
    return f"{MARKER}, {tracking_code}"


def receipt_code(data: bytes) -> str | None:
    """The tracking code named by a receipt's metadata; None when the file is not a receipt
    (or cannot be read). "" for a receipt whose code cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        metadata = PdfReader(BytesIO(data)).metadata or {}
        words = str(metadata.get("/Keywords") or "")
        title = str(metadata.get("/Title") or "")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None
    if MARKER in words:
        found = CODE.search(words.replace(MARKER, ""))
        return found.group(1) if found else ""
    old = OLD_TITLE.match(title.strip())
    return old.group(1) if old else None
