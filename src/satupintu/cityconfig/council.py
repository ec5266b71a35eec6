"""`dprd.yaml`: the council's terms, bodies, members and positions, loaded through the same
`dprd.structure.save` as the Setwan's CSV tables (one write path for both files).

The file is validated against its schema by the importer like every other file; here its
entries become `dprd.structure` rows (each remembering its entry, for `file:line` errors), are
checked against each other and the dapil, and saved as the whole council (members left out are
set inactive, bodies and terms left out deleted unless still used)."""

from satupintu.cityconfig.marks import forget_deleted
from satupintu.dprd import structure
from satupintu.dprd.models import Body, Member, Term
from satupintu.org.models import ElectoralDistrict

# Summary labels, as the generic loader names a part's children.
LABELS = {
    "terms": "dprd",
    "bodies": "dprd.bodies",
    "members": "dprd.members",
    "positions": "dprd.members.positions",
}


def rows_of(entries) -> structure.Structure:
    terms, bodies, members = [], [], []
    for entry in entries:
        term = entry["name"]
        terms.append(
            structure.TermRow(
                name=term,
                start_year=entry["start_year"],
                end_year=entry["end_year"],
                origin=entry,
            )
        )
        for body in entry.get("bodies") or []:
            bodies.append(
                structure.BodyRow(
                    term=term,
                    code=body["code"],
                    name=body["name"],
                    kind=body["kind"],
                    description=body.get("description") or "",
                    order=body.get("order") or 0,
                    origin=body,
                )
            )
        for member in entry.get("members") or []:
            members.append(
                structure.MemberRow(
                    term=term,
                    slug=member["slug"],
                    name=member["name"],
                    faction=member["faction"],
                    district=member["district"],
                    positions=[(p["body"], p["role"]) for p in member.get("positions") or []],
                    email=member.get("email") or "",
                    phone=member.get("phone") or "",
                    photo=member.get("photo") or "",
                    is_active=member.get("is_active", True),
                    origin=member,
                )
            )
    return structure.Structure(terms, bodies, members)


def load_council(loader, part, entries) -> None:
    """The part's loader (`kinds.Part.load`): report problems through `loader.error`, count
    through `loader.summary`, mark what came from the file through `loader.mark`."""
    rows = rows_of(entries)
    seats = dict(ElectoralDistrict.objects.values_list("number", "seats"))
    problems = structure.check(rows, seats)
    if not problems:
        result = structure.save(rows, complete=True)
        problems = result.problems
    for problem in problems:
        loader.error(problem.origin, problem.field, f"{part.name}: {problem.message}")
    if problems:
        return
    for kind, counts in result.counts.items():
        for action, n in counts.items():
            if n:
                loader.summary.add(LABELS[kind], action, n)
    for obj, changed in result.saved:
        loader.mark(obj, refresh=changed)
    forget_deleted(Term, Body, Member)  # a deleted term's bodies and members go with it
