"""Staff API for the case inbox and case actions.

The same selectors, roles and rules as the back-office pages (`staff_views`): a case outside
the user's units is not found (404), never forbidden; reporter identity follows
`org.permissions.can_see_reporter`; every action goes through `services.perform`.
"""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
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

from satupintu.backoffice.api import IsStaffMember
from satupintu.cases import access, public, selectors, services
from satupintu.cases.forms import INTERNAL_NOTE_REQUIRED, PUBLIC_NOTE_REQUIRED
from satupintu.cases.models import Case
from satupintu.cases.public import SUMMARY_MAX_LENGTH
from satupintu.cases.workflow import REPORTER, get_kind, kinds
from satupintu.core.api import error, refused, validated
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

TAGS = ["kantor: kasus"]


def _user_label(user) -> str | None:
    return str(user) if user is not None else None


# --- Serializers -------------------------------------------------------------------------------


class CaseSummarySerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    kind = serializers.CharField()
    subtype = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    channel = serializers.CharField()
    title = serializers.CharField()
    category_id = serializers.IntegerField(allow_null=True)
    category = serializers.CharField(source="category.name", allow_null=True, default=None)
    org_unit = serializers.CharField(
        source="org_unit.code", allow_null=True, default=None, help_text="Kode unit"
    )
    region = serializers.CharField(
        source="region.name", allow_null=True, default=None, help_text="Kelurahan"
    )
    assignee_id = serializers.IntegerField(allow_null=True)
    assignee = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    verify_due_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    paused_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    is_overdue = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_label(self, case) -> str:
        return get_kind(case.kind).status_label(case.status)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_assignee(self, case):
        return _user_label(case.assignee) if case.assignee_id else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, case) -> bool:
        return bool(
            case.due_date
            and case.closed_at is None
            and case.paused_at is None
            and case.due_date < timezone.localdate()
        )


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    is_public = serializers.BooleanField()
    uploaded_by_role = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Unduh (dengan pemeriksaan hak akses)")

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, attachment) -> str:
        code = self.context.get("tracking_code") or attachment.case.tracking_code
        return reverse("cases:staff_attachment", args=[code, attachment.pk])


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    action = serializers.CharField()
    actor_role = serializers.CharField()
    actor = serializers.SerializerMethodField(
        help_text="Nama petugas; kosong untuk pelapor dan sistem"
    )
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    is_public = serializers.BooleanField(help_text="false: tidak terlihat oleh pelapor")
    note = serializers.CharField(help_text="Yang boleh dibaca pelapor (bila is_public)")
    internal_note = serializers.CharField(help_text="Catatan internal: hanya petugas")
    data = serializers.DictField()
    attachments = AttachmentSerializer(many=True, source="attachments.all")

    @extend_schema_field({"type": "string", "nullable": True})
    def get_actor(self, event):
        # The reporter's account is never shown in the timeline (anonymous, confidential).
        if event.actor_role == REPORTER or event.actor_id is None:
            return None
        return _user_label(event.actor)


class ReporterSerializer(serializers.Serializer):
    visible = serializers.BooleanField(help_text="false: identitas anonim atau dirahasiakan")
    reason = serializers.CharField(
        help_text='Mengapa identitas tidak ditampilkan: "anonim", "rahasia", atau kosong'
    )
    name = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)


class ActionChoiceSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()


class DuplicateSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    title = serializers.CharField()
    score = serializers.FloatField()


