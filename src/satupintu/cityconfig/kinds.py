"""What a city's configuration is made of: one `Part` per file, read straight from the models.

A part names its model, the fields written to the file, the stable key that finds a row again
(codes and slugs, never database ids), the foreign keys written as the target's code (`Ref`),
and the rows that belong to it (`children`, kept inside the parent's entry). The exporter, the
importer and the published JSON Schemas (docs/city-config/schema/) are all derived from this.
"""

from dataclasses import dataclass, field

from django.db import models
from modeltranslation.translator import NotRegistered, translator

from satupintu.cases.models import Category, RoutingRule, SlaTier
from satupintu.catalog.models import LifeEvent, Requirement, Service, WorkflowStep
from satupintu.cityconfig.council import load_council
from satupintu.core.models import Holiday
from satupintu.documents.models import Signatory
from satupintu.dprd.models import Body, Member, Position, SubmissionWindow, Term
from satupintu.letters.models import ClassificationCode, LetterTemplate, UnitLetterSettings
from satupintu.org.models import ElectoralDistrict, OrgUnit, Region
from satupintu.queues.models import ClosedDay, Counter, OpeningHours, QueueService, Site


@dataclass(frozen=True)
class Ref:
    """A foreign key (or many-to-many when `many`) written as the target's `code` field.
    `scoped` looks the target up among the parent row's children (e.g. a counter's services
    among its own site's services)."""

    model: type
    code: str = "code"
    many: bool = False
    scoped: str = ""


@dataclass(frozen=True)
class Part:
    name: str
    model: type
    key: tuple
    fields: tuple = ()
    refs: dict = field(default_factory=dict)
    children: tuple = ()
    parent: str = ""  # the foreign key to the parent row, for a child part
    retire: str = ""  # boolean field set to False when a row is no longer in the files
    filter: dict = field(default_factory=dict)
    order: tuple = ()
    description: str = ""
    # A part with its own writer, `load(loader, part, entries)`, instead of the generic one
    # (the DPRD's structure, written by `dprd.structure` for its CSV tables too).
    load: object = None
    # Models of the part's children that have their own admin pages and get the "from the
    # files" mark there as well.
    marks: tuple = ()

    def translated(self) -> tuple:
        try:
            options = translator.get_options_for_model(self.model)
        except NotRegistered:
            return ()
        return tuple(name for name in self.fields if name in options.fields)

    def columns(self) -> list[str]:
        """The file's keys in order: the key, the fields (with their English twins), refs."""
        names = list(self.key)
        translated = self.translated()
        for name in self.fields:
            if name not in names:
                names.append(name)
            if name in translated:
                names.append(f"{name}_en")
        names += [name for name in self.refs if name not in names]
        return names


REQUIREMENTS = Part(
    "requirements",
    Requirement,
    key=("code",),
    fields=(
        "name",
        "description",
        "is_document",
        "is_required",
        "file_kind",
        "max_size_mb",
        "sort_order",
    ),
    parent="service",
    order=("sort_order", "id"),
)
STEPS = Part(
    "steps",
    WorkflowStep,
    key=("code",),
    fields=("order", "name", "role", "working_days", "is_public", "is_approval"),
    parent="service",
    order=("order",),
)
SERVICE_FIELDS = (
    "name",
    "synonyms",
    "summary",
    "delivery",
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
    "is_published",
    "sort_order",
)
ROUTING = Part(
    "routing_rules",
    RoutingRule,
    key=("region", "org_unit", "priority"),
    refs={"region": Ref(Region), "org_unit": Ref(OrgUnit)},
    parent="category",
    order=("priority", "id"),
)
QUEUE_SERVICES = Part(
    "services",
    QueueService,
    key=("prefix",),
    fields=(
        "name",
        "slot_minutes",
        "slot_capacity",
        "online_quota",
        "walkin_quota",
        "needs_practitioner",
        "is_active",
    ),
    refs={"org_unit": Ref(OrgUnit), "catalog_service": Ref(Service, code="slug")},
    parent="site",
    order=("prefix",),
)
COUNTERS = Part(
    "counters",
    Counter,
    key=("number",),
    fields=("name",),
    refs={
        "org_unit": Ref(OrgUnit),
        "services": Ref(QueueService, code="prefix", many=True, scoped="site"),
    },
    parent="site",
    order=("number",),
)
HOURS = Part(
    "hours",
    OpeningHours,
    key=("weekday", "opens"),
    fields=("closes",),
    parent="site",
    order=("weekday", "opens"),
)
CLOSED_DAYS = Part(
    "closed_days", ClosedDay, key=("date",), fields=("reason",), parent="site", order=("date",)
)

COUNCIL_BODIES = Part(
    "bodies",
    Body,
    key=("code",),
    fields=("name", "kind", "description", "order"),
    parent="term",
    order=("order", "code"),
)
COUNCIL_POSITIONS = Part(
    "positions",
    Position,
    key=("body",),
    fields=("role",),
    refs={"body": Ref(Body)},  # a body of the member's own term (`dprd.structure.check`)
    parent="member",
    order=("body__order", "body__code"),
)
COUNCIL_MEMBERS = Part(
    "members",
    Member,
    key=("slug",),
    fields=("name", "faction", "district", "email", "phone", "photo", "is_active"),
    refs={"faction": Ref(Body, scoped="term"), "district": Ref(ElectoralDistrict, code="number")},
    children=(COUNCIL_POSITIONS,),
    parent="term",
    order=("slug",),
)

