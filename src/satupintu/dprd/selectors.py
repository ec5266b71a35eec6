"""Reads of the council: the current term, its bodies and members, dapil and kelurahan."""

from django.db.models import Count, Prefetch

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