class CaseDetailSerializer(CaseSummarySerializer):
    description = serializers.CharField()
    public_summary = serializers.CharField(help_text="Disetujui koordinator; kosong = belum")
    public_title = serializers.SerializerMethodField(
        help_text="Yang dilihat publik (halaman lacak, Open311) sebagai judul"
    )
    region_code = serializers.CharField(source="region.code", allow_null=True, default=None)
    rt = serializers.CharField()
    street = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    parent = serializers.CharField(
        source="parent.tracking_code", allow_null=True, default=None, help_text="Digabung ke"
    )
    is_anonymous = serializers.BooleanField()
    is_confidential = serializers.BooleanField()
    reporter = serializers.SerializerMethodField()
    verified_at = serializers.DateTimeField(allow_null=True)
    first_response_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    rating = serializers.IntegerField(allow_null=True)
    rating_comment = serializers.CharField()
    role = serializers.SerializerMethodField(help_text="Peran Anda pada kasus ini")
    actions = serializers.SerializerMethodField(help_text="Tindakan yang boleh Anda lakukan")
    timeline = serializers.SerializerMethodField(help_text="Seluruh riwayat, termasuk internal")
    duplicates = serializers.SerializerMethodField(help_text="Untuk koordinator")

    def _user(self):
        return self.context["request"].user

    def _role(self, case):
        if "role" not in self.context:
            self.context["role"] = access.staff_role(self._user(), case)
        return self.context["role"]

    def get_public_title(self, case) -> str:
        return public.public_title(case)

    @extend_schema_field(ReporterSerializer)
    def get_reporter(self, case):
        if case.is_anonymous:
            data = {"visible": False, "reason": "anonim"}
        elif permissions.can_see_reporter(self._user(), case):
            data = {
                "visible": True,
                "reason": "",
                "name": case.reporter_name or None,
                "email": case.reporter_email or None,
                "phone": case.reporter_phone or None,
            }
        else:
            data = {"visible": False, "reason": "rahasia"}
        return ReporterSerializer({"name": None, "email": None, "phone": None, **data}).data

    @extend_schema_field({"type": "string", "nullable": True})
    def get_role(self, case):
        return self._role(case)

    @extend_schema_field(ActionChoiceSerializer(many=True))
    def get_actions(self, case):
        role = self._role(case)
        if role is None:
            return []
        transitions = get_kind(case.kind).actions_for(case.status, role)
        return ActionChoiceSerializer(
            [{"action": t.action, "label": str(t.label)} for t in transitions], many=True
        ).data

    @extend_schema_field(EventSerializer(many=True))
    def get_timeline(self, case):
        return EventSerializer(
            selectors.full_timeline(case), many=True, context={"tracking_code": case.tracking_code}
        ).data

    @extend_schema_field(DuplicateSerializer(many=True))
    def get_duplicates(self, case):
        if self._role(case) != "coordinator":
            return []
        return DuplicateSerializer(
            [
                {"tracking_code": other.tracking_code, "title": other.title, "score": score}
                for other, score in selectors.possible_duplicates(case)
            ],
            many=True,
        ).data


class CaseActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[])
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10000,
        validators=[no_markup],
        help_text="Jawaban untuk pelapor (teks biasa; tampil di halaman lacak dan pemberitahuan "
        "bila tindakannya publik, selain itu disimpan sebagai catatan internal). Wajib untuk "
        + ", ".join(sorted(PUBLIC_NOTE_REQUIRED)),
    )
    internal_note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10000,
        validators=[no_markup],
        help_text="Catatan internal (teks biasa): hanya petugas, tidak pernah ke pelapor. "
        "Wajib (atau note) untuk " + ", ".join(sorted(INTERNAL_NOTE_REQUIRED)),
    )
    org_unit = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=40,
        help_text="Kode unit tujuan: untuk verify dan route",
    )
    assignee = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id pegawai unit kasus: untuk assign"
    )
    parent_code = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=20,
        help_text="Kode lacak laporan induk: untuk merge",
    )
    public_summary = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        max_length=SUMMARY_MAX_LENGTH,
        validators=[no_markup],
        help_text="Ringkasan publik (koordinator saja, terutama saat verify): pengganti judul "
        "pelapor di halaman lacak dan Open311; kosong = judul netral dari kategori",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actions = sorted({action for kind in kinds() for action in kind.transitions})
        self.fields["action"].choices = actions

    def validate(self, attrs):
        if attrs["action"] in PUBLIC_NOTE_REQUIRED and not attrs.get("note"):
            raise serializers.ValidationError({"note": _("Tulis jawaban untuk pelapor.")})
        if attrs["action"] in INTERNAL_NOTE_REQUIRED and not (
            attrs.get("note") or attrs.get("internal_note")
        ):
            raise serializers.ValidationError({"internal_note": _("Tulis catatan internal.")})
        return attrs


class ActionResultSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    event = EventSerializer()


class StatusSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    closed = serializers.BooleanField()
    resolved = serializers.BooleanField()
    paused = serializers.BooleanField()
    triage = serializers.BooleanField(help_text="Hanya terlihat oleh koordinator")


class TransitionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    sources = serializers.ListField(child=serializers.CharField())
    target = serializers.CharField(allow_null=True, help_text="null: status tetap")
    roles = serializers.ListField(child=serializers.CharField())
    public = serializers.BooleanField()
    effect = serializers.CharField(help_text='"pause" / "resume" jam SLA, atau kosong')


class KindSerializer(serializers.Serializer):
    key = serializers.CharField()
    prefix = serializers.CharField()
    label = serializers.CharField()
    initial_status = serializers.CharField()
    statuses = StatusSerializer(many=True)
    actions = TransitionSerializer(many=True)


