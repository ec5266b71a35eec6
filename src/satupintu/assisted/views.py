"""The counter's pages under /kantor/loket/: look the citizen up, start, fill, submit.

Only counter officers (role "loket") open them, and each sees the filings of their own
counters; anything else is 404. Every page works without JavaScript; POSTs redirect.
"""

import functools
from datetime import datetime, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from satupintu.applications import answers as answer_store
from satupintu.applications import services as application_services
from satupintu.applications.forms import FormSpec, step_form
from satupintu.assisted import selectors, services
from satupintu.assisted.forms import CounterDeclarationForm, LookupForm, StartForm
from satupintu.backoffice.views import staff_required
from satupintu.cases.notify import track_url
from satupintu.cases.workflow import get_kind
from satupintu.core import crypto, ratelimit
from satupintu.core.masking import mask_nik
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

SESSION_LOOKUP = "assisted_lookup"
LOOKUP_VALID_FOR = timedelta(minutes=30)
ACCEPT = {
    "application/pdf": ".pdf,application/pdf",
    "image/jpeg": ".jpg,.jpeg,image/jpeg",
    "image/png": ".png,image/png",
}


def counter_required(view):
    @staff_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.is_counter_officer(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _units(user):
    if permissions.is_superuser(user):
        return OrgUnit.objects.filter(is_active=True).order_by("name")
    ids = [u.pk for u in permissions.counter_units(user)]
    return OrgUnit.objects.filter(pk__in=ids).order_by("name")


@never_cache
@counter_required
def filing_list(request):
    page = Paginator(selectors.filings_for(request.user), 50).get_page(request.GET.get("halaman"))
    kind = get_kind("application")
    rows = [
        {
            "filing": f,
            "status": kind.status_label(f.application.case.status) if f.application else "",
        }
        for f in page.object_list
    ]
    return render(request, "assisted/list.html", {"page": page, "rows": rows})


# --- Who: the NIK, checked against the identity card ---------------------------------------


@never_cache
@counter_required
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        refusal = ratelimit.hit(request, "assisted_lookup")
        if refusal is not None:
            form.is_valid()
            form.add_error(None, refusal.message)
            status = 429
        elif form.is_valid():
            nik = form.cleaned_data["nik"]
            citizen = services.lookup_citizen(officer=request.user, nik=nik)
            request.session[SESSION_LOOKUP] = {
                "nik": crypto.encrypt(nik),
                "citizen": citizen.pk if citizen else None,
                "at": timezone.now().isoformat(),
            }
            return redirect("assisted:start")
    return render(request, "assisted/lookup.html", {"form": form}, status=status)


def _looked_up(request):
    """(nik, citizen or None) from the lookup kept in the session, or None when stale."""
    stored = request.session.get(SESSION_LOOKUP)
    if not stored:
        return None
    try:
        when = datetime.fromisoformat(stored["at"])
        nik = crypto.decrypt(stored["nik"])
    except (KeyError, TypeError, ValueError):
        return None
    if timezone.now() - when > LOOKUP_VALID_FOR:
        return None
    citizen = selectors.citizen_with_profile(stored.get("citizen"))
    if stored.get("citizen") and citizen is None:
        return None
    return nik, citizen


@never_cache
@counter_required
@require_http_methods(["GET", "POST"])
def start(request):
    found = _looked_up(request)
    if found is None:
        messages.info(request, _("Masukkan NIK warga dulu."))
        return redirect("assisted:lookup")
    nik, citizen = found
    form = StartForm(
        request.POST if request.method == "POST" else None,
        services=selectors.services_for_counter(),
        units=_units(request.user),
        citizen=citizen,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                filing = services.start_filing(
                    officer=request.user,
                    counter_unit=data["counter_unit"],
                    nik=nik,
                    citizen=citizen,
                    service=data["service"],
                    full_name=data.get("full_name", ""),
                    email=data.get("email", ""),
                    phone=data.get("phone", ""),
                )
            except services.FilingError as exc:
                if exc.status == 404:
                    raise Http404 from exc
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                request.session.pop(SESSION_LOOKUP, None)
                return redirect("assisted:step", pk=filing.pk, n=1)
    return render(
        request,
        "assisted/start.html",
        {"form": form, "citizen": citizen, "masked_nik": mask_nik(nik)},
        status=status,
    )


# --- The application form, filled with the citizen ----------------------------------------


class Pages:
    """The draft's pages, 1-based: the form's steps, then documents, then review."""

    def __init__(self, draft):
        self.spec = FormSpec(draft.form_version)
        self.form_count = len(self.spec.steps)
        self.documents = self.form_count + 1
        self.review = self.form_count + 2
        self.count = self.review
        self.titles = [s.title for s in self.spec.steps] + [_("Dokumen"), _("Periksa dan kirim")]

    def resume_at(self, draft) -> int:
        return min(draft.current_step + 1, self.count)


def _step_url(filing, n: int) -> str:
    return reverse("assisted:step", args=[filing.pk, n])


@never_cache
@counter_required
@require_http_methods(["GET", "POST"])
def step(request, pk, n):
    filing = selectors.filing_or_404(request.user, pk)
    if filing.application_id:
        return redirect("assisted:detail", pk=filing.pk)
    draft = filing.draft
    if draft is None or draft.submitted_case_id:
        # Deleted, or sent by the citizen themselves from their account: nothing to fill.
        return redirect("assisted:detail", pk=filing.pk)
    pages = Pages(draft)
    if not 1 <= n <= pages.count:
        raise Http404
    if n > pages.resume_at(draft):
        return redirect(_step_url(filing, pages.resume_at(draft)))
    if request.method == "POST" and request.POST.get("back"):
        return redirect(_step_url(filing, max(1, n - 1)))
    context = {
        "filing": filing,
        "draft": draft,
        "service": draft.service,
        "n": n,
        "pages": pages,
        "title": pages.titles[n - 1],
    }
    if n <= pages.form_count:
        return _form_step(request, filing, draft, context)
    if n == pages.documents:
        return _documents_step(request, filing, draft, context)
    return _review_step(request, filing, draft, context)


def _form_step(request, filing, draft, context):
    index = context["n"] - 1
    status = 200
    if request.method == "POST":
        form = application_services.save_step(draft, index, request.POST, actor=request.user)
        if form.is_valid():
            return redirect(_step_url(filing, context["n"] + 1))
        status = 400
    else:
        form = step_form(draft.form_version, index, initial=answer_store.reveal(draft.data))
    return render(request, "assisted/step_form.html", {**context, "form": form}, status=status)


def _accept(requirement) -> str:
    kinds = application_services.citizen.ACCEPTED_TYPES.get(requirement.file_kind, set())
    return ",".join(ACCEPT[k] for k in sorted(kinds) if k in ACCEPT)


def _documents_step(request, filing, draft, context):
    requirements = list(application_services.citizen.document_requirements(draft.service))
    errors: dict = {}
    status = 200
    if request.method == "POST":
        files = {
            r.code: request.FILES[f"doc-{r.code}"]
            for r in requirements
            if request.FILES.get(f"doc-{r.code}")
        }
        refusal = ratelimit.check(request, "upload", files=files.values()) if files else None
        if refusal is not None:
            messages.error(request, refusal.message)
            status = 429
        else:
            errors = application_services.upload_documents(draft, files, actor=request.user)
            missing = application_services.missing_documents(draft)
            if errors:
                messages.error(request, _("Sebagian berkas ditolak; yang lain sudah tersimpan."))
                status = 400
            elif request.POST.get("stay") or missing:
                if files:
                    messages.success(request, _("Berkas tersimpan."))
                if missing and not request.POST.get("stay"):
                    messages.error(
                        request,
                        _("Dokumen wajib belum lengkap: %(names)s.")
                        % {"names": ", ".join(r.name for r in missing)},
                    )
                return redirect(_step_url(filing, context["n"]))
            else:
                application_services.reach_step(draft, context["n"])
                return redirect(_step_url(filing, context["n"] + 1))
    uploaded = {d.requirement_id: d for d in draft.documents.all()}
    rows = [
        {
            "requirement": r,
            "document": uploaded.get(r.pk),
            "error": errors.get(r.code, ""),
            "accept": _accept(r),
        }
        for r in requirements
    ]
    return render(request, "assisted/step_documents.html", {**context, "rows": rows}, status=status)


def _review_step(request, filing, draft, context):
    form = CounterDeclarationForm(request.POST if request.method == "POST" else None)
    problem = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                application, submitted_now = services.submit_filing(filing, officer=request.user)
            except application_services.SubmitProblem as exc:
                problem = exc
            except services.FilingError as exc:
                if exc.status == 404:
                    raise Http404 from exc
                messages.error(request, exc.message)
                return redirect("assisted:list")
            else:
                if submitted_now:
                    messages.success(request, _("Permohonan terkirim atas nama warga."))
                return redirect("assisted:detail", pk=filing.pk)
    pages = context["pages"]
    return render(
        request,
        "assisted/step_review.html",
        {
            **context,
            "form": form,
            "rows": answer_store.rows(draft.form_version, draft.data, masked=True),
            "documents": list(draft.documents.select_related("requirement")),
            "missing": application_services.missing_documents(draft),
            "problem": problem,
            "problem_messages": list(problem.field_errors.values()) if problem else [],
            "fix_step": (problem.step + 1) if problem and problem.step is not None else None,
            "documents_step": pages.documents,
        },
        status=status,
    )


# --- After: the slip to hand over ----------------------------------------------------------


@never_cache
@counter_required
def detail(request, pk):
    filing = selectors.filing_or_404(request.user, pk)
    context = {"filing": filing}
    if filing.application_id:
        case = filing.application.case
        context.update(
            case=case,
            status=get_kind(case.kind).status_label(case.status),
            spelled=" ".join(case.tracking_code.replace("-", "")),
            track_url=track_url(case),
        )
    elif filing.draft_id and filing.draft.submitted_case_id:
        context["sent_by_citizen"] = True
    elif filing.draft_id:
        context["resume_url"] = _step_url(filing, Pages(filing.draft).resume_at(filing.draft))
    return render(request, "assisted/detail.html", context)
