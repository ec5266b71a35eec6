"""Expired uploads (unfinished, or finished and never attached to a form) are deleted."""

from django.tasks import task

from satupintu.core.periodic import every


@every(hours=1)
@task()
def sweep_expired_uploads() -> int:
    from satupintu.uploads.services import sweep_expired

    return sweep_expired()
