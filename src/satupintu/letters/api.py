"""Staff API of the e-office: the same selectors (visibility, Rahasia) and services as the pages.

A letter outside the user's reach is not found (404), never forbidden.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.accounts.models import User
from satupintu.backoffice.api import IsStaffMember
from satupintu.cases.uploads import check_upload
from satupintu.core.api import ErrorSerializer, refused, validated
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.letters import circles, hierarchy, retention, selectors, services
from satupintu.letters.models import (
    INSTRUCTIONS,
    ClassificationCode,
    Disposition,
    Letter,
)
from satupintu.org.models import OrgUnit

TAGS = ["kantor: surat"]


class DispositionSerializer(serializers.ModelSerializer):
    from_user = serializers.CharField(source="from_user.__str__")
    from_unit = serializers.CharField(source="from_unit.code")
    to_user_id = serializers.IntegerField(allow_null=True)
    # A disposition to a unit or a circle's group has no person (null, not "None").
    to_user = serializers.SerializerMethodField()
    to_unit = serializers.CharField(source="to_unit.code", allow_null=True, default=None)
    # A group of a circle (letters/circles.py), e.g. a DPRD komisi, fraksi or alat kelengkapan.
    to_group = serializers.CharField(
        help_text="Kelompok penerima di luar bagan organisasi (mis. dprd:<id> = komisi, fraksi "
        "atau alat kelengkapan DPRD); kosong bila disposisi ke orang atau unit"
    )
    to_group_label = serializers.SerializerMethodField()
    recipient = serializers.CharField(source="recipient_label")
    state = serializers.CharField()

    def get_to_user(self, disposition) -> str | None:
        return str(disposition.to_user) if disposition.to_user_id else None

    def get_to_group_label(self, disposition) -> str | None:
        return circles.label(disposition.to_group) if disposition.to_group else None

    class Meta:
        model = Disposition
        fields = [
            "id",
            "letter_id",
            "parent_id",
            "from_user",
            "from_unit",
            "to_user_id",
            "to_user",
            "to_unit",
            "to_group",
            "to_group_label",
            "recipient",
            "instructions",
            "urgency",
            "due_date",
            "note",
            "created_at",
            "read_at",
            "withdrawn_at",
            "acted_at",
            "done_at",
            "report",
            "state",
        ]


class LetterSerializer(serializers.ModelSerializer):
    org_unit = serializers.CharField(source="org_unit.code")
    classification = serializers.CharField(source="classification.code")
    sender_unit = serializers.CharField(source="sender_unit.code", allow_null=True, default=None)
    # Jadwal Retensi Arsip (letters/retention.py): null while the classification has none.
    retention_active_until = serializers.SerializerMethodField(
        help_text="Akhir masa aktif: 31 Desember tahun surat + retensi aktif."
    )
    retention_inactive_until = serializers.SerializerMethodField(
        help_text="Akhir masa inaktif: akhir masa aktif + retensi inaktif."
    )
    retention_final_disposition = serializers.SerializerMethodField(
        help_text="Keterangan akhir setelah masa inaktif."
    )
    retention_phase = serializers.SerializerMethodField(
        help_text="aktif, inaktif, habis (siap disusutkan) atau belum (belum ditetapkan)."
    )
    retention_source_code = serializers.SerializerMethodField(
        help_text="Kode klasifikasi yang retensinya berlaku (kode surat atau induknya)."
    )

    class Meta:
        model = Letter
        fields = [
            "id",
            "direction",
            "status",
            "org_unit",
            "subject",
            "sifat",
            "classification",
            "sender_name",
            "sender_unit",
            "external_number",
            "external_date",
            "agenda_number",
            "agenda_year",
            "letter_number",
            "is_copy",
            "received_at",
            "signed_at",
            "sent_at",
            "created_at",
            "retention_active_until",
            "retention_inactive_until",
            "retention_final_disposition",
            "retention_phase",
            "retention_source_code",
        ]

    def _retention(self, letter) -> retention.LetterRetention:
        """Computed once per letter; the code table read once per response."""
        memo = self.context.setdefault("_retention", {})
        if "table" not in memo:
            memo["table"] = retention.table()
        if letter.pk not in memo:
            memo[letter.pk] = retention.for_letter(letter, memo["table"])
        return memo[letter.pk]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_retention_active_until(self, letter):
        return self._retention(letter).active_until

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_retention_inactive_until(self, letter):
        return self._retention(letter).inactive_until

    @extend_schema_field(
        serializers.ChoiceField(choices=ClassificationCode.FinalDisposition.values, allow_null=True)
    )
    def get_retention_final_disposition(self, letter):
        return self._retention(letter).final_disposition or None

    @extend_schema_field(serializers.ChoiceField(choices=retention.PHASE_VALUES))
    def get_retention_phase(self, letter):
        return self._retention(letter).phase()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_retention_source_code(self, letter):
        found = self._retention(letter).retention
        return found.source_code if found else None


class LetterDetailSerializer(LetterSerializer):
    dispositions = DispositionSerializer(many=True, read_only=True)

    class Meta(LetterSerializer.Meta):
        fields = [*LetterSerializer.Meta.fields, "body", "dispositions"]


class RegisterSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Kode unit penerima")
    sender_name = serializers.CharField(max_length=300, validators=[no_markup])
    external_number = serializers.CharField(max_length=120, validators=[no_markup])
    external_date = serializers.DateField()
    subject = serializers.CharField(max_length=300, validators=[no_markup])
    sifat = serializers.ChoiceField(choices=Letter.Sifat.choices, default=Letter.Sifat.ORDINARY)
    classification = serializers.CharField(help_text="Kode klasifikasi, mis. 000.5.3.1")
    scan = serializers.FileField(required=False)
    confirm_duplicate = serializers.BooleanField(default=False)


class DisposeSerializer(serializers.Serializer):
    to_units = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    to_users = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    instructions = serializers.ListField(child=serializers.ChoiceField(choices=INSTRUCTIONS))
    urgency = serializers.ChoiceField(
        choices=Disposition.Urgency.choices, default=Disposition.Urgency.ORDINARY
    )
    due_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Kosong: otomatis dari sifat (Biasa 5, Segera 2, Sangat Segera 1 hari kerja).",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", validators=[no_markup]
    )


class ReportSerializer(serializers.Serializer):
    report = serializers.CharField(max_length=5000, validators=[no_markup])


class CountersSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
    to_act = serializers.IntegerField()
    to_sign = serializers.IntegerField()
    to_send = serializers.IntegerField()
    to_verify = serializers.IntegerField()
    overdue = serializers.IntegerField()
    copies = serializers.IntegerField()


SEARCH_PARAMS = [
    OpenApiParameter("q", str, description="Perihal, pengirim atau nomor"),
    OpenApiParameter("arah", str, enum=Letter.Direction.values),
    OpenApiParameter("sifat", str, enum=Letter.Sifat.values),
    OpenApiParameter("klasifikasi", str, description="Awalan kode klasifikasi"),
    OpenApiParameter("unit", str, description="Kode unit"),
    OpenApiParameter("dari", str, description="Tanggal awal (YYYY-MM-DD)"),
    OpenApiParameter("sampai", str, description="Tanggal akhir (YYYY-MM-DD)"),
    OpenApiParameter(
        "retensi",
        str,
        enum=retention.PHASE_VALUES,
        description="Masa retensi: aktif, inaktif, habis (siap disusutkan), belum (ditetapkan)",
    ),
]


@extend_schema(tags=TAGS)
class LetterList(generics.ListAPIView):
    """Letters the user may see (search and filters); Rahasia only for their chain."""

    permission_classes = [IsStaffMember]
    serializer_class = LetterSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return selectors.search(
            self.request.user, selectors.filters_from(self.request.query_params)
        )

    @extend_schema(parameters=SEARCH_PARAMS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Agendakan surat masuk",
        request=RegisterSerializer,
        responses={201: LetterSerializer, 400: invalid_input(), 404: ErrorSerializer},
    )
    def post(self, request):
        data = validated(RegisterSerializer, request)
        unit = services.registrar_units(request.user).filter(code=data["unit"]).first()
        if unit is None:
            return Response({"detail": _("Unit tidak ditemukan.")}, status=404)
        found = selectors.resolve_classification(data["classification"])
        if len(found) != 1:
            return Response({"detail": _("Kode klasifikasi tidak ditemukan.")}, status=400)
        scans = []
        if data.get("scan"):
            from django.core.exceptions import ValidationError

            try:
                scans = [check_upload(data["scan"])]
            except ValidationError as exc:
                return Response({"detail": " ".join(exc.messages)}, status=400)
        try:
            letter = services.register_incoming(
                actor=request.user,
                unit=unit,
                subject=data["subject"],
                classification=found[0],
                sender_name=data["sender_name"],
                sifat=data["sifat"],
                external_number=data["external_number"],
                external_date=data["external_date"],
                scans=scans,
                confirm_duplicate=data["confirm_duplicate"],
            )
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(LetterSerializer(letter).data, status=201)


@extend_schema(tags=TAGS)
class LetterDetail(generics.RetrieveAPIView):
    permission_classes = [IsStaffMember]
    serializer_class = LetterDetailSerializer

    def get_object(self):
        letter = selectors.letter_for(self.request.user, self.kwargs["pk"])
        if letter.direction == Letter.Direction.INCOMING:
            services.mark_read(actor=self.request.user, letter=letter)
        return letter


@extend_schema(tags=TAGS)
class Inbox(generics.ListAPIView):
    """The person's inbox: unread first."""

    permission_classes = [IsStaffMember]
    serializer_class = LetterSerializer

    def get_queryset(self):
        return selectors.inbox(self.request.user)


