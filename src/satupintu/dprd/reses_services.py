"""Writes of E-Reses: SETWAN schedules a member's reses, the member (or SETWAN staff for them)
records it as held with attendance and photos, each aspiration heard is filed through the
E-Pokir or the aspiration service, and the laporan reses is signed per member and masa sidang.

Each call is one transaction with one audit event. Status changes are new rows
(`RecessStatusChange`) checked against `TRANSITIONS`."""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases import codes
from satupintu.cases.models import Case
from satupintu.core import audit
from satupintu.core.filechecks import check_upload
from satupintu.dprd import selectors, services, services_aspiration
from satupintu.dprd.models import (
    Aspiration,
    Member,
    Proposal,
    Recess,
    RecessApiWrite,
    RecessHeard,
    RecessPhoto,
    RecessStatusChange,
    SittingPeriod,
)

S = Recess.Status
# from status → the statuses it may move to.
TRANSITIONS = {
    S.SCHEDULED: {S.HELD, S.CANCELLED},
    S.HELD: {S.REPORTED},
    S.REPORTED: set(),
    S.CANCELLED: set(),
}
MAX_PHOTOS = 10


class RecessError(Exception):
    def __init__(self, message: str, status: int = 400):
        self.message, self.status = message, status
        super().__init__(message)


# Who may do what: SETWAN everything, a member their own reses only (never scheduling).


def can_view(user, recess: Recess) -> bool:
    if services.is_setwan(user):
        return True
    member = selectors.member_for_user(user)
    return member is not None and member.pk == recess.member_id


def can_schedule(user) -> bool:
    return services.is_setwan(user)


def can_report(user, member: Member) -> bool:
    """The laporan reses of `member`: SETWAN, or the member themself."""
    if services.is_setwan(user):
        return True
    return getattr(selectors.member_for_user(user), "pk", None) == member.pk


# Staff API writes under an Idempotency-Key (`RecessApiWrite`): the key is claimed inside the
# write's transaction, so a retry (or a concurrent twin) finds the first write, never a second.
A = RecessApiWrite.Action


def _claim(key: str | None, action: str, *, actor, **objects) -> None:
    if key:
        RecessApiWrite.objects.create(key=key, action=action, actor=actor, **objects)


def _claimed(key: str | None, **expected) -> RecessApiWrite | None:
    """The write made under `key`, if any; the key of another reses' write is refused."""
    done = RecessApiWrite.objects.filter(key=key).first() if key else None
    if done and any(getattr(done, f"{name}_id") != obj.pk for name, obj in expected.items()):
        raise RecessError(_("Idempotency-Key ini sudah dipakai untuk permintaan lain."), 409)
    return done


def _change_status(recess: Recess, to: str, *, actor, note: str = "") -> None:
    if to not in TRANSITIONS[recess.status]:
        raise RecessError(
            _("Reses berstatus %(status)s tidak dapat diubah menjadi %(to)s.")
            % {"status": recess.get_status_display(), "to": S(to).label},
            409,
        )
    RecessStatusChange.objects.create(
        recess=recess, from_status=recess.status, to_status=to, actor=actor, note=note
    )
    recess.status = to


def _check_place(member: Member, period: SittingPeriod, kelurahan, held_on: date) -> None:
    if period.term_id != member.term_id:
        raise RecessError(_("Masa sidang ini bukan dari periode anggota tersebut."))
    if not (period.starts_on <= held_on <= period.ends_on):
        raise RecessError(
            _("Tanggal reses harus di dalam masa sidang (%(start)s s.d. %(end)s).")
            % {
                "start": period.starts_on.strftime("%d-%m-%Y"),
                "end": period.ends_on.strftime("%d-%m-%Y"),
            }
        )
    district = selectors.district_for_region(kelurahan)
    if district is None or district.pk != member.district_id:
        raise RecessError(
            _("Kelurahan %(kelurahan)s tidak termasuk dapil %(dapil)s anggota ini.")
            % {"kelurahan": kelurahan.name, "dapil": member.district.name}
        )


