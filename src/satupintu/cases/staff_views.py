"""The back office for cases: inbox, case page, actions, files, CSV export."""

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.cases import access, public, selectors, services
from satupintu.cases.forms import (
    INTERNAL_NOTE_REQUIRED,
    PUBLIC_NOTE_REQUIRED,
    StaffActionForm,
    action_fields,
)
from satupintu.cases.views import _stream
from satupintu.cases.workflow import COORDINATOR, get_kind, kinds
from satupintu.core.exports import csv_writer
from satupintu.core.listing import page_of
from satupintu.core.masking import mask_email, mask_phone
from satupintu.notifications.selectors import messages_for
from satupintu.org import permissions
from satupintu.org.models import OrgUnit
from satupintu.org.selectors import kelurahan_choices
from satupintu.uploads import attach


def _filters(request) -> selectors.InboxFilter:
    return selectors.InboxFilter.from_params(request.GET)


@staff_required
def inbox(request):
    filters = _filters(request)
    page = page_of(request, selectors.inbox(request.user, filters), 50)
    statuses = {}
    for kind in kinds():
        statuses.update(kind.status_labels)
    page.object_list = selectors.inbox_rows(page.object_list, statuses)
    return render(
        request,
        "cases/inbox.html",
        {
            "page": page,
            "filters": filters,
            "statuses": statuses,
            "kinds": kinds(),
            "regions": kelurahan_choices(),
            "today": timezone.localdate(),
            "due_soon": selectors.due_soon_limit(),
            "is_coordinator": permissions.can_coordinate(request.user),
        },
    )


def _case_context(request, case, form=None):
    kind = get_kind(case.kind)
    role = access.staff_role(request.user, case)
    show_reporter = permissions.can_see_reporter(request.user, case)
    actions = kind.actions_for(case.status, role) if role else []
    return {
        "case": case,
        "kind": kind,
        "role": role,
        "status_label": kind.status_label(case.status),
        "timeline": selectors.labelled_timeline(case),
        "actions": actions,
        "action_forms": (action_forms := _action_forms(actions, role, form)),
        # An error from a form that is not on the page (an action no longer allowed).
        "stray_form": form
        if form is not None and not any(r["open"] for r in action_forms)
        else None,
        "show_reporter": show_reporter,
        "reporter": {
            "name": case.reporter_name,
            "email": mask_email(case.reporter_email) if not show_reporter else case.reporter_email,
            "phone": mask_phone(case.reporter_phone) if not show_reporter else case.reporter_phone,
        },
        "colleagues": _colleagues(case),
        "units": OrgUnit.objects.filter(is_active=True).exclude(kind="pemda").order_by("name"),
        "duplicates": selectors.possible_duplicates(case) if role == "coordinator" else [],
        "form": form,
        "public_title": public.public_title(case),
        "suggested_summary": public.suggested_summary(case),
        "outbox": messages_for(case.tracking_code),
        "today": timezone.localdate(),
    }


def _action_forms(actions, role, form) -> list[dict]:
    """One small form per action, with only the fields it needs (cases/forms.py); the one
    that came back with errors is open and keeps what was typed."""
    coordinator = role == COORDINATOR
    rows = []
    for transition in actions:
        fields = action_fields(transition, coordinator=coordinator)
        bound = form is not None and form.data.get("action") == transition.action
        rows.append(
            {
                "action": transition.action,
                "files_id": f"{transition.action}-files",
                "label": transition.label,
                "fields": fields,
                "public": transition.public,
                "note_required": transition.action in PUBLIC_NOTE_REQUIRED,
                "internal_required": transition.action in INTERNAL_NOTE_REQUIRED,
                "open": bound,
                "form": form if bound else None,
            }
        )
    return rows


def _colleagues(case):
    return selectors.colleagues(case)


@staff_required
def detail(request, code):
    case = selectors.staff_case_or_404(request.user, code)
    return render(request, "cases/detail.html", _case_context(request, case))


@staff_required
@require_POST
def act(request, code):
    case = selectors.staff_case_or_404(request.user, code)
    role = access.staff_role(request.user, case)
    if role is None:
        raise Http404
    transition = get_kind(case.kind).transitions.get(request.POST.get("action", ""))
    form = attach.bind(
        StaffActionForm(
            request.POST, request.FILES, transition=transition, coordinator=role == COORDINATOR
        ),
        request,
    )
    if not form.is_valid():
        attach.keep_form_files(form, request)
        return render(request, "cases/detail.html", _case_context(request, case, form), status=400)
    data = form.cleaned_data
    kwargs = {}
    try:
        if data["org_unit"]:
            kwargs["org_unit"] = OrgUnit.objects.get(code=data["org_unit"], is_active=True)
        if data["assignee"]:
            kwargs["assignee"] = next(u for u in _colleagues(case) if u.pk == data["assignee"])
        if data["parent_code"]:
            kwargs["parent"] = selectors.staff_case_or_404(request.user, data["parent_code"])
    except (OrgUnit.DoesNotExist, StopIteration, Http404):
        form.add_error(None, _("Unit, petugas, atau laporan induk tidak ditemukan."))
        return render(request, "cases/detail.html", _case_context(request, case, form), status=400)
    if "public_summary" in data and "public_summary" in request.POST:
        # Only the coordinators' verify and route forms carry it; "" puts the neutral title back.
        kwargs["public_summary"] = data["public_summary"]
    try:
        services.perform(
            case,
            data["action"],
            actor=request.user,
            role=role,
            note=data["note"],
            internal_note=data["internal_note"],
            files=data["files"],
            **kwargs,
        )
    except services.CaseError as exc:
        form.add_error(None, exc.message)
        return render(
            request, "cases/detail.html", _case_context(request, case, form), status=exc.status
        )
    attach.discard_used(data["files"], user=request.user)
    messages.success(request, _("Tersimpan."))
    return redirect("cases:staff_detail", code=case.tracking_code)


@staff_required
def attachment(request, code, attachment_id):
    case = selectors.staff_case_or_404(request.user, code)
    return _stream(selectors.attachment_for(case, attachment_id, public_only=False))


@staff_required
def export_csv(request):
    rows = selectors.inbox(request.user, _filters(request)).iterator(chunk_size=2000)
    writer = csv_writer()

    def stream():
        yield writer.writerow(
            [
                "kode",
                "jenis",
                "status",
                "kategori",
                "unit",
                "kelurahan",
                "masuk",
                "batas_waktu",
                "judul",
            ]
        )
        for case in rows:
            yield writer.writerow(
                [
                    case.tracking_code,
                    case.kind,
                    case.status,
                    case.category.name if case.category else "",
                    case.org_unit.code if case.org_unit else "",
                    case.region.name if case.region else "",
                    timezone.localtime(case.created_at).strftime("%Y-%m-%d %H:%M"),
                    case.due_date.isoformat() if case.due_date else "",
                    case.title,
                ]
            )

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kasus-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response