@extend_schema(tags=TAGS, responses=CountersSerializer)
class Counters(APIView):
    permission_classes = [IsStaffMember]

    def get(self, request):
        return Response(CountersSerializer(selectors.counters(request.user)).data)


class FiguresSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Penerima (pegawai atau unit)")
    received = serializers.IntegerField(help_text="Disposisi diterima dalam periode")
    read = serializers.IntegerField()
    acted = serializers.IntegerField(help_text="Ditindak: disposisi lanjutan atau laporan")
    due = serializers.IntegerField(help_text="Selesai atau sudah lewat batas waktu")
    on_time = serializers.IntegerField(help_text="Selesai paling lambat pada tanggal batas")
    on_time_percent = serializers.IntegerField(allow_null=True, source="on_time_share")
    avg_read_seconds = serializers.SerializerMethodField()
    avg_act_seconds = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_avg_read_seconds(self, figures):
        return round(figures.avg_read.total_seconds()) if figures.avg_read else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_avg_act_seconds(self, figures):
        return round(figures.avg_act.total_seconds()) if figures.avg_act else None


class PerformanceSerializer(serializers.Serializer):
    since = serializers.DateField()
    until = serializers.DateField()
    people = FiguresSerializer(many=True)
    units = FiguresSerializer(many=True)


