"""Start-up checks for what accounts depend on."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Backends that deliver nothing: fine for development and tests, never for citizens.
NON_DELIVERING_SMS_BACKENDS = {
    "satupintu.notifications.sms.LoggingSmsBackend",
    "satupintu.notifications.sms.LocmemSmsBackend",
}


def check_sms_backend() -> None:
    """Refuse to start in production without a real SMS backend: sign-up codes must arrive.

    Development (SP_DEBUG), demo (SP_DEMO) and the benchmark instance (SP_BENCH, never
    production) may run without one."""
    if settings.DEBUG or settings.DEMO or getattr(settings, "BENCH_VIEW_ENABLED", False):
        return
    if settings.SMS_BACKEND in NON_DELIVERING_SMS_BACKENDS:
        raise ImproperlyConfigured(
            f"SP_SMS_BACKEND is {settings.SMS_BACKEND}, which sends no SMS: set a real "
            "provider backend (SP_DEMO, SP_DEBUG or SP_BENCH allow the logging backend)."
        )
