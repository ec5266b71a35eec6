"""News about development projects: the editor names projects of their OPD (pages and API,
checked), the public project page lists "Berita terkait" once an item is public (published,
its time come) and the news page links back to the project."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.news import services
from satupintu.news.models import Item
from satupintu.news.tests.conftest import publish, write
from satupintu.projects.tests.conftest import make_project

pytestmark = pytest.mark.django_db
API = "/api/v1/kantor/berita/"


@pytest.fixture
def road(opd_a):
    return make_project(opd_a, name="Pembangunan Jalan Sepinggan")


@pytest.fixture
def clinic(opd_b):
    return make_project(opd_b, name="Puskesmas Manggar baru")


def item_form(unit, **changes):
    data = {
        "org_unit": unit.pk,
        "kind": "berita",
        "title": "Jalan Sepinggan dilebarkan",
        "summary": "Pelebaran jalan mencapai separuh.",
        "body": "<p>Pekerjaan berjalan.</p>",
    }
    data.update(changes)
    return data


def test_editor_names_a_project_and_the_pages_link_both_ways(
    client, opd_a, editor_a, reviewer_a, road
):
    hidden = make_project(opd_a, name="Gedung belum diumumkan", published=False)
    client.force_login(editor_a)
    page = client.get(reverse("news:create"))
    assert road.slug in page.text and hidden.slug in page.text  # the OPD's own projects
    created = client.post(
        reverse("news:create"), item_form(opd_a, projects=[road.slug, hidden.slug])
    )
    assert created.status_code == 302, created.content
    item = Item.objects.get(title="Jalan Sepinggan dilebarkan")
    assert set(item.projects.values_list("slug", flat=True)) == {road.slug, hidden.slug}
    event = AuditEvent.objects.get(action="news.created")
    assert sorted(event.data["projects"]) == sorted([road.slug, hidden.slug])

    project_page = reverse("projects:detail", args=[road.slug])
    assert "Berita terkait" not in client.get(project_page).text  # a draft is not public

    # Scheduled: not on the project page until its time comes.
    services.transition(actor=editor_a, item=item, action="submit")
    later = timezone.now() + timedelta(hours=3)
    services.transition(actor=reviewer_a, item=item, action="publish", publish_at=later)
    client.logout()
    assert "Jalan Sepinggan dilebarkan" not in client.get(project_page).text
    Item.objects.filter(pk=item.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    shown = client.get(project_page)
    assert "Berita terkait" in shown.text
    assert f'href="{reverse("news:detail", args=[item.slug])}"' in shown.text

    news_page = client.get(reverse("news:detail", args=[item.slug]))
    assert "Proyek pembangunan terkait" in news_page.text
    assert f'href="{project_page}"' in news_page.text
    # The unpublished project is named on the item but never shown to the public.
    assert hidden.name not in news_page.text


def test_editing_changes_the_projects_and_keeps_the_others(client, opd_a, editor_a, road):
    other = make_project(opd_a, name="Drainase Gunung Bahagia")
    item = write(editor_a, opd_a, projects=[road.slug])
    client.force_login(editor_a)
    url = reverse("news:edit", args=[item.pk])
    assert "selected" in client.get(url).text
    data = item_form(opd_a, projects=[other.slug])
    del data["org_unit"]
    assert client.post(url, data).status_code == 302
    assert list(item.projects.values_list("slug", flat=True)) == [other.slug]
    assert "projects" in AuditEvent.objects.filter(action="news.updated").get().data["fields"]


def test_another_opds_project_is_refused_keeping_what_was_typed(client, opd_a, editor_a, clinic):
    client.force_login(editor_a)
    page = client.post(reverse("news:create"), item_form(opd_a, projects=[clinic.slug]))
    assert page.status_code in (200, 400)
    assert "Jalan Sepinggan dilebarkan" in page.text and "errorlist" in page.text
    assert f'value="{clinic.slug}"' not in page.text  # not even offered
    assert not Item.objects.exists()
    with pytest.raises(services.NewsError, match="Proyek tidak ditemukan"):
        write(editor_a, opd_a, projects=[clinic.slug])
    assert not Item.objects.exists()


def test_staff_api_names_projects_and_refuses_others(client, opd_a, editor_a, road, clinic):
    client.force_login(editor_a)
    body = {
        "opd": "DPU",
        "kind": "berita",
        "title": "Jalan Sepinggan dilebarkan",
        "summary": "Pelebaran jalan mencapai separuh.",
        "projects": [road.slug],
    }
    created = client.post(API, body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["projects"] == [road.slug]
    url = f"{API}{created.json()['id']}/"
    refused = client.patch(url, {"projects": [clinic.slug]}, content_type="application/json")
    assert refused.status_code == 400
    assert "Proyek tidak ditemukan" in refused.json()["detail"]
    assert client.get(url).json()["projects"] == [road.slug]
    bad = client.patch(url, {"projects": "bukan-daftar"}, content_type="application/json")
    assert bad.status_code == 400 and "projects" in bad.json()
    cleared = client.patch(url, {"projects": []}, content_type="application/json")
    assert cleared.status_code == 200 and cleared.json()["projects"] == []


def test_only_public_news_of_the_project_is_listed(
    client, opd_a, opd_b, editor_a, reviewer_a, editor_b, road
):
    publish(editor_a, reviewer_a, opd_a, title="Berita terbit", projects=[road.slug])
    write(editor_a, opd_a, title="Draf yang belum terbit", projects=[road.slug])
    publish(editor_a, reviewer_a, opd_a, title="Berita proyek lain")
    page = client.get(reverse("projects:detail", args=[road.slug])).text
    assert "Berita terbit" in page
    assert "Draf yang belum terbit" not in page and "Berita proyek lain" not in page
