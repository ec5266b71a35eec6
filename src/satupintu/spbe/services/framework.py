"""Loading an evaluation framework file: all of it or nothing, the same file twice changes
nothing, a new version loads next to the old one (years already open keep theirs)."""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.spbe import framework as reader
from satupintu.spbe.models import Aspect, Domain, Framework, Indicator


class FrameworkRefused(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Loaded:
    framework: Framework
    created: bool


def load_framework(text: str, *, actor=None) -> Loaded:
    data, problems = reader.parse(text)
    if problems:
        raise FrameworkRefused(problems)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        existing = (
            Framework.objects.select_for_update()
            .filter(code=data["code"], version=data["version"])
            .first()
        )
        if existing is not None:
            if existing.source_sha256 == digest:
                return Loaded(existing, False)
            raise FrameworkRefused(
                [
                    reader.Problem(
                        0,
                        _(
                            "Kerangka %(code)s versi %(v)d sudah dimuat dengan isi lain: "
                            "naikkan nomor versi untuk memuat perubahan."
                        )
                        % {"code": data["code"], "v": data["version"]},
                    )
                ]
            )
        framework = Framework.objects.create(
            code=data["code"],
            version=data["version"],
            name=data["name"],
            weights_verified=data.get("weights_verified", False),
            note=data.get("note", ""),
            levels=dict(data["levels"]),
            predicates=[{"name": p["name"], "min": p["min"]} for p in data["predicates"]],
            source_sha256=digest,
            loaded_at=timezone.now(),
        )
        for d in data["domains"]:
            domain = Domain.objects.create(
                framework=framework, number=d["number"], name=d["name"], weight=Decimal(d["weight"])
            )
            for a in d["aspects"]:
                aspect = Aspect.objects.create(
                    domain=domain, number=a["number"], name=a["name"], weight=Decimal(a["weight"])
                )
                Indicator.objects.bulk_create(
                    Indicator(
                        aspect=aspect,
                        number=i["number"],
                        name=i["name"],
                        weight=Decimal(i["weight"]),
                        criteria=dict(i.get("criteria") or {}),
                    )
                    for i in a["indicators"]
                )
        audit.record(
            "spbe.framework_load",
            actor=actor,
            obj=framework,
            data={"code": framework.code, "version": framework.version, "sha256": digest},
        )
    return Loaded(framework, True)
