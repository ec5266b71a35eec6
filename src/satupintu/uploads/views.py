"""The tus 1.0.0 endpoints: `/unggah/` (OPTIONS, POST = creation) and `/unggah/<id>/` (HEAD
and GET = where the upload stands, PATCH = the next bytes, DELETE = termination, OPTIONS).

No CSRF token: every request but OPTIONS must carry the `Tus-Resumable` header (412
otherwise), and a page on another site can neither send such a header without a CORS
preflight, which we never answer, nor read anything back. Pages served from a private link
used to post with "Origin: null" (they sent no Referer), which Django's CSRF check refuses.

Someone else's upload is 404, like any object that is not the person's. Each PATCH carries at
most `UPLOAD_CHUNK_BYTES` (413 above it), so no request keeps a worker for longer than one
chunk takes on the slowest link we serve.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from satupintu.core import ratelimit
from satupintu.uploads import protocol, selectors, services
from satupintu.uploads.models import Upload

READ_SIZE = 64 * 1024


class _Sized:
    """Something with a size, for the hourly upload budget (counted once, at creation)."""

    def __init__(self, size: int):
        self.size = size


def _tus(response: HttpResponse) -> HttpResponse:
    response["Tus-Resumable"] = protocol.VERSION
    response["Cache-Control"] = "no-store"
    return response


def _error(message: str, status: int, **headers) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return _tus(response)


def _options() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Tus-Version"] = protocol.VERSION
    response["Tus-Extension"] = protocol.EXTENSIONS
    response["Tus-Max-Size"] = str(settings.UPLOAD_MAX_BYTES)
    response["Tus-Checksum-Algorithm"] = ",".join(protocol.CHECKSUM_ALGORITHMS)
    return _tus(response)


def _version_error(request) -> HttpResponse | None:
    if request.headers.get("Tus-Resumable") != protocol.VERSION:
        return _error(_("Versi protokol unggah tidak didukung."), 412, Tus_Version=protocol.VERSION)
    return None


@csrf_exempt
@never_cache
def collection(request):
    if request.method == "OPTIONS":
        return _options()
    if request.method != "POST":
        response = _error(_("Metode tidak diizinkan."), 405)
        response["Allow"] = "OPTIONS, POST"
        return response
    return _create(request)


def _create(request) -> HttpResponse:
    refused = _version_error(request)
    if refused:
        return refused
    if "Upload-Defer-Length" in request.headers:
        return _error(_("Ukuran berkas harus diketahui sejak awal."), 400)
    try:
        length = protocol.integer(request.headers.get("Upload-Length"), "Upload-Length")
        meta = protocol.metadata(request.headers.get("Upload-Metadata"))
    except protocol.ProtocolError:
        return _error(_("Permintaan unggah tidak sah."), 400)
    # Refused before a single byte of the file is sent: the size is announced first.
    if length > settings.UPLOAD_MAX_BYTES:
        return _error(
            services.too_large_message(length),
            413,
            Tus_Max_Size=str(settings.UPLOAD_MAX_BYTES),
        )
    refusal = ratelimit.hit(request, "upload_create") or ratelimit.charge_upload(
        request, [_Sized(length)]
    )
    if refusal is not None:
        return _error(refusal.message, 429, Retry_After=str(max(1, refusal.retry_after)))
    try:
        upload = services.create(
            user=request.user,
            session_owner=selectors.session_owner(request, create=True),
            length=length,
            filename=protocol.clean_filename(meta.get("filename") or meta.get("name") or ""),
            declared_type=(meta.get("filetype") or meta.get("type") or "")[:100],
        )
    except services.UploadError as exc:
        return _error(exc.message, exc.status)
    response = HttpResponse(status=201)
    response["Location"] = request.build_absolute_uri(f"{request.path}{upload.public_id}/")
    response["Upload-Expires"] = protocol.expires(upload.expires_at)
    return _tus(response)


@csrf_exempt
@never_cache
def detail(request, public_id):
    if request.method == "OPTIONS":
        return _options()
    if request.method not in ("GET", "PATCH", "DELETE"):  # HEAD arrives here as GET
        response = _error(_("Metode tidak diizinkan."), 405)
        response["Allow"] = "OPTIONS, HEAD, GET, PATCH, DELETE"
        return response
    if request.method != "GET":
        refused = _version_error(request)
        if refused:
            return refused
    upload = selectors.owned_or_404(request, public_id)
    if selectors.is_expired(upload):
        return _error(_("Unggahan ini sudah kedaluwarsa. Pilih berkasnya lagi."), 410)
    if request.method == "DELETE":
        services.terminate(upload, user=request.user)
        return _tus(HttpResponse(status=204))
    if request.method == "PATCH":
        return _patch(request, upload)
    return _status(upload)


def _status(upload: Upload) -> HttpResponse:
    """HEAD (the middleware answers it as GET without the body): the offset to resume from.
    GET adds where the upload stands, for the page's script."""
    response = JsonResponse(
        {
            "offset": upload.offset,
            "length": upload.length,
            "state": upload.state,
            "filename": upload.filename,
            "message": upload.message,
        }
    )
    response["Upload-Offset"] = str(upload.offset)
    response["Upload-Length"] = str(upload.length)
    response["Upload-Expires"] = protocol.expires(upload.expires_at)
    meta = protocol.encode_metadata({"filename": upload.filename})
    if meta:
        response["Upload-Metadata"] = meta
    return _tus(response)


