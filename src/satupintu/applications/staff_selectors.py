"""Reads for the staff side of applications: work queues per service and step, one
application, its documents. Visibility is the case engine's: staff see the applications of
their units (and below), a city-wide koordinator sees all; anything else is not found."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from satupintu.applications.models import Application, ApplicationDocument
from satupintu.applications.workflow import KIND, Status
from satupintu.cases import codes
from satupintu.cases.workflow import get_kind
from satupintu.core import workdays
from satupintu.org import permissions

# "Due soon": at most this many working days left on the current step.
DUE_SOON_WORKING_DAYS = 1
OPEN_STATUSES = (Status.SUBMITTED, Status.IN_PROGRESS, Status.CORRECTION, Status.APPROVED)


def due_soon_limit():
    return workdays.add_working_days(timezone.localdate(), DUE_SOON_WORKING_DAYS)


def staff_applications(user) -> QuerySet[Application]:
    queryset = Application.objects.filter(case__kind=KIND)
    return permissions.scope_unit_owned(user, queryset, "case__org_unit")


def staff_application_or_404(user, code: str) -> Application:
    application = (
        staff_applications(user)
        .select_related(
            "case",
            "case__org_unit",
            "case__submitter",
            "service",
            "service__org_unit",
            "form_version",
            "current_step",
            "result_document",
        )
        .filter(case__tracking_code=codes.normalize_code(code))
        .first()
    )
    if application is None:
        raise Http404
    return application


def document_for(application: Application, document_id: int) -> ApplicationDocument:
    document = application.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


def documents_of(application: Application) -> list[ApplicationDocument]:
    return list(application.documents.select_related("requirement").order_by("uploaded_at"))


@dataclass
class QueueFilter:
    service: int | None = None
    step: int | None = None
    status: str = ""
    due: str = ""  # "soon" | "overdue"
    query: str = ""

    @classmethod
    def from_params(cls, params) -> "QueueFilter":
        def _int(name):
            value = str(params.get(name, "") or "")
            return int(value) if value.isdigit() else None

        status = params.get("status", "") or ""
        due = params.get("tenggat", "") or ""
        return cls(
            service=_int("layanan"),
            step=_int("langkah"),
            status=status if status in Status.values else "",
            due=due if due in ("soon", "overdue") else "",
            query=(params.get("q", "") or "")[:40].strip(),
        )


def _running():
    """Open and not waiting for the applicant: the step clock is ticking."""
    return Q(case__closed_at__isnull=True, case__paused_at__isnull=True)


def queue(user, filters: QueueFilter) -> QuerySet[Application]:
    queryset = staff_applications(user).select_related(
        "case", "case__org_unit", "service", "current_step", "result_document"
    )
    if filters.status:
        queryset = queryset.filter(case__status=filters.status)
    else:
        queryset = queryset.filter(case__closed_at__isnull=True)
    if filters.service:
        queryset = queryset.filter(service_id=filters.service)
    if filters.step:
        queryset = queryset.filter(current_step_id=filters.step)
    today = timezone.localdate()
    if filters.due == "overdue":
        queryset = queryset.filter(_running(), step_due_date__lt=today)
    elif filters.due == "soon":
        queryset = queryset.filter(
            _running(), step_due_date__gte=today, step_due_date__lte=due_soon_limit()
        )
    if filters.query:
        queryset = queryset.filter(case__tracking_code=codes.normalize_code(filters.query))
    return queryset.order_by("step_due_date", "case__created_at", "pk")


def annotate_deadlines(applications) -> list[Application]:
    """Set `is_overdue`, `is_due_soon` and `status_label` on each application (a list)."""
    today = timezone.localdate()
    soon = due_soon_limit()
    kind = get_kind(KIND)
    items = list(applications)
    for application in items:
        case = application.case
        running = case.closed_at is None and case.paused_at is None
        due = application.step_due_date
        application.is_overdue = bool(running and due and due < today)
        application.is_due_soon = bool(running and due and today <= due <= soon)
        application.status_label = kind.status_label(case.status)
    return items


@dataclass
class StepCount:
    step_id: int | None
    step_name: str
    order: int
    total: int
    due_soon: int
    overdue: int


@dataclass
class ServiceQueue:
    service_id: int
    service_name: str
    unit: str
    total: int
    overdue: int
    steps: list[StepCount]


def queue_summary(user) -> list[ServiceQueue]:
    """Open applications per service and step, with how many are due soon or overdue."""
    today = timezone.localdate()
    soon = due_soon_limit()
    rows = (
        staff_applications(user)
        .filter(case__closed_at__isnull=True)
        .values(
            "service_id",
            "service__name",
            "service__org_unit__name",
            "current_step_id",
            "current_step__name",
            "current_step__order",
        )
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=_running() & Q(step_due_date__lt=today)),
            due_soon=Count(
                "pk", filter=_running() & Q(step_due_date__gte=today, step_due_date__lte=soon)
            ),
        )
        .order_by("service__name", "current_step__order")
    )
    services: dict[int, ServiceQueue] = {}
    for row in rows:
        entry = services.setdefault(
            row["service_id"],
            ServiceQueue(
                row["service_id"], row["service__name"], row["service__org_unit__name"], 0, 0, []
            ),
        )
        entry.total += row["total"]
        entry.overdue += row["overdue"]
        entry.steps.append(
            StepCount(
                row["current_step_id"],
                row["current_step__name"] or "—",
                row["current_step__order"] or 0,
                row["total"],
                row["due_soon"],
                row["overdue"],
            )
        )
    return list(services.values())


def services_for_filter(user):
    """Services whose applications the user may see (for the queue's filter)."""
    from satupintu.catalog.models import Service

    queryset = Service.objects.select_related("org_unit").order_by("name")
    return permissions.scope_unit_owned(user, queryset, "org_unit")


def steps_for_filter(service_id: int | None):
    from satupintu.catalog.models import WorkflowStep

    if not service_id:
        return []
    return list(WorkflowStep.objects.filter(service_id=service_id).order_by("order"))
