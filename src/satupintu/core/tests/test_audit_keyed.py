"""The audit chain is keyed (HMAC-SHA256 under SP_AUDIT_KEY, kept outside the database), so
whoever can write to the database cannot rebuild a valid chain; an exported anchor also catches
the newest rows being cut off."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

import satupintu
from satupintu.core import audit
from satupintu.core.models import AuditEvent

pytestmark = pytest.mark.django_db

OTHER_KEY = "kunci-audit-lain-untuk-uji-0123456789-abcdefghij"


def _events(n=3):
    return [audit.record(f"test.event_{i}", data={"n": i}) for i in range(1, n + 1)]


def _plain_sha256(event) -> str:
    return hashlib.sha256(audit.canonical(event)).hexdigest()


def _rewrite_everything(*, downgrade: bool):
    """What a database thief does: change a row, then recompute every hash with plain SHA-256
    (the only hash they can compute), relinking the whole chain."""
    prev = audit.GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq == 2:
            event.action = "test.innocent"
        if downgrade:
            event.hash_version, event.key_id = audit.HASH_SHA256, ""
        event.prev_hash = prev
        event.hash = _plain_sha256(event)
        AuditEvent.objects.filter(pk=event.pk).update(
            action=event.action,
            hash_version=event.hash_version,
            key_id=event.key_id,
            prev_hash=event.prev_hash,
            hash=event.hash,
        )
        prev = event.hash


def test_new_rows_are_keyed_and_not_a_plain_sha256():
    event = audit.record("test.event")

    assert event.hash_version == audit.HASH_HMAC
    assert event.key_id == audit.current_key_id()
    assert event.hash != _plain_sha256(event)
    assert audit.verify_chain() == (1, None)


def test_a_chain_rewritten_with_plain_sha256_is_detected():
    _events()
    _rewrite_everything(downgrade=False)

    checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=1, reason="altered")
    assert checked == 0


def test_a_chain_rewritten_as_unkeyed_legacy_rows_is_detected():
    _events()
    _rewrite_everything(downgrade=True)

    _checked, problem = audit.verify_chain()

    assert problem == audit.ChainProblem(seq=3, reason="unkeyed_head")


def test_legacy_rows_verify_as_before_and_are_sealed_by_the_next_keyed_row():
    legacy = []
    prev = audit.GENESIS_HASH
    for seq in (1, 2):
        event = AuditEvent(
            seq=seq,
            created_at=timezone.now(),
            action="legacy.event",
            data={},
            prev_hash=prev,
            hash_version=audit.HASH_SHA256,
        )
        event.hash = _plain_sha256(event)
        event.save(force_insert=True)
        legacy.append(event)
        prev = event.hash

    assert audit.verify_chain()[1] == audit.ChainProblem(seq=2, reason="unkeyed_head")
    sealed = audit.seal_legacy_chain()
    assert sealed is not None and sealed.action == "audit.chain_keyed"
    assert sealed.data == {"legacy_rows": 2}
    assert audit.seal_legacy_chain() is None  # once
    audit.record("test.after")
    assert audit.verify_chain() == (4, None)

    # Rewriting a legacy row (with its plain hash) breaks the link the keyed seal covers.
    AuditEvent.objects.filter(seq=2).update(action="legacy.innocent")
    tampered = AuditEvent.objects.get(seq=2)
    AuditEvent.objects.filter(seq=2).update(hash=_plain_sha256(tampered))
    assert audit.verify_chain()[1] == audit.ChainProblem(seq=3, reason="broken_link")


def test_a_legacy_row_after_a_keyed_row_is_a_downgrade():
    _events(2)
    event = AuditEvent.objects.get(seq=2)
    event.hash_version, event.key_id = audit.HASH_SHA256, ""
    AuditEvent.objects.filter(seq=2).update(
        hash_version=audit.HASH_SHA256, key_id="", hash=_plain_sha256(event)
    )
    audit.record("test.next")  # links to the forged hash, keyed

    assert audit.verify_chain()[1] == audit.ChainProblem(seq=2, reason="downgraded")


def test_rows_under_a_rotated_key_verify_while_the_old_key_is_configured(settings):
    _events(2)
    old_key = settings.AUDIT_KEY
    settings.AUDIT_KEY = OTHER_KEY
    settings.AUDIT_OLD_KEYS = [old_key]
    audit.reset_keys_cache()
    try:
        audit.record("test.after_rotation")
        rows = list(AuditEvent.objects.order_by("seq").values_list("key_id", flat=True))
        assert rows[0] == rows[1] != rows[2]
        assert audit.verify_chain() == (3, None)

        settings.AUDIT_OLD_KEYS = []
        audit.reset_keys_cache()
        assert audit.verify_chain()[1] == audit.ChainProblem(seq=1, reason="unknown_key")
    finally:
        audit.reset_keys_cache()


def test_anchor_of_an_intact_chain_passes(tmp_path, capsys):
    _events()
    anchor_file = tmp_path / "anker.json"

    call_command("export_audit_anchor", str(anchor_file))
    anchor = json.loads(anchor_file.read_text())
    audit.record("test.later")  # the chain grows after the anchor: fine
    call_command("verify_audit_chain", "--anchor", str(anchor_file))

    assert anchor["seq"] == 3
    assert anchor["hash"] == AuditEvent.objects.get(seq=3).hash
    assert anchor["exported_at"]
    out = capsys.readouterr().out
    assert "4 baris diperiksa" in out
    assert "#3" in out  # the anchor was checked


def test_export_to_stdout(capsys):
    _events(2)

    call_command("export_audit_anchor")

    anchor = json.loads(capsys.readouterr().out)
    assert anchor["seq"] == 2


def test_truncation_after_an_anchor_is_detected(tmp_path):
    _events(4)
    anchor_file = tmp_path / "anker.json"
    call_command("export_audit_anchor", str(anchor_file))
    AuditEvent.objects.filter(seq__gte=3).delete()  # the newest rows cut off: a valid chain

    assert audit.verify_chain() == (2, None)
    with pytest.raises(CommandError, match=r"#4: .*dipotong"):
        call_command("verify_audit_chain", "--anchor", str(anchor_file))


def test_rewriting_the_anchored_row_is_detected(tmp_path):
    _events(3)
    anchor_file = tmp_path / "anker.json"
    call_command("export_audit_anchor", str(anchor_file))
    anchor = audit.Anchor.from_json(anchor_file.read_text())
    AuditEvent.objects.filter(seq=3).delete()
    audit.record("test.replacement")  # a new, validly keyed row 3 (an insider with the key)

    checked, problem = audit.verify_chain(anchor=anchor)

    assert problem == audit.ChainProblem(seq=3, reason="anchor_mismatch")
    assert checked == 2


def test_a_broken_anchor_file_is_refused_in_indonesian(tmp_path):
    bad = tmp_path / "anker.json"
    bad.write_text("bukan json")

    with pytest.raises(CommandError, match="Berkas jangkar"):
        call_command("verify_audit_chain", "--anchor", str(bad))
    with pytest.raises(CommandError, match="Berkas jangkar"):
        call_command("verify_audit_chain", "--anchor", str(tmp_path / "tidak-ada.json"))


def test_export_refuses_a_broken_chain(tmp_path):
    _events()
    AuditEvent.objects.filter(seq=2).update(action="test.innocent")

    with pytest.raises(CommandError, match="#2"):
        call_command("export_audit_anchor", str(tmp_path / "anker.json"))
    assert not (tmp_path / "anker.json").exists()


def _import_settings(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("SP_")}
    base.update(
        {
            "SP_SECRET_KEY": "x" * 50,
            "SP_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS0wMTIzNDU2Nzg5YWI=",
            "SP_BLIND_INDEX_KEY": "y" * 32,
            "PYTHONPATH": str(Path(satupintu.__file__).resolve().parents[1]),
            **env,
        }
    )
    code = "import satupintu.settings as s; print(s.AUDIT_KEY_DERIVED, len(s.AUDIT_KEY))"
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_an_audit_key():
    result = _import_settings(SP_DEBUG="0", SP_DEMO="0")

    assert result.returncode != 0
    assert "SP_AUDIT_KEY" in result.stderr


def test_a_short_audit_key_is_refused():
    result = _import_settings(SP_AUDIT_KEY="pendek")

    assert result.returncode != 0
    assert "SP_AUDIT_KEY" in result.stderr


def test_demo_derives_the_key_from_the_secret_key_and_the_check_warns(settings):
    result = _import_settings(SP_DEMO="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"

    from satupintu.core.checks import audit_key_check

    settings.AUDIT_KEY_DERIVED = True
    warnings = audit_key_check(None)
    assert [w.id for w in warnings] == ["satupintu.W001"]
    assert "SP_AUDIT_KEY" in warnings[0].msg
    settings.AUDIT_KEY_DERIVED = False
    assert audit_key_check(None) == []


def test_the_migration_seals_a_legacy_chain():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("satupintu.core.migrations.0005_seal_legacy_audit_chain")
    event = AuditEvent(
        seq=1,
        created_at=timezone.now(),
        action="legacy.event",
        data={},
        prev_hash=audit.GENESIS_HASH,
        hash_version=audit.HASH_SHA256,
    )
    event.hash = _plain_sha256(event)
    event.save(force_insert=True)

    migration.seal(apps, None)

    assert list(AuditEvent.objects.order_by("seq").values_list("action", flat=True)) == [
        "legacy.event",
        "audit.chain_keyed",
    ]
    assert audit.verify_chain() == (2, None)
