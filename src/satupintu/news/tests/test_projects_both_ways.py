"""News and development projects, both ways (issue #12): the public news API names an item's
published projects, the public projects API lists the public news about a project, the staff
news page lists the linked projects, and an editor links only projects they may see. Lists read
their links in a fixed number of queries, however many rows they show."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.news import services
from satupintu.news.models import Item
from satupintu.news.tests.conftest import publish, write
from satupintu.projects.models import Project
from satupintu.projects.tests.conftest import make_project

pytestmark = pytest.mark.django_db
NEWS_API = "/api/v1/berita/"
PROJECTS_API = "/api/v1/proyek/"
STAFF_NEWS_API = "/api/v1/kantor/berita/"
STAFF_PROJECTS_API = "/api/v1/kantor/proyek/"


@pytest.fixture
def road(opd_a):
    return make_project(opd_a, name="Pembangunan Jalan Sepinggan")


@pytest.fixture
def hidden(opd_a):
    return make_project(opd_a, name="Gedung belum diumumkan", published=False)


@pytest.fixture
def clinic(opd_b):
    return make_project(opd_b, name="Puskesmas Manggar baru")


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# --- Public news API: the projects of an item ------------------------------------------------


def test_news_api_names_published_projects_only(client, opd_a, editor_a, reviewer_a, road, hidden):
    item = publish(editor_a, reviewer_a, opd_a, projects=[road.slug, hidden.slug])
    expected = [
        {
            "slug": road.slug,
            "title": road.name,
            "url": f"http://testserver{reverse('projects:detail', args=[road.slug])}",
        }
    ]
    listed = client.get(NEWS_API)
    assert listed.status_code == 200
    assert listed.json()["results"][0]["projects"] == expected
    detail = client.get(f"{NEWS_API}{item.slug}/")
    assert detail.json()["projects"] == expected
    assert hidden.slug not in listed.text + detail.text
    assert hidden.name not in listed.text + detail.text


def test_news_api_item_without_public_projects_shows_an_empty_list(
    client, opd_a, editor_a, reviewer_a, hidden
):
    item = publish(editor_a, reviewer_a, opd_a, projects=[hidden.slug])
    assert client.get(f"{NEWS_API}{item.slug}/").json()["projects"] == []


def test_news_api_list_reads_projects_in_fixed_queries(
    client, django_assert_max_num_queries, opd_a, editor_a, reviewer_a, road
):
    publish(editor_a, reviewer_a, opd_a, title="Berita pertama", projects=[road.slug])
    one = queries(client, NEWS_API)
    for n in range(6):
        extra = make_project(opd_a, name=f"Drainase ruas {n}")
        publish(editor_a, reviewer_a, opd_a, title=f"Berita {n}", projects=[road.slug, extra.slug])
    # Seven items, thirteen links: as many queries as for one item (N+1 would add per row).
    with django_assert_max_num_queries(one):
        page = client.get(NEWS_API)
    assert len(page.json()["results"]) == 7
    assert all(row["projects"] for row in page.json()["results"])


# --- Public projects API: the news about a project -------------------------------------------


def test_projects_api_lists_public_news_only(client, opd_a, editor_a, reviewer_a, road, hidden):
    shown = publish(
        editor_a,
        reviewer_a,
        opd_a,
        title="Jalan Sepinggan dilebarkan",
        projects=[road.slug, hidden.slug],
    )
    write(editor_a, opd_a, title="Draf tentang jalan", projects=[road.slug])
    later = publish(editor_a, reviewer_a, opd_a, title="Terjadwal", projects=[road.slug])
    Item.objects.filter(pk=later.pk).update(published_at=timezone.now() + timedelta(days=1))
    publish(editor_a, reviewer_a, opd_a, title="Berita lain")

    detail = client.get(f"{PROJECTS_API}{road.slug}/")
    assert detail.status_code == 200
    sections = detail.json()["related"]
    assert [section["key"] for section in sections] == ["berita"]
    assert sections[0]["heading"] == "Berita terkait"
    entries = sections[0]["entries"]
    assert [entry["title"] for entry in entries] == ["Jalan Sepinggan dilebarkan"]
    assert entries[0]["url"] == f"http://testserver{reverse('news:detail', args=[shown.slug])}"
    assert entries[0]["when"]
    listed = {row["slug"]: row for row in client.get(PROJECTS_API).json()["results"]}
    assert listed[road.slug]["related"] == sections
    for text in (detail.text, client.get(PROJECTS_API).text):
        assert "Draf tentang jalan" not in text and "Terjadwal" not in text
        assert "Berita lain" not in text
    # The unpublished project is not in the public API at all, nor its news.
    assert hidden.slug not in listed
    assert client.get(f"{PROJECTS_API}{hidden.slug}/").status_code == 404


def test_projects_api_without_news_has_no_sections(client, road):
    assert client.get(f"{PROJECTS_API}{road.slug}/").json()["related"] == []


def test_projects_api_list_reads_news_in_fixed_queries(
    client, django_assert_max_num_queries, opd_a, editor_a, reviewer_a, road
):
    publish(editor_a, reviewer_a, opd_a, title="Berita jalan", projects=[road.slug])
    one = queries(client, PROJECTS_API)
    for n in range(6):
        project = make_project(opd_a, name=f"Drainase ruas {n}")
        publish(editor_a, reviewer_a, opd_a, title=f"Berita drainase {n}", projects=[project.slug])
    with django_assert_max_num_queries(one):
        page = client.get(PROJECTS_API)
    assert len(page.json()["results"]) == 7
    assert all(row["related"] for row in page.json()["results"])


def test_staff_projects_api_has_no_related_sections(client, opd_a, editor_a, road):
    client.force_login(editor_a)
    assert "related" not in client.get(f"{STAFF_PROJECTS_API}{road.slug}/").json()


# --- Staff pages: the linked projects, and linking only what one may see ---------------------


def test_staff_news_page_lists_linked_projects_with_staff_links(
    client, opd_a, editor_a, road, hidden
):
    item = write(editor_a, opd_a, projects=[road.slug, hidden.slug])
    client.force_login(editor_a)
    page = client.get(reverse("news:staff_detail", args=[item.pk])).text
    assert "Proyek pembangunan terkait" in page
    for project in (road, hidden):
        assert f'href="{reverse("projects:staff_detail", args=[project.slug])}"' in page
        assert project.name in page
    assert "tidak terbit" in page  # the unpublished one is marked
    empty = write(editor_a, opd_a, title="Tanpa proyek")
    assert (
        "Belum ada proyek yang ditautkan."
        in client.get(reverse("news:staff_detail", args=[empty.pk])).text
    )


def test_a_project_moved_out_of_sight_is_neither_shown_nor_dropped(
    client, opd_a, opd_b, editor_a, road, clinic
):
    moved = make_project(opd_a, name="Jembatan yang dipindah")
    item = write(editor_a, opd_a, projects=[road.slug, moved.slug])
    Project.objects.filter(pk=moved.pk).update(org_unit=opd_b)
    client.force_login(editor_a)
    page = client.get(reverse("news:staff_detail", args=[item.pk])).text
    assert road.name in page and moved.name not in page
    assert "1 proyek lain di luar unit Anda." in page
    services.update_item(actor=editor_a, item=item, projects=[])
    assert list(item.projects.values_list("slug", flat=True)) == [moved.slug]


def test_linking_a_project_one_may_not_see_is_refused_keeping_what_was_typed(
    client, opd_a, editor_a, road, clinic
):
    item = write(editor_a, opd_a, projects=[road.slug])
    client.force_login(editor_a)
    url = reverse("news:edit", args=[item.pk])
    assert clinic.slug not in client.get(url).text  # not offered
    data = {
        "kind": "berita",
        "title": "Judul yang baru diketik",
        "summary": "Ringkasan yang baru diketik.",
        "body": "<p>Isi.</p>",
        "projects": [road.slug, clinic.slug],
    }
    page = client.post(url, data)
    assert page.status_code in (200, 400)
    assert f"Proyek {clinic.slug} tidak dapat ditautkan" in page.text
    assert "Judul yang baru diketik" in page.text  # what was typed is kept
    item.refresh_from_db()
    assert item.title != "Judul yang baru diketik"  # nothing saved
    assert list(item.projects.values_list("slug", flat=True)) == [road.slug]
    assert not AuditEvent.objects.filter(action="news.updated").exists()


def test_staff_api_refuses_a_project_one_may_not_see(client, opd_a, editor_a, road, clinic):
    item = write(editor_a, opd_a, projects=[road.slug])
    client.force_login(editor_a)
    refused = client.patch(
        f"{STAFF_NEWS_API}{item.pk}/",
        {"title": "Judul baru", "projects": [clinic.slug]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "Proyek tidak ditemukan" in refused.json()["detail"]
    item.refresh_from_db()
    assert item.title != "Judul baru"
    assert list(item.projects.values_list("slug", flat=True)) == [road.slug]


def test_staff_api_list_reads_projects_in_fixed_queries(
    client, django_assert_max_num_queries, opd_a, editor_a, road
):
    write(editor_a, opd_a, title="Satu", projects=[road.slug])
    client.force_login(editor_a)
    one = queries(client, STAFF_NEWS_API)
    for n in range(5):
        write(editor_a, opd_a, title=f"Draf {n}", projects=[road.slug])
    with django_assert_max_num_queries(one):
        assert len(client.get(STAFF_NEWS_API).json()["results"]) == 6


def test_other_opd_objects_are_404_in_pages_and_api(
    client, opd_a, opd_b, editor_a, editor_b, road, clinic
):
    theirs = write(editor_b, opd_b, title="Puskesmas dibuka", projects=[clinic.slug])
    client.force_login(editor_a)
    for url in (
        reverse("news:staff_detail", args=[theirs.pk]),
        reverse("news:edit", args=[theirs.pk]),
        reverse("projects:staff_detail", args=[clinic.slug]),
        f"{STAFF_NEWS_API}{theirs.pk}/",
        f"{STAFF_PROJECTS_API}{clinic.slug}/",
    ):
        assert client.get(url).status_code == 404, url
    # The public APIs know neither a draft nor its projects.
    assert client.get(f"{NEWS_API}{theirs.slug}/").status_code == 404
    assert client.get(f"{PROJECTS_API}{clinic.slug}/").json()["related"] == []
