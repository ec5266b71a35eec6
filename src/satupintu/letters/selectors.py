"""Reads of letters. `visible_letters` is the ONE gate every path (pages, search, API, CSV
export, files) goes through; Rahasia letters pass it only for the people in their chain."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from satupintu.letters import circles, fulltext, retention
from satupintu.letters.hierarchy import HEAD, REGISTRAR_ROLES
from satupintu.letters.models import (
    ClassificationCode,
    Disposition,
    InboxEntry,
    Letter,
    LetterFile,
    Review,
)
from satupintu.org.permissions import is_staff_member, memberships_of, units_q

SECRET = Letter.Sifat.SECRET


def _lead_ids(user) -> list[int]:
    return [m.org_unit_id for m in memberships_of(user) if m.role == HEAD]


def _member_ids(user) -> list[int]:
    return sorted({m.org_unit_id for m in memberships_of(user)})


def addressed_to_q(user, prefix: str = "") -> Q:
    """Dispositions addressed to the user: to them by name, to a unit they lead, or to a
    circle's group they belong to (a DPRD komisi; letters/circles.py)."""
    condition = Q(**{f"{prefix}to_user": user}) | Q(**{f"{prefix}to_unit__in": _lead_ids(user)})
    groups = circles.groups_of(user)
    if groups:  # left out when empty: an always-false term changes nothing but the plan
        condition |= Q(**{f"{prefix}to_group__in": groups})
    return condition


def _is_circle_reader(user) -> bool:
    """An account without any unit that reads letters through a circle (a DPRD member)."""
    return not is_staff_member(user) and circles.is_reader(user)


def _has_inbox(user) -> bool:
    return is_staff_member(user) or circles.is_reader(user)


def chain_q(user) -> Q:
    """Letters the user takes part in: the people who may see a Rahasia letter."""
    dispositions = Disposition.objects.filter(letter=OuterRef("pk")).filter(
        Q(from_user=user) | (Q(withdrawn_at__isnull=True) & addressed_to_q(user))
    )
    reviews = Review.objects.filter(letter=OuterRef("pk"), reviewer=user)
    return (
        Q(registered_by=user)
        | Q(drafted_by=user)
        | Q(signer=user)
        | Q(org_unit__in=_lead_ids(user))  # the addressee: kepala of the letter's own unit
        | Exists(dispositions)
        | Exists(reviews)
    )


def visible_letters(user) -> QuerySet[Letter]:
    """Every letter the user may see. Non-Rahasia: letters of their units (and subtrees) and
    letters disposed to them or to a unit they belong to. Rahasia: only their chain.
    A circle's reader (a DPRD member, no unit): their chain and what the circle shows them."""
    if _is_circle_reader(user):
        return Letter.objects.filter(chain_q(user) | circles.letters_q(user))
    if not is_staff_member(user):
        return Letter.objects.none()
    to_my_units = Disposition.objects.filter(
        letter=OuterRef("pk"), withdrawn_at__isnull=True
    ).filter(Q(to_user=user) | Q(to_unit__in=_member_ids(user)))
    by_unit = units_q(user, prefix="org_unit__")
    if not by_unit:  # superuser: every unit (an empty Q would vanish in the OR below)
        by_unit = Q(pk__isnull=False)
    open_letters = by_unit | Exists(to_my_units)
    return Letter.objects.filter((~Q(sifat=SECRET) & open_letters) | chain_q(user))


