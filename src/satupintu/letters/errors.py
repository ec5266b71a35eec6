"""The refusal every letters service raises, and the decorator that audits it.

In a module of its own, below `services/`, so `signing.py` (the PDF bridge the signing service
calls) can raise it without importing the services back (no import circle)."""

from functools import wraps

from satupintu.core import audit


class LetterError(Exception):
    """A refused action, with a message for the officer."""

    def __init__(self, message: str, *, code: str = "refused", obj=None, data=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.obj = obj
        self.data = data or {}


class DuplicateLetter(LetterError):
    def __init__(self, message, *, duplicates, obj=None):
        super().__init__(
            message, code="duplicate", obj=obj, data={"duplicates": [d.pk for d in duplicates]}
        )
        self.duplicates = duplicates


def refusals_audited(action: str):
    """Audit a refusal after the refused transaction has been rolled back."""

    def decorate(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except LetterError as exc:
                audit.record(
                    "letters.refused",
                    actor=kwargs.get("actor"),
                    obj=exc.obj,
                    data={"action": action, "reason": exc.code, "message": exc.message} | exc.data,
                )
                raise

        return wrapper

    return decorate
