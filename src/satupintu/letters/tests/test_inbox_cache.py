"""The cached inbox figures (see letters/freshness.py) stay equal to their definitions after
every write, and the unread-first page equals the sorted inbox."""

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from satupintu.letters import selectors, services
from satupintu.letters.models import ClassificationCode, Disposition, Letter
from satupintu.letters.tests.conftest import register


def _fresh(user) -> tuple[int, int, int]:
    """The definitions, computed without the cache."""
    return selectors._unit_counters(user)


def _cached(user) -> tuple[int, int, int]:
    c = selectors.counters(user)
    return c.unread, c.to_act, c.copies


def _page_ids(user, number=1, size=25):
    page = Paginator(selectors.UnreadFirst(user), size).get_page(number)
    return [letter.pk for letter in page], page.paginator.count


def _sorted_ids(user):
    return list(selectors.inbox(user).values_list("pk", flat=True))


def check(*users):
    for user in users:
        assert _cached(user) == _fresh(user)
        ids, count = _page_ids(user, size=1000)
        assert ids == _sorted_ids(user)
        assert count == len(ids)


def _dispose(actor, letter, users):
    return services.dispose(
        actor=actor,
        letter=letter,
        to_units=[],
        to_users=list(users),
        instructions=["ditindaklanjuti"],
        urgency=Disposition.Urgency.URGENT,
        due_date=timezone.localdate() + timedelta(days=3),
        note="",
    )


def test_counters_follow_register_dispose_read_withdraw_report(org, code):
    people = (org.sekda, org.asisten1, org.asisten2, org.kadis_dpu, org.tu_setda)
    check(*people)  # cache the empty figures first
    first = register(org.tu_setda, org.setda, number="1/A")
    check(*people)
    assert _cached(org.sekda) == (1, 1, 0)
    second = register(org.tu_setda, org.setda, number="2/A")
    check(*people)
    assert _cached(org.sekda) == (2, 2, 0)

    d1, d2 = _dispose(org.sekda, first, [org.asisten1, org.asisten2])
    check(*people)
    assert _cached(org.sekda) == (1, 1, 0)
    assert _cached(org.asisten1) == (1, 1, 0)

    services.withdraw(actor=org.sekda, disposition=d1)
    check(*people)
    assert _cached(org.asisten1) == (0, 0, 0)

    services.mark_read(actor=org.asisten2, letter=first)
    check(*people)
    assert _cached(org.asisten2)[0] == 0

    (further,) = _dispose(org.asisten2, first, [org.kadis_dpu])
    check(*people)
    assert _cached(org.asisten2)[1] == 0  # acted on by disposing further
    assert _cached(org.kadis_dpu) == (1, 1, 0)

    services.mark_read(actor=org.kadis_dpu, letter=first)
    services.complete(actor=org.kadis_dpu, disposition=further, report="Selesai")
    check(*people)
    assert _cached(org.kadis_dpu) == (0, 0, 0)

    services.mark_read(actor=org.sekda, letter=second)
    check(*people)
    assert _cached(org.sekda) == (0, 1, 0)
    assert d2.pk


def test_counters_follow_copies_of_an_outgoing_letter(org, code):
    check(org.sekda, org.kadis_dinkes)
    letter = services.create_outgoing(
        actor=org.staff_bm,
        unit=org.dpu_bm,
        subject="Permohonan data jalan rusak",
        classification=ClassificationCode.objects.get(code="000.8.3.4"),
        body="Dengan hormat, ...",
        signer=org.kadis_dpu,
        reviewers=[],
        recipient_units=[org.dinkes],
        copy_units=[org.setda],
        external_recipients="",
    )
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    check(org.sekda, org.kadis_dinkes)
    letter.refresh_from_db()
    signed = services.sign_outgoing(actor=org.kadis_dpu, letter=letter)
    check(org.sekda, org.kadis_dinkes, org.kadis_dpu)
    services.dispatch_outgoing(actor=org.staff_bm, letter=signed)
    check(org.sekda, org.kadis_dinkes, org.kadis_dpu)
    assert _cached(org.sekda) == (1, 0, 1)  # a copy: unread, nothing to act on
    assert _cached(org.kadis_dinkes) == (1, 1, 0)
    copy = Letter.objects.get(source_letter=signed, is_copy=True)
    services.mark_read(actor=org.sekda, letter=copy)
    check(org.sekda)
    assert _cached(org.sekda) == (0, 0, 0)


def test_a_new_membership_changes_the_figures(org, code):
    from satupintu.letters.hierarchy import HEAD
    from satupintu.org.permissions import forget_cached_memberships
    from satupintu.testing.factories import make_staff

    register(org.tu_setda, org.setda, number="1/A")
    deputy = make_staff(org.dinkes, HEAD, full_name="Plt")
    check(deputy)
    assert _cached(deputy) == (0, 0, 0)
    deputy.memberships.create(org_unit=org.setda, role=HEAD)
    forget_cached_memberships(deputy)  # as a new request would
    check(deputy)
    assert _cached(deputy) == (1, 1, 0)


@pytest.mark.parametrize("walk_from", [0, 10_000])
def test_unread_first_pages_match_the_sorted_inbox(org, code, monkeypatch, walk_from):
    monkeypatch.setattr(selectors.UnreadFirst, "WALK_FROM", walk_from)
    letters = [register(org.tu_setda, org.setda, number=f"{i}/A") for i in range(7)]
    for letter in letters[1::2]:
        services.mark_read(actor=org.sekda, letter=letter)
    _dispose(org.sekda, letters[0], [org.asisten1])
    _dispose(org.sekda, letters[3], [org.asisten1])
    for user in (org.sekda, org.asisten1):
        expected = _sorted_ids(user)
        paginator = Paginator(selectors.UnreadFirst(user), 3)
        pages = [[x.pk for x in paginator.page(n)] for n in paginator.page_range]
        assert [pk for page in pages for pk in page] == expected
    assert _page_ids(org.sekda, 1, size=3)[0] == [letters[6].pk, letters[4].pk, letters[2].pk]
