"""Reads of the council: the current term, its bodies and members, dapil and kelurahan."""

from django.db.models import Count, Prefetch

from satupintu.core.prepared import PreparedList, PreparedRead
from satupintu.dprd.models import Body, Member, Position, Term
from satupintu.org.models import ElectoralDistrict, Region

ROLE_ORDER = {r: i for i, r in enumerate(Position.Role.values)}


def current_term() -> Term | None:
    return Term.objects.order_by("-start_year").first()


def active_members(term: Term | None):
    return (
        Member.objects.filter(term=term, is_active=True)
        .select_related("faction", "district")
        .order_by("name")
    )


def bodies_with_members(term: Term | None, kinds) -> list[Body]:
    """Bodies of the given kinds, each with `.people`: (role label, member), ketua first."""
    positions = Position.objects.filter(member__is_active=True).select_related("member")
    bodies = list(
        Body.objects.filter(term=term, kind__in=kinds).prefetch_related(
            Prefetch("positions", queryset=positions)
        )
    )
    for body in bodies:
        body.people = sorted(
            body.positions.all(), key=lambda p: (ROLE_ORDER[p.role], p.member.name)
        )
    return bodies


def factions(term: Term | None):
    return (
        Body.objects.filter(term=term, kind=Body.Kind.FACTION)
        .annotate(seats=Count("faction_members", distinct=True))
        .order_by("-seats", "order")
    )


def districts():
    return ElectoralDistrict.objects.prefetch_related("districts").order_by("number")


def district_or_none(number: int) -> ElectoralDistrict | None:
    return districts().filter(number=number).first()


def district_kelurahan(district: ElectoralDistrict):
    return Region.objects.filter(
        parent__in=district.districts.all(),
        level__in=[Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE],
    ).order_by("parent__name", "name")


def region_names(ids) -> dict[int, str]:
    return dict(Region.objects.filter(pk__in=ids).values_list("id", "name"))


def district_for_region(region: Region | None) -> ElectoralDistrict | None:
    """The dapil of a kelurahan (or of a kecamatan): routing of aspirations and proposals."""
    if region is None:
        return None
    kecamatan = region if region.level == Region.Level.DISTRICT else region.parent
    if kecamatan is None:
        return None
    return ElectoralDistrict.objects.filter(districts=kecamatan).first()


def member_by_slug(slug: str) -> Member | None:
    return (
        Member.objects.filter(slug=slug)
        .select_related("term", "faction", "district")
        .prefetch_related(Prefetch("positions", queryset=Position.objects.select_related("body")))
        .first()
    )


def member_for_user(user) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user=user, is_active=True).select_related("district").first()


PUBLIC_PROPOSAL_FIELDS = (
    "planning_year",
    "support_count",
    "case__tracking_code",
    "case__title",
    "case__status",
    "case__region_id",
)


def public_proposals_query(district_id: int):
    """A dapil's proposals as the public sees them, most supported first: the columns the list
    shows (PUBLIC_PROPOSAL_FIELDS), as tuples."""
    from satupintu.dprd.models import Proposal

    # Only what the list shows: a case carries ~50 columns, some of them encrypted personal
    # data that would be decrypted for nothing, and 25 rows of three model instances each
    # (proposal, case, kelurahan) cost more than the query; the order is the
    # `dprd_proposal_dapil_page` index, so a page is read off it however many proposals the
    # dapil has.
    return (
        Proposal.objects.filter(district_id=district_id)
        .order_by("-planning_year", "-support_count", "-id")
        .values_list(*PUBLIC_PROPOSAL_FIELDS)
    )


# Every request of the dapil page reads a page of it: its SQL is compiled once (core/prepared).
_public_proposals = PreparedRead(public_proposals_query, samples=(-7_031_117,))


def public_proposals(district: ElectoralDistrict) -> PreparedList:
    """What the dapil page's pager slices: dicts keyed by PUBLIC_PROPOSAL_FIELDS."""
    return PreparedList(_public_proposals, (district.pk,), PUBLIC_PROPOSAL_FIELDS)


def proposal_by_code(code: str):
    from satupintu.dprd.models import Proposal

    return (
        Proposal.objects.filter(case__tracking_code=code, case__kind="pokir")
        .select_related(
            "case",
            "case__region",
            "case__region__parent",
            "case__org_unit",
            "district",
            "adopted_by",
            "proposed_unit",
        )
        .first()
    )


def staff_proposals(user):
    """SETWAN staff and the city's koordinator see every proposal; a member the proposals of
    their own dapil; anyone else none (OPD staff included)."""
    from satupintu.dprd.models import Proposal
    from satupintu.org import permissions
    from satupintu.org.models import OrgUnit

    everything = Proposal.objects.select_related("case", "case__region", "district", "adopted_by")
    if not getattr(user, "is_authenticated", False):
        return everything.none()
    setwan = OrgUnit.objects.filter(code="SETWAN").first()
    if permissions.can_coordinate(user) or (setwan and permissions.works_in(user, setwan)):
        return everything
    member = member_for_user(user)
    if member is not None:
        return everything.filter(district_id=member.district_id)
    return everything.none()


# Aspirations to the DPRD

# Members see an aspiration only once SETWAN has verified and forwarded it.
HIDDEN_FROM_MEMBERS = frozenset({"baru", "diarsipkan"})


def current_term_id() -> int | None:
    term = current_term()
    return term.pk if term else None


def staff_aspirations(user):
    """SETWAN staff and the city koordinator see every aspiration; a member those forwarded to
    the whole council, to a komisi they sit in, or to their dapil; anyone else none (OPD
    staff included)."""
    from django.db.models import Q

    from satupintu.dprd.models import Aspiration
    from satupintu.org import permissions
    from satupintu.org.models import OrgUnit

    everything = Aspiration.objects.select_related(
        "case", "case__region", "commission", "district", "meeting"
    )
    if not getattr(user, "is_authenticated", False):
        return everything.none()
    setwan = OrgUnit.objects.filter(code="SETWAN").first()
    if permissions.can_coordinate(user) or (setwan and permissions.works_in(user, setwan)):
        return everything
    member = member_for_user(user)
    if member is None:
        return everything.none()
    own_bodies = Position.objects.filter(member=member).values("body_id")
    addressed = Q(target=Aspiration.Target.DISTRICT, district_id=member.district_id) | Q(
        target=Aspiration.Target.COMMISSION, commission_id__in=own_bodies
    )
    if member.term_id == current_term_id():
        addressed |= Q(target=Aspiration.Target.COUNCIL)
    return everything.filter(addressed).exclude(case__status__in=HIDDEN_FROM_MEMBERS)


def commissions(term=None):
    term = term or current_term()
    return Body.objects.filter(term=term, kind=Body.Kind.COMMISSION).order_by("order", "code")
