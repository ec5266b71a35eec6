"""Public read-only API of city information: published items whose time has come, each with
the published development projects it is about."""

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from satupintu.news import selectors
from satupintu.news.models import Item

TAGS = ["informasi kota"]


class ProjectRefSerializer(serializers.Serializer):
    """A published development project an item is about."""

    slug = serializers.SlugField()
    title = serializers.CharField(source="name")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, project) -> str:
        request = self.context.get("request")
        path = reverse("projects:detail", args=[project.slug])
        return request.build_absolute_uri(path) if request else path


class ItemSerializer(serializers.ModelSerializer):
    opd_code = serializers.CharField(source="org_unit.code", read_only=True)
    opd_name = serializers.CharField(source="org_unit.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()
    # Prefetched by `selectors.with_public_projects`: published projects only, never a draft.
    projects = ProjectRefSerializer(
        source="public_projects",
        many=True,
        read_only=True,
        help_text="Proyek pembangunan terbit yang diberitakan",
    )

    class Meta:
        model = Item
        fields = [
            "slug",
            "kind",
            "kind_label",
            "title",
            "summary",
            "opd_code",
            "opd_name",
            "published_at",
            "starts_at",
            "ends_at",
            "place",
            "url",
            "image",
            "projects",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item) -> str:
        request = self.context.get("request")
        path = f"/berita/{item.slug}/"
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "alt": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "width": {"type": "integer"},
            },
        }
    )
    def get_image(self, item):
        image = getattr(item, "image", None) if hasattr(item, "image") else None
        if image is None or not image.renditions:
            return None
        width = image.widths()[-1]
        path = f"/berita/gambar/{image.pk}/{width}.jpeg"
        request = self.context.get("request")
        return {
            "alt": image.alt_text,
            "url": request.build_absolute_uri(path) if request else path,
            "width": width,
        }


class DetailSerializer(ItemSerializer):
    class Meta(ItemSerializer.Meta):
        fields = [*ItemSerializer.Meta.fields, "body"]


class ItemList(generics.ListAPIView):
    """Published news, announcements and city events, newest first."""

    permission_classes = [AllowAny]
    serializer_class = ItemSerializer

    @extend_schema(
        tags=TAGS,
        summary="Daftar berita, pengumuman dan agenda kota",
        parameters=[
            OpenApiParameter("jenis", str, enum=Item.Kind.values),
            OpenApiParameter("opd", str, description="Kode perangkat daerah"),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        kind = self.request.query_params.get("jenis", "")
        return selectors.with_public_projects(
            selectors.public_items(
                kind if kind in Item.Kind.values else "",
                self.request.query_params.get("opd", "").strip()[:40],
            )
        )


class ItemDetail(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = DetailSerializer

    @extend_schema(tags=TAGS, summary="Satu berita, pengumuman atau agenda (isi HTML bersih)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        item = selectors.public_item(self.kwargs["slug"])
        if item is None:
            raise Http404
        return item
