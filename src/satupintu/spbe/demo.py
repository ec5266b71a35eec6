"""Demo inventory (loaded by `load_demo_data`; safe to run again): the platform's modules as
Diskominfo's applications and a few other applications of the city, some public (they appear
in /aplikasi/), with integrations. Names and addresses are invented."""

from satupintu.org.models import OrgUnit
from satupintu.spbe import importer, services

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
    return made
