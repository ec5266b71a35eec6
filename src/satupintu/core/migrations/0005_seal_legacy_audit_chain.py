from django.db import migrations


def seal(apps, schema_editor):
    from satupintu.core.audit import seal_legacy_chain

    seal_legacy_chain(apps.get_model("core", "AuditEvent"))


class Migration(migrations.Migration):
    """Rows written before the chain was keyed stay as they are (plain SHA-256, verified as
    before); one keyed row appended after them seals them (see core.audit)."""

    dependencies = [("core", "0004_audit_chain_keyed")]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
