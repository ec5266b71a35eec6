"""Every write to regions, electoral districts, org units and memberships."""

from dataclasses import dataclass

from django.db import transaction

from satupintu.core import audit
from satupintu.org import importer
from satupintu.org.importer import ReferenceData, read_reference_data
from satupintu.org.models import ElectoralDistrict, Membership, OrgUnit, Region
from satupintu.org.permissions import forget_cached_memberships

ROOT_UNIT_CODE = "PEMKOT"


@dataclass
class ImportSummary:
    regions: int
    districts: int
    org_units: int
    offices: int


def _import_regions(data: ReferenceData) -> dict[str, Region]:
    by_code = {
        r.code: r for r in Region.objects.filter(code__in=[row.code for row in data.regions])
    }
    # Rows are written top-down (shorter codes first) so parents exist before children.
    for row in sorted(data.regions, key=lambda r: r.code.count(".")):
        parent = by_code.get(row.parent_code) or Region.objects.filter(code=row.parent_code).first()
        region = by_code.get(row.code)
        if region is None:
            region = Region(code=row.code)
        if (region.level, region.name, region.parent_id) != (
            row.level,
            row.name,
            parent.pk if parent else None,
        ) or region.pk is None:
            region.level, region.name, region.parent = row.level, row.name, parent
            region.save()
        by_code[row.code] = region
    return by_code


def _upsert_unit(code: str, **values) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit(code=code)
    changed = unit.pk is None
    for name, value in values.items():
        if getattr(unit, name) != value:
            setattr(unit, name, value)
            changed = True
    if changed:
        unit.save()
    return unit


def _import_offices(regions: dict[str, Region], root: OrgUnit) -> int:
    """Every kecamatan and kelurahan office is an org unit tied to its region."""
    count = 0
    district_units: dict[str, OrgUnit] = {}
    for region in sorted(regions.values(), key=lambda r: r.code):
        if region.level == Region.Level.DISTRICT:
            district_units[region.code] = _upsert_unit(
                f"KEC-{region.code}",
                name=f"Kecamatan {region.name}",
                kind=OrgUnit.Kind.DISTRICT,
                parent=root,
                region=region,
            )
            count += 1
    for region in sorted(regions.values(), key=lambda r: r.code):
        if region.level in (Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE):
            parent = district_units.get(region.parent.code) if region.parent else None
            _upsert_unit(
                f"KEL-{region.code}",
                name=f"{region.get_level_display()} {region.name}",
                kind=OrgUnit.Kind.URBAN_VILLAGE,
                parent=parent or root,
                region=region,
            )
            count += 1
    return count


@transaction.atomic
def import_reference_data(directory, *, actor=None) -> ImportSummary:
    """Load a city's wilayah, dapil and OPD files; all or nothing, safe to run again."""
    data = read_reference_data(directory)
    regions = _import_regions(data)
    city = next(r for r in regions.values() if r.level in (Region.Level.CITY, Region.Level.REGENCY))
    government = "Pemerintah Kota" if city.level == Region.Level.CITY else "Pemerintah Kabupaten"
    city_name = city.name.removeprefix("Kota ").removeprefix("Kabupaten ")
    root = _upsert_unit(
        ROOT_UNIT_CODE,
        name=f"{government} {city_name}",
        kind=OrgUnit.Kind.GOVERNMENT,
        parent=None,
        region=city,
    )

    for row in data.districts:
        district, _ = ElectoralDistrict.objects.update_or_create(
            number=row.number, defaults={"name": row.name, "seats": row.seats}
        )
        district.districts.set([regions[code] for code in row.district_codes])

    for row in data.org_units:
        parent = OrgUnit.objects.get(code=row.parent_code) if row.parent_code else root
        values = {
            "name": row.name,
            "short_name": row.code,
            "kind": row.kind,
            "parent": parent,
            "region": regions.get(row.region_code) if row.region_code else None,
        }
        # Contact columns are optional: an empty cell never wipes what the city typed in admin.
        values.update({k: v for k, v in row.extra.items() if v})
        _upsert_unit(row.code, **values)

    offices = _import_offices(regions, root)
    for extra in importer.extra_files():
        if extra.prefix in data.extra:
            extra.write(data.extra[extra.prefix], data)
    summary = ImportSummary(len(data.regions), len(data.districts), len(data.org_units), offices)
    audit.record(
        "org.reference_data_imported",
        actor=actor,
        obj=root,
        data={
            "regions": summary.regions,
            "districts": summary.districts,
            "org_units": summary.org_units,
            "offices": summary.offices,
        },
    )
    return summary


@transaction.atomic
def add_membership(*, actor, user, org_unit: OrgUnit, role: str, title: str = "") -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, org_unit=org_unit, role=role, defaults={"title": title}
    )
    if not created and (not membership.is_active or membership.title != title):
        membership.is_active, membership.title = True, title
        membership.save(update_fields=["is_active", "title"])
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    forget_cached_memberships(user)
    audit.record(
        "org.membership_added",
        actor=actor,
        obj=membership,
        data={"user_id": user.pk, "org_unit": org_unit.code, "role": role},
    )
    return membership


@transaction.atomic
def end_membership(*, actor, membership: Membership) -> Membership:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    forget_cached_memberships(membership.user)
    audit.record(
        "org.membership_ended",
        actor=actor,
        obj=membership,
        data={"user_id": membership.user_id, "org_unit": membership.org_unit.code},
    )
    return membership


@transaction.atomic
def update_org_unit(*, actor, unit: OrgUnit, changes: dict) -> OrgUnit:
    allowed = {
        "name",
        "short_name",
        "description",
        "address",
        "phone",
        "email",
        "website",
        "office_hours",
        "is_active",
    }
    applied = {}
    for name, value in changes.items():
        if name not in allowed:
            raise ValueError(f"field {name} cannot be changed here")
        if getattr(unit, name) != value:
            setattr(unit, name, value)
            applied[name] = value
    if applied:
        unit.save()
        audit.record("org.unit_updated", actor=actor, obj=unit, data={"fields": sorted(applied)})
    return unit


@transaction.atomic
def create_org_unit(*, actor, code: str, name: str, kind: str, parent: OrgUnit, **extra) -> OrgUnit:
    unit = OrgUnit(code=code, name=name, kind=kind, parent=parent, **extra)
    unit.full_clean()
    unit.save()
    audit.record("org.unit_created", actor=actor, obj=unit, data={"parent": parent.code})
    return unit
