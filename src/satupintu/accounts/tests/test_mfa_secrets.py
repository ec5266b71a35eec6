"""TOTP secrets and recovery-code seeds are encrypted at rest with the field keys (issue #9)."""

import importlib
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from satupintu.core import crypto
from satupintu.testing.factories import TEST_PASSWORD, TOTP_SECRET, current_totp_code

OLD_KEY = settings.FIELD_ENCRYPTION_KEYS[0]
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _keys():
    crypto.reset_keys_cache()
    yield
    crypto.reset_keys_cache()


def raw_data(authenticator) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else value


def totp_of(user) -> Authenticator:
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


def logs_in_with_totp(client, user) -> bool:
    client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})
    client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    return client.session.get(SESSION_KEY) == str(user.pk)


def test_the_database_holds_no_totp_secret_in_clear_and_login_works(client, staff_a):
    stored = raw_data(totp_of(staff_a))

    assert TOTP_SECRET not in json.dumps(stored)
    assert Fernet(OLD_KEY.encode()).decrypt(stored["secret"].encode()).decode() == TOTP_SECRET
    assert logs_in_with_totp(client, staff_a)


def test_recovery_code_seed_is_encrypted_and_codes_still_work(client, staff_a):
    rc = RecoveryCodes.activate(staff_a)
    codes = rc.generate_codes()
    stored = raw_data(rc.instance)
    seed = Fernet(OLD_KEY.encode()).decrypt(stored["seed"].encode()).decode()

    assert seed not in json.dumps(stored)
    client.post("/akun/login/", {"login": staff_a.email, "password": TEST_PASSWORD})
    client.post("/akun/2fa/authenticate/", {"code": codes[0]})
    assert client.session.get(SESSION_KEY) == str(staff_a.pk)


def test_a_secret_stored_in_clear_still_works_and_the_migration_encrypts_it(client, staff_a):
    authenticator = totp_of(staff_a)
    Authenticator.objects.filter(pk=authenticator.pk).update(data={"secret": TOTP_SECRET})
    assert raw_data(authenticator)["secret"] == TOTP_SECRET

    assert logs_in_with_totp(client, staff_a)

    migration = importlib.import_module("satupintu.accounts.migrations.0004_encrypt_mfa_secrets")
    migration.encrypt_existing(apps, None)
    stored = raw_data(authenticator)
    assert TOTP_SECRET not in json.dumps(stored)
    assert crypto.decrypt(stored["secret"]) == TOTP_SECRET


def test_rotate_field_keys_reencrypts_mfa_secrets(client, staff_a, capsys):
    authenticator = totp_of(staff_a)
    before = raw_data(authenticator)["secret"]

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        crypto.reset_keys_cache()
        call_command("rotate_field_keys")
        assert "1 baris dienkripsi ulang" in capsys.readouterr().out

    after = raw_data(authenticator)["secret"]
    assert after != before
    assert Fernet(NEW_KEY.encode()).decrypt(after.encode()).decode() == TOTP_SECRET
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        crypto.reset_keys_cache()
        assert logs_in_with_totp(client, staff_a)
