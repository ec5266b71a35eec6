"""What the applicant hears about their application, through the outbox.

`notify_applicant` runs before the engine's generic `notify_reporter` and writes under the same
outbox key (`cases.notify.event_message_key`), so for an event both would announce the
applicant gets one message: this one, which names the workflow step, the requirements to
correct, or that the result document is ready. Events it leaves alone still get the engine's
generic message (if any). The submission itself is confirmed by the engine's hook
(`cases.notify.confirm_submission`), with the private link, like every message here.
"""

import logging

from django.utils.translation import gettext as _

from satupintu.cases.models import CaseEvent
from satupintu.cases.notify import (
    closing_lines,
    event_message_key,
    link_line,
    reporter_channel,
    track_path,
)
from satupintu.notifications.push import queue_push
from satupintu.notifications.services import queue_message

logger = logging.getLogger(__name__)


def _requirement_names(case, codes) -> list[str]:
    from satupintu.catalog.models import Requirement

    application = getattr(case, "application", None)
    if application is None or not codes:
        return []
    names = dict(
        Requirement.objects.filter(service_id=application.service_id, code__in=codes).values_list(
            "code", "name"
        )
    )
    return [names.get(code, code) for code in codes]


def message_for(event: CaseEvent) -> tuple[str, list[str]] | None:
    """(subject, lines) for the applicant, or None when this module has nothing to say."""
    case = event.case
    code = case.tracking_code
    data = event.data or {}
    subject = _("Kabar permohonan %(code)s") % {"code": code}
    if event.action == "advance":
        if not data.get("to_step_public") or not data.get("to_step_name"):
            return None
        lines = [
            _("Permohonan %(code)s sekarang pada tahap: %(step)s.")
            % {"code": code, "step": data["to_step_name"]}
        ]
    elif event.action == "approve":
        lines = [
            _("Permohonan %(code)s telah disetujui. Dokumen hasil sedang diterbitkan.")
            % {"code": code}
        ]
    elif event.action == "issue":
        subject = _("Dokumen hasil permohonan %(code)s sudah terbit") % {"code": code}
        lines = [
            _(
                "Dokumen hasil permohonan %(code)s sudah terbit dan ditandatangani secara "
                "elektronik. Unduh dari halaman lacak permohonan Anda."
            )
            % {"code": code}
        ]
        if data.get("document"):
            lines.append(_("Nomor dokumen: %(number)s") % {"number": data["document"]})
    elif event.action == "request_correction":
        subject = _("Permohonan %(code)s perlu perbaikan") % {"code": code}
        lines = [_("Permohonan %(code)s perlu Anda perbaiki.") % {"code": code}]
        names = _requirement_names(case, data.get("correction_codes") or [])
        if names:
            lines.append(_("Yang perlu diunggah ulang: %(names)s") % {"names": ", ".join(names)})
    elif event.action == "reject":
        lines = [_("Permohonan %(code)s ditolak.") % {"code": code}]
    elif event.action == "reply":
        lines = [_("Pesan dari petugas tentang permohonan %(code)s:") % {"code": code}]
    else:
        return None
    if event.note and event.action != "issue":
        lines.append(event.note[:1000])
    return subject, lines


def notify_applicant(case_id: int, event_id: int) -> None:
    """Engine hook (see `workflow.APPLICATION.on_event`)."""
    try:
        event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
        if event is None or not event.is_public or event.actor_role == "reporter":
            return
        found = message_for(event)
        if found is None:
            return
        subject, lines = found
        queue_push(
            event.case.submitter_id,
            title=subject,
            body=lines[0] if lines else subject,
            url=track_path(event.case),
            dedupe_key=f"case-event:{event.pk}",
            reference=event.case.tracking_code,
        )
        target = reporter_channel(event.case)
        if target is None:
            return
        channel, address = target
        # The applicant's private link (correct, withdraw, download), never the public page.
        lines.append(link_line(event.case))
        lines.extend(closing_lines(event))  # e.g. the satisfaction survey's invitation
        queue_message(
            channel=channel,
            recipient=address,
            subject=subject,
            body="\n\n".join(lines),
            dedupe_key=event_message_key(event.pk, channel),
            reference=event.case.tracking_code,
        )
    except Exception:  # noqa: BLE001 - the engine's own message must still go out
        logger.exception("notifying the applicant of event %s failed", event_id)


def on_submit_correction(case_id: int, event_id: int) -> None:
    """Engine hook: move the current step's deadline after a correction (see processing)."""
    from satupintu.applications.services.processing import extend_step_after_pause

    try:
        extend_step_after_pause(case_id, event_id)
    except Exception:  # noqa: BLE001
        logger.exception("moving the step deadline after event %s failed", event_id)
