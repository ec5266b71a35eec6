from satupintu.cases.models import Category, RoutingRule


def route_for(category: Category | None, region) -> "object | None":
    """The org unit for a category in a kelurahan: kelurahan rule, then kecamatan, then city."""
    if category is None:
        return None
    rules = list(
        RoutingRule.objects.filter(category=category)
        .select_related("org_unit", "region")
        .order_by("priority", "pk")
    )
    candidates = []
    if region is not None:
        candidates.append(region.pk)
        if region.parent_id:
            candidates.append(region.parent_id)
    for wanted in [*candidates, None]:
        for rule in rules:
            if rule.region_id == wanted and rule.org_unit.is_active:
                return rule.org_unit
    default = category.default_org_unit
    return default if default is not None and default.is_active else None
