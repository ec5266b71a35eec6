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
