"""Complaints by e-mail from an IMAP mailbox (`manage.py fetch_mail`).

Unseen messages are read without marking them (BODY.PEEK[]), handed to
`services.receive_email`, and flagged \\Seen only once handled, so a crash or a database
error leaves them for the next run. Messages that can never become a complaint (no valid
sender, auto-replies) are flagged too, so they are not read again and again.
"""

import email
import email.policy
import email.utils
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from satupintu.intake import services
from satupintu.intake.services import InboundAttachment, InboundEmail, InboundEmailError

logger = logging.getLogger("satupintu.intake.mail")

TIMEOUT_SECONDS = 30
MAX_MESSAGE_BYTES = 40 * 1024 * 1024
AUTO_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", re.I)


class MailboxError(Exception):
    pass


@dataclass
class FetchReport:
    created: int = 0
    duplicates: int = 0
    ignored: int = 0
    refused: int = 0
    failed: int = 0

    def __str__(self):
        return (
            f"{self.created} created, {self.duplicates} duplicates, {self.ignored} ignored, "
            f"{self.refused} refused, {self.failed} failed"
        )


def _is_automatic(message, sender: str) -> bool:
    """Bounces, out-of-office replies and lists: answering them would start a mail loop."""
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        auto not in ("", "no")
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or bool(message.get("X-Autoreply") or message.get("X-Autorespond"))
        or message.get_content_type() == "multipart/report"
        or bool(AUTO_SENDERS.match(sender))
    )


def _text_of(part) -> str:
    try:
        return part.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def parse_message(raw: bytes) -> InboundEmail:
    """An RFC 822 message → what `receive_email` needs (plain text preferred over HTML)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    name, sender = email.utils.parseaddr(str(message.get("From", "")))
    body = message.get_body(preferencelist=("plain", "html"))
    attachments, broken = [], []
    for part in message.iter_attachments():
        filename = str(part.get_filename() or "berkas")[:200]
        try:
            data = part.get_payload(decode=True)
        except (ValueError, AssertionError):
            data = None
        if data is None:
            broken.append((filename, "Lampiran rusak."))
            continue
        attachments.append(InboundAttachment(filename, part.get_content_type(), data))
    return InboundEmail(
        sender=sender,
        sender_name=name,
        subject=str(message.get("Subject", "")),
        text=_text_of(body) if body is not None else "",
        message_id=str(message.get("Message-ID", "")).strip(),
        attachments=attachments,
        broken_attachments=broken,
        auto_submitted=_is_automatic(message, sender),
    )


def connect() -> imaplib.IMAP4:
    host = settings.IMAP_HOST
    if not host:
        raise ImproperlyConfigured("Set SP_IMAP_HOST (and SP_IMAP_USER, SP_IMAP_PASSWORD).")
    if settings.IMAP_SSL:
        return imaplib.IMAP4_SSL(
            host,
            settings.IMAP_PORT,
            ssl_context=ssl.create_default_context(),
            timeout=TIMEOUT_SECONDS,
        )
    return imaplib.IMAP4(host, settings.IMAP_PORT, timeout=TIMEOUT_SECONDS)


def _check(result, what: str):
    status, data = result
    if status != "OK":
        raise MailboxError(f"IMAP {what} failed: {data!r}"[:300])
    return data


def _raw_message(data) -> bytes | None:
    for item in data or []:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def handle_raw(raw: bytes, report: FetchReport) -> bool:
    """Handle one message; True when it is done with (flag it \\Seen)."""
    try:
        result = services.receive_email(parse_message(raw))
    except InboundEmailError as exc:
        logger.warning("E-mail refused: %s", exc.code)
        report.refused += 1
        return True
    except Exception:
        logger.exception("E-mail could not be handled; it stays unread for the next run")
        report.failed += 1
        return False
    if result.case is None:
        report.ignored += 1
    elif result.created:
        report.created += 1
    else:
        report.duplicates += 1
    return True


def fetch_unseen(limit: int = 100) -> FetchReport:
    """Read up to `limit` unseen messages from the configured folder."""
    report = FetchReport()
    imap = connect()
    try:
        _check(imap.login(settings.IMAP_USER, settings.IMAP_PASSWORD), "LOGIN")
        _check(imap.select(settings.IMAP_FOLDER), "SELECT")
        uids = (_check(imap.uid("SEARCH", "UNSEEN"), "SEARCH")[0] or b"").split()[:limit]
        for uid in uids:
            data = _check(imap.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH")
            raw = _raw_message(data)
            if raw is None or len(raw) > MAX_MESSAGE_BYTES:
                logger.warning("E-mail %s skipped: empty or larger than allowed", uid)
                report.refused += 1
                done = True
            else:
                done = handle_raw(raw, report)
            if done:
                _check(imap.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "STORE")
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            logger.warning("IMAP logout failed")
    return report
