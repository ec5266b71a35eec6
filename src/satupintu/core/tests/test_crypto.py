"""Encryption at rest (EncryptedTextField), blind indexes and key rotation."""

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from satupintu.accounts.models import CitizenProfile, User
from satupintu.core import crypto
from satupintu.testing.factories import UserFactory

NIK = "6471054107900001"
PHONE = "+6281234567890"
OLD_KEY = settings.FIELD_ENCRYPTION_KEYS[0]
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _fresh_keys():
    crypto.reset_keys_cache()
    yield
    crypto.reset_keys_cache()


def _raw(table: str, column: str, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


# --- crypto --------------------------------------------------------------------------------


def test_encrypt_round_trip():
    token = crypto.encrypt(NIK)

    assert token != NIK
    assert NIK not in token
    assert crypto.decrypt(token) == NIK


def test_encrypt_is_randomised():
    assert crypto.encrypt(NIK) != crypto.encrypt(NIK)


def test_encrypt_handles_non_ascii():
    assert crypto.decrypt(crypto.encrypt("Jl. Sudirman № 5 — é")) == "Jl. Sudirman № 5 — é"


def test_decrypt_garbage_raises_value_error():
    with pytest.raises(ValueError, match="could not be decrypted"):
        crypto.decrypt("bukan-token-fernet")


def test_decrypt_with_unknown_key_raises_value_error():
    foreign = Fernet(Fernet.generate_key()).encrypt(b"rahasia").decode()

    with pytest.raises(ValueError):
        crypto.decrypt(foreign)


def test_invalid_key_setting_is_improperly_configured():
    with override_settings(FIELD_ENCRYPTION_KEYS=["bukan-kunci"]):
        crypto.reset_keys_cache()
        with pytest.raises(ImproperlyConfigured):
            crypto.encrypt(NIK)


def test_is_current_only_for_primary_key_tokens():
    old_token = crypto.encrypt(NIK)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        crypto.reset_keys_cache()
        assert crypto.is_current(old_token) is False
        new_token = crypto.encrypt(NIK)
        assert crypto.is_current(new_token) is True
        rotated = crypto.rotate(old_token)
        assert crypto.is_current(rotated) is True
        assert crypto.decrypt(rotated) == NIK


def test_blind_index_is_deterministic_hex():
    first = crypto.blind_index(NIK, "nik")

    assert first == crypto.blind_index(NIK, "nik")
    assert len(first) == 64
    int(first, 16)  # hex digest
    assert NIK not in first


def test_blind_index_separates_purposes_and_values():
    assert crypto.blind_index("081234567890", "nik") != crypto.blind_index("081234567890", "phone")
    assert crypto.blind_index(NIK, "nik") != crypto.blind_index("6471054107900002", "nik")


def test_blind_index_depends_on_its_own_key_only():
    before = crypto.blind_index(NIK, "nik")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        crypto.reset_keys_cache()
        assert crypto.blind_index(NIK, "nik") == before
    with override_settings(BLIND_INDEX_KEY="kunci-lain"):
        assert crypto.blind_index(NIK, "nik") != before


# --- EncryptedTextField --------------------------------------------------------------------


@pytest.mark.django_db
def test_nik_is_stored_as_ciphertext_and_read_back_plain():
    user = UserFactory()
    profile = CitizenProfile.objects.create(user=user, nik=NIK)

    raw = _raw("accounts_citizenprofile", "nik", profile.pk)
    assert raw
    assert NIK not in raw
    assert crypto.decrypt(raw) == NIK
    assert CitizenProfile.objects.get(pk=profile.pk).nik == NIK


@pytest.mark.django_db
def test_phone_is_stored_as_ciphertext():
    user = UserFactory(phone=PHONE)

    raw = _raw("accounts_user", "phone", user.pk)
    assert "81234567890" not in raw
    assert User.objects.get(pk=user.pk).phone == PHONE


@pytest.mark.django_db
def test_empty_value_is_stored_empty_not_encrypted():
    user = UserFactory()
    profile = CitizenProfile.objects.create(user=user, nik="")

    assert _raw("accounts_citizenprofile", "nik", profile.pk) == ""
    assert CitizenProfile.objects.get(pk=profile.pk).nik == ""


@pytest.mark.django_db
def test_row_with_unknown_key_fails_loudly_on_read():
    user = UserFactory()
    profile = CitizenProfile.objects.create(user=user, nik=NIK)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        crypto.reset_keys_cache()
        with pytest.raises(ValueError):
            CitizenProfile.objects.get(pk=profile.pk)


# --- key rotation --------------------------------------------------------------------------


@pytest.mark.django_db
def test_rotate_field_keys_reencrypts_under_the_new_key(capsys):
    user = UserFactory(phone=PHONE)
    profile = CitizenProfile.objects.create(user=user, nik=NIK)
    other = UserFactory()  # phone "" : nothing to rotate
    old_nik_token = _raw("accounts_citizenprofile", "nik", profile.pk)

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        crypto.reset_keys_cache()
        call_command("rotate_field_keys")
        assert "2 baris dienkripsi ulang" in capsys.readouterr().out

    new_nik_token = _raw("accounts_citizenprofile", "nik", profile.pk)
    assert new_nik_token != old_nik_token
    assert Fernet(NEW_KEY.encode()).decrypt(new_nik_token.encode()).decode() == NIK

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        crypto.reset_keys_cache()
        assert CitizenProfile.objects.get(pk=profile.pk).nik == NIK
        assert User.objects.get(pk=user.pk).phone == PHONE
        assert User.objects.get(pk=other.pk).phone == ""


@pytest.mark.django_db
def test_rotate_field_keys_twice_rotates_nothing_the_second_time(capsys):
    user = UserFactory(phone=PHONE)
    CitizenProfile.objects.create(user=user, nik=NIK)

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        crypto.reset_keys_cache()
        call_command("rotate_field_keys")
        capsys.readouterr()
        token_after_first = _raw("accounts_citizenprofile", "nik", user.profile.pk)
        call_command("rotate_field_keys")
        assert "0 baris dienkripsi ulang" in capsys.readouterr().out
        assert _raw("accounts_citizenprofile", "nik", user.profile.pk) == token_after_first


@pytest.mark.django_db
def test_rotation_keeps_blind_indexes_valid():
    from satupintu.accounts.nik import nik_index

    user = UserFactory()
    CitizenProfile.objects.create(user=user, nik=NIK, nik_index=nik_index(NIK))

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        crypto.reset_keys_cache()
        call_command("rotate_field_keys")
        found = CitizenProfile.objects.get(nik_index=nik_index(NIK))
        assert found.user_id == user.pk
        assert found.nik == NIK
