"""DRF exception handler: malformed request bodies get an Indonesian message.

DRF's own catalogue leaves "JSON parse error - …" (with the parser's English detail) and
"Invalid data. Expected a dictionary, but got list." untranslated; the API answers those in
Indonesian like everything else, without echoing parser internals."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, ParseError):
        exc = ParseError(_("Isi permintaan tidak dapat dibaca: kirim JSON yang sah (UTF-8)."))
    elif isinstance(exc, ValidationError) and isinstance(exc.detail, dict):
        key = api_settings.NON_FIELD_ERRORS_KEY
        codes = exc.get_codes()
        if isinstance(codes, dict) and codes.get(key) == ["invalid"]:
            exc = ValidationError(
                {key: [_("Isi permintaan tidak valid: kirim satu objek JSON.")]}, code="invalid"
            )
    return drf_exception_handler(exc, context)
