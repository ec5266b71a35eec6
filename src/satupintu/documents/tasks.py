"""Verification logs keep the address a check came from: personal data, kept for a year."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from satupintu.core.periodic import every
from satupintu.documents.models import VerificationLog

LOG_RETENTION = timedelta(days=365)


def purge_old_verification_logs(now=None) -> int:
    cutoff = (now or timezone.now()) - LOG_RETENTION
    deleted, _ = VerificationLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@every(hours=24)
@task()
def purge_verification_logs() -> int:
    return purge_old_verification_logs()
