"""Public minutes in one search (/cari/)."""

from django.urls import reverse

from satupintu.minutes.tests.conftest import schedule


def test_published_public_minutes_are_found_with_their_count(client, published, people, setwan):
    # A meeting not published yet, on the same subject, stays out.
    schedule(people["notulis"], setwan, people, title="Rapat drainase Sepinggan (draf)")

    body = client.get("/cari/", {"q": "drainase sepinggan"}).content.decode()

    assert "Risalah rapat" in body and "(1)" in body
    assert reverse("minutes:public_detail", args=[published.pk]) in body
    assert "(draf)" not in body


def test_private_minutes_are_not_found(client, people, setwan):
    from satupintu.minutes.tests.conftest import publish

    closed = schedule(people["notulis"], setwan, people, is_public=False)
    publish(closed, people)
    body = client.get("/cari/", {"q": "drainase sepinggan"}).content.decode()
    assert reverse("minutes:public_detail", args=[closed.pk]) not in body


def test_minutes_are_found_with_a_typo(client, published):
    body = client.get("/cari/", {"q": "drainse sepingan"}).content.decode()
    assert "Risalah rapat" in body
    assert reverse("minutes:public_detail", args=[published.pk]) in body


def test_withdrawn_or_changed_minutes_follow_at_once(client, published):
    from satupintu.minutes.models import Meeting

    assert "Risalah rapat" in client.get("/cari/", {"q": "drainase"}).content.decode()
    published.status = Meeting.Status.APPROVED
    published.save(update_fields=["status"])
    assert "Risalah rapat" not in client.get("/cari/", {"q": "drainase"}).content.decode()
