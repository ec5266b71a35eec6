"""Issuing an application's result document: numbered from the service's number format,
rendered from its `ResultTemplate` with placeholders (never the template engine), signed with
the unit's certificate (documents app) and stored, in the caller's transaction."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from satupintu.applications import answers as answer_store
from satupintu.applications.models import Application
from satupintu.applications.services.processing_errors import ProcessingError
from satupintu.catalog import placeholders as result_placeholders
from satupintu.catalog.models import ResultTemplate, Service
from satupintu.core import placeholders
from satupintu.documents import services as documents
from satupintu.documents.models import IssuedDocument
from satupintu.documents.selectors import signatory_for

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

logger = logging.getLogger(__name__)


def format_result_number(service: Service, seq: int, when) -> str:
    """`service.number_format` with {seq}, {code}, {unit}, {month}, {roman_month}, {year}
    (numbers may be zero-padded: {seq:04d}), filled as placeholders, never by str.format."""
    unit = service.org_unit
    values = {
        "seq": seq,
        "code": service.number_code or service.slug.upper(),
        "unit": unit.short_name or unit.code,
        "month": when.month,
        "roman_month": ROMAN[when.month - 1],
        "year": when.year,
    }
    try:
        return placeholders.fill(service.number_format, values, strict=True)
    except placeholders.PlaceholderError as exc:
        raise ProcessingError(
            _("Format nomor dokumen layanan tidak valid: %(format)s")
            % {"format": service.number_format}
        ) from exc


def next_seq(service: Service, year: int) -> int:
    """Gapless per service and year: the service row is locked until the caller commits, so
    two issuances never count the same documents; a rolled-back issuance leaves no number."""
    assert transaction.get_connection().in_atomic_block, "next_seq needs a transaction"
    Service.objects.select_for_update().filter(pk=service.pk).values_list("pk").first()
    issued = IssuedDocument.objects.filter(
        application__service=service, created_at__year=year
    ).count()
    return issued + 1


def holder_name_for(application: Application) -> str:
    case = application.case
    if case.reporter_name:
        return case.reporter_name
    if case.submitter_id and case.submitter.full_name:
        return case.submitter.full_name
    for key in ("nama", "nama_lengkap", "nama_pemohon", "name"):
        value = (application.data or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return case.tracking_code


def _answers(application: Application) -> dict:
    """The answers for the template, decrypted (`answers.reveal`, what the citizen side's
    `answers_for` returns)."""
    try:
        return dict(answer_store.reveal(application.data))
    except Exception:  # noqa: BLE001 - the document still renders with raw answers
        logger.exception("reading answers of application %s failed", application.pk)
    return dict(application.data or {})


def _render_body(template: ResultTemplate, values: dict) -> str:
    """The admin's HTML with its placeholders filled (values escaped). No template engine:
    `{{ … }}` and `{% … %}` in the body are printed as written, never run."""
    return placeholders.fill(template.body, values, html=True)


def issue_result(
    application: Application, *, actor, role: str, stored: list
) -> IssuedDocument | None:
    """Number, render, sign and store the result document and link it to the application
    (None when the service issues no document); the caller then closes the case ("issue")."""
    from satupintu.documents.pdf import qr_svg, render_pdf

    case = application.case
    service = application.service
    document = None
    if service.issues_document:
        template = ResultTemplate.objects.filter(service=service).first()
        if template is None:
            raise ProcessingError(
                _("Templat dokumen hasil layanan ini belum diatur. Hubungi admin OPD."), 409
            )
        signer = documents.signing_identity_for(case.org_unit)
        if signer is None:
            raise ProcessingError(
                _(
                    "Belum ada sertifikat tanda tangan elektronik untuk %(unit)s: dokumen hasil "
                    "tidak dapat diterbitkan. Minta admin mengunggah sertifikat OPD, lalu coba "
                    "lagi. Tidak ada yang diubah."
                )
                % {"unit": case.org_unit},
                409,
            )
        today = timezone.localdate()
        number = format_result_number(service, next_seq(service, today.year), today)
        valid_until = (
            today + timedelta(days=service.validity_days) if service.validity_days else None
        )
        holder = holder_name_for(application)
        try:
            document = documents.prepare_document(
                title=template.title,
                number=number,
                holder_name=holder,
                org_unit=case.org_unit,
                signer=signer,
                kind=IssuedDocument.Kind.SERVICE_RESULT,
                valid_until=valid_until,
                reference=case.tracking_code,
                actor=actor,
            )
            verify_url = documents.verification_url(document.token)
            qr = qr_svg(document.token, scale=3)
            signatory = signatory_for(case.org_unit, IssuedDocument.Kind.SERVICE_RESULT)
            body = _render_body(
                template,
                result_placeholders.result_values(
                    title=template.title,
                    number=number,
                    service=service,
                    org_unit=case.org_unit,
                    issued_at=timezone.now(),
                    valid_until=valid_until,
                    holder_name=holder,
                    signer_name=signatory.name if signatory else signer.subject_name,
                    signer_title=signatory.title if signatory else "",
                    signer_nip=signatory.nip if signatory else "",
                    qr_svg=qr,
                    verify_url=verify_url,
                    tracking_code=case.tracking_code,
                    answers=_answers(application),
                ),
            )
            pdf = render_pdf(
                "applications/staff/pdf/result.html",
                documents.verification_context(document)
                | {
                    "body": mark_safe(body),  # noqa: S308 - placeholder values escaped in fill
                    "body_has_qr": "{qr}" in template.body,
                    # A template with its own kop surat / signature block replaces ours.
                    "body_has_letterhead": 'class="kop"' in template.body,
                    "body_has_signature": "{penandatangan}" in template.body,
                    "application": application,
                    "service": service,
                    "holder_name": holder,
                },
            )
            document = documents.sign_and_store(document, pdf, actor=actor)
        except documents.DocumentError as exc:
            raise ProcessingError(exc.message, 409) from exc
        stored.append(document.file.name)
        application.result_document = document
        # The engine's "issue" reads the case fresh; the document is linked first.
        application.save(update_fields=["result_document"])
    return document
