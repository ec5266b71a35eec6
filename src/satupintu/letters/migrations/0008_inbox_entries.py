"""Per-person inbox rows (letters/inbox.py). The rows of an installation that already has
letters are built by the post_migrate handler after the whole `migrate` (with the current
models), not here."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0007_sqlite_letter_fulltext"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="InboxEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("letter_created_at", models.DateTimeField()),
                ("is_copy", models.BooleanField(default=False)),
                ("is_read", models.BooleanField(default=False)),
                ("actions", models.PositiveSmallIntegerField(default=0)),
                (
                    "letter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inbox_entries",
                        to="letters.letter",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["user", "is_read", "-letter_created_at", "-letter"],
                        name="inbox_user_read_new",
                    ),
                    models.Index(
                        condition=models.Q(("actions__gt", 0)),
                        fields=["user", "actions"],
                        name="inbox_user_actions",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "letter"), name="letters_inbox_entry_once"
                    )
                ],
            },
        ),
    ]
