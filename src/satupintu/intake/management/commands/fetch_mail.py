from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from satupintu.intake import mail


class Command(BaseCommand):
    help = (
        "Read unseen e-mails from the IMAP mailbox (SP_IMAP_*), file each as a complaint, "
        "reply with its tracking code, and flag it as seen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=100, help="at most this many messages per run"
        )

    def handle(self, *args, limit, **options):
        if not settings.IMAP_HOST:
            raise CommandError("SP_IMAP_HOST is not set: there is no mailbox to read.")
        try:
            report = mail.fetch_unseen(limit=limit)
        except (mail.MailboxError, OSError, mail.imaplib.IMAP4.error) as exc:
            raise CommandError(f"Mailbox {settings.IMAP_HOST}: {exc}") from exc
        self.stdout.write(str(report))
