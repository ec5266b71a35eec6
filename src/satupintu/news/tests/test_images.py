"""Lead images: resized renditions in WebP and JPEG, alt text required, bad files refused."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from satupintu.core import filechecks
from satupintu.news import services
from satupintu.news.models import Image
from satupintu.news.tests.conftest import image_upload, write

pytestmark = pytest.mark.django_db


def test_image_is_resized_into_webp_and_jpeg(opd_a, editor_a):
    item = write(editor_a, opd_a)
    image = services.set_image(
        actor=editor_a, item=item, upload=image_upload(2000, 1000), alt_text="Alat berat di jalan"
    )
    assert image.widths() == [480, 960, 1440]
    assert (image.width, image.height) == (2000, 1000)
    for width, formats in image.renditions.items():
        assert set(formats) == {"webp", "jpeg"}
        with image.original.storage.open(formats["webp"]) as stored:
            decoded = PILImage.open(BytesIO(stored.read()))
            assert decoded.format == "WEBP"
            assert decoded.width == int(width)


def test_small_image_keeps_its_width(opd_a, editor_a):
    item = write(editor_a, opd_a)
    image = services.set_image(
        actor=editor_a, item=item, upload=image_upload(600, 400), alt_text="Papan proyek"
    )
    assert image.widths() == [480, 600]


@pytest.mark.parametrize("alt", ["", "   "])
def test_image_without_alt_text_is_refused(opd_a, editor_a, alt):
    item = write(editor_a, opd_a)
    with pytest.raises(services.NewsError) as refused:
        services.set_image(actor=editor_a, item=item, upload=image_upload(), alt_text=alt)
    assert "teks alternatif" in refused.value.message.lower()
    assert not Image.objects.exists()


def test_oversized_image_is_refused(opd_a, editor_a, monkeypatch):
    monkeypatch.setattr(filechecks, "MAX_IMAGE_PIXELS", 1000 * 1000)
    item = write(editor_a, opd_a)
    with pytest.raises(services.NewsError) as refused:
        services.set_image(
            actor=editor_a, item=item, upload=image_upload(1200, 1000), alt_text="Besar"
        )
    assert "piksel" in refused.value.message
    assert not Image.objects.exists()


def test_not_an_image_is_refused(opd_a, editor_a):
    item = write(editor_a, opd_a)
    fake = SimpleUploadedFile("foto.jpg", b"<html><script>x</script></html>", "image/jpeg")
    with pytest.raises(services.NewsError):
        services.set_image(actor=editor_a, item=item, upload=fake, alt_text="Bukan gambar")
    assert not Image.objects.exists()


def test_replacing_an_image_keeps_one(opd_a, editor_a):
    item = write(editor_a, opd_a)
    services.set_image(actor=editor_a, item=item, upload=image_upload(), alt_text="Pertama")
    services.set_image(actor=editor_a, item=item, upload=image_upload(), alt_text="Kedua")
    assert list(Image.objects.values_list("alt_text", flat=True)) == ["Kedua"]


def test_editor_of_another_opd_cannot_add_an_image(opd_a, editor_a, editor_b):
    item = write(editor_a, opd_a)
    with pytest.raises(services.NewsError):
        services.set_image(actor=editor_b, item=item, upload=image_upload(), alt_text="x")


def test_rendition_is_served_only_when_public(client, opd_a, editor_a, reviewer_a):
    draft = write(editor_a, opd_a, title="Draf bergambar")
    hidden = services.set_image(actor=editor_a, item=draft, upload=image_upload(), alt_text="a")
    assert client.get(f"/berita/gambar/{hidden.pk}/480.webp").status_code == 404
    client.force_login(editor_a)
    assert client.get(f"/berita/gambar/{hidden.pk}/480.webp").status_code == 200
    client.logout()
    item = write(editor_a, opd_a)
    image = services.set_image(actor=editor_a, item=item, upload=image_upload(), alt_text="b")
    services.transition(actor=reviewer_a, item=item, action="publish_draft")
    response = client.get(f"/berita/gambar/{image.pk}/960.webp")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content)[8:12] == b"WEBP"
    assert client.get(f"/berita/gambar/{image.pk}/961.webp").status_code == 404
    assert client.get(f"/berita/gambar/{image.pk}/960.gif").status_code == 404
