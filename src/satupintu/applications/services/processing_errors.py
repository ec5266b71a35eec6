"""What the staff side of an application refuses, and how (the HTTP status pages and the API
answer with)."""

from django.utils.translation import gettext as _


class ProcessingError(Exception):
    """An action refused for a reason people can act on; `status` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        self.message, self.status = str(message), status
        super().__init__(self.message)


class Conflict(ProcessingError):
    """The application moved on since the page was loaded (double submit, another officer)."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Langkah ini sudah diproses oleh orang lain atau halaman Anda sudah usang. "
                "Muat ulang halaman untuk melihat keadaan terbaru."
            ),
            status=409,
        )
