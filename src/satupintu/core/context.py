"""Who is acting and from where, for the audit trail, without passing requests into services."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    ip: str | None = None
    user_agent: str = ""


_NO_REQUEST = RequestMeta()
_current: ContextVar[RequestMeta] = ContextVar(
    "satupintu_request_meta",
    default=_NO_REQUEST,  # noqa: B039 - frozen dataclass, immutable
)


def current_request_meta() -> RequestMeta:
    return _current.get()


def set_request_meta(meta: RequestMeta):
    return _current.set(meta)


def reset_request_meta(token) -> None:
    _current.reset(token)
