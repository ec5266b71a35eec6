"""System checks for configuration that works but must not reach production."""

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register


@register()
def audit_key_check(app_configs, **kwargs):
    if not settings.AUDIT_KEY_DERIVED:
        return []
    return [
        CheckWarning(
            "SP_AUDIT_KEY is not set: the audit chain is keyed with a key derived from "
            "SP_SECRET_KEY. Acceptable for demo and development only.",
            hint="Set SP_AUDIT_KEY or SP_AUDIT_KEY_FILE (see docs/operations.md) before real "
            "data is recorded; changing SP_SECRET_KEY would otherwise break the chain.",
            id="satupintu.W001",
        )
    ]
