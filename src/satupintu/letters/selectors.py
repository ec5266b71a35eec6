"""Reads of letters. `visible_letters` is the ONE gate every path (pages, search, API, CSV
export, files) goes through; Rahasia letters pass it only for the people in their chain."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from satupintu.letters.hierarchy import HEAD
from satupintu.letters.models import (
    ClassificationCode,
    Disposition,
    Letter,
    LetterFile,
    LetterRead,
    Review,
)
from satupintu.org.permissions import is_staff_member, memberships_of, units_q

SECRET = Letter.Sifat.SECRET


def _lead_ids(user) -> list[int]:
    return [m.org_unit_id for m in memberships_of(user) if m.role == HEAD]


def _member_ids(user) -> list[int]:
    return sorted({m.org_unit_id for m in memberships_of(user)})


def addressed_to_q(user, prefix: str = "") -> Q:
    """Dispositions addressed to the user: to them by name, or to a unit they lead."""
    return Q(**{f"{prefix}to_user": user}) | Q(**{f"{prefix}to_unit__in": _lead_ids(user)})


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
    letters disposed to them or to a unit they belong to. Rahasia: only their chain."""
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


def _read_by(user):
    return Exists(LetterRead.objects.filter(letter=OuterRef("pk"), user=user))


def inbox(user) -> QuerySet[Letter]:
    """A person's inbox: incoming letters addressed to units they lead and letters disposed to
    them; unread first, newest first."""
    to_me = Disposition.objects.filter(letter=OuterRef("pk"), withdrawn_at__isnull=True).filter(
        addressed_to_q(user)
    )
    return (
        visible_letters(user)
        .filter(direction=Letter.Direction.INCOMING)
        .filter(Q(org_unit__in=_lead_ids(user)) | Exists(to_me))
        .annotate(is_read=_read_by(user))
        .select_related("org_unit", "classification")
        .order_by("is_read", "-created_at", "-pk")
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


def counters(user) -> Counters:
    today = timezone.localdate()
    box = inbox(user)
    mine = Disposition.objects.filter(withdrawn_at__isnull=True, done_at__isnull=True)
    not_disposed = ~Exists(
        Disposition.objects.filter(letter=OuterRef("pk"), from_user=user, withdrawn_at=None)
    )
    to_act = (
        open_dispositions_to(user).filter(acted_at__isnull=True).count()
        + box.filter(org_unit__in=_lead_ids(user), is_copy=False)
        .filter(not_disposed)
        .exclude(dispositions__in=open_dispositions_to(user))
        .count()
    )
    return Counters(
        unread=box.filter(is_read=False).count(),
        to_act=to_act,
        to_sign=Letter.objects.filter(signer=user, status=Letter.Status.TO_SIGN).count(),
        to_send=Letter.objects.filter(status=Letter.Status.SIGNED)
        .filter(Q(signer=user) | Q(drafted_by=user))
        .count(),
        to_verify=pending_reviews(user).count(),
        overdue=mine.filter(due_date__lt=today)
        .filter(addressed_to_q(user) | Q(from_user=user))
        .count(),
        copies=box.filter(is_copy=True, is_read=False).count(),
    )


def inbox_tab(user, tab: str) -> QuerySet[Letter]:
    box = inbox(user)
    today = timezone.localdate()
    if tab == "belum-dibaca":
        return box.filter(is_read=False)
    if tab == "tembusan":
        return box.filter(is_copy=True)
    if tab == "tindak-lanjut":
        return box.filter(dispositions__in=open_dispositions_to(user)).distinct()
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


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(params) -> SearchFilters:
    return SearchFilters(
        query=(params.get("q") or "").strip()[:200],
        direction=params.get("arah", "") if params.get("arah") in Letter.Direction.values else "",
        sifat=params.get("sifat", "") if params.get("sifat") in Letter.Sifat.values else "",
        classification=(params.get("klasifikasi") or "").strip()[:40],
        unit=(params.get("unit") or "").strip()[:40],
        date_from=_parse_date(params.get("dari", "")),
        date_to=_parse_date(params.get("sampai", "")),
    )


def search(user, filters: SearchFilters) -> QuerySet[Letter]:
    letters = visible_letters(user).select_related("org_unit", "classification")
    if filters.query:
        q = filters.query
        condition = (
            Q(subject__icontains=q)
            | Q(sender_name__icontains=q)
            | Q(external_number__icontains=q)
            | Q(letter_number__icontains=q)
        )
        if q.isdigit():
            condition |= Q(agenda_number=int(q))
        letters = letters.filter(condition)
    if filters.direction:
        letters = letters.filter(direction=filters.direction)
    if filters.sifat:
        letters = letters.filter(sifat=filters.sifat)
    if filters.classification:
        letters = letters.filter(classification__code__startswith=filters.classification)
    if filters.unit:
        letters = letters.filter(org_unit__code=filters.unit)
    if filters.date_from:
        letters = letters.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        letters = letters.filter(created_at__date__lte=filters.date_to)
    return letters.order_by("-created_at", "-pk")


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


def _scope_of_leader(user) -> Q:
    """Dispositions a leader oversees: given by them, or inside the units they lead."""
    condition = Q(from_user=user)
    for m in memberships_of(user):
        if m.role == HEAD:
            condition |= Q(from_unit__path__startswith=m.org_unit.path)
    return condition


def performance(user, since: date, until: date) -> tuple[list[Figures], list[Figures]]:
    """Figures per person and per unit for dispositions given in [since, until]."""
    today = timezone.localdate()
    rows = (
        Disposition.objects.filter(_scope_of_leader(user), withdrawn_at__isnull=True)
        .filter(created_at__date__gte=since, created_at__date__lte=until)
        .select_related("to_user", "to_unit", "read_by", "done_by")
    )
    people: dict[object, Figures] = {}
    units: dict[object, Figures] = {}
    for d in rows.iterator(chunk_size=2000):
        if d.to_user_id:
            targets = [people.setdefault(d.to_user_id, Figures(str(d.to_user)))]
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
