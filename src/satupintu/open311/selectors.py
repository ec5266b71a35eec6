"""What the Open311 endpoint publishes: services and service requests, never personal data.

Every request is built field by field from an allow-list (`request_item`): the reporter's
name, e-mail, phone, account and device are never read here, nor the title they typed (the
public summary stands in for it). Anonymous and confidential complaints differ only in a
coarser place (kelurahan, coordinates to about 100 m).
"""

from datetime import datetime, time

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases import codes, public
from satupintu.cases import selectors as case_selectors
from satupintu.cases.models import Case, CaseEvent, Category
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.complaints.workflow import COMPLAINT, KIND, Subtype
from satupintu.open311.forms import RequestFilter

MAX_RESULTS = 1000


# --- Status mapping -------------------------------------------------------------------------

# "closed" = the city has given its final answer (resolved: dijawab, selesai) or the case has
# ended without one (closed: digabung, diarsipkan). Everything else is "open".
CLOSED_STATUSES = COMPLAINT.resolved_statuses | COMPLAINT.closed_statuses
OPEN_STATUSES = frozenset(COMPLAINT.status_labels) - CLOSED_STATUSES
# Left out of lists (still found by id): waiting for verification (not yet screened by the
# coordinator) and statuses that end a case without an answer (merged duplicates, archived).
UNLISTED_STATUSES = COMPLAINT.triage_statuses | (
    COMPLAINT.closed_statuses - COMPLAINT.resolved_statuses
)


def open311_status(status: str) -> str:
    return "closed" if status in CLOSED_STATUSES else "open"


# --- Services -------------------------------------------------------------------------------


def services() -> QuerySet[Category]:
    return case_selectors.categories(KIND).select_related("default_org_unit")


def service(code: str) -> Category | None:
    return services().filter(code=code).first()


def service_item(category: Category) -> dict:
    group = category.default_org_unit.name if category.default_org_unit else COMPLAINT.label
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,  # every service has the "subtype" attribute
        "type": "realtime",
        "keywords": ", ".join(part for part in category.code.split("-") if part),
        "group": str(group),
    }


def service_attributes() -> list[dict]:
    return [
        {
            "variable": True,
            "code": "subtype",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("Jenis laporan; bila kosong: pengaduan."),
            "order": 1,
            "description": _("Jenis laporan"),
            "values": [{"key": key, "name": str(label)} for key, label in Subtype.choices],
        }
    ]


def service_definition(category: Category) -> dict:
    return {"service_code": category.code, "attributes": service_attributes()}


def service_notice(category: Category | None) -> str | None:
    if category is None:
        return None
    return _("Target penyelesaian %(days)d hari kerja sejak laporan diterima.") % {
        "days": category.sla_tier.working_days
    }


# --- Service requests -----------------------------------------------------------------------


def _public_events():
    return CaseEvent.objects.filter(case=OuterRef("pk"), is_public=True).order_by(
        "-created_at", "-pk"
    )


def _requests_base() -> QuerySet[Case]:
    # Public notes by staff only: the tracking page does not show a reporter's own notes to
    # others either.
    notes = _public_events().exclude(note="").exclude(actor_role=REPORTER).values("note")[:1]
    return (
        Case.objects.filter(kind=KIND)
        .select_related("category__sla_tier", "org_unit", "region", "parent")
        .annotate(
            public_note=Subquery(notes),
            public_updated_at=Subquery(_public_events().values("created_at")[:1]),
        )
    )


def find_requests(filters: RequestFilter) -> list[Case]:
    queryset = _requests_base()
    if filters.ids:
        # Looked up by id: any complaint, as on the public tracking page.
        ids = [code for code in filters.ids if codes.is_code_shaped(code)]
        return list(queryset.filter(tracking_code__in=ids).order_by("-created_at"))
    queryset = queryset.exclude(status__in=UNLISTED_STATUSES).filter(
        created_at__gte=filters.start, created_at__lte=filters.end
    )
    if filters.service_codes:
        queryset = queryset.filter(category__code__in=filters.service_codes)
    if filters.statuses == {"open"}:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif filters.statuses == {"closed"}:
        queryset = queryset.filter(status__in=CLOSED_STATUSES)
    return list(queryset.order_by("-created_at", "-pk")[:MAX_RESULTS])


def find_request(code: str) -> Case | None:
    if not codes.is_code_shaped(code):  # odd input (NUL, slashes, unicode): not found
        return None
    return _requests_base().filter(tracking_code=code).first()


def _w3c(value) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _end_of_day(day) -> str | None:
    if day is None:
        return None
    return _w3c(datetime.combine(day, time(23, 59, 59), tzinfo=timezone.get_current_timezone()))


def _status_notes(case: Case) -> str | None:
    note = getattr(case, "public_note", None)
    if note:
        return note
    if case.parent_id:
        return _("Digabung dengan laporan %(code)s.") % {"code": case.parent.tracking_code}
    return None


def request_item(case: Case) -> dict:
    """One service request, built from an allow-list of public fields."""
    kind = get_kind(case.kind)
    verified = case.status not in kind.triage_statuses
    category = case.category
    updated = getattr(case, "public_updated_at", None) or case.created_at
    place = public.public_location(case)
    return {
        "service_request_id": case.tracking_code,
        "status": open311_status(case.status),
        "status_notes": _status_notes(case),
        "service_name": category.name if category else None,
        "service_code": category.code if category else None,
        # The public summary, as on the public tracking page (cases/public.py): what the
        # citizen typed may name people or carry a phone number and is shown to staff only.
        "description": public.public_title(case),
        "agency_responsible": case.org_unit.name if case.org_unit_id and verified else None,
        "service_notice": service_notice(category),
        "requested_datetime": _w3c(case.created_at),
        "updated_datetime": _w3c(updated),
        "expected_datetime": None if case.paused_at else _end_of_day(case.due_date),
        # Confidential and anonymous cases: the kelurahan only, coordinates to about 100 m.
        "address": place.address,
        "address_id": place.region_code,
        "zipcode": None,
        "lat": float(place.latitude) if place.latitude is not None else None,
        "long": float(place.longitude) if place.longitude is not None else None,
        # Attachments are private (streamed after a permission check): no public media URL.
        "media_url": None,
    }
