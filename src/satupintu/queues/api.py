"""Queue API under /api/v1/antrean/: public sites with their services and the free places of
the next days; daily figures for the staff of the site's OPD (404 for others, as the pages)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.backoffice.api import IsStaffMember
from satupintu.org import permissions
from satupintu.queues import calendar, selectors
from satupintu.queues.models import Practitioner, QueueService, Site
from satupintu.queues.params import small_int


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = QueueService
        fields = ["id", "prefix", "name", "slot_minutes", "needs_practitioner"]


class SiteSerializer(serializers.ModelSerializer):
    opd_code = serializers.CharField(source="org_unit.code", read_only=True)
    services = serializers.SerializerMethodField()

    class Meta:
        model = Site
        fields = ["slug", "name", "kind", "address", "opd_code", "services"]

    def get_services(self, site) -> list[dict]:
        return ServiceSerializer(site.services.filter(is_active=True), many=True).data


class SiteList(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = SiteSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.public_sites().prefetch_related("services")


class SlotSerializer(serializers.Serializer):
    starts = serializers.TimeField()
    free = serializers.IntegerField()


class DaySerializer(serializers.Serializer):
    day = serializers.DateField()
    open = serializers.BooleanField()
    free = serializers.IntegerField()
    slots = SlotSerializer(many=True)


class Availability(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("dokter", int, description="the doctor (polyclinics)"),
        ],
        responses=DaySerializer(many=True),
    )
    def get(self, request, slug, pk):
        service = get_object_or_404(
            QueueService, site__slug=slug, site__is_active=True, pk=pk, is_active=True
        )
        practitioner = None
        if service.needs_practitioner:
            practitioner = Practitioner.objects.filter(
                site=service.site,
                pk=small_int(request.query_params.get("dokter")) or 0,
                is_active=True,
            ).first()
            if practitioner is None:
                raise Http404
        days = calendar.bookable_days(service, practitioner)
        return Response(DaySerializer(days, many=True).data)


class FigureSerializer(serializers.Serializer):
    day = serializers.DateField()
    service = serializers.CharField()
    booked = serializers.IntegerField()
    walk_in = serializers.IntegerField()
    served = serializers.IntegerField()
    no_show = serializers.IntegerField()
    wait_avg = serializers.FloatField(allow_null=True)
    wait_p90 = serializers.FloatField(allow_null=True)
    service_avg = serializers.FloatField(allow_null=True)
    service_p90 = serializers.FloatField(allow_null=True)


class Figures(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(responses=FigureSerializer(many=True))
    def get(self, request, slug):
        site = selectors.staff_sites(request.user).filter(slug=slug).first()
        if site is None or not permissions.may_see_queue_figures(request.user, site):
            raise Http404
        start, end = selectors.default_period()
        rows = selectors.daily_figures(site, start, end)
        return Response(FigureSerializer(rows, many=True).data)
