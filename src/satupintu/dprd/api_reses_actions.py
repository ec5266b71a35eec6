"""E-Reses in the staff API beyond the reses held and the aspiration heard (`api_reses`):
SETWAN schedules (POST on the reses list) and cancels a reses, a draft proposal heard is
completed, a reses photo is read, and the laporan reses of a member and masa sidang is signed
and its PDF downloaded.

Same selectors (who sees what), forms (`forms_reses.ScheduleForm`, `CancelForm`,
`CompleteForm`: every check and Indonesian message) and services (`reses_services.schedule`,
`cancel`, `complete_draft`, `generate_report`: one transaction, one audit event) as
`views_reses`; no second write path.

Every write may carry an `Idempotency-Key` header: scoped to the user and the action, hashed,
and claimed in the service's own transaction (`RecessApiWrite`), so a retry with the same key
answers 200 with what the first request made and does nothing again; the key of another
reses' write answers 409."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.core.api import IDEMPOTENCY_HEADER, error, refused
from satupintu.dprd import reses_pdf, reses_reports, reses_selectors, reses_services
from satupintu.dprd.api_reses import (
    MULTIPART,
    NOT_FOUND,
    REFUSED,
    WRONG_STATUS,
    HeardSerializer,
    ProposalFieldsSerializer,
    RecessDetailSerializer,
    RecessList,
    _answer,
    _body_is_an_object,
    _bound,
    _form_data,
    _form_errors,
    _key,
    _key_reused,
    _not_an_object,
    _photos,
    _recess_or_404,
)
from satupintu.dprd.api_staff import TAGS, WorksForCouncil
from satupintu.dprd.forms_reses import CancelForm, CompleteForm, ScheduleForm
from satupintu.dprd.models import RecessHeard, RecessReport
from satupintu.org import selectors as org_selectors

NOT_SETWAN = error("Bukan Sekretariat DPRD, atau reses tidak ada")
KEY_REUSED = error("Idempotency-Key sudah dipakai untuk permintaan lain, atau status tidak sesuai")
NO_SEAL = error("Sekretariat DPRD belum memiliki segel elektronik")


class ScheduleWriteSerializer(serializers.Serializer):
    """Documents the body; the checks are `forms_reses.ScheduleForm`'s and the service's."""

    member = serializers.CharField(help_text="Slug anggota DPRD yang aktif")
    masa_sidang = serializers.IntegerField(help_text="Id masa sidang (periode anggota)")
    kelurahan = serializers.CharField(help_text="Kode kelurahan di dapil anggota")
    place = serializers.CharField(max_length=200)
    held_on = serializers.DateField(help_text="Di dalam masa sidang")


class CancelWriteSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Alasan pembatalan")


class CompleteWriteSerializer(ProposalFieldsSerializer):
    """Documents the body; the checks are `forms_reses.CompleteForm`'s. An isian not sent
    keeps the draft's value."""


class ReportSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.slug")
    member_name = serializers.CharField(source="member.name")
    masa_sidang = serializers.IntegerField(source="period_id")
    masa_sidang_label = serializers.CharField(source="period")
    document_number = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = RecessReport
        fields = [
            "member",
            "member_name",
            "masa_sidang",
            "masa_sidang_label",
            "generated_at",
            "document_number",
            "pdf",
        ]

    def get_document_number(self, report) -> str | None:
        document = reses_pdf.signed_document(report)
        return document.number if document else None

    def get_pdf(self, report) -> str:
        return reverse("api-dprd-recess-report", args=[report.member.slug, report.period_id])


