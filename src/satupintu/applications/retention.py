"""What is kept of an erased citizen's applications, and for how long (UU 27/2022 PDP).

When a citizen erases their account (`accounts.services.erase_account`, through
`applications.personal_data`), each finished application is stripped at once: the answers,
the uploaded documents (rows and files) and the receipt go. What stays is the record of the
public service that was given: the case (tracking code, service, dates, status history) and
the signed result document (number, holder, PDF), which third parties verify by its QR code.
Archives law keeps that record for the city's retention period (`APPLICATION_RECORD_RETENTION_
YEARS` after closure, UU 27/2022 art. 44(1)(a): destroyed when the retention period of the
archive retention schedule is over); then `purge_erased_records` deletes all of it.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from satupintu.applications.models import Application
from satupintu.core import audit
from satupintu.core.periodic import every

logger = logging.getLogger(__name__)


def retention_years() -> int:
    return settings.APPLICATION_RECORD_RETENTION_YEARS


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def purge_due(now=None):
    cutoff = years_before(now or timezone.now(), retention_years())
    return Application.objects.filter(
        case__submitter__erased_at__isnull=False, case__closed_at__lt=cutoff
    )


def _stored_files(application: Application) -> list[str]:
    names = [d.file.name for d in application.documents.all() if d.file]
    names += [a.file.name for a in application.case.attachments.all() if a.file]
    if application.receipt:
        names.append(application.receipt.name)
    document = application.result_document
    if document is not None and document.file:
        names.append(document.file.name)
    return names


def _delete_files(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete stored file %s", name)


def purge_erased_records(now=None) -> int:
    """Delete what was kept of erased citizens' applications once the retention is over."""
    purged = 0
    for application_id in list(purge_due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            application = (
                # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join
                # (result_document may be empty): lock the application row only.
                Application.objects.select_for_update(of=("self",))
                .select_related("case", "result_document")
                .get(pk=application_id)
            )
            case = application.case
            document = application.result_document
            names = _stored_files(application)
            audit.record(
                "applications.record_purged",
                actor=None,
                obj=None,
                data={
                    "case_id": case.pk,
                    "tracking_code": case.tracking_code,
                    "application_id": application.pk,
                    "result_document_id": document.pk if document else None,
                    "files": len(names),
                },
            )
            case.delete()  # with the application, its documents, events and attachments
            if document is not None:
                document.delete()
            transaction.on_commit(lambda names=names: _delete_files(names), robust=True)
        purged += 1
    if purged:
        logger.info("purged %d application records of erased accounts", purged)
    return purged


@every(hours=24)
@task()
def purge_erased_applications() -> int:
    return purge_erased_records()
