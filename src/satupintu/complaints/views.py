from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.cases import notify
from satupintu.cases import selectors as case_selectors
from satupintu.cases import services as case_services
from satupintu.cases.forms import PrivateLinkForm
from satupintu.cases.models import Case
from satupintu.cases.services import CaseError
from satupintu.complaints import services
from satupintu.complaints.forms import ComplaintForm, Identity
from satupintu.complaints.workflow import KIND
from satupintu.core import ratelimit
from satupintu.org.selectors import kelurahan_choices
from satupintu.uploads import attach

SESSION_SECRET_KEY = "complaint_secret"  # noqa: S105 - a session key name, not a secret
# {code: masked contact} of anonymous cases whose link went to a contact that is not kept.
SESSION_LINK_SENT = "complaint_link_sent"


def _form(request, data=None, files=None):
    form = ComplaintForm(
        data,
        files,
        categories=case_selectors.categories(KIND),
        kelurahan=kelurahan_choices(),
        user=request.user,
    )
    return attach.bind(form, request)


def landing(request):
    return render(request, "complaints/landing.html")


@require_http_methods(["GET", "POST"])
def new(request):
    if request.method != "POST":
        return render(request, "complaints/new.html", {"form": _form(request)})
    form = _form(request, request.POST, request.FILES)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        # Files sent with this request; resumable uploads were counted when they started.
        refusal = ratelimit.check(request, "complaint", files=request.FILES.getlist("files"))
        if refusal is not None:
            form.add_error(None, refusal.message)
            status = 429
    if form.is_valid():
        data = form.cleaned_data
        try:
            case, secret = services.file_complaint(
                channel=Case.Channel.WEB,
                subtype=data["subtype"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                user=request.user,
                identity=data["identity"],
                reporter_name=data.get("reporter_name", ""),
                reporter_email=data.get("reporter_email", ""),
                reporter_phone=data.get("reporter_phone", ""),
                kelurahan=data["kelurahan"],
                rt=data["rt"],
                street=data["street"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                files=data["files"],
                idempotency_key=data["idempotency_key"],
            )
        except CaseError as exc:
            form.add_error(None, exc.message)
        else:
            attach.discard_used(data["files"], user=request.user)
            if secret:
                request.session[SESSION_SECRET_KEY] = {case.tracking_code: secret}
                if data["identity"] == Identity.ANONYMOUS:
                    once = services.anonymous_contact(
                        data.get("reporter_email", ""), data.get("reporter_phone", "")
                    )
                    if once is not None:
                        _remember_sent(request, case, once)
            return redirect("complaints:sent", code=case.tracking_code)
    if attach.keep_form_files(form, request):
        messages.info(
            request, _("Berkas yang sudah terkirim tetap tersimpan; tidak perlu memilihnya lagi.")
        )
    return render(request, "complaints/new.html", {"form": form}, status=status)


def _remember_sent(request, case, contact) -> None:
    request.session[SESSION_LINK_SENT] = {case.tracking_code: contact.masked}


def _session_secret(request, case) -> str | None:
    """The private link's secret, in the browser that filed the case only."""
    return (request.session.get(SESSION_SECRET_KEY) or {}).get(case.tracking_code)


def _sent_page(request, case, secret, *, link_form=None, notice="", status=200):
    sent_to = ""
    if case.is_anonymous:
        sent_to = (request.session.get(SESSION_LINK_SENT) or {}).get(case.tracking_code, "")
    elif contact := notify.reporter_contact(case):
        sent_to = contact.masked
    offer = bool(secret) and case.is_anonymous and not sent_to
    context = {
        "case": case,
        # On the configured public address, like the link in the messages.
        "secret_url": notify.track_url(case, secret) if secret else None,
        "sent_to": sent_to if secret else "",
        "link_form": (link_form or PrivateLinkForm()) if offer else None,
        "link_notice": notice,
    }
    return render(request, "complaints/sent.html", context, status=status)


@never_cache
def sent(request, code):
    case = case_selectors.public_case(code)
    return _sent_page(request, case, _session_secret(request, case))


@never_cache
@require_POST
def send_link(request, code):
    """ "Kirim tautan ini ke saya": an anonymous reporter who left no contact has the code and
    the private link sent once to an address typed here (not kept with the case)."""
    case = case_selectors.public_case(code)
    secret = _session_secret(request, case)
    if not secret or not case.is_anonymous:
        raise Http404
    form = PrivateLinkForm(request.POST)
    status = 400
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        refusal = ratelimit.check(request, "send_link", key=contact.address)
        if refusal is not None:
            form.add_error(None, refusal.message)
            status = 429
        else:
            try:
                case_services.send_private_link(case, contact)
            except CaseError as exc:
                return _sent_page(request, case, secret, notice=exc.message, status=409)
            else:
                _remember_sent(request, case, contact)
                messages.success(request, _("Tautan dikirim ke %(to)s.") % {"to": contact.masked})
                return redirect("complaints:sent", code=case.tracking_code)
    return _sent_page(request, case, secret, link_form=form, status=status)


def statistics(request):
    from satupintu.complaints.selectors import statistics as compute

    return render(request, "complaints/statistics.html", {"stats": compute()})