class FileView(APIView):
    """A file answer: whatever the client accepts, errors are JSON (never a 406)."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


class RecessSchedule(RecessList):
    """The reses list (GET) and SETWAN's scheduling of a member's reses (POST)."""

    @extend_schema(
        tags=TAGS,
        summary="Jadwalkan reses anggota (Sekretariat DPRD)",
        request=ScheduleWriteSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: RecessDetailSerializer,
            200: RecessDetailSerializer,
            400: REFUSED,
            404: NOT_SETWAN,
        },
    )
    def post(self, request):
        if not reses_services.can_schedule(request.user):
            raise Http404
        key, refusal = _key(request, "reses-schedule")
        if refusal:
            return refusal
        if (done := reses_selectors.api_write(key)) is not None:
            return _answer(request.user, done.recess_id)
        if not _body_is_an_object(request):
            return _not_an_object()
        data, errors = _schedule_data(request)
        form = ScheduleForm(
            _bound(data),
            members=reses_selectors.members_for_schedule(),
            periods=reses_selectors.periods(),
            kelurahan=org_selectors.kelurahan_choices(),
        )
        if errors or not form.is_valid():
            found = _form_errors(form).data if form.errors else {}
            return Response({**found, **errors}, status=400)
        try:
            recess = reses_services.schedule(
                actor=request.user, idempotency_key=key, **form.scheduled()
            )
        except reses_services.RecessError as exc:
            return refused(exc)
        return _answer(request.user, recess.pk, status=201)


def _schedule_data(request) -> tuple[dict, dict]:
    """The body as `ScheduleForm` reads it: the member by slug and the kelurahan by code
    become their ids; an unknown one is an error of its isian."""
    data = _form_data(request, ("place", "held_on"))
    if (period := request.data.get("masa_sidang")) is not None:
        data["period"] = period
    errors = {}
    slug = request.data.get("member")
    if slug is not None:
        member = reses_selectors.members_for_schedule().filter(slug=str(slug).strip()).first()
        if member is None:
            errors["member"] = [_("Anggota DPRD tidak ditemukan atau tidak aktif.")]
        else:
            data["member"] = member.pk
    code = request.data.get("kelurahan")
    if code is not None:
        found = org_selectors.kelurahan_choices().filter(code=str(code).strip()).first()
        if found is None:
            errors["kelurahan"] = [_("Kelurahan tidak ditemukan.")]
        else:
            data["kelurahan"] = found.pk
    return data, errors


class RecessCancel(APIView):
    """SETWAN cancels a scheduled reses, with the reason."""

    permission_classes = [WorksForCouncil]

    @extend_schema(
        tags=TAGS,
        summary="Batalkan reses yang dijadwalkan (Sekretariat DPRD), dengan alasan",
        request=CancelWriteSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            200: RecessDetailSerializer,
            400: REFUSED,
            404: NOT_SETWAN,
            409: KEY_REUSED,
        },
    )
    def post(self, request, pk):
        recess = _recess_or_404(request.user, pk)
        if not reses_services.can_schedule(request.user):
            raise Http404
        key, refusal = _key(request, "reses-cancel")
        if refusal:
            return refusal
        if (done := reses_selectors.api_write(key)) is not None:
            return (
                _answer(request.user, recess.pk) if done.recess_id == recess.pk else _key_reused()
            )
        if not _body_is_an_object(request):
            return _not_an_object()
        form = CancelForm(_bound(_form_data(request, ("reason",))))
        if not form.is_valid():
            return _form_errors(form)
        try:
            reses_services.cancel(
                actor=request.user,
                recess=recess,
                reason=form.cleaned_data["reason"],
                idempotency_key=key,
            )
        except reses_services.RecessError as exc:
            return refused(exc)
        return _answer(request.user, recess.pk)


def _heard_answer(pk) -> Response:
    heard = RecessHeard.objects.select_related("case", "kelurahan").get(pk=pk)
    return Response(HeardSerializer(heard).data)


class RecessHeardComplete(APIView):
    """Fill in what a draft proposal heard at the reses lacks and file it again."""

    permission_classes = [WorksForCouncil]
    parser_classes = MULTIPART
    FIELDS = tuple(name for name in CompleteForm.base_fields if name != "files")

    @extend_schema(
        tags=TAGS,
        summary="Lengkapi draf usulan dari reses dan ajukan lagi",
        description="Jawaban 200: `is_draft` false bila usulan telah diajukan (`code`); "
        "masih kurang, `is_draft` true dengan `draft_reason` (isian yang dikirim tersimpan).",
        request={
            "application/json": CompleteWriteSerializer,
            "multipart/form-data": CompleteWriteSerializer,
        },
        parameters=[IDEMPOTENCY_HEADER],
        responses={200: HeardSerializer, 400: REFUSED, 404: NOT_FOUND, 409: WRONG_STATUS},
    )
    def post(self, request, pk, heard_pk):
        recess = _recess_or_404(request.user, pk)
        heard = reses_selectors.heard_or_none(recess, heard_pk)
        if heard is None:
            raise Http404
        key, refusal = _key(request, "reses-complete")
        if refusal:
            return refusal
        if (done := reses_selectors.api_write(key)) is not None:
            return _heard_answer(heard.pk) if done.heard_id == heard.pk else _key_reused()
        if not heard.is_draft:
            return Response({"detail": _("Usulan ini sudah diajukan.")}, status=409)
        if not _body_is_an_object(request):
            return _not_an_object()
        kept = {name: getattr(heard, name) for name in self.FIELDS}
        data = {name: value for name, value in kept.items() if value not in (None, "")}
        data.update(_form_data(request, self.FIELDS))
        form = CompleteForm(_bound(data), _photos(request))
        if not form.is_valid():
            return _form_errors(form)
        try:
            reses_services.complete_draft(
                actor=request.user,
                heard=heard,
                changes=form.changes(),
                photos=form.cleaned_data["files"],
                idempotency_key=key,
            )
        except reses_services.RecessError as exc:
            return refused(exc)
        return _heard_answer(heard.pk)


class RecessPhotoFile(FileView):
    """A photo of the reses or of an aspiration heard there: the same bytes and checks as the
    page (the reses must be the user's), never public nor cached."""

    permission_classes = [WorksForCouncil]

    @extend_schema(
        tags=TAGS,
        summary="Foto reses (berkas gambar)",
        responses={(200, "image/*"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request, pk, photo_pk):
        recess = _recess_or_404(request.user, pk)
        found = reses_selectors.photo_or_none(recess, photo_pk)
        if found is None:
            raise Http404
        handle = default_storage.open(found.file.name, "rb")
        return _private(FileResponse(handle, content_type=found.content_type))


class RecessReportFile(FileView):
    """The laporan reses of a member for a masa sidang: POST signs it (again: the previous
    PDF is revoked), GET downloads the signed PDF. SETWAN any member, a member their own."""

    permission_classes = [WorksForCouncil]

    def _member_and_period(self, request, slug, period):
        member = reses_selectors.staff_report_member_or_none(request.user, slug)
        found = reses_selectors.member_period_or_none(member, period) if member else None
        if found is None:
            raise Http404
        return member, found

    @extend_schema(
        tags=TAGS,
        summary="Unduh laporan reses bertanda tangan (PDF)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request, slug, period):
        member, found = self._member_and_period(request, slug, period)
        report = reses_selectors.report_or_none(member.slug, found.pk)
        document = reses_pdf.signed_document(report) if report else None
        if document is None:
            raise Http404
        from satupintu.documents.services import open_signed_pdf

        response = FileResponse(
            open_signed_pdf(document),
            as_attachment=True,
            filename=reses_pdf.filename(report),
            content_type="application/pdf",
        )
        return _private(response)

    @extend_schema(
        tags=TAGS,
        summary="Tandatangani laporan reses anggota untuk satu masa sidang",
        request=None,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: ReportSerializer,
            200: ReportSerializer,
            400: REFUSED,
            404: NOT_FOUND,
            409: KEY_REUSED,
            503: NO_SEAL,
        },
    )
    def post(self, request, slug, period):
        member, found = self._member_and_period(request, slug, period)
        key, refusal = _key(request, "reses-report")
        if refusal:
            return refusal
        if (done := reses_selectors.api_write(key)) is not None:
            same = (done.report.member_id, done.report.period_id) == (member.pk, found.pk)
            return Response(ReportSerializer(done.report).data) if same else _key_reused()
        try:
            report = reses_reports.generate_report(
                actor=request.user, member=member, period=found, idempotency_key=key
            )
        except reses_services.RecessError as exc:
            return refused(exc)
        return Response(ReportSerializer(report).data, status=201)
