"""Counter-assisted filing: an officer looks up (or registers) the citizen whose identity they
checked, records the citizen's consent, fills the application with them and submits it on
their behalf. The application is the citizen's; the officer is recorded as the one who filed
(the audit trail, the submission event's note, `AssistedFiling.submitted_by`), and the private
tracking link goes to the citizen's phone or e-mail.

Every write is one transaction with its audit event; the application itself is written by
`applications.services` (drafts, steps, documents, submission), as for a citizen online.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from satupintu.accounts import services as account_services
from satupintu.applications import services as application_services
from satupintu.assisted import consent, selectors
from satupintu.assisted.models import AssistedFiling
from satupintu.cases.models import Case
from satupintu.cases.notify import confirm_submission
from satupintu.core import audit
from satupintu.org import permissions


class FilingError(Exception):
    """Refused; `message` is for the officer, `field` the form field it belongs to ("" for
    the whole form), `status` the HTTP status the view answers with."""

    def __init__(self, message: str, *, field: str = "", status: int = 400):
        self.message, self.field, self.status = message, field, status
        super().__init__(message)


def lookup_citizen(*, officer, nik: str):
    """The account holding this NIK, or None. Every lookup is audited (whose NIK was looked
    up, by whom), since it reveals whether a person has an account."""
    citizen = selectors.citizen_by_nik(nik)
    with transaction.atomic():
        audit.record(
            "assisted.citizen_looked_up",
            actor=officer,
            obj=citizen,
            data={"found": citizen is not None},
        )
    return citizen


def start_filing(
    *,
    officer,
    counter_unit,
    nik: str,
    citizen,
    service,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    consent_version: str = consent.CURRENT,
) -> AssistedFiling:
    """Start a filing for `citizen` (an existing account), or for a new account made from
    `full_name`/`nik`/`email`/`phone` when `citizen` is None. `email`/`phone` are where the
    tracking link goes; for an existing account, empty ones fall back to the account's own.
    The citizen's consent (`consent_version`, now) is recorded with the filing."""
    if not permissions.may_file_at(officer, counter_unit):
        raise FilingError(_("Anda bukan petugas loket di unit ini."), status=404)
    if consent_version not in consent.TEXTS:
        raise FilingError(_("Versi teks persetujuan tidak dikenal."), field="consent")
    if citizen is not None:
        email = email or citizen.email or ""
        phone = phone or citizen.phone or ""
    if not email and not phone:
        raise FilingError(
            _("Isi nomor HP atau e-mail warga: kode lacak dan tautan pribadi dikirim ke sana."),
            field="phone",
        )
    created = citizen is None
    with transaction.atomic():
        if created:
            try:
                citizen = account_services.create_citizen(
                    actor=officer, full_name=full_name, nik=nik, email=email, phone=phone
                )
            except account_services.ProfileError as exc:
                raise FilingError(exc.message, field=exc.field) from exc
        try:
            draft = application_services.start_draft(
                user=citizen, service=service, actor=officer, fresh=True
            )
        except application_services.ApplicationError as exc:
            raise FilingError(exc.message, field="service") from exc
        filing = AssistedFiling.objects.create(
            officer=officer,
            counter_unit=counter_unit,
            citizen=citizen,
            citizen_created=created,
            service=service,
            draft=draft,
            identity_checked=True,
            consent_version=consent_version,
            consent_given_at=timezone.now(),
            contact_email=email,
            contact_phone=phone,
        )
        audit.record(
            "assisted.filing_started",
            actor=officer,
            obj=filing,
            data={
                "counter_unit": counter_unit.code,
                "service": service.slug,
                "citizen": citizen.pk,
                "citizen_created": created,
                "consent_version": consent_version,
            },
        )
    return filing


def filed_note(counter_unit) -> str:
    """The submission event's public note. Written in the site's language: it is stored."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Diajukan oleh petugas loket %(unit)s.") % {"unit": counter_unit.name}


def submit_filing(filing: AssistedFiling, *, officer):
    """Submit the filing's draft for the citizen. Returns (application, submitted_now).

    Idempotent: a filing already submitted answers with its application. Raises
    `applications.services.SubmitProblem` (nothing written) when answers or documents are
    missing, FilingError when the officer may not act for this counter."""
    mine = AssistedFiling.objects.filter(pk=filing.pk)
    if not permissions.scope_counter_records(officer, mine).exists():
        raise FilingError(_("Permohonan lewat loket tidak ditemukan."), status=404)
    with transaction.atomic():
        locked = (
            # Lock the filing row only: PostgreSQL refuses FOR UPDATE across the outer join
            # to a draft that may already be gone.
            AssistedFiling.objects.select_for_update(of=("self",))
            .select_related("counter_unit", "draft", "service")
            .get(pk=filing.pk)
        )
        if locked.application_id:
            return locked.application, False
        if locked.draft is None:
            raise FilingError(_("Draf permohonan ini sudah dihapus."), status=409)
        try:
            application, secret = application_services.submit_draft(
                locked.draft,
                actor=officer,
                channel=Case.Channel.WALK_IN,
                reporter_email=locked.contact_email,
                reporter_phone=locked.contact_phone,
                note=filed_note(locked.counter_unit),
            )
        except application_services.ApplicationError as exc:
            raise FilingError(exc.message, status=exc.status) from exc
        locked.application = application
        locked.submitted_at = timezone.now()
        locked.submitted_by = officer
        locked.save(update_fields=["application", "submitted_at", "submitted_by"])
        audit.record(
            "assisted.filing_submitted",
            actor=officer,
            obj=locked,
            data={
                "tracking_code": application.case.tracking_code,
                "counter_unit": locked.counter_unit.code,
            },
        )
        if secret:
            send_assisted_confirmation(locked, application.case)
    filing.refresh_from_db()
    return application, bool(secret)


def send_assisted_confirmation(filing: AssistedFiling, case: Case):
    """Queue the citizen's confirmation (`cases.notify.confirm_submission`: tracking code,
    deadlines, private link) with a first line saying which counter filed it and a link to
    the tracking guide. Called inside the submitting transaction, so it is written with the
    application; it takes the outbox key of the engine's own message about the submission,
    so the citizen gets this one only."""
    preface = "\n\n".join(
        [
            _("Permohonan %(service)s Anda sudah diajukan oleh petugas loket %(unit)s.")
            % {"service": filing.service.name, "unit": filing.counter_unit.name},
            _("Cara melacak permohonan: %(url)s")
            % {"url": f"{settings.PUBLIC_BASE_URL}{reverse('guides:detail', args=['melacak'])}"},
        ]
    )
    return confirm_submission(case, preface=preface)
