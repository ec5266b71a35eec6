"""E-Pokir pages: the citizen's proposal form, a proposal's public page and support, and the
secretariat's / members' list, actions and SIPD exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from satupintu.backoffice.views import staff_required
from satupintu.cases import selectors as case_selectors
from satupintu.cases.workflow import get_kind
from satupintu.dprd import drilldown, exports, lines, selectors, services, workflow
from satupintu.dprd.forms import ActionForm, ProposalForm
from satupintu.org import selectors as org_selectors
from satupintu.uploads import attach

DRAFT_KEY = "dprd_pokir_draft"
DRAFT_FIELDS = [
    name for name in ProposalForm.base_fields if name not in ("files", "idempotency_key")
]


def _form(request, data=None, files=None, initial=None):
    form = ProposalForm(
        data,
        files,
        initial=initial,
        kelurahan=org_selectors.kelurahan_choices(),
        units=org_selectors.opd_list(),
    )
    return attach.bind(form, request)


def _new_proposal(data) -> services.NewProposal:
    return services.NewProposal(
        title=data["title"],
        description=data["description"],
        work_type=data["work_type"],
        affair=data["affair"],
        kelurahan=data["kelurahan"],
        rt=data["rt"],
        street=data["street"],
        boundaries=data["boundaries"],
        volume=data["volume"],
        volume_unit=data["volume_unit"],
        source=data["source"],
        proposed_unit=data["proposed_unit"],
        estimated_cost=data["estimated_cost"],
        beneficiaries=data["beneficiaries"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        line=data["line"],
        photos=data["files"],
        idempotency_key=data["idempotency_key"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    if request.method != "POST":
        draft = request.session.get(DRAFT_KEY) or None
        return render(request, "dprd/proposal_new.html", {"form": _form(request, initial=draft)})
    form = _form(request, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        if any(not f.content_type.startswith("image/") for f in data["files"]):
            form.add_error("files", _("Foto lokasi harus berupa gambar (JPG, PNG atau WEBP)."))
    if form.is_valid():
        try:
            case = services.submit_proposal(_new_proposal(form.cleaned_data), user=request.user)
        except services.ProposalError as exc:
            form.add_error(None, exc.message)
        else:
            attach.discard_used(form.cleaned_data["files"], user=request.user)
            request.session.pop(DRAFT_KEY, None)
            messages.success(
                request, _("Usulan terkirim. Kode lacak: %(code)s") % {"code": case.tracking_code}
            )
            return redirect("dprd:proposal", code=case.tracking_code)
    # Refused: the draft stays (this browser session), the files stay in the uploads store.
    request.session[DRAFT_KEY] = {k: request.POST.get(k, "") for k in DRAFT_FIELDS}
    kept = attach.keep_form_files(form, request)
    if kept:
        messages.info(
            request, _("Berkas yang sudah terkirim tetap tersimpan; tidak perlu memilihnya lagi.")
        )
    messages.info(request, _("Draf usulan Anda disimpan; lengkapi lalu kirim lagi."))
    return render(request, "dprd/proposal_new.html", {"form": form}, status=400)


def _public_or_404(code):
    proposal = selectors.proposal_by_code(code.upper())
    if proposal is None:
        raise Http404
    return proposal


@require_safe
def detail(request, code):
    proposal = _public_or_404(code)
    kind = get_kind(workflow.KIND)
    history = [
        (event, kind.history_label(event.action, event.actor_role))
        for event in case_selectors.public_timeline(proposal.case, with_files=False)
    ]
    context = {
        "proposal": proposal,
        "case": proposal.case,
        "status_label": kind.status_label(proposal.case.status),
        "history": history,
        "can_support": proposal.case.status not in kind.closed_statuses,
        "line_length": lines.length_m(proposal.line) if len(proposal.line) > 1 else None,
    }
    return render(request, "dprd/proposal_detail.html", context)


@login_required
@require_POST
def support(request, code):
    proposal = _public_or_404(code)
    try:
        added = services.support(user=request.user, proposal=proposal)
    except services.ProposalError as exc:
        messages.error(request, exc.message)
    else:
        if added:
            messages.success(request, _("Terima kasih, dukungan Anda tercatat."))
        else:
            messages.info(request, _("Anda sudah mendukung usulan ini."))
    return redirect("dprd:proposal", code=proposal.case.tracking_code)


# Staff side: SETWAN, the koordinator, and members (their own dapil only).


@staff_required
@require_safe
def staff_list(request):
    if not (services.is_setwan(request.user) or selectors.member_for_user(request.user)):
        raise Http404
    proposals = selectors.staff_proposals(request.user).order_by(
        "-planning_year", "district__number", "-support_count", "-id"
    )
    proposals, drill = drilldown.filter_proposals(proposals, request.GET, workflow.LABELS)
    page = Paginator(proposals, 50).get_page(request.GET.get("halaman"))
    kind = get_kind(workflow.KIND)
    for proposal in page:
        proposal.status_label = kind.status_label(proposal.case.status)
    context = {
        "page": page,
        "member": selectors.member_for_user(request.user),
        "districts": selectors.districts(),
        # The signed recap per dapil is offered for the planning year proposals go to now.
        "recap_year": services.planning_year_for(timezone.localdate()),
        "drill": drill,
    }
    return render(request, "dprd/staff_list.html", context)


def _staff_or_404(request, code):
    proposal = selectors.staff_proposals(request.user).filter(case__tracking_code=code).first()
    if proposal is None:
        raise Http404
    return proposal


@staff_required
@require_safe
def staff_detail(request, code):
    proposal = _staff_or_404(request, code.upper())
    kind = get_kind(workflow.KIND)
    role = services.role_for(request.user, proposal)
    context = {
        "proposal": proposal,
        "case": proposal.case,
        "status_label": kind.status_label(proposal.case.status),
        "actions": kind.actions_for(proposal.case.status, role) if role else [],
        "history": [
            (event, kind.history_label(event.action, event.actor_role))
            for event in case_selectors.public_timeline(proposal.case, with_files=False)
        ],
    }
    return render(request, "dprd/staff_detail.html", context)


@staff_required
@require_POST
def staff_act(request, code):
    proposal = _staff_or_404(request, code.upper())
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.act(
                user=request.user,
                proposal=proposal,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
            )
        except services.ProposalError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Status usulan diperbarui."))
    return redirect("dprd:staff_detail", code=proposal.case.tracking_code)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _export(proposals, name, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    body = exports.as_csv(proposals) if fmt == "csv" else exports.as_xlsx(proposals)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="pokir-{name}.{fmt}"'
    return response


def _year_filter(request, proposals):
    year = request.GET.get("tahun", "")
    valid = year.isascii() and year.isdigit() and len(year) == 4
    return proposals.filter(planning_year=int(year)) if valid else proposals


@staff_required
@require_safe
def export_district(request, number, fmt):
    own = selectors.member_for_user(request.user)
    allowed = services.is_setwan(request.user) or (own and own.district.number == number)
    if not allowed or selectors.district_or_none(number) is None:
        raise Http404
    proposals = selectors.staff_proposals(request.user).filter(district__number=number)
    return _export(_year_filter(request, proposals), f"dapil-{number}", fmt)


@staff_required
@require_safe
def export_member(request, slug, fmt):
    member = selectors.member_by_slug(slug)
    if member is None:
        raise Http404
    own = selectors.member_for_user(request.user)
    # SETWAN exports any member's pokir; a member their own only.
    if not (services.is_setwan(request.user) or (own is not None and own.pk == member.pk)):
        raise Http404
    proposals = selectors.staff_proposals(request.user).filter(adopted_by=member)
    return _export(_year_filter(request, proposals), f"anggota-{member.slug}", fmt)
