"""Public read API of development projects under /api/v1/proyek/ (published projects only)."""

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from satupintu.core.images import FORMATS
from satupintu.geo.geometry import GeometryError, parse_bbox
from satupintu.projects import related, selectors
from satupintu.projects.models import ProgressPhoto, ProgressUpdate, Project


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    webp = serializers.CharField(help_text="URL of the WebP rendition")
    jpeg = serializers.CharField(help_text="URL of the JPEG rendition")


class PhotoSerializer(serializers.ModelSerializer):
    """A field photo: its alt text, size, and URLs of the original (re-encoded, without
    metadata) and of each rendition, smallest first."""

    url = serializers.SerializerMethodField()
    renditions = serializers.SerializerMethodField()

    class Meta:
        model = ProgressPhoto
        fields = ["id", "alt_text", "width", "height", "url", "renditions"]

    def _url(self, name, *args) -> str:
        path = reverse(f"projects:{name}", args=args)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, photo) -> str:
        return self._url("photo", photo.update.project.slug, photo.pk)

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, photo) -> list[dict]:
        slug = photo.update.project.slug
        return [
            {"width": width}
            | {fmt: self._url("photo_rendition", slug, photo.pk, width, fmt) for fmt in FORMATS}
            for width in photo.widths()
        ]


class ProgressSerializer(serializers.ModelSerializer):
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "progress", "note", "photos"]


class GalleryPhotoSerializer(PhotoSerializer):
    """A photo of a project's gallery, with the dated report it belongs to."""

    reported_on = serializers.DateField(source="update.reported_on")
    progress = serializers.IntegerField(source="update.progress")

    class Meta(PhotoSerializer.Meta):
        fields = ["reported_on", "progress", *PhotoSerializer.Meta.fields]


class RelatedEntrySerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    when = serializers.DateTimeField(allow_null=True, help_text="e.g. the news item's publication")

    def get_url(self, entry) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(entry.url) if request else entry.url


class RelatedSectionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text='"berita": the published news items about the project')
    heading = serializers.CharField()
    entries = RelatedEntrySerializer(many=True, help_text="newest first")


class ProjectSerializer(serializers.ModelSerializer):
    opd_code = serializers.CharField(source="org_unit.code")
    opd_name = serializers.CharField(source="org_unit.name")
    region_code = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    geometry = serializers.JSONField(help_text="GeoJSON geometry (longitude, latitude)")
    bbox = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField(
        help_text="What is published about the project elsewhere (public only), by section"
    )

    class Meta:
        model = Project
        fields = [
            "slug",
            "name",
            "description",
            "opd_code",
            "opd_name",
            "programme",
            "activity",
            "budget_year",
            "budget_ceiling",
            "realisation",
            "funding_source",
            "contractor",
            "contract_value",
            "start_date",
            "finish_date",
            "region_code",
            "region_name",
            "status",
            "progress",
            "geometry",
            "bbox",
            "related",
        ]

    @extend_schema_field(RelatedSectionSerializer(many=True))
    def get_related(self, project) -> list[dict]:
        # A list view reads a page's sections at once (`ProjectList`); one project reads its own.
        by_pk = self.context.get("related")
        found = by_pk.get(project.pk, []) if by_pk is not None else related.sections(project)
        return RelatedSectionSerializer(found, many=True, context=self.context).data

    def get_bbox(self, project) -> list[float] | None:
        if project.west is None:
            return None
        return [project.west, project.south, project.east, project.north]


class ProjectDetailSerializer(ProjectSerializer):
    updates = ProgressSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = ProjectSerializer.Meta.fields + ["updates"]


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes: list = []


@extend_schema(
    parameters=[
        OpenApiParameter("opd", str, description="OPD code, e.g. DPU"),
        OpenApiParameter("wilayah", str, description="kelurahan or kecamatan code"),
        OpenApiParameter("tahun", int, description="budget year"),
        OpenApiParameter("bbox", str, description="west,south,east,north in degrees"),
    ]
)
class ProjectList(PublicMixin, generics.ListAPIView):
    serializer_class = ProjectSerializer
    related_sections: dict | None = None

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.related_sections = related.sections_of_many(page if page is not None else queryset)
        return page

    def get_serializer_context(self):
        return super().get_serializer_context() | {"related": self.related_sections}

    def get_queryset(self):
        params = self.request.query_params
        try:
            bbox = parse_bbox(params.get("bbox"))
        except GeometryError as exc:
            raise ValidationError({"bbox": exc.messages}) from exc
        try:
            year = int(params["tahun"]) if params.get("tahun") else None
        except ValueError as exc:
            raise ValidationError({"tahun": ["Tahun harus berupa angka."]}) from exc
        return selectors.filter_projects(
            selectors.public_projects(),
            opd=params.get("opd", "")[:20],
            region=params.get("wilayah", "")[:13],
            year=year,
            bbox=bbox,
        ).order_by("-budget_year", "name", "pk")


class ProjectDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = ProjectDetailSerializer

    def get_object(self):
        project = selectors.public_project(self.kwargs["slug"])
        if project is None:
            raise Http404
        return project


@extend_schema(summary="Galeri foto lapangan proyek terbit, laporan terbaru dahulu")
class ProjectGallery(PublicMixin, generics.ListAPIView):
    serializer_class = GalleryPhotoSerializer

    def get_queryset(self):
        project = selectors.public_project(self.kwargs["slug"])
        if project is None:
            raise Http404
        return selectors.gallery(project)
