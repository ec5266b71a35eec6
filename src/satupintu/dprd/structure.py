"""The council's structure written from plain rows: the one write path for both of its files.

The Setwan's published tables (`dprd-alat-*.csv`, `dprd-anggota-*.csv`, read by
`dprd.importer` inside `import_reference_data`) and the city configuration's `dprd.yaml` (read
by `cityconfig`) are parsed into the same rows and stored by `save`, so the two files cannot
mean different things. Terms are found again by name, bodies by term and code, members by slug
— never by database ids. A member's account is never part of the rows: linking a member to a
login stays an admin task, so no credential is ever in a file.

`check` reports what refers to something that is not there (a fraksi of another term, an
unknown dapil, a position in an unknown body, a slug used twice); the caller says where.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from satupintu.dprd.models import Body, Member, Position, Term

KINDS = ("terms", "bodies", "members", "positions")
ACTIONS = ("created", "updated", "retired")


@dataclass
class TermRow:
    name: str
    start_year: int
    end_year: int
    origin: object = None


@dataclass
class BodyRow:
    term: str
    code: str
    name: str
    kind: str
    description: str = ""
    order: int = 0
    origin: object = None


@dataclass
class MemberRow:
    term: str
    slug: str
    name: str
    faction: str
    district: int
    positions: list[tuple[str, str]] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    photo: str = ""
    is_active: bool = True
    origin: object = None


@dataclass
class Structure:
    terms: list[TermRow]
    bodies: list[BodyRow]
    members: list[MemberRow]


@dataclass
class Problem:
    """`origin` is the row's own (a line of a file); `field` the key at fault, if one."""

    origin: object
    field: str | None
    message: str


@dataclass
class Result:
    counts: dict = field(
        default_factory=lambda: {kind: dict.fromkeys(ACTIONS, 0) for kind in KINDS}
    )
    # Every term, body and member of the rows, with whether this save created or changed it.
    saved: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(sum(row.values()) for row in self.counts.values())


def check(structure: Structure, districts: dict[int, int]) -> list[Problem]:
    """Every reference of the rows to a term, body or dapil that is not there, more members
    of a term in a dapil than its seats, and two chairs of one body. `districts`: the seats
    of each dapil number that exists."""
    problems = []
    terms = set()
    for row in structure.terms:
        if row.name in terms:
            problems.append(Problem(row.origin, "name", _("periode %(v)s ganda") % {"v": row.name}))
        if row.end_year < row.start_year:
            problems.append(Problem(row.origin, "end_year", _("tahun selesai sebelum tahun mulai")))
        terms.add(row.name)
    bodies = {}
    for row in structure.bodies:
        if row.term not in terms:
            problems.append(
                Problem(row.origin, None, _("periode %(v)s tidak ada") % {"v": row.term})
            )
        if (row.term, row.code) in bodies:
            problems.append(
                Problem(row.origin, "code", _("kode %(code)s ganda") % {"code": row.code})
            )
        bodies[(row.term, row.code)] = row
    slugs, seats, chairs = set(), defaultdict(int), set()
    for row in structure.members:
        problems += _member_problems(row, terms, bodies, set(districts), slugs)
        slugs.add(row.slug)
        if row.is_active and row.district in districts:
            seats[(row.term, row.district)] += 1
            if seats[(row.term, row.district)] == districts[row.district] + 1:
                problems.append(
                    Problem(
                        row.origin,
                        "district",
                        _("dapil %(n)s: lebih banyak anggota daripada %(s)d kursi")
                        % {"n": row.district, "s": districts[row.district]},
                    )
                )
        for code, role in row.positions:
            if role == Position.Role.CHAIR and (row.term, code) in chairs:
                problems.append(
                    Problem(
                        row.origin, "positions", _("%(code)s sudah punya ketua") % {"code": code}
                    )
                )
            elif role == Position.Role.CHAIR:
                chairs.add((row.term, code))
    return problems


def _member_problems(row: MemberRow, terms, bodies, districts, slugs) -> list[Problem]:
    problems = []
    if row.slug in slugs:
        problems.append(Problem(row.origin, "slug", _("slug %(v)s ganda") % {"v": row.slug}))
    if row.term not in terms:
        problems.append(Problem(row.origin, None, _("periode %(v)s tidak ada") % {"v": row.term}))
    faction = bodies.get((row.term, row.faction))
    if faction is None or faction.kind != Body.Kind.FACTION:
        problems.append(
            Problem(
                row.origin,
                "faction",
                _("fraksi %(v)s tidak ada di periode %(t)s") % {"v": row.faction, "t": row.term},
            )
        )
    if row.district not in districts:
        problems.append(
            Problem(row.origin, "district", _("dapil %(v)s tidak ada") % {"v": row.district})
        )
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            problems.append(
                Problem(row.origin, "email", _("e-mail %(v)s tidak valid") % {"v": row.email})
            )
    seen = set()
    for code, role in row.positions:
        body = bodies.get((row.term, code))
        if body is None or body.kind == Body.Kind.FACTION:
            problems.append(
                Problem(
                    row.origin,
                    "positions",
                    _("jabatan: alat kelengkapan %(code)s tidak ada di periode %(t)s")
                    % {"code": code, "t": row.term},
                )
            )
        if role not in Position.Role.values:
            problems.append(
                Problem(
                    row.origin, "positions", _("jabatan: peran %(v)s tidak dikenal") % {"v": role}
                )
            )
        if code in seen:
            problems.append(
                Problem(row.origin, "positions", _("jabatan di %(code)s ganda") % {"code": code})
            )
        seen.add(code)
    return problems


