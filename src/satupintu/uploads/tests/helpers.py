"""Files and a small tus client on Django's test client, for the uploads tests."""

import base64
import hashlib
import io
import random

from PIL import Image

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


def png_bytes(side: int = 64, seed: int = 1) -> bytes:
    """A noisy PNG (noise does not compress, so the size grows with `side`)."""
    noise = random.Random(seed).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def pdf_bytes(size: int = 4000, seed: int = 1) -> bytes:
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    tail = b"\n%%EOF\n"
    body = random.Random(seed).randbytes(max(0, size - len(head) - len(tail)))
    return head + body.replace(b"/", b"_") + tail


def metadata(**values) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def create(client, length: int, filename="scan.png", **extra):
    headers = {**TUS, "HTTP_UPLOAD_LENGTH": str(length), **extra}
    if filename:
        headers["HTTP_UPLOAD_METADATA"] = metadata(filename=filename)
    return client.post("/unggah/", **headers)


def patch(client, url: str, offset: int, data: bytes, **extra):
    return client.generic(
        "PATCH",
        url,
        data,
        content_type="application/offset+octet-stream",
        **{**TUS, "HTTP_UPLOAD_OFFSET": str(offset), **extra},
    )


def sha1_header(data: bytes) -> str:
    return "sha1 " + base64.b64encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode()


def upload_all(client, data: bytes, filename="scan.png", chunk: int = 64 * 1024) -> str:
    """Create and send the whole file; returns the upload's path."""
    response = create(client, len(data), filename)
    assert response.status_code == 201, response.content
    url = response["Location"]
    offset = 0
    while offset < len(data):
        piece = data[offset : offset + chunk]
        response = patch(client, url, offset, piece)
        assert response.status_code == 204, response.content
        offset = int(response["Upload-Offset"])
    return url


def public_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]
