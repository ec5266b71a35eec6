"""The hash-chained audit trail: appending, verifying, and catching tampering."""

import pytest
from django.core.management import CommandError, call_command

from satupintu.core import audit
from satupintu.core.context import RequestMeta, reset_request_meta, set_request_meta
from satupintu.core.models import AuditEvent
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _three_events():
    return [audit.record(f"test.event_{n}", data={"n": n}) for n in (1, 2, 3)]


def test_record_appends_rows_with_consecutive_seq_and_linked_hashes():
    first, second, third = _three_events()

    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.prev_hash == audit.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3
    stored = list(AuditEvent.objects.order_by("seq").values_list("seq", "action"))
    assert stored == [(1, "test.event_1"), (2, "test.event_2"), (3, "test.event_3")]


def test_stored_hash_matches_recomputed_hash():
    event = audit.record("test.event", data={"answer": 42})

    event.refresh_from_db()
    assert event.hash == audit.compute_hash(event)
    assert len(event.hash) == 64


def test_record_without_actor_or_object_leaves_references_blank():
    event = audit.record("system.job")

    assert event.actor_id is None
    assert event.actor_label == ""
    assert (event.object_type, event.object_id, event.object_label) == ("", "", "")
    assert event.data == {}
    assert event.ip is None


def test_record_names_actor_without_revealing_the_full_email():
    user = UserFactory(email="budi.santoso@contoh.id")

    event = audit.record("test.event", actor=user, obj=user)

    assert event.actor_id == user.pk
    assert event.actor_label.startswith(f"#{user.pk}")
    assert "budi.santoso" not in event.actor_label
    assert event.object_type == "accounts.user"
    assert event.object_id == str(user.pk)


def test_record_takes_the_ip_from_the_request_context():
    token = set_request_meta(RequestMeta(ip="10.1.2.3"))
    try:
        event = audit.record("test.event")
    finally:
        reset_request_meta(token)

    event.refresh_from_db()
    assert event.ip == "10.1.2.3"


def test_verify_chain_on_empty_trail_is_ok():
    assert audit.verify_chain() == (0, None)


def test_verify_chain_on_clean_chain_is_ok():
    _three_events()

    checked, problem = audit.verify_chain()

    assert checked == 3
    assert problem is None


def test_verify_chain_with_small_batches_still_walks_everything():
    for n in range(7):
        audit.record("test.event", data={"n": n})

    assert audit.verify_chain(batch_size=2) == (7, None)


def test_queryset_update_of_a_field_is_detected_as_altered():
    _three_events()
    AuditEvent.objects.filter(seq=2).update(action="test.innocent")

    checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=2, reason="altered")
    assert checked == 1


def test_editing_data_json_is_detected():
    _three_events()
    AuditEvent.objects.filter(seq=3).update(data={"n": 999})

    _checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=3, reason="altered")


def test_rehashing_an_edited_row_breaks_the_link_to_the_next_row():
    _three_events()
    tampered = AuditEvent.objects.get(seq=2)
    tampered.action = "test.innocent"
    tampered.hash = audit.compute_hash(tampered)
    AuditEvent.objects.filter(seq=2).update(action=tampered.action, hash=tampered.hash)

    checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=3, reason="broken_link")
    assert checked == 2


def test_deleting_a_middle_row_is_detected_as_missing():
    _three_events()
    AuditEvent.objects.filter(seq=2).delete()

    checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=2, reason="missing")
    assert checked == 1


def test_deleting_the_first_row_is_detected():
    _three_events()
    AuditEvent.objects.filter(seq=1).delete()

    _checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=1, reason="missing")


def test_command_reports_an_intact_chain(capsys):
    _three_events()

    call_command("verify_audit_chain")

    assert "3 baris diperiksa" in capsys.readouterr().out


def test_command_names_the_altered_row():
    _three_events()
    AuditEvent.objects.filter(seq=2).update(object_label="diubah")

    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_chain")

    message = str(excinfo.value)
    assert "#2" in message
    assert "diubah" in message  # "isi baris diubah"
    assert "1 baris sebelumnya utuh" in message


def test_command_names_the_deleted_row():
    _three_events()
    audit.record("test.event_4")
    AuditEvent.objects.filter(seq=3).delete()

    with pytest.raises(CommandError, match=r"#3: baris hilang"):
        call_command("verify_audit_chain")


def test_chain_continues_after_a_rollback():
    from django.db import transaction

    audit.record("test.kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record("test.rolled_back")
        raise RuntimeError("boom")
    second = audit.record("test.kept_too")

    assert second.seq == 2
    assert audit.verify_chain() == (2, None)
