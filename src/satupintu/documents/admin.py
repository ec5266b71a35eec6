"""Trusted CAs and signing identities are uploaded here; issued documents and verification
logs are read-only. Private keys are never part of any admin form or page."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from satupintu.core.admin_mixins import AuditedAdminMixin
from satupintu.documents import pki, services
from satupintu.documents.models import (
    DocumentCA,
    IssuedDocument,
    Signatory,
    SigningIdentity,
    VerificationLog,
)
from satupintu.org.admin_mixins import CityAdminPermissionMixin, UnitScopedAdminMixin
from satupintu.org.models import Membership

MAX_UPLOAD_BYTES = 256 * 1024


class TrustRootForm(forms.ModelForm):
    certificate_file = forms.FileField(
        label=_("Berkas sertifikat CA"),
        help_text=_("Sertifikat root CA (PEM atau DER), mis. Root CA di atas BSrE."),
    )

    class Meta:
        model = DocumentCA
        fields = ["name", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Kosongkan untuk memakai nama umum (CN) sertifikat.")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("certificate_file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Berkas sertifikat terlalu besar."))
        try:
            cert = pki.read_certificate(upload.read())
        except pki.CertificateError as exc:
            raise ValidationError(str(exc)) from exc
        fields = services.ca_fields(cert)
        if DocumentCA.objects.filter(fingerprint_sha256=fields["fingerprint_sha256"]).exists():
            raise ValidationError(_("Sertifikat CA ini sudah terdaftar."))
        for name, value in fields.items():
            setattr(self.instance, name, value)
        if not cleaned.get("name"):
            cleaned["name"] = pki.describe(cert).common_name[:200]
        return cleaned


CERT_DETAILS = ["subject", "serial_number", "fingerprint_sha256", "not_before", "not_after"]


@admin.register(DocumentCA)
class DocumentCAAdmin(AuditedAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["name", "subject", "not_after", "is_demo", "is_active"]
    list_filter = ["is_active", "is_demo"]
    search_fields = ["name", "subject", "fingerprint_sha256"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = TrustRootForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "certificate_file", "is_active"]
        return ["name", "is_active", "is_demo", *CERT_DETAILS, "certificate_pem", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["is_demo", *CERT_DETAILS, "certificate_pem", "created_at"]

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: identities and old documents refer to it.
        return False


class IdentityUploadForm(forms.ModelForm):
    pkcs12_file = forms.FileField(
        label=_("Berkas PKCS#12 (.p12 / .pfx)"),
        help_text=_("Sertifikat dan kunci privat dari BSrE atau CA lain."),
    )
    passphrase = forms.CharField(
        label=_("Kata sandi berkas"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Hanya untuk membuka berkas; tidak disimpan."),
    )

    class Meta:
        model = SigningIdentity
        fields = ["org_unit", "user", "label", "is_active"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12_file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Berkas PKCS#12 terlalu besar."))
        try:
            key, cert, others = pki.read_pkcs12(upload.read(), cleaned.get("passphrase") or "")
        except pki.CertificateError as exc:
            raise ValidationError(str(exc)) from exc
        if cert.not_valid_after_utc < timezone.now():
            raise ValidationError(_("Sertifikat dalam berkas ini sudah kedaluwarsa."))
        unit, user = cleaned.get("org_unit"), cleaned.get("user")
        if (
            unit is not None
            and user is not None
            and not Membership.objects.filter(user=user, org_unit=unit, is_active=True).exists()
        ):
            raise ValidationError(_("Pejabat penanda tangan harus anggota aktif unit tersebut."))
        fields = services.identity_fields(cert, key, others)
        if SigningIdentity.objects.filter(fingerprint_sha256=fields["fingerprint_sha256"]).exists():
            raise ValidationError(_("Sertifikat ini sudah terdaftar."))
        for name, value in fields.items():
            setattr(self.instance, name, value)
        return cleaned


IDENTITY_DETAILS = [
    "subject_name",
    "issuer_name",
    "serial_number",
    "fingerprint_sha256",
    "not_before",
    "not_after",
    "ca",
    "trusted_chain",
    "certificate_pem",
    "chain_pem",
    "created_at",
]


@admin.register(SigningIdentity)
class SigningIdentityAdmin(AuditedAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "org_unit", "user", "not_after", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["subject_name", "label", "org_unit__name", "org_unit__code", "serial_number"]
    autocomplete_fields = ["user"]
    list_select_related = ["org_unit", "user"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = IdentityUploadForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["org_unit", "user", "label", "pkcs12_file", "passphrase", "is_active"]
        return ["org_unit", "user", "label", "is_active", *IDENTITY_DETAILS]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["org_unit", "user", *IDENTITY_DETAILS]

    @admin.display(description=_("berantai ke CA tepercaya"), boolean=True)
    def trusted_chain(self, obj):
        return services.chains_to_trust_root(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not services.chains_to_trust_root(obj):
            messages.warning(
                request,
                _(
                    "Sertifikat ini belum berantai ke CA tepercaya: dokumen yang ditandatangani "
                    "dengannya akan dinyatakan tidak sah sampai root CA-nya ditambahkan."
                ),
            )

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: issued documents refer to it.
        return False


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "kind", "title", "org_unit", "status", "issued_at", "staff_page"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "reference", "token", "title"]
    list_select_related = ["org_unit"]
    date_hierarchy = "created_at"
    fields = [
        "number",
        "kind",
        "title",
        "holder_name",
        "org_unit",
        "signer",
        "reference",
        "valid_until",
        "status",
        "sha256",
        "size",
        "created_at",
        "created_by",
        "issued_at",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "staff_page",
    ]
    readonly_fields = fields

    @admin.display(description=_("halaman kantor"))
    def staff_page(self, obj):
        url = reverse("documents:staff_detail", args=[obj.token])
        return format_html('<a href="{}">{}</a>', url, _("buka"))


@admin.register(VerificationLog)
class VerificationLogAdmin(ReadOnlyAdminMixin, CityAdminPermissionMixin, admin.ModelAdmin):
    list_display = ["created_at", "method", "result", "document", "ip"]
    list_filter = ["method", "result"]
    list_select_related = ["document"]
    date_hierarchy = "created_at"
    fields = ["created_at", "method", "result", "document", "ip"]
    readonly_fields = fields


@admin.register(Signatory)
class SignatoryAdmin(AuditedAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    """Jabatan, name and NIP printed under a unit's documents (no keys: those are identities)."""

    list_display = ["title", "name", "org_unit", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "name", "nip", "org_unit__name", "org_unit__code"]
    list_select_related = ["org_unit"]
