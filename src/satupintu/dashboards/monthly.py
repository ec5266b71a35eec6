"""The monthly report per OPD (issue 13, item 4): every dashboard figure for one unit and one
calendar month, as a PDF, and an e-mail to the unit's head(s) with the link to it. The PDF is
drawn on request from the rollup (the same figures as /kantor/dasbor/), so the link in the
e-mail never goes stale and nothing personal is stored; the e-mail goes through the outbox,
once per head, unit and month (its dedupe key)."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.dashboards import figures as _figures  # noqa: F401 - registers the figures
from satupintu.dashboards import registry
from satupintu.org.models import Membership, OrgUnit


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month | None":
        """`YYYY-MM`, not after the current month; None for anything else."""
        try:
            year, month = (int(part) for part in text.split("-"))
            found = cls(year, month)
            found.start  # noqa: B018 - raises for month 13
        except ValueError:
            return None
        if year < 2000 or found.start > timezone.localdate():
            return None
        return found

    @classmethod
    def previous(cls, today: date | None = None) -> "Month":
        last = (today or timezone.localdate()).replace(day=1) - timedelta(days=1)
        return cls(last.year, last.month)

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"


def unit_scope(unit: OrgUnit, month: Month) -> registry.Scope:
    return registry.Scope(
        units=Q(path__startswith=unit.path), start=month.start, end=month.end, staff=False
    )


def blocks(unit: OrgUnit, month: Month) -> list[dict]:
    scope = unit_scope(unit, month)
    return [
        {"figure": figure, "rows": figure.rows(scope)} for figure in registry.figures("kota", scope)
    ]


def render(unit: OrgUnit, month: Month) -> bytes:
    from satupintu.documents.pdf import render_pdf

    return render_pdf(
        "dashboards/monthly_pdf.html",
        {
            "unit": unit,
            "month": month,
            "blocks": blocks(unit, month),
            "made_at": timezone.localtime(),
        },
    )


def heads() -> list[Membership]:
    """The heads (kepala) of active units, with an e-mail address."""
    return list(
        Membership.objects.filter(
            role=Membership.Role.HEAD, is_active=True, org_unit__is_active=True
        )
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user", "org_unit")
        .order_by("org_unit__code", "pk")
    )


def pdf_path(unit: OrgUnit, month: Month) -> str:
    return reverse("dashboards:monthly_pdf", args=[unit.code, str(month)])


def send(month: Month) -> int:
    """Queue one e-mail per head for `month` (again: nothing new, the dedupe key)."""
    from satupintu.notifications.models import OutboxMessage
    from satupintu.notifications.services import queue_message

    sent = 0
    for membership in heads():
        unit = membership.org_unit
        link = f"{settings.PUBLIC_BASE_URL}{pdf_path(unit, month)}"
        message = queue_message(
            channel=OutboxMessage.Channel.EMAIL,
            recipient=membership.user.email,
            subject=_("Laporan bulanan %(unit)s %(month)s") % {"unit": unit.name, "month": month},
            body=_(
                "Laporan bulanan %(unit)s untuk %(month)s (pengaduan, permohonan, antrean, "
                "IKM) siap dalam PDF. Buka setelah masuk ke kantor Satu Pintu:\n%(link)s"
            )
            % {"unit": unit.name, "month": month, "link": link},
            dedupe_key=f"dasbor-bulanan:{unit.code}:{month}:{membership.user_id}",
            reference=f"dasbor:{month}",
        )
        sent += message is not None
    return sent
