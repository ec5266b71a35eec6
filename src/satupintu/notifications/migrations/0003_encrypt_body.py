from django.db import migrations

import satupintu.core.fields
from satupintu.core import crypto


def encrypt_bodies(apps, schema_editor):
    # Before AlterField the historical model still reads and writes the column as plain text.
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    for pk, body in OutboxMessage.objects.values_list("pk", "body").iterator():
        if body:
            OutboxMessage.objects.filter(pk=pk).update(body=crypto.encrypt(body))


def decrypt_bodies(apps, schema_editor):
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    for pk, body in OutboxMessage.objects.values_list("pk", "body").iterator():
        if body:
            OutboxMessage.objects.filter(pk=pk).update(body=crypto.decrypt(body))


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outbox_claimed_at")]

    operations = [
        # Both directions run while the state has the plain TextField: raw values.
        migrations.RunPython(encrypt_bodies, decrypt_bodies),
        migrations.AlterField(
            model_name="outboxmessage",
            name="body",
            field=satupintu.core.fields.EncryptedTextField(verbose_name="isi"),
        ),
    ]
