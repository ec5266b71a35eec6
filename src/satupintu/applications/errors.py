"""The applications' refusal, shared by the service modules (services/citizen.py re-exports it
as `services.ApplicationError`); in a module of its own so services/drafts.py, which the purge
task imports, needs nothing else of the citizen services (no import circle through tasks)."""


class ApplicationError(Exception):
    """A request refused; `message` is for people, `status` the HTTP status views answer."""

    def __init__(self, message: str, status: int = 409):
        self.message, self.status = message, status
        super().__init__(message)
