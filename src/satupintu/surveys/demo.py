"""Demo survey answers (loaded by `load_demo_data`, demo mode only; safe to run again): two
years of answers for four units, so /ikm/ shows scores, bands, a trend and one unit whose
sample is too small."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from satupintu.org.models import OrgUnit
from satupintu.surveys.models import Invitation, Response, Source

# unit, service, (served, answered) this year and last year, how kind its citizens are (0–1)
UNITS = [
    ("DISDUKCAPIL", "Kartu Tanda Penduduk elektronik", (120, 95), (110, 92), 0.85),
    ("DPMPTSP", "Perizinan berusaha", (80, 70), (60, 52), 0.7),
    ("RSUD", "Rawat jalan", (150, 40), (140, 101), 0.5),
    ("DPU", "Pengaduan jalan dan drainase", (60, 50), (50, 40), 0.3),
]
SUGGESTIONS = [
    "Ruang tunggu perlu kipas angin.",
    "Petugas ramah, terima kasih.",
    "Mohon informasi persyaratan dipasang di depan loket.",
    "",
    "",
    "Antrean online sangat membantu.",
]
CHOICES = {
    "sex": [c for c, _l in Response.Sex.choices],
    "age_group": [c for c, _l in Response.AgeGroup.choices],
    "education": [c for c, _l in Response.Education.choices],
    "occupation": [c for c, _l in Response.Occupation.choices],
}


def _answer(rng, kindness: float) -> int:
    roll = rng.random()
    if roll < kindness * 0.6:
        return 4
    if roll < 0.35 + kindness * 0.6:
        return 3
    return 2 if rng.random() < 0.8 else 1


def _moment(rng, year: int, today) -> datetime:
    start = datetime(year, 1, 1).date()
    end = today if year == today.year else datetime(year, 12, 31).date()
    day = start + timedelta(days=rng.randrange(max(1, (end - start).days + 1)))
    return timezone.make_aware(datetime.combine(day, time(9 + rng.randrange(6))))


def load() -> int:
    today = timezone.localdate()
    made = 0
    for code, label, this_year, last_year, kindness in UNITS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            continue
        for year, (served, answered), mood in (
            (today.year, this_year, kindness),
            (today.year - 1, last_year, kindness * 0.9),
        ):
            rng = random.Random(f"{code}:{year}")  # noqa: S311 - demo data, repeatable
            for i in range(served):
                ref = f"demo:{code}:{year}:{i}"
                if Invitation.objects.filter(source=Source.CASE, source_ref=ref).exists():
                    continue
                when = _moment(rng, year, today)
                invitation = Invitation.objects.create(
                    source=Source.CASE,
                    source_ref=ref,
                    org_unit=unit,
                    service_label=label,
                    created_at=when,
                )
                if i >= answered:
                    continue
                Response.objects.create(
                    org_unit=unit,
                    service_label=label,
                    source=Source.CASE,
                    source_ref=ref,
                    channel=Response.Channel.LINK,
                    invitation=invitation,
                    suggestion=rng.choice(SUGGESTIONS),
                    submitted_at=when,
                    **{key: rng.choice(values) for key, values in CHOICES.items()},
                    **{f"u{n}": _answer(rng, mood) for n in range(1, 10)},
                )
                made += 1
    return made
