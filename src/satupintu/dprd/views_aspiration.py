"""Aspirations to the DPRD: the citizen's form, and the secretariat's / members' list and page.

A filed aspiration continues on the complaint's confirmation page (`complaints:sent`: code,
private link, "send me the link") and on the shared tracking page `/lacak/<kode>/`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from satupintu.backoffice.views import staff_required
from satupintu.cases.workflow import COORDINATOR, UNIT, get_kind
from satupintu.complaints import views as complaint_views
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import anonymous_contact
from satupintu.core import ratelimit
from satupintu.dprd import drilldown, selectors
from satupintu.dprd import services_aspiration as services
from satupintu.dprd import workflow_aspiration as flow
from satupintu.dprd.forms_aspiration import AspirationActionForm, AspirationForm
from satupintu.org import permissions
from satupintu.org.selectors import kelurahan_choices
from satupintu.uploads import attach


def _form(request, data=None, files=None):
    form = AspirationForm(
        data,
        files,
        commissions=selectors.commissions(),
        kelurahan=kelurahan_choices(),
        user=request.user,
    )
    return attach.bind(form, request)


def _new_aspiration(data) -> services.NewAspiration:
    return services.NewAspiration(
        target=data["target"],
        commission=data["commission"],
        title=data["title"],
        description=data["description"],
        identity=data["identity"],
        reporter_name=data.get("reporter_name", ""),
        reporter_email=data.get("reporter_email", ""),
        reporter_phone=data.get("reporter_phone", ""),
        kelurahan=data["kelurahan"],
        rt=data["rt"],
        street=data["street"],
        files=data["files"],
        idempotency_key=data["idempotency_key"],
    )


@require_http_methods(["GET", "POST"])
def new(request):
    if request.method != "POST":
        return render(request, "dprd/aspiration_new.html", {"form": _form(request)})
    form = _form(request, request.POST, request.FILES)
    status = 400
    if form.is_valid():
        refusal = ratelimit.check(request, "complaint", files=request.FILES.getlist("files"))
        if refusal is not None:
            form.add_error(None, refusal.message)
            status = 429
    if form.is_valid():
        data = form.cleaned_data
        try:
            case, secret = services.submit_aspiration(_new_aspiration(data), user=request.user)
        except services.AspirationError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            attach.discard_used(data["files"], user=request.user)
            if secret:
                # The complaint's confirmation page shows the code and the private link.
                request.session[complaint_views.SESSION_SECRET_KEY] = {case.tracking_code: secret}
                if data["identity"] == Identity.ANONYMOUS:
                    once = anonymous_contact(
                        data.get("reporter_email", ""), data.get("reporter_phone", "")
                    )
                    if once is not None:
                        request.session[complaint_views.SESSION_LINK_SENT] = {
                            case.tracking_code: once.masked
                        }
            return redirect("complaints:sent", code=case.tracking_code)
    if attach.keep_form_files(form, request):
        messages.info(
            request, _("Berkas yang sudah terkirim tetap tersimpan; tidak perlu memilihnya lagi.")
        )
    return render(request, "dprd/aspiration_new.html", {"form": form}, status=status)


# Staff side: SETWAN, the koordinator, and the members an aspiration is addressed to.


def _may_open_list(user) -> bool:
    from satupintu.dprd.services import is_setwan

    return is_setwan(user) or selectors.member_for_user(user) is not None


@staff_required
@require_safe
def staff_list(request):
    if not _may_open_list(request.user):
        raise Http404
    aspirations = selectors.staff_aspirations(request.user).order_by("-case__created_at")
    status = request.GET.get("status", "")
    if status in flow.LABELS:
        aspirations = aspirations.filter(case__status=status)
    aspirations, drill = drilldown.filter_aspirations(aspirations, request.GET)
    page = Paginator(aspirations, 50).get_page(request.GET.get("halaman"))
    kind = get_kind(flow.KIND)
    for aspiration in page:
        aspiration.status_label = kind.status_label(aspiration.case.status)
    context = {
        "page": page,
        "member": selectors.member_for_user(request.user),
        "statuses": list(flow.LABELS.items()),
        "status": status,
        "drill": drill,
    }
    return render(request, "dprd/aspiration_list.html", context)


def _staff_or_404(request, code):
    found = selectors.staff_aspirations(request.user).filter(case__tracking_code=code.upper())
    aspiration = found.first()
    if aspiration is None:
        raise Http404
    return aspiration


def _detail(request, aspiration, form=None, status=200):
    kind = get_kind(flow.KIND)
    case = aspiration.case
    role = services.role_for(request.user, aspiration)
    actions = kind.actions_for(case.status, role) if role else []
    context = {
        "aspiration": aspiration,
        "case": case,
        "status_label": kind.status_label(case.status),
        "actions": actions,
        "form": form or AspirationActionForm(commissions=selectors.commissions()),
        "show_reporter": role in (UNIT, COORDINATOR)
        and permissions.can_see_reporter(request.user, case),
        "history": [
            (event, kind.history_label(event.action, event.actor_role))
            for event in case.events.order_by("created_at", "pk")
        ],
        "attachments": case.attachments.all(),
    }
    return render(request, "dprd/aspiration_detail.html", context, status=status)


@staff_required
@require_safe
def staff_detail(request, code):
    return _detail(request, _staff_or_404(request, code))


@staff_required
@require_POST
def staff_act(request, code):
    aspiration = _staff_or_404(request, code)
    form = AspirationActionForm(request.POST, commissions=selectors.commissions())
    if not form.is_valid():
        return _detail(request, aspiration, form=form, status=400)
    data = form.cleaned_data
    hearing = None
    if data["action"] == "hearing":
        hearing = services.Hearing(
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
        )
    try:
        services.act(
            user=request.user,
            aspiration=aspiration,
            action=data["action"],
            note=data["note"],
            target=data["target"] or None,
            commission=data["commission"],
            hearing=hearing,
        )
    except services.AspirationError as exc:
        if exc.status == 404:
            raise Http404 from exc
        form.add_error(None, exc.message)
        return _detail(request, aspiration, form=form, status=exc.status)
    messages.success(request, _("Aspirasi diperbarui."))
    return redirect("dprd:aspiration_staff_detail", code=aspiration.case.tracking_code)
