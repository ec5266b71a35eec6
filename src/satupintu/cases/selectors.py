"""Reads of cases for the tracking page, the staff inbox, exports and the API."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases import codes, dates
from satupintu.cases.models import Case, CaseAttachment, CaseEvent, Category
from satupintu.cases.workflow import REPORTER, get_kind, kinds
from satupintu.core import workdays
from satupintu.core.prepared import PreparedObjects
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

DUE_SOON_WORKING_DAYS = 2
DEGREE_300M = Decimal("0.0027")


def _code_or_404(code: str) -> str:
    """The normalised code; a code that cannot exist (slashes, NUL, unicode, overlong) is not
    found without asking the database (PostgreSQL refuses NUL in a query)."""
    code = codes.normalize_code(code)
    if not codes.is_code_shaped(code):
        raise Http404
    return code


def public_case(code: str) -> Case:
    # What every tracking page reads (handler, neutral title, place). Not the parent: only
    # merged cases have one, and loading a second case's columns with every page costs more
    # (the SQL alone) than the one query a merged case's page makes for it.
    # get(), not first(): the code is unique, and first()'s ORDER BY cost more to build than the
    # query takes to run.
    try:
        return Case.objects.select_related("org_unit", "category", "region").get(
            tracking_code=_code_or_404(code)
        )
    except Case.DoesNotExist:
        raise Http404 from None


# The tracking page's columns: what it shows, what the kinds' step lists, deadlines and guards
# read, and what decides who is the reporter. Not the citizen's text beyond the title, their
# contacts (encrypted), the internal bookkeeping (attributes, notifications, idempotency) nor
# whole rows of the handler, category and kelurahan: fewer columns to compile, fetch and
# convert (docs/architecture.md, "Rendering cost"). A column left out here and read by the
# page costs one query per read: cases/tests/test_scale.py counts them. The category's name
# is translated (modeltranslation): both its columns, for the fallback.
TRACK_PAGE_FIELDS = (
    "kind",
    "tracking_code",
    "secret_hash",
    "category_id",
    "category__name_ind",
    "category__name_en",
    "status",
    "subtype",
    "title",
    "public_summary",
    "submitter_id",
    "is_anonymous",
    "is_confidential",
    "region_id",
    "region__code",
    "region__level",
    "region__name",
    "rt",
    "street",
    "latitude",
    "longitude",
    "org_unit_id",
    "org_unit__name",
    "parent_id",
    "created_at",
    "updated_at",
    "verify_due_date",
    "due_date",
    "paused_at",
    "resolved_at",
    "closed_at",
    "rating",
)


def _by_code(code: str):
    return Case.objects.filter(tracking_code=code)


# Every tracking page reads one case and its history: their SQL is compiled once per process
# (core/prepared.py), with a sample no code can be where the code goes.
_track_cases = PreparedObjects(Case, TRACK_PAGE_FIELDS, _by_code, samples=("~sample~code~",))


def track_case(code: str) -> Case:
    """The case for rendering its tracking page (public or the reporter's): only the columns
    the page reads (`TRACK_PAGE_FIELDS`), with its handler, category and kelurahan. Actions on
    the case load it whole (`public_case`)."""
    found = _track_cases.objects(_code_or_404(code))
    if not found:
        raise Http404
    return found[0]


def public_case_version(code: str) -> str | None:
    """When the case's public page last changed (every write saves the case), or None."""
    code = codes.normalize_code(code)
    if not codes.is_code_shaped(code):
        return None
    updated_at = (
        Case.objects.filter(tracking_code=codes.normalize_code(code))
        .values_list("updated_at", flat=True)
        .first()
    )
    return updated_at.isoformat() if updated_at else None


def public_timeline(case: Case, *, with_files: bool = True) -> QuerySet[CaseEvent]:
    """Public history; `with_files` only for the reporter, the one who sees the files."""
    events = case.events.filter(is_public=True).order_by("created_at", "pk")
    return events.prefetch_related("attachments") if with_files else events


# What the tracking page and the step list read of an event: never the internal note, the
# actor's account, nor whether it is public (all are).
TRACK_TIMELINE_FIELDS = (
    "case",
    "created_at",
    "actor_role",
    "action",
    "from_status",
    "to_status",
    "note",
    "data",
)


def _public_events(case_id: int):
    return CaseEvent.objects.filter(case_id=case_id, is_public=True).order_by("created_at", "pk")


# The tracking page's history: the same rows as public_timeline().only(TRACK_TIMELINE_FIELDS).
_track_events = PreparedObjects(
    CaseEvent, TRACK_TIMELINE_FIELDS, _public_events, samples=(-7_031_117,)
)


def track_timeline(case: Case, *, is_reporter: bool) -> list[CaseEvent]:
    """The public history for the tracking page, each event ready to show: `heading` (the
    status it moved to in words, or "Balasan"), `shown_note` (a reporter's own notes only to
    the reporter, as on the page before) and `when_text`. Files only for the reporter."""
    kind = get_kind(case.kind)
    events = _track_events.objects(case.pk)
    if is_reporter:
        prefetch_related_objects(events, "attachments")
    reply = _("Balasan")
    of_case = CaseEvent._meta.get_field("case")
    for event in events:
        of_case.set_cached_value(event, case)  # as case.events would: no query for event.case
        changed = event.to_status and event.to_status != event.from_status
        event.heading = kind.status_labels.get(event.to_status, "") if changed else reply
        visible = is_reporter or event.actor_role != REPORTER
        event.shown_note = event.note if visible else ""
        event.when_text = dates.moment_text(event.created_at)
    return events


def full_timeline(case: Case) -> QuerySet[CaseEvent]:
    return (
        case.events.select_related("actor")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )


def labelled_timeline(case: Case) -> list[CaseEvent]:
    """The full history for staff, each event with `label` in words from the kind's registry
    ("Diverifikasi oleh koordinator"), `detail` (to which unit, to whom, into which case) and
    `status_label` when the status changed."""
    kind = get_kind(case.kind)
    events = list(full_timeline(case))
    data = [e.data if isinstance(e.data, dict) else {} for e in events]
    unit_codes = {d[k] for d in data for k in ("org_unit", "previous_unit") if d.get(k)}
    units = dict(OrgUnit.objects.filter(code__in=unit_codes).values_list("code", "name"))
    people_ids = {d["assignee_id"] for d in data if d.get("assignee_id")}
    people = {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=people_ids)}
    for event, values in zip(events, data, strict=True):
        event.label = kind.history_label(event.action, event.actor_role)
        event.detail = _event_detail(values, units, people)
        changed = event.to_status and event.to_status != event.from_status
        event.status_label = kind.status_label(event.to_status) if changed else ""
    return events


