"""Demo accounts and contact details for a fresh demo instance. Never loaded in production."""

DEMO_PASSWORD = "SatuPintu-Demo-2026"  # noqa: S105 - published demo password, demo mode only
DEMO_DOMAIN = "demo.satupintu.id"

# (e-mail local part, full name, org unit code, role, title)
STAFF = [
    ("admin", "Admin Diskominfo", "PEMKOT", "admin", "Admin kota"),
    ("koordinator", "Koordinator Pengaduan", "PEMKOT", "koordinator", "Admin koordinator"),
    ("auditor", "Auditor Inspektorat", "INSPEKTORAT", "auditor", "Auditor"),
    ("kepala.dpu", "Kepala Dinas PU", "DPU", "kepala", "Kepala Dinas"),
    ("operator.dpu", "Operator Dinas PU", "DPU", "operator", "Admin penghubung"),
    ("operator.dinkes", "Operator Dinas Kesehatan", "DINKES", "operator", "Admin penghubung"),
]

CITIZEN = (
    "warga",
    "Siti Rahmawati",
    "6471054107900001",
    "64.71.05.1002",
    "007",
    "Jl. Mulawarman No. 12",
)

# Sub-units (bidang) of some OPDs: (parent code, code, name)
DIVISIONS = [
    ("SETDA", "SETDA-ASS1", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
    ("SETDA", "SETDA-ASS2", "Asisten Perekonomian dan Pembangunan"),
    ("SETDA", "SETDA-ASS3", "Asisten Administrasi Umum"),
    ("DPU", "DPU-BM", "Bidang Bina Marga"),
    ("DPU", "DPU-SDA", "Bidang Sumber Daya Air"),
    ("DINKES", "DINKES-YANKES", "Bidang Pelayanan Kesehatan"),
    ("DINKES", "DINKES-P2P", "Bidang Pencegahan dan Pengendalian Penyakit"),
    ("DISDUKCAPIL", "DISDUKCAPIL-DAFDUK", "Bidang Pelayanan Pendaftaran Penduduk"),
    ("DISDUKCAPIL", "DISDUKCAPIL-CAPIL", "Bidang Pelayanan Pencatatan Sipil"),
]

OFFICE_HOURS = "Senin–Kamis 08.00–16.00, Jumat 08.00–11.00 WITA"

# Complaint categories: (code, name, SLA tier code, default unit, {kecamatan code: unit})
COMPLAINT_CATEGORIES = [
    ("jalan-rusak", "Jalan rusak atau berlubang", "non-pengawasan", "DPU", {}),
    ("drainase-banjir", "Drainase tersumbat / banjir", "non-pengawasan", "DPU", {}),
    ("lampu-jalan", "Lampu penerangan jalan mati", "normatif", "DISHUB", {}),
    ("sampah", "Sampah tidak diangkut", "normatif", "DLH", {}),
    ("layanan-kesehatan", "Pelayanan puskesmas atau rumah sakit", "normatif", "DINKES", {}),
    ("adminduk", "KTP, KK, akta (administrasi kependudukan)", "ringan", "DISDUKCAPIL", {}),
    ("ketertiban", "Ketertiban umum", "normatif", "SATPOLPP", {}),
    ("pungli", "Pungutan liar atau perilaku petugas", "pengawasan", "INSPEKTORAT", {}),
    ("informasi", "Permintaan informasi publik", "ringan", "DISKOMINFO", {}),
    ("lainnya", "Lainnya", "normatif", None, {}),
]
