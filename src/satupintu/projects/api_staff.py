"""Staff API of development projects under /api/v1/kantor/proyek/: the OPD's projects,
creating and changing one, a dated progress report with field photos, and the gallery. The
same selectors (a project outside the user's units is 404), forms (every check and Indonesian
message of the staff pages) and services as `views_staff`; a session with TOTP like every
staff API (`IsStaffMember`).

Creates (a project, a progress report) may carry an `Idempotency-Key` header: a retry with the
same key (same user) answers 200 with what the first request made."""

import json

from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.backoffice.api import IsStaffMember
from satupintu.core.api import IDEMPOTENCY_HEADER, error, idempotency_key, validated
from satupintu.core.openapi import invalid_input
from satupintu.org import permissions
from satupintu.org.models import Region
from satupintu.projects import selectors, services
from satupintu.projects.api import (
    GalleryPhotoSerializer,
    ProgressSerializer,
    ProjectDetailSerializer,
)
from satupintu.projects.forms import PROJECT_FIELDS, ProgressForm, ProjectForm
from satupintu.projects.models import ProgressUpdate, Project

TAGS = ["proyek pembangunan"]
# API names of the form's fields where they differ (codes instead of database ids).
RENAMED = {"org_unit": "opd", "region": "region", "geometry_text": "geometry"}


class StaffProjectSerializer(ProjectDetailSerializer):
    # What others publish about a project is the public API's (`related`), not the staff one's.
    related = None

    class Meta(ProjectDetailSerializer.Meta):
        fields = [
            *(f for f in ProjectDetailSerializer.Meta.fields if f != "related"),
            "is_published",
        ]


class ProjectWriteSerializer(serializers.Serializer):
    """A project's fields; on PATCH only those sent. Location: `geometry` (GeoJSON: point,
    line or area) or `latitude` and `longitude`."""

    opd = serializers.CharField(max_length=40, help_text="Kode OPD pelaksana")
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    programme = serializers.CharField(required=False, allow_blank=True, max_length=200)
    activity = serializers.CharField(required=False, allow_blank=True, max_length=200)
    budget_year = serializers.IntegerField()
    budget_ceiling = serializers.DecimalField(max_digits=15, decimal_places=0)
    realisation = serializers.DecimalField(max_digits=15, decimal_places=0, required=False)
    funding_source = serializers.ChoiceField(choices=Project.Funding.choices)
    contractor = serializers.CharField(required=False, allow_blank=True, max_length=200)
    contract_value = serializers.DecimalField(
        max_digits=15, decimal_places=0, required=False, allow_null=True
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    finish_date = serializers.DateField(required=False, allow_null=True)
    region = serializers.CharField(max_length=20, help_text="Kode kelurahan, mis. 64.71.05.1002")
    status = serializers.ChoiceField(choices=Project.Status.choices, required=False)
    is_published = serializers.BooleanField(required=False)
    geometry = serializers.JSONField(required=False, help_text="Geometri GeoJSON (bujur, lintang)")
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)


class ProgressWriteSerializer(serializers.Serializer):
    reported_on = serializers.DateField(help_text="Tanggal laporan (tidak di masa depan)")
    progress = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Foto lapangan (multipart)"
    )
    alt_text = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Wajib bila ada foto"
    )


REFUSED = invalid_input("Isian tidak valid (pesan berbahasa Indonesia per isian)")
NOT_FOUND = error("Tidak ada, atau di luar unit Anda")


def _project_or_404(user, slug) -> Project:
    project = selectors.staff_project(user, slug)
    if project is None:
        raise Http404
    return project


def _answer(project, status=200) -> Response:
    project = Project.objects.select_related("org_unit", "region").get(pk=project.pk)
    return Response(StaffProjectSerializer(project).data, status=status)


def _form_errors(form) -> Response:
    errors = {RENAMED.get(name, name): list(messages) for name, messages in form.errors.items()}
    return Response(errors, status=400)


def _current(project: Project) -> dict:
    """A project's values as the form reads them: what a PATCH leaves alone."""
    data = {name: getattr(project, name) for name in PROJECT_FIELDS}
    data.update(org_unit=project.org_unit_id, region=project.region_id)
    if project.geometry:
        data["geometry_text"] = json.dumps(project.geometry)
    return data


def _form_data(user, sent: dict, base: dict) -> dict | Response:
    """The API body → the staff form's data (OPD and kelurahan by code; unknown → 404/400)."""
    data = dict(base)
    sent = dict(sent)
    if "opd" in sent:
        unit = permissions.visible_units(user).filter(code=sent.pop("opd")).first()
        if unit is None:
            return Response({"detail": _("Unit tidak ditemukan.")}, status=404)
        data["org_unit"] = unit.pk
    if "region" in sent:
        region = Region.objects.filter(level="kelurahan", code=sent.pop("region")).first()
        if region is None:
            return Response({"region": [_("Kelurahan tidak ditemukan.")]}, status=400)
        data["region"] = region.pk
    if "geometry" in sent:
        data["geometry_text"] = json.dumps(sent.pop("geometry"))
    elif "latitude" in sent or "longitude" in sent:
        data.pop("geometry_text", None)  # a point sent replaces the stored place
    for name, value in sent.items():
        data[name] = "" if value is None else value
    return data


