"""The application case kind's key and statuses.

Below `workflow.py` (which registers the kind and its hooks) so the services and the applicant's
notifications that the hooks call can name a status without importing the workflow back (no
import circle). `workflow.KIND` and `workflow.Status` are the same objects.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

KIND = "application"


class Status(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan, menunggu pemeriksaan")
    IN_PROGRESS = "diproses", _("Sedang diproses")
    CORRECTION = "perlu_perbaikan", _("Perlu perbaikan dari pemohon")
    APPROVED = "disetujui", _("Disetujui, dokumen sedang diterbitkan")
    ISSUED = "selesai", _("Selesai, dokumen hasil terbit")
    REJECTED = "ditolak", _("Ditolak")
    WITHDRAWN = "dibatalkan", _("Dibatalkan pemohon")
