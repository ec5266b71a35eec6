"""Settings for the test suite: the production module with throwaway secrets and fast parts."""

import os

os.environ.setdefault("SP_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SP_FIELD_KEYS", "dGVzdC1vbmx5LWZpZWxkLWtleS0wMTIzNDU2Nzg5YWI=")
os.environ.setdefault("SP_BLIND_INDEX_KEY", "test-only-blind-index-key")
os.environ.setdefault("SP_AUDIT_KEY", "test-only-audit-key-not-for-production-0123456789")
os.environ.setdefault("SP_DEMO", "1")

from satupintu.settings import *  # noqa: E402,F403
from satupintu.settings import STORAGES  # noqa: E402

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SMS_BACKEND = "satupintu.notifications.sms.LocmemSmsBackend"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Tests see every change at once: the public page cache keeps nothing.
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The test database is a file like production's, not Django's shared in-memory default:
    # shared-cache memory databases lock whole tables and fail at once ("database table is
    # locked") instead of waiting, so the browser journeys' live server, which answers
    # several requests at a time (resumable upload chunks), broke at random. One file per
    # process keeps parallel runs apart; Django deletes it at the end.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }
