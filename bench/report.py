"""Tables for the terminal, budget checks and the JSON results file."""

import json
from pathlib import Path

from load import LoadResult
from pages import BARE, THIRD_PARTY_BUDGET, WEIGHT_BUDGET_BYTES, Page
from weight import PageWeight

# Bare req/s measured first and last may differ by this much before the run is called noisy.
DRIFT_WARNING = 0.15


def bare_results(results: dict[Page, LoadResult]) -> list[LoadResult]:
    return [result for page, result in results.items() if page.path == BARE.path]


def reference_rps(results: dict[Page, LoadResult]) -> float:
    """The bare view's req/s: the mean of its measurements at the start and end of the run."""
    bares = bare_results(results)
    return sum(r.requests_per_s for r in bares) / len(bares) if bares else 0.0


def bare_drift(results: dict[Page, LoadResult]) -> float:
    rates = [r.requests_per_s for r in bare_results(results)]
    return (max(rates) - min(rates)) / max(rates) if rates and max(rates) else 0.0


def ratio(result: LoadResult, reference: float) -> float:
    return result.requests_per_s / reference if reference else 0.0


def label(page: Page) -> str:
    return f"{page.name} {page.path}" if page.path == BARE.path else page.path


def load_table(results: dict[Page, LoadResult]) -> str:
    reference = reference_rps(results)
    lines = [
        f"{'page':<24} {'req/s':>9} {'× bare':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  errors"
    ]
    for page, result in results.items():
        errors = ", ".join(f"{k}={v}" for k, v in result.errors.items()) or "-"
        lines.append(
            f"{label(page):<24} {result.requests_per_s:>9.1f} {ratio(result, reference):>7.2f} "
            f"{result.p50_ms:>8.1f} {result.p95_ms:>8.1f} {result.p99_ms:>8.1f}  {errors}"
        )
    return "\n".join(lines)


def within_weight_budget(weight: PageWeight, budget: int = WEIGHT_BUDGET_BYTES) -> bool:
    return (
        weight.status == 200
        and weight.total_bytes <= budget
        and len(weight.third_party) <= THIRD_PARTY_BUDGET
    )


def weight_table(weights: dict[Page, PageWeight]) -> str:
    lines = [
        f"{'page':<24} {'KB':>7} {'HTML KB':>8} {'HTML as':>8} {'assets':>6} {'3rd-party':>9}  "
        "budget"
    ]
    for page, weight in weights.items():
        verdict = "yes" if within_weight_budget(weight, page.max_bytes) else "NO"
        lines.append(
            f"{weight_label(page):<24} {weight.total_bytes / 1000:>7.1f} "
            f"{weight.html_bytes / 1000:>8.1f} "
            f"{weight.html_encoding:>8} {len(weight.assets):>6} {len(weight.third_party):>9}  "
            f"{verdict}"
        )
    return "\n".join(lines)


def load_misses(results: dict[Page, LoadResult]) -> list[str]:
    reference = reference_rps(results)
    misses = []
    for page, result in results.items():
        share = ratio(result, reference)
        if page.min_ratio is not None and share < page.min_ratio:
            misses.append(
                f"{page.path}: {share:.0%} of the bare view's req/s, needs ≥ {page.min_ratio:.0%}"
            )
        if result.errors:
            misses.append(f"{page.path}: errors under load {result.errors}")
    return misses


def weight_label(page: Page) -> str:
    """A row's name in the weight table: the map's data is weighed from the map page's path."""
    return f"{page.path} data" if page.map_data else page.path


def weight_misses(weights: dict[Page, PageWeight]) -> list[str]:
    misses = []
    for page, weight in weights.items():
        if weight.status != 200:
            misses.append(f"{weight_label(page)}: HTTP {weight.status}")
        if weight.total_bytes > page.max_bytes:
            misses.append(
                f"{weight_label(page)}: {weight.total_bytes / 1000:.1f} KB, "
                f"budget {page.max_bytes / 1000:.0f} KB"
            )
        if len(weight.third_party) > THIRD_PARTY_BUDGET:
            misses.append(f"{page.path}: third-party requests {weight.third_party}")
    return misses


def results_document(
    meta: dict,
    loads: dict[Page, LoadResult],
    weights: dict[Page, PageWeight],
    misses: list[str],
    complaints: dict | None = None,
) -> dict:
    reference = reference_rps(loads)
    return {
        "meta": meta,
        "budgets": {
            "weight_bytes": WEIGHT_BUDGET_BYTES,
            "weight_bytes_per_page": {
                p.path: p.max_bytes for p in weights if p.max_bytes != WEIGHT_BUDGET_BYTES
            },
            "third_party": THIRD_PARTY_BUDGET,
            "min_ratio": {p.path: p.min_ratio for p in loads if p.min_ratio is not None},
        },
        "bare_reference_rps": round(reference, 1),
        "bare_drift": round(bare_drift(loads), 3),
        "load": [
            {"name": page.name, "path": page.path, "ratio": round(ratio(r, reference), 3)}
            | r.as_dict()
            for page, r in loads.items()
        ],
        "weight": [
            {
                "name": page.name,
                "within_budget": within_weight_budget(w, page.max_bytes),
                **w.as_dict(),
            }
            for page, w in weights.items()
        ],
        "complaints": complaints,
        "budget_missed": misses,
    }


def write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
