"""Two guards every request passes, in one place instead of in each view.

`HeadAsGetMiddleware`: a HEAD request is answered exactly like GET, without the body (RFC 9110
§9.3.2). Views are written for GET (`require_GET`, `require_http_methods(["GET", …])`), so
without this a link checker or a proxy's HEAD got 405 from public pages.

`BadInputMiddleware`: a NUL byte or text that is not UTF-8 in the address, its query string
or a submitted form is refused with 400 and an Indonesian message (JSON under /api/), before
any view runs: such text only ever comes from a broken client or an attack, and the
databases refuse NUL in text (PostgreSQL raises, which made search boxes answer 500).
"""

from urllib.parse import unquote_to_bytes

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class HeadAsGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            # Files and exports: the headers are what HEAD asks for; nothing is read.
            response.close()
            response.streaming_content = []
        else:
            response.content = b""  # Content-Length, when set, stays the one of GET
        return response


def _bad_bytes(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _bad_encoded(encoded: bytes) -> bool:
    """A percent-encoded query string or form body with NUL or non-UTF-8 bytes in it."""
    return bool(encoded) and _bad_bytes(unquote_to_bytes(encoded.replace(b"+", b" ")))


def bad_input(request) -> bool:
    if "\x00" in request.path_info:
        return True
    # WSGI gives the query string as latin-1 text: back to its bytes.
    query = request.META.get("QUERY_STRING", "")
    if _bad_encoded(query.encode("latin-1", "replace")):
        return True
    if request.method in ("POST", "PUT", "PATCH"):
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type == FORM_TYPES[0]:
            return _bad_encoded(request.body)
        if content_type == FORM_TYPES[1]:
            return any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.POST.lists()
            )
    return False


def bad_request(request):
    message = _(
        "Permintaan ditolak: alamat atau isian memuat karakter yang tidak sah (misalnya "
        "karakter NUL atau teks yang bukan UTF-8). Periksa kembali isian Anda, lalu coba lagi."
    )
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bad_input(request):
            return bad_request(request)
        return self.get_response(request)