def _put(model, obj, values: dict, lookup: dict):
    """Create or update one row; returns (object, "created" | "updated" | None)."""
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj, "updated" if changed else None


def save(structure: Structure, *, complete: bool) -> Result:
    """Store the rows (checked first with `check`). With `complete`, the rows are the whole
    council: members not in them are set inactive (never deleted: proposals and aspirations
    keep naming them), bodies and terms not in them are deleted unless something still uses
    them, which is a problem instead. Without it (the CSV tables) rows are only added or
    updated."""
    from satupintu.org.models import ElectoralDistrict

    result = Result()

    def note(kind, obj, action):
        if action:
            result.counts[kind][action] += 1
        result.saved.append((obj, action is not None))

    terms = {}
    existing_terms = {t.name: t for t in Term.objects.all()}
    for row in structure.terms:
        terms[row.name], action = _put(
            Term,
            existing_terms.get(row.name),
            {"start_year": row.start_year, "end_year": row.end_year},
            {"name": row.name},
        )
        note("terms", terms[row.name], action)
    bodies = {}
    existing_bodies = {(b.term.name, b.code): b for b in Body.objects.select_related("term")}
    for row in structure.bodies:
        values = {"name": row.name, "kind": row.kind, "description": row.description}
        values["order"] = row.order
        bodies[(row.term, row.code)], action = _put(
            Body,
            existing_bodies.get((row.term, row.code)),
            values,
            {"term": terms[row.term], "code": row.code},
        )
        note("bodies", bodies[(row.term, row.code)], action)
    districts = {d.number: d for d in ElectoralDistrict.objects.all()}
    members = {m.slug: m for m in Member.objects.all()}
    for row in structure.members:
        values = {
            "term": terms[row.term],
            "name": row.name,
            "faction": bodies[(row.term, row.faction)],
            "district": districts[row.district],
            "email": row.email,
            "phone": row.phone,
            "photo": row.photo,
            "is_active": row.is_active,
        }
        member, action = _put(Member, members.get(row.slug), values, {"slug": row.slug})
        positions_changed = _put_positions(member, row, bodies, result)
        note("members", member, action or ("updated" if positions_changed else None))
    if complete:
        _retire(structure, result)
    return result


def _put_positions(member: Member, row: MemberRow, bodies, result: Result) -> bool:
    current = {p.body_id: p for p in member.positions.all()}
    wanted = {bodies[(row.term, code)].pk: role for code, role in row.positions}
    changed = False
    for body_id, position in current.items():
        if body_id not in wanted:
            position.delete()
            result.counts["positions"]["retired"] += 1
            changed = True
        elif position.role != wanted[body_id]:
            position.role = wanted[body_id]
            position.save(update_fields=["role"])
            result.counts["positions"]["updated"] += 1
            changed = True
    for body_id, role in wanted.items():
        if body_id not in current:
            Position.objects.create(member=member, body_id=body_id, role=role)
            result.counts["positions"]["created"] += 1
            changed = True
    return changed


def _retire(structure: Structure, result: Result) -> None:
    slugs = {row.slug for row in structure.members}
    for member in Member.objects.filter(is_active=True).exclude(slug__in=slugs):
        member.is_active = False
        member.save(update_fields=["is_active"])
        result.counts["members"]["retired"] += 1
    keep = defaultdict(set)
    for row in structure.bodies:
        keep[row.term].add(row.code)
    names = {row.name for row in structure.terms}
    for body in Body.objects.select_related("term").order_by("term__name", "code"):
        if body.term.name in names and body.code not in keep[body.term.name]:
            _delete(body, "bodies", result, _("alat kelengkapan %(v)s") % {"v": body.code})
    for term in Term.objects.exclude(name__in=names).order_by("name"):
        _delete(term, "terms", result, _("periode %(v)s") % {"v": term.name})


def _delete(obj, kind: str, result: Result, label: str) -> None:
    try:
        with transaction.atomic():
            if isinstance(obj, Term):
                # Its members first: they hold its fraksi (protected) until they go.
                Member.objects.filter(term=obj).delete()
            obj.delete()
    except ProtectedError:
        result.problems.append(
            Problem(None, None, _("%(v)s masih dipakai, tidak dapat dihapus") % {"v": label})
        )
        return
    result.counts[kind]["retired"] += 1
