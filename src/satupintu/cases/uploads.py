"""The content checks moved to `core.filechecks` (the resumable uploads use them too); the
names stay importable from here for the apps that attach files to cases."""

from satupintu.core.filechecks import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_IMAGE_PIXELS,
    SIGNATURES,
    WEBP,
    CheckedFile,
    check_upload,
    sniff,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_FILES",
    "MAX_IMAGE_PIXELS",
    "SIGNATURES",
    "WEBP",
    "CheckedFile",
    "check_upload",
    "sniff",
]
