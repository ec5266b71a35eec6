"""The consent a citizen gives before an officer files for them, by version.

A filing stores the version it was given under (`AssistedFiling.consent_version`) and the
time. Changing the wording means adding a new version and making it CURRENT, never editing
an old one: the record must say what the citizen agreed to.
"""

from django.utils.translation import gettext_lazy as _

TEXTS = {
    "2026-1": _(
        "Saya meminta petugas loket mengisi dan mengirim permohonan ini atas nama saya. "
        "Saya mengizinkan petugas memakai data diri saya dan memindai dokumen yang saya bawa "
        "untuk permohonan ini saja. Kode lacak dan tautan pribadi dikirim ke nomor HP atau "
        "e-mail saya."
    ),
}
CURRENT = "2026-1"


def text(version: str = CURRENT) -> str:
    return str(TEXTS[version])