def _read_body(request, length: int) -> bytes | None:
    """Exactly `length` bytes of the request body, or None when the client went away."""
    pieces, received = [], 0
    try:
        while received < length:
            piece = request.read(min(READ_SIZE, length - received))
            if not piece:
                return None
            pieces.append(piece)
            received += len(piece)
    except OSError:  # Django's UnreadablePostError: the connection dropped mid-chunk
        return None
    return b"".join(pieces)


def _patch(request, upload: Upload) -> HttpResponse:
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type != protocol.OFFSET_CONTENT_TYPE:
        return _error(_("Jenis isi permintaan harus application/offset+octet-stream."), 415)
    try:
        offset = protocol.integer(request.headers.get("Upload-Offset"), "Upload-Offset")
        size = protocol.integer(request.META.get("CONTENT_LENGTH"), "Content-Length")
        expected_digest = protocol.checksum(request.headers.get("Upload-Checksum"))
    except protocol.ProtocolError:
        return _error(_("Permintaan unggah tidak sah."), 400)
    if offset != upload.offset:
        return _error(
            _("Posisi unggahan tidak cocok; lanjutkan dari posisi server."),
            409,
            Upload_Offset=str(upload.offset),
        )
    if size > settings.UPLOAD_CHUNK_BYTES:
        return _error(_("Bagian unggahan terlalu besar untuk satu permintaan."), 413)
    data = _read_body(request, size)
    if data is None:
        return _error(_("Koneksi terputus sebelum bagian ini selesai terkirim."), 400)
    if expected_digest is not None:
        algorithm, digest = expected_digest
        if protocol.digest_of(algorithm, data) != digest:
            return _error(_("Checksum bagian ini tidak cocok."), protocol.CHECKSUM_MISMATCH)
    try:
        upload = services.append(upload, offset=offset, data=data)
    except services.UploadError as exc:
        upload.refresh_from_db()
        return _error(exc.message, exc.status, Upload_Offset=str(upload.offset))
    if upload.state == Upload.State.REJECTED:
        # Every byte arrived, but the content is not a file we accept: say why.
        return _error(upload.message, 422, Upload_Offset=str(upload.offset))
    response = HttpResponse(status=204)
    response["Upload-Offset"] = str(upload.offset)
    response["Upload-Expires"] = protocol.expires(upload.expires_at)
    return _tus(response)
