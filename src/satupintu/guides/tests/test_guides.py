"""/panduan/: the list, each guide, its one-page leaflet, and the links from the pages."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.urls import NoReverseMatch, get_resolver, reverse
from pypdf import PdfReader

from satupintu.guides import registry, views

pytestmark = pytest.mark.django_db

JOURNEYS = [
    "mengajukan-permohonan",
    "menyampaikan-aduan",
    "memesan-antrean",
    "melacak",
    "memverifikasi-dokumen",
]


def test_one_guide_per_journey_registered_by_the_apps():
    assert [g.slug for g in registry.all_guides()] == JOURNEYS


def test_list_links_every_guide(client):
    response = client.get(reverse("guides:list"))
    assert response.status_code == 200
    body = response.content.decode()
    for guide in registry.all_guides():
        assert reverse("guides:detail", args=[guide.slug]) in body
        assert str(guide.title) in body
    assert "Tidak bisa sendiri?" in body


@pytest.mark.parametrize("slug", JOURNEYS)
def test_each_guide_shows_its_steps_with_pictures(client, slug):
    guide = registry.get(slug)
    response = client.get(reverse("guides:detail", args=[slug]))
    assert response.status_code == 200
    body = response.content.decode()
    for step in guide.steps:
        assert str(step.text) in body
        if step.image:
            assert f"/static/guides/{step.image}" in body
            assert f'alt="{step.alt}"' in body
    assert reverse("guides:leaflet", args=[slug]) in body


@pytest.mark.parametrize("slug", JOURNEYS)
def test_every_picture_is_on_disk_and_small(slug):
    for step in registry.get(slug).steps:
        if not step.image:
            continue
        found = finders.find(f"guides/{step.image}")
        assert found, f"run `make guides`: {step.image} is missing"
        with open(found, "rb") as handle:
            data = handle.read()
        assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
        assert len(data) < 60_000, f"{step.image}: {len(data)} bytes"


@pytest.mark.parametrize("slug", JOURNEYS)
def test_leaflet_is_a_one_page_pdf(client, slug):
    views.leaflet_pdf.cache_clear()
    response = client.get(reverse("guides:leaflet", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert str(registry.get(slug).title) in text
    assert f"/panduan/{slug}/" in text


def test_leaflet_in_english(client):
    views.leaflet_pdf.cache_clear()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("guides:leaflet", args=["melacak"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_unknown_guide_is_404(client):
    assert client.get("/panduan/tidak-ada/").status_code == 404
    assert client.get("/panduan/tidak-ada/selebaran.pdf").status_code == 404


def test_guides_explain_pages_that_exist():
    names = set()
    for key in get_resolver().reverse_dict:
        if isinstance(key, str):
            names.add(key)
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        names |= {f"{namespace}:{k}" for k in resolver.reverse_dict if isinstance(k, str)}
    for guide in registry.all_guides():
        assert guide.explains, guide.slug
        for name in guide.explains:
            assert name in names, f"{guide.slug} explains {name}, which is not a route"


def test_a_guide_fits_one_leaflet():
    with pytest.raises(ValueError):
        registry.Guide(
            slug="x", title="x", summary="x", steps=tuple(registry.Step(str(i)) for i in range(7))
        )


# --- Links from the pages they explain ---------------------------------------------------------


@pytest.mark.parametrize(
    "url, slug",
    [
        ("/layanan/", "mengajukan-permohonan"),
        ("/aduan/", "menyampaikan-aduan"),
        ("/aduan/baru/", "menyampaikan-aduan"),
        ("/lacak/", "melacak"),
        ("/verifikasi/", "memverifikasi-dokumen"),
    ],
)
def test_explained_pages_link_their_guide(client, reference_data, url, slug):
    body = client.get(url).content.decode()
    assert "Butuh bantuan? Baca panduan:" in body
    assert f'href="/panduan/{slug}/"' in body


def test_my_applications_link_the_guide(client, citizen):
    client.force_login(citizen)
    body = client.get(reverse("applications:my_list")).content.decode()
    assert 'href="/panduan/mengajukan-permohonan/"' in body


def test_other_pages_have_no_help_line_but_the_footer_links_the_guides(client, reference_data):
    body = client.get("/").content.decode()
    assert "Butuh bantuan? Baca panduan:" not in body
    assert f'href="{reverse("guides:list")}"' in body


def test_reverse_of_every_registered_guide():
    for guide in registry.all_guides():
        try:
            reverse("guides:detail", args=[guide.slug])
        except NoReverseMatch:  # pragma: no cover - a slug the URL pattern refuses
            pytest.fail(guide.slug)
