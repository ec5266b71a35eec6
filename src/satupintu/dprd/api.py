"""Public read-only API of the council: members with fraksi, dapil and positions."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from satupintu.dprd import selectors
from satupintu.dprd.models import Body, Member, Position, Proposal


class CouncilPositionSerializer(serializers.ModelSerializer):
    body_code = serializers.CharField(source="body.code")
    body_name = serializers.CharField(source="body.name")

    class Meta:
        model = Position
        fields = ["body_code", "body_name", "role"]


class CouncilMemberSerializer(serializers.ModelSerializer):
    term = serializers.CharField(source="term.name")
    faction = serializers.CharField(source="faction.code")
    district = serializers.IntegerField(source="district.number")
    positions = CouncilPositionSerializer(many=True, read_only=True)

    class Meta:
        model = Member
        fields = ["slug", "name", "term", "faction", "district", "email", "phone", "positions"]


class CouncilBodySerializer(serializers.ModelSerializer):
    term = serializers.CharField(source="term.name")

    class Meta:
        model = Body
        fields = ["code", "name", "kind", "description", "term"]


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes: list = []
    pagination_class = None


class MemberList(PublicMixin, generics.ListAPIView):
    serializer_class = CouncilMemberSerializer

    def get_queryset(self):
        return (
            selectors.active_members(selectors.current_term())
            .select_related("term")
            .prefetch_related("positions__body")
        )


class MemberDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = CouncilMemberSerializer

    def get_object(self):
        member = selectors.member_by_slug(self.kwargs["slug"])
        if member is None:
            raise Http404
        return member


class BodyList(PublicMixin, generics.ListAPIView):
    serializer_class = CouncilBodySerializer

    def get_queryset(self):
        return Body.objects.filter(term=selectors.current_term()).select_related("term")


class ProposalSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="case.tracking_code")
    title = serializers.CharField(source="case.title")
    status = serializers.CharField(source="case.status")
    district = serializers.IntegerField(source="district.number")
    kelurahan = serializers.CharField(source="case.region.code", allow_null=True, default=None)

    class Meta:
        model = Proposal
        fields = [
            "code",
            "title",
            "status",
            "district",
            "kelurahan",
            "planning_year",
            "source",
            "work_type",
            "affair",
            "volume",
            "volume_unit",
            "support_count",
        ]


@extend_schema(
    parameters=[
        OpenApiParameter("dapil", int, description="nomor dapil"),
        OpenApiParameter("tahun", int, description="tahun perencanaan"),
    ]
)
class ProposalList(generics.ListAPIView):
    """E-Pokir proposals as the public sees them (never who proposed or supported)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = ProposalSerializer

    def get_queryset(self):
        proposals = Proposal.objects.select_related("case", "case__region", "district").order_by(
            "-planning_year", "-support_count", "-id"
        )
        for param, lookup in (("dapil", "district__number"), ("tahun", "planning_year")):
            value = self.request.query_params.get(param, "")
            if value.isascii() and value.isdigit() and len(value) < 6:
                proposals = proposals.filter(**{lookup: int(value)})
        return proposals
