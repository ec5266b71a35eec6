"""Writes of the SPBE self-evaluation: opening a year, assigning indicators to OPDs, the
OPD's answer (level, justification, evidence), the SPBE team's review. Status changes are
new `StatusChange` rows checked against `TRANSITIONS`; each write is one transaction with
one audit event. Who may call what is decided by the views through `selectors` (the team)
and the unit scope (the OPD)."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.core.filechecks import check_upload
from satupintu.spbe.evidence import LIVE_FIGURES
from satupintu.spbe.models import (
    Assignment,
    AssignmentStatus,
    Evaluation,
    Evidence,
    Framework,
    Indicator,
    StatusChange,
)

S = AssignmentStatus
TRANSITIONS = {
    S.ASSIGNED: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.ACCEPTED, S.RETURNED}),
    S.RETURNED: frozenset({S.SUBMITTED}),
    S.ACCEPTED: frozenset({S.RETURNED}),  # the team may reopen an accepted answer
}
EDITABLE = frozenset({S.ASSIGNED, S.RETURNED})  # the OPD may change its answer
MIN_YEAR, MAX_YEAR = 2018, 2100


class EvaluationError(Exception):
    pass


def _change(assignment: Assignment, status: str, *, actor, note: str = "") -> None:
    if status not in TRANSITIONS[assignment.status]:
        raise EvaluationError(
            _("Status tidak dapat berubah dari %(a)s ke %(b)s.")
            % {"a": S(assignment.status).label, "b": S(status).label}
        )
    StatusChange.objects.create(
        assignment=assignment,
        status=status,
        note=note,
        level=assignment.level,
        actor=actor,
        at=timezone.now(),
    )
    assignment.status = status
    assignment.save(update_fields=["status", "updated_at"])


def open_evaluation(*, year: int, framework: Framework, actor) -> Evaluation:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise EvaluationError(_("Tahun harus antara 2018 dan 2100."))
    with transaction.atomic():
        if Evaluation.objects.select_for_update().filter(year=year).exists():
            raise EvaluationError(_("Evaluasi tahun %(y)d sudah dibuka.") % {"y": year})
        evaluation = Evaluation.objects.create(
            year=year, framework=framework, opened_by=actor, opened_at=timezone.now()
        )
        audit.record(
            "spbe.evaluation_open",
            actor=actor,
            obj=evaluation,
            data={"year": year, "framework": f"{framework.code}@{framework.version}"},
        )
    return evaluation


def assign(*, evaluation: Evaluation, indicators: list[Indicator], org_unit, actor) -> int:
    """Give `indicators` of the year to `org_unit`. An indicator already answered and not
    returned stays where it is (reassigning it would lose the OPD's answer)."""
    if not indicators:
        raise EvaluationError(_("Pilih sedikitnya satu indikator."))
    framework_ids = {i.aspect.domain.framework_id for i in indicators}
    if framework_ids != {evaluation.framework_id}:
        raise EvaluationError(_("Indikator bukan bagian dari kerangka tahun ini."))
    with transaction.atomic():
        current = {
            a.indicator_id: a
            for a in Assignment.objects.select_for_update().filter(
                evaluation=evaluation, indicator__in=indicators
            )
        }
        locked = [
            i.number
            for i in indicators
            if i.pk in current
            and current[i.pk].status not in EDITABLE
            and current[i.pk].org_unit_id != org_unit.pk
        ]
        if locked:
            raise EvaluationError(
                _("Indikator %(n)s sudah diajukan/diterima; kembalikan dulu sebelum dipindahkan.")
                % {"n": ", ".join(map(str, locked))}
            )
        count = 0
        for indicator in indicators:
            existing = current.get(indicator.pk)
            if existing is None:
                created = Assignment.objects.create(
                    evaluation=evaluation, indicator=indicator, org_unit=org_unit
                )
                StatusChange.objects.create(
                    assignment=created, status=S.ASSIGNED, actor=actor, at=timezone.now()
                )
                count += 1
            elif existing.org_unit_id != org_unit.pk:
                existing.org_unit = org_unit
                existing.save(update_fields=["org_unit", "updated_at"])
                count += 1
        audit.record(
            "spbe.assign",
            actor=actor,
            obj=evaluation,
            data={
                "year": evaluation.year,
                "unit": org_unit.code,
                "indicators": sorted(i.number for i in indicators),
            },
        )
    return count


def answer(*, assignment: Assignment, level, justification: str, submit: bool, actor) -> None:
    """Save the OPD's level and justification; with `submit`, send them for review."""
    if assignment.status not in EDITABLE:
        raise EvaluationError(_("Jawaban sedang ditinjau atau sudah diterima."))
    errors = {}
    if level not in (1, 2, 3, 4, 5):
        errors["level"] = _("Pilih tingkat 1 sampai 5.")
    justification = (justification or "").strip()
    if submit and not justification:
        errors["justification"] = _("Tulis penjelasan sebelum mengajukan.")
    if len(justification) > 5000:
        errors["justification"] = _("Penjelasan paling banyak 5000 karakter.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        assignment.level = level
        assignment.justification = justification
        assignment.save(update_fields=["level", "justification", "updated_at"])
        if submit:
            if not assignment.evidence.exists():
                raise ValidationError({"level": _("Lampirkan sedikitnya satu bukti.")})
            _change(assignment, S.SUBMITTED, actor=actor)
        audit.record(
            "spbe.answer_submit" if submit else "spbe.answer_save",
            actor=actor,
            obj=assignment,
            data={"year": assignment.evaluation.year, "indicator": assignment.indicator.number},
        )


def add_evidence(
    *, assignment: Assignment, title: str, upload=None, url: str = "", figure: str = "", actor
) -> Evidence:
    """Exactly one of a file (checked by content), a link (http/https) or a live figure."""
    if assignment.status not in EDITABLE:
        raise EvaluationError(_("Jawaban sedang ditinjau atau sudah diterima."))
    title = (title or "").strip()[:200]
    given = [x for x in (upload, url, figure) if x]
    if len(given) != 1:
        raise ValidationError(_("Isi salah satu: berkas, tautan, atau angka platform."))
    evidence = Evidence(assignment=assignment, title=title, added_by=actor, added_at=timezone.now())
    checked = None
    if upload is not None:
        checked = check_upload(upload)
        evidence.kind = Evidence.Kind.FILE
        evidence.content_type = checked.content_type
        evidence.sha256 = checked.sha256
        evidence.title = title or getattr(upload, "name", "")[:200]
    elif url:
        if len(url) > 200:
            raise ValidationError(_("Tautan paling panjang 200 karakter."))
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationError(_("Tautan harus alamat http(s) yang sah.")) from exc
        evidence.kind, evidence.url = Evidence.Kind.LINK, url
        evidence.title = title or url[:200]
    else:
        live = LIVE_FIGURES.get(figure)
        if live is None:
            raise ValidationError(_("Angka platform tidak dikenal."))
        evidence.kind, evidence.figure = Evidence.Kind.FIGURE, figure
        evidence.title = title or str(live.title)
    with transaction.atomic():
        if checked is not None:
            evidence.file.save(f"{checked.sha256[:16]}{checked.extension}", upload, save=False)
        evidence.save()
        audit.record(
            "spbe.evidence_add",
            actor=actor,
            obj=assignment,
            data={"evidence": evidence.pk, "kind": evidence.kind},
        )
    return evidence


def review(*, assignment: Assignment, accept: bool, note: str, actor) -> None:
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": _("Tulis catatan untuk OPD saat mengembalikan.")})
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        _change(assignment, S.ACCEPTED if accept else S.RETURNED, actor=actor, note=note[:2000])
        audit.record(
            "spbe.review",
            actor=actor,
            obj=assignment,
            data={"accepted": accept, "indicator": assignment.indicator.number},
        )
