"""A person's cases and the messages sent about them, for the PDP export and erasure
(`accounts.personal_data`). Registered by `CasesConfig.ready`."""

from django.utils.translation import gettext as _

from satupintu.accounts.personal_data import Erasure, Section, register
from satupintu.cases.models import Case, CaseEvent, CaseHolder
from satupintu.cases.workflow import get_kind
from satupintu.notifications.models import OutboxMessage


def _iso(value):
    return value.isoformat() if value else None


def _status(case: Case) -> str:
    try:
        return get_kind(case.kind).status_label(case.status)
    except LookupError:
        return case.status


def filed_by(user):
    """Cases the person filed while logged in (anonymous reports are not linked to anyone)."""
    return Case.objects.filter(submitter=user)


def export_cases(user) -> list[dict]:
    cases = filed_by(user).select_related("category", "region", "org_unit").order_by("created_at")
    result = []
    for case in cases:
        events = CaseEvent.objects.filter(case=case, is_public=True).order_by("created_at", "pk")
        result.append(
            {
                "kind": case.kind,
                "tracking_code": case.tracking_code,
                "channel": case.channel,
                "subtype": case.subtype,
                "status": _status(case),
                "category": case.category.name if case.category else None,
                "title": case.title,
                "description": case.description,
                "anonymous": case.is_anonymous,
                "confidential": case.is_confidential,
                "reporter_name": case.reporter_name,
                "reporter_email": case.reporter_email,
                "reporter_phone": case.reporter_phone,
                "kelurahan": case.region.name if case.region else None,
                "rt": case.rt,
                "street": case.street,
                "latitude": str(case.latitude) if case.latitude is not None else None,
                "longitude": str(case.longitude) if case.longitude is not None else None,
                "handled_by": case.org_unit.name if case.org_unit else None,
                "created_at": _iso(case.created_at),
                "closed_at": _iso(case.closed_at),
                "rating": case.rating,
                "rating_comment": case.rating_comment,
                "files": [
                    {
                        "name": a.original_name,
                        "content_type": a.content_type,
                        "size": a.size,
                        "sha256": a.sha256,
                        "uploaded_at": _iso(a.uploaded_at),
                    }
                    for a in case.attachments.filter(uploaded_by_role="reporter")
                ],
                "timeline": [
                    {
                        "time": _iso(e.created_at),
                        "action": e.action,
                        "status": e.to_status,
                        "note": e.note,
                    }
                    for e in events
                ],
            }
        )
    return result


def _messages_to(user):
    """Outbox messages about the person's cases that were addressed to the person (staff
    notifications about the same case stay out), decrypted in Python: there are few."""
    codes = list(filed_by(user).values_list("tracking_code", flat=True))
    contacts = {c for c in (user.email, user.phone) if c}
    for case in filed_by(user).only("reporter_email", "reporter_phone"):
        contacts.update(c for c in (case.reporter_email, case.reporter_phone) if c)
    messages = OutboxMessage.objects.filter(reference__in=codes).order_by("created_at")
    return [m for m in messages if m.recipient in contacts]


def export_messages(user) -> list[dict]:
    return [
        {
            "channel": m.channel,
            "recipient": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "status": m.status,
            "reference": m.reference,
            "created_at": _iso(m.created_at),
            "sent_at": _iso(m.sent_at),
        }
        for m in _messages_to(user)
    ]


def pseudonym(user) -> str:
    return _("Akun dihapus #%(id)s") % {"id": user.pk}


def erase(user, erasure: Erasure) -> None:
    # Messages first: finding them needs the contacts about to be blanked.
    message_ids = [m.pk for m in _messages_to(user)]
    erasure.counts["messages_deleted"] = OutboxMessage.objects.filter(pk__in=message_ids).delete()[
        0
    ]
    # The kept secret only serves messages, and no contact is left to send them to: dropped.
    # Its hash stays, so a link the person kept still opens their case.
    erasure.counts["cases_pseudonymised"] = filed_by(user).update(
        reporter_name=pseudonym(user),
        reporter_email="",
        reporter_phone="",
        reporter_email_index="",
        reporter_phone_index="",
        secret_token="",
    )
    # Reports linked in "Urusan saya" (cases/holders.py) are unlinked, not changed: they
    # were not filed from this account.
    unlinked = CaseHolder.objects.filter(user=user).delete()[0]
    if unlinked:
        erasure.counts["cases_unlinked"] = unlinked


register(Section(key="cases", export=export_cases, erase=erase, order=10))
register(Section(key="messages", export=export_messages, order=90))