# In load order: a part only refers to parts before it (and to the reference data: regions and
# OPDs, loaded by `import_reference_data`).
PARTS = (
    Part(
        "life-events",
        LifeEvent,
        key=("slug",),
        fields=("name", "description", "sort_order"),
        order=("sort_order", "slug"),
        description="Peristiwa hidup pengelompok layanan.",
    ),
    Part(
        "services",
        Service,
        key=("slug",),
        fields=SERVICE_FIELDS,
        refs={"org_unit": Ref(OrgUnit), "life_events": Ref(LifeEvent, code="slug", many=True)},
        children=(REQUIREMENTS, STEPS),
        retire="is_published",
        order=("sort_order", "slug"),
        description="Layanan dengan standar pelayanan, persyaratan, alur, formulir dan templat.",
    ),
    Part(
        "sla-tiers",
        SlaTier,
        key=("code",),
        fields=("name", "working_days", "description"),
        order=("working_days", "code"),
        description="Tingkat batas waktu penanganan (hari kerja).",
    ),
    Part(
        "case-categories",
        Category,
        key=("kind", "code"),
        fields=("name", "description", "is_active", "sort_order"),
        refs={"sla_tier": Ref(SlaTier), "default_org_unit": Ref(OrgUnit)},
        children=(ROUTING,),
        retire="is_active",
        order=("kind", "sort_order", "code"),
        description="Kategori pengaduan (dan kasus lain) dengan aturan penerusannya.",
    ),
    Part(
        "letter-settings",
        UnitLetterSettings,
        key=("org_unit",),
        fields=(
            "number_code",
            "number_template",
            "letterhead_government",
            "letterhead_name",
            "letterhead_address",
            "letterhead_contact",
        ),
        refs={"org_unit": Ref(OrgUnit), "coordinated_units": Ref(OrgUnit, many=True)},
        order=("org_unit__code",),
        description="Kop surat dan templat nomor surat per unit.",
    ),
    Part(
        "signatories",
        Signatory,
        key=("org_unit", "kind"),
        fields=("title", "name", "rank", "nip", "is_active"),
        refs={"org_unit": Ref(OrgUnit)},
        retire="is_active",
        order=("org_unit__code", "kind"),
        description=(
            "Penanda tangan per unit dan jenis dokumen: jabatan, nama, pangkat dan NIP yang "
            "tercetak di blok tanda tangan (sertifikat dan kunci privat tidak pernah di berkas)."
        ),
    ),
    Part(
        "letter-templates",
        LetterTemplate,
        key=("letter_type", "name", "org_unit"),
        fields=("body", "is_active"),
        refs={"org_unit": Ref(OrgUnit)},
        retire="is_active",
        order=("letter_type", "name", "org_unit__code"),
        description="Templat isi surat per jenis naskah (untuk semua unit atau satu unit).",
    ),
    Part(
        "classification",
        ClassificationCode,
        key=("code",),
        fields=("name", "active_years", "inactive_years", "final_disposition", "is_active"),
        retire="is_active",
        order=("code",),
        description="Kode klasifikasi arsip.",
    ),
    Part(
        "holidays",
        Holiday,
        key=("date",),
        fields=("name", "kind"),
        order=("date",),
        description="Libur daerah dan cuti bersama (libur nasional sudah bawaan).",
    ),
    Part(
        "queue-sites",
        Site,
        key=("slug",),
        fields=(
            "name",
            "address",
            "kind",
            "announcement",
            "late_after_minutes",
            "priority_advance_minutes",
            "booking_days",
            "is_active",
        ),
        refs={"org_unit": Ref(OrgUnit)},
        children=(QUEUE_SERVICES, COUNTERS, HOURS, CLOSED_DAYS),
        retire="is_active",
        order=("slug",),
        description="Lokasi antrean dengan layanan, loket, jam buka dan hari tutup.",
    ),
    Part(
        "pokir-windows",
        SubmissionWindow,
        key=("planning_year",),
        fields=("opens_on", "closes_on"),
        order=("planning_year",),
        description="Masa pengajuan E-Pokir DPRD per tahun perencanaan.",
    ),
    Part(
        "dprd",
        Term,
        key=("name",),
        fields=("start_year", "end_year"),
        children=(COUNCIL_BODIES, COUNCIL_MEMBERS),
        order=("start_year", "name"),
        description=(
            "Susunan DPRD per periode: alat kelengkapan (pimpinan, komisi, badan, fraksi), "
            "anggota dengan fraksi, dapil dan jabatannya (akun login anggota tidak di berkas)."
        ),
        load=load_council,
        marks=(Body, Member),
    ),
)

# Extra entries of a service, handled by name (`services.py`): its current published form and
# its result template.
SERVICE_EXTRAS = ("form", "result_template")


def model_field(part: Part, name: str) -> models.Field:
    base = name[:-3] if name.endswith("_en") else name
    return part.model._meta.get_field(base)


# The service catalogue alone (what the demo and the catalogue's tests load).
CATALOGUE = ("life-events", "services")
