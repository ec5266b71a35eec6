"""The per-person inbox rows (letters/inbox.py) stay equal to the inbox definition
(`selectors._inbox_q`, with the counters as the previous release computed them from the
letters themselves) after every kind of write, and the pages read from them."""

from datetime import timedelta

from django.core.management import call_command
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from satupintu.letters import inbox, selectors, services
from satupintu.letters.hierarchy import HEAD
from satupintu.letters.models import (
    ClassificationCode,
    Disposition,
    InboxEntry,
    Letter,
    LetterRead,
)
from satupintu.letters.tests.conftest import register
from satupintu.org.permissions import forget_cached_memberships
from satupintu.testing.factories import make_staff


def definition(user) -> tuple[int, int, int]:
    """(unread, to act, new copies) straight from the letters, as before the rows existed."""
    forget_cached_memberships(user)
    box = Letter.objects.filter(selectors._inbox_q(user))
    unread = ~Exists(LetterRead.objects.filter(letter=OuterRef("pk"), user=user))
    disposed_by_me = Disposition.objects.filter(from_user=user, withdrawn_at=None)
    open_to_me = selectors.open_dispositions_to(user)
    to_act = open_to_me.filter(acted_at__isnull=True).count()
    lead = selectors._lead_ids(user)
    if lead:
        to_act += (
            Letter.objects.filter(
                org_unit__in=lead, direction=Letter.Direction.INCOMING, is_copy=False
            )
            .exclude(pk__in=disposed_by_me.values("letter_id"))
            .exclude(pk__in=open_to_me.values("letter_id"))
            .count()
        )
    counts = box.aggregate(
        unread=Count("pk", filter=unread), copies=Count("pk", filter=Q(is_copy=True) & unread)
    )
    return counts["unread"], to_act, counts["copies"]


def defined_order(user) -> list[int]:
    read = set(LetterRead.objects.filter(user=user).values_list("letter_id", flat=True))
    rows = Letter.objects.filter(selectors._inbox_q(user)).values_list("pk", "created_at")
    return [pk for pk, _c in sorted(rows, key=lambda r: (r[0] in read, -r[1].timestamp(), -r[0]))]


def figures(user) -> tuple[int, int, int]:
    c = selectors.counters(user)
    return c.unread, c.to_act, c.copies


def page_ids(user, size=1000):
    page = Paginator(selectors.UnreadFirst(user), size).get_page(1)
    return [letter.pk for letter in page], page.paginator.count


def check(*users):
    for user in users:
        forget_cached_memberships(user)
        assert figures(user) == definition(user), user
        ids, count = page_ids(user)
        assert ids == defined_order(user), user
        assert count == len(ids)


def _dispose(actor, letter, users=(), units=()):
    return services.dispose(
        actor=actor,
        letter=letter,
        to_units=list(units),
        to_users=list(users),
        instructions=["ditindaklanjuti"],
        urgency=Disposition.Urgency.URGENT,
        due_date=timezone.localdate() + timedelta(days=3),
        note="",
    )


def test_rows_follow_register_dispose_read_withdraw_report(org, code):
    people = (org.sekda, org.asisten1, org.asisten2, org.kadis_dpu, org.tu_setda)
    check(*people)
    first = register(org.tu_setda, org.setda, number="1/A")
    check(*people)
    assert figures(org.sekda) == (1, 1, 0)
    second = register(org.tu_setda, org.setda, number="2/A")
    check(*people)
    assert figures(org.sekda) == (2, 2, 0)

    d1, d2 = _dispose(org.sekda, first, [org.asisten1, org.asisten2])
    check(*people)
    assert figures(org.sekda) == (1, 1, 0)
    assert figures(org.asisten1) == (1, 1, 0)

    services.withdraw(actor=org.sekda, disposition=d1)
    check(*people)
    assert figures(org.asisten1) == (0, 0, 0)
    assert not InboxEntry.objects.filter(user=org.asisten1).exists()

    services.mark_read(actor=org.asisten2, letter=first)
    check(*people)
    assert figures(org.asisten2)[0] == 0

    (further,) = _dispose(org.asisten2, first, [org.kadis_dpu])
    check(*people)
    assert figures(org.asisten2)[1] == 0  # acted on by disposing further
    assert figures(org.kadis_dpu) == (1, 1, 0)

    services.mark_read(actor=org.kadis_dpu, letter=first)
    services.complete(actor=org.kadis_dpu, disposition=further, report="Selesai")
    check(*people)
    assert figures(org.kadis_dpu) == (0, 0, 0)

    services.mark_read(actor=org.sekda, letter=second)
    check(*people)
    assert figures(org.sekda) == (0, 1, 0)
    assert d2.pk


