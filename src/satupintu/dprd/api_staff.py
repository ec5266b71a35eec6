"""Staff actions of the DPRD door in the API, through the same services as the pages.

SETWAN verifies, forwards and answers aspirations and verifies, rejects and moves proposals
through RKPD; a member of the dapil adopts a proposal. What a user may not see is not found
(404, as on the pages); a refused action answers with the service's Indonesian message and
status (400 bad input, 409 wrong status). Only SETWAN, the city koordinator and members
reach these endpoints (`WorksForCouncil`), as only they open the DPRD back-office pages.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.cases.workflow import get_kind
from satupintu.core.api import error, refused, validated
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.dprd import selectors, services, services_aspiration, workflow, workflow_aspiration
from satupintu.dprd.api import ProposalSerializer
from satupintu.dprd.models import Aspiration
from satupintu.org import permissions

TAGS = ["kantor: DPRD"]
NOT_FOUND = error("Tidak ada, atau bukan urusan Anda")


class WorksForCouncil(BasePermission):
    """SETWAN staff, the city koordinator and council members (who hold no unit membership),
    as for the back-office pages; other staff are refused."""

    def has_permission(self, request, view):
        user = request.user
        if not permissions.may_use_back_office(user):
            return False
        return services.is_setwan(user) or selectors.member_for_user(user) is not None


class StatusResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()


def _result(case, kind_key: str) -> dict:
    case.refresh_from_db()
    label = get_kind(kind_key).status_label(case.status)
    return {"code": case.tracking_code, "status": case.status, "status_label": str(label)}


# --- Proposals ----------------------------------------------------------------------------------


class StaffProposalSerializer(ProposalSerializer):
    adopted_by = serializers.CharField(source="adopted_by.slug", allow_null=True, default=None)

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "adopted_by"]


class StaffProposalList(generics.ListAPIView):
    """The proposals the user works on: SETWAN all, a member their dapil's."""

    permission_classes = [WorksForCouncil]
    serializer_class = StaffProposalSerializer

    @extend_schema(tags=TAGS, summary="Usulan pokir yang menjadi urusan Anda")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.staff_proposals(self.request.user).order_by(
            "-planning_year", "-support_count", "-id"
        )


class ProposalActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(workflow.POKIR.transitions))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        validators=[no_markup],
        help_text="Alasan (wajib untuk reject); tampil di riwayat publik usulan",
    )


class ProposalAction(APIView):
    permission_classes = [WorksForCouncil]

    @extend_schema(
        tags=TAGS,
        summary="Ubah status usulan pokir (verifikasi, adopsi, RKPD, tolak dengan alasan…)",
        request=ProposalActionSerializer,
        responses={
            200: StatusResultSerializer,
            400: invalid_input("Isian tidak lengkap atau tidak valid"),
            404: NOT_FOUND,
            409: error("Tidak boleh pada status ini"),
        },
    )
    def post(self, request, code):
        proposal = (
            selectors.staff_proposals(request.user).filter(case__tracking_code=code.upper()).first()
        )
        if proposal is None:
            raise Http404
        data = validated(ProposalActionSerializer, request)
        try:
            services.act(
                user=request.user, proposal=proposal, action=data["action"], note=data["note"]
            )
        except services.ProposalError as exc:
            if exc.status == 404:
                raise Http404 from exc
            return refused(exc)
        return Response(StatusResultSerializer(_result(proposal.case, workflow.KIND)).data)


# --- Aspirations --------------------------------------------------------------------------------


class HearingSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[no_markup])
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200, validators=[no_markup])


class AspirationActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(workflow_aspiration.TRANSITIONS))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        validators=[no_markup],
        help_text="Isi jawaban, balasan atau alasan (wajib untuk reply, answer, archive)",
    )
    target = serializers.ChoiceField(
        choices=Aspiration.Target.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Saat verify: teruskan kepada seluruh DPRD, komisi, atau anggota dapil",
    )
    commission = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        max_length=30,
        help_text="Kode komisi (mis. KOMISI-III) bila target komisi",
    )
    hearing = HearingSerializer(
        required=False, allow_null=True, default=None, help_text="Wajib untuk action hearing"
    )

    def validate(self, attrs):
        if attrs["target"] == Aspiration.Target.COMMISSION and not attrs.get("commission"):
            raise serializers.ValidationError({"commission": _("Pilih komisi yang dituju.")})
        hearing = attrs.get("hearing")
        if attrs["action"] == "hearing" and not hearing:
            raise serializers.ValidationError(
                {"hearing": _("Isi judul, waktu dan tempat rapat dengar pendapat.")}
            )
        if hearing and hearing["ends_at"] <= hearing["starts_at"]:
            raise serializers.ValidationError(
                {"hearing": _("Waktu selesai harus setelah waktu mulai.")}
            )
        return attrs


class AspirationAction(APIView):
    permission_classes = [WorksForCouncil]

    @extend_schema(
        tags=TAGS,
        summary="Tindakan pada aspirasi DPRD (verifikasi dan teruskan, jawab, RDP, arsipkan…)",
        request=AspirationActionSerializer,
        responses={
            200: StatusResultSerializer,
            400: invalid_input("Isian tidak lengkap atau tidak valid"),
            404: NOT_FOUND,
            409: error("Tidak boleh pada status ini"),
        },
    )
    def post(self, request, code):
        aspiration = (
            selectors.staff_aspirations(request.user)
            .filter(case__tracking_code=code.upper())
            .first()
        )
        if aspiration is None:
            raise Http404
        data = validated(AspirationActionSerializer, request)
        commission = None
        if data.get("commission"):
            commission = selectors.commissions().filter(code=data["commission"].upper()).first()
            if commission is None:
                return Response({"detail": _("Komisi tidak ditemukan.")}, status=400)
        hearing = services_aspiration.Hearing(**data["hearing"]) if data["hearing"] else None
        try:
            services_aspiration.act(
                user=request.user,
                aspiration=aspiration,
                action=data["action"],
                note=data["note"],
                target=data["target"],
                commission=commission,
                hearing=hearing,
            )
        except services_aspiration.AspirationError as exc:
            if exc.status == 404:
                raise Http404 from exc
            return refused(exc)
        return Response(
            StatusResultSerializer(_result(aspiration.case, workflow_aspiration.KIND)).data
        )


# --- Public: an aspiration as its tracking page shows it ----------------------------------------


class DecisionSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()


class PublicAspirationSerializer(serializers.Serializer):
    code = serializers.CharField(source="case.tracking_code")
    status = serializers.CharField(source="case.status")
    status_label = serializers.SerializerMethodField()
    addressee = serializers.CharField(source="addressee_label")
    commission = serializers.CharField(source="commission.code", allow_null=True, default=None)
    district = serializers.IntegerField(source="district.number", allow_null=True, default=None)
    submitted_at = serializers.DateTimeField(source="case.created_at")
    hearing = serializers.SerializerMethodField()
    decided_in = serializers.SerializerMethodField()

    def get_status_label(self, aspiration) -> str:
        return str(get_kind(workflow_aspiration.KIND).status_label(aspiration.case.status))

    def get_hearing(self, aspiration) -> int | None:
        """Id of the hearing's published minutes (`/risalah/<id>/`), else null."""
        meeting = aspiration.meeting
        return meeting.pk if meeting is not None and meeting.is_on_public_page else None

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decided_in(self, aspiration):
        from satupintu.dprd.decisions import decided_in

        return DecisionSerializer(decided_in(aspiration.case.tracking_code), many=True).data


class PublicAspiration(APIView):
    """No title, text, reporter or place: only where it went and what became of it."""

    # Session authentication stays on: a logged-in citizen is
    # throttled per account, not with every anonymous caller of the same address.
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Status aspirasi DPRD menurut kode lacak (tanpa data pribadi)",
        responses={200: PublicAspirationSerializer, 404: error("Kode tidak ditemukan")},
    )
    def get(self, request, code):
        code = code.strip().upper()
        aspiration = (
            Aspiration.objects.filter(case__tracking_code=code, case__kind=workflow_aspiration.KIND)
            .select_related("case", "commission", "district", "meeting")
            .first()
        )
        if aspiration is None:
            raise Http404
        return Response(PublicAspirationSerializer(aspiration).data)
