"""The tus 1.0.0 headers: parsing what clients send, writing what servers answer.

Written against the specification (https://tus.io/protocols/resumable-upload, version 1.0.0):
core protocol plus the creation, expiration, termination and checksum extensions.
"""

import base64
import binascii
import hashlib
import re

from django.utils.http import http_date

VERSION = "1.0.0"
EXTENSIONS = "creation,expiration,termination,checksum"
CHECKSUM_ALGORITHMS = ("sha1", "sha256")
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
CHECKSUM_MISMATCH = 460  # tus checksum extension: "Checksum Mismatch"

_KEY = re.compile(r"^[A-Za-z0-9._~!#$%&'*+^`|-]+$")
_INTEGER = re.compile(r"^\d{1,19}$")


class ProtocolError(ValueError):
    """A header that breaks the protocol: 400."""


def integer(value: str | None, header: str) -> int:
    if value is None or not _INTEGER.match(value.strip()):
        raise ProtocolError(f"{header} must be a non-negative integer")
    return int(value.strip())


def metadata(value: str | None) -> dict[str, str]:
    """Upload-Metadata: `key base64,key base64,key` → {key: text}. Values that are not UTF-8
    text are kept as an empty string (we only read the file name and type)."""
    result: dict[str, str] = {}
    if not value or not value.strip():
        return result
    for pair in value.split(","):
        parts = pair.strip().split(" ")
        if not parts[0] or len(parts) > 2 or not _KEY.match(parts[0]) or parts[0] in result:
            raise ProtocolError("malformed Upload-Metadata")
        text = ""
        if len(parts) == 2:
            try:
                raw = base64.b64decode(parts[1], validate=True)
            except binascii.Error as exc:
                raise ProtocolError("Upload-Metadata value is not base64") from exc
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = ""
        result[parts[0]] = text
    return result


def encode_metadata(values: dict[str, str]) -> str:
    return ",".join(
        f"{key} {base64.b64encode(text.encode('utf-8')).decode('ascii')}"
        for key, text in values.items()
        if text
    )


def checksum(value: str | None):
    """Upload-Checksum: `algorithm base64digest` → (algorithm, digest bytes), or None."""
    if value is None:
        return None
    parts = value.strip().split(" ")
    if len(parts) != 2:
        raise ProtocolError("malformed Upload-Checksum")
    algorithm = parts[0].lower()
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise ProtocolError("unsupported checksum algorithm")
    try:
        digest = base64.b64decode(parts[1], validate=True)
    except binascii.Error as exc:
        raise ProtocolError("Upload-Checksum digest is not base64") from exc
    return algorithm, digest


def digest_of(algorithm: str, data: bytes) -> bytes:
    # An integrity check against damaged transfers, not a security measure.
    return hashlib.new(algorithm, data, usedforsecurity=False).digest()


def expires(moment) -> str:
    return http_date(moment.timestamp())


def clean_filename(value: str) -> str:
    """The last path segment of a client's file name, without control characters."""
    name = value.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[-200:]