def letter_for(user, pk) -> Letter:
    letter = (
        visible_letters(user)
        .select_related("org_unit", "classification", "sender_unit", "drafted_by", "signer")
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404
    return letter


def file_for(letter: Letter, file_id) -> LetterFile:
    found = letter.files.filter(pk=file_id).first()
    if found is None:
        raise Http404
    return found


def disposition_for(user, pk) -> Disposition:
    """A disposition on a letter the user can see."""
    disposition = (
        Disposition.objects.select_related("letter", "from_user", "to_user", "to_unit")
        .filter(pk=pk, letter__in=visible_letters(user))
        .first()
    )
    if disposition is None:
        raise Http404
    return disposition


# --- Inbox ------------------------------------------------------------------------------------


def _registrar_ids(user) -> list[int]:
    return [m.org_unit_id for m in memberships_of(user) if m.role in REGISTRAR_ROLES]


def _inbox_q(user) -> Q:
    """THE definition of a person's inbox: incoming letters of the units the user leads,
    letters disposed to them, and for an agenda officer the letters that arrived in their unit
    through the platform. Pages do not filter by it (letters/inbox.py keeps each person's
    InboxEntry rows equal to it); it is what those rows are derived from.

    Every part is already inside `visible_letters` (the first two are the user's chain, the
    third leaves Rahasia letters out), so the inbox does not repeat that gate: its OR of
    correlated subqueries would be evaluated for every letter of a large unit. Each part is
    read from an index: (org_unit, direction) on letters, a non-correlated IN over the
    dispositions addressed to the user. `direction` sits inside each part (not AND-ed around
    the OR, which made SQLite walk every incoming letter by the direction index), and the
    disposed part is left out when it adds nothing: an OR of index searches makes SQLite
    collect and re-read every row, several times slower for a unit with many letters."""
    if _is_circle_reader(user):
        disposed = Disposition.objects.filter(
            addressed_to_q(user),
            withdrawn_at__isnull=True,
            letter__direction=Letter.Direction.INCOMING,
        )
        return Q(pk__in=disposed.values("letter_id")) | (
            circles.letters_q(user) & Q(direction=Letter.Direction.INCOMING)
        )
    if not is_staff_member(user):
        return Q(pk__in=[])
    incoming = Letter.Direction.INCOMING
    lead = _lead_ids(user)
    disposed = Disposition.objects.filter(withdrawn_at__isnull=True).filter(addressed_to_q(user))
    # `direction` of the disposed letters is checked inside the subquery: outside, SQLite
    # preferred the direction index to the list of ids.
    disposed = disposed.filter(letter__direction=incoming)
    parts = []
    if lead and Letter.objects.filter(org_unit__in=lead, direction=incoming).exists():
        parts.append(Q(org_unit__in=lead, direction=incoming))
        disposed = disposed.exclude(letter__org_unit__in=lead)  # the first part has those
    if not parts or disposed.exists():
        parts.append(Q(pk__in=disposed.values("letter_id")))
    registrar = _registrar_ids(user)
    if registrar:
        parts.append(
            Q(org_unit__in=registrar, direction=incoming, source_letter__isnull=False)
            & ~Q(sifat=SECRET)
        )
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def inbox(user) -> QuerySet[Letter]:
    """A person's inbox (see `_inbox_q` for who gets what), read from their InboxEntry rows:
    unread first, newest first, each letter with `is_read`."""
    if not _has_inbox(user):
        return Letter.objects.none()
    return (
        Letter.objects.filter(inbox_entries__user=user)
        # Annotations on the join the filter made (a second filter on inbox_entries would
        # join again and test anyone's row).
        .annotate(is_read=F("inbox_entries__is_read"), actions=F("inbox_entries__actions"))
        .defer("search_text", "body")  # long columns: a list row reads less of the record
        .select_related("org_unit", "classification")
        .order_by(
            "inbox_entries__is_read",
            "-inbox_entries__letter_created_at",
            "-inbox_entries__letter",
        )
    )


def open_dispositions_to(user) -> QuerySet[Disposition]:
    return Disposition.objects.filter(
        addressed_to_q(user), withdrawn_at__isnull=True, done_at__isnull=True
    )


def pending_reviews(user) -> QuerySet[Review]:
    earlier = Review.objects.filter(
        letter=OuterRef("letter"), order__lt=OuterRef("order"), decision=Review.Decision.PENDING
    )
    return Review.objects.filter(
        reviewer=user,
        decision=Review.Decision.PENDING,
        letter__status=Letter.Status.REVIEW,
    ).exclude(Exists(earlier))


@dataclass
class Counters:
    unread: int
    to_act: int
    to_sign: int
    to_send: int
    to_verify: int
    overdue: int
    copies: int


def _entries(user) -> QuerySet[InboxEntry]:
    if not _has_inbox(user):
        return InboxEntry.objects.none()
    return InboxEntry.objects.filter(user=user)


def counters(user) -> Counters:
    """The inbox counters. Unread, to act and new copies from the person's InboxEntry rows
    (an index range each, however many letters their units hold); the others read a few rows
    from indexes."""
    today = timezone.localdate()
    mine = Disposition.objects.filter(withdrawn_at__isnull=True, done_at__isnull=True)
    entries = _entries(user)
    unread = entries.filter(is_read=False).aggregate(
        unread=Count("pk"), copies=Count("pk", filter=Q(is_copy=True))
    )
    to_act = entries.filter(actions__gt=0).aggregate(total=Sum("actions"))["total"] or 0
    return Counters(
        unread=unread["unread"],
        to_act=to_act,
        to_sign=Letter.objects.filter(signer=user, status=Letter.Status.TO_SIGN).count(),
        to_send=Letter.objects.filter(status=Letter.Status.SIGNED)
        .filter(Q(signer=user) | Q(drafted_by=user))
        .count(),
        to_verify=pending_reviews(user).count(),
        overdue=mine.filter(due_date__lt=today)
        .filter(addressed_to_q(user) | Q(from_user=user))
        .count(),
        copies=unread["copies"],
    )


class UnreadFirst:
    """The "Semua" tab for a Paginator: `inbox` with its size counted on the InboxEntry index
    alone (counting through the join would read every letter row of a large inbox)."""

    def __init__(self, user):
        self.user = user
        self.box = inbox(user)

    def count(self) -> int:
        return _entries(self.user).count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, k):
        return self.box[k]


