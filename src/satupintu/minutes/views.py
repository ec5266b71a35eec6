"""Staff pages under /kantor/rapat/ and the citizens' pages under /risalah/."""

from datetime import time

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.listing import page_of
from satupintu.minutes import access, forms, pdf, selectors, services, signing
from satupintu.minutes.models import AgendaItem, Attendance, Meeting
from satupintu.notifications.selectors import messages_for
from satupintu.portal.caching import public_page

ACTION_LABELS = {
    "submit": gettext_lazy("Ajukan untuk ditinjau pimpinan"),
    "return": gettext_lazy("Kembalikan ke notulis"),
    "approve": gettext_lazy("Setujui risalah"),
    "publish": gettext_lazy("Terbitkan"),
    "reopen": gettext_lazy("Buka kembali"),
}


def _error(request, exc: services.MinutesError):
    messages.error(request, exc.message)


# --- Staff: meetings -----------------------------------------------------------------------------


@staff_required
def staff_list(request):
    filters = selectors.MeetingFilter.from_params(request.GET)
    page = page_of(request, selectors.staff_meetings(request.user, filters), 30)
    return render(
        request,
        "minutes/staff_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Meeting.Status.choices,
            "kinds": Meeting.Kind.choices,
            "can_create": access.creatable_units(request.user).exists(),
        },
    )


@staff_required
def create(request):
    if not access.creatable_units(request.user).exists():
        raise Http404
    form = forms.MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.create_meeting(
                actor=request.user,
                **{k: v for k, v in data.items() if k not in ("invited_users", "invited_units")},
                invited_users=list(data["invited_users"]),
                invited_units=list(data["invited_units"]),
            )
        except services.MinutesError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Rapat dibuat dan undangan dikirim."))
            return redirect("minutes:staff_detail", pk=meeting.pk)
    return render(request, "minutes/meeting_form.html", {"form": form, "meeting": None})


@staff_required
def edit(request, pk):
    meeting = access.meeting_or_404(request.user, pk)
    if not access.can_manage(request.user, meeting):
        raise Http404
    form = forms.MeetingForm(request.POST or None, instance=meeting, user=request.user)
    if meeting.is_locked:
        messages.error(request, _("Risalah sudah disetujui; buka kembali untuk mengubah."))
        return redirect("minutes:staff_detail", pk=meeting.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = access.meeting_or_404(request.user, pk)  # the form changed the instance
        try:
            services.update_meeting(
                actor=request.user,
                meeting=meeting,
                changes={k: data[k] for k in services.MEETING_FIELDS},
                invited_users=list(data["invited_users"]),
                invited_units=list(data["invited_units"]),
            )
        except services.MinutesError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("minutes:staff_detail", pk=meeting.pk)
    return render(request, "minutes/meeting_form.html", {"form": form, "meeting": meeting})


@staff_required
def detail(request, pk):
    meeting = access.meeting_or_404(request.user, pk)
    can_manage = access.can_manage(request.user, meeting)
    editable = can_manage and not meeting.is_locked
    today = timezone.localdate()
    return render(
        request,
        "minutes/staff_detail.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda_items.all(),
            "attendances": meeting.attendances.select_related("unit", "user"),
            "follow_ups": meeting.follow_ups.select_related("owner_user", "owner_unit"),
            "invited_units": meeting.invited_units.all(),
            "quorum": selectors.quorum(meeting),
            "can_manage": can_manage,
            "editable": editable,
            "actions": [
                (a, ACTION_LABELS[a]) for a in services.allowed_actions(request.user, meeting)
            ],
            "agenda_form": forms.AgendaItemForm(),
            "follow_up_form": forms.FollowUpForm(meeting=meeting),
            "outbox": messages_for(meeting.reference)[:50] if can_manage else [],
            "today": today,
        },
    )


@staff_required
@require_POST
def act(request, pk):
    meeting = access.meeting_or_404(request.user, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tindakan tidak dikenal."))
        return redirect("minutes:staff_detail", pk=pk)
    try:
        services.transition(
            actor=request.user,
            meeting=meeting,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
        )
    except services.MinutesError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Status risalah diperbarui."))
    return redirect("minutes:staff_detail", pk=pk)


@staff_required
def staff_pdf(request, pk):
    meeting = access.meeting_or_404(request.user, pk)
    return _pdf_response(meeting)


def _pdf_response(meeting):
    response = HttpResponse(pdf.render_minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(meeting)}"'
    return response


# --- Staff: agenda and minutes -------------------------------------------------------------------


def _managed(request, pk) -> Meeting:
    meeting = access.meeting_or_404(request.user, pk)
    if not access.can_manage(request.user, meeting):
        raise Http404
    return meeting


@staff_required
@require_POST
def agenda_add(request, pk):
    meeting = _managed(request, pk)
    form = forms.AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi judul acara."))
        return redirect("minutes:staff_detail", pk=pk)
    try:
        services.add_agenda_item(
            actor=request.user,
            meeting=meeting,
            title=form.cleaned_data["title"],
            presenter=form.cleaned_data["presenter"],
            order=form.cleaned_data.get("order"),
        )
    except services.MinutesError as exc:
        _error(request, exc)
    return redirect("minutes:staff_detail", pk=pk)


def _agenda_item(meeting, item_id) -> AgendaItem:
    item = meeting.agenda_items.filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


@staff_required
def agenda_edit(request, pk, item_id):
    """The minutes editor of one agenda item."""
    meeting = _managed(request, pk)
    item = _agenda_item(meeting, item_id)
    form = forms.MinutesForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = _agenda_item(meeting, item_id)  # unchanged copy for the service
        try:
            services.update_agenda_item(
                actor=request.user,
                item=item,
                changes={f: form.cleaned_data[f] for f in services.AGENDA_FIELDS},
            )
        except services.MinutesError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Risalah acara tersimpan."))
            return redirect("minutes:staff_detail", pk=pk)
    return render(
        request,
        "minutes/agenda_form.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "link_form": forms.DecisionLinkForm(),
            "locked": meeting.is_locked,
        },
    )


