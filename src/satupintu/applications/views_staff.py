"""Back office for applications: work queues per service and step, the application page with
the actions the user may take at the current step, documents, and revoking the result.

Applications outside the user's units are not found (404) on every page and action.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from satupintu.applications import answers as answer_store
from satupintu.applications import staff_selectors as selectors
from satupintu.applications.services import processing
from satupintu.applications.workflow import KIND, Status
from satupintu.backoffice.views import staff_required
from satupintu.cases import access
from satupintu.cases.selectors import labelled_timeline
from satupintu.cases.workflow import get_kind
from satupintu.core.listing import page_of
from satupintu.core.masking import mask_email, mask_phone
from satupintu.documents import access as document_access
from satupintu.documents.models import IssuedDocument
from satupintu.notifications.selectors import messages_for
from satupintu.org import permissions

PAGE_SIZE = 30


# The page's message form has two fields, a message to the applicant and an internal note:
# it posts "message", which becomes "reply" when there is a message, else "note".
MESSAGE = "message"


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in (*processing.STAFF_ACTIONS, MESSAGE)])
    note = forms.CharField(required=False, max_length=5000)
    internal_note = forms.CharField(required=False, max_length=5000)
    codes = forms.MultipleChoiceField(required=False, choices=[])
    expected_step_id = forms.IntegerField(required=False)

    def __init__(self, *args, requirement_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(c, c) for c in requirement_codes]
        self.fields["codes"].error_messages["invalid_choice"] = gettext_lazy(
            "Persyaratan %(value)s tidak ada pada layanan ini."
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        error_messages={"required": gettext_lazy("Alasan pencabutan wajib diisi.")},
    )


# --- Queue -----------------------------------------------------------------------------------


@staff_required
@never_cache
def queue(request):
    filters = selectors.QueueFilter.from_params(request.GET)
    page = page_of(request, selectors.queue(request.user, filters), PAGE_SIZE)
    page.object_list = selectors.annotate_deadlines(page.object_list)
    return render(
        request,
        "applications/staff/queue.html",
        {
            "page": page,
            "filters": filters,
            "summary": selectors.queue_summary(request.user),
            "services": selectors.services_for_filter(request.user),
            "steps": selectors.steps_for_filter(filters.service),
            "statuses": Status.choices,
            "today": timezone.localdate(),
        },
    )


# --- One application -------------------------------------------------------------------------


def answers_for_display(application) -> list[tuple[str, str]]:
    """(label, text) in the form's order; NIK, KK and phone numbers masked."""
    return answer_store.rows(application.form_version, application.data, masked=True)


def action_choices(user, application) -> dict:
    """What this user may do now, for the page (the services check again on POST)."""
    case = application.case
    step = application.current_step
    if step is None and case.status == Status.SUBMITTED:
        steps = processing.steps_of(application.service)
        step = steps[0] if steps else None
    steps = processing.steps_of(application.service)
    on_step = bool(
        step is not None
        and case.closed_at is None
        and permissions.may_act_on_step(user, case.org_unit, step.role)
    )
    working = case.status in (Status.SUBMITTED, Status.IN_PROGRESS)
    is_approval = bool(step and processing._is_approval(step, steps))
    is_last = bool(step and steps and step.pk == steps[-1].pk)
    advance_label = ""
    if step is not None:
        if is_approval and is_last:
            advance_label = _("Setujui dan terbitkan dokumen (%(step)s)") % {"step": step.name}
        elif is_approval:
            advance_label = _("Setujui (%(step)s)") % {"step": step.name}
        elif is_last:
            advance_label = _("Selesaikan dan terbitkan dokumen (%(step)s)") % {"step": step.name}
        else:
            advance_label = _("Selesaikan langkah: %(step)s") % {"step": step.name}
    document = application.result_document
    return {
        "step": step,
        "may_advance": on_step and (working or case.status == Status.APPROVED),
        "is_approval": is_approval,
        "advance_label": advance_label,
        "may_correct": on_step and working,
        "may_reject": on_step
        and case.status in (Status.SUBMITTED, Status.IN_PROGRESS, Status.CORRECTION),
        "may_note": access.staff_role(user, case) is not None,
        "may_revoke": bool(
            document
            and document.status == IssuedDocument.Status.ISSUED
            and document_access.can_revoke(user, document)
        ),
        "role_needed": step.get_role_display() if step else "",
    }


def _timeline(application):
    """The history in words from the kind's registry ("Disetujui oleh petugas unit")."""
    return labelled_timeline(application.case)


