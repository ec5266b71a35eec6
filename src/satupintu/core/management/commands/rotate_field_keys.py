from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction

from satupintu.core import crypto
from satupintu.core.fields import EncryptedTextField


class Command(BaseCommand):
    help = (
        "Enkripsi ulang semua data pribadi dengan kunci pertama di SP_FIELD_KEYS "
        "(jalankan setelah menambahkan kunci baru di depan), termasuk kunci berkas tersimpan."
    )

    def handle(self, **options):
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            columns = [f.attname for f in fields]
            # Read raw tokens (no decryption), rotate the ones not under the primary key.
            for pk in model._base_manager.values_list("pk", flat=True).iterator():
                with transaction.atomic():
                    tokens = self._raw_tokens(model, pk, columns)
                    updates = {
                        column: crypto.rotate(token)
                        for column, token in tokens.items()
                        if token and not crypto.is_current(token)
                    }
                    if updates:
                        self._write_raw(model, pk, updates)
                        total += 1
        # TOTP secrets and recovery-code seeds live inside allauth's JSON column.
        from satupintu.accounts.mfa_adapter import reencrypt_authenticators

        total += reencrypt_authenticators()
        self.stdout.write(self.style.SUCCESS(f"{total} baris dienkripsi ulang."))
        files = self._rewrap_files()
        self.stdout.write(self.style.SUCCESS(f"{files} kunci berkas dibungkus ulang."))

    def _rewrap_files(self) -> int:
        """Stored files keep their content; only their data key is re-wrapped."""
        if not hasattr(default_storage, "rewrap"):
            return 0
        done = 0
        for name in default_storage.walk():
            try:
                done += default_storage.rewrap(name)
            except OSError as exc:
                self.stderr.write(f"{name}: {exc}")
        return done

    @staticmethod
    def _raw_tokens(model, pk, columns) -> dict:
        from django.db import connection

        table = connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        pk_column = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quoted} FROM {table} WHERE {pk_column} = %s", [pk])  # noqa: S608
            row = cursor.fetchone()
        return dict(zip(columns, row, strict=True))

    @staticmethod
    def _write_raw(model, pk, updates: dict) -> None:
        from django.db import connection

        table = connection.ops.quote_name(model._meta.db_table)
        assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in updates)
        pk_column = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s",  # noqa: S608
                [*updates.values(), pk],
            )
