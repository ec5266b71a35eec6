"""Public pages, feeds, the API, the home page and one search; staff pages per OPD."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from satupintu.news import services
from satupintu.news.models import Item
from satupintu.news.tests.conftest import image_upload, publish, write

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(opd_a, opd_b, editor_a, reviewer_a, editor_b, reviewer_b):
    road = publish(editor_a, reviewer_a, opd_a)
    notice = publish(
        editor_a, reviewer_a, opd_a, kind=Item.Kind.ANNOUNCEMENT, title="Penutupan jalan MT Haryono"
    )
    health = publish(editor_b, reviewer_b, opd_b, title="Vaksinasi anak gratis di puskesmas")
    draft = write(editor_a, opd_a, title="Draf rahasia proyek drainase")
    later = write(editor_a, opd_a, title="Pengumuman terjadwal pengaspalan malam")
    services.transition(
        actor=reviewer_a,
        item=later,
        action="publish_draft",
        publish_at=timezone.now() + timedelta(days=1),
    )
    start = timezone.now() + timedelta(days=3)
    event = write(
        editor_a,
        opd_a,
        kind=Item.Kind.EVENT,
        title="Sosialisasi jalan Sepinggan",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Kantor Kelurahan Sepinggan",
    )
    services.transition(actor=reviewer_a, item=event, action="publish_draft")
    return {
        "road": road,
        "notice": notice,
        "health": health,
        "draft": draft,
        "later": later,
        "event": event,
    }


def test_public_lists_show_only_published_and_due(client, items):
    body = client.get("/berita/").content.decode()
    assert items["road"].title in body and items["health"].title in body
    assert items["notice"].title not in body  # an announcement: on /pengumuman/
    assert items["draft"].title not in body and items["later"].title not in body
    assert items["notice"].title in client.get("/pengumuman/").content.decode()
    agenda = client.get("/agenda/").content.decode()
    assert items["event"].title in agenda and "Kantor Kelurahan Sepinggan" in agenda
    unit = client.get("/berita/opd/DPU/").content.decode()
    assert items["road"].title in unit and items["health"].title not in unit
    assert client.get("/berita/opd/TIDAKADA/").status_code == 404


def test_detail_page_of_draft_and_scheduled_is_404(client, items):
    response = client.get(f"/berita/{items['road'].slug}/")
    assert response.status_code == 200
    assert "Pekerjaan berlangsung empat bulan." in response.content.decode()
    assert client.get(f"/berita/{items['draft'].slug}/").status_code == 404
    assert client.get(f"/berita/{items['later'].slug}/").status_code == 404


def test_detail_page_shows_the_image_with_alt_and_fallback(client, opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    services.set_image(actor=editor_a, item=item, upload=image_upload(), alt_text="Alat berat")
    services.transition(actor=reviewer_a, item=item, action="publish_draft")
    body = client.get(f"/berita/{item.slug}/").content.decode()
    assert 'alt="Alat berat"' in body
    assert 'type="image/webp"' in body and ".jpeg" in body
    home = client.get("/").content.decode()
    assert item.title in home and 'loading="lazy"' in home


def test_feeds_are_xml_with_the_right_items(client, items):
    rss = client.get("/berita/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = etree.fromstring(rss.content).find("channel")
    titles = [i.findtext("title") for i in channel.findall("item")]
    assert any(items["road"].title in t for t in titles)
    assert any(items["health"].title in t for t in titles)
    assert not any(items["draft"].title in t or items["later"].title in t for t in titles)
    atom = etree.fromstring(client.get("/berita/atom/").content)
    assert atom.tag == f"{ATOM}feed"
    assert len(atom.findall(f"{ATOM}entry")) == len(titles)
    unit = etree.fromstring(client.get("/berita/opd/DINKES/atom/").content)
    unit_titles = [e.findtext(f"{ATOM}title") for e in unit.findall(f"{ATOM}entry")]
    assert len(unit_titles) == 1 and items["health"].title in unit_titles[0]
    unit_rss = etree.fromstring(client.get("/berita/opd/DPU/rss/").content)
    assert items["health"].title not in etree.tostring(unit_rss, encoding="unicode")
    assert client.get("/berita/opd/TIDAKADA/rss/").status_code == 404


def test_home_page_shows_latest_news(client, items):
    body = client.get("/").content.decode()
    assert items["road"].title in body and items["health"].title in body
    assert items["draft"].title not in body
    assert "/berita/" in body


def test_api_lists_only_public_items(client, items):
    data = client.get("/api/v1/berita/").json()
    rows = data["results"] if isinstance(data, dict) else data
    slugs = {row["slug"] for row in rows}
    assert items["road"].slug in slugs and items["event"].slug in slugs
    assert items["draft"].slug not in slugs and items["later"].slug not in slugs
    only = client.get("/api/v1/berita/?jenis=pengumuman").json()
    only_rows = only["results"] if isinstance(only, dict) else only
    assert [row["slug"] for row in only_rows] == [items["notice"].slug]
    detail = client.get(f"/api/v1/berita/{items['road'].slug}/").json()
    assert detail["opd_code"] == "DPU" and "<p>" in detail["body"]
    assert client.get(f"/api/v1/berita/{items['draft'].slug}/").status_code == 404


def test_search_finds_news_with_a_typo_and_only_published(client, items):
    body = client.get("/cari/", {"q": "pembangunn jalan sepinggan"}).content.decode()
    assert items["road"].title in body
    assert "Berita, pengumuman dan agenda" in body
    assert (
        client.get("/cari/", {"q": "draf rahasia drainase"})
        .content.decode()
        .count(items["draft"].title)
        == 0
    )
    assert (
        items["later"].title
        not in client.get("/cari/", {"q": "pengaspalan malam"}).content.decode()
    )


def test_staff_pages_per_opd(client, items, editor_a, editor_b, reviewer_a):
    draft = items["draft"]
    client.force_login(editor_b)
    assert client.get(f"/kantor/berita/{draft.pk}/").status_code == 404
    assert client.get(f"/kantor/berita/{draft.pk}/ubah/").status_code == 404
    response = client.post(f"/kantor/berita/{draft.pk}/tindakan/", {"action": "submit"})
    assert response.status_code == 404
    assert draft.title not in client.get("/kantor/berita/").content.decode()
    client.force_login(editor_a)
    assert draft.title in client.get("/kantor/berita/").content.decode()
    assert client.get(f"/kantor/berita/{draft.pk}/").status_code == 200
    client.post(f"/kantor/berita/{draft.pk}/tindakan/", {"action": "submit"})
    assert Item.objects.get(pk=draft.pk).status == Item.Status.REVIEW
    client.post(f"/kantor/berita/{draft.pk}/tindakan/", {"action": "publish"})
    assert Item.objects.get(pk=draft.pk).status == Item.Status.REVIEW  # editors don't publish
    client.force_login(reviewer_a)
    client.post(f"/kantor/berita/{draft.pk}/tindakan/", {"action": "publish"})
    assert Item.objects.get(pk=draft.pk).status == Item.Status.PUBLISHED


def test_create_form_keeps_input_on_error(client, opd_a, editor_a):
    client.force_login(editor_a)
    response = client.post(
        "/kantor/berita/baru/",
        {"org_unit": opd_a.pk, "kind": "agenda", "title": "Kerja bakti", "summary": "Ayo ikut"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Agenda kota memerlukan waktu mulai." in body
    assert 'value="Kerja bakti"' in body
    assert not Item.objects.exists()
    response = client.post(
        "/kantor/berita/baru/",
        {
            "org_unit": opd_a.pk,
            "kind": "berita",
            "title": "Kerja bakti",
            "summary": "Ayo ikut",
            "body": "<p>Minggu pagi</p><script>x()</script>",
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302 and item.body == "<p>Minggu pagi</p>"


def test_create_form_offers_only_own_units(client, opd_a, opd_b, editor_a):
    client.force_login(editor_a)
    client.post(
        "/kantor/berita/baru/",
        {"org_unit": opd_b.pk, "kind": "berita", "title": "Salah unit", "summary": "x"},
    )
    assert not Item.objects.exists()


def test_image_form_without_alt_text_keeps_the_page(client, opd_a, editor_a):
    item = write(editor_a, opd_a)
    client.force_login(editor_a)
    response = client.post(
        f"/kantor/berita/{item.pk}/gambar/", {"image": image_upload(), "alt_text": ""}
    )
    assert response.status_code == 400
    assert "Tuliskan teks alternatif" in response.content.decode()
    response = client.post(
        f"/kantor/berita/{item.pk}/gambar/", {"image": image_upload(), "alt_text": "Papan proyek"}
    )
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).image.alt_text == "Papan proyek"


def test_scheduled_publication_form(client, opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    client.force_login(reviewer_a)
    when = timezone.localtime() + timedelta(days=2)
    client.post(
        f"/kantor/berita/{item.pk}/tindakan/",
        {"action": "publish_draft", "publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED
    assert timezone.localtime(item.published_at).date() == when.date()
    client.logout()
    assert client.get(f"/berita/{item.slug}/").status_code == 404


def test_agenda_lists_coming_events_soonest_first(client, opd_a, editor_a, reviewer_a):
    now = timezone.now()
    rows = [("Kerja bakti lusa", 2), ("Lomba besok", 1), ("Pameran kemarin", -1)]
    for title, days in rows:
        start = now + timedelta(days=days)
        item = write(
            editor_a,
            opd_a,
            kind=Item.Kind.EVENT,
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            place="Balai Kota",
        )
        services.transition(actor=reviewer_a, item=item, action="publish_draft")
    body = client.get("/agenda/").content.decode()
    assert "Pameran kemarin" not in body
    assert body.index("Lomba besok") < body.index("Kerja bakti lusa")
