from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.letters import selectors, services
from satupintu.letters.models import Disposition
from satupintu.letters.tests.conftest import pdf_upload, register


def _due(days=3):
    return timezone.localdate() + timedelta(days=days)


def dispose(actor, letter, *, units=(), users=(), instructions=("ditindaklanjuti",), **kw):
    return services.dispose(
        actor=actor,
        letter=letter,
        to_units=list(units),
        to_users=list(users),
        instructions=list(instructions),
        urgency=kw.pop("urgency", Disposition.Urgency.URGENT),
        due_date=kw.pop("due_date", _due()),
        note=kw.pop("note", ""),
    )


@pytest.fixture
def letter(org, code):
    return register(org.tu_setda, org.setda)


def test_chain_sekda_asisten_opd_head_report(
    org, letter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = dispose(org.sekda, letter, users=[org.asisten1, org.asisten2])
    assert [d.from_unit for d in first] == [org.setda, org.setda]
    services.mark_read(actor=org.asisten2, letter=letter)
    with django_capture_on_commit_callbacks(execute=True):
        second = dispose(
            org.asisten2, letter, users=[org.kadis_dpu], instructions=["koordinasikan"]
        )
    assert second[0].parent == first[1]
    first[1].refresh_from_db()
    assert first[1].read_at and first[1].acted_at
    with django_capture_on_commit_callbacks(execute=True):
        done = services.complete(
            actor=org.kadis_dpu,
            disposition=second[0],
            report="Sudah dikerjakan",
            files=[pdf_upload()],
        )
    assert done.done_at and done.report == "Sudah dikerjakan"
    assert done.files.count() == 1

    tree = selectors.disposition_tree(letter)
    assert [n.disposition.to_user for n in tree] == [org.asisten1, org.asisten2]
    assert tree[1].children[0].disposition == second[0]
    # Notices went out through the outbox: to the two asisten, the kadis, back to asisten II.
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert org.asisten1.email in recipients and org.kadis_dpu.email in recipients
    assert org.asisten2.email in recipients


def test_due_date_in_the_past_is_refused_and_audited(org, letter):
    with pytest.raises(services.LetterError) as refused:
        dispose(org.sekda, letter, users=[org.asisten1], due_date=_due(-1))
    assert "sudah lewat" in refused.value.message
    assert not Disposition.objects.exists()
    assert AuditEvent.objects.filter(action="letters.refused", data__reason="due_in_past").exists()


def test_disposition_outside_hierarchy_is_refused_in_indonesian_and_audited(org, code):
    letter = register(org.tu_dpu, org.dpu)
    with pytest.raises(services.LetterError) as refused:
        dispose(org.kadis_dpu, letter, users=[org.kabid_bm, org.kadis_dinkes])
    assert "di luar hierarki" in refused.value.message
    assert not Disposition.objects.exists()  # all or nothing
    event = AuditEvent.objects.get(action="letters.refused", data__reason="outside_hierarchy")
    assert event.actor_id == org.kadis_dpu.pk
    assert event.object_id == str(letter.pk)


def test_only_addressee_or_recipients_dispose(org, letter):
    with pytest.raises(services.LetterError):
        dispose(org.kadis_dpu, letter, users=[org.kabid_bm])  # not in the chain yet
    with pytest.raises(services.LetterError):
        dispose(org.tu_setda, letter, users=[org.asisten1])  # not a leader


def test_withdraw_while_unread_and_refused_after_read(org, letter):
    d1, d2 = dispose(org.sekda, letter, users=[org.asisten1, org.asisten2])
    with pytest.raises(services.LetterError):
        services.withdraw(actor=org.asisten1, disposition=d1)  # only the disposer
    withdrawn = services.withdraw(actor=org.sekda, disposition=d1)
    assert withdrawn.withdrawn_at is not None
    # The withdrawn recipient no longer sees it as theirs, nor can they report it.
    assert not selectors.received_dispositions(org.asisten1, letter)
    with pytest.raises(services.LetterError):
        services.complete(actor=org.asisten1, disposition=d1, report="x")

    services.mark_read(actor=org.asisten2, letter=letter)
    with pytest.raises(services.LetterError) as refused:
        services.withdraw(actor=org.sekda, disposition=d2)
    assert "sudah dibaca" in refused.value.message
    d2.refresh_from_db()
    assert d2.withdrawn_at is None
    assert AuditEvent.objects.filter(action="letters.disposition_withdrawn").count() == 1
    assert AuditEvent.objects.filter(action="letters.refused", data__reason="already_read").exists()


def test_unit_disposition_is_acted_on_by_the_units_head(org, letter):
    (d,) = dispose(org.sekda, letter, units=[org.dpu])
    assert letter in selectors.inbox(org.kadis_dpu)
    services.mark_read(actor=org.kadis_dpu, letter=letter)
    d.refresh_from_db()
    assert d.read_by == org.kadis_dpu
    further = dispose(org.kadis_dpu, letter, users=[org.kabid_bm])
    assert further[0].parent == d


def test_bad_instruction_is_refused(org, letter):
    with pytest.raises(services.LetterError):
        dispose(org.sekda, letter, users=[org.asisten1], instructions=["terbang"])


def test_counters(org, letter, code):
    register(org.tu_setda, org.setda, number="2/B")
    counters = selectors.counters(org.sekda)
    assert counters.unread == 2 and counters.to_act == 2
    (d,) = dispose(org.sekda, letter, users=[org.asisten1])
    counters = selectors.counters(org.sekda)
    assert counters.unread == 1 and counters.to_act == 1
    assert selectors.counters(org.asisten1).unread == 1
    assert selectors.counters(org.asisten1).to_act == 1
    Disposition.objects.filter(pk=d.pk).update(due_date=_due(-2))
    assert selectors.counters(org.sekda).overdue == 1
    assert selectors.counters(org.asisten1).overdue == 1


def test_reminders_and_escalation(org, letter):
    from satupintu.letters.tasks import sweep
    from satupintu.notifications.models import OutboxMessage

    (d,) = dispose(org.sekda, letter, users=[org.asisten1], due_date=_due(1))
    assert sweep() == {"reminded": 1, "escalated": 0}
    reminder = OutboxMessage.objects.get(dedupe_key__startswith="letters:remind:")
    assert reminder.recipient == org.asisten1.email
    assert sweep() == {"reminded": 0, "escalated": 0}
    Disposition.objects.filter(pk=d.pk).update(due_date=_due(-1))
    assert sweep()["escalated"] == 1
    escalation = OutboxMessage.objects.get(dedupe_key__startswith="letters:overdue:")
    assert escalation.recipient == org.sekda.email


def test_performance_figures(org, letter):
    d1, d2 = dispose(org.sekda, letter, users=[org.asisten1, org.asisten2])
    services.mark_read(actor=org.asisten1, letter=letter)
    services.complete(actor=org.asisten1, disposition=d1, report="Selesai")
    today = timezone.localdate()
    people, units = selectors.performance(org.sekda, today - timedelta(days=30), today)
    by_name = {f.label: f for f in people}
    a1 = by_name[str(org.asisten1)]
    assert (a1.received, a1.read, a1.acted, a1.due, a1.on_time) == (1, 1, 1, 1, 1)
    assert a1.on_time_share == 100
    a2 = by_name[str(org.asisten2)]
    assert (a2.read, a2.due, a2.on_time_share) == (0, 0, None)


def test_performance_csv_and_api_for_leaders_only(client, org, letter):
    import csv
    import io

    d1, _d2 = dispose(org.sekda, letter, users=[org.asisten1, org.asisten2])
    services.mark_read(actor=org.asisten1, letter=letter)
    services.complete(actor=org.asisten1, disposition=d1, report="Selesai")
    client.force_login(org.sekda)
    response = client.get("/kantor/surat/kinerja/csv/", {"hari": "14"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    a1 = next(r for r in rows if r["penerima"] == str(org.asisten1))
    assert (a1["jenis"], a1["disposisi"], a1["selesai_tepat_waktu"], a1["persen_tepat_waktu"]) == (
        "pegawai",
        "1",
        "1",
        "100",
    )
    assert a1["dari"] == (timezone.localdate() - timedelta(days=14)).isoformat()
    page = client.get("/kantor/surat/kinerja/", {"hari": "abc"}).content.decode()
    assert "kinerja/csv/?hari=30" in page  # a bad period falls back to 30 days

    data = client.get("/api/v1/kantor/surat/kinerja/").json()
    by_name = {f["label"]: f for f in data["people"]}
    assert by_name[str(org.asisten1)]["on_time_percent"] == 100
    assert by_name[str(org.asisten2)]["avg_read_seconds"] is None

    # The head of another OPD oversees none of these dispositions; staff who lead nothing: 404.
    client.force_login(org.kadis_dinkes)
    assert str(org.asisten1) not in client.get("/kantor/surat/kinerja/csv/").getvalue().decode()
    assert client.get("/api/v1/kantor/surat/kinerja/").json()["people"] == []
    client.force_login(org.tu_setda)
    assert client.get("/kantor/surat/kinerja/csv/").status_code == 404
    assert client.get("/api/v1/kantor/surat/kinerja/").status_code == 404
