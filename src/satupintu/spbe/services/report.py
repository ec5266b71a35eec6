"""The signed PDF of one year's SPBE index, verifiable at /verifikasi/ (the documents app's
signing, as the surveys' IKM report)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.org.models import OrgUnit
from satupintu.spbe import selectors_evaluation as selectors
from satupintu.spbe.models import Evaluation, EvaluationReport
from satupintu.spbe.services.evaluation import EvaluationError


def issue_report(*, evaluation: Evaluation, actor) -> EvaluationReport:
    from satupintu.documents import services as documents
    from satupintu.documents.models import IssuedDocument
    from satupintu.documents.pdf import render_pdf

    team_unit = OrgUnit.objects.filter(code=selectors.team_unit_code()).first()
    if team_unit is None:
        raise EvaluationError(_("Unit tim SPBE tidak ditemukan."))
    result = selectors.year_index(evaluation)
    signer = documents.signing_identity_for(team_unit, user=actor)
    if signer is None:
        raise EvaluationError(_("Unit tim SPBE belum memiliki sertifikat penanda tangan."))
    number = EvaluationReport.objects.filter(evaluation=evaluation).count() + 1
    with transaction.atomic():
        document = documents.prepare_document(
            title=_("Laporan Evaluasi Mandiri SPBE %(year)s") % {"year": evaluation.year},
            number=f"SPBE/{evaluation.year}/{number}",
            holder_name=team_unit.name,
            org_unit=team_unit,
            signer=signer,
            kind=IssuedDocument.Kind.OTHER,
            reference=f"spbe:{evaluation.year}:{number}",
            actor=actor,
        )
        context = {
            **documents.verification_context(document),
            "evaluation": evaluation,
            "framework": evaluation.framework,
            "result": result,
            "assignments": selectors.visible_assignments(actor, evaluation),
            "comparison": selectors.compare(
                list(selectors.evaluations().filter(year__lte=evaluation.year)[:5])
            ),
        }
        pdf = render_pdf("spbe/report_pdf.html", context)
        document = documents.sign_and_store(document, pdf, actor=actor)
        report = EvaluationReport.objects.create(
            evaluation=evaluation,
            document=document,
            index=result.overall.shown,
            created_at=timezone.now(),
        )
        audit.record(
            "spbe.report_issue",
            actor=actor,
            obj=report,
            data={"year": evaluation.year, "document": document.pk, "index": str(report.index)},
        )
    return report
