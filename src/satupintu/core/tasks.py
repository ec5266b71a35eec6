"""Periodic housekeeping: stuck tasks go back to the queue; orphan files are swept away.

A request that saved a file and then failed (its transaction rolled back, or the process
died mid-write) leaves a file no `FileField` names. Services delete such files when they can;
this periodic sweep catches the rest. Files younger than `ORPHAN_FILE_GRACE_HOURS` are kept:
a request may have written the file and not committed its row yet.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.tasks import task
from django.utils import timezone

from satupintu.core.periodic import every
from satupintu.core.taskrecovery import recover_stuck

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    deleted: int
    young: int
    referenced: int


def referenced_file_names() -> set[str]:
    """Every name stored in any FileField of any model."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            values = (
                model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                .exclude(**{field.attname: ""})
                .values_list(field.attname, flat=True)
            )
            names.update(values.iterator(chunk_size=5000))
    return names


def sweep_orphan_files(now=None) -> SweepResult:
    grace = timedelta(hours=settings.ORPHAN_FILE_GRACE_HOURS)
    cutoff = ((now or timezone.now()) - grace).timestamp()
    # Read the references before listing the files: a file saved after this point is young.
    referenced = referenced_file_names()
    deleted = young = kept = 0
    for name in list(default_storage.walk()):
        if name in referenced:
            kept += 1
            continue
        try:
            modified = default_storage.get_modified_time(name).timestamp()
        except FileNotFoundError:
            continue
        if modified > cutoff:
            young += 1
            continue
        default_storage.delete(name)
        deleted += 1
    logger.info(
        "orphan file sweep: %d deleted, %d younger than %s h kept, %d referenced",
        deleted,
        young,
        settings.ORPHAN_FILE_GRACE_HOURS,
        kept,
    )
    return SweepResult(deleted=deleted, young=young, referenced=kept)


@every(hours=6)
@task()
def sweep_orphans() -> int:
    return sweep_orphan_files().deleted


@every(minutes=5)
@task()
def recover_stuck_tasks() -> dict:
    """Give tasks whose worker died mid-run back to the queue (see core.taskrecovery)."""
    return recover_stuck()
