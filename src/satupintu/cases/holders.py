"""Linking reports to an account that did not file them while logged in ("Urusan saya").

- Reports filed before the person had an account, with the e-mail or phone the account has
  since confirmed: found through the contacts' blind indexes (`cases/contacts.py`) and linked
  when the person asks (`link_by_contact`).
- Anonymous reports: only through their private link (`link_by_secret`). The report stays
  anonymous to staff: no name, no submitter; only the `CaseHolder` row knows.

Writes here (one transaction, one audit event each); reads in `owned_cases`/`claimable`.
"""

import re

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from satupintu.cases import codes
from satupintu.cases.contacts import email_index, phone_index
from satupintu.cases.models import Case, CaseHolder
from satupintu.core import audit


class LinkError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def confirmed_contacts(user) -> tuple[str, str]:
    """The account's e-mail and phone, each only once it was confirmed with a code."""
    from allauth.account.models import EmailAddress

    email = ""
    if (
        user.email
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    ):
        email = user.email
    phone = user.phone if user.phone and user.phone_verified else ""
    return email, phone


def claimable(user):
    """Named reports filed without an account with a contact this account confirmed, not
    linked yet. Anonymous reports never: their contact is not kept."""
    email, phone = confirmed_contacts(user)
    match = Q(pk__in=[])
    if email:
        match |= Q(reporter_email_index=email_index(email))
    if phone:
        match |= Q(reporter_phone_index=phone_index(phone))
    return (
        Case.objects.filter(match, submitter=None, is_anonymous=False)
        .exclude(holders__user=user)
        .order_by("-created_at")
    )


def owned_cases(user):
    """Cases the person filed while logged in, and those linked to the account."""
    return Case.objects.filter(Q(submitter=user) | Q(holders__user=user)).distinct()


def link_by_contact(user) -> int:
    """Link every claimable report to the account; returns how many."""
    with transaction.atomic():
        cases = list(claimable(user).select_for_update(of=("self",)).only("pk"))
        CaseHolder.objects.bulk_create(
            [CaseHolder(case=c, user=user, via=CaseHolder.Via.CONTACT) for c in cases],
            ignore_conflicts=True,
        )
        if cases:
            audit.record(
                "cases.linked_by_contact",
                actor=user,
                obj=user,
                data={"cases": [c.pk for c in cases]},
            )
    return len(cases)


def parse_private_link(text: str) -> tuple[str, str]:
    """'https://…/lacak/ADU-7K3F9Q/<secret>/' (or 'ADU-7K3F9Q/<secret>') → (code, secret)."""
    parts = [p for p in (text or "").strip().split("/") if p]
    if len(parts) < 2:
        return "", ""
    code, secret = codes.normalize_code(parts[-2]), parts[-1]
    if not codes.is_code_shaped(code):
        return "", ""
    if not re.fullmatch(codes.SECRET_SHAPE, secret):
        return "", ""
    return code, secret


def link_by_secret(user, text: str) -> Case:
    """Link the report whose private link the person pasted. Raises `LinkError`."""
    code, secret = parse_private_link(text)
    wrong = _("Tautan pribadi tidak dikenali. Salin seluruh tautan dari pesan konfirmasi.")
    if not code:
        raise LinkError(wrong)
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(tracking_code=code).first()
        if case is None or not codes.secret_matches(secret, case.secret_hash):
            raise LinkError(wrong)
        if case.submitter_id == user.pk or case.holders.filter(user=user).exists():
            raise LinkError(_("Laporan ini sudah ada di Urusan saya."))
        CaseHolder.objects.create(case=case, user=user, via=CaseHolder.Via.SECRET_LINK)
        # The case id alone: the audit trail must not tie an anonymous report to a person
        # any more than the link row itself does.
        audit.record("cases.linked_by_secret", actor=user, obj=case, data={})
    return case


def unlink(user, code: str) -> None:
    with transaction.atomic():
        deleted, _rows = CaseHolder.objects.filter(
            user=user, case__tracking_code=codes.normalize_code(code)
        ).delete()
        if not deleted:
            raise LinkError(_("Laporan ini tidak tertaut ke akun Anda."))
        audit.record("cases.unlinked", actor=user, obj=user, data={"code": code})