def _context(request, application, *, form=None, revoke_form=None, error=""):
    case = application.case
    requirements = list(application.service.requirements.order_by("sort_order", "pk"))
    names = {r.code: r.name for r in requirements}
    show_contact = permissions.can_see_reporter(request.user, case)
    application_list = selectors.annotate_deadlines([application])
    return {
        "application": application_list[0],
        "case": case,
        "status_label": get_kind(KIND).status_label(case.status),
        "answers": answers_for_display(application),
        "documents": selectors.documents_of(application),
        "requirements": requirements,
        "correction_names": [names.get(c, c) for c in application.correction_codes or []],
        "timeline": _timeline(application),
        "steps": processing.steps_of(application.service),
        "actions": action_choices(request.user, application),
        "form": form or ActionForm(),
        "revoke_form": revoke_form or RevokeForm(),
        "error": error,
        "applicant": {
            "name": case.reporter_name or (case.submitter.full_name if case.submitter else ""),
            "email": mask_email(case.reporter_email),
            "phone": mask_phone(case.reporter_phone),
            "visible": show_contact,
        },
        "outbox": messages_for(case.tracking_code),
        "today": timezone.localdate(),
        "document": application.result_document,
        "document_is_issued": bool(
            application.result_document
            and application.result_document.status != IssuedDocument.Status.PENDING
        ),
    }


@staff_required
@never_cache
@require_GET
def detail(request, code):
    application = selectors.staff_application_or_404(request.user, code)
    return render(request, "applications/staff/detail.html", _context(request, application))


def _error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    if isinstance(exc, processing.ProcessingError):
        return exc.message
    text = str(exc)
    return text or _("Anda tidak berwenang melakukan tindakan ini pada langkah ini.")


@staff_required
@require_POST
def act(request, code):
    application = selectors.staff_application_or_404(request.user, code)
    requirement_codes = list(application.service.requirements.values_list("code", flat=True))
    form = ActionForm(request.POST, requirement_codes=requirement_codes)
    if not form.is_valid():
        context = _context(request, application, form=form, error=_("Periksa isian tindakan."))
        return render(request, "applications/staff/detail.html", context, status=400)
    data = form.cleaned_data
    action = data["action"]
    if action == MESSAGE:
        action = "reply" if data["note"].strip() else "note"
    try:
        processing.act(
            application,
            action,
            actor=request.user,
            note=data["note"],
            internal_note=data["internal_note"],
            correction_codes=data["codes"],
            expected_step_id=data["expected_step_id"],
        )
    except (processing.ProcessingError, ValidationError, PermissionDenied) as exc:
        if isinstance(exc, PermissionDenied):
            status = 403
        elif isinstance(exc, ValidationError):
            status = 400
        else:
            status = exc.status
        application = selectors.staff_application_or_404(request.user, code)
        context = _context(request, application, form=form, error=_error_text(exc))
        return render(request, "applications/staff/detail.html", context, status=status)
    messages.success(request, _("Tersimpan."))
    return redirect("applications:staff_detail", code=application.case.tracking_code)


@staff_required
@require_POST
def revoke(request, code):
    application = selectors.staff_application_or_404(request.user, code)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        context = _context(request, application, revoke_form=form)
        return render(request, "applications/staff/detail.html", context, status=400)
    try:
        processing.revoke_result(
            application, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except (processing.ProcessingError, ValidationError, PermissionDenied) as exc:
        status = 403 if isinstance(exc, PermissionDenied) else 409
        context = _context(request, application, revoke_form=form, error=_error_text(exc))
        return render(request, "applications/staff/detail.html", context, status=status)
    messages.success(request, _("Dokumen hasil telah dicabut."))
    return redirect("applications:staff_detail", code=application.case.tracking_code)


def _download(handle, filename: str, content_type: str):
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def document(request, code, document_id):
    application = selectors.staff_application_or_404(request.user, code)
    uploaded = selectors.document_for(application, document_id)
    return _download(uploaded.file.open("rb"), uploaded.original_name, uploaded.content_type)


@staff_required
@require_GET
def result(request, code):
    from satupintu.documents import services as documents

    application = selectors.staff_application_or_404(request.user, code)
    issued = application.result_document
    if issued is None:
        raise Http404
    try:
        handle = documents.open_signed_pdf(issued)
    except documents.DocumentError as exc:
        raise Http404 from exc
    return _download(handle, f"{application.case.tracking_code}-hasil.pdf", "application/pdf")
