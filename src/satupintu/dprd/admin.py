from django.contrib import admin

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.dprd.models import (
    Body,
    Member,
    Position,
    Recess,
    SittingPeriod,
    SubmissionWindow,
    Term,
)
from satupintu.org.admin_mixins import CityAdminPermissionMixin


class PositionInline(CityAdminPermissionMixin, admin.TabularInline):
    model = Position
    extra = 0


# The council's structure is city configuration (dprd.yaml, the dprd-*.csv tables): city admins
# edit it, and every save is an audit event like any other configuration's.
@admin.register(Term)
class TermAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year"]


@admin.register(Body)
class BodyAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "term"]
    list_filter = ["term", "kind"]


@admin.register(Member)
class MemberAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "faction", "district", "term", "is_active"]
    list_filter = ["term", "faction", "district"]
    search_fields = ["name"]
    raw_id_fields = ["user"]
    inlines = [PositionInline]


@admin.register(SubmissionWindow)
class SubmissionWindowAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    """E-Pokir submission windows per planning year (city configuration: pokir-windows.yaml)."""

    list_display = ["planning_year", "opens_on", "closes_on"]


# E-Reses: masa sidang are data (three a year per term); reses are read here, written on the
# staff pages through reses_services.


@admin.register(SittingPeriod)
class SittingPeriodAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["term", "year", "number", "starts_on", "ends_on"]
    list_filter = ["term", "year"]


@admin.register(Recess)
class RecessAdmin(admin.ModelAdmin):
    list_display = ["member", "period", "held_on", "kelurahan", "status", "attendance"]
    list_filter = ["status", "period"]
    search_fields = ["member__name", "place"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
