"""The public dapil page with many proposals: order, pages, and a query count that does not
grow with the proposals (bench/dprd.py measures its speed at 100 000)."""

import pytest
from django.db import connection

from satupintu.cases.models import Case
from satupintu.dprd.models import Proposal


def copies(proposal, count: int) -> list[Proposal]:
    """`count` more proposals like `proposal` (same dapil and year), support 0, 1, 2…"""
    made = []
    for i in range(count):
        case = Case.objects.get(pk=proposal.case_id)
        case.pk = None
        case.tracking_code = f"POK-T{i:05d}"
        case.title = f"Usulan nomor {i}"
        case.save()
        made.append(
            Proposal.objects.create(
                case=case,
                district=proposal.district,
                planning_year=proposal.planning_year,
                source=proposal.source,
                work_type=proposal.work_type,
                affair=proposal.affair,
                boundaries=proposal.boundaries,
                volume=proposal.volume,
                volume_unit=proposal.volume_unit,
                support_count=i,
            )
        )
    return made


def dapil_path(proposal) -> str:
    return f"/dprd/dapil/{proposal.district.number}/"


def test_dapil_page_lists_the_most_supported_first_25_a_page(client, proposal):
    copies(proposal, 30)

    first = client.get(dapil_path(proposal)).content.decode()
    second = client.get(dapil_path(proposal) + "?halaman=2").content.decode()

    assert first.index("Usulan nomor 29") < first.index("Usulan nomor 28")
    assert "Usulan nomor 5<" in first and "Usulan nomor 4<" not in first  # 29 … 5
    assert "?halaman=2" in first
    assert "Usulan nomor 4<" in second and "Semenisasi gang Mawar" in second
    assert "?halaman=1" in second


@pytest.mark.parametrize("more", [0, 30])
def test_dapil_page_queries_do_not_grow_with_its_proposals(
    client, proposal, more, django_assert_num_queries
):
    top = (copies(proposal, more) or [proposal])[-1]  # the most supported
    client.get(dapil_path(proposal))

    # Nothing kept (the tests' pages cache keeps nothing): the dapil and its kelurahan's
    # names, its kecamatan, the term, one page of proposals (case joined), the members, the
    # kelurahan: the same with 1 proposal or 31. No count. Kept, it is 1 (the proposals).
    with django_assert_num_queries(7):
        response = client.get(dapil_path(proposal))

    assert response.status_code == 200
    assert top.case.tracking_code in response.content.decode()


def test_dapil_page_does_not_count_the_dapils_proposals(client, proposal):
    from django.test.utils import CaptureQueriesContext

    copies(proposal, 30)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(dapil_path(proposal)).content.decode()
        second = client.get(dapil_path(proposal) + "?halaman=2").content.decode()

    listing = [q["sql"] for q in queries if 'FROM "dprd_proposal"' in q["sql"]]
    assert len(listing) == 2  # one page each, 26 rows: the 26th says a next page exists
    assert not any("COUNT(" in sql.upper() for sql in listing)
    assert 'href="?halaman=2"' in first and 'href="?halaman=1"' not in first
    assert 'href="?halaman=1"' in second and 'href="?halaman=3"' not in second


@pytest.mark.parametrize("wanted", ["3", "9999", "0", "-2", str(10**30)])
def test_a_page_past_the_end_or_below_one_shows_the_last_page(client, proposal, wanted):
    copies(proposal, 30)  # 31 proposals: two pages

    html = client.get(dapil_path(proposal) + f"?halaman={wanted}").content.decode()

    assert "Usulan nomor 4<" in html and "Semenisasi gang Mawar" in html
    assert "Usulan nomor 5<" not in html
    assert 'href="?halaman=1"' in html and 'href="?halaman=3"' not in html


@pytest.mark.parametrize("wanted", ["abc", "2.0", ""])
def test_a_page_number_that_is_no_number_shows_the_first_page(client, proposal, wanted):
    copies(proposal, 30)

    html = client.get(dapil_path(proposal) + f"?halaman={wanted}").content.decode()

    assert "Usulan nomor 29<" in html and 'href="?halaman=2"' in html


def test_a_dapil_with_one_page_has_no_pager(client, proposal):
    html = client.get(dapil_path(proposal)).content.decode()

    assert "Semenisasi gang Mawar" in html
    assert 'href="?halaman=' not in html


def test_dapil_page_reads_no_personal_data_of_the_proposals(client, proposal):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(dapil_path(proposal))

    listing = [q["sql"] for q in queries if 'FROM "dprd_proposal"' in q["sql"]]
    assert listing, "the page lists the dapil's proposals"
    assert not any("reporter_" in sql or "secret_token" in sql for sql in listing)


def test_dapil_page_is_ordered_by_its_index(proposal):
    from satupintu.dprd import selectors

    query = str(selectors.public_proposals_query(proposal.district_id)[:25].query)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {query}")  # noqa: S608 - our own SQL
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "dprd_proposal_dapil_page" in plan
            assert "TEMP B-TREE" not in plan.upper()
        else:
            pytest.skip("the plan on PostgreSQL depends on its statistics")


def test_dapil_page_escapes_what_citizens_wrote(client, proposal):
    case = proposal.case
    case.title = "Jalan <script>alert(\"x\")</script> & gang 'Mawar'"
    case.save()
    case.region.name = "Kel <b>Baru</b>"
    case.region.save()

    html = client.get(dapil_path(proposal)).content.decode()

    assert "<script>alert" not in html and "<b>Baru</b>" not in html
    assert (
        "Jalan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; gang &#x27;Mawar&#x27;"
        in html
    )
    assert "Kel &lt;b&gt;Baru&lt;/b&gt;" in html


@pytest.mark.parametrize("wanted", ["", "?halaman=2", "?halaman=0", "?halaman=x"])
def test_a_dapil_without_proposals_answers_every_page(client, proposal, wanted):
    from satupintu.org.models import ElectoralDistrict

    empty = ElectoralDistrict.objects.exclude(pk=proposal.district_id).order_by("number")[0]
    response = client.get(f"/dprd/dapil/{empty.number}/{wanted}")

    assert response.status_code == 200
    assert "Belum ada usulan." in response.content.decode()