@staff_required
@require_POST
def agenda_delete(request, pk, item_id):
    meeting = _managed(request, pk)
    try:
        services.delete_agenda_item(actor=request.user, item=_agenda_item(meeting, item_id))
    except services.MinutesError as exc:
        _error(request, exc)
    return redirect("minutes:staff_detail", pk=pk)


# --- Staff: attendance ---------------------------------------------------------------------------


def _parse_time(value: str):
    try:
        return time.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


@staff_required
def attendance(request, pk):
    """Taking attendance on a phone: one compact row per person, one save button."""
    meeting = _managed(request, pk)
    rows = list(meeting.attendances.select_related("unit"))
    add_form = forms.AttendeeForm(prefix="baru")
    if request.method == "POST":
        entries = []
        now = timezone.localtime().time().replace(second=0, microsecond=0)
        for row in rows:
            status = request.POST.get(f"s-{row.pk}", row.status)
            arrived = _parse_time(request.POST.get(f"t-{row.pk}", ""))
            if status == Attendance.Status.PRESENT and arrived is None:
                arrived = row.arrived_at or now
            entries.append(
                {
                    "attendance": row,
                    "status": status,
                    "arrived_at": arrived,
                    "note": request.POST.get(f"n-{row.pk}", row.note).strip()[:250],
                }
            )
        try:
            services.record_attendance(actor=request.user, meeting=meeting, entries=entries)
            if request.POST.get("baru-user") or request.POST.get("baru-name", "").strip():
                add_form = forms.AttendeeForm(request.POST, prefix="baru")
                if not add_form.is_valid():
                    return render(
                        request,
                        "minutes/attendance.html",
                        {"meeting": meeting, "rows": rows, "add_form": add_form},
                        status=400,
                    )
                data = add_form.cleaned_data
                services.add_attendee(
                    actor=request.user,
                    meeting=meeting,
                    user=data["user"],
                    name=data["name"],
                    position=data["position"],
                    status=data["status"],
                    arrived_at=data["arrived_at"] or now,
                )
        except services.MinutesError as exc:
            _error(request, exc)
            return redirect("minutes:attendance", pk=pk)
        messages.success(request, _("Daftar hadir tersimpan."))
        return redirect("minutes:attendance", pk=pk)
    return render(
        request,
        "minutes/attendance.html",
        {
            "meeting": meeting,
            "rows": rows,
            "add_form": add_form,
            "statuses": Attendance.Status.choices,
        },
    )


# --- Staff: follow-ups ---------------------------------------------------------------------------


@staff_required
@require_POST
def follow_up_add(request, pk):
    meeting = _managed(request, pk)
    form = forms.FollowUpForm(request.POST, meeting=meeting)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("minutes:staff_detail", pk=pk)
    try:
        services.add_follow_up(actor=request.user, meeting=meeting, **form.cleaned_data)
    except services.MinutesError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Tindak lanjut ditambahkan."))
    return redirect("minutes:staff_detail", pk=pk)


@staff_required
def follow_ups(request):
    state = request.GET.get("status", "open")
    if state not in ("open", "overdue", "done", "all"):
        state = "open"
    page = page_of(request, selectors.follow_ups_for(request.user, state=state), 50)
    return render(
        request,
        "minutes/follow_ups.html",
        {
            "page": page,
            "state": state,
            "today": timezone.localdate(),
            "overdue_count": selectors.follow_ups_for(request.user, state="overdue").count(),
        },
    )


@staff_required
@require_POST
def follow_up_done(request, action_id):
    action = selectors.follow_up_or_404(request.user, action_id)
    form = forms.FollowUpDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis laporan tindak lanjutnya."))
    else:
        try:
            services.complete_follow_up(
                actor=request.user, action=action, report=form.cleaned_data["report"]
            )
        except services.MinutesError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Tindak lanjut ditandai selesai."))
    next_url = request.POST.get("next", "")
    if next_url == "rapat":
        return redirect("minutes:staff_detail", pk=action.meeting_id)
    return redirect("minutes:follow_ups")


# --- Citizens: published minutes of public meetings ---------------------------------------------


@require_GET
@public_page
def public_list(request):
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY]
    page = page_of(request, selectors.public_meetings(query), 20)
    return render(request, "minutes/public_list.html", {"page": page, "query": query})


@require_GET
@public_page
def public_detail(request, pk):
    meeting = selectors.public_meeting_or_404(pk)
    return render(
        request,
        "minutes/public_detail.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda_items.all(),
            "attending": selectors.attending(meeting),
            "follow_ups": meeting.follow_ups.select_related("owner_unit", "owner_user"),
            "signed": signing.signed_document(meeting),
            "quorum": selectors.quorum(meeting),
        },
    )


@require_GET
def public_pdf(request, pk):
    meeting = selectors.public_meeting_or_404(pk)
    document = signing.signed_document(meeting)
    if document is None:
        return _pdf_response(meeting)
    # The signed file as issued: its bytes are what /verifikasi/ checks.
    from satupintu.documents.services import open_signed_pdf

    return FileResponse(
        open_signed_pdf(document),
        as_attachment=True,
        filename=pdf.filename(meeting),
        content_type="application/pdf",
    )