def _event_detail(data: dict, units: dict, people: dict) -> str:
    if data.get("org_unit"):
        return "→ " + units.get(data["org_unit"], data["org_unit"])
    if data.get("previous_unit"):
        unit = data["previous_unit"]
        return _("(dari %(unit)s)") % {"unit": units.get(unit, unit)}
    if data.get("assignee_id"):
        return _("kepada %(name)s") % {"name": people.get(data["assignee_id"], "—")}
    if data.get("parent"):
        return "→ " + data["parent"]
    if data.get("rating"):
        return _("nilai %(n)s dari 5") % {"n": data["rating"]}
    return ""


def categories(kind: str) -> QuerySet[Category]:
    return Category.objects.filter(kind=kind, is_active=True).select_related("sla_tier")


@dataclass
class InboxFilter:
    kind: str = ""
    status: str = ""
    category: int | None = None
    region: int | None = None
    due: str = ""  # "soon" | "overdue"
    query: str = ""
    assigned_to_me: bool = False
    unit: str = ""  # an org unit's code (the dashboards' drill-down), inside the user's scope

    @classmethod
    def from_params(cls, params) -> "InboxFilter":
        """From the query string shared by the inbox page, the CSV export and the API."""

        def _int(name):
            value = params.get(name, "")
            return int(value) if value.isdigit() else None

        kind = params.get("jenis", "")
        due = params.get("tenggat", "")
        return cls(
            kind=kind if kind in {k.key for k in kinds()} else "",
            status=_text(params, "status")[:30],
            category=_int("kategori"),
            region=_int("wilayah"),
            due=due if due in ("soon", "overdue") else "",
            query=_text(params, "q")[:100],
            assigned_to_me=params.get("saya") == "1",
            unit=_text(params, "unit")[:40],
        )


