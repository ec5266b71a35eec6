"""What the documents service refuses, and the limits it checks."""

from satupintu.documents.models import (
    VerificationLog,
)

Status = VerificationLog.Result
MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class DocumentError(Exception):
    """A request the documents service refuses; `message` is for people (Indonesian)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)
