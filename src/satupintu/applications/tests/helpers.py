"""Helpers for the citizen tests: files that must be refused, a logged-in client."""

import struct
import zlib

from satupintu.applications.tests.conftest import pdf_bytes


def login(client, user):
    client.force_login(user)
    return client


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels (a decompression bomb's signature):
    the decoder refuses it before reading any pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


def js_pdf() -> bytes:
    return pdf_bytes(extra=b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n")


def encrypted_pdf() -> bytes:
    return pdf_bytes(extra=b"trailer << /Encrypt 5 0 R >>\n")