def schedule(
    *,
    actor,
    member: Member,
    period: SittingPeriod,
    kelurahan,
    place: str,
    held_on: date,
    idempotency_key: str | None = None,
) -> Recess:
    """`idempotency_key` (staff API): a second call with the key returns the first reses."""
    if not can_schedule(actor):
        raise RecessError(_("Hanya Sekretariat DPRD yang menjadwalkan reses."), 404)
    place = (place or "").strip()
    if not place:
        raise RecessError(_("Isi tempat reses."))
    _check_place(member, period, kelurahan, held_on)
    if (done := _claimed(idempotency_key)) is not None:
        return done.recess
    try:
        with transaction.atomic():
            recess = Recess.objects.create(
                member=member,
                period=period,
                kelurahan=kelurahan,
                place=place,
                held_on=held_on,
                created_by=actor,
            )
            RecessStatusChange.objects.create(recess=recess, to_status=S.SCHEDULED, actor=actor)
            _claim(idempotency_key, A.SCHEDULE, actor=actor, recess=recess)
            audit.record(
                "dprd.recess_scheduled",
                actor=actor,
                obj=recess,
                data={"member": member.slug, "period": period.pk, "date": str(held_on)},
            )
    except IntegrityError:
        if (done := _claimed(idempotency_key)) is None:
            raise
        return done.recess
    return recess


def _store_photo(recess: Recess, checked, *, actor, heard=None, stored: list) -> RecessPhoto:
    name = default_storage.save(
        f"dprd/reses/{timezone.now():%Y/%m}/{codes.new_secret()}{checked.extension}",
        checked.upload,
    )
    stored.append(name)
    return RecessPhoto.objects.create(
        recess=recess,
        heard=heard,
        file=name,
        original_name=(getattr(checked.upload, "name", "") or "foto")[-200:],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )


def _images_only(photos) -> None:
    if any(not p.content_type.startswith("image/") for p in photos):
        raise RecessError(_("Foto reses harus berupa gambar (JPG, PNG atau WEBP)."))


def record_held(
    *,
    actor,
    recess: Recess,
    attendance: int,
    summary: str = "",
    photos=(),
    idempotency_key: str | None = None,
) -> None:
    """The reses took place: attendance, a summary and photos (each checked by content).
    `idempotency_key` (staff API): a retry of an upload that did arrive (the answer was lost on
    a weak link) changes nothing and stores no photo twice."""
    if not can_view(actor, recess):
        raise RecessError(_("Reses tidak ditemukan."), 404)
    if attendance is None or attendance < 0:
        raise RecessError(_("Jumlah hadir tidak boleh negatif."))
    photos = list(photos)
    _images_only(photos)
    if recess.photos.filter(heard=None).count() + len(photos) > MAX_PHOTOS:
        raise RecessError(_("Paling banyak %(n)d foto per reses.") % {"n": MAX_PHOTOS})
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = Recess.objects.select_for_update().get(pk=recess.pk)
            if _claimed(idempotency_key, recess=locked) is not None:  # already recorded
                recess.refresh_from_db()
                return
            _claim(idempotency_key, A.HELD, actor=actor, recess=locked)
            if locked.status == S.SCHEDULED:
                _change_status(locked, S.HELD, actor=actor)
            elif locked.status != S.HELD:
                raise RecessError(_("Reses ini sudah dilaporkan atau dibatalkan."), 409)
            locked.attendance = attendance
            locked.summary = (summary or "").strip()
            locked.save(update_fields=["status", "attendance", "summary"])
            for checked in photos:
                _store_photo(locked, checked, actor=actor, stored=stored)
            audit.record(
                "dprd.recess_held",
                actor=actor,
                obj=locked,
                data={"attendance": attendance, "photos": len(photos)},
            )
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    recess.refresh_from_db()