def test_disposition_to_a_unit_reaches_its_head(org, code):
    letter = register(org.tu_setda, org.setda, number="1/A")
    _dispose(org.sekda, letter, units=[org.dpu])
    check(org.sekda, org.kadis_dpu)
    assert figures(org.kadis_dpu) == (1, 1, 0)


def test_rows_follow_copies_of_an_outgoing_letter(org, code):
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
    letter.refresh_from_db()
    signed = services.sign_outgoing(actor=org.kadis_dpu, letter=letter)
    services.dispatch_outgoing(actor=org.staff_bm, letter=signed)
    check(org.sekda, org.kadis_dinkes, org.kadis_dpu, org.tu_setda)
    assert figures(org.sekda) == (1, 0, 1)  # a copy: unread, nothing to act on
    assert figures(org.kadis_dinkes) == (1, 1, 0)
    assert not InboxEntry.objects.filter(letter=signed).exists()  # outgoing: in no inbox
    copy = Letter.objects.get(source_letter=signed, is_copy=True)
    services.mark_read(actor=org.sekda, letter=copy)
    check(org.sekda)
    assert figures(org.sekda) == (0, 0, 0)


def test_a_new_head_gets_the_units_letters_and_the_former_loses_them(org, code):
    register(org.tu_setda, org.setda, number="1/A")
    deputy = make_staff(org.dinkes, HEAD, full_name="Plt")
    check(deputy)
    assert figures(deputy) == (0, 0, 0)
    membership = deputy.memberships.create(org_unit=org.setda, role=HEAD)
    check(deputy)
    assert figures(deputy) == (1, 1, 0)
    membership.delete()
    check(deputy)
    assert figures(deputy) == (0, 0, 0)


def test_a_unit_switched_off_empties_its_heads_inbox(org, code):
    register(org.tu_setda, org.setda, number="1/A")
    org.setda.is_active = False
    org.setda.save()
    check(org.sekda)
    assert figures(org.sekda) == (0, 0, 0)
    org.setda.is_active = True
    org.setda.save()
    check(org.sekda)
    assert figures(org.sekda) == (1, 1, 0)


def test_an_account_switched_off_and_on_again(org, code):
    register(org.tu_setda, org.setda, number="1/A")
    org.sekda.is_active = False
    org.sekda.save()
    register(org.tu_setda, org.setda, number="2/A")  # arrives while the account is off
    assert figures(org.sekda) == (0, 0, 0)
    org.sekda.is_active = True
    org.sekda.save()
    check(org.sekda)
    assert figures(org.sekda) == (2, 2, 0)


def test_editing_a_unit_name_does_not_rebuild(org, code, django_assert_max_num_queries):
    register(org.tu_setda, org.setda, number="1/A")
    org.setda.name = "Sekretariat Daerah Kota"
    with django_assert_max_num_queries(6):  # the save and the is_active look-up, no rebuild
        org.setda.save()
    check(org.sekda)


def test_deleting_a_letter_with_dispositions(org, code):
    letter = register(org.tu_setda, org.setda, number="1/A")
    _dispose(org.sekda, letter, [org.asisten1])
    Letter.objects.filter(pk=letter.pk).delete()
    assert not InboxEntry.objects.filter(letter_id=letter.pk).exists()
    check(org.sekda, org.asisten1)


def test_unread_first_pages_match_the_definition(org, code):
    letters = [register(org.tu_setda, org.setda, number=f"{i}/A") for i in range(7)]
    for letter in letters[1::2]:
        services.mark_read(actor=org.sekda, letter=letter)
    _dispose(org.sekda, letters[0], [org.asisten1])
    _dispose(org.sekda, letters[3], [org.asisten1])
    for user in (org.sekda, org.asisten1):
        expected = defined_order(user)
        paginator = Paginator(selectors.UnreadFirst(user), 3)
        pages = [[x.pk for x in paginator.page(n)] for n in paginator.page_range]
        assert [pk for page in pages for pk in page] == expected
    assert page_ids(org.sekda, size=3)[0] == [letters[6].pk, letters[4].pk, letters[2].pk]