def inbox_tab(user, tab: str) -> QuerySet[Letter]:
    box = inbox(user)
    today = timezone.localdate()
    if tab == "belum-dibaca":
        return box.filter(is_read=False)
    if tab == "tembusan":
        return box.filter(is_copy=True)
    if tab == "tindak-lanjut":  # what the "to act" counter counts
        return box.filter(actions__gt=0)
    if tab == "terlambat":
        late = Disposition.objects.filter(
            withdrawn_at__isnull=True, done_at__isnull=True, due_date__lt=today
        ).filter(addressed_to_q(user) | Q(from_user=user))
        return (
            visible_letters(user).filter(dispositions__in=late).distinct().order_by("-created_at")
        )
    if tab == "tanda-tangan":
        return Letter.objects.filter(signer=user, status=Letter.Status.TO_SIGN)
    if tab == "verifikasi":
        return Letter.objects.filter(reviews__in=pending_reviews(user)).distinct()
    if tab == "kirim":
        return Letter.objects.filter(status=Letter.Status.SIGNED).filter(
            Q(signer=user) | Q(drafted_by=user)
        )
    return box


# --- Dispositions on a letter -----------------------------------------------------------------


@dataclass
class Node:
    disposition: Disposition
    children: list


def disposition_tree(letter: Letter) -> list[Node]:
    rows = list(
        letter.dispositions.select_related("from_user", "to_user", "to_unit", "from_unit")
        .prefetch_related("files")
        .order_by("created_at", "pk")
    )
    nodes = {d.pk: Node(d, []) for d in rows}
    roots = []
    for d in rows:
        if d.parent_id and d.parent_id in nodes:
            nodes[d.parent_id].children.append(nodes[d.pk])
        else:
            roots.append(nodes[d.pk])
    return roots


def received_dispositions(user, letter: Letter) -> list[Disposition]:
    return list(
        letter.dispositions.filter(addressed_to_q(user), withdrawn_at__isnull=True).order_by(
            "created_at"
        )
    )


# --- Search and archive -----------------------------------------------------------------------


@dataclass
class SearchFilters:
    query: str = ""
    direction: str = ""
    sifat: str = ""
    classification: str = ""
    unit: str = ""
    date_from: date | None = None
    date_to: date | None = None
    retention: str = ""  # retention.PHASE_VALUES: aktif / inaktif / habis / belum


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(params) -> SearchFilters:
    return SearchFilters(
        query=(params.get("q") or "").replace("\x00", " ").strip()[:200],
        direction=params.get("arah", "") if params.get("arah") in Letter.Direction.values else "",
        sifat=params.get("sifat", "") if params.get("sifat") in Letter.Sifat.values else "",
        classification=(params.get("klasifikasi") or "").strip()[:40],
        unit=(params.get("unit") or "").strip()[:40],
        date_from=_parse_date(params.get("dari", "")),
        date_to=_parse_date(params.get("sampai", "")),
        retention=params.get("retensi", "")
        if params.get("retensi") in retention.PHASE_VALUES
        else "",
    )