def cancel(*, actor, recess: Recess, reason: str, idempotency_key: str | None = None) -> None:
    """`idempotency_key` (staff API): the same key again changes nothing."""
    if not can_schedule(actor):
        raise RecessError(_("Hanya Sekretariat DPRD yang membatalkan reses."), 404)
    reason = (reason or "").strip()
    if not reason:
        raise RecessError(_("Tuliskan alasan pembatalan."))
    with transaction.atomic():
        locked = Recess.objects.select_for_update().get(pk=recess.pk)
        if _claimed(idempotency_key, recess=locked) is not None:  # a twin got the lock first
            recess.refresh_from_db()
            return
        _claim(idempotency_key, A.CANCEL, actor=actor, recess=locked)
        _change_status(locked, S.CANCELLED, actor=actor, note=reason[:500])
        locked.cancel_reason = reason[:500]
        locked.save(update_fields=["status", "cancel_reason"])
        audit.record(
            "dprd.recess_cancelled", actor=actor, obj=locked, data={"reason": reason[:200]}
        )
    recess.refresh_from_db()


@dataclass
class Heard:
    outcome: str
    title: str
    description: str
    idempotency_key: str
    speaker_name: str = ""
    kelurahan: object = None
    work_type: str = Proposal.WorkType.PHYSICAL
    affair: str = ""
    rt: str = ""
    street: str = ""
    boundaries: str = ""
    volume: object = None
    volume_unit: str = ""
    photos: list = field(default_factory=list)


def _proposal_of(heard: RecessHeard, photos) -> services.NewProposal:
    return services.NewProposal(
        title=heard.title,
        description=heard.description,
        work_type=heard.work_type or Proposal.WorkType.PHYSICAL,
        affair=heard.affair,
        kelurahan=heard.kelurahan,
        rt=heard.rt,
        street=heard.street,
        boundaries=heard.boundaries,
        volume=heard.volume,
        volume_unit=heard.volume_unit,
        source=Proposal.Source.RECESS,
        photos=photos,
        idempotency_key=f"reses-{heard.idempotency_key}",
    )


def _stored_photos(heard: RecessHeard) -> list:
    """The heard aspiration's stored photos, opened and checked again for the case."""
    checked = []
    for photo in heard.photos.all():
        handle = default_storage.open(photo.file.name, "rb")
        handle.name = photo.original_name or "foto"
        checked.append(check_upload(handle))
    return checked


def _file(heard: RecessHeard, *, actor) -> None:
    """File the heard aspiration: a case, or (a proposal SIPD would refuse) a draft reason."""
    photos = _stored_photos(heard)
    try:
        _file_with(heard, photos, actor=actor)
    finally:
        for checked in photos:
            checked.upload.close()


def _file_with(heard: RecessHeard, photos: list, *, actor) -> None:
    recess = heard.recess
    if heard.outcome == RecessHeard.Outcome.ASPIRATION:
        case, _secret = services_aspiration.submit_aspiration(
            services_aspiration.NewAspiration(
                target=Aspiration.Target.DISTRICT,
                title=heard.title,
                description=heard.description,
                channel=Case.Channel.WALK_IN,
                identity="named" if heard.speaker_name else "anonymous",
                reporter_name=heard.speaker_name,
                kelurahan=heard.kelurahan,
                street=heard.street,
                files=photos,
                idempotency_key=f"reses-{heard.idempotency_key}",
                attributes={"reses": recess.pk},
            ),
            recorded_by=actor,
        )
        heard.case, heard.draft_reason = case, ""
        return
    submitter = recess.member.user or actor
    try:
        case = services.submit_proposal(_proposal_of(heard, photos), user=submitter)
    except services.ProposalError as exc:
        heard.draft_reason = exc.message[:500]
        return
    heard.case, heard.draft_reason = case, ""