def test_inbox_query_joins_the_rows_once(org, code):
    register(org.tu_setda, org.setda, number="1/A")
    sql = str(selectors.inbox_tab(org.sekda, "tindak-lanjut").query)
    assert sql.count('JOIN "letters_inboxentry"') == 1


def test_to_act_tab_lists_what_the_counter_counts(client, org, code):
    first = register(org.tu_setda, org.setda, number="1/A", subject="Perlu disposisi")
    second = register(org.tu_setda, org.setda, number="2/A", subject="Sudah didisposisikan")
    _dispose(org.sekda, second, [org.asisten1])
    tab = list(selectors.inbox_tab(org.sekda, "tindak-lanjut"))
    assert tab == [first] and figures(org.sekda)[1] == 1
    client.force_login(org.sekda)
    html = client.get("/kantor/surat/", {"tab": "tindak-lanjut"}).content.decode()
    assert "Perlu disposisi" in html and "Sudah didisposisikan" not in html


def test_an_outsider_has_no_rows_and_sees_nothing(org, code):
    register(org.tu_setda, org.setda, number="1/A")
    outsider = make_staff(org.dinkes, email="staf.dinkes@bpp.go.id")
    assert not InboxEntry.objects.filter(user=outsider).exists()
    assert list(selectors.inbox(outsider)) == []
    assert figures(outsider) == (0, 0, 0)


def test_rebuild_repairs_rows_written_around_the_services(org, code):
    letters = [register(org.tu_setda, org.setda, number=f"{i}/A") for i in range(3)]
    services.mark_read(actor=org.sekda, letter=letters[0])
    InboxEntry.objects.all().delete()  # as after a bulk load that sent no signals
    InboxEntry.objects.create(
        user=org.asisten1, letter=letters[1], letter_created_at=letters[1].created_at
    )  # and a stray row
    assert figures(org.sekda) == (0, 0, 0)
    call_command("rebuild_inbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    check(org.sekda, org.asisten1, org.tu_setda)
    assert figures(org.sekda) == (2, 3, 0)  # read or not, none disposed yet
    assert not InboxEntry.objects.filter(user=org.asisten1).exists()


def test_rebuild_of_one_person_and_after_migrate(org, code):
    register(org.tu_setda, org.setda, number="1/A")
    InboxEntry.objects.all().delete()
    call_command("rebuild_inbox", email=org.sekda.email, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert figures(org.sekda) == (1, 1, 0)
    InboxEntry.objects.all().delete()
    assert inbox.rebuild_if_empty() is True  # what post_migrate does on an older install
    assert figures(org.sekda) == (1, 1, 0)
    assert inbox.rebuild_if_empty() is False


def test_the_inbox_page_reads_the_rows(client, org, code, django_assert_max_num_queries):
    for i in range(30):
        register(org.tu_setda, org.setda, number=f"{i}/A", subject=f"Surat nomor {i}")
    client.force_login(org.sekda)
    response = client.get("/kantor/surat/")
    html = response.content.decode()
    assert response.status_code == 200 and "Surat nomor 29" in html
    assert "Surat nomor 4" not in html  # 25 per page, newest first
    assert client.get("/kantor/surat/", {"halaman": "2"}).content.decode().count("Surat nomor") >= 5


def test_paused_for_bulk_work_then_rebuilt(org, code):
    kept = register(org.tu_setda, org.setda, number="1/A")
    with inbox.paused():
        register(org.tu_setda, org.setda, number="2/A")
        LetterRead.objects.create(letter=kept, user=org.sekda)
    assert figures(org.sekda) == (1, 1, 0)  # the rows did not move while paused
    inbox.rebuild_all()
    check(org.sekda)
    assert figures(org.sekda) == (1, 2, 0)


def test_deleting_read_receipts_and_dispositions_directly(org, code):
    letter = register(org.tu_setda, org.setda, number="1/A")
    _dispose(org.sekda, letter, [org.asisten1])
    services.mark_read(actor=org.asisten1, letter=letter)
    LetterRead.objects.filter(user=org.asisten1).delete()
    check(org.asisten1)
    assert figures(org.asisten1) == (1, 1, 0)
    Disposition.objects.filter(letter=letter).delete()
    check(org.sekda, org.asisten1)
    # The Sekda read it when disposing; with no disposition left it is theirs to act on again.
    assert figures(org.asisten1) == (0, 0, 0) and figures(org.sekda) == (0, 1, 0)