MAX_SEARCH_WORDS = 8


def search_condition(query: str) -> Q:
    """Every word of the query must occur in the letter's `search_text` (subject, sender,
    numbers, body and text extracted from its PDFs, lowercased); a number alone also finds the
    agenda number. One column, one LIKE per word: no OR across columns and joins.

    On SQLite the words of three or more characters are looked up in the FTS5 trigram index
    (fulltext.py), which answers the same substring question without reading every letter;
    shorter words keep the LIKE. On PostgreSQL the LIKEs use the pg_trgm index."""
    words = query.lower().split()[:MAX_SEARCH_WORDS]
    agenda = int(query) if query.isdigit() and len(query) <= 9 else None
    condition = Q()
    if fulltext.available():
        indexed = [word for word in words if len(word) >= fulltext.MIN_WORD]
        words = [word for word in words if len(word) < fulltext.MIN_WORD]
        if indexed:
            # Fixed statements; the words and the number travel as parameters. The agenda
            # number joins inside the subquery (one IN): an OR around it made SQLite test
            # every letter.
            sql, params = fulltext.matching_ids_sql(), [fulltext.match_expression(indexed)]
            if agenda is not None and not words:
                sql, params = sql + fulltext.OR_AGENDA_NUMBER, [*params, agenda]
                agenda = None
            condition &= Q(pk__in=RawSQL(sql, params))  # noqa: S611
    for word in words:
        condition &= Q(search_text__contains=word)
    if agenda is not None:
        condition |= Q(agenda_number=agenda)
    return condition


