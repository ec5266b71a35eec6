"""Deadline reminders and escalation of overdue dispositions (letters.tasks.sweep), registered
as an hourly periodic task."""

from datetime import timedelta

from django.utils import timezone

from satupintu.core.periodic import registered
from satupintu.letters import services
from satupintu.letters.models import Disposition, Letter
from satupintu.letters.tasks import sweep
from satupintu.letters.tests.conftest import register
from satupintu.notifications.models import OutboxMessage


def _due(days):
    return timezone.localdate() + timedelta(days=days)


def _dispose(org, letter, **kw):
    return services.dispose(
        actor=org.sekda,
        letter=letter,
        instructions=["ditindaklanjuti"],
        due_date=kw.pop("due_date", _due(1)),
        **kw,
    )


def test_sweep_is_a_periodic_task():
    periodic = {p.name: p for p in registered()}
    assert periodic["satupintu.letters.tasks.sweep_dispositions"].interval == timedelta(hours=1)


def test_unit_disposition_reminds_the_kepala_and_escalates_to_disposer(org, code):
    letter = register(org.tu_setda, org.setda)
    (d,) = _dispose(org, letter, to_units=[org.ass1])
    assert sweep()["reminded"] == 1
    assert OutboxMessage.objects.get(dedupe_key__startswith="letters:remind:").recipient == (
        org.asisten1.email
    )
    Disposition.objects.filter(pk=d.pk).update(due_date=_due(-1))
    assert sweep() == {"reminded": 0, "escalated": 1}
    escalation = OutboxMessage.objects.get(dedupe_key__startswith="letters:overdue:")
    assert escalation.recipient == org.sekda.email
    assert sweep() == {"reminded": 0, "escalated": 0}  # once


def test_done_withdrawn_and_far_dispositions_are_left_alone(org, code):
    letter = register(org.tu_setda, org.setda)
    (done,) = _dispose(org, letter, to_users=[org.asisten1])
    services.complete(actor=org.asisten1, disposition=done, report="Selesai")
    (withdrawn,) = _dispose(org, letter, to_users=[org.asisten2])
    services.withdraw(actor=org.sekda, disposition=withdrawn)
    _dispose(org, letter, to_units=[org.ass3], due_date=_due(10))
    assert sweep() == {"reminded": 0, "escalated": 0}
    Disposition.objects.filter(pk__in=[done.pk, withdrawn.pk]).update(due_date=_due(-3))
    assert sweep() == {"reminded": 0, "escalated": 0}


def test_rahasia_reminder_carries_no_subject(org, code):
    letter = register(
        org.tu_setda, org.setda, sifat=Letter.Sifat.SECRET, subject="Pemeriksaan khusus"
    )
    _dispose(org, letter, to_users=[org.asisten1])
    sweep()
    message = OutboxMessage.objects.get(dedupe_key__startswith="letters:remind:")
    assert "Pemeriksaan" not in message.subject + message.body
