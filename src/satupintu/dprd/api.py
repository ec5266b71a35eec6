"""Public read-only API of the council: members with fraksi, dapil and positions."""

from django.http import Http404
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from satupintu.dprd import selectors
from satupintu.dprd.models import Body, Member, Position


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