@extend_schema(tags=TAGS)
class Performance(APIView):
    """Response-time figures of the dispositions a leader oversees (as /kantor/surat/kinerja/);
    404 for staff who lead nothing."""

    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Kinerja tindak lanjut disposisi",
        parameters=[
            OpenApiParameter("hari", int, description="Periode dalam hari (7–366, bawaan 30)")
        ],
        responses={200: PerformanceSerializer, 404: ErrorSerializer},
    )
    def get(self, request):
        if not hierarchy.is_leader(request.user):
            raise Http404
        since, until, _days = selectors.performance_period(request.query_params.get("hari"))
        people, units = selectors.performance(request.user, since, until)
        data = {"since": since, "until": until, "people": people, "units": units}
        return Response(PerformanceSerializer(data).data)


@extend_schema(tags=TAGS)
class Dispose(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Disposisikan surat",
        request=DisposeSerializer,
        responses={
            201: DispositionSerializer(many=True),
            400: invalid_input("Ditolak (mis. di luar hierarki)"),
            404: ErrorSerializer,
        },
    )
    def post(self, request, pk):
        letter = selectors.letter_for(request.user, pk)
        data = validated(DisposeSerializer, request)
        units = list(OrgUnit.objects.filter(code__in=data["to_units"], is_active=True))
        users = list(User.objects.filter(pk__in=data["to_users"], is_active=True))
        if len(units) != len(set(data["to_units"])) or len(users) != len(set(data["to_users"])):
            return Response({"detail": _("Penerima tidak ditemukan.")}, status=400)
        try:
            created = services.dispose(
                actor=request.user,
                letter=letter,
                to_units=units,
                to_users=users,
                instructions=data["instructions"],
                urgency=data["urgency"],
                due_date=data["due_date"],
                note=data["note"],
            )
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(DispositionSerializer(created, many=True).data, status=201)


@extend_schema(tags=TAGS)
class DispositionList(generics.ListAPIView):
    """Open dispositions addressed to the user."""

    permission_classes = [IsStaffMember]
    serializer_class = DispositionSerializer

    def get_queryset(self):
        return (
            selectors.open_dispositions_to(self.request.user)
            .filter(letter__in=selectors.visible_letters(self.request.user))
            .select_related("from_user", "from_unit", "to_user", "to_unit")
            .order_by("due_date", "pk")
        )


@extend_schema(tags=TAGS)
class Withdraw(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Tarik disposisi (hanya selama belum dibaca)",
        request=None,
        responses={200: DispositionSerializer, 400: invalid_input(), 404: ErrorSerializer},
    )
    def post(self, request, pk):
        disposition = selectors.disposition_for(request.user, pk)
        try:
            disposition = services.withdraw(actor=request.user, disposition=disposition)
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(DispositionSerializer(disposition).data)


@extend_schema(tags=TAGS)
class Complete(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Laporkan disposisi selesai",
        request=ReportSerializer,
        responses={200: DispositionSerializer, 400: invalid_input(), 404: ErrorSerializer},
    )
    def post(self, request, pk):
        disposition = selectors.disposition_for(request.user, pk)
        payload = validated(ReportSerializer, request)
        try:
            disposition = services.complete(
                actor=request.user,
                disposition=disposition,
                report=payload["report"],
            )
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(DispositionSerializer(disposition).data)