def record_heard(*, actor, recess: Recess, new: Heard) -> RecessHeard:
    """One aspiration heard, one write. The same idempotency key again returns the first
    record (a double-submitted phone form files once)."""
    if not can_view(actor, recess):
        raise RecessError(_("Reses tidak ditemukan."), 404)
    existing = RecessHeard.objects.filter(idempotency_key=new.idempotency_key).first()
    if existing is not None:
        if existing.recess_id != recess.pk:
            raise RecessError(_("Formulir ini sudah dipakai untuk reses lain."), 409)
        return existing
    if recess.status not in (S.HELD, S.REPORTED):
        raise RecessError(_("Catat dulu pelaksanaan reses sebelum mencatat aspirasi."), 409)
    if new.outcome not in RecessHeard.Outcome.values:
        raise RecessError(_("Pilih: usulan pokir atau aspirasi."))
    kelurahan = new.kelurahan or recess.kelurahan
    district = selectors.district_for_region(kelurahan)
    if district is None or district.pk != recess.member.district_id:
        raise RecessError(
            _("Kelurahan %(kelurahan)s tidak termasuk dapil %(dapil)s anggota ini.")
            % {"kelurahan": kelurahan.name, "dapil": recess.member.district.name}
        )
    photos = list(new.photos)
    _images_only(photos)
    stored: list[str] = []
    try:
        with transaction.atomic():
            heard = RecessHeard.objects.create(
                recess=recess,
                idempotency_key=new.idempotency_key,
                outcome=new.outcome,
                title=new.title.strip(),
                description=new.description.strip(),
                speaker_name=new.speaker_name.strip(),
                kelurahan=kelurahan,
                work_type=new.work_type or "",
                affair=new.affair.strip(),
                rt=new.rt,
                street=new.street.strip(),
                boundaries=new.boundaries.strip(),
                volume=new.volume,
                volume_unit=new.volume_unit.strip(),
                recorded_by=actor,
            )
            for checked in photos:
                _store_photo(recess, checked, actor=actor, heard=heard, stored=stored)
            _file(heard, actor=actor)
            heard.save(update_fields=["case", "draft_reason"])
            audit.record(
                "dprd.recess_heard",
                actor=actor,
                obj=recess,
                data={
                    "outcome": heard.outcome,
                    "case": heard.case.tracking_code if heard.case_id else "",
                    "draft": heard.is_draft,
                },
            )
    except IntegrityError:
        for name in stored:
            default_storage.delete(name)
        # Two submissions at the same moment: the other one made the record.
        existing = RecessHeard.objects.filter(idempotency_key=new.idempotency_key).first()
        if existing is None:
            raise
        return existing
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return heard


def complete_draft(
    *, actor, heard: RecessHeard, changes: dict, photos=(), idempotency_key: str | None = None
) -> RecessHeard:
    """Fill in what a draft proposal lacked and try filing it again. `idempotency_key` (staff
    API): the same key again returns the heard aspiration as it is, filing nothing."""
    if not can_view(actor, heard.recess):
        raise RecessError(_("Reses tidak ditemukan."), 404)
    if (done := _claimed(idempotency_key, heard=heard)) is not None:
        return done.heard
    if not heard.is_draft:
        raise RecessError(_("Usulan ini sudah diajukan."), 409)
    photos = list(photos)
    _images_only(photos)
    stored: list[str] = []
    try:
        with transaction.atomic():
            _claim(idempotency_key, A.COMPLETE, actor=actor, recess=heard.recess, heard=heard)
            for name in ("work_type", "affair", "rt", "street", "boundaries", "volume_unit"):
                if name in changes:
                    setattr(heard, name, changes[name] or "")
            if "volume" in changes:
                heard.volume = changes["volume"]
            heard.save()
            for checked in photos:
                _store_photo(heard.recess, checked, actor=actor, heard=heard, stored=stored)
            _file(heard, actor=actor)
            heard.save(update_fields=["case", "draft_reason"])
            audit.record(
                "dprd.recess_heard_completed",
                actor=actor,
                obj=heard.recess,
                data={"heard": heard.pk, "draft": heard.is_draft},
            )
    except IntegrityError:
        for name in stored:
            default_storage.delete(name)
        if (done := _claimed(idempotency_key)) is None:
            raise
        heard.refresh_from_db()
        return done.heard
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return heard
