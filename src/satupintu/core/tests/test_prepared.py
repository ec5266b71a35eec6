"""core/prepared.py: the ORM's SQL compiled once, run with each call's arguments."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db.models import Q

from satupintu.core import prepared
from satupintu.core.listing import uncounted_page_of
from satupintu.core.prepared import PreparedList, PreparedRead
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def units():
    parent_a = OrgUnitFactory(name="Induk A")
    parent_b = OrgUnitFactory(name="Induk B")
    made = [OrgUnitFactory(parent=parent_a, name=f"Unit A{i:02d}") for i in range(12)]
    made += [OrgUnitFactory(parent=parent_b, name=f"Unit B{i:02d}") for i in range(3)]
    return parent_a, parent_b, made


def children(parent_id):
    return OrgUnit.objects.filter(parent_id=parent_id).order_by("name").values_list("id", "name")


class CountingBuild:
    def __init__(self, build):
        self.build = build
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return self.build(*args)


def test_rows_are_what_the_queryset_gives_for_every_argument_and_slice(units):
    parent_a, parent_b, _ = units
    read = PreparedRead(children, samples=(-91_234,))

    for parent in (parent_a, parent_b):
        assert read.rows(parent.pk) == list(children(parent.pk))
        assert read.rows(parent.pk, start=0, stop=5) == list(children(parent.pk)[0:5])
        assert read.rows(parent.pk, start=5, stop=10) == list(children(parent.pk)[5:10])
    assert read.rows(-1) == []


def test_the_query_is_compiled_once_per_slice_then_only_run(units, django_assert_num_queries):
    parent_a, parent_b, _ = units
    build = CountingBuild(children)
    read = PreparedRead(build, samples=(-91_234,))

    read.rows(parent_a.pk, start=0, stop=5)
    read.rows(parent_b.pk, start=0, stop=5)
    with django_assert_num_queries(1):
        read.rows(parent_a.pk, start=0, stop=5)
    read.rows(parent_a.pk, start=5, stop=10)

    assert build.calls == 2  # the slices 0:5 and 5:10, whatever the arguments


def test_deep_slices_past_the_kept_ones_are_still_right(units, monkeypatch):
    parent_a, _, _ = units
    monkeypatch.setattr(prepared, "MAX_KEPT_SLICES", 2)
    build = CountingBuild(children)
    read = PreparedRead(build, samples=(-91_234,))

    for start in range(0, 12, 3):
        assert read.rows(parent_a.pk, start=start, stop=start + 3) == list(
            children(parent_a.pk)[start : start + 3]
        )
    read.rows(parent_a.pk, start=9, stop=12)

    assert build.calls == 5  # two slices kept; the third and fourth compiled every time


def test_rows_go_through_the_fields_converters():
    joined = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
    person = UserFactory(date_joined=joined)

    def joined_of(pk):
        return User.objects.filter(pk=pk).values_list("date_joined", "is_active")

    read = PreparedRead(joined_of, samples=(-91_234,))

    (row,) = read.rows(person.pk)
    assert row == (joined, True)
    assert isinstance(row[0], datetime.datetime)  # SQLite stores text: converted as the ORM does
    assert row == tuple(joined_of(person.pk)[0])


def test_an_argument_used_twice_is_filled_everywhere(units):
    def named_or_coded(text):
        return (
            OrgUnit.objects.filter(Q(name=text) | Q(code=text)).order_by("name").values_list("name")
        )

    read = PreparedRead(named_or_coded, samples=("\x00tidak-ada",))
    unit = OrgUnit.objects.get(name="Unit A03")

    assert read.rows("Unit A03") == [("Unit A03",)]
    assert read.rows(unit.code) == [("Unit A03",)]
    assert read.rows("Unit Z99") == []


def test_an_argument_the_orm_transforms_is_refused_not_guessed(units):
    def containing(text):
        return OrgUnit.objects.filter(name__icontains=text).values_list("name")

    read = PreparedRead(containing, samples=("\x00tidak-ada",))
    with pytest.raises(ImproperlyConfigured, match="not a parameter"):
        read.rows("Unit")


def test_a_build_without_values_list_is_refused(units):
    read = PreparedRead(lambda pk: OrgUnit.objects.filter(pk=pk), samples=(-91_234,))
    with pytest.raises(ImproperlyConfigured, match="values_list"):
        read.rows(1)


def test_a_prepared_list_pages_like_the_queryset(units, rf):
    parent_a, _, _ = units
    read = PreparedRead(children, samples=(-91_234,))
    listing = PreparedList(read, (parent_a.pk,), ("id", "name"))
    expected = [{"id": pk, "name": name} for pk, name in children(parent_a.pk)]

    first = uncounted_page_of(rf.get("/"), listing, 5)
    third = uncounted_page_of(rf.get("/?halaman=3"), listing, 5)
    past_the_end = uncounted_page_of(rf.get("/?halaman=99"), listing, 5)

    assert list(first) == expected[:5] and first.has_next()
    assert list(third) == expected[10:] and not third.has_next()
    # Past the end, the pager counts (through the ORM) and shows the last page.
    assert past_the_end.number == 3 and list(past_the_end) == expected[10:]
    assert Paginator(listing, 5).count == 12


def test_an_empty_list_past_its_end_is_an_empty_first_page(units, rf):
    """The last page of an empty list is the slice [0:0], which the ORM answers without a
    query: so must the prepared read (it raised EmptyResultSet, a 500 on an empty dapil)."""
    read = PreparedRead(children, samples=(-91_234,))
    listing = PreparedList(read, (-1,), ("id", "name"))

    past_the_end = uncounted_page_of(rf.get("/?halaman=3"), listing, 5)

    assert past_the_end.number == 1 and list(past_the_end) == []
    assert read.rows(-1, start=0, stop=0) == []


def test_a_prepared_list_takes_plain_slices_only(units):
    read = PreparedRead(children, samples=(-91_234,))
    listing = PreparedList(read, (1,), ("id", "name"))
    with pytest.raises(TypeError):
        listing[0]
    with pytest.raises(TypeError):
        listing[0:10:2]


def test_on_postgresql_the_statement_is_prepared_and_nothing_else_is(units):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    parent_a, _, _ = units
    read = PreparedRead(children, samples=(-91_234,))
    for _ in range(3):
        assert read.rows(parent_a.pk) == list(children(parent_a.pk))
    list(OrgUnit.objects.filter(name="Unit A01").values_list("pk"))  # the ORM, as configured

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared_sql = [row[0] for row in cursor.fetchall()]
    assert any('"org_orgunit"."parent_id" = $1' in sql for sql in prepared_sql)
    assert not any("Unit A01" in sql or "pg_prepared_statements" in sql for sql in prepared_sql)


# PreparedObjects: instances as only() + select_related() make them.


def units_with_parent(name):
    return OrgUnit.objects.filter(parent__name=name).order_by("name")


def test_objects_are_the_orms_with_their_relation_and_deferred_fields(
    units, django_assert_num_queries
):
    read = prepared.PreparedObjects(
        OrgUnit, ("name", "parent", "parent__name"), units_with_parent, samples=("~sample~",)
    )
    expected = list(
        units_with_parent("Induk A").select_related("parent").only("name", "parent__name")
    )

    with django_assert_num_queries(1):
        made = read.objects("Induk A")
        shown = [(u.pk, u.name, u.parent_id, u.parent.name, u.parent.pk) for u in made]

    assert shown == [(u.pk, u.name, u.parent_id, u.parent.name, u.parent.pk) for u in expected]
    assert made[0].get_deferred_fields() == expected[0].get_deferred_fields()
    assert made[0].parent.get_deferred_fields() == expected[0].parent.get_deferred_fields()
    assert not made[0]._state.adding and made[0]._state.db == "default"
    code = OrgUnit.objects.get(pk=made[0].pk).code
    with django_assert_num_queries(1):  # a field left out is read on access, as with only()
        assert made[0].code == code


def test_a_missing_relation_is_none_without_a_query(units, django_assert_num_queries):
    def top_units(name):
        return OrgUnit.objects.filter(name=name)

    read = prepared.PreparedObjects(
        OrgUnit, ("name", "parent", "parent__name"), top_units, samples=("~sample~",)
    )
    with django_assert_num_queries(1):
        (top,) = read.objects("Induk A")
        assert top.parent is None


@pytest.mark.parametrize(
    "fields",
    [("name", "parent__parent__name"), ("nama_yang_tidak_ada",), ("name", "children__name")],
)
def test_fields_it_cannot_make_are_refused(units, fields):
    read = prepared.PreparedObjects(OrgUnit, fields, units_with_parent, samples=("~sample~",))
    with pytest.raises(ImproperlyConfigured):
        read.objects("Induk A")
