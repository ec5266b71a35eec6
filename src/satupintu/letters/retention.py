"""Jadwal Retensi Arsip (JRA): the one place for the retention rule.

A classification code has its own retention when both periods are recorded (active and
inactive years, with the final disposition). A code without its own retention takes the
retention of its nearest ancestor by code (000.1.5 → 000.1 → 000). A letter's retention
counts from the end of the year its record was made (agenda year for incoming letters,
numbering year for outgoing letters, otherwise the year it was created): active until
31 December of (year + active years), inactive until 31 December of (year + active years +
inactive years), then the final disposition (musnah / permanen / dinilai kembali) is due.

Nothing here is stored: the effective retention is computed from the table (a few hundred
rows, one query) each time, so an edit anywhere (page, CSV, admin, command) is never stale.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import F, IntegerField, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.letters.models import ClassificationCode

MAX_YEARS = 100

# Phases of a letter (the archive filter's values, also in the API).
ACTIVE = "aktif"
INACTIVE = "inaktif"
EXPIRED = "habis"
UNSET = "belum"
PHASES = [
    (ACTIVE, _("Masih aktif")),
    (INACTIVE, _("Masa inaktif")),
    (EXPIRED, _("Habis — siap disusutkan")),
    (UNSET, _("Belum ditetapkan")),
]
PHASE_VALUES = [value for value, _label in PHASES]


@dataclass(frozen=True)
class Retention:
    """The retention that applies to a code: its own or the one of `source_code`."""

    active_years: int
    inactive_years: int
    final_disposition: str
    source_code: str
    inherited: bool

    @property
    def final_label(self) -> str:
        if not self.final_disposition:
            return ""
        return str(
            dict(ClassificationCode.FinalDisposition.choices).get(
                self.final_disposition, self.final_disposition
            )
        )


def has_own(code) -> bool:
    return code.active_years is not None and code.inactive_years is not None


def parent_code(code: str) -> str:
    """Parent by code: 000.1.5 → 000.1 → 000 → (none)."""
    return code.rsplit(".", 1)[0] if "." in code else ""


def ancestors(code: str) -> list[str]:
    """The code itself, then its ancestors, nearest first."""
    chain = []
    while code:
        chain.append(code)
        code = parent_code(code)
    return chain


def _own(row) -> Retention:
    return Retention(
        active_years=row.active_years,
        inactive_years=row.inactive_years,
        final_disposition=row.final_disposition or "",
        source_code=row.code,
        inherited=False,
    )


def _resolve(code: str, own: dict[str, Retention]) -> Retention | None:
    for candidate in ancestors(code):
        found = own.get(candidate)
        if found is not None:
            if candidate == code:
                return found
            return Retention(
                found.active_years,
                found.inactive_years,
                found.final_disposition,
                source_code=candidate,
                inherited=True,
            )
    return None


def _rows():
    return ClassificationCode.objects.only(
        "id", "code", "active_years", "inactive_years", "final_disposition"
    )


@dataclass
class Table:
    """Effective retention of every code, by code and by id."""

    by_code: dict[str, Retention | None]
    by_id: dict[int, Retention | None]


def table(rows=None) -> Table:
    """One query for the whole classification table (or the `rows` given)."""
    rows = list(_rows() if rows is None else rows)
    own = {row.code: _own(row) for row in rows if has_own(row)}
    by_code, by_id = {}, {}
    for row in rows:
        found = _resolve(row.code, own)
        by_code[row.code] = found
        by_id[row.pk] = found
    return Table(by_code=by_code, by_id=by_id)


def effective(code: ClassificationCode) -> Retention | None:
    """The retention of one code (reads only the code and its ancestors)."""
    rows = _rows().filter(code__in=ancestors(code.code))
    own = {row.code: _own(row) for row in rows if has_own(row)}
    return _resolve(code.code, own)


# --- Letters ----------------------------------------------------------------------------------


def letter_year(letter) -> int:
    if letter.agenda_year:
        return letter.agenda_year
    if letter.sequence_year:
        return letter.sequence_year
    return timezone.localtime(letter.created_at).year


@dataclass(frozen=True)
class LetterRetention:
    retention: Retention | None
    year: int
    active_until: date | None
    inactive_until: date | None

    @property
    def final_disposition(self) -> str:
        return self.retention.final_disposition if self.retention else ""

    @property
    def final_label(self) -> str:
        return self.retention.final_label if self.retention else ""

    def phase(self, today: date | None = None) -> str:
        if self.retention is None:
            return UNSET
        today = today or timezone.localdate()
        if today <= self.active_until:
            return ACTIVE
        if today <= self.inactive_until:
            return INACTIVE
        return EXPIRED

    def phase_label(self, today: date | None = None) -> str:
        return str(dict(PHASES)[self.phase(today)])


def for_letter(letter, retention_table: Table | None = None) -> LetterRetention:
    """Retention dates of a letter; pass `retention_table` when doing many letters."""
    if retention_table is not None:
        found = retention_table.by_id.get(letter.classification_id)
        if found is None and letter.classification_id not in retention_table.by_id:
            found = effective(letter.classification)
    else:
        found = effective(letter.classification)
    year = letter_year(letter)
    if found is None:
        return LetterRetention(None, year, None, None)
    active_end = year + found.active_years
    return LetterRetention(
        found,
        year,
        date(active_end, 12, 31),
        date(active_end + found.inactive_years, 12, 31),
    )


# --- Filter in SQL ----------------------------------------------------------------------------

YEAR_ALIAS = "retention_year"


def year_expression():
    """`letter_year` in SQL (SQLite and PostgreSQL): agenda year, numbering year, or the
    local year of creation."""
    return Coalesce(
        F("agenda_year"),
        F("sequence_year"),
        ExtractYear("created_at"),
        output_field=IntegerField(),
    )


def phase_condition(phase: str, retention_table: Table, today: date | None = None) -> Q:
    """Letters (with `YEAR_ALIAS` aliased to `year_expression()`) in a phase. The codes are
    grouped by their periods, so the condition has one term per distinct period, not per
    code: "still active" is year + active ≥ this year, and so on."""
    this_year = (today or timezone.localdate()).year
    known = {pk: r for pk, r in retention_table.by_id.items() if r is not None}
    if phase == UNSET:
        return ~Q(classification_id__in=sorted(known))
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, found in known.items():
        if phase == ACTIVE:
            key = (found.active_years,)
        elif phase == INACTIVE:
            key = (found.active_years, found.inactive_years)
        else:
            key = (found.active_years + found.inactive_years,)
        groups[key].append(pk)
    condition = Q(pk__in=[])
    year = YEAR_ALIAS
    for key, ids in sorted(groups.items()):
        if phase == ACTIVE:
            term = Q(**{f"{year}__gte": this_year - key[0]})
        elif phase == INACTIVE:
            active, inactive = key
            term = Q(**{f"{year}__lt": this_year - active}) & Q(
                **{f"{year}__gte": this_year - active - inactive}
            )
        else:
            term = Q(**{f"{year}__lt": this_year - key[0]})
        condition |= Q(classification_id__in=sorted(ids)) & term
    return condition
