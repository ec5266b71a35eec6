"""The laporan reses as a signed PDF: rendered from `dprd/reses/report_pdf.html`, then issued
through the documents app exactly as e-Risalah minutes are (`minutes.signing`): PAdES with
SETWAN's seal, the verification QR code stamped on the last page, verifiable at /verifikasi/.
Without a seal nothing is issued: the report is the signed document."""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.dprd import reses_selectors
from satupintu.dprd.models import RecessReport

TEMPLATE = "dprd/reses/report_pdf.html"


def reference(report: RecessReport) -> str:
    return f"reses:{report.pk}"


def number(report: RecessReport) -> str:
    period = report.period
    return f"LAPRES/{period.year}/MS{period.number}/{report.pk}"


def filename(report: RecessReport) -> str:
    period = report.period
    return f"laporan-reses-{report.member.slug}-{period.year}-{period.number}.pdf"


def _setwan():
    from satupintu.org.models import OrgUnit

    return OrgUnit.objects.filter(code="SETWAN").first()


def render(report: RecessReport) -> bytes:
    from satupintu.documents.services import render_pdf

    recesses = reses_selectors.report_recesses(report.member, report.period)
    context = {
        "report": report,
        "member": report.member,
        "period": report.period,
        "setwan": _setwan(),
        "recesses": recesses,
        "total_attendance": sum(r.attendance or 0 for r in recesses),
        "heard": list(reses_selectors.report_heard(report.member, report.period)),
        "generated_at": timezone.now(),
    }
    return render_pdf(TEMPLATE, context)


def signed_document(report: RecessReport):
    """The report's signed PDF as issued now, if any."""
    if not apps.is_installed("satupintu.documents"):
        return None
    from satupintu.documents.models import IssuedDocument

    return (
        IssuedDocument.objects.filter(
            kind=IssuedDocument.Kind.OTHER,
            reference=reference(report),
            status=IssuedDocument.Status.ISSUED,
        )
        .order_by("-issued_at")
        .first()
    )


def sign(report: RecessReport, *, actor):
    """Issue the report signed with SETWAN's seal; a previous version is revoked. Runs inside
    the caller's transaction. None: nothing to sign with (the documents app or the seal is
    missing); the caller refuses and rolls back."""
    if not apps.is_installed("satupintu.documents"):
        return None
    from satupintu.documents import services as documents
    from satupintu.documents.models import IssuedDocument

    setwan = _setwan()
    signer = documents.signing_identity_for(setwan) if setwan is not None else None
    if signer is None:
        return None
    previous = signed_document(report)
    if previous is not None:
        documents.revoke(previous, reason=_("Diganti laporan reses yang lebih baru."), actor=actor)
    title = _("Laporan reses %(member)s, %(period)s") % {
        "member": report.member.name,
        "period": report.period,
    }
    return documents.issue_document(
        pdf=render(report),
        title=str(title),
        number=number(report),
        holder_name=report.member.name,
        org_unit=setwan,
        signer=signer,
        kind=IssuedDocument.Kind.OTHER,
        reference=reference(report),
        actor=actor,
    )
