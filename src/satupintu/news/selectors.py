"""Read queries: public lists, feeds and search (published and due only), staff lists (scoped
to the editor's units through `org.permissions`)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from satupintu.core.textsearch import VersionedIndex
from satupintu.news.models import Item
from satupintu.org import permissions
from satupintu.projects import selectors as project_selectors

HOME_ITEMS = 4
# Weight of a search match by where the word was found: the title names the item.
WEIGHTS = {"title": 3.0, "summary": 1.5, "place": 1.2, "unit": 1.0, "body": 0.8}


def public_items(kind: str = "", unit_code: str = "") -> QuerySet[Item]:
    """Published items whose publication time has come, newest first."""
    queryset = Item.objects.filter(
        status=Item.Status.PUBLISHED, published_at__lte=timezone.now(), org_unit__is_active=True
    ).select_related("org_unit", "image")
    if kind:
        queryset = queryset.filter(kind=kind)
    if unit_code:
        queryset = queryset.filter(org_unit__code=unit_code)
    return queryset.order_by("-published_at", "-pk")


def upcoming_events(unit_code: str = "") -> QuerySet[Item]:
    """City events not yet over, soonest first."""
    now = timezone.now()
    return (
        public_items(Item.Kind.EVENT, unit_code)
        .exclude(ends_at__lt=now)
        .exclude(ends_at=None, starts_at__lt=now - timedelta(hours=12))
        .order_by("starts_at", "pk")
    )


def with_public_projects(queryset: QuerySet[Item]) -> QuerySet[Item]:
    """`queryset` with each item's published projects in `item.public_projects` (one query for
    the whole page, whatever its length): a draft or unpublished project is never among them."""
    about = Prefetch(
        "projects",
        queryset=project_selectors.public_projects().order_by("name", "pk"),
        to_attr="public_projects",
    )
    return queryset.prefetch_related(about)


def public_item(slug: str) -> Item | None:
    """A public item, with the public projects it is about (`item.public_projects`)."""
    return with_public_projects(public_items()).filter(slug=slug).first()


def about_project(project, limit: int = 10) -> list[Item]:
    """Public items (published, their time come) about a development project, newest first."""
    return list(public_items().filter(projects=project)[:limit])


def about_projects(projects, limit: int = 10) -> dict[int, list[Item]]:
    """Project pk → its public items, newest first, at most `limit` each: one query for a
    whole page of projects (the public projects API)."""
    found: dict[int, list[Item]] = {project.pk: [] for project in projects}
    links = (
        Item.projects.through.objects.filter(project_id__in=list(found), item__in=public_items())
        .select_related("item")
        .order_by("-item__published_at", "-item__pk")
    )
    for link in links:
        if len(found[link.project_id]) < limit:
            found[link.project_id].append(link.item)
    return found


def latest_for_home() -> list[Item]:
    return list(public_items().exclude(kind=Item.Kind.EVENT)[:HOME_ITEMS])


# --- Staff -----------------------------------------------------------------------------------


@dataclass
class StaffFilter:
    status: str = ""
    kind: str = ""

    @classmethod
    def from_params(cls, params) -> "StaffFilter":
        status = params.get("status", "")
        kind = params.get("jenis", "")
        return cls(
            status=status if status in Item.Status.values else "",
            kind=kind if kind in Item.Kind.values else "",
        )


def staff_items(user, filters: StaffFilter | None = None) -> QuerySet[Item]:
    filters = filters or StaffFilter()
    queryset = permissions.scope_news(user, Item.objects.select_related("org_unit", "image"))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return queryset.order_by("-updated_at", "-pk")


def staff_item_or_404(user, pk) -> Item:
    item = staff_items(user).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def staff_item_projects(user, item: Item) -> tuple[list, int]:
    """The projects an item is about that `user` may see (their staff pages), by name, and how
    many others it names (moved to a unit outside theirs since): those are not shown."""
    linked = item.projects.select_related("org_unit").order_by("name", "pk")
    visible = list(linked.filter(pk__in=project_selectors.staff_projects(user).values("pk")))
    return visible, linked.count() - len(visible)


# --- Search ----------------------------------------------------------------------------------


def _index_rows():
    # Scheduled items are indexed too: whether they are due is checked per query.
    rows = Item.objects.filter(status=Item.Status.PUBLISHED, org_unit__is_active=True).values_list(
        "pk", "title", "summary", "place", "body_text", "org_unit__name", "org_unit__short_name"
    )
    for pk, title, summary, place, body, unit, short in rows.iterator(chunk_size=2000):
        yield {
            "id": pk,
            "title": title,
            "summary": summary,
            "place": place,
            "unit": f"{unit} {short}",
            "body": body[:1500],  # the opening says what an item is about; keeps the index small
        }


search_index = VersionedIndex("news", WEIGHTS, _index_rows)


def search(query: str, limit: int) -> tuple[int, list[Item]]:
    """How many public items match `query` (typo-tolerant), and the first `limit`, best first."""
    ids = search_index.search(query)
    if not ids:
        return 0, []
    # Scheduled items not yet due are few: leave them out rather than ask for every match.
    not_due = set(
        Item.objects.filter(
            status=Item.Status.PUBLISHED, published_at__gt=timezone.now()
        ).values_list("pk", flat=True)
    )
    ranked = [pk for pk in ids if pk not in not_due]
    page = ranked[:limit]
    # Only the columns a hit shows, not the body.
    found = (
        public_items()
        .select_related(None)
        .select_related("org_unit")
        .only("title", "slug", "kind", "published_at", "org_unit__name")
        .in_bulk(page)
    )
    return len(ranked), [found[pk] for pk in page if pk in found]
