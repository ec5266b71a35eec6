"""A logging filter that masks anything shaped like a NIK or an Indonesian phone number; the
request id of each line; JSON lines for log collectors."""

import contextvars
import json
import logging
import re
import uuid

# 16 digits in a row (NIK, No. KK); phone numbers as +62…, 62… or 08… with 8–13 more digits.
NIK_PATTERN = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")
PHONE_PATTERN = re.compile(r"(?<![\d+])(\+?62|0)(8\d{2})\d{4,9}(\d{2})(?!\d)")


def mask_text(text: str) -> str:
    text = NIK_PATTERN.sub(r"\1********\2", text)
    return PHONE_PATTERN.sub(r"\1\2*****\3", text)


class PersonalDataMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record must still be logged
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        return True


# --- Request ids and JSON lines (SP_LOG_FORMAT=json) -----------------------------------------

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("sp_request_id", default="-")
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def start_request(header: str | None) -> tuple[str, contextvars.Token]:
    """The request's id: the proxy's (nginx `$request_id` in X-Request-ID) when well formed,
    else a new one. Returned with the token that `end_request` needs."""
    value = header if header and _VALID_ID.fullmatch(header) else uuid.uuid4().hex
    return value, _request_id.set(value)


def end_request(token: contextvars.Token) -> None:
    _request_id.reset(token)


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message (already masked by
    PersonalDataMaskingFilter, which runs first), and the exception's traceback, masked."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": mask_text(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = mask_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
