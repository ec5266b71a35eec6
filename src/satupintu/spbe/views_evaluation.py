"""/kantor/spbe/evaluasi/: the SPBE team opens a year, assigns indicators to OPDs, reviews
their answers and issues the signed report; each OPD answers its own indicators (another
OPD's are not found: 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.documents.services import DocumentError, open_signed_pdf
from satupintu.org.models import OrgUnit
from satupintu.spbe import forms
from satupintu.spbe import selectors_evaluation as selectors
from satupintu.spbe.evidence import LIVE_FIGURES
from satupintu.spbe.services import evaluation as services
from satupintu.spbe.services import report as report_services
from satupintu.spbe.services.evaluation import EDITABLE


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@staff_required
def evaluations(request, open_form=None):
    team = selectors.is_team(request.user)
    years = list(selectors.evaluations())
    latest = selectors.latest_framework()
    if open_form is None and team:
        open_form = forms.OpenForm(
            frameworks=selectors.frameworks(),
            initial={"year": timezone.localdate().year, "framework": latest},
        )
    return render(
        request,
        "spbe/evaluations.html",
        {
            "team": team,
            "years": years,
            "open_form": open_form,
            "comparison": selectors.compare(years[:5]) if years else None,
            "frameworks": selectors.frameworks(),
        },
        status=400 if open_form is not None and open_form.errors else 200,
    )


@staff_required
@require_POST
def open_year(request):
    selectors.team_or_404(request.user)
    form = forms.OpenForm(request.POST, frameworks=selectors.frameworks())
    if form.is_valid():
        try:
            evaluation = services.open_evaluation(
                year=form.cleaned_data["year"],
                framework=form.cleaned_data["framework"],
                actor=request.user,
            )
        except services.EvaluationError as exc:
            form.add_error("year", str(exc))
        else:
            messages.success(request, _("Evaluasi SPBE dibuka."))
            return redirect("spbe:evaluation", evaluation.year)
    return evaluations(request, open_form=form)


def _assign_form(evaluation, data=None):
    return forms.AssignForm(
        data,
        units=OrgUnit.objects.filter(is_active=True).order_by("name"),
        indicators=selectors.indicators(evaluation.framework).order_by("number"),
    )


@staff_required
def evaluation(request, year, assign_form=None):
    found = selectors.evaluation_or_404(year)
    team = selectors.is_team(request.user)
    if assign_form is None and team:
        assign_form = _assign_form(found)
    return render(
        request,
        "spbe/evaluation.html",
        {
            "evaluation": found,
            "framework": found.framework,
            "team": team,
            "result": selectors.year_index(found),
            "assignments": selectors.visible_assignments(request.user, found),
            "assign_form": assign_form,
            "reports": selectors.reports(found) if team else [],
        },
        status=400 if assign_form is not None and assign_form.errors else 200,
    )


@staff_required
@require_POST
def assign(request, year):
    selectors.team_or_404(request.user)
    found = selectors.evaluation_or_404(year)
    form = _assign_form(found, request.POST)
    if form.is_valid():
        try:
            services.assign(
                evaluation=found,
                indicators=list(form.cleaned_data["indicators"]),
                org_unit=form.cleaned_data["org_unit"],
                actor=request.user,
            )
        except services.EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Indikator ditugaskan."))
            return redirect("spbe:evaluation", year)
    return evaluation(request, year, assign_form=form)


@staff_required
def assignment(request, year, pk, answer_form=None, evidence_form=None, review_form=None):
    found = selectors.evaluation_or_404(year)
    item = selectors.assignment_or_404(request.user, found, pk)
    may_answer = selectors.may_answer(request.user, item) and item.status in EDITABLE
    team = selectors.is_team(request.user)
    if may_answer:
        answer_form = answer_form or forms.AnswerForm(
            initial={"level": item.level, "justification": item.justification}
        )
        evidence_form = evidence_form or forms.EvidenceForm()
    may_review = team and item.status in (services.S.SUBMITTED, services.S.ACCEPTED)
    if may_review:
        review_form = review_form or forms.ReviewForm()
    criteria = item.indicator.criteria or found.framework.levels
    invalid = any(f is not None and f.errors for f in (answer_form, evidence_form, review_form))
    return render(
        request,
        "spbe/assignment.html",
        {
            "evaluation": found,
            "item": item,
            "criteria": sorted(criteria.items()),
            "answer_form": answer_form if may_answer else None,
            "evidence_form": evidence_form if may_answer else None,
            "review_form": review_form if may_review else None,
            "can_accept": item.status == services.S.SUBMITTED,
            "evidence": [
                (e, LIVE_FIGURES.get(e.figure)) for e in item.evidence.select_related("added_by")
            ],
            "changes": item.changes.select_related("actor"),
        },
        status=400 if invalid else 200,
    )


def _editable_or_404(request, year, pk):
    found = selectors.evaluation_or_404(year)
    item = selectors.assignment_or_404(request.user, found, pk)
    if not selectors.may_answer(request.user, item):
        raise Http404
    return item


@staff_required
@require_POST
def answer(request, year, pk):
    item = _editable_or_404(request, year, pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(
                assignment=item,
                level=form.cleaned_data["level"],
                justification=form.cleaned_data["justification"],
                submit="ajukan" in request.POST,
                actor=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except services.EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Jawaban disimpan."))
            return redirect("spbe:assignment", year, pk)
    return assignment(request, year, pk, answer_form=form)


@staff_required
@require_POST
def add_evidence(request, year, pk):
    item = _editable_or_404(request, year, pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                assignment=item,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["berkas"],
                url=form.cleaned_data["url"],
                figure=form.cleaned_data["figure"],
                actor=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except services.EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Bukti ditambahkan."))
            return redirect("spbe:assignment", year, pk)
    return assignment(request, year, pk, evidence_form=form)


@staff_required
def evidence_file(request, year, pk, evidence):
    found = selectors.evaluation_or_404(year)
    item = selectors.assignment_or_404(request.user, found, pk)
    stored = selectors.evidence_or_404(item, evidence)
    response = FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        as_attachment=True,
        filename=f"bukti-{found.year}-{item.indicator.number}-{stored.pk}{_extension(stored)}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _extension(stored) -> str:
    name = stored.file.name
    return name[name.rfind(".") :] if "." in name else ""


@staff_required
@require_POST
def review(request, year, pk):
    selectors.team_or_404(request.user)
    found = selectors.evaluation_or_404(year)
    item = selectors.assignment_or_404(request.user, found, pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review(
                assignment=item,
                accept="terima" in request.POST,
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except services.EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tinjauan disimpan."))
            return redirect("spbe:assignment", year, pk)
    return assignment(request, year, pk, review_form=form)


@staff_required
@require_POST
def issue_report(request, year):
    selectors.team_or_404(request.user)
    found = selectors.evaluation_or_404(year)
    try:
        report_services.issue_report(evaluation=found, actor=request.user)
    except (services.EvaluationError, DocumentError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Laporan SPBE ditandatangani dan diterbitkan."))
    return redirect("spbe:evaluation", year)


@staff_required
def report_pdf(request, year, pk):
    selectors.team_or_404(request.user)
    found = selectors.evaluation_or_404(year)
    report = selectors.report_or_404(found, pk)
    return FileResponse(
        open_signed_pdf(report.document),
        content_type="application/pdf",
        filename=f"spbe-{found.year}-{report.pk}.pdf",
    )
