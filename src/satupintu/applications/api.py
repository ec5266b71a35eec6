"""Staff API for applications: work queue, one application, step actions, result document.

The same selectors and services as the back-office pages (`views_staff`): an application
outside the user's units is not found (404); a step the user's role may not take is 403; a
stale `expected_step_id` (double submit, another officer was faster) is 409.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.applications import staff_selectors as selectors
from satupintu.applications.models import Application
from satupintu.applications.services import processing
from satupintu.applications.views_staff import action_choices, answers_for_display
from satupintu.applications.workflow import KIND
from satupintu.backoffice.api import IsStaffMember
from satupintu.cases.api import EventSerializer
from satupintu.cases.selectors import full_timeline
from satupintu.cases.workflow import get_kind
from satupintu.core.api import error, refused, validated
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.documents.models import IssuedDocument
from satupintu.documents.pdf import verification_url

TAGS = ["kantor: permohonan"]


class ApplicationStepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField(help_text="operator, koordinator atau kepala")
    working_days = serializers.IntegerField()
    is_public = serializers.BooleanField()
    is_approval = serializers.BooleanField()


class ApplicationResultSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField(help_text="disiapkan, terbit atau dicabut")
    issued_at = serializers.DateTimeField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    revocation_reason = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    verify_url = serializers.SerializerMethodField(help_text="Halaman verifikasi (kode QR)")
    download_url = serializers.SerializerMethodField(help_text="PDF bertanda tangan (staf)")

    @extend_schema_field(OpenApiTypes.STR)
    def get_verify_url(self, document) -> str:
        return verification_url(document.token)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_download_url(self, document):
        if document.status == IssuedDocument.Status.PENDING:
            return None
        code = self.context.get("tracking_code") or document.reference
        return reverse("applications:staff_result", args=[code])


class ApplicationSummarySerializer(serializers.Serializer):
    tracking_code = serializers.CharField(source="case.tracking_code")
    service = serializers.CharField(source="service.slug")
    service_name = serializers.CharField(source="service.name")
    org_unit = serializers.CharField(source="case.org_unit.code", allow_null=True, default=None)
    status = serializers.CharField(source="case.status")
    status_label = serializers.SerializerMethodField()
    current_step = ApplicationStepSerializer(allow_null=True)
    step_started_at = serializers.DateTimeField(allow_null=True)
    step_due_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(source="case.due_date", allow_null=True)
    paused_at = serializers.DateTimeField(source="case.paused_at", allow_null=True)
    created_at = serializers.DateTimeField(source="case.created_at")
    closed_at = serializers.DateTimeField(source="case.closed_at", allow_null=True)
    is_overdue = serializers.SerializerMethodField(help_text="Langkah saat ini lewat batas")
    is_due_soon = serializers.SerializerMethodField(help_text="Sisa ≤ 1 hari kerja")

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_label(self, application) -> str:
        return get_kind(KIND).status_label(application.case.status)

    def _flags(self, application):
        if not hasattr(application, "is_overdue"):
            selectors.annotate_deadlines([application])
        return application

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, application) -> bool:
        return self._flags(application).is_overdue

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_due_soon(self, application) -> bool:
        return self._flags(application).is_due_soon


class ApplicationAnswerSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(help_text="NIK, KK dan nomor telepon tersamar")


class ApplicationDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    requirement = serializers.CharField(source="requirement.code")
    requirement_name = serializers.CharField(source="requirement.name")
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    superseded_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField(help_text="Unduh (dengan pemeriksaan hak akses)")

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, document) -> str:
        code = self.context["tracking_code"]
        return reverse("applications:staff_document", args=[code, document.pk])


class ApplicationDetailSerializer(ApplicationSummarySerializer):
    form_version = serializers.IntegerField(source="form_version.version")
    correction_codes = serializers.ListField(child=serializers.CharField())
    steps = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="Tindakan yang boleh Anda lakukan sekarang"
    )
    timeline = serializers.SerializerMethodField(help_text="Seluruh riwayat, termasuk internal")
    result_document = serializers.SerializerMethodField()

    def _code(self, application):
        return application.case.tracking_code

    @extend_schema_field(ApplicationStepSerializer(many=True))
    def get_steps(self, application):
        return ApplicationStepSerializer(processing.steps_of(application.service), many=True).data

    @extend_schema_field(ApplicationAnswerSerializer(many=True))
    def get_answers(self, application):
        rows = [
            {"label": label, "value": value} for label, value in answers_for_display(application)
        ]
        return ApplicationAnswerSerializer(rows, many=True).data

    @extend_schema_field(ApplicationDocumentSerializer(many=True))
    def get_documents(self, application):
        return ApplicationDocumentSerializer(
            selectors.documents_of(application),
            many=True,
            context={"tracking_code": self._code(application)},
        ).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, application):
        choices = action_choices(self.context["request"].user, application)
        names = []
        if choices["may_advance"]:
            names.append("approve" if choices["is_approval"] else "advance")
        if choices["may_correct"]:
            names.append("request_correction")
        if choices["may_reject"]:
            names.append("reject")
        if choices["may_note"]:
            names += ["note", "reply"] if application.case.closed_at is None else ["note"]
        if choices["may_revoke"]:
            names.append("revoke")
        return names

    @extend_schema_field(EventSerializer(many=True))
    def get_timeline(self, application):
        return EventSerializer(
            full_timeline(application.case),
            many=True,
            context={"tracking_code": self._code(application)},
        ).data

    @extend_schema_field(ApplicationResultSerializer(allow_null=True))
    def get_result_document(self, application):
        if application.result_document is None:
            return None
        return ApplicationResultSerializer(
            application.result_document, context={"tracking_code": self._code(application)}
        ).data


class ApplicationActionSerializer(serializers.Serializer):
    action = serializers.CharField(
        help_text="advance, approve, request_correction, reject, note atau reply"
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        validators=[no_markup],
        help_text="Yang dibaca pemohon (tindakan publik; pada note: catatan internal); wajib "
        "untuk reject (alasan), request_correction, note dan reply",
    )
    internal_note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        validators=[no_markup],
        help_text="Catatan internal: hanya petugas, tidak pernah ke pemohon",
    )
    codes = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        help_text="Kode persyaratan yang perlu diperbaiki (request_correction)",
    )
    expected_step_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Id langkah yang Anda lihat; bila permohonan sudah pindah langkah: 409",
    )

    def validate_action(self, value):
        if value not in processing.STAFF_ACTIONS:
            raise serializers.ValidationError(_("Tindakan tidak dikenal."))
        return value


class RevokeResultSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, validators=[no_markup])


# --- Views -------------------------------------------------------------------------------------

QUEUE_PARAMETERS = [
    OpenApiParameter("layanan", int, description="Id layanan"),
    OpenApiParameter("langkah", int, description="Id langkah alur kerja"),
    OpenApiParameter("status", str, description="Kode status; tanpa ini hanya yang terbuka"),
    OpenApiParameter("tenggat", str, enum=["soon", "overdue"], description="Batas langkah"),
    OpenApiParameter("q", str, description="Kode permohonan"),
]
NOT_FOUND = error("Tidak ada, atau di luar unit Anda")
FORBIDDEN = error("Peran Anda tidak boleh pada langkah ini")
CONFLICT = error("Langkah sudah diproses orang lain, atau tidak boleh pada status ini")


def _error(exc) -> Response:
    if isinstance(exc, PermissionDenied):
        message = str(exc) or _("Anda tidak berwenang melakukan tindakan ini.")
        return Response({"detail": message}, status=403)
    if isinstance(exc, ValidationError):
        return Response({"detail": " ".join(str(m) for m in exc.messages)}, status=400)
    return refused(exc)


class ApplicationList(generics.ListAPIView):
    """The work queue: open applications of the user's units, soonest step deadline first."""

    permission_classes = [IsStaffMember]
    serializer_class = ApplicationSummarySerializer

    @extend_schema(tags=TAGS, summary="Antrean permohonan", parameters=QUEUE_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = selectors.QueueFilter.from_params(self.request.query_params)
        return selectors.queue(self.request.user, filters)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.annotate_deadlines(page) if page is not None else page


class ApplicationDetail(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Satu permohonan: isian, dokumen, langkah, riwayat",
        responses={200: ApplicationDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, code):
        application = selectors.staff_application_or_404(request.user, code)
        return Response(ApplicationDetailSerializer(application, context={"request": request}).data)


class ApplicationAction(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Tindakan pada langkah saat ini",
        request=ApplicationActionSerializer,
        responses={
            200: ApplicationSummarySerializer,
            400: invalid_input("Isian tidak lengkap / tidak valid"),
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request, code):
        application = selectors.staff_application_or_404(request.user, code)
        data = validated(ApplicationActionSerializer, request)
        try:
            processing.act(
                application,
                data["action"],
                actor=request.user,
                note=data.get("note") or "",
                internal_note=data.get("internal_note") or "",
                correction_codes=data.get("codes") or [],
                expected_step_id=data.get("expected_step_id"),
            )
        except (processing.ProcessingError, ValidationError, PermissionDenied) as exc:
            return _error(exc)
        application = Application.objects.select_related(
            "case", "case__org_unit", "service", "current_step"
        ).get(pk=application.pk)
        return Response(ApplicationSummarySerializer(application).data)


class ResultDocument(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Data dokumen hasil (nomor, status, verifikasi)",
        responses={200: ApplicationResultSerializer, 404: NOT_FOUND},
    )
    def get(self, request, code):
        application = selectors.staff_application_or_404(request.user, code)
        if application.result_document is None:
            return Response({"detail": _("Belum ada dokumen hasil.")}, status=404)
        context = {"tracking_code": application.case.tracking_code}
        return Response(
            ApplicationResultSerializer(application.result_document, context=context).data
        )


class RevokeResult(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Cabut dokumen hasil",
        request=RevokeResultSerializer,
        responses={
            200: ApplicationResultSerializer,
            400: invalid_input("Alasan wajib diisi"),
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request, code):
        application = selectors.staff_application_or_404(request.user, code)
        payload = validated(RevokeResultSerializer, request)
        try:
            document = processing.revoke_result(
                application, actor=request.user, reason=payload["reason"]
            )
        except (processing.ProcessingError, ValidationError, PermissionDenied) as exc:
            return _error(exc)
        context = {"tracking_code": application.case.tracking_code}
        return Response(ApplicationResultSerializer(document, context=context).data)
