"""Public read-only API for regions, electoral districts and org units."""

from django.http import Http404
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from satupintu.org import selectors
from satupintu.org.models import ElectoralDistrict, OrgUnit, Region


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None)

    class Meta:
        model = Region
        fields = ["code", "level", "name", "parent_code"]


class ElectoralDistrictSerializer(serializers.ModelSerializer):
    district_codes = serializers.SlugRelatedField(
        source="districts", many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = ElectoralDistrict
        fields = ["number", "name", "seats", "district_codes"]


class OrgUnitSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None)
    region_code = serializers.CharField(source="region.code", allow_null=True, default=None)

    class Meta:
        model = OrgUnit
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "parent_code",
            "region_code",
            "description",
            "address",
            "phone",
            "email",
            "website",
            "office_hours",
        ]


class OrgUnitDetailSerializer(OrgUnitSerializer):
    units = OrgUnitSerializer(source="children", many=True, read_only=True)

    class Meta(OrgUnitSerializer.Meta):
        fields = [*OrgUnitSerializer.Meta.fields, "units"]


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes: list = []


class RegionList(PublicMixin, generics.ListAPIView):
    serializer_class = RegionSerializer
    queryset = Region.objects.select_related("parent").order_by("code")


class ElectoralDistrictList(PublicMixin, generics.ListAPIView):
    serializer_class = ElectoralDistrictSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.electoral_districts()


class OrgUnitList(PublicMixin, generics.ListAPIView):
    serializer_class = OrgUnitSerializer

    def get_queryset(self):
        return selectors.opd_list().select_related("parent")


class OrgUnitDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = OrgUnitDetailSerializer
    lookup_url_kwarg = "code"

    def get_object(self):
        unit = selectors.opd_by_code(self.kwargs["code"])
        if unit is None:
            raise Http404
        return unit
