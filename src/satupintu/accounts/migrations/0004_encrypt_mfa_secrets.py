"""Encrypt TOTP secrets and recovery-code seeds stored in clear before MFA_ADAPTER encrypted them."""

from django.db import migrations


def encrypt_existing(apps, schema_editor):
    from satupintu.accounts.mfa_adapter import encrypt_if_clear, reencrypt_authenticators

    reencrypt_authenticators(encrypt_if_clear, model=apps.get_model("mfa", "Authenticator"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_totp_enrolment"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_existing, migrations.RunPython.noop)]
