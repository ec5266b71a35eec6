"""Staff API for e-Risalah: the same access rules and services as the pages.

A meeting the user may not see is not found (404); a refused write answers with the
service's Indonesian message and status (400 bad input, 403 not yours, 409 wrong status).
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.backoffice.api import IsStaffMember
from satupintu.core.api import error, refused, validated
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.minutes import access, selectors, services
from satupintu.minutes.models import AgendaItem, Attendance, FollowUpAction, Meeting
from satupintu.org.models import OrgUnit

TAGS = ["kantor: rapat dan risalah"]


# --- Serializers -------------------------------------------------------------------------------


class MeetingPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="__str__")


class MeetingSummarySerializer(serializers.ModelSerializer):
    org_unit = serializers.CharField(source="org_unit.code", help_text="Kode unit penyelenggara")
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    chair = MeetingPersonSerializer()
    secretary = MeetingPersonSerializer()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "org_unit",
            "kind",
            "kind_label",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "chair",
            "secretary",
            "is_public",
            "classification_code",
            "status",
            "status_label",
            "published_at",
        ]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "presenter", "discussion", "decisions"]


class AttendanceSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)
    user_id = serializers.IntegerField(allow_null=True)

    class Meta:
        model = Attendance
        fields = ["id", "user_id", "name", "position", "unit", "status", "arrived_at", "note"]


class FollowUpSerializer(serializers.ModelSerializer):
    meeting_id = serializers.IntegerField()
    meeting_title = serializers.CharField(source="meeting.title")
    owner_user = MeetingPersonSerializer(allow_null=True)
    owner_unit = serializers.CharField(source="owner_unit.code", allow_null=True, default=None)
    is_overdue = serializers.BooleanField()

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "meeting_id",
            "meeting_title",
            "agenda_item_id",
            "description",
            "owner_user",
            "owner_unit",
            "due_date",
            "status",
            "report",
            "done_at",
            "is_overdue",
        ]


class MeetingDetailSerializer(MeetingSummarySerializer):
    invited_users = MeetingPersonSerializer(many=True, source="invited_users.all")
    invited_units = serializers.SerializerMethodField()
    summary = serializers.CharField()
    agenda = AgendaItemSerializer(many=True, source="agenda_items.all")
    attendance = AttendanceSerializer(many=True, source="attendances.all")
    follow_ups = FollowUpSerializer(many=True, source="follow_ups.all")
    actions = serializers.SerializerMethodField(help_text="Tindakan alur yang boleh Anda lakukan")
    can_manage = serializers.SerializerMethodField()

    class Meta(MeetingSummarySerializer.Meta):
        fields = [
            *MeetingSummarySerializer.Meta.fields,
            "invited_users",
            "invited_units",
            "summary",
            "agenda",
            "attendance",
            "follow_ups",
            "actions",
            "can_manage",
            "submitted_at",
            "approved_at",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_invited_units(self, meeting):
        return [unit.code for unit in meeting.invited_units.all()]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_actions(self, meeting):
        return services.allowed_actions(self.context["request"].user, meeting)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_can_manage(self, meeting) -> bool:
        return access.can_manage(self.context["request"].user, meeting)


def _user_field(**kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), **kwargs
    )


def _unit_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="code", queryset=OrgUnit.objects.filter(is_active=True), **kwargs
    )


class MeetingCreateSerializer(serializers.Serializer):
    org_unit = _unit_field(help_text="Kode unit penyelenggara")
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices)
    title = serializers.CharField(max_length=250, validators=[no_markup])
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=250, validators=[no_markup])
    chair = _user_field(help_text="Id pegawai pimpinan rapat")
    secretary = _user_field(help_text="Id pegawai notulis")
    invited_users = _user_field(many=True, required=False, default=list)
    invited_units = _unit_field(many=True, required=False, default=list)
    is_public = serializers.BooleanField(default=False)
    classification_code = serializers.CharField(max_length=30, default="000.1.5")
    summary = serializers.CharField(
        required=False, allow_blank=True, default="", validators=[no_markup]
    )


class ActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(services.ACTIONS))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        validators=[no_markup],
        help_text="Alasan: wajib untuk return dan reopen",
    )


class AgendaWriteSerializer(serializers.Serializer):
    order = serializers.IntegerField(min_value=1, required=False)
    title = serializers.CharField(max_length=250, validators=[no_markup], required=False)
    presenter = serializers.CharField(
        max_length=200, allow_blank=True, validators=[no_markup], required=False
    )
    discussion = serializers.CharField(allow_blank=True, validators=[no_markup], required=False)
    decisions = serializers.CharField(allow_blank=True, validators=[no_markup], required=False)


class AttendanceEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id baris daftar hadir")
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    arrived_at = serializers.TimeField(required=False, allow_null=True)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=250, validators=[no_markup]
    )


class AttendanceWriteSerializer(serializers.Serializer):
    entries = AttendanceEntrySerializer(many=True)


class FollowUpCreateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000, validators=[no_markup])
    due_date = serializers.DateField(help_text="Tidak boleh di masa lalu")
    owner_user = _user_field(required=False, allow_null=True, default=None)
    owner_unit = _unit_field(required=False, allow_null=True, default=None)
    agenda_item = serializers.IntegerField(required=False, allow_null=True, default=None)


class FollowUpDoneSerializer(serializers.Serializer):
    report = serializers.CharField(max_length=5000, validators=[no_markup])


# --- Views -------------------------------------------------------------------------------------

NOT_FOUND = error("Tidak ada, atau tidak boleh Anda lihat")
REFUSED = {
    400: invalid_input(),
    403: error("Bukan wewenang Anda"),
    404: NOT_FOUND,
    409: error("Tidak boleh pada status ini"),
}


def _detail(request, meeting, code=status.HTTP_200_OK) -> Response:
    meeting = access.meeting_or_404(request.user, meeting.pk)
    return Response(MeetingDetailSerializer(meeting, context={"request": request}).data, code)


def _managed(request, pk) -> Meeting:
    meeting = access.meeting_or_404(request.user, pk)
    if not access.can_manage(request.user, meeting):
        raise Http404
    return meeting


class MeetingList(generics.ListAPIView):
    """Meetings the user may see, newest first; `q` searches title, agenda and minutes."""

    permission_classes = [IsStaffMember]
    serializer_class = MeetingSummarySerializer

    @extend_schema(
        tags=TAGS,
        summary="Daftar rapat",
        parameters=[
            OpenApiParameter(
                "q", str, description="Kata dalam judul, acara, pembahasan, keputusan"
            ),
            OpenApiParameter("status", str, enum=Meeting.Status.values),
            OpenApiParameter("jenis", str, enum=Meeting.Kind.values),
            OpenApiParameter("unit", str, description="Kode unit penyelenggara"),
            OpenApiParameter("waktu", str, enum=["upcoming", "past"]),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = selectors.MeetingFilter.from_params(self.request.query_params)
        return selectors.staff_meetings(self.request.user, filters)

    @extend_schema(
        tags=TAGS,
        summary="Jadwalkan rapat (undangan terkirim lewat outbox)",
        request=MeetingCreateSerializer,
        responses={201: MeetingDetailSerializer, **REFUSED},
    )
    def post(self, request):
        payload = validated(MeetingCreateSerializer, request)
        try:
            meeting = services.create_meeting(actor=request.user, **payload)
        except services.MinutesError as exc:
            return refused(exc)
        return _detail(request, meeting, status.HTTP_201_CREATED)


class MeetingDetail(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Satu rapat: acara dan risalahnya, daftar hadir, tindak lanjut",
        responses={200: MeetingDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return _detail(request, access.meeting_or_404(request.user, pk))


class MeetingAction(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Alur risalah: submit, return, approve (pimpinan), publish, reopen (pimpinan)",
        request=ActionSerializer,
        responses={200: MeetingDetailSerializer, **REFUSED},
    )
    def post(self, request, pk):
        meeting = access.meeting_or_404(request.user, pk)
        payload = validated(ActionSerializer, request)
        try:
            meeting = services.transition(actor=request.user, meeting=meeting, **payload)
        except services.MinutesError as exc:
            return refused(exc)
        return _detail(request, meeting)


class AgendaCreate(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Tambah acara",
        request=AgendaWriteSerializer,
        responses={201: AgendaItemSerializer, **REFUSED},
    )
    def post(self, request, pk):
        meeting = _managed(request, pk)
        data = validated(AgendaWriteSerializer, request)
        if not data.get("title"):
            return Response({"detail": _("Isi judul acara.")}, status=400)
        try:
            item = services.add_agenda_item(
                actor=request.user,
                meeting=meeting,
                title=data["title"],
                presenter=data.get("presenter", ""),
                order=data.get("order"),
            )
            extra = {f: data[f] for f in ("discussion", "decisions") if f in data}
            if extra:
                item = services.update_agenda_item(actor=request.user, item=item, changes=extra)
        except services.MinutesError as exc:
            return refused(exc)
        return Response(AgendaItemSerializer(item).data, status=201)


class AgendaUpdate(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Ubah acara atau risalahnya (pembahasan, keputusan)",
        request=AgendaWriteSerializer,
        responses={200: AgendaItemSerializer, **REFUSED},
    )
    def patch(self, request, pk, item_id):
        meeting = _managed(request, pk)
        item = meeting.agenda_items.filter(pk=item_id).first()
        if item is None:
            raise Http404
        payload = validated(AgendaWriteSerializer, request, partial=True)
        try:
            item = services.update_agenda_item(actor=request.user, item=item, changes=dict(payload))
        except services.MinutesError as exc:
            return refused(exc)
        return Response(AgendaItemSerializer(item).data)


class AttendanceUpdate(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Catat kehadiran",
        request=AttendanceWriteSerializer,
        responses={200: AttendanceSerializer(many=True), **REFUSED},
    )
    def post(self, request, pk):
        meeting = _managed(request, pk)
        payload = validated(AttendanceWriteSerializer, request)
        rows = {row.pk: row for row in meeting.attendances.all()}
        entries = []
        for entry in payload["entries"]:
            row = rows.get(entry["id"])
            if row is None:
                return Response({"detail": _("Baris daftar hadir tidak ditemukan.")}, 400)
            entries.append({"attendance": row, **{k: v for k, v in entry.items() if k != "id"}})
        try:
            services.record_attendance(actor=request.user, meeting=meeting, entries=entries)
        except services.MinutesError as exc:
            return refused(exc)
        return Response(AttendanceSerializer(meeting.attendances.all(), many=True).data)


class FollowUpCreate(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Tambah tindak lanjut (penanggung jawab dan batas waktu)",
        request=FollowUpCreateSerializer,
        responses={201: FollowUpSerializer, **REFUSED},
    )
    def post(self, request, pk):
        meeting = _managed(request, pk)
        data = dict(validated(FollowUpCreateSerializer, request))
        item_id = data.pop("agenda_item")
        item = None
        if item_id is not None:
            item = meeting.agenda_items.filter(pk=item_id).first()
            if item is None:
                return Response({"detail": _("Acara tidak ditemukan.")}, status=400)
        try:
            action = services.add_follow_up(
                actor=request.user, meeting=meeting, agenda_item=item, **data
            )
        except services.MinutesError as exc:
            return refused(exc)
        return Response(FollowUpSerializer(action).data, status=201)


class FollowUpList(generics.ListAPIView):
    """Follow-ups the user may see: of visible meetings, or owned by the user or their units."""

    permission_classes = [IsStaffMember]
    serializer_class = FollowUpSerializer

    @extend_schema(
        tags=TAGS,
        summary="Tindak lanjut rapat",
        parameters=[
            OpenApiParameter("status", str, enum=["open", "overdue", "done", "all"]),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        state = self.request.query_params.get("status", "open")
        return selectors.follow_ups_for(self.request.user, state=state)


class FollowUpDone(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        summary="Laporkan tindak lanjut selesai",
        request=FollowUpDoneSerializer,
        responses={200: FollowUpSerializer, **REFUSED},
    )
    def post(self, request, action_id):
        action = selectors.follow_up_or_404(request.user, action_id)
        payload = validated(FollowUpDoneSerializer, request)
        try:
            action = services.complete_follow_up(
                actor=request.user, action=action, report=payload["report"]
            )
        except services.MinutesError as exc:
            return refused(exc)
        return Response(FollowUpSerializer(action).data)