def search(user, filters: SearchFilters) -> QuerySet[Letter]:
    """Archive search. Goes through `visible_letters`: Rahasia letters only for their chain."""
    letters = (
        visible_letters(user)
        .select_related("org_unit", "classification")
        .defer("search_text", "body")
    )
    if filters.query:
        letters = letters.filter(search_condition(filters.query))
    if filters.direction:
        letters = letters.filter(direction=filters.direction)
    if filters.sifat:
        letters = letters.filter(sifat=filters.sifat)
    if filters.classification:
        letters = letters.filter(classification__code__startswith=filters.classification)
    if filters.unit:
        letters = letters.filter(org_unit__code=filters.unit)
    # Local-day bounds as datetimes (not created_at__date): the created_at index stays usable.
    if filters.date_from:
        letters = letters.filter(created_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        letters = letters.filter(created_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.retention:
        letters = in_retention_phase(letters, filters.retention)
    return letters.order_by("-created_at", "-pk")


def in_retention_phase(letters: QuerySet[Letter], phase: str) -> QuerySet[Letter]:
    """The archive's "Retensi" filter (see retention.py): a condition on the letter's year per
    distinct retention period, in SQL; the caller's queryset keeps its visibility gate."""
    condition = retention.phase_condition(phase, retention.table())
    return letters.alias(**{retention.YEAR_ALIAS: retention.year_expression()}).filter(condition)


def _day_start(day: date):
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(day, time.min))


def retention_schedule(query: str, unset_only: bool) -> list[dict]:
    """Codes with their own and effective retention, filtered by code/words and "belum ada"."""
    codes = list(ClassificationCode.objects.order_by("code"))
    schedule = retention.table(codes)
    words = query.lower().split()
    rows = []
    for code in codes:
        if not code.is_active:
            continue
        if words:
            if query[0].isdigit():
                if not code.code.startswith(words[0]):
                    continue
            elif not all(word in code.name.lower() for word in words):
                continue
        effective = schedule.by_id[code.pk]
        if unset_only and effective is not None:
            continue
        rows.append({"code": code, "own": retention.has_own(code), "effective": effective})
    return rows


def classifications(query: str = "", limit: int = 50) -> QuerySet[ClassificationCode]:
    codes = ClassificationCode.objects.filter(is_active=True)
    query = query.strip()
    if query:
        words = query.split()
        if query[0].isdigit():
            codes = codes.filter(code__startswith=words[0])
        else:
            for word in words:
                codes = codes.filter(name__icontains=word)
    return codes.order_by("code")[:limit]


def classifications_with_retention(query: str = "", limit: int = 50) -> list[tuple]:
    """(code, retention in force: its own or inherited, or None) for the lookup page."""
    codes = list(classifications(query, limit))
    schedule = retention.table(
        ClassificationCode.objects.filter(
            code__in={a for c in codes for a in retention.ancestors(c.code)}
        )
    )
    return [(code, schedule.by_code.get(code.code)) for code in codes]


def resolve_classification(text: str) -> list[ClassificationCode]:
    """The officer typed a code ("000.1.5"), a picked option ("000.1.5 Notula") or words."""
    text = (text or "").strip()
    if not text:
        return []
    first = text.split()[0]
    exact = ClassificationCode.objects.filter(code=first, is_active=True).first()
    if exact:
        return [exact]
    return list(classifications(text, limit=10))


# --- Response-time figures --------------------------------------------------------------------


@dataclass
class Figures:
    label: str
    received: int = 0
    read: int = 0
    acted: int = 0
    due: int = 0
    on_time: int = 0
    read_seconds: float = 0.0
    act_seconds: float = 0.0

    @property
    def avg_read(self) -> timedelta | None:
        return timedelta(seconds=self.read_seconds / self.read) if self.read else None

    @property
    def avg_act(self) -> timedelta | None:
        return timedelta(seconds=self.act_seconds / self.acted) if self.acted else None

    @property
    def on_time_share(self) -> int | None:
        return round(100 * self.on_time / self.due) if self.due else None


PERIOD_DEFAULT_DAYS = 30


def performance_period(value) -> tuple[date, date, int]:
    """(since, until, days) from a `hari` parameter: 7 to 366 days ending today, default 30."""
    try:
        days = max(7, min(366, int(value or PERIOD_DEFAULT_DAYS)))
    except (TypeError, ValueError):
        days = PERIOD_DEFAULT_DAYS
    today = timezone.localdate()
    return today - timedelta(days=days), today, days


def _scope_of_leader(user) -> Q:
    """Dispositions a leader oversees: given by them, or inside the units they lead."""
    condition = Q(from_user=user)
    for m in memberships_of(user):
        if m.role == HEAD:
            condition |= Q(from_unit__path__startswith=m.org_unit.path)
    return condition


def performance(
    user, since: date, until: date, scope: Q | None = None
) -> tuple[list[Figures], list[Figures]]:
    """Figures per person and per unit for dispositions given in [since, until]: those the
    user oversees, or `scope` (the council's correspondence: the dispositions of its letters)."""
    today = timezone.localdate()
    rows = (
        Disposition.objects.filter(
            _scope_of_leader(user) if scope is None else scope, withdrawn_at__isnull=True
        )
        .filter(created_at__date__gte=since, created_at__date__lte=until)
        .select_related("to_user", "to_unit", "read_by", "done_by")
    )
    people: dict[object, Figures] = {}
    units: dict[object, Figures] = {}
    for d in rows.iterator(chunk_size=2000):
        if d.to_user_id:
            targets = [people.setdefault(d.to_user_id, Figures(str(d.to_user)))]
        elif d.to_group:  # a circle's group (a komisi) is figured as a unit is
            targets = [units.setdefault(d.to_group, Figures(circles.label(d.to_group)))]
        else:
            targets = [units.setdefault(d.to_unit_id, Figures(str(d.to_unit)))]
        for fig in targets:
            fig.received += 1
            if d.read_at:
                fig.read += 1
                fig.read_seconds += (d.read_at - d.created_at).total_seconds()
            if d.acted_at:
                fig.acted += 1
                fig.act_seconds += (d.acted_at - d.created_at).total_seconds()
            if d.done_at or d.due_date < today:
                fig.due += 1
                if d.done_at and timezone.localtime(d.done_at).date() <= d.due_date:
                    fig.on_time += 1
    order = lambda f: f.label.lower()  # noqa: E731
    return sorted(people.values(), key=order), sorted(units.values(), key=order)
