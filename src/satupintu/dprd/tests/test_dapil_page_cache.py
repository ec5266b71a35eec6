"""The dapil page keeps its structure (kecamatan, members, kelurahan) per dapil and language
(dprd/district_page.py); its proposals are read on every request."""

import pytest
from django.conf import settings as django_settings

from satupintu.dprd.models import Member, Proposal
from satupintu.testing.pages import without_render_time


@pytest.fixture
def kept_pages(settings):
    """A real per-process pages cache (the tests' settings keep nothing)."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dapil-page-cache-test",
            "TIMEOUT": 60,
        },
    }
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def dapil(proposal) -> str:
    return f"/dprd/dapil/{proposal.district.number}/"


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return without_render_time(response.content.decode())


def a_member(proposal) -> Member:
    return Member.objects.filter(district=proposal.district, is_active=True).order_by("name")[0]


def test_the_structure_is_read_once_then_only_the_proposals(
    client, proposal, kept_pages, django_assert_num_queries
):
    first = page(client, dapil(proposal))
    # One page of proposals: no dapil, count, kecamatan, term, members, kelurahan.
    with django_assert_num_queries(1):
        second = page(client, dapil(proposal))
    assert second == first
    assert a_member(proposal).name in second


def test_a_renamed_or_resized_dapil_shows_at_once(client, proposal, kept_pages):
    district = proposal.district
    assert f"<h1>{district.name}</h1>" in page(client, dapil(proposal))

    district.name = "Dapil Dengan Nama Baru"
    district.seats = 17
    district.save()
    after = page(client, dapil(proposal))

    assert "<h1>Dapil Dengan Nama Baru</h1>" in after
    assert "17 kursi" in after


def test_a_dapil_number_with_no_dapil_is_404_and_not_kept(client, proposal, kept_pages):
    from satupintu.org.models import ElectoralDistrict

    missing = ElectoralDistrict.objects.order_by("-number").first().number + 1
    assert client.get(f"/dprd/dapil/{missing}/").status_code == 404
    # Nothing was kept for it: a dapil added later (here without a signal) is found.
    ElectoralDistrict.objects.bulk_create(
        [ElectoralDistrict(number=missing, name="Dapil Baru", seats=3)]
    )
    assert "<h1>Dapil Baru</h1>" in page(client, f"/dprd/dapil/{missing}/")


def test_support_counts_and_new_proposals_show_at_once(client, proposal, kept_pages):
    before = page(client, dapil(proposal))
    # No signal is sent by update(): the proposals are read again anyway.
    Proposal.objects.filter(pk=proposal.pk).update(support_count=41)
    after = page(client, dapil(proposal))

    assert "41 dukungan" not in before
    assert "41 dukungan" in after


def test_a_changed_member_shows_at_once(client, proposal, kept_pages):
    member = a_member(proposal)
    assert member.name in page(client, dapil(proposal))

    member.name = "Anggota Dengan Nama Baru"
    member.save()
    renamed = page(client, dapil(proposal))
    member.is_active = False
    member.save()
    gone = page(client, dapil(proposal))

    assert "Anggota Dengan Nama Baru" in renamed
    assert "Anggota Dengan Nama Baru" not in gone


def test_a_renamed_kelurahan_shows_at_once(client, proposal, kept_pages):
    kelurahan = proposal.case.region
    assert kelurahan.name in page(client, dapil(proposal))
    kelurahan.name = "Kelurahan Baru Sekali"
    kelurahan.save()
    assert "Kelurahan Baru Sekali" in page(client, dapil(proposal))


def test_each_language_keeps_its_own_structure(client, proposal, kept_pages):
    indonesian = page(client, dapil(proposal))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, dapil(proposal))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "id"
    indonesian_again = page(client, dapil(proposal))

    assert "Anggota DPRD dari dapil ini" in indonesian
    assert "DPRD members from this dapil" in english
    assert "Anggota DPRD dari dapil ini" not in english
    assert "DPRD members from this dapil" not in indonesian_again


def test_each_dapil_keeps_its_own_structure(client, proposal, kept_pages):
    other = (
        type(proposal.district).objects.exclude(pk=proposal.district_id).order_by("number").first()
    )
    own = page(client, dapil(proposal))
    theirs = page(client, f"/dprd/dapil/{other.number}/")

    assert f"<h1>{proposal.district.name}</h1>" in own
    assert f"<h1>{other.name}</h1>" in theirs
    assert f"<h1>{proposal.district.name}</h1>" not in theirs


def test_a_logged_in_visitor_gets_the_same_public_structure(client, proposal, kept_pages):
    from satupintu.testing.factories import UserFactory

    anonymous = page(client, dapil(proposal))
    client.force_login(UserFactory(full_name="Warga Yang Masuk"))
    logged_in = page(client, dapil(proposal))

    assert "Warga Yang Masuk" not in anonymous
    assert a_member(proposal).name in logged_in


def test_a_proposal_from_a_kelurahan_outside_the_dapil_is_named(client, proposal, kept_pages):
    """The rows name their kelurahan from the dapil's kept structure; one that is not the
    dapil's (its kecamatan moved after the proposal was made) is read for the page."""
    from satupintu.cases.models import Case
    from satupintu.dprd import selectors
    from satupintu.org.models import Region

    page(client, dapil(proposal))  # the structure is kept
    own = set(selectors.district_kelurahan(proposal.district).values_list("id", flat=True))
    elsewhere = Region.objects.filter(level=Region.Level.URBAN_VILLAGE).exclude(pk__in=own)[0]
    Case.objects.filter(pk=proposal.case_id).update(region=elsewhere)  # no signal

    assert f"— {elsewhere.name}; " in page(client, dapil(proposal))
