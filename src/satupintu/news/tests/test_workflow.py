"""The editorial flow, scheduled publication, sanitised text and per-OPD permissions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.news import selectors, services
from satupintu.news.models import Item, StatusChange
from satupintu.news.tests.conftest import publish, write

pytestmark = pytest.mark.django_db


def test_draft_review_publish_is_recorded_step_by_step(opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    assert item.status == Item.Status.DRAFT
    assert not selectors.public_items().filter(pk=item.pk).exists()
    services.transition(actor=editor_a, item=item, action="submit")
    assert not selectors.public_items().filter(pk=item.pk).exists()
    item = services.transition(actor=reviewer_a, item=item, action="publish")
    assert item.status == Item.Status.PUBLISHED
    assert selectors.public_item(item.slug) == item
    steps = list(StatusChange.objects.filter(item=item).values_list("from_status", "to_status"))
    assert steps == [("draft", "review"), ("review", "published")]
    actions = set(
        AuditEvent.objects.filter(action__startswith="news.").values_list("action", flat=True)
    )
    assert {"news.created", "news.submit", "news.publish"} <= actions


def test_an_editor_cannot_publish(opd_a, editor_a):
    item = write(editor_a, opd_a)
    services.transition(actor=editor_a, item=item, action="submit")
    with pytest.raises(services.NewsError) as refused:
        services.transition(actor=editor_a, item=item, action="publish")
    assert refused.value.status == 403
    assert Item.objects.get(pk=item.pk).status == Item.Status.REVIEW


def test_a_reviewer_returns_with_a_reason(opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    services.transition(actor=editor_a, item=item, action="submit")
    with pytest.raises(services.NewsError):
        services.transition(actor=reviewer_a, item=item, action="return", note="  ")
    item = services.transition(actor=reviewer_a, item=item, action="return", note="Foto kurang")
    assert item.status == Item.Status.DRAFT
    assert item.changes.last().note == "Foto kurang"


def test_wrong_status_is_refused(opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    with pytest.raises(services.NewsError) as refused:
        services.transition(actor=reviewer_a, item=item, action="withdraw")
    assert refused.value.status == 409
    with pytest.raises(services.NewsError):
        services.transition(actor=reviewer_a, item=item, action="bogus")


def test_scheduled_item_stays_hidden_until_its_time(opd_a, editor_a, reviewer_a, time_machine):
    item = write(editor_a, opd_a)
    services.transition(actor=editor_a, item=item, action="submit")
    later = timezone.now() + timedelta(hours=5)
    item = services.transition(actor=reviewer_a, item=item, action="publish", publish_at=later)
    assert item.status == Item.Status.PUBLISHED
    assert item.published_at == later
    assert selectors.public_item(item.slug) is None
    assert selectors.search("pembangunan jalan sepinggan", 10) == (0, [])
    time_machine.move_to(later + timedelta(minutes=1))
    assert selectors.public_item(item.slug) == item
    count, found = selectors.search("pembangunan jalan sepinggan", 10)
    assert (count, found) == (1, [item])


def test_a_past_publish_time_means_now(opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    before = timezone.now()
    item = services.transition(
        actor=reviewer_a, item=item, action="publish_draft", publish_at=before - timedelta(days=3)
    )
    assert item.published_at >= before


def test_withdrawn_item_disappears(opd_a, editor_a, reviewer_a):
    item = publish(editor_a, reviewer_a, opd_a)
    services.transition(actor=reviewer_a, item=item, action="withdraw")
    assert selectors.public_item(item.slug) is None
    assert selectors.search("sepinggan", 10)[0] == 0


def test_published_item_cannot_be_edited(opd_a, editor_a, reviewer_a):
    item = publish(editor_a, reviewer_a, opd_a)
    with pytest.raises(services.NewsError):
        services.update_item(actor=reviewer_a, item=item, title="Judul baru")


def test_item_under_review_is_changed_only_by_a_reviewer(opd_a, editor_a, reviewer_a):
    item = write(editor_a, opd_a)
    services.transition(actor=editor_a, item=item, action="submit")
    with pytest.raises(services.NewsError):
        services.update_item(actor=editor_a, item=item, title="Judul diubah penulis")
    item = services.update_item(actor=reviewer_a, item=item, title="Judul diubah peninjau")
    assert item.title == "Judul diubah peninjau"


def test_script_in_rich_text_is_stripped(opd_a, editor_a):
    item = write(
        editor_a,
        opd_a,
        body=(
            '<p onclick="steal()">Halo <strong>warga</strong></p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">x</a><a href="https://balikpapan.go.id/">situs</a>'
            '<img src=x onerror=alert(1)><style>p{}</style><iframe src="https://evil"></iframe>'
        ),
    )
    body = item.body
    assert "<strong>warga</strong>" in body
    for bad in ("script", "alert", "onclick", "javascript:", "<img", "<style", "iframe"):
        assert bad not in body
    assert 'href="https://balikpapan.go.id/"' in body
    assert 'rel="noopener noreferrer nofollow"' in body
    assert "Halo warga" in item.body_text


def test_event_needs_time_and_place(opd_a, editor_a):
    with pytest.raises(services.NewsError):
        write(editor_a, opd_a, kind=Item.Kind.EVENT)
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(services.NewsError):
        write(
            editor_a,
            opd_a,
            kind=Item.Kind.EVENT,
            starts_at=start,
            place="Balai Kota",
            ends_at=start - timedelta(hours=1),
        )
    item = write(editor_a, opd_a, kind=Item.Kind.EVENT, starts_at=start, place="Balai Kota")
    assert item.place == "Balai Kota"


def test_markup_in_title_is_refused(opd_a, editor_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        write(editor_a, opd_a, title="<b>Judul</b>")
    assert not Item.objects.exists()


def test_editor_of_opd_b_cannot_touch_opd_a(opd_a, opd_b, editor_a, editor_b, reviewer_b):
    with pytest.raises(services.NewsError) as refused:
        write(editor_b, opd_a)
    assert refused.value.status == 403
    item = write(editor_a, opd_a)
    services.transition(actor=editor_a, item=item, action="submit")
    with pytest.raises(services.NewsError):
        services.transition(actor=reviewer_b, item=item, action="publish")
    with pytest.raises(services.NewsError):
        services.update_item(actor=editor_b, item=item, title="Bukan milik saya")
    assert list(selectors.staff_items(editor_b)) == []
    assert list(selectors.staff_items(editor_a)) == [item]


def test_slugs_are_unique_and_never_a_feed_path(opd_a, editor_a):
    first = write(editor_a, opd_a, title="RSS")
    second = write(editor_a, opd_a, title="Pembangunan jalan di Sepinggan dimulai")
    third = write(editor_a, opd_a, title="Pembangunan jalan di Sepinggan dimulai")
    assert first.slug != "rss" and first.slug.startswith("rss-")
    assert second.slug != third.slug