def _text(params, name: str) -> str:
    # NUL cannot reach a PostgreSQL query; nobody types it on purpose.
    return params.get(name, "").replace("\x00", "")


def staff_cases(user) -> QuerySet[Case]:
    """Every case the user may see: their units' (and below), or all for coordinators."""
    queryset = Case.objects.all()
    if not permissions.can_coordinate(user):
        # Units see a case once the coordinator has verified (routed) it.
        triage = set().union(*(kind.triage_statuses for kind in kinds()))
        queryset = queryset.exclude(status__in=triage)
    return permissions.scope_unit_owned(user, queryset)


def staff_case_or_404(user, code: str) -> Case:
    case = (
        staff_cases(user)
        .select_related("org_unit", "category", "region", "assignee", "parent", "submitter")
        .filter(tracking_code=_code_or_404(code))
        .first()
    )
    if case is None:
        raise Http404
    return case


def colleagues(case: Case) -> list:
    """Who a case may be assigned to: the active staff of its unit."""
    if case.org_unit_id is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            memberships__org_unit=case.org_unit, memberships__is_active=True, is_active=True
        )
        .distinct()
    )


def due_soon_limit():
    return workdays.add_working_days(timezone.localdate(), DUE_SOON_WORKING_DAYS)


def inbox(user, filters: InboxFilter) -> QuerySet[Case]:
    queryset = staff_cases(user).select_related("org_unit", "category", "region", "assignee")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        closed = set()
        for kind in [get_kind(filters.kind)] if filters.kind else []:
            closed |= kind.closed_statuses
        if closed:
            queryset = queryset.exclude(status__in=closed)
        else:
            queryset = queryset.filter(closed_at__isnull=True)
    if filters.category:
        queryset = queryset.filter(category_id=filters.category)
    if filters.region:
        queryset = queryset.filter(
            Q(region_id=filters.region) | Q(region__parent_id=filters.region)
        )
    today = timezone.localdate()
    if filters.due == "overdue":
        queryset = queryset.filter(due_date__lt=today, paused_at__isnull=True)
    elif filters.due == "soon":
        queryset = queryset.filter(
            due_date__gte=today, due_date__lte=due_soon_limit(), paused_at__isnull=True
        )
    if filters.assigned_to_me:
        queryset = queryset.filter(assignee=user)
    if filters.unit:
        queryset = queryset.filter(org_unit__code=filters.unit)
    if filters.query:
        text = filters.query.strip()
        code = codes.normalize_code(text)
        if "-" in code and len(code) <= 12:
            queryset = queryset.filter(tracking_code=code)
        else:
            for word in text.split()[:5]:
                queryset = queryset.filter(
                    Q(title__icontains=word) | Q(description__icontains=word)
                )
    return queryset.order_by("due_date", "-created_at")


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One line of the inbox page: what it shows of a case, names resolved."""

    tracking_code: str
    title: str
    status_label: str
    category: str
    region: str
    unit: str
    assignee: str
    due_date: date | None
    paused_at: datetime | None
    closed_at: datetime | None


# The inbox page reads these columns as values, not as Case instances: a Case decrypts its
# secret token and builds itself and four related objects per row, which made the rows most
# of the page's time and a full page of 50 markedly slower than a short one.
INBOX_ROW_FIELDS = (
    "tracking_code",
    "title",
    "status",
    "category_id",
    "region__name",
    "org_unit_id",
    "assignee_id",
    "due_date",
    "paused_at",
    "closed_at",
)


def inbox_rows(page: QuerySet[Case], status_labels: dict[str, str]) -> list[InboxRow]:
    """A page (a slice) of `inbox()` as rows. The slice is taken first, so the page's count
    stays a count of the cases alone: with the joins of these values it would read every
    open case's row instead of an index. The handler's label (`OrgUnit.__str__`), category
    names (translated) and assignees (their masked label) come from their models, one query
    each over the ids on the page."""
    values = list(page.values(*INBOX_ROW_FIELDS))
    # Lazy labels would be translated again each time a row's label is escaped.
    labels = {status: str(label) for status, label in status_labels.items()}
    unit_ids = {v["org_unit_id"] for v in values if v["org_unit_id"]}
    units = OrgUnit.objects.in_bulk(unit_ids) if unit_ids else {}
    category_ids = {v["category_id"] for v in values if v["category_id"]}
    categories = Category.objects.in_bulk(category_ids) if category_ids else {}
    assignee_ids = {v["assignee_id"] for v in values if v["assignee_id"]}
    assignees = get_user_model().objects.in_bulk(assignee_ids) if assignee_ids else {}
    return [
        InboxRow(
            tracking_code=v["tracking_code"],
            title=v["title"],
            status_label=labels.get(v["status"], ""),
            category=categories[v["category_id"]].name if v["category_id"] in categories else "",
            region=v["region__name"] or "",
            unit=str(units[v["org_unit_id"]]) if v["org_unit_id"] in units else "",
            assignee=str(assignees[v["assignee_id"]]) if v["assignee_id"] in assignees else "",
            due_date=v["due_date"],
            paused_at=v["paused_at"],
            closed_at=v["closed_at"],
        )
        for v in values
    ]


def attachment_for(case: Case, attachment_id: int, *, public_only: bool) -> CaseAttachment:
    queryset = case.attachments.all()
    if public_only:
        queryset = queryset.filter(is_public=True)
    attachment = queryset.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def _words(text: str) -> set[str]:
    return {
        w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if len(w) > 3
    }


def possible_duplicates(case: Case, limit: int = 5) -> list[tuple[Case, float]]:
    """Open cases of the same category nearby with similar words, most similar first."""
    if case.category_id is None:
        return []
    kind = get_kind(case.kind)
    candidates = (
        Case.objects.filter(kind=case.kind, category_id=case.category_id)
        .exclude(pk=case.pk)
        .exclude(status__in=kind.closed_statuses)
    )
    near = Q()
    if case.region_id:
        near |= Q(region_id=case.region_id)
    if case.latitude is not None and case.longitude is not None:
        # About 300 m either way; good enough to suggest, a person decides.
        near |= Q(
            latitude__range=(case.latitude - DEGREE_300M, case.latitude + DEGREE_300M),
            longitude__range=(case.longitude - DEGREE_300M, case.longitude + DEGREE_300M),
        )
    if not near:
        return []
    words = _words(f"{case.title} {case.description}")
    scored = []
    for other in candidates.filter(near).order_by("-created_at")[:200]:
        other_words = _words(f"{other.title} {other.description}")
        union = words | other_words
        score = len(words & other_words) / len(union) if union else 0.0
        if score >= 0.2:
            scored.append((other, round(score, 2)))
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return scored[:limit]


# --- Raw rows for the dashboards' daily rollup ----------------------------------------------


def _day_bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def rollup_rows(day) -> dict[str, list[dict]]:
    """What happened to cases on `day` (local time), one dict per case, for the dashboards'
    rollup: received, closed (with whether it met its deadline and its working time in
    days), first responses (minutes from filing), and the cases still open at the end of
    the day (age in days, overdue)."""
    start, end = _day_bounds(day)
    fields = ("pk", "kind", "org_unit_id", "region_id", "attributes", "created_at")

    def rows(queryset, *extra):
        return list(queryset.values(*fields, *extra))

    received = rows(Case.objects.filter(created_at__gte=start, created_at__lt=end))
    closed = rows(
        Case.objects.filter(closed_at__gte=start, closed_at__lt=end), "closed_at", "due_date"
    )
    first = rows(
        Case.objects.filter(first_response_at__gte=start, first_response_at__lt=end),
        "first_response_at",
    )
    # Open at the end of the day: never closed, or closed later. Two queries rather than
    # one OR, so each reads an index (the open cases', the closing times') instead of
    # every case filed before the day; the two sets are disjoint.
    filed = Case.objects.filter(created_at__lt=end)
    open_cases = rows(filed.filter(closed_at__isnull=True), "due_date", "paused_at") + rows(
        filed.filter(closed_at__gte=end), "due_date", "paused_at"
    )
    return {"received": received, "closed": closed, "first": first, "open": open_cases}
