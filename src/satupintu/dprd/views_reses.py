"""E-Reses pages: SETWAN's schedule, the phone-first reses page where a member (or SETWAN staff
for them) records the reses held and each aspiration heard, the signed laporan reses.

Who sees what is decided once, in `reses_selectors.staff_recesses`: SETWAN all, a member their
own, anyone else 404."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from satupintu.backoffice.views import staff_required
from satupintu.dprd import (
    drilldown,
    reses_pdf,
    reses_reports,
    reses_selectors,
    reses_services,
    selectors,
    services,
)
from satupintu.dprd.forms_reses import CancelForm, CompleteForm, HeardForm, HeldForm, ScheduleForm
from satupintu.org import selectors as org_selectors
from satupintu.uploads import attach


def _recess_or_404(request, pk):
    recess = reses_selectors.staff_recess_or_none(request.user, pk)
    if recess is None:
        raise Http404
    return recess


def _district_kelurahan(recess):
    return selectors.district_kelurahan(recess.member.district).select_related("parent")


def _schedule_form(request, data=None):
    return ScheduleForm(
        data,
        members=reses_selectors.members_for_schedule(),
        periods=reses_selectors.periods(),
        kelurahan=org_selectors.kelurahan_choices(),
    )


@staff_required
@require_safe
def staff_list(request):
    member = selectors.member_for_user(request.user)
    if not (services.is_setwan(request.user) or member):
        raise Http404
    recesses = reses_selectors.with_counts(reses_selectors.staff_recesses(request.user))
    recesses, drill = drilldown.filter_recesses(recesses, request.GET)
    page = Paginator(recesses.order_by("-held_on", "-id"), 50).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "member": member,
        "can_schedule": reses_services.can_schedule(request.user),
        "periods": reses_selectors.periods(),
        "drill": drill,
    }
    return render(request, "dprd/reses/staff_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def schedule(request):
    if not reses_services.can_schedule(request.user):
        raise Http404
    form = _schedule_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recess = reses_services.schedule(actor=request.user, **form.scheduled())
        except reses_services.RecessError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Reses dijadwalkan."))
            return redirect("dprd:reses_detail", pk=recess.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "dprd/reses/schedule.html", {"form": form}, status=status)


def _detail_context(request, recess, *, held_form=None, heard_form=None, cancel_form=None):
    kelurahan = _district_kelurahan(recess)
    return {
        "recess": recess,
        "heard": reses_selectors.heard_of(recess),
        "photos": recess.photos.filter(heard=None),
        "changes": recess.status_changes.select_related("actor"),
        "held_form": held_form
        or attach.bind(
            HeldForm(
                initial={"attendance": recess.attendance, "summary": recess.summary}, prefix="held"
            ),
            request,
        ),
        "heard_form": heard_form
        or attach.bind(
            HeardForm(
                kelurahan=kelurahan, initial={"kelurahan": recess.kelurahan_id}, prefix="heard"
            ),
            request,
        ),
        "cancel_form": cancel_form or CancelForm(prefix="cancel"),
        "can_cancel": reses_services.can_schedule(request.user)
        and recess.status == recess.Status.SCHEDULED,
        "can_record": recess.status in (recess.Status.SCHEDULED, recess.Status.HELD),
        "can_hear": recess.status in (recess.Status.HELD, recess.Status.REPORTED),
    }


@staff_required
@require_safe
def detail(request, pk):
    recess = _recess_or_404(request, pk)
    return render(request, "dprd/reses/detail.html", _detail_context(request, recess))


@staff_required
@require_POST
def record_held(request, pk):
    recess = _recess_or_404(request, pk)
    form = attach.bind(HeldForm(request.POST, request.FILES, prefix="held"), request)
    if form.is_valid():
        try:
            reses_services.record_held(actor=request.user, recess=recess, **form.held())
        except reses_services.RecessError as exc:
            form.add_error(None, exc.message)
        else:
            attach.discard_used(form.cleaned_data["files"], user=request.user)
            messages.success(request, _("Pelaksanaan reses tercatat."))
            return redirect("dprd:reses_detail", pk=recess.pk)
    attach.keep_form_files(form, request)
    context = _detail_context(request, recess, held_form=form)
    return render(request, "dprd/reses/detail.html", context, status=400)


@staff_required
@require_POST
def record_heard(request, pk):
    recess = _recess_or_404(request, pk)
    form = attach.bind(
        HeardForm(
            request.POST, request.FILES, kelurahan=_district_kelurahan(recess), prefix="heard"
        ),
        request,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            heard = reses_services.record_heard(
                actor=request.user,
                recess=recess,
                new=form.heard(data["idempotency_key"]),
            )
        except reses_services.RecessError as exc:
            form.add_error(None, exc.message)
        else:
            attach.discard_used(data["files"], user=request.user)
            if heard.is_draft:
                messages.warning(
                    request,
                    _("Disimpan sebagai draf usulan: %(reason)s") % {"reason": heard.draft_reason},
                )
            else:
                messages.success(
                    request,
                    _("Aspirasi tercatat: %(code)s") % {"code": heard.case.tracking_code},
                )
            return redirect("dprd:reses_detail", pk=recess.pk)
    attach.keep_form_files(form, request)
    context = _detail_context(request, recess, heard_form=form)
    return render(request, "dprd/reses/detail.html", context, status=400)


@staff_required
@require_http_methods(["GET", "POST"])
def complete(request, pk, heard_pk):
    recess = _recess_or_404(request, pk)
    heard = reses_selectors.heard_or_none(recess, heard_pk)
    if heard is None or not heard.is_draft:
        raise Http404
    initial = {name: getattr(heard, name) for name in CompleteForm.base_fields if name != "files"}
    data = request.POST if request.method == "POST" else None
    form = attach.bind(CompleteForm(data, request.FILES or None, initial=initial), request)
    if request.method == "POST" and form.is_valid():
        try:
            reses_services.complete_draft(
                actor=request.user,
                heard=heard,
                changes=form.changes(),
                photos=form.cleaned_data["files"],
            )
        except reses_services.RecessError as exc:
            form.add_error(None, exc.message)
        else:
            attach.discard_used(form.cleaned_data["files"], user=request.user)
            if heard.is_draft:
                form.add_error(None, heard.draft_reason)
            else:
                messages.success(
                    request, _("Usulan diajukan: %(code)s") % {"code": heard.case.tracking_code}
                )
                return redirect("dprd:reses_detail", pk=recess.pk)
    status = 400 if request.method == "POST" else 200
    context = {"recess": recess, "heard": heard, "form": form}
    return render(request, "dprd/reses/complete.html", context, status=status)


@staff_required
@require_POST
def cancel(request, pk):
    recess = _recess_or_404(request, pk)
    form = CancelForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            reses_services.cancel(
                actor=request.user, recess=recess, reason=form.cleaned_data["reason"]
            )
        except reses_services.RecessError as exc:
            if exc.status == 404:
                raise Http404 from exc
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Reses dibatalkan."))
            return redirect("dprd:reses_detail", pk=recess.pk)
    context = _detail_context(request, recess, cancel_form=form)
    return render(request, "dprd/reses/detail.html", context, status=400)


@staff_required
@require_safe
def photo(request, pk, photo_pk):
    recess = _recess_or_404(request, pk)
    found = reses_selectors.photo_or_none(recess, photo_pk)
    if found is None:
        raise Http404
    response = FileResponse(
        default_storage.open(found.file.name, "rb"), content_type=found.content_type
    )
    # Citizens at a reses are in these photos: no shared cache or the phone's cache keeps them.
    patch_cache_control(response, private=True, no_store=True)
    return response


@staff_required
@require_POST
def generate_report(request, pk):
    """The laporan reses of this reses's member and masa sidang."""
    recess = _recess_or_404(request, pk)
    try:
        report = reses_reports.generate_report(
            actor=request.user, member=recess.member, period=recess.period
        )
    except reses_services.RecessError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Laporan reses ditandatangani."))
        return redirect("dprd:reses_report", slug=report.member.slug, period=report.period_id)
    return redirect("dprd:reses_detail", pk=recess.pk)


@require_safe
def report_pdf(request, slug, period):
    """Public: the signed laporan reses, the bytes /verifikasi/ checks."""
    report = reses_selectors.report_or_none(slug, period)
    document = reses_pdf.signed_document(report) if report else None
    if document is None:
        raise Http404
    from satupintu.documents.services import open_signed_pdf

    return FileResponse(
        open_signed_pdf(document),
        as_attachment=True,
        filename=reses_pdf.filename(report),
        content_type="application/pdf",
    )
