"""A citizen's drafts and applications, for the PDP export and erasure
(`accounts.personal_data`). Registered by `ApplicationsConfig.ready`; what is kept after an
erasure, and how long, is in `applications/retention.py`."""

from django.utils.translation import gettext as _

from satupintu.accounts.personal_data import Erasure, Section, register
from satupintu.applications import answers as answer_store
from satupintu.applications.models import Application, ApplicationDocument, ApplicationDraft
from satupintu.cases.models import Case
from satupintu.cases.workflow import get_kind


def _iso(value):
    return value.isoformat() if value else None


def _answers(form_version, data) -> list[dict]:
    # The subject's own copy: in full, not masked.
    return [
        {"field": label, "answer": text}
        for label, text in answer_store.rows(form_version, data, masked=False)
    ]


def _documents(documents) -> list[dict]:
    return [
        {
            "requirement": d.requirement.name,
            "name": d.original_name,
            "content_type": d.content_type,
            "size": d.size,
            "sha256": d.sha256,
            "uploaded_at": _iso(d.uploaded_at),
            "superseded_at": _iso(d.superseded_at),
        }
        for d in documents.select_related("requirement")
    ]


def open_drafts(user):
    return ApplicationDraft.objects.filter(applicant=user, submitted_case__isnull=True)


def applications_of(user):
    return Application.objects.filter(case__submitter=user)


def in_process(user):
    return applications_of(user).filter(case__closed_at__isnull=True)


def export_drafts(user) -> list[dict]:
    return [
        {
            "service": draft.service.name,
            "created_at": _iso(draft.created_at),
            "updated_at": _iso(draft.updated_at),
            # Deleted but still within the undo window (then purged): still held, so exported.
            "deleted_at": _iso(draft.deleted_at),
            "answers": _answers(draft.form_version, draft.data),
            "documents": _documents(draft.documents.all()),
        }
        for draft in open_drafts(user).select_related("service", "form_version")
    ]


def export_applications(user) -> list[dict]:
    result = []
    queryset = applications_of(user).select_related(
        "case", "service", "form_version", "result_document"
    )
    for application in queryset.order_by("case__created_at"):
        case = application.case
        document = application.result_document
        result.append(
            {
                "tracking_code": case.tracking_code,
                "service": application.service.name,
                "status": get_kind(case.kind).status_label(case.status),
                "submitted_at": _iso(case.created_at),
                "closed_at": _iso(case.closed_at),
                "answers": _answers(application.form_version, application.data),
                "documents": _documents(application.documents.all()),
                "receipt": bool(application.receipt),
                "result_document": {
                    "number": document.number,
                    "title": document.title,
                    "holder_name": document.holder_name,
                    "status": document.status,
                    "issued_at": _iso(document.issued_at),
                    "valid_until": _iso(document.valid_until),
                }
                if document
                else None,
            }
        )
    return result


def blockers(user) -> list[str]:
    codes = list(in_process(user).values_list("case__tracking_code", flat=True))
    if not codes:
        return []
    return [
        _(
            "Permohonan %(codes)s masih diproses. Batalkan permohonan itu atau tunggu sampai "
            "selesai, lalu hapus akun."
        )
        % {"codes": ", ".join(codes)}
    ]


STRIPPED_DESCRIPTION = "-"


def erase(user, erasure: Erasure) -> None:
    # Drafts never submitted go with their uploads. Submitted drafts only kept a copy of the
    # answers for idempotency: they go too.
    erasure.counts["drafts_deleted"] = open_drafts(user).count()
    erasure.files += [
        d.file.name
        for d in ApplicationDocument.objects.filter(draft__applicant=user).only("file")
        if d.file
    ]
    ApplicationDraft.objects.filter(applicant=user).delete()
    # Finished applications: only the record of the service given is kept (retention.py).
    stripped = 0
    for application in applications_of(user).select_related("case"):
        documents = application.documents.all()
        erasure.files += [d.file.name for d in documents if d.file]
        if application.receipt:
            erasure.files.append(application.receipt.name)
        documents.delete()
        application.data = {}
        application.correction_codes = []
        application.receipt = ""
        application.save(update_fields=["data", "correction_codes", "receipt"])
        # The case description was a summary of the answers.
        Case.objects.filter(pk=application.case_id).update(description=STRIPPED_DESCRIPTION)
        stripped += 1
    erasure.counts["applications_stripped"] = stripped


register(Section(key="application_drafts", export=export_drafts, order=20))
register(
    Section(
        key="applications",
        export=export_applications,
        blockers=blockers,
        erase=erase,
        order=30,
    )
)