def _save(request, project: Project | None, key: str | None = None) -> Response:
    sent = validated(ProjectWriteSerializer, request, partial=project is not None)
    data = _form_data(request.user, sent, _current(project) if project else {})
    if isinstance(data, Response):
        return data
    if project is None:
        data.setdefault("status", Project.Status.PLANNED)
        data.setdefault("realisation", 0)
        data.setdefault("is_published", True)
    form = ProjectForm(data, instance=project, user=request.user)
    if not form.is_valid():
        return _form_errors(form)
    try:
        saved = services.save_project(
            actor=request.user,
            values=form.values(),
            geometry=form.geometry,
            project=project,
            idempotency_key=key,
        )
    except IntegrityError:  # the same key, sent twice at once: the first one won
        return _answer(Project.objects.get(idempotency_key=key))
    return _answer(saved, 201 if project is None else 200)


@extend_schema(tags=TAGS)
class StaffProjectList(generics.ListAPIView):
    """The projects of the user's units."""

    permission_classes = [IsStaffMember]
    serializer_class = StaffProjectSerializer

    def get_queryset(self):
        if not selectors.may_manage_projects(self.request.user):
            raise Http404
        return selectors.staff_projects(self.request.user).prefetch_related("updates__photos")

    @extend_schema(summary="Proyek pembangunan unit saya (juga yang belum terbit)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Catat proyek pembangunan baru",
        request=ProjectWriteSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: StaffProjectSerializer,
            200: StaffProjectSerializer,
            400: REFUSED,
            404: error("Unit tidak ditemukan atau bukan unit Anda"),
        },
    )
    def post(self, request):
        if not selectors.may_manage_projects(request.user):
            raise Http404
        try:
            key = idempotency_key(request, "project")
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=400)
        if key and (done := selectors.staff_projects(request.user).filter(idempotency_key=key)):
            return _answer(done.get())
        return _save(request, None, key)


@extend_schema(tags=TAGS)
class StaffProjectDetail(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Satu proyek unit saya", responses={200: StaffProjectSerializer, 404: NOT_FOUND}
    )
    def get(self, request, slug):
        return _answer(_project_or_404(request.user, slug))

    @extend_schema(
        summary="Ubah proyek (hanya isian yang dikirim)",
        request=ProjectWriteSerializer(partial=True),
        responses={200: StaffProjectSerializer, 400: REFUSED, 404: NOT_FOUND},
    )
    def patch(self, request, slug):
        return _save(request, _project_or_404(request.user, slug))


@extend_schema(tags=TAGS)
class StaffProjectProgress(APIView):
    permission_classes = [IsStaffMember]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="Laporan kemajuan bertanggal (foto lapangan boleh, lewat multipart)",
        request={
            "application/json": ProgressWriteSerializer,
            "multipart/form-data": ProgressWriteSerializer,
        },
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: ProgressSerializer,
            200: ProgressSerializer,
            400: REFUSED,
            404: NOT_FOUND,
        },
    )
    def post(self, request, slug):
        project = _project_or_404(request.user, slug)
        try:
            key = idempotency_key(request, "progress")
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=400)
        if key and (done := ProgressUpdate.objects.filter(project=project, idempotency_key=key)):
            return Response(ProgressSerializer(done.get(), context=self._context()).data)
        if not isinstance(request.data, dict) and not hasattr(request.data, "getlist"):
            return Response(
                {"detail": _("Isi permintaan tidak valid: kirim satu objek JSON.")}, status=400
            )
        form = ProgressForm(request.data, request.FILES or None)
        if not form.is_valid():
            return _form_errors(form)
        data = form.cleaned_data
        try:
            update = services.report_progress(
                actor=request.user,
                project=project,
                reported_on=data["reported_on"],
                progress=data["progress"],
                note=data["note"],
                photos=form.photos_with_alt(),
                idempotency_key=key,
            )
        except IntegrityError:
            done = ProgressUpdate.objects.get(idempotency_key=key)
            return Response(ProgressSerializer(done, context=self._context()).data)
        return Response(ProgressSerializer(update, context=self._context()).data, status=201)

    def _context(self):
        return {"request": self.request}


@extend_schema(tags=TAGS)
class StaffProjectGallery(generics.ListAPIView):
    """A project's field photos, newest report first: also of unpublished projects."""

    permission_classes = [IsStaffMember]
    serializer_class = GalleryPhotoSerializer

    def get_queryset(self):
        return selectors.gallery(_project_or_404(self.request.user, self.kwargs["slug"]))

    @extend_schema(
        summary="Galeri foto lapangan proyek unit saya",
        responses={200: GalleryPhotoSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
