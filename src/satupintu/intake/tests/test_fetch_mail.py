"""`manage.py fetch_mail` against a fake IMAP server on 127.0.0.1."""

import imaplib
import ssl
from email.message import EmailMessage
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from satupintu.cases.models import Case
from satupintu.intake import mail as intake_mail
from satupintu.intake import services
from satupintu.intake.tests.conftest import png_bytes

pytestmark = pytest.mark.django_db


def make_email(
    subject="Jalan berlubang di Jl. Soekarno Hatta",
    text="Lubang besar di KM 5, sudah dua motor jatuh minggu ini.",
    sender="Siti Rahma <siti@contoh.id>",
    message_id="<m1@contoh.id>",
    html=None,
    attachment=None,
    headers=None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "aduan@kota.go.id"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    for key, value in (headers or {}).items():
        message[key] = value
    if html and not text:
        message.set_content(html, subtype="html")
    else:
        message.set_content(text)
        if html:
            message.add_alternative(html, subtype="html")
    if attachment:
        name, data, maintype, subtype = attachment
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def run(**kwargs) -> str:
    out = StringIO()
    call_command("fetch_mail", stdout=out, **kwargs)
    return out.getvalue()


def test_fetch_mail_files_unseen_messages_and_marks_them_seen(
    imap_server, categories, django_capture_on_commit_callbacks
):
    first = imap_server.add(make_email(attachment=("lubang.png", png_bytes(), "image", "png")))
    second = imap_server.add(
        make_email(
            subject="=?utf-8?q?Sampah_menumpuk_=E2=80=93_RT_07?=",
            text="",
            html="<p>Sampah tidak diangkut <b>tiga hari</b>.</p>",
            sender="warga@contoh.id",
            message_id="<m2@contoh.id>",
        )
    )
    auto = imap_server.add(
        make_email(
            subject="Out of office",
            sender="siti@contoh.id",
            message_id="<m3@contoh.id>",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    old = imap_server.add(make_email(message_id="<m0@contoh.id>"), seen=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "2 created" in output and "1 ignored" in output
    cases = {c.reporter_email: c for c in Case.objects.all()}
    assert set(cases) == {"siti@contoh.id", "warga@contoh.id"}
    road, rubbish = cases["siti@contoh.id"], cases["warga@contoh.id"]
    assert {road.channel, rubbish.channel} == {Case.Channel.EMAIL}
    assert road.reporter_name == "Siti Rahma"
    assert road.category == categories["jalan-rusak"]
    assert road.attachments.get().original_name == "lubang.png"
    assert rubbish.title == "Sampah menumpuk – RT 07"
    assert "Sampah tidak diangkut tiga hari." in rubbish.description
    assert "<" not in rubbish.description
    for uid in (first, second, auto):
        assert imap_server.messages[uid]["seen"]
    assert not any(f"FETCH {old} " in c for c in imap_server.commands)
    assert all("BODY.PEEK[]" in c for c in imap_server.commands if "FETCH" in c)
    assert sorted(m.to[0] for m in mail.outbox) == ["siti@contoh.id", "warga@contoh.id"]
    assert all("ADU-" in m.body for m in mail.outbox)
    assert imap_server.commands[-1].endswith("LOGOUT")

    # Nothing unseen is left: a second run does nothing.
    assert "0 created" in run()
    assert Case.objects.count() == 2


def test_a_message_seen_by_the_forwarder_too_is_not_filed_twice(imap_server, categories):
    imap_server.add(make_email())
    imap_server.add(make_email())  # the same Message-ID delivered twice
    output = run()
    assert "1 created, 1 duplicates" in output
    assert Case.objects.count() == 1


def test_failed_messages_stay_unseen_for_the_next_run(imap_server, categories, monkeypatch):
    uid = imap_server.add(make_email())

    def broken(message):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(services, "receive_email", broken)
    assert "1 failed" in run()
    assert not imap_server.messages[uid]["seen"]
    monkeypatch.undo()
    assert "1 created" in run()
    assert imap_server.messages[uid]["seen"]


def test_refused_messages_are_marked_seen(imap_server, categories):
    uid = imap_server.add(make_email(sender="bukan-alamat"))
    assert "1 refused" in run()
    assert imap_server.messages[uid]["seen"]
    assert not Case.objects.exists()


def test_wrong_password_is_a_clear_error(imap_server):
    with (
        override_settings(IMAP_PASSWORD="salah"),
        pytest.raises(CommandError, match="AUTHENTICATIONFAILED|LOGIN"),
    ):
        run()


def test_unconfigured_mailbox_is_a_clear_error():
    with override_settings(IMAP_HOST=""), pytest.raises(CommandError, match="SP_IMAP_HOST"):
        run()


def test_ssl_is_used_by_default(monkeypatch):
    seen = {}

    class FakeSsl:
        def __init__(self, host, port, **kwargs):
            seen.update(host=host, port=port, **kwargs)

    monkeypatch.setattr(imaplib, "IMAP4_SSL", FakeSsl)
    with override_settings(IMAP_HOST="imap.kota.go.id", IMAP_PORT=993, IMAP_SSL=True):
        intake_mail.connect()
    assert seen["host"] == "imap.kota.go.id" and seen["port"] == 993
    context = seen["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_parse_prefers_plain_text_and_detects_bounces():
    raw = make_email(html="<p>versi HTML</p>", headers={"Precedence": "bulk"})
    parsed = intake_mail.parse_message(raw)
    assert parsed.text.strip().startswith("Lubang besar")
    assert parsed.sender == "siti@contoh.id" and parsed.sender_name == "Siti Rahma"
    assert parsed.message_id == "<m1@contoh.id>"
    assert parsed.auto_submitted
    bounce = intake_mail.parse_message(make_email(sender="MAILER-DAEMON@contoh.id"))
    assert bounce.auto_submitted
