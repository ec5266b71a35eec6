"""The catalogue in the admin: an OPD admin manages its own services (in Indonesian and
English, docs/translation.md); form versions are checked, previewed, published (then frozen)
and copied into new drafts."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from satupintu.catalog import selectors, services
from satupintu.catalog.models import (
    FormSchemaVersion,
    LifeEvent,
    Requirement,
    ResultTemplate,
    Service,
    WorkflowStep,
)
from satupintu.catalog.placeholders import check_number_format, check_result_body, result_help
from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.org.admin_mixins import CityAdminPermissionMixin, UnitScopedAdminMixin
from satupintu.org.permissions import is_admin, scope_to_units, visible_units

ADMIN_ROLES = ["admin"]


def scoped_services(user):
    return scope_to_units(user, Service.objects.all(), "org_unit", roles=ADMIN_ROLES)


@admin.register(LifeEvent)
class LifeEventAdmin(AuditedAdminMixin, CityAdminPermissionMixin, TranslationAdmin):
    list_display = ["name", "slug", "sort_order"]
    prepopulated_fields = {"slug": ["name"]}


class ServicePartInline:
    """Inlines of a service: allowed to whoever may change the service (OPD admin)."""

    def has_view_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_admin(request.user)


class RequirementInline(ServicePartInline, TranslationTabularInline):
    model = Requirement
    extra = 0
    fields = [
        "sort_order",
        "code",
        "name",
        "description",
        "is_document",
        "is_required",
        "file_kind",
        "max_size_mb",
    ]


class WorkflowStepInline(ServicePartInline, TranslationTabularInline):
    model = WorkflowStep
    extra = 0
    fields = ["order", "code", "name", "role", "working_days", "is_public", "is_approval"]


class ResultTemplateForm(forms.ModelForm):
    """The body may use only the placeholders of its service (listed under the field)."""

    class Meta:
        model = ResultTemplate
        fields = ["title", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = result_help(self._service())

    def _service(self):
        return getattr(self.instance, "service", None) if self.instance.service_id else None

    def clean_body(self):
        body = self.cleaned_data["body"]
        service = getattr(self.instance, "service", None)
        check_result_body(body, service if service is not None and service.pk else None)
        return body


class ResultTemplateInline(ServicePartInline, admin.StackedInline):
    model = ResultTemplate
    form = ResultTemplateForm
    extra = 0
    max_num = 1


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "slug",
            "org_unit",
            "synonyms",
            "summary",
            "life_events",
            "delivery",
            "is_published",
            "sort_order",
            "requirements_note",
            "procedure",
            "processing_days",
            "fee_amount",
            "fee_note",
            "product",
            "complaint_handling",
            "legal_basis",
            "facilities",
            "staff_competence",
            "internal_supervision",
            "issues_document",
            "number_format",
            "number_code",
            "validity_days",
        ]

    def clean(self):
        cleaned = super().clean()
        template = cleaned.get("number_format")
        if template:
            try:
                check_number_format(template)
            except ValidationError as error:
                self.add_error("number_format", error)
        return cleaned


@admin.register(Service)
class ServiceAdmin(AuditedAdminMixin, UnitScopedAdminMixin, TranslationAdmin):
    # TranslationAdmin shows each translatable field once per language ("[ind]", "[en]"):
    # the OPD writes the English text beside the Indonesian one; Indonesian is required.
    form = ServiceForm
    list_display = ["name", "org_unit", "delivery", "processing_days", "fee_amount", "is_published"]
    list_filter = ["is_published", "delivery", "life_events"]
    search_fields = ["name", "synonyms", "slug", "org_unit__name", "org_unit__code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["life_events"]
    readonly_fields = ["form_versions_links"]
    inlines = [RequirementInline, WorkflowStepInline, ResultTemplateInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "org_unit",
                    "synonyms",
                    "summary",
                    "life_events",
                    "delivery",
                    "is_published",
                    "sort_order",
                ]
            },
        ),
        (
            _("Standar pelayanan (dipublikasikan)"),
            {
                "fields": [
                    "requirements_note",
                    "procedure",
                    "processing_days",
                    "fee_amount",
                    "fee_note",
                    "product",
                    "complaint_handling",
                ]
            },
        ),
        (
            _("Standar pelayanan (internal)"),
            {
                "fields": [
                    "legal_basis",
                    "facilities",
                    "staff_competence",
                    "internal_supervision",
                ],
                "classes": ["collapse"],
            },
        ),
        (
            _("Dokumen hasil"),
            {"fields": ["issues_document", "number_format", "number_code", "validity_days"]},
        ),
        (_("Formulir"), {"fields": ["form_versions_links"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org_unit")

    @admin.display(description=_("Versi formulir"))
    def form_versions_links(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        items = [
            format_html(
                '<li><a href="{}">v{}</a> ({}) · <a href="{}">{}</a></li>',
                reverse("admin:catalog_formschemaversion_change", args=[v.pk]),
                v.version,
                _("terbit") if v.is_published else _("draf"),
                reverse("admin:catalog_formschemaversion_preview", args=[v.pk]),
                _("pratinjau"),
            )
            for v in obj.form_versions.order_by("-version")
        ]
        add = format_html(
            '<a href="{}?service={}">{}</a>',
            reverse("admin:catalog_formschemaversion_add"),
            obj.pk,
            _("Tambah versi formulir"),
        )
        return format_html("<ul>{}</ul>{}", format_html_join("", "{}", ((i,) for i in items)), add)


class PrettyJSONWidget(forms.Textarea):
    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return json.dumps(value, indent=2, ensure_ascii=False)


class FormSchemaVersionForm(forms.ModelForm):
    class Meta:
        model = FormSchemaVersion
        fields = ["service", "schema", "ui"]
        widgets = {
            "schema": PrettyJSONWidget(attrs={"rows": 24, "cols": 90, "class": "vLargeTextField"}),
            "ui": PrettyJSONWidget(attrs={"rows": 16, "cols": 90, "class": "vLargeTextField"}),
        }

    def clean(self):
        cleaned = super().clean()
        if "schema" in cleaned and "ui" in cleaned:
            try:
                services.validate_form_definition(cleaned["schema"], cleaned["ui"] or {})
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return cleaned


@admin.register(FormSchemaVersion)
class FormSchemaVersionAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    form = FormSchemaVersionForm
    unit_field = "service__org_unit"
    list_display = ["service", "version", "status", "published_at", "preview_link"]
    list_filter = ["published_at"]
    search_fields = ["service__name", "service__slug"]
    actions = ["publish", "new_version"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("service", "service__org_unit")

    def _owns(self, request, obj) -> bool:
        unit = obj.service.org_unit
        return visible_units(request.user, roles=ADMIN_ROLES).filter(pk=unit.pk).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "service":
            kwargs["queryset"] = scoped_services(request.user).select_related("org_unit")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # Published versions are frozen: their page is read-only.
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["service", "version", "published_at"] if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["service", "schema", "ui"]
        return ["service", "version", "published_at", "schema", "ui"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("schema", {"type": "object", "properties": {}, "required": []})
        initial.setdefault("ui", {"steps": [], "fields": {}})
        return initial

    @admin.display(description=_("status"))
    def status(self, obj):
        return _("terbit") if obj.is_published else _("draf")

    @admin.display(description=_("pratinjau"))
    def preview_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:catalog_formschemaversion_preview", args=[obj.pk]),
            _("Pratinjau"),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.update_draft(
                actor=request.user, version=obj, schema=data["schema"], ui=data["ui"] or {}
            )
        else:
            saved = services.create_draft(
                actor=request.user, service=data["service"], schema=data["schema"], ui=data["ui"]
            )
        obj.pk, obj.version = saved.pk, saved.version
        obj._state.adding = False

    def delete_model(self, request, obj):
        from django.db import transaction

        from satupintu.core import audit

        with transaction.atomic():
            audit.record("admin.delete", actor=request.user, obj=obj)
            super().delete_model(request, obj)

    @admin.action(description=_("Terbitkan versi terpilih"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.publish_version(actor=request.user, version=version)
            except ValidationError as exc:
                self.message_user(
                    request, f"{version}: {' '.join(exc.messages)}", level=messages.ERROR
                )
            else:
                self.message_user(
                    request, _("%(v)s diterbitkan.") % {"v": version}, level=messages.SUCCESS
                )

    @admin.action(description=_("Buat versi baru dari versi terpilih"))
    def new_version(self, request, queryset):
        for version in queryset:
            draft = services.new_version_from(actor=request.user, version=version)
            self.message_user(
                request,
                _("Draf %(new)s dibuat dari v%(old)s.") % {"new": draft, "old": version.version},
                level=messages.SUCCESS,
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/pratinjau/",
                self.admin_site.admin_view(self.preview_view),
                name="catalog_formschemaversion_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        version = get_object_or_404(self.get_queryset(request).select_related("service"), pk=pk)
        if not self.has_view_permission(request, version):
            from django.http import Http404

            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Pratinjau formulir: %(v)s") % {"v": version},
            "version": version,
            "steps": selectors.form_steps(version),
            "requirements": list(version.service.requirements.all()),
        }
        return TemplateResponse(request, "admin/catalog/formschemaversion/preview.html", context)
