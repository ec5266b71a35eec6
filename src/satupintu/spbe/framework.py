"""Reading an SPBE evaluation framework file (YAML or JSON): checked against
data/spbe/framework.schema.json and for consistency (numbering, weights that add up,
predicates from high to low). Every problem comes back with the file's line number."""

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jsonschema
import yaml
from django.conf import settings
from django.utils.translation import gettext as _

SCHEMA_PATH = Path(settings.BASE_DIR) / "data" / "spbe" / "framework.schema.json"
BUNDLED = Path(settings.BASE_DIR) / "data" / "spbe" / "permenpanrb-59-2020.yaml"
WEIGHT_TOLERANCE = Decimal("0.0001")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self):
        return f"{self.line}: {self.message}" if self.line else self.message


class _LineDict(dict):
    line = 0


class _LineList(list):
    line = 0


class _Loader(yaml.SafeLoader):
    """Safe YAML that remembers where each mapping and list starts; keys become strings
    (the level keys 1–5 are written as numbers)."""

    def construct_mapping(self, node, deep=False):
        mapping = _LineDict(
            (str(k), v) for k, v in super().construct_mapping(node, deep=True).items()
        )
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        items = _LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        return items


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_sequence)


def _line_of(data, path) -> int:
    """The line of the deepest mapping or list on `path` inside `data`."""
    line = getattr(data, "line", 0)
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def parse(text: str) -> tuple[dict | None, list[Problem]]:
    """The framework as plain data, or the problems (nothing half-read)."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return None, [Problem(line, _("Berkas bukan YAML/JSON yang sah: %(e)s") % {"e": exc})]
    if not isinstance(data, dict):
        return None, [Problem(1, _("Isi berkas harus berupa objek (pemetaan)."))]
    validator = jsonschema.Draft202012Validator(_schema())
    problems = [
        Problem(
            _line_of(data, error.absolute_path),
            f"{'/'.join(str(p) for p in error.absolute_path) or '(akar)'}: {error.message}",
        )
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    problems = _check_consistency(data)
    return (None if problems else data), problems


def _sum(items) -> Decimal:
    return sum((Decimal(i["weight"]) for i in items), Decimal(0))


def _check_numbers(items, what, problems, seen):
    for item in items:
        if item["number"] in seen:
            problems.append(
                Problem(
                    item.line,
                    _("Nomor %(what)s %(n)d dipakai dua kali.")
                    % {"what": what, "n": item["number"]},
                )
            )
        seen.add(item["number"])


def _check_consistency(data) -> list[Problem]:
    problems: list[Problem] = []
    domain_numbers, aspect_numbers, indicator_numbers = set(), set(), set()
    _check_numbers(data["domains"], _("domain"), problems, domain_numbers)
    for domain in data["domains"]:
        _check_numbers(domain["aspects"], _("aspek"), problems, aspect_numbers)
        if abs(_sum(domain["aspects"]) - Decimal(domain["weight"])) > WEIGHT_TOLERANCE:
            problems.append(
                Problem(
                    domain.line,
                    _("Bobot domain %(n)d (%(w)s) tidak sama dengan jumlah bobot aspeknya (%(s)s).")
                    % {"n": domain["number"], "w": domain["weight"], "s": _sum(domain["aspects"])},
                )
            )
        for aspect in domain["aspects"]:
            _check_numbers(aspect["indicators"], _("indikator"), problems, indicator_numbers)
            if abs(_sum(aspect["indicators"]) - Decimal(aspect["weight"])) > WEIGHT_TOLERANCE:
                problems.append(
                    Problem(
                        aspect.line,
                        _(
                            "Bobot aspek %(n)d (%(w)s) tidak sama dengan jumlah bobot "
                            "indikatornya (%(s)s)."
                        )
                        % {
                            "n": aspect["number"],
                            "w": aspect["weight"],
                            "s": _sum(aspect["indicators"]),
                        },
                    )
                )
            for indicator in aspect["indicators"]:
                if Decimal(indicator["weight"]) <= 0:
                    problems.append(
                        Problem(indicator.line, _("Bobot indikator harus lebih dari 0."))
                    )
    total = _sum(data["domains"])
    if abs(total - Decimal(100)) > WEIGHT_TOLERANCE:
        problems.append(
            Problem(
                data["domains"].line,
                _("Jumlah bobot domain harus 100, tertulis %(s)s.") % {"s": total},
            )
        )
    minimums = [Decimal(p["min"]) for p in data["predicates"]]
    if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
        problems.append(
            Problem(data["predicates"].line, _("Predikat harus urut dari batas tertinggi."))
        )
    elif minimums[-1] != 0:
        problems.append(
            Problem(data["predicates"].line, _("Predikat terakhir harus berbatas bawah 0."))
        )
    return sorted(problems, key=lambda p: p.line)
