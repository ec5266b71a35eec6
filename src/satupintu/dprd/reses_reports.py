"""The laporan reses: a member's reses of one masa sidang in one PDF signed with the
Sekretariat DPRD's seal (QR-verifiable at /verifikasi/). Apart from `reses_services` (the
schedule, the reses held and what was heard there) because signing is its own concern: the
seal, the revocation of an earlier PDF, the "dilaporkan" status of every reses it covers."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.dprd import reses_pdf, reses_selectors
from satupintu.dprd.models import Member, RecessReport, SittingPeriod
from satupintu.dprd.reses_services import (
    A,
    RecessError,
    S,
    _change_status,
    _claim,
    _claimed,
    can_report,
)


def generate_report(
    *, actor, member: Member, period: SittingPeriod, idempotency_key: str | None = None
) -> RecessReport:
    """Sign the laporan reses of a member for a masa sidang: its held reses move to
    "dilaporkan". Generated again (a reses added later), the previous PDF is revoked.
    `idempotency_key` (staff API): the same key again returns the report, signing nothing."""
    if not can_report(actor, member):
        raise RecessError(_("Reses tidak ditemukan."), 404)
    if (done := _claimed(idempotency_key)) is not None:
        if (done.report.member_id, done.report.period_id) != (member.pk, period.pk):
            raise RecessError(_("Idempotency-Key ini sudah dipakai untuk permintaan lain."), 409)
        return done.report
    recesses = reses_selectors.report_recesses(member, period)
    if not recesses:
        raise RecessError(_("Belum ada reses yang dilaksanakan pada masa sidang ini."), 409)
    try:
        return _sign_report(actor, member, period, recesses, idempotency_key)
    except IntegrityError:
        if (done := _claimed(idempotency_key)) is None:
            raise
        return done.report


def _sign_report(actor, member, period, recesses, idempotency_key) -> RecessReport:
    with transaction.atomic():
        report, _created = RecessReport.objects.get_or_create(
            member=member, period=period, defaults={"generated_by": actor}
        )
        _claim(idempotency_key, A.REPORT, actor=actor, report=report)
        for recess in recesses:
            if recess.status == S.HELD:
                _change_status(recess, S.REPORTED, actor=actor)
                recess.save(update_fields=["status"])
        report.generated_by = actor
        report.save()
        document = reses_pdf.sign(report, actor=actor)
        if document is None:  # rolls back the status changes: the report is the signed PDF
            raise RecessError(
                _(
                    "Sekretariat DPRD belum memiliki segel elektronik; "
                    "laporan belum dapat ditandatangani."
                ),
                503,
            )
        audit.record(
            "dprd.recess_report_signed",
            actor=actor,
            obj=report,
            data={"member": member.slug, "period": period.pk, "document": document.number},
        )
    return report
