"""The dashboards' own rollup contributions for the queue and IKM trends (the case metrics are
in `rollup.py`; other apps contribute theirs through `registry.register_rollup`):

- `queue.served` — visitors served that day, per site (unit = the site's unit, key = site id);
- `survey.response` — survey responses submitted that day, per unit; `total` = the sum of
  their nine answers (U1–U9), so a week's IKM = 25 × total ÷ (9 × count).
"""

from collections import defaultdict

from satupintu.dashboards.registry import register_rollup
from satupintu.queues import selectors as queue_selectors
from satupintu.surveys import selectors as survey_selectors
from satupintu.surveys.elements import CODES


def queue_cells(day) -> dict:
    out = defaultdict(lambda: [0, 0])
    for site in queue_selectors.public_sites():
        served = sum(f.served for f in queue_selectors.daily_figures(site, day, day))
        if served:
            out[("queue.served", site.org_unit_id, None, str(site.pk))][0] += served
    return dict(out)


def survey_cells(day) -> dict:
    out = {}
    for row in survey_selectors.daily_answer_sums(day):
        total = sum(row[code] or 0 for code in CODES)
        out[("survey.response", row["org_unit_id"], None, "")] = [row["n"], total]
    return out


register_rollup("queue", queue_cells)
register_rollup("survey", survey_cells)
