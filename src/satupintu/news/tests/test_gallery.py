"""An item's gallery: pictures checked and resized like the lead image, alt text required,
ordered by the editor, shown as a light no-JS gallery, editable only within the editor's OPD."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satupintu.core.models import AuditEvent
from satupintu.news import gallery, services
from satupintu.news.models import GalleryImage
from satupintu.news.tests.conftest import image_upload, write

pytestmark = pytest.mark.django_db


def add(actor, item, alt="Alat berat di jalan", **kwargs):
    return gallery.add_image(
        actor=actor, item=item, upload=kwargs.pop("upload", image_upload()), alt_text=alt, **kwargs
    )


def order_of(item):
    return list(item.gallery.values_list("alt_text", flat=True))


def test_pictures_are_resized_like_the_lead_image_and_kept_in_order(opd_a, editor_a):
    item = write(editor_a, opd_a)
    first = add(editor_a, item, "Pertama", upload=image_upload(2000, 1000), caption="Hari ke-1")
    add(editor_a, item, "Kedua", upload=image_upload(600, 400, fmt="PNG", name="b.png"))
    assert first.widths() == [480, 960, 1440]
    assert set(first.renditions["480"]) == {"webp", "jpeg"}
    assert first.caption == "Hari ke-1"
    assert order_of(item) == ["Pertama", "Kedua"]
    assert list(item.gallery.values_list("position", flat=True)) == [0, 1]
    assert AuditEvent.objects.filter(action="news.gallery_added").count() == 2


@pytest.mark.parametrize("alt", ["", "   "])
def test_picture_without_alt_text_is_refused(opd_a, editor_a, alt):
    item = write(editor_a, opd_a)
    with pytest.raises(services.NewsError) as refused:
        add(editor_a, item, alt)
    assert refused.value.status == 400
    assert "teks alternatif" in refused.value.message.lower()
    assert not GalleryImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(opd_a, editor_a):
    item = write(editor_a, opd_a)
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan gambar", "image/jpeg")
    with pytest.raises(services.NewsError) as refused:
        add(editor_a, item, upload=fake)
    assert refused.value.status == 400
    assert not GalleryImage.objects.exists()


def test_too_many_pictures_are_refused(opd_a, editor_a, monkeypatch):
    monkeypatch.setattr(gallery, "MAX_IMAGES", 2)
    item = write(editor_a, opd_a)
    add(editor_a, item, "Satu")
    add(editor_a, item, "Dua")
    with pytest.raises(services.NewsError) as refused:
        add(editor_a, item, "Tiga")
    assert "paling banyak 2" in refused.value.message
    assert order_of(item) == ["Satu", "Dua"]


def test_long_caption_is_refused(opd_a, editor_a):
    item = write(editor_a, opd_a)
    with pytest.raises(services.NewsError):
        add(editor_a, item, caption="x" * 301)
    assert not GalleryImage.objects.exists()


def test_reorder_and_remove(opd_a, editor_a):
    item = write(editor_a, opd_a)
    one, two, three = (add(editor_a, item, alt) for alt in ("Satu", "Dua", "Tiga"))
    gallery.reorder(actor=editor_a, item=item, order=[three.pk, one.pk, two.pk])
    assert order_of(item) == ["Tiga", "Satu", "Dua"]
    gallery.move(actor=editor_a, item=item, picture_pk=two.pk, step=-1)
    assert order_of(item) == ["Tiga", "Dua", "Satu"]
    with pytest.raises(services.NewsError):
        gallery.reorder(actor=editor_a, item=item, order=[one.pk, one.pk, two.pk])
    with pytest.raises(services.NewsError):
        gallery.reorder(actor=editor_a, item=item, order=[one.pk, two.pk])
    gallery.remove_image(actor=editor_a, item=item, picture_pk=three.pk)
    assert order_of(item) == ["Dua", "Satu"]
    assert list(item.gallery.values_list("position", flat=True)) == [0, 1]


def test_editor_of_another_opd_cannot_touch_the_gallery(opd_a, editor_a, editor_b):
    item = write(editor_a, opd_a)
    picture = add(editor_a, item)
    with pytest.raises(services.NewsError) as refused:
        add(editor_b, item)
    assert refused.value.status == 403
    with pytest.raises(services.NewsError):
        gallery.remove_image(actor=editor_b, item=item, picture_pk=picture.pk)
    assert GalleryImage.objects.count() == 1


def test_published_item_gallery_is_locked(opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    services.transition(actor=reviewer_a, item=item, action="publish_draft")
    with pytest.raises(services.NewsError):
        add(editor_a, item)


def test_public_page_shows_a_light_gallery(client, opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    first = add(editor_a, item, "Pengaspalan ruas Sepinggan", caption="Minggu pertama")
    add(editor_a, item, "Papan proyek")
    url = f"/berita/{item.slug}/"
    picture_url = f"/berita/galeri/{first.pk}/480.webp"
    assert client.get(picture_url).status_code == 404  # a draft's picture is not public
    services.transition(actor=reviewer_a, item=item, action="publish_draft")
    body = client.get(url).content.decode()
    assert 'alt="Pengaspalan ruas Sepinggan"' in body and "Minggu pertama" in body
    assert body.index("Pengaspalan ruas Sepinggan") < body.index("Papan proyek")
    assert f"{picture_url} 480w" in body and 'type="image/webp"' in body
    assert body.count('loading="lazy"') >= 2
    assert "<script" not in body.split("<main", 1)[-1].split("</main>")[0]
    assert " style=" not in body
    response = client.get(picture_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content)[8:12] == b"WEBP"
    assert client.get(f"/berita/galeri/{first.pk}/481.webp").status_code == 404


def test_staff_pages_add_reorder_remove(client, opd_a, editor_a):
    item = write(editor_a, opd_a)
    client.force_login(editor_a)
    base = f"/kantor/berita/{item.pk}/galeri/"
    response = client.post(
        base, {"galeri-image": image_upload(), "galeri-alt_text": "Satu", "galeri-caption": ""}
    )
    assert response.status_code == 302
    client.post(
        base, {"galeri-image": image_upload(), "galeri-alt_text": "Dua", "galeri-caption": "Ket"}
    )
    one, two = item.gallery.all()
    page = client.get(f"/kantor/berita/{item.pk}/").content.decode()
    assert "Satu" in page and f"{base}{two.pk}/geser/" in page
    client.post(f"{base}{two.pk}/geser/", {"arah": "naik"})
    assert order_of(item) == ["Dua", "Satu"]
    client.post(f"{base}{two.pk}/hapus/")
    assert order_of(item) == ["Satu"]


def test_staff_form_without_alt_keeps_the_caption(client, opd_a, editor_a):
    item = write(editor_a, opd_a)
    client.force_login(editor_a)
    response = client.post(
        f"/kantor/berita/{item.pk}/galeri/",
        {
            "galeri-image": image_upload(),
            "galeri-alt_text": "",
            "galeri-caption": "Keterangan yang diketik",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tuliskan teks alternatif" in body and "Keterangan yang diketik" in body
    assert 'id="id_galeri-alt_text"' in body and 'id="id_alt_text"' in body  # no twin ids
    assert not GalleryImage.objects.exists()


def test_staff_of_another_opd_get_404(client, opd_a, editor_a, editor_b):
    item = write(editor_a, opd_a)
    picture = add(editor_a, item)
    client.force_login(editor_b)
    base = f"/kantor/berita/{item.pk}/galeri/"
    data = {"galeri-image": image_upload(), "galeri-alt_text": "x"}
    assert client.post(base, data).status_code == 404
    assert client.post(f"{base}{picture.pk}/hapus/").status_code == 404
    assert client.post(f"{base}{picture.pk}/geser/", {"arah": "naik"}).status_code == 404
    assert client.get(f"/berita/galeri/{picture.pk}/480.webp").status_code == 404
    assert GalleryImage.objects.count() == 1
