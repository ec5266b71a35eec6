from django.contrib import admin

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.dprd.models import Body, Member, Position, SubmissionWindow, Term
from satupintu.org.admin_mixins import CityAdminPermissionMixin


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "term"]
    list_filter = ["term", "kind"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "faction", "district", "term", "is_active"]
    list_filter = ["term", "faction", "district"]
    search_fields = ["name"]
    raw_id_fields = ["user"]
    inlines = [PositionInline]


@admin.register(SubmissionWindow)
class SubmissionWindowAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    """E-Pokir submission windows per planning year (city configuration: pokir-windows.yaml)."""

    list_display = ["planning_year", "opens_on", "closes_on"]
