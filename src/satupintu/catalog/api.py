"""Public read-only API of the service catalogue."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from satupintu.catalog import selectors
from satupintu.catalog.models import (
    FormSchemaVersion,
    LifeEvent,
    Requirement,
    Service,
    WorkflowStep,
)


class LifeEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = LifeEvent
        fields = ["slug", "name"]


class ServiceSerializer(serializers.ModelSerializer):
    opd_code = serializers.CharField(source="org_unit.code", read_only=True)
    opd_name = serializers.CharField(source="org_unit.name", read_only=True)
    life_events = LifeEventSerializer(many=True, read_only=True)
    is_online = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()
    apply_url = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "slug",
            "name",
            "summary",
            "synonyms",
            "opd_code",
            "opd_name",
            "life_events",
            "delivery",
            "is_online",
            "processing_days",
            "fee_amount",
            "fee_note",
            "url",
            "apply_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, service) -> str:
        request = self.context.get("request")
        path = f"/layanan/{service.slug}/"
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_apply_url(self, service):
        if not service.is_online:
            return None
        request = self.context.get("request")
        path = selectors.apply_url(service)
        return request.build_absolute_uri(path) if request else path


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = [
            "code",
            "name",
            "description",
            "is_document",
            "is_required",
            "file_kind",
            "max_size_mb",
        ]


class WorkflowStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkflowStep
        fields = ["order", "code", "name", "role", "working_days", "is_approval"]


class FormVersionSerializer(serializers.ModelSerializer):
    schema = serializers.JSONField(read_only=True)
    ui = serializers.JSONField(read_only=True)

    class Meta:
        model = FormSchemaVersion
        fields = ["version", "published_at", "schema", "ui"]


class ServiceDetailSerializer(ServiceSerializer):
    requirements = RequirementSerializer(many=True, read_only=True)
    steps = WorkflowStepSerializer(many=True, read_only=True)
    form = serializers.SerializerMethodField()

    class Meta(ServiceSerializer.Meta):
        fields = [
            *ServiceSerializer.Meta.fields,
            "requirements_note",
            "procedure",
            "product",
            "complaint_handling",
            "requirements",
            "steps",
            "form",
        ]

    @extend_schema_field(FormVersionSerializer(allow_null=True))
    def get_form(self, service):
        version = selectors.current_form_version(service)
        return FormVersionSerializer(version).data if version else None


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes: list = []


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Kata kunci (toleran salah ketik)."),
        OpenApiParameter("opd", str, description="Kode perangkat daerah, mis. DISDUKCAPIL."),
        OpenApiParameter("peristiwa", str, description="Kode peristiwa hidup, mis. kelahiran."),
    ]
)
class ServiceList(PublicMixin, generics.ListAPIView):
    """Published services, best match first when `q` is given."""

    serializer_class = ServiceSerializer

    def get_queryset(self):
        params = self.request.query_params
        query = params.get("q", "").strip()[:100]
        opd = params.get("opd", "").strip()[:40]
        life_event = params.get("peristiwa", "").strip()[:40]
        if query:
            return selectors.search_services(query, opd=opd, life_event=life_event).services
        return selectors.filter_services(
            selectors.published_services(), opd=opd, life_event=life_event
        ).distinct()


class ServiceDetail(PublicMixin, generics.RetrieveAPIView):
    """One published service with its requirements, workflow and current form."""

    serializer_class = ServiceDetailSerializer
    lookup_url_kwarg = "slug"

    def get_object(self):
        service = selectors.service_detail(self.kwargs["slug"])
        if service is None:
            raise Http404
        return service
