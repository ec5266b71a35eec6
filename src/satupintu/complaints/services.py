"""Filing complaints from any channel; all end in `cases.services.submit`."""

from django.core.exceptions import ValidationError

from satupintu.cases import notify
from satupintu.cases import services as case_services
from satupintu.cases.models import Case
from satupintu.complaints.forms import Identity
from satupintu.complaints.workflow import KIND


def file_complaint(
    *,
    channel: str,
    subtype: str,
    category,
    title: str,
    description: str,
    user=None,
    identity: str = Identity.NAMED,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    kelurahan=None,
    rt: str = "",
    street: str = "",
    latitude=None,
    longitude=None,
    files=(),
    idempotency_key: str | None = None,
    recorded_by=None,
    attributes: dict | None = None,
    kind: str = KIND,
    org_unit=None,
    sla_working_days: int | None = None,
) -> tuple[Case, str | None]:
    """File a complaint for a citizen (web), or for them through an operator or a channel.

    Kinds that follow the complaint's rules for identity and confirmation (the DPRD's
    aspirations) file through here too, with their own kind, unit and deadline."""
    logged_in = user is not None and getattr(user, "is_authenticated", False)
    anonymous = identity == Identity.ANONYMOUS
    attributes = dict(attributes or {})
    # An anonymous reporter's contact is not kept with the case: it gets the confirmation
    # (code and private link) once, below, and is then dropped.
    once = anonymous_contact(reporter_email, reporter_phone) if anonymous else None
    if once is not None:
        attributes[case_services.LINK_SENT] = True
    if logged_in and not anonymous:
        reporter_name = reporter_name or user.full_name
        reporter_email = reporter_email or (user.email or "")
        reporter_phone = reporter_phone or (user.phone or "")
    new = case_services.NewCase(
        kind=kind,
        channel=channel,
        subtype=subtype,
        category=category,
        title=title,
        description=description,
        submitter=user if logged_in and not anonymous else None,
        is_anonymous=anonymous,
        is_confidential=identity == Identity.CONFIDENTIAL,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        reporter_phone=reporter_phone,
        region=kelurahan,
        rt=rt,
        street=street,
        latitude=latitude,
        longitude=longitude,
        files=list(files),
        idempotency_key=idempotency_key,
        attributes=attributes,
        org_unit=org_unit,
        sla_working_days=sla_working_days,
    )
    case, secret = case_services.submit(new, actor=recorded_by or (user if logged_in else None))
    if once is not None and secret is not None:
        # Named and confidential reporters are confirmed by the engine's hook, at their
        # stored contact (cases.notify.notify_reporter).
        notify.confirm_submission(case, once)
    return case, secret


def anonymous_contact(email: str, phone: str) -> "notify.Contact | None":
    """Where an anonymous reporter asked for the confirmation, if anywhere (e-mail first)."""
    for value in (email, phone):
        if value:
            try:
                return notify.contact_from(value)
            except ValidationError:
                continue
    return None
