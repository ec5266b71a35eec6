"""Background work for applications: the submission receipt (tanda terima) as a PDF, and the
purge of deleted drafts once their undo window is over."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from satupintu.applications.models import Application
from satupintu.core import audit
from satupintu.core.periodic import every

logger = logging.getLogger(__name__)
RECEIPT_TEMPLATE = "applications/pdf/receipt.html"


def receipt_context(application: Application) -> dict:
    from django.conf import settings
    from django.urls import reverse

    from satupintu.documents import receipts

    case = application.case
    track_url = f"{settings.PUBLIC_BASE_URL}{reverse('cases:track', args=[case.tracking_code])}"
    import segno

    return {
        "application": application,
        "case": case,
        "service": application.service,
        "org_unit": application.service.org_unit,
        "documents": list(
            application.documents.filter(superseded_at__isnull=True).select_related("requirement")
        ),
        "track_url": track_url,
        # Lets /verifikasi/ recognise a receipt and explain it instead of calling it invalid.
        "receipt_keywords": receipts.keywords(case.tracking_code),
        "qr": segno.make(track_url, error="m").svg_data_uri(scale=4, border=2),
        "generated_at": timezone.now(),
    }


def receipt_pdf(application: Application) -> bytes:
    from satupintu.documents.pdf import render_pdf

    return render_pdf(RECEIPT_TEMPLATE, receipt_context(application))


def make_receipt(application_id: int) -> Application | None:
    """Render and store the receipt once; later calls find it and do nothing."""
    application = (
        Application.objects.select_related("case", "service__org_unit")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.receipt:
        return application
    pdf = receipt_pdf(application)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application_id)
        if locked.receipt:
            return locked
        locked.receipt.save(
            f"tanda-terima-{locked.case.tracking_code}.pdf", ContentFile(pdf), save=False
        )
        locked.save(update_fields=["receipt"])
        audit.record(
            "applications.receipt_rendered", actor=None, obj=locked, data={"bytes": len(pdf)}
        )
    return locked


@task()
def render_receipt(application_id: int) -> None:
    make_receipt(application_id)


@every(hours=1)
@task()
def purge_deleted_drafts() -> int:
    """Deleted drafts nobody restored within the undo window go for good (with their files)."""
    from satupintu.applications.services.drafts import purge_deleted_drafts as purge

    return purge()
