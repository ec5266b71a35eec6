"""Applications in "Urusan saya" (`onedoor.registry`): the documents of each submitted
application (shown with the case, which the cases source lists), and unfinished drafts."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.applications.models import Application, ApplicationDocument, ApplicationDraft
from satupintu.applications.workflow import KIND, Status
from satupintu.onedoor.registry import Item, Link, Source, register, register_case_details


def documents(cases) -> dict[int, tuple[Link, ...]]:
    apps = {
        a.case_id: a
        for a in Application.objects.filter(case__in=cases).only(
            "id", "case_id", "result_document_id", "receipt"
        )
    }
    docs: dict[int, list] = {}
    for doc in ApplicationDocument.objects.filter(
        application__in=apps.values(), superseded_at=None
    ).only("id", "application_id", "original_name"):
        docs.setdefault(doc.application_id, []).append(doc)
    found = {}
    for case in cases:
        app = apps.get(case.pk)
        if app is None:
            continue
        code = case.tracking_code
        links = []
        if case.status == Status.CORRECTION:
            links.append(
                Link(_("Unggah perbaikan"), reverse("applications:correction", args=[code]))
            )
        if app.result_document_id:
            links.append(Link(_("Dokumen hasil"), reverse("applications:result", args=[code])))
        if app.receipt:
            links.append(Link(_("Tanda terima"), reverse("applications:receipt", args=[code])))
        for doc in docs.get(app.pk, []):
            links.append(
                Link(doc.original_name, reverse("applications:document", args=[code, doc.pk]))
            )
        found[case.pk] = tuple(links)
    return found


def drafts(user):
    for draft in (
        ApplicationDraft.objects.filter(applicant=user, submitted_case=None, deleted_at=None)
        .select_related("service")
        .order_by("-updated_at")[:50]
    ):
        url = reverse("applications:my_list")
        yield Item(
            kind=gettext_lazy("Draf permohonan"),
            title=draft.service.name,
            code="",
            status=gettext_lazy("Belum dikirim"),
            url=url,
            activity_at=draft.updated_at,
            next_action=gettext_lazy("Lanjutkan mengisi dan kirim"),
            next_action_url=url,
        )


register_case_details(KIND, documents)
register(Source(key="application_drafts", items=drafts, order=20))
