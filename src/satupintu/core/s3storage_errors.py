"""The error of the object store, importable without boto3 (core.errors needs it always)."""


class ObjectStoreUnavailable(OSError):
    """The object store did not answer (down, unreachable, refused our credentials)."""