def _kind_data(kind) -> dict:
    return {
        "key": kind.key,
        "prefix": kind.prefix,
        "label": str(kind.label),
        "initial_status": str(kind.initial_status),
        "statuses": [
            {
                "code": str(code),
                "label": str(label),
                "closed": code in kind.closed_statuses,
                "resolved": code in kind.resolved_statuses,
                "paused": code in kind.paused_statuses,
                "triage": code in kind.triage_statuses,
            }
            for code, label in kind.status_labels.items()
        ],
        "actions": [
            {
                "action": t.action,
                "label": str(t.label),
                "sources": sorted(str(s) for s in t.sources),
                "target": str(t.target) if t.target else None,
                "roles": sorted(t.roles),
                "public": t.public,
                "effect": t.effect,
            }
            for t in kind.transitions.values()
        ],
    }


# --- Views -------------------------------------------------------------------------------------

INBOX_PARAMETERS = [
    OpenApiParameter("jenis", str, description="Jenis kasus (lihat /kantor/kasus/jenis/)"),
    OpenApiParameter("status", str, description="Kode status; tanpa ini hanya yang terbuka"),
    OpenApiParameter("kategori", int, description="Id kategori"),
    OpenApiParameter("wilayah", int, description="Id kelurahan atau kecamatan"),
    OpenApiParameter("tenggat", str, enum=["soon", "overdue"], description="Batas waktu"),
    OpenApiParameter("q", str, description="Kode lacak, atau kata dalam judul / uraian"),
    OpenApiParameter("saya", str, enum=["1"], description="1: hanya yang ditugaskan ke saya"),
]


class CaseList(generics.ListAPIView):
    """The inbox: cases of the user's units (all for coordinators), soonest deadline first."""

    permission_classes = [IsStaffMember]
    serializer_class = CaseSummarySerializer

    @extend_schema(tags=TAGS, summary="Kotak masuk kasus", parameters=INBOX_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = selectors.InboxFilter.from_params(self.request.query_params)
        return selectors.inbox(self.request.user, filters)


class CaseKindList(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Jenis kasus, status dan tindakannya",
        responses=KindSerializer(many=True),
    )
    def get(self, request):
        return Response(KindSerializer([_kind_data(k) for k in kinds()], many=True).data)


NOT_FOUND = error("Tidak ada, atau di luar unit Anda")


class CaseDetail(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Satu kasus dengan seluruh riwayatnya",
        responses={200: CaseDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, code):
        case = selectors.staff_case_or_404(request.user, code)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


class CaseAction(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Lakukan tindakan pada kasus",
        request=CaseActionSerializer,
        responses={
            200: ActionResultSerializer,
            400: invalid_input("Isian tidak lengkap atau tidak valid"),
            403: error("Ringkasan publik hanya untuk koordinator"),
            404: NOT_FOUND,
            409: error("Tidak boleh pada status ini"),
        },
    )
    def post(self, request, code):
        case = selectors.staff_case_or_404(request.user, code)
        role = access.staff_role(request.user, case)
        if role is None:
            raise Http404
        data = validated(CaseActionSerializer, request)
        try:
            parameters = _parameters(request.user, case, data)
        except LookupError:
            return Response(
                {"detail": _("Unit, petugas, atau laporan induk tidak ditemukan.")}, status=400
            )
        try:
            event = services.perform(
                case,
                data["action"],
                actor=request.user,
                role=role,
                note=data.get("note") or "",
                internal_note=data.get("internal_note") or "",
                public_summary=data.get("public_summary"),
                **parameters,
            )
        except services.CaseError as exc:
            return refused(exc)
        case = Case.objects.get(pk=case.pk)
        result = {
            "tracking_code": case.tracking_code,
            "status": case.status,
            "status_label": get_kind(case.kind).status_label(case.status),
            "event": event,
        }
        context = {"tracking_code": case.tracking_code}
        return Response(ActionResultSerializer(result, context=context).data)


def _parameters(user, case, data) -> dict:
    """Resolve unit code, assignee id and parent code, as the staff page does."""
    parameters = {}
    if data.get("org_unit"):
        unit = OrgUnit.objects.filter(code=data["org_unit"], is_active=True).first()
        if unit is None:
            raise LookupError("org_unit")
        parameters["org_unit"] = unit
    if data.get("assignee") is not None:
        assignee = next((u for u in selectors.colleagues(case) if u.pk == data["assignee"]), None)
        if assignee is None:
            raise LookupError("assignee")
        parameters["assignee"] = assignee
    if data.get("parent_code"):
        try:
            parameters["parent"] = selectors.staff_case_or_404(user, data["parent_code"])
        except Http404 as exc:
            raise LookupError("parent_code") from exc
    return parameters
