"""Demo inventory (loaded by `load_demo_data`; safe to run again): the platform's modules as
Diskominfo's applications and a few other applications of the city, some public (they appear
in /aplikasi/), with integrations. Names and addresses are invented. Then the SPBE
self-evaluation: the bundled framework, last year finished (every indicator accepted) and
this year under way (some submitted, one returned, the rest assigned)."""

from django.utils import timezone

from satupintu.org.models import OrgUnit
from satupintu.spbe import framework, importer, services
from satupintu.spbe.models import Evaluation, Indicator
from satupintu.spbe.services import evaluation as evaluation_services
from satupintu.spbe.services import framework as framework_services

ROWS = [
    "simpeg-kota,SIMPEG Kota,BKPSDM,khusus,Data kepegawaian ASN,internal,,kota,PHP,ya,terbatas,"
    "aktif,,bkpsdm@demo.satupintu.id,2026-03-10,lulus dengan catatan,",
    "srikandi,SRIKANDI,DISKOMINFO,umum,Naskah dinas (aplikasi umum nasional),internal,,pdn,,"
    "ya,terbatas,digabung,1,,,,",
    "sipd,SIPD,BAPPEDA,umum,Perencanaan dan keuangan daerah,internal,,pdn,,tidak,terbatas,"
    "aktif,,,,,simpeg-kota",
    "e-pbb,e-PBB,BPPDRD,khusus,Pajak bumi dan bangunan,publik,https://pbb.demo.satupintu.id,"
    "kota,Java,ya,terbatas,aktif,2,,2025-11-20,lulus,sipd",
    "sidamkar,Si Damkar,BPBD,khusus,Laporan kebakaran dan bencana,keduanya,"
    "https://damkar.demo.satupintu.id,cloud,Laravel,tidak,terbuka,aktif,3,,,,",
]


def load() -> int:
    units = {u.code: u for u in OrgUnit.objects.all()}
    made = 0
    if "DISKOMINFO" in units:
        made += services.sync_platform_modules(units["DISKOMINFO"])
    rows = [r for r in ROWS if r.split(",")[2] in units]
    text = "\n".join([",".join(importer.COLUMNS), *rows])
    made += services.import_csv(text=text, allowed_units=units, actor=None)
    load_evaluation(units)
    return made


# Which OPD answers which indicators (numbers of the bundled framework); the rest: Diskominfo.
OWNERS = {"BAPPEDA": range(11, 15), "DPU": range(32, 35), "DINKES": range(42, 48)}


def _owner_of(number: int, units) -> OrgUnit | None:
    for code, numbers in OWNERS.items():
        if number in numbers and code in units:
            return units[code]
    return units.get("DISKOMINFO")


def load_evaluation(units) -> None:
    loaded = framework_services.load_framework(framework.BUNDLED.read_text(encoding="utf-8"))
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year):
        if Evaluation.objects.filter(year=year).exists():
            continue
        evaluation = evaluation_services.open_evaluation(
            year=year, framework=loaded.framework, actor=None
        )
        indicators = list(
            Indicator.objects.filter(aspect__domain__framework=loaded.framework).select_related(
                "aspect__domain"
            )
        )
        by_unit = {}
        for indicator in indicators:
            unit = _owner_of(indicator.number, units)
            if unit is not None:
                by_unit.setdefault(unit.pk, (unit, []))[1].append(indicator)
        for unit, items in by_unit.values():
            evaluation_services.assign(
                evaluation=evaluation, indicators=items, org_unit=unit, actor=None
            )
        finished = year < this_year
        for assignment in evaluation.assignments.select_related("indicator"):
            number = assignment.indicator.number
            if not finished and number % 3 == 0:
                continue  # this year: a third not answered yet
            evaluation_services.add_evidence(
                assignment=assignment,
                title="Dokumen pendukung (demo)",
                url=f"https://jdih.demo.satupintu.id/spbe/{year}/{number}",
                actor=None,
            )
            if number == 42:
                evaluation_services.add_evidence(
                    assignment=assignment, title="", figure="pengaduan-opd", actor=None
                )
            level = 2 + (number + year) % 3 + (1 if finished else 0)
            evaluation_services.answer(
                assignment=assignment,
                level=min(level, 5),
                justification="Penjelasan demo: kebijakan dan penerapannya di OPD.",
                submit=True,
                actor=None,
            )
            if finished or number % 3 == 1:
                evaluation_services.review(assignment=assignment, accept=True, note="", actor=None)
            elif number % 5 == 0:
                evaluation_services.review(
                    assignment=assignment,
                    accept=False,
                    note="Lengkapi dengan surat keputusan yang berlaku.",
                    actor=None,
                )
